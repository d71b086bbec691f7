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
    words = [part for word in _WORD.findall(text) for part in word.split("-") if part]
    for position, word in enumerate(words):
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
        wanted = years(question)
        if not any(_mentions_month(p, month, wanted) for p in lowered):
            missing.append(" ".join([month.capitalize(), *sorted(wanted)]))
    return missing


def _mentions_month(text: str, month: str, wanted_years: set[str]) -> bool:
    """ "August 2025", "August 1, 2025" or "2025-08-..." all name August 2025; a text holding
    "December 2020" and, elsewhere, "2025" does not name December 2025."""
    if not wanted_years:
        return re.search(rf"\b{month}\b", text) is not None
    number = MONTHS.index(month) + 1
    return any(
        re.search(rf"\b{month}\.?(?: (?:and|to|through|or) [a-z]+)? (?:\d{{1,2}},? )?{year}\b", text)
        or f"{year}-{number:02d}" in text
        for year in wanted_years
    )


def other_periods(question: str, text: str) -> list[str]:
    """Months of the asked year that a text reports on ("in July 2025") when the question asks
    about another month: such a sentence answers for the wrong period."""
    asked_months, asked_years = months(question), years(question)
    if not asked_months or not asked_years:
        return []
    found = re.findall(rf"\b({'|'.join(MONTHS)}) (\d{{4}})\b", text.lower())
    return [f"{m} {y}" for m, y in found if y in asked_years and m not in asked_months]


def names_period(question: str, text: str) -> bool:
    """The text names an asked month as a period ("August 2025", "2025-08"), not only as the day
    something was released ("August 1, 2025")."""
    lowered = text.lower()
    return any(
        re.search(rf"\b{month} {year}\b", lowered) or f"{year}-{MONTHS.index(month) + 1:02d}" in lowered
        for month in months(question)
        for year in years(question)
    )
