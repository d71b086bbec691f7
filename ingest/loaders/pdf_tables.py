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

NEAR = 40  # points between a table and the caption above it, at most
BLOCK_GAP = 1.5  # line heights between two lines of one caption, at most
CAPTION_LINES = 4
CAPTION_WORDS = 20  # a block above a table that is longer and ends a sentence is a paragraph
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


def _upright(obj) -> bool:
    return obj.get("object_type") != "char" or obj.get("upright", True)


def _without_sideways_text(page):
    """The page without text set sideways when most of its text is upright: a margin label turned
    90 degrees reads backwards ("weivruobraH") and lands in captions and cells. A page printed
    sideways throughout keeps its text."""
    chars = page.chars
    upright = sum(1 for c in chars if c.get("upright", True))
    return page.filter(_upright) if upright < len(chars) and upright * 2 >= len(chars) else page


def _caption(page_lines: list[dict], box: tuple[float, float, float, float], floor: float) -> list[str]:
    """The block of lines right above a table (a chart's title, the line of units under it),
    read upward while the lines sit as close as a paragraph's (a gap under `BLOCK_GAP` line heights)
    and stopping at `floor` (the table above); none when no text sits within `NEAR` points.
    `page_lines`: the page's text lines, read once for all its tables."""
    x0, top, x1, _ = box
    lines = [
        line
        for line in page_lines
        if floor <= line["top"] and line["bottom"] <= top + 1 and line["x1"] > x0 and line["x0"] < x1
    ]
    block: list[dict] = []
    edge = top
    for line in sorted(lines, key=lambda line: -line["bottom"]):
        height = max(1.0, line["bottom"] - line["top"])
        limit = NEAR if not block else BLOCK_GAP * height
        if edge - line["bottom"] > limit or len(block) == CAPTION_LINES:
            break
        block.append(line)
        edge = line["top"]
    caption = [line["text"].strip() for line in reversed(block)]
    text = " ".join(caption)
    # a paragraph leading into the table ("The state received seven notices, covering ...") is
    # prose, read as prose: as the table's name it would head every answer from the table
    return [] if len(text.split()) > CAPTION_WORDS and text.endswith((".", ":")) else caption


def _continues(
    previous: PdfTable | None,
    rows: list[list[str]],
    header: list[str],
    caption: list[str],
    furniture: set[str],
) -> bool:
    """Whether a page's first table goes on with the last page's: as wide, its header repeated or
    none, and no caption of its own. A running head ("Notices received, page 2"), a line the page
    before also has but for its numbers, is none, nor is a title the first page's caption holds."""
    if previous is None or len(rows[0]) != len(previous.header) or header and header != previous.header:
        return False
    own = [line for line in caption if _digitless(line) not in furniture]
    return not own or _digitless(" ".join(own)) in _digitless(previous.caption)


def _digitless(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


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
    furniture: set[str] = set()  # the last page's lines, numbers aside
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            if number not in numbers:
                previous = None
                continue
            page = _without_sideways_text(page)
            found = [t for t in page.find_tables() if usable([[clean(c) for c in r] for r in t.extract()])]
            if found:
                page = page.filter(_outside(found))
            prose = page.extract_text()
            entry = PdfPage(number, prose or "", has_tables=bool(found))
            floor, lines = 0.0, page.extract_text_lines() if found else []
            for index, table in enumerate(found):
                rows = [[clean(c) for c in r] for r in table.extract()]
                header, body = split_header(rows)
                caption = _caption(lines, table.bbox, floor)
                floor = table.bbox[3]
                if index == 0 and _continues(previous, rows, header, caption, furniture):
                    previous.rows += body  # the same table on the next page, its header repeated or not
                    previous.pages += [number] * len(body)
                    continue
                if not header:
                    header = [f"column {i + 1}" for i in range(len(rows[0]))]
                previous = PdfTable(header, body, " ".join(caption)[:200], number, [number] * len(body))
                entry.tables.append(previous)
            pages.append(entry)
            furniture = {_digitless(line) for line in (prose or "").splitlines() if line.strip()}
            if not found:
                previous = None if (prose or "").strip() else previous
    return pages
