"""PDFs with pypdf: one document per page, so answers can cite the page."""

from __future__ import annotations

import io
import logging

from langchain_core.documents import Document
from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from ingest.dates import to_iso
from ingest.errors import LoadError

MAX_PAGES = 2000
logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on damaged files would interleave with ours
FULL_LINE = 60  # a line this long that ends mid-sentence was wrapped by the layout, not the author


def _unwrap(text: str) -> str:
    """pypdf keeps the PDF's line breaks; join the lines that break mid-sentence."""
    lines = text.strip().splitlines()
    out = lines[:1]
    for previous, line in zip(lines, lines[1:], strict=False):
        if len(previous) >= FULL_LINE and previous.rstrip()[-1:] not in ".!?:" and line.strip():
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def _open(data: bytes) -> PdfReader:
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
    if len(reader.pages) > MAX_PAGES:
        raise LoadError(f"PDF has {len(reader.pages)} pages, over the {MAX_PAGES}-page limit")
    info = reader.metadata or {}
    title = str(info.get("/Title") or "").strip()
    date = to_iso(str(info.get("/CreationDate") or ""))
    documents = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            text = page.extract_text() or ""
        except Exception as error:  # pypdf raises many types on damaged content streams
            raise LoadError(f"corrupt PDF page {number} ({error})"[:200]) from error
        if text.strip():
            documents.append(Document(page_content=_unwrap(text), metadata={"page": number}))
    if not documents:
        raise LoadError("no text layer; OCR is not supported")
    title = title or documents[0].page_content.strip().splitlines()[0][:120]
    for document in documents:
        document.metadata.update(title=title, date=date)
    return documents
