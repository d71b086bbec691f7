"""Tables (CSV here, spreadsheets in `xlsx.py`), one document per row, written as a sentence a
question can find.

A layoffs-tracker row becomes "Acme laid off 1,200 employees (15%) on 2025-03-04, Seattle, Retail; stage:
Series B" (one sentence, its other columns after a semicolon);
any other table becomes "column: value; column: value". The cells are kept as metadata (`col_*`,
with the header order in `columns` and the sheet in `table`), so the typed tables that answer
aggregate questions can be rebuilt from the store alone.
"""

from __future__ import annotations

import csv
import io
import re

from langchain_core.documents import Document

from ingest.dates import heading_period, is_year, mentions, to_iso
from ingest.errors import LoadError
from ingest.limits import TableCounter
from ingest.loaders.text import decode

MAX_CELL_CHARS = 2000
_NUMBERISH = re.compile(r"^[\s$€£(+-]*\d[\d,.\s%)/-]*$")
MAX_META_CHARS = 200
csv.field_size_limit(10_000_000)

_ALIASES = {
    "company": ("company", "employer", "organization", "organisation", "company_name"),
    "laid_off": ("total_laid_off", "laid_off", "layoffs", "employees_laid_off", "headcount", "jobs_cut"),
    "percentage": ("percentage_laid_off", "percentage", "percent_laid_off", "pct_laid_off"),
    "date": ("date", "announced", "date_announced", "notice_date"),
    "location": ("location", "city", "location_hq", "state"),
    "industry": ("industry", "sector"),
}


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def _number(value: str) -> str:
    digits = value.replace(",", "").strip()
    try:
        return f"{int(float(digits)):,}"
    except ValueError:
        return value.strip()


def _percent(value: str) -> str:
    raw = value.replace("%", "").strip()
    try:
        number = float(raw)
    except ValueError:
        return value.strip()
    if number <= 1 and "%" not in value:
        number *= 100
    return f"{number:g}%"


# a column of dollar amounts by its name ("Grant amount ($)", "Cost (USD)"), never one in thousands
_DOLLARS = re.compile(r"\((?:US)?\$\)|\(USD\)|\bin dollars\b", re.I)
_SCALED = re.compile(r"thousand|million|billion|000|\$\s*[kmb]\b", re.I)
_BARE_NUMBER = re.compile(r"^-?\d[\d,]*(?:\.\d+)?$")


def _in_dollars(label: str) -> bool:
    return bool(_DOLLARS.search(label)) and not _SCALED.search(label)


def _dollars(value: str) -> str:
    """A bare amount in a dollar column as dollars ("150000" -> "$150,000"): the header's unit
    travels with the figure, so a passage, a citation and the table all read as money."""
    if not _BARE_NUMBER.match(value):
        return value
    number = float(value.replace(",", ""))
    return f"{'-' if number < 0 else ''}${abs(number):,.2f}".removesuffix(".00")


def _field(row: dict[str, str], role: str) -> str:
    return next((row[a] for a in _ALIASES[role] if row.get(a)), "")


def _layoff_sentence(row: dict[str, str]) -> str:
    parts = [f"{_field(row, 'company')} laid off"]
    count = _field(row, "laid_off")
    parts.append(f"{_number(count)} employees" if count else "employees")
    if pct := _field(row, "percentage"):
        parts.append(f"({_percent(pct)})")
    sentence = " ".join(parts)
    if date := _field(row, "date"):
        sentence += f" on {to_iso(date) or date}"
    places = [v for v in (_field(row, "location"), _field(row, "industry")) if v]
    # The other columns stay inside the sentence: split off ("Share of staff: 12%.") they are
    # sentences of their own, read apart from the company they belong to. Not in a row that gives
    # no count, where a figure of another column ("funds raised: 5700") would read as the count.
    used = {a for role in _ALIASES for a in _ALIASES[role]}
    extra = [(k.replace("_", " "), v) for k, v in row.items() if v and k not in used]
    sentence = ", ".join([sentence, *places])
    if count:
        return "; ".join([sentence, *(f"{k}: {v}" for k, v in extra)]) + "."
    return " ".join([f"{sentence}.", *(f"{k.capitalize()}: {v}." for k, v in extra)])


def _row_text(row: dict[str, str], is_layoffs: bool, labels: dict[str, str]) -> str:
    """The row as one unit a reader (and the sentence ranker, which keeps `a | b | c` rows whole)
    takes in at once: "Employer: Hooli | Workers: 120 | Notice date: 2024-02-01"."""
    if is_layoffs:
        return _layoff_sentence(row)
    return " | ".join(f"{labels.get(k, k)}: {v}" for k, v in row.items() if v)


def _header_row(rows: list[list[str]], look: int = 10) -> int:
    """The index of the header: the first row as wide as the table's typical row. A title, a
    source note or `#` comments above it (as many exports have) are one-cell rows and skipped."""
    widths = sorted(
        sum(bool(c.strip()) for c in row) for row in rows[: look * 5] if any(c.strip() for c in row)
    )
    if not widths:
        return 0
    typical = widths[len(widths) // 2]
    for index, row in enumerate(rows[:look]):
        filled = sum(bool(c.strip()) for c in row)
        if filled >= max(2, typical) and not row[0].lstrip().startswith("#"):
            return index
    return 0


def is_value(cell: str) -> bool:
    """A cell that holds a value rather than a column name: a number, a figure or a date."""
    return bool(_NUMBERISH.match(cell)) or any(m.day or m.month for m in mentions(cell))


def _month_heading(cell: str) -> bool:
    """A cell that is a month and nothing else ("January", "Mar. 2031"): no day, no other words."""
    found = mentions(cell.strip())
    return (
        len(found) == 1
        and found[0].month is not None
        and found[0].day is None
        and (found[0].start == 0 and found[0].end >= len(cell.strip().rstrip(".")))
    )


def looks_like_header(row: list[str], below: list[str] | None = None) -> bool:
    """A row of column names: it holds no value, except periods that head columns of figures in the
    row below ("January", "Q1 2037" or "2036" over "28,410" names a column; "March" over "April"
    is a date column)."""
    filled = [c for c in row if c]
    under = below or []

    def names_column(i: int, cell: str) -> bool:
        return not is_value(cell) or (
            (_month_heading(cell) or heading_period(cell) is not None)
            and i < len(under)
            and bool(_NUMBERISH.match(under[i]))
        )

    return bool(filled) and all(names_column(i, c) for i, c in enumerate(row) if c)


def _upper_header(row: list[str]) -> bool:
    """A row that can be part of a header above the one found: names in two cells or more (a title
    line has one), no values, no "Source:"-style labels."""
    filled = [c.strip() for c in row if c.strip()]
    return len(filled) >= 2 and looks_like_header(filled) and not any(c.endswith(":") for c in filled)


def _fills_gaps(header: list[str], row: list[str]) -> bool:
    """Whether `row` is the lower half of a two-row header: names only, one at least where the
    header row has none."""
    gaps = {i for i, c in enumerate(header) if not c.strip()} | set(range(len(header), len(row)))
    return _upper_header(row) and any(row[i].strip() for i in gaps if i < len(row))


def _header_block(rows: list[list[str]], start: int) -> tuple[int, int, list[str]]:
    """Where the header starts and ends (exclusive), and its column names. A header may take up to
    three rows: names merged across columns ("Employees" over "Permanent" and "Temporary", carried
    right over the merged cells) and names merged down ("Company" with an empty cell below)."""
    first_is_header = looks_like_header(rows[start], rows[start + 1] if start + 1 < len(rows) else None)
    end = start + 1 if first_is_header or start == 0 or not _upper_header(rows[start - 1]) else start
    top = end - 1
    while top > 0 and end - top < 3 and _upper_header(rows[top - 1]):
        top -= 1
    while end < len(rows) - 1 and end - top < 3 and _fills_gaps(rows[end - 1], rows[end]):
        end += 1  # a header whose merged cells leave gaps, filled by the names in the row below
    if end - top == 1:
        return top, end, [" ".join(c.split()) for c in rows[top]]
    width = max(len(r) for r in rows[top:end])
    block = [[" ".join(c.split()) for c in r] + [""] * (width - len(r)) for r in rows[top:end]]
    carried = [""] * (len(block) - 1)
    names = []
    for i in range(width):
        for level, row in enumerate(block[:-1]):  # group names carry right while names sit below
            below = any(r[i] for r in block[level + 1 :])
            carried[level] = row[i] or (carried[level] if below else "")
        names.append(" ".join(dict.fromkeys(p for p in [*carried, block[-1][i]] if p)))
    return top, end, names


def _unnamed(i: int, values: list[str]) -> str:
    """A column without a name, named by what it holds when every value is a year (a year-by-month
    grid's first column, whose header cell is blank), so that its rows read "year: 2030 | Jan: 27";
    otherwise by its place."""
    filled = [v.strip() for v in values if v.strip()]
    return "year" if filled and all(map(is_year, filled)) else f"column_{i + 1}"


def rows_to_documents(rows: list[list[str]], table: str = "") -> list[Document]:
    """One document per non-empty row below the header; `table` names the sheet ("" for a CSV)."""
    if not any(any(c.strip() for c in row) for row in rows):
        raise LoadError("empty file")
    top, end, labels = _header_block(rows, _header_row(rows))
    # a title line above the header ("Acme layoffs export, 2019-2021") is the table's own title
    above = [" ".join(c.strip().lstrip("#").strip() for c in row if c.strip()) for row in rows[:top]]
    preamble = next((line for line in above if line), "")
    start = end - 1
    rows = [labels, *rows[end:]]
    if len(rows) < 2:
        raise LoadError("table has a header but no rows" if rows else "empty file")
    header = [_key(h) or _unnamed(i, [r[i] for r in rows[1:] if i < len(r)]) for i, h in enumerate(rows[0])]
    header = [name if name not in header[:i] else f"{name}_{i + 1}" for i, name in enumerate(header)]
    is_layoffs = any(a in header for a in _ALIASES["company"]) and any(
        a in header for a in _ALIASES["laid_off"]
    )
    shown = {name: label.rstrip(":").strip() for name, label in zip(header, labels, strict=False) if label}
    dollars = {name for name, label in shown.items() if _in_dollars(label)}
    documents = []
    for number, cells in enumerate(rows[1:], start=start + 2):
        if not any(c.strip() for c in cells):
            continue
        names = header + [f"extra_{i + 1}" for i in range(len(cells) - len(header))]
        # a cell written over several lines (an address) is one value: the row stays one line, one unit
        row = {
            name: " ".join(cell.split())[:MAX_CELL_CHARS] for name, cell in zip(names, cells, strict=False)
        }
        row.update({name: _dollars(row[name]) for name in dollars if row.get(name)})
        metadata: dict[str, str | int] = {
            "row": number,
            "date": to_iso(_field(row, "date")),
            "table": table,
            "columns": "|".join(names),
        }
        if preamble and not table:  # a CSV's title line is the document's title
            metadata["title"] = preamble[:300]
        if preamble or table:  # a sheet's own name: its name and its title line
            metadata["section"] = " · ".join(p for p in (table, preamble) if p)[:300]
        metadata.update({f"col_{k}": v[:MAX_META_CHARS] for k, v in row.items() if v})
        documents.append(Document(page_content=_row_text(row, is_layoffs, shown), metadata=metadata))
    if not documents:
        raise LoadError("table has no non-empty rows")
    return documents


def load_csv(data: bytes, source: str) -> list[Document]:
    text = decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    counter = TableCounter()
    try:
        rows = [counter.add(row) for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        raise LoadError(f"unreadable CSV ({error})") from error
    return rows_to_documents(rows)
