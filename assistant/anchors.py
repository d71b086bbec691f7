"""The specific things a question names (companies, places, months, years, figures).

If no retrieved passage mentions one of them, the documents cannot answer the question, however
similar the passages look: "unemployment in March 2025" must not be answered from the August report.
This rule decides refusals and carries a follow-up question's subject over from the last one.
"""

from __future__ import annotations

import re

from vectorstore.tokens import STOPWORDS

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&.'\-]*[A-Za-z0-9]|[A-Za-z]")
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
# Capitalised words that are questions or the domain's own vocabulary, not anchors.
_COMMON = frozenset(
    [
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "is",
        "are",
        "was",
        "were",
        "do",
        "does",
        "did",
        "can",
        "could",
        "should",
        "would",
        "will",
        "tell",
        "list",
        "give",
        "show",
        "explain",
        "and",
        "or",
        "but",
        "in",
        "on",
        "at",
        "for",
        "of",
        "to",
        "the",
        "a",
        "an",
        "according",
        "compare",
        "i",
        "my",
        "we",
        "our",
        "ai",
        "u.s",
        "u.s.",
        "us",
        "usa",
        "united",
        "states",
        "american",
        "america",
        "federal",
        "state",
        "states",
        "tech",
    ]
)


def years(text: str) -> set[str]:
    return set(_YEAR.findall(text))


def months(text: str) -> set[str]:
    lowered = text.lower()
    return {m for m in MONTHS if re.search(rf"\b{m}\b", lowered)}


def names(text: str) -> list[str]:
    """Capitalised words other than question words and common domain words: companies, places."""
    found = []
    for position, word in enumerate(_WORD.findall(text)):
        if position == 0:
            continue  # a capital at the start of a question says nothing
        bare = word.rstrip(".'s").rstrip("'")
        if (
            bare[:1].isupper()
            and bare.lower() not in _COMMON
            and bare.lower() not in STOPWORDS
            and bare.lower() not in MONTHS
            and len(bare) > 1
        ):
            found.append(bare)
    return found


def missing_anchors(question: str, passages: list[str]) -> list[str]:
    """Anchors of the question that no passage mentions (month and year must share a passage)."""
    lowered = [p.lower() for p in passages]
    missing = [n for n in names(question) if not any(n.lower() in p for p in lowered)]
    missing += [y for y in years(question) if not any(y in p for p in lowered)]
    for month in months(question):
        wanted = years(question) or {""}
        if not any(month in p and all(y in p for y in wanted) for p in lowered):
            missing.append(" ".join([month.capitalize(), *sorted(years(question))]))
    return missing
