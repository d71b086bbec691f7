"""Word files with python-docx: body paragraphs and tables in document order, headings kept as
Markdown headings so chunking finds the title and the section path as it does for Markdown."""

from __future__ import annotations

import io
import re
import zipfile

from langchain_core.documents import Document

from ingest.dates import find_date, to_iso
from ingest.errors import LoadError
from ingest.limits import check_text, check_zip
from ingest.structure import placeholder_title

_HEADING = re.compile(r"^(heading (\d)|title)$", re.I)


def _heading_level(style_name: str) -> int:
    match = _HEADING.match(style_name.strip())
    if not match:
        return 0
    return int(match.group(2)) if match.group(2) else 1


def _blocks(document) -> list[str]:
    """Paragraphs as text (headings as `#` lines) and table rows as `a | b | c`, in body order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = item.text.strip()
            if not text:
                continue
            level = _heading_level(item.style.name if item.style is not None else "")
            blocks.append(f"{'#' * min(level, 6)} {text}" if level else text)
        elif isinstance(item, Table):
            rows = []
            for row in item.rows:
                cells = [" ".join(cell.text.split()) for cell in row.cells]
                if any(cells):
                    rows.append(" | ".join(cells))
            if rows:
                blocks.append("\n".join(rows))
    return blocks


def load_docx(data: bytes, source: str) -> list[Document]:
    if not data.strip():
        raise LoadError("empty file")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_zip(data)

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise LoadError(f"not a readable Word file ({error.__class__.__name__})") from error
    text = check_text("\n\n".join(_blocks(document)))
    if not text.strip():
        raise LoadError("no text in the Word file")
    properties = document.core_properties
    # A date written in the document beats its properties; the last-saved time is never a
    # publication date (it is whenever someone last opened and saved the file).
    created = properties.created
    date = find_date(text[:1500]) or (to_iso(created.isoformat()) if created else "")
    title = (properties.title or "").strip()
    # No title property (or a program's placeholder): chunking reads the first heading, else line.
    metadata = {"title": "" if placeholder_title(title) else title[:300], "date": date}
    return [Document(page_content=text, metadata=metadata)]
