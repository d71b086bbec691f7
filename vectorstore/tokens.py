"""Keyword tokens for BM25: figures survive intact ("120,000" -> "120000", "3.5%" -> "3.5")."""

from __future__ import annotations

import re

from dateutil.parser import parserinfo

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-z][a-z0-9&'\-]*")
STOPWORDS = frozenset(
    """a an and are as at be been but by did do does for from had has have how i if in into is it its
    of on or our so than that the their them then there these they this to was we were what when where
    which who why will with you your about after before many much more most""".split()
)


# The ways each month is written ("Sep", "Sept", "September"), by every one of them.
_MONTH_FORMS = {
    alias.lower(): tuple(a.lower() for a in names) for names in parserinfo.MONTHS for alias in names
}


def _normalise(token: str) -> str:
    if token[0].isdigit():
        token = token.replace(",", "")
        return token[:-2] if token.endswith(".0") else token
    token = token.strip("'-")
    if token.endswith("'s"):
        token = token[:-2]  # "Quorvex's" is Quorvex
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


def tokenize(text: str) -> list[str]:
    """Lower-cased words minus stopwords, plural -s stripped, numbers without thousands commas."""
    tokens = (_normalise(t) for t in _TOKEN.findall(text.lower()))
    return [t for t in tokens if t and t not in STOPWORDS]


def spellings(token: str) -> tuple[str, ...]:
    """A token with the other ways its word is written: a month asked as "April" also meets a
    table's "Apr" column. Searched as alternatives, never folded into one token in the index, so
    a month that heads every row of a grid stays a common word there and a rare one elsewhere."""
    return tuple(dict.fromkeys(_MONTH_FORMS.get(token, (token,))))
