"""Data tables in HTML pages (`<table>`), read as rows under their header.

The main-text extractor flattens a table or drops it with the page chrome, so a release's "Table A"
or a state's WARN log could not be looked up. Here every innermost `<table>` that holds data
(layout tables hold other tables, or mostly empty cells) becomes rows under its header: `<th>`
rows, else the leading rows that hold no values, joined column by column; a cell spanning columns
fills each of them. Its caption is its `<caption>`, else the nearest heading before it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.loaders.table_shape import clean, split_header, usable

MAX_SPAN = 50  # a colspan beyond this is a layout trick, not a header over fifty columns


@dataclass
class HtmlTable:
    header: list[str]
    rows: list[list[str]]
    caption: str
    element: object = None  # the <table> in the tree, so the page's prose can be read without it


def _cells(row) -> tuple[list[str], bool]:
    """The row's cells, spans expanded, and whether it is a header row (all `<th>`)."""
    cells, heads = [], []
    for cell in row:
        if cell.tag not in ("td", "th"):
            continue
        try:
            span = max(1, min(int(cell.get("colspan", "1")), MAX_SPAN))
        except ValueError:
            span = 1
        cells += [clean(cell.text_content())] * span
        heads.append(cell.tag == "th")
    return cells, bool(heads) and all(heads)


def _caption(table) -> str:
    caption = table.find("caption")
    if caption is not None and clean(caption.text_content()):
        return clean(caption.text_content())[:200]
    heading = table.xpath("preceding::*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5][1]")
    return clean(heading[0].text_content())[:200] if heading else ""


def read_tables(tree) -> list[HtmlTable]:
    """The page's data tables, in document order (`tree` is an lxml.html tree)."""
    found = []
    for table in tree.iter("table"):
        if table.find(".//table") is not None:
            continue  # a layout table around others: its inner tables are read instead
        rows, marked = [], 0
        for row in table.iter("tr"):
            cells, is_head = _cells(row)
            if not any(cells):
                continue
            if is_head and len(rows) == marked:
                marked += 1
            rows.append(cells)
        width = max((len(r) for r in rows), default=0)
        rows = [r + [""] * (width - len(r)) for r in rows]
        if not usable(rows):
            continue
        header, body = split_header(rows, marked)
        if header and body:
            found.append(HtmlTable(header, body, _caption(table), table))
    return found
