"""Excel workbooks (state WARN lists often come as .xlsx): every sheet with a header row becomes
rows, exactly as a CSV would, tagged with the sheet's name."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from langchain_core.documents import Document

from ingest.errors import LoadError
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


def load_xlsx(data: bytes, source: str) -> list[Document]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise LoadError(f"unreadable spreadsheet ({type(error).__name__})") from error
    documents: list[Document] = []
    reasons = []
    try:
        for sheet in workbook.worksheets:
            rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            try:
                documents += rows_to_documents(rows, table=sheet.title)
            except LoadError as error:  # an empty or notes-only sheet beside the data is normal
                reasons.append(f"{sheet.title}: {error}")
    finally:
        workbook.close()
    if not documents:
        raise LoadError("no sheet has a header and rows" + (f" ({'; '.join(reasons)})" if reasons else ""))
    return documents
