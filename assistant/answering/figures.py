"""Figures in text, normalised so "120,000", "120000", "120 thousand" and "one hundred and twenty
thousand" (or "3.5%" and "3.5 percent", "25%" and "a quarter of") compare equal. Used to check that
every figure in an answer is in its sources.

Dates are not figures, nor is the end of a span of years ("the 2029-30 survey"): "in 2023" or
"December 5" is checked by the relevance gate, and counting a year as a supporting figure would let
any passage of that year "support" any claim."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.answering.spelled import spelled
from assistant.query.vocabulary import DURATION_UNITS, PAY_PERIODS
from ingest.dates import mentions

_SCALE = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
}
_SUFFIX = r"\s?(?P<pct>%|percent\b|per cent\b|percentage points?\b|dollars\b)"
_FIGURE = re.compile(
    r"(?<![\w.])(?<![A-Za-z]-)(?<!(?:19|20)\d\d[-–])(?P<money>[$€£])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?:\s?(?P<scale>thousand|million|billion|trillion|mn|bn|[kmb])\b)?(?:{_SUFFIX})?",
    re.IGNORECASE,
)
_SPELLED_SUFFIX = re.compile(_SUFFIX, re.I)  # "forty percent"
_IDENTIFIER = re.compile(r"[A-Za-z]?-\d")  # what follows the digits of a section number ("12A-40")
_MARKER = re.compile(r"\[\d+(?:\s*,\s*\d+)*\]")


@dataclass(frozen=True)
class Figure:
    text: str  # as written
    value: float
    unit: str = ""  # "$", "€", "£", "%", "pp" (percentage points) or "" for a count
    after: str = field(default="", compare=False)  # the words that follow: "days", "workers"


def strip_markers(text: str) -> str:
    return _MARKER.sub(" ", text)


def _unit(suffix: str | None, money: str | None = None) -> str:
    suffix = (suffix or "").lower()
    if suffix == "dollars":
        return "$"
    if suffix.startswith("percentage point"):
        return "pp"
    return "%" if suffix else money or ""


def figures(text: str, with_dates: bool = False) -> list[Figure]:
    """Every figure in a text; citation markers like [2] are not figures, nor are dates unless asked
    (an expected answer of "1900" is a count, not the year 1900)."""
    return list(_figures(text, with_dates))


@lru_cache(maxsize=8192)
def _figures(text: str, with_dates: bool) -> tuple[Figure, ...]:
    """The ranker asks of one sentence several times (has it a figure, of the unit asked, what comes
    before it), and reading numbers in words costs more than the digits' regex: read each once."""
    clean = strip_markers(text)
    dates = [] if with_dates else [(m.start, m.end) for m in mentions(clean) if m.year or m.day]
    found: list[tuple[int, Figure]] = []
    written: list[tuple[int, int]] = []  # "5 million": "million" is not read again in words
    for match in _FIGURE.finditer(clean):
        written.append(match.span())
        if any(start <= match.start("num") < end for start, end in dates) or _IDENTIFIER.match(
            clean, match.end()
        ):
            continue  # a date, or part of a name like "12A-40" or "A-12"
        value = float(match.group("num").replace(",", ""))
        if match.group("scale"):
            value *= _SCALE[match.group("scale").lower()]
        unit = _unit(match.group("pct"), match.group("money"))
        found.append((match.start(), Figure(match.group(0).strip(), value, unit, clean[match.end() :][:24])))
    for number in spelled(clean):
        if any(start <= number.start < end for start, end in dates + written):
            continue
        suffix = _SPELLED_SUFFIX.match(clean, number.end)
        end = suffix.end() if suffix else number.end
        unit = "%" if number.share else _unit(suffix and suffix.group("pct"))
        found.append((number.start, Figure(clean[number.start : end], number.value, unit, clean[end:][:24])))
    return tuple(figure for _, figure in sorted(found, key=lambda pair: pair[0]))


def has_quantity(text: str) -> bool:
    """A figure, in digits or in words."""
    return bool(figures(text))


def values(text: str) -> set[float]:
    """The set of figure values in a text, whatever their unit."""
    return {round(f.value, 6) for f in figures(text)}


def quantities(text: str, with_dates: bool = False) -> set[tuple[float, str]]:
    """The figures of a text as (value, unit): "$500" and "500 workers" differ here."""
    return {(round(f.value, 6), f.unit) for f in figures(text, with_dates)}


# which kinds of figure answer each measure: a payment may be stated in weeks of pay (unless asked
# for in dollars), an age in years
ANSWERED_BY = {
    "headcount": {"count"},
    "duration": {"duration"},
    "age": {"count", "duration"},
    "$": {"money", "duration"},
    "money": {"money"},
}
WANTED_NAMES = {
    "headcount": "a number of people",
    "duration": "a length of time",
    "age": "an age",
    "$": "a sum of money",
    "money": "a sum of money",
}
_CENTS = re.compile(r"^\s*cents?\b", re.I)  # "40 cents a share": a sum, not a count
_MULTIPLE = re.compile(r"^\s*(?:times|x)\b|^-fold\b", re.I)  # "10 times", "3x": a ratio, not a count
GIVEN = {
    "multiple": "a multiple",
    "count": "a count",
    "percentage": "a percentage",
    "money": "a sum of money",
    "duration": "a length of time",
}


def kind_of(figure: Figure) -> str:
    if figure.unit in {"%", "pp"}:
        return "percentage"
    if figure.unit or _CENTS.match(figure.after):
        return "money"
    if _MULTIPLE.match(figure.after):
        return "multiple"
    return "duration" if DURATION_UNITS.match(figure.after) else "count"


def kinds(text: str) -> set[tuple[float, str]]:
    """(value, kind) of every figure in a text."""
    return {(round(f.value, 6), kind_of(f)) for f in figures(text)}


def in_unit(text: str, unit: str) -> bool:
    """Whether a text holds a figure in the unit ("%", "$"): a rate asked for is a rate. A sum of
    pay may be written in pay periods ("twelve weeks of pay", "8 weeks' salary")."""
    return any(f.unit == unit or (unit == "$" and PAY_PERIODS.match(f.after)) for f in figures(text))


def in_time_unit(text: str, unit: str) -> bool:
    """Whether a text gives a length of time in the unit asked: "for up to twenty weeks" answers
    "how many weeks", "within 18 months" does not."""
    spans = (DURATION_UNITS.match(f.after) for f in figures(text) if kind_of(f) == "duration")
    return any(re.search(rf"\b{unit}s?\b", span.group(0), re.I) for span in spans if span)


def gives(text: str, measure: str) -> bool:
    """Whether a text holds a figure that can answer the measure ("" is answered by any)."""
    wanted = ANSWERED_BY.get(measure)
    return not wanted or any(kind in wanted for _, kind in kinds(text))
