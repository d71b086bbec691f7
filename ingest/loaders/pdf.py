"""PDFs with pypdf: one document per page, so answers can cite the page. The layout's line
breaks are left to ingest.normalize, like any other hard-wrapped text."""

from __future__ import annotations

import io
import logging
import re

from langchain_core.documents import Document

from ingest.dates import to_iso
from ingest.errors import LoadError
from ingest.limits import LimitError, current

logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on damaged files would interleave with ours
# Titles that name the file or the program that made it, not the document.
_JUNK_TITLE = re.compile(r"^(untitled|microsoft \w+ - |.*\.(docx?|pdf|indd|qxd|rtf|odt)$|document\d*$)", re.I)


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


def load_pdf(data: bytes, source: str) -> list[Document]:
    if not data.strip():
        raise LoadError("empty file")
    reader = _open(data)
    limits = current()
    if len(reader.pages) > limits.pages:
        raise LimitError(f"PDF has {len(reader.pages):,} pages, over the {limits.pages:,}-page limit")
    info = reader.metadata or {}
    title = str(info.get("/Title") or "").strip()
    date = to_iso(str(info.get("/CreationDate") or ""))
    documents, chars = [], 0
    for number, page in enumerate(reader.pages, start=1):
        try:
            text = page.extract_text() or ""
        except Exception as error:  # pypdf raises many types on damaged content streams
            raise LoadError(f"corrupt PDF page {number} ({error})"[:200]) from error
        chars += len(text)
        if chars > limits.text_chars:
            raise LimitError(f"over {limits.text_chars:,} characters of text by page {number}")
        if text.strip():
            documents.append(Document(page_content=text, metadata={"page": number}))
    if not documents:
        raise LoadError("no text layer; OCR is not supported")
    if _JUNK_TITLE.match(title):
        title = ""  # chunking then reads the title from the first page's headings
    for document in documents:
        document.metadata.update(title=title, date=date)
    return documents
