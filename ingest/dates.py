"""Dates as documents and questions write them, read into one form.

"December 5, 2023", "Dec. 2023", "5 December 2023", "12/5/2023" and "2023-12-05" are one date;
the store keeps ISO so filters compare, and the relevance gate compares (year, month) pairs so a
question's "1/28/2026" meets a passage's "January 28, 2026". Candidates are found by pattern and
read by dateutil; a month name is a month only where it is written like one ("may" is a verb).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

from dateutil import parser as dateutil_parser

MONTHS = "january february march april may june july august september october november december".split()
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)\b"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)(?:-(?P<day>[0-3]\d))?\b"),
    re.compile(rf"\b(?P<month>1[0-2]|0?[1-9])/(?P<day>[0-3]?\d)/{_YEAR}"),
    # month-day-year with a two-digit year, as U.S. exports write it ("07-21-22", "7/21/22")
    re.compile(
        r"(?<![\w/.-])(?P<month>1[0-2]|0?[1-9])([/-])(?P<day>[0-3]?\d)\2(?P<short_year>\d\d)(?![\w/.-])"
    ),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.I),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}", re.I),
    re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}", re.I),
    re.compile(rf"\b{_MONTH}(?!\w)", re.I),  # a month alone: read only when written as a name
    re.compile(rf"(?<![\d,.$-]){_YEAR}(?![.,]?\d|-\d)"),
]
# "May" alone is a month after these words ("in May", "through May"), a modal verb elsewhere.
_BEFORE_BARE_MONTH = re.compile(
    r"\b(?:in|of|since|until|till|by|during|for|from|to|through|between|and|or|early|late|mid|last|next|this)\W*$",
    re.I,
)


@dataclass(frozen=True)
class DateMention:
    year: int | None
    month: int | None
    day: int | None
    start: int
    end: int


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    if name.isdigit():
        return int(name)
    return next(i for i, m in enumerate(MONTHS, start=1) if m.startswith(name[:3]))


def _bare_month_ok(text: str, match: re.Match) -> bool:
    word = match.group("month")
    if not word[0].isupper():
        return False
    if word.lower() in ("may", "mar", "jan", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "feb", "apr"):
        return bool(_BEFORE_BARE_MONTH.search(text[max(0, match.start() - 12) : match.start()]))
    return True


def _exists(year: int | None, month: int | None, day: int | None) -> bool:
    """Whether the day is in its month (February 29 only in leap years; any year when none is given)."""
    if day is None or month is None:
        return True
    return day <= calendar.monthrange(year or 2000, month)[1]


def impossible_dates(text: str) -> list[str]:
    """Dates written with a day their month does not have ("February 30, 2023"), as written."""
    return [text[m.start : m.end] for m in _mentions(text) if not _exists(m.year, m.month, m.day)]


def mentions(text: str) -> list[DateMention]:
    """Every date, month-year, month and year written in a text, longest reading first, without
    overlaps; a day its month does not have makes no date."""
    return [m for m in _mentions(text) if _exists(m.year, m.month, m.day)]


def _century(short: str | None) -> int | None:
    """A two-digit year in the century that puts it nearest to now (as dateutil reads them)."""
    if not short:
        return None
    return dateutil_parser.parse(f"1/1/{short}").year


def _mentions(text: str) -> list[DateMention]:
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for index, pattern in enumerate(_PATTERNS):
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            groups = match.groupdict()
            if index == 6 and not _bare_month_ok(text, match):
                continue
            year = int(groups["year"]) if groups.get("year") else _century(groups.get("short_year"))
            month = _month_number(groups["month"]) if groups.get("month") else None
            day = int(groups["day"]) if groups.get("day") else None
            if day is not None and not 1 <= day <= 31 or month is not None and not 1 <= month <= 12:
                continue
            taken.append((match.start(), match.end()))
            found.append(DateMention(year, month, day, match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def to_iso(value: str | date | datetime | None) -> str:
    """Normalise a date to YYYY-MM-DD, or '' when it cannot be read (never a guess)."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if text.startswith("D:") and len(text) >= 10:  # PDF date string D:YYYYMMDD...
        text = f"{text[2:6]}-{text[6:8]}-{text[8:10]}"
    if not re.search(r"\d", text):
        return ""
    try:
        return dateutil_parser.parse(text, default=datetime(2000, 1, 1)).date().isoformat()
    except (ValueError, OverflowError):
        return ""


def parse_user_date(value: str, end: bool = False) -> str:
    """A date a user typed ("2025", "March 2025", "2025/03/04") as ISO; the start of a year or
    month, or its end when `end`. Raises ValueError with a readable reason."""
    text = value.strip()
    found = [m for m in mentions(text) if m.year]
    if found and found[0].end - found[0].start >= len(text.strip(" .")) - 1:
        m = found[0]
        if m.month is None:
            return f"{m.year}-12-31" if end else f"{m.year}-01-01"
        if m.day is None:
            last = (date(m.year + m.month // 12, m.month % 12 + 1, 1) - date.resolution).day
            return f"{m.year}-{m.month:02d}-{last if end else 1:02d}"
    iso = to_iso(text)
    if not iso or not re.search(r"(19|20)\d\d", text):
        raise ValueError(f"cannot read {value!r} as a date (try 2025-03-04, March 2025 or 2025)")
    return iso


def find_date(text: str) -> str:
    """The first full date (with a day) written in a text, as ISO, or ''."""
    for m in mentions(text):
        if m.year and m.month and m.day:
            try:
                return date(m.year, m.month, m.day).isoformat()
            except ValueError:
                continue
    return ""


def find_period(text: str) -> str:
    """The period a title or heading names: "YYYY-MM" for a month, "YYYY" for a year, else ''."""
    found = mentions(text)
    for m in found:
        if m.year and m.month and m.day is None:
            return f"{m.year}-{m.month:02d}"
    for m in found:
        if m.year and m.month is None:
            return str(m.year)
    return ""


_PUBLISHED = re.compile(r"\b(?:published|released|updated|posted|issued)(?:\s+on)?\s*:?\s*$", re.I)


def publication_dates_removed(text: str) -> str:
    """The text without the days it gives as its own publication date ("Published July 9, 2036"):
    a page of January-to-June claims put out in July has no July figures. Its date is the
    document's date (`find_date`), not a period it reports on."""
    for m in reversed(mentions(text)):
        if m.day and _PUBLISHED.search(text[max(0, m.start - 30) : m.start]):
            text = f"{text[: m.start]} {text[m.end :]}"
    return text


def month_years(text: str, period: str = "", days: bool = True) -> set[tuple[int, int | None]]:
    """The (year, month) pairs a text speaks of, and (year, None) for each year it names.

    A month written without a year ("rose in December") is read against the text's period: in a
    report on 2024-01, December is December 2023; a later month than the period's is in the
    year before, because a report cannot hold figures for months still to come. With `days` off,
    dates with a day are left out: "41,000 in July, released on August 1" reports on July."""
    anchor = re.match(r"((?:19|20)\d\d)(?:-(\d\d))?", period or "")
    pairs: set[tuple[int, int | None]] = set()
    for m in mentions(text):
        if m.day is not None and not days:
            continue
        year = m.year
        if year is None and m.month and anchor:
            period_year, period_month = int(anchor.group(1)), int(anchor.group(2) or 12)
            year = period_year if m.month <= period_month else period_year - 1
        if year is None:
            continue
        pairs.add((year, None))
        if m.month:
            pairs.add((year, m.month))
    return pairs


def is_year(value: str) -> bool:
    """Whether a cell or word is a year and nothing else ("2030")."""
    return re.fullmatch(r"(?:19|20)\d\d", value.strip()) is not None


def column_months(row: str) -> set[tuple[int, int]]:
    """The months a table row ("Label: value | Label: value") gives figures for through its column
    names, in the one year its cells name: a year-by-month grid's row "Year: 2030 | Jan: 27 |
    Apr: 30" speaks of January and April 2030. None when its cells name no year, or several."""
    cells = [cell.partition(": ") for cell in row.split(" | ")]
    years = {int(value) for _, _, value in cells if is_year(value)}
    if len(years) != 1:
        return set()
    year = years.pop()
    return {(year, month) for label, colon, _ in cells if colon and (month := month_label(label))}


def month_label(label: str) -> int | None:
    """The month a column name is, when it is a month's name and nothing else ("Apr", "April")."""
    found = re.fullmatch(_MONTH, label.strip(), re.I)
    return _month_number(found.group("month")) if found else None


_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_SPAN = re.compile(
    r"\b(?:(?P<ordinal>first|1st|second|2nd|third|3rd|fourth|4th)\s+(?P<part>quarter|half)"
    r"|(?P<letter>[QH])(?P<number>[1-4]))(?:\s+of)?(?:\s+(?:the\s+)?(?:calendar\s+)?year)?,?\s+" + _YEAR,
    re.I,
)


@dataclass(frozen=True)
class PeriodSpan:
    """A run of months a text names as one period, from `first` up to (not including) `after`."""

    first: date
    after: date
    start: int
    end: int


def period_spans(text: str) -> list[PeriodSpan]:
    """The quarters and halves of a year a text names ("the first half of 2035", "Q3 2034",
    "H2 2031"), read as the calendar's: a fiscal year's quarters need the document's own
    definition, which a question does not carry."""
    found = []
    for match in _SPAN.finditer(text):
        if match["ordinal"]:
            number, quarter = _ORDINAL[match["ordinal"].lower()], match["part"].lower() == "quarter"
        else:
            number, quarter = int(match["number"]), match["letter"].upper() == "Q"
        months = 3 if quarter else 6
        if number * months > 12:  # "the third half"
            continue
        year, start_month = int(match["year"]), (number - 1) * months + 1
        end_month = start_month + months
        after = date(year + 1, 1, 1) if end_month > 12 else date(year, end_month, 1)
        found.append(PeriodSpan(date(year, start_month, 1), after, match.start(), match.end()))
    return found


# a statistical table's mark after a heading: "(p)" preliminary, "(r)" revised, "*", "†"; a bare
# letter is the same mark once a heading is made a column key ("apr_2037_p")
_HEADING_MARK = re.compile(r"(?:\s*\([a-z]\)|\s+[a-z]|\s*[*†‡]+)$", re.I)


def heading_period(text: str) -> tuple[date, str] | None:
    """The month, quarter or year a column heading is and nothing more ("Jan 2037", "Q1 2037",
    "2036", "Apr 2037 (p)"), as its first day and its grain; None for anything else, a day or a
    month without its year included (which year "March" heads is the table's to say)."""
    text = _HEADING_MARK.sub("", text.strip()).strip().rstrip(".")
    if is_year(text):
        return date(int(text), 1, 1), "year"
    spans = period_spans(text)
    if len(spans) == 1 and (spans[0].start, spans[0].end) == (0, len(text)):
        span = spans[0]
        months = (span.after.year - span.first.year) * 12 + span.after.month - span.first.month
        return (span.first, "quarter") if months == 3 else None
    found = mentions(text)
    if len(found) == 1 and (found[0].start, found[0].end) == (0, len(text)):
        month = found[0]
        if month.year and month.month and not month.day:
            return date(month.year, month.month, 1), "month"
    return None
