"""A grid row cut to the cells a question asks for.

A year-by-month grid's row holds twelve figures ("Year: 2030 | Jan: 27 | … | Apr: 30 | …"); quoted
whole, a reader has to find the month among them. When the question asks for months the row's
columns name, the extractive answer quotes the row with its other cells (the year, a name) and only
those months: "Year: 2030 | Apr: 30". The model is still given the whole row: cut or reordered, the
1.5B model answered one dev-set grid question worse and an invented one better."""

from __future__ import annotations

from ingest.dates import column_months, month_label
from ingest.normalize import is_table_row


def asked_cells(row: str, periods: set[tuple[int, int | None]]) -> str:
    """`row` with the month columns the question does not ask for left out; as it is otherwise."""
    if not is_table_row(row):
        return row
    months = {month for pair in column_months(row) & set(periods) for month in pair[1:]}
    if not months:
        return row
    kept = [cell for cell in row.split(" | ") if month_label(cell.partition(": ")[0]) in (None, *months)]
    return " | ".join(kept)
