"""Excel workbooks (state WARN lists often come as .xlsx): every sheet with a header row becomes
rows, exactly as a CSV would, tagged with the sheet's name."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from langchain_core.documents import Document

from ingest.errors import LoadError
from ingest.limits import LimitError, TableCounter, check_zip
from ingest.loaders.table import rows_to_documents


def _cell(value: object) -> str:
    """Dates as ISO, whole floats without `.0`, empty cells as ""."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rows(sheet, counter: TableCounter) -> list[list[str]]:
    """The sheet's rows, read no wider than the column limit allows (a cell at XFD8000 would
    otherwise pad every row to 16,384 cells) and counted against the file's row and cell limits."""
    wide = counter.limits.columns + 1
    rows = sheet.iter_rows(max_col=wide, values_only=True)
    return [counter.add([_cell(v) for v in row], sheet.title) for row in rows]


def load_xlsx(data: bytes, source: str) -> list[Document]:
    from openpyxl import load_workbook

    check_zip(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise LoadError(f"unreadable spreadsheet ({type(error).__name__})") from error
    documents: list[Document] = []
    reasons = []
    counter = TableCounter()
    try:
        for sheet in workbook.worksheets:
            try:
                documents += rows_to_documents(_rows(sheet, counter), table=sheet.title)
            except LimitError:
                raise
            except LoadError as error:  # an empty or notes-only sheet beside the data is normal
                reasons.append(f"{sheet.title}: {error}")
    finally:
        workbook.close()
    if not documents:
        raise LoadError("no sheet has a header and rows" + (f" ({'; '.join(reasons)})" if reasons else ""))
    return documents
