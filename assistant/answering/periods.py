"""The period a quoted figure is for, said in words when its sentence leaves it out.

A report names its month once and then writes "during the month" or nothing at all, so a quote
alone can give "63,000" without the "February" a reader asked for ("the latest ...", "which
month ..."). The period is read from the text around the quote, never guessed.
"""

from __future__ import annotations

from assistant.answering.sentences import ScoredSentence
from assistant.answering.statements import split_sentences
from assistant.query.vocabulary import OWN_PERIOD
from assistant.types import Citation
from ingest.chunks import period_label
from ingest.dates import month_years


def _months(text: str, reference: str) -> list[tuple[int, int]]:
    return sorted({(y, m) for y, m in month_years(text, reference, days=False) if m})


def unstated_period(sentence: str, before: str, p: Citation) -> str:
    """The month a sentence's figure is for ("February 2026"), when the sentence does not say it:
    it names no month, or speaks of "the month" its report covers. Read from the sentence before
    (which names it, then the figure follows), else from the document's title or period, each only
    when it names exactly one month; "" when the sentence says it or nothing tells it."""
    reference = p.period or p.date[:7]
    if _months(sentence, reference) and not OWN_PERIOD.search(sentence):
        return ""
    for text in (before, p.title):
        found = _months(text, reference)
        if len(found) == 1:
            year, month = found[0]
            return period_label(f"{year}-{month:02d}")
    return period_label(p.period) if len(p.period) == 7 else ""


def period_of(quote: ScoredSentence, passages: list[Citation]) -> str:
    """`unstated_period` of a quoted sentence, read in its passage."""
    p = next(p for p in passages if p.n == quote.n)
    before = split_sentences(p.text)[quote.position - 1] if quote.position else ""
    return unstated_period(quote.text, before, p)
