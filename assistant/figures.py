"""Figures in text, normalised so "120,000", "120000" and "120 thousand" (or "3.5%" and
"3.5 percent") compare equal. Used to check that every figure in an answer is in its sources."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_FIGURE = re.compile(
    r"(?<![\w.])(?P<money>[$€£])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|mn|bn|[kmb])\b)?"
    r"(?:\s?(?P<pct>%|percent\b|per cent\b|percentage points?\b))?",
    re.IGNORECASE,
)
_MARKER = re.compile(r"\[\d+(?:\s*,\s*\d+)*\]")


@dataclass(frozen=True)
class Figure:
    text: str  # as written
    value: float


def strip_markers(text: str) -> str:
    return _MARKER.sub(" ", text)


def figures(text: str) -> list[Figure]:
    """Every figure in a text (citation markers like [2] are not figures)."""
    found = []
    for match in _FIGURE.finditer(strip_markers(text)):
        value = float(match.group("num").replace(",", ""))
        if match.group("scale"):
            value *= _SCALE[match.group("scale").lower()]
        found.append(Figure(match.group(0).strip(), value))
    return found


def values(text: str) -> set[float]:
    """The set of figure values in a text; ISO dates count their year, month and day parts."""
    return {round(f.value, 6) for f in figures(text.replace("-", " "))}
