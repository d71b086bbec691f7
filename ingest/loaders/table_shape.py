"""What makes a grid of cells a data table, and where its header ends: shared by the readers of
tables inside PDFs and HTML pages, which both find grids that are only layout."""

from __future__ import annotations

from langchain_core.documents import Document

from ingest.errors import LoadError
from ingest.loaders.table import looks_like_header, rows_to_documents

MIN_ROWS = 2  # data rows a table needs beside its header
MIN_COLUMNS = 2
MIN_FILLED = 0.6  # share of a table's cells that hold something: layout boxes are mostly empty
MAX_CELL_CHARS = 300  # a "cell" longer than this is a text box drawn around prose
MAX_HEADER_ROWS = 3


def clean(cell: object) -> str:
    return " ".join(str(cell or "").split())


def usable(rows: list[list[str]]) -> bool:
    """A data table: two columns or more, rows mostly filled, cells of table size."""
    if len(rows) < MIN_ROWS or max((len(r) for r in rows), default=0) < MIN_COLUMNS:
        return False
    cells = [c for r in rows for c in r]
    if any(len(c) > MAX_CELL_CHARS for c in cells):
        return False
    return sum(bool(c) for c in cells) / len(cells) >= MIN_FILLED


def split_header(rows: list[list[str]], marked: int = 0) -> tuple[list[str], list[list[str]]]:
    """The header (header rows joined column by column: "Employees" over "Affected") and the rows
    below it; no header when the first row already holds data. `marked` header rows are known
    (HTML `<th>` rows); otherwise rows are header rows while they hold no value."""
    top = marked
    while (
        not marked
        and top < len(rows) - 1
        and top < MAX_HEADER_ROWS
        and looks_like_header(rows[top], rows[top + 1])
    ):
        top += 1
    if top == 0:
        return [], rows
    width = max(len(r) for r in rows[:top])
    names = [" ".join(dict.fromkeys(r[i] for r in rows[:top] if i < len(r) and r[i])) for i in range(width)]
    return names, rows[top:]


def table_documents(
    header: list[str], rows: list[list[str]], label: str, pages: list[int] | None = None
) -> list[Document]:
    """A found table's rows as row documents (cells kept as metadata, for the typed tables),
    labelled so that a citation says which table, and (`pages`: each row's) which page, a row is from."""
    try:
        documents = rows_to_documents([header, *rows], table=label)
    except LoadError:
        return []
    for row in documents:
        row.metadata["section"] = label
        index = row.metadata["row"] - 2  # rows_to_documents numbers rows from 2, below the header
        if pages and 0 <= index < len(pages):
            row.metadata["page"] = pages[index]
    return documents
