"""Bytes in, LangChain documents out: one loader per format, chosen by extension or content type."""

from __future__ import annotations

from collections.abc import Callable

from langchain_core.documents import Document

from ingest.loaders.docx import load_docx
from ingest.loaders.html import load_html
from ingest.loaders.pdf import load_pdf
from ingest.loaders.table import load_csv
from ingest.loaders.text import load_text
from ingest.loaders.xlsx import load_xlsx

Loader = Callable[[bytes, str], list[Document]]

LOADERS: dict[str, Loader] = {
    ".txt": load_text,
    ".md": load_text,
    ".markdown": load_text,
    ".html": load_html,
    ".htm": load_html,
    ".pdf": load_pdf,
    ".csv": load_csv,
    ".docx": load_docx,
    ".xlsx": load_xlsx,
}

CONTENT_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/csv": ".csv",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}

__all__ = ["CONTENT_TYPES", "LOADERS", "Loader"]
