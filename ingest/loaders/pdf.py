"""PDFs with pypdf: one document per page, so answers can cite the page. The layout's line
breaks are left to ingest.normalize, like any other hard-wrapped text."""

from __future__ import annotations

import io
import logging

from langchain_core.documents import Document

from ingest.dates import find_date, to_iso
from ingest.errors import LoadError
from ingest.limits import LimitError, current
from ingest.loaders import ocr
from ingest.loaders.pdf_tables import PdfPage, PdfTable, read_pages, tabular
from ingest.loaders.table_shape import table_documents
from ingest.structure import placeholder_title

OPENING_CHARS = 1500  # where a publication date is written, as in a Word file

logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on damaged files would interleave with ours


def _open(data: bytes):
    from pypdf import PdfReader  # loaded with the first PDF, not on every start
    from pypdf.errors import PdfReadError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError("encrypted PDF (needs a password)")
        reader.pages  # noqa: B018 - touching the page tree finds most corruption here
    except LoadError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise LoadError(f"corrupt PDF ({error.__class__.__name__}: {error})"[:200]) from error
    return reader


def _layout(data: bytes, numbers: set[int]) -> dict[int, PdfPage]:
    """The given pages with their tables found by layout; none when the layout reader cannot read
    the file (pypdf's text then stands alone, as before tables were read)."""
    if not numbers:
        return {}
    try:
        return {page.number: page for page in read_pages(data, numbers)}
    except Exception:  # noqa: BLE001 - pdfminer raises many types on damaged files; tables are a bonus
        logging.getLogger("layoffqa").info("no table layout read", exc_info=True)
        return {}


def _read_scans(reader, texts: list[str], seconds: float) -> list[int]:
    """OCR for the pages without a text layer, in place; the pages that still have no text."""
    blank = [n for n, text in enumerate(texts, start=1) if not text.strip()]
    if not blank or not ocr.available():
        return blank if any(t.strip() for t in texts) else []
    for number in blank:
        texts[number - 1] = ocr.read_page(reader.pages[number - 1], number, seconds)
    return [n for n in blank if not texts[n - 1].strip()]


def _table_rows(tables: list[PdfTable]) -> list[Document]:
    return [
        row
        for table in tables
        for row in table_documents(
            table.header, table.rows, f"{table.caption or 'Table'} (page {table.page})", table.pages
        )
    ]


def load_pdf(data: bytes, source: str) -> list[Document]:
    if not data.strip():
        raise LoadError("empty file")
    reader = _open(data)
    limits = current()
    if len(reader.pages) > limits.pages:
        raise LimitError(f"PDF has {len(reader.pages):,} pages, over the {limits.pages:,}-page limit")
    info = reader.metadata or {}
    title = str(info.get("/Title") or "").strip()
    texts, chars = [], 0
    for number, page in enumerate(reader.pages, start=1):
        try:
            texts.append(page.extract_text() or "")
        except Exception as error:  # pypdf raises many types on damaged content streams
            raise LoadError(f"corrupt PDF page {number} ({error})"[:200]) from error
        chars += len(texts[-1])
        if chars > limits.text_chars:
            raise LimitError(f"over {limits.text_chars:,} characters of text by page {number}")
    unread = _read_scans(reader, texts, limits.ocr_seconds)
    layout = _layout(data, {n for n, text in enumerate(texts, start=1) if tabular(text)})
    documents = []
    for number, text in enumerate(texts, start=1):
        if number in layout and layout[number].has_tables:
            text = layout[number].prose  # the page without its tables, which come as rows below
            documents += _table_rows(layout[number].tables)
        if text.strip():
            documents.append(Document(page_content=text, metadata={"page": number}))
    if not documents:
        raise LoadError(
            "no text, even by OCR" if ocr.available() else "no text layer (tesseract-ocr reads scans)"
        )
    if unread:  # reported with the file's result, not skipped in silence
        documents[0].metadata["ingest_note"] = "no text on page(s) " + ", ".join(map(str, unread))
    if placeholder_title(title):
        title = ""  # chunking then reads the title from the first page's headings
    # A date written on the first page ("Released June 12, 2032") beats the file's creation date,
    # which is when it was exported; a table's dates are its rows', not the document's.
    opening = next((d.page_content for d in documents if "row" not in d.metadata), "")[:OPENING_CHARS]
    date = find_date(opening) or to_iso(str(info.get("/CreationDate") or ""))
    for document in documents:
        document.metadata.update(title=title, date=date)
    return sorted(documents, key=lambda d: "row" in d.metadata)  # prose first: it holds the title
