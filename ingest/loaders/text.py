"""Plain text and Markdown: detect the encoding, read an optional header for title and date."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes
from langchain_core.documents import Document

from ingest.dates import find_date, to_iso
from ingest.errors import LoadError

_HEADER_LINE = re.compile(r"^(title|date|kind|source|url)\s*:\s*(.+)$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def decode(data: bytes) -> str:
    """Bytes to text with the encoding detected, refusing binary data under a text name."""
    if not data.strip():
        raise LoadError("empty file")
    if b"\x00" in data[:8192]:
        raise LoadError("binary data, not text")
    best = from_bytes(data).best()
    if best is None:
        raise LoadError("binary data, not text (no text encoding fits)")
    text = _CONTROL.sub("", str(best))
    if not text.strip():
        raise LoadError("empty file")
    return text


def _split_header(text: str) -> tuple[dict[str, str], str]:
    """Leading `Key: value` lines (title, date, kind, source) become metadata."""
    header: dict[str, str] = {}
    lines = text.lstrip().splitlines()
    body_start = 0
    for i, line in enumerate(lines[:8]):
        match = _HEADER_LINE.match(line.strip())
        if not match:
            break
        header[match.group(1).lower()] = match.group(2).strip()
        body_start = i + 1
    return header, "\n".join(lines[body_start:]).strip()


def load_text(data: bytes, source: str) -> list[Document]:
    header, body = _split_header(decode(data))
    if not body:
        raise LoadError("empty file (header only)")
    title = header.get("title", "")
    first, _, rest = body.partition("\n")
    heading = first.strip().lstrip("# ").strip()
    if not title and (first.startswith("#") or len(first) <= 120):
        title = heading
    if heading == title and rest.strip():
        body = rest.strip()  # the title is metadata (and prefixed when embedding); no need to repeat it
    metadata = {
        "title": title[:300],
        "date": to_iso(header.get("date")) or find_date(body[:600]),
    }
    if "kind" in header:
        metadata["kind"] = header["kind"].strip().lower()
    if "source" in header or "url" in header:
        metadata["origin"] = header.get("source") or header.get("url", "")
    return [Document(page_content=body, metadata=metadata)]
