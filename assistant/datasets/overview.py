"""Each ingested table at a glance, for the Datasets tab: size, date range, the figure over time and
the largest entities and industries, computed with the same column choices the planner makes. A
table with no figure column gets no charts (counting rows per code charts nothing)."""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import pandas as pd

from assistant.datasets.matching import column_for, date_column, measure_column, summary_rows
from vectorstore.tables import TableInfo

TOP = 10


@dataclass
class TableOverview:
    table: TableInfo
    first: str = ""
    last: str = ""
    measure: str = ""
    over_time: pd.DataFrame | None = None  # month, total
    top: dict[str, pd.DataFrame] = field(default_factory=dict)  # column -> (value, total) rows


def _top(
    con: duckdb.DuckDBPyConnection, table: TableInfo, column: str, figure: str, parts: str
) -> pd.DataFrame:
    return con.execute(
        f'SELECT "{column}", {figure} AS total FROM "{table.name}" WHERE "{column}" IS NOT NULL{parts} '
        f"GROUP BY 1 ORDER BY 2 DESC NULLS LAST LIMIT {TOP}"
    ).df()


def overview(con: duckdb.DuckDBPyConnection, table: TableInfo) -> TableOverview:
    result = TableOverview(table)
    measure = measure_column(table, "")
    date = date_column(table, "")
    if date is not None:
        first, last = con.execute(
            f'SELECT min("{date.name}"), max("{date.name}") FROM "{table.name}"'
        ).fetchone()
        result.first, result.last = str(first or ""), str(last or "")
    if measure is None:  # no figure to chart: a count per code or per month says nothing of a table
        return result
    figure = f'SUM("{measure.name}")'
    result.measure = measure.name
    summary = summary_rows(con, table)  # a "Total" row is no entity, and would double every month
    parts = f" AND {summary.excluded()}" if summary else ""
    if date is not None:
        result.over_time = con.execute(
            f'SELECT date_trunc(\'month\', "{date.name}") AS month, {figure} AS total FROM "{table.name}" '
            f'WHERE "{date.name}" IS NOT NULL{parts} GROUP BY 1 ORDER BY 1'
        ).df()
    label = next(iter(table.of_type("text")), None)
    sector = column_for(table, ["industry", "sector"])
    for name in dict.fromkeys(c.name for c in (label, sector) if c is not None):
        result.top[name] = _top(con, table, name, figure, parts)
    return result
