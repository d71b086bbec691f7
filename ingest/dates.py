"""Dates in documents come in many spellings; the store keeps one (ISO) so filters compare."""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as dateutil_parser

_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_IN_TEXT = re.compile(
    rf"\b(\d{{4}}-\d{{2}}-\d{{2}}|{_MONTHS} \d{{1,2}},? \d{{4}}|\d{{1,2}} {_MONTHS} \d{{4}})\b"
)


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
    try:
        return dateutil_parser.parse(text, default=datetime(2000, 1, 1)).date().isoformat()
    except (ValueError, OverflowError):
        return ""


def find_date(text: str) -> str:
    """The first plausible date written in a text's opening, as ISO, or ''."""
    match = _DATE_IN_TEXT.search(text)
    return to_iso(match.group(1)) if match else ""
