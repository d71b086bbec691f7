"""Tables inside PDFs, found by their layout (pdfplumber), read as rows under their header.

pypdf's text of a table page runs cells of several records together ("<date> <date> <Company A>
<City> 68 Layoff <date> <Company B>"), so a figure reads as its neighbour's. pdfplumber finds each
table from its ruling lines and text alignment and gives its cells by row. Here a table becomes
rows under a header: a table that continues on the next page (same number of columns, its first row
not a header) joins the one before it, a header repeated on every page is read once, header rows
that wrap are joined, and the line above a table is its caption. The page's prose is read without
the tables' text, so passages do not quote table cells as run-on sentences.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from ingest.loaders.table_shape import clean, split_header, usable

_FIGURE = re.compile(r"(?<![\w.])[$(-]?\d[\d,./-]*%?(?![\w])")


@dataclass
class PdfTable:
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    caption: str = ""
    page: int = 0  # the page it starts on
    pages: list[int] = field(default_factory=list)  # each row's page


@dataclass
class PdfPage:
    number: int
    prose: str  # the page's text outside its tables
    tables: list[PdfTable] = field(default_factory=list)  # tables that start on this page
    has_tables: bool = False  # tables start or continue here: `prose` is the text to read


def _caption(page, top: float) -> str:
    """The text just above the table (up to three lines within ~40 points), when there is any."""
    if top <= 2:
        return ""
    above = page.crop((0, max(0, top - 40), page.width, top)).extract_text() or ""
    lines = [line.strip() for line in above.splitlines() if line.strip()]
    return " ".join(lines[-3:])[:200]


def tabular(text: str, min_lines: int = 5) -> bool:
    """Whether a page's plain text has the look of a table: several lines holding two figures or
    more (a date and a count). Only such pages are given to the (slower) layout reader."""
    lines = (line for line in text.splitlines() if len(_FIGURE.findall(line)) >= 2)
    return sum(1 for _ in zip(range(min_lines), lines, strict=False)) >= min_lines


def _outside(tables) -> callable:
    boxes = [t.bbox for t in tables]

    def keep(obj) -> bool:
        x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
        y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    return keep


def read_pages(data: bytes, numbers: set[int]) -> list[PdfPage]:
    """The given pages' prose (tables left out) and tables, continued tables joined to the table
    they continue, in page order."""
    import pdfplumber

    pages: list[PdfPage] = []
    previous: PdfTable | None = None
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            if number not in numbers:
                previous = None
                continue
            found = [t for t in page.find_tables() if usable([[clean(c) for c in r] for r in t.extract()])]
            if found:
                page = page.filter(_outside(found))
            prose = page.extract_text()
            entry = PdfPage(number, prose or "", has_tables=bool(found))
            for table in found:
                rows = [[clean(c) for c in r] for r in table.extract()]
                header, body = split_header(rows)
                continues = previous is not None and len(rows[0]) == len(previous.header)
                if continues and (not header or header == previous.header):
                    previous.rows += body  # the same table on the next page, its header repeated or not
                    previous.pages += [number] * len(body)
                    continue
                if not header:
                    header = [f"column {i + 1}" for i in range(len(rows[0]))]
                previous = PdfTable(header, body, _caption(page, table.bbox[1]), number, [number] * len(body))
                entry.tables.append(previous)
            pages.append(entry)
            if not found:
                previous = None if (prose or "").strip() else previous
    return pages
