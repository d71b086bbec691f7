"""Plain text and Markdown: detect the encoding, read an optional header for title and date."""

from __future__ import annotations

import codecs
import re

import yaml
from charset_normalizer import from_bytes
from langchain_core.documents import Document

from ingest.dates import find_period, to_iso
from ingest.errors import LoadError
from ingest.limits import check_text

_HEADER_LINE = re.compile(r"^(title|date|period|kind|source|url)\s*:\s*(.+)$", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (codecs.BOM_UTF8, "utf-8-sig"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def decode(data: bytes) -> str:
    """Bytes to text with the encoding detected, refusing binary data under a text name."""
    if not data.strip():
        raise LoadError("empty file")
    for bom, encoding in _BOMS:  # Windows tools write UTF-16 with a byte-order mark: text, not binary
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding))
            except UnicodeDecodeError as error:
                raise LoadError(f"not valid {encoding.upper()} text") from error
    if b"\x00" in data[:8192]:
        raise LoadError("binary data, not text")
    best = from_bytes(data).best()
    if best is None:
        raise LoadError("binary data, not text (no text encoding fits)")
    return _checked(str(best))


def _checked(text: str) -> str:
    text = _CONTROL.sub("", text)
    if not text.strip():
        raise LoadError("empty file")
    return text


# how data entry writes a value nobody knew: not a title, a date or a source
_MISSING = frozenset({"", "unknown", "none", "null", "n/a", "na", "tbd", "-", "?"})


def _missing(value: object) -> bool:
    return value is None or str(value).strip().lower() in _MISSING


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """A YAML block between `---` lines at the top (static sites, note apps, exports) is metadata."""
    match = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        return {}, text[match.end() :]
    wanted = {
        "title": ("title", "headline"),
        "date": ("date", "published", "publish_date", "created"),
        "period": ("period",),
        "kind": ("kind",),
        "source": ("url", "source", "link"),
    }
    header = {}
    for key, names in wanted.items():
        value = next((data[n] for n in names if not _missing(data.get(n))), None)
        if value is not None and not isinstance(value, dict | list):
            header[key] = str(value)
    return header, text[match.end() :]


def _split_header(text: str) -> tuple[dict[str, str], str]:
    """Leading `Key: value` lines (title, date, period, kind, source) become metadata."""
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
    """The title comes from a header or front matter here; without one, chunking reads it from
    the document's own headings."""
    front, text = _front_matter(check_text(decode(data)))
    header, body = _split_header(text)
    header = {**front, **header}
    if not body:
        raise LoadError("empty file (header only)")
    metadata = {"title": header.get("title", "")[:300], "date": to_iso(header.get("date"))}
    period = find_period(header.get("period", ""))  # the month or year the figures are for
    if period:
        metadata["period"] = period
    if "kind" in header:
        metadata["kind"] = header["kind"].strip().lower()
    if "source" in header or "url" in header:
        metadata["origin"] = header.get("source") or header.get("url", "")
    return [Document(page_content=body, metadata=metadata)]
