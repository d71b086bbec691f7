"""A grid with a column per period ("Industry | Jan 2037 | Feb 2037 | ...", "Program | 2034 |
2035") stored long: one row per label and period.

Statistical tables put periods across the top; a question about them ("manufacturing in the
first quarter", "the fewest in January", "all programs in 2036") filters periods and adds up
labels, which a query can do over rows but not over column names. So the typed table gets a
period column (as text, and as the first day of each period for date filters) and one column
of figures named by what the table's title says it counts.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from ingest.dates import heading_period
from vectorstore.tables import Column, sql_name

if TYPE_CHECKING:
    import pandas as pd

MIN_PERIODS = 2
MAX_MEASURE_WORDS = 6  # "Reported layoffs": a longer head before " by " is a sentence, not a name
_LABELS = {"month": "%b %Y", "year": "%Y"}
_TITLE_PARTS = re.compile(r"\s+[-–—·|]\s+|:\s+|,\s+")
_BY = re.compile(r"\s+by\s+", re.I)


def _period(name: str) -> tuple[date, str] | None:
    """The period a column key names ("jan_2037", "apr_2037_p", "2036", "q1_2037", "2037_03")."""
    return heading_period(name.replace("_", " ")) or heading_period(name.replace("_", "-"))


def measure_name(title: str) -> str:
    """What a grid by period counts, from its title: "Reported layoffs by industry, 2037" counts
    reported layoffs; "value" when no part of the title says "X by Y"."""
    for part in _TITLE_PARTS.split(title):
        head = _BY.split(part.strip(), maxsplit=1)
        if len(head) == 2 and 0 < len(head[0].split()) <= MAX_MEASURE_WORDS:
            return head[0]
    return "value"


def long_form(
    frame: pd.DataFrame, columns: list[Column], title: str
) -> tuple[pd.DataFrame, list[Column]] | None:
    """The frame with its period columns melted into rows, or None when it has fewer than two
    figure columns headed by periods of one grain (months, quarters or years)."""
    periods = {c.name: _period(c.name) for c in columns if c.type != "text" and c.type != "date"}
    periods = {name: found for name, found in periods.items() if found}
    grains = {grain for _, grain in periods.values()}
    if len(periods) < MIN_PERIODS or len(grains) != 1:
        return None
    grain = grains.pop()
    kept = [c for c in columns if c.name not in periods]
    if not any(c.type == "text" for c in kept):
        return None  # no label to tell the rows apart: a single row of figures by period
    taken = {c.name for c in kept}  # new names unlike the kept ones' ("month_2" beside a "month")
    measure = sql_name(measure_name(title), taken)
    period, first_day = sql_name(grain, taken), sql_name(f"{grain}_date", taken)
    long = frame.melt(
        id_vars=[c.name for c in kept], value_vars=list(periods), var_name=period, value_name=measure
    )
    days = long[period].map(lambda name: periods[name][0])
    long[period] = days.map(lambda day: _label(day, grain))
    long[first_day] = days
    long = long[long[measure].notna()].reset_index(drop=True)
    kinds = {c.type for c in columns if c.name in periods}
    measure_type = kinds.pop() if len(kinds) == 1 else "number"
    typed = [*kept, Column(period, "text"), Column(first_day, "date"), Column(measure, measure_type)]
    return long[[c.name for c in typed]], typed


def _label(day: date, grain: str) -> str:
    """A period as a reader writes it: "Jan 2037", "Q1 2037", "2036"."""
    if grain == "quarter":
        return f"Q{(day.month - 1) // 3 + 1} {day.year}"
    return day.strftime(_LABELS[grain])
