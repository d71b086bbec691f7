"""Follow-up questions made standalone without an LLM.

A question is a follow-up only when it lacks a subject of its own: it opens by continuing the last
one ("and in 2023?", "what about Oracle?"), or it points back ("how much will that cost them?")
and names nothing itself, or it has no words of substance at all. "What is WIOA?" after a question
about Amazon has its own subject and is left alone, however short it is.
"""

from __future__ import annotations

import re

from assistant.retrieval.gate import anchors, names
from ingest.dates import mentions
from vectorstore.tokens import STOPWORDS, tokenize

_CONTINUES = re.compile(r"^\s*(and|or|but|also|what about|how about|same for|then)\b", re.I)
_POINTS_BACK = re.compile(
    r"\b(it|its|they|them|their|that|those|this|these|he|she|his|her|there|then)\b", re.I
)
_QUESTION_WORDS = frozenset("what which who how why when where about is are was were much many".split())


def last_user_question(history: list[dict] | None) -> str | None:
    for message in reversed(history or []):
        if (
            isinstance(message, dict)
            and message.get("role") == "user"
            and str(message.get("content", "")).strip()
        ):
            return str(message["content"]).strip()
    return None


def _substance(question: str) -> set[str]:
    """The question's own topic words: not question words, not dates."""
    dated = {t for m in mentions(question) for t in tokenize(question[m.start : m.end])}
    return {t for t in tokenize(question) if t not in _QUESTION_WORDS | dated and not t[0].isdigit()}


def is_follow_up(question: str) -> bool:
    if _CONTINUES.search(question):
        return True
    if names(question):
        return False
    return bool(_POINTS_BACK.search(question)) or not _substance(question)


def rewrite_by_rule(question: str, history: list[dict] | None) -> str:
    """A fragment ("and in February 2024?") takes the last question with its dates and names
    swapped; a full question that points back gets the last question's subject appended."""
    previous = last_user_question(history)
    if not previous or not is_follow_up(question):
        return question
    new, old = anchors(question), anchors(previous)
    own_words = _substance(question) - set(tokenize(previous)) - set(tokenize(" ".join(new.names)))
    if own_words or not new:
        # A new question about the same subject: carry the subject (its names and dates), not the
        # old question's wording, which would pull the old answer back.
        dates = [previous[m.start : m.end] for m in mentions(previous) if m.year or m.month]
        subject = " ".join(old.names + dates) or " ".join(
            t for t in tokenize(previous) if t not in STOPWORDS and t not in _QUESTION_WORDS
        )
        return f"{question.rstrip(' ?')} ({subject})?"
    rewritten = _without_dates(previous) if new.periods or new.months else previous
    if new.names:
        olds = [n for n in old.names if re.search(rf"\b{re.escape(n)}\b", rewritten)]
        joined = " and ".join(new.names)
        if olds:  # "What about Microsoft?" puts Microsoft where Amazon was
            rewritten = re.sub(rf"\b{re.escape(olds[0])}\b", joined, rewritten, count=1)
            for extra in olds[1:]:
                rewritten = re.sub(rf"\b{re.escape(extra)}\b", "", rewritten)
        else:
            rewritten = f"{rewritten.rstrip(' ?')} for {joined}?"
    dates = [question[m.start : m.end] for m in mentions(question) if m.year or m.month]
    if dates and not any(m.year for m in mentions(question)):
        # "and in July?" after a question on August 2025 means July 2025
        dates += sorted({str(y) for y, _ in old.periods})
    if dates:
        rewritten = f"{rewritten.rstrip(' ?')} in {' '.join(dates)}?"
    return re.sub(r"\s+", " ", rewritten).replace(" ?", "?").strip()


def _without_dates(question: str) -> str:
    """The question with its dates, and the preposition before each, taken out."""
    out = question
    for m in sorted(mentions(question), key=lambda m: -m.start):
        start = m.start
        before = re.search(r"\b(in|for|of|during|since|by)\s+$", out[:start], re.I)
        if before:
            start = before.start()
        out = out[:start] + out[m.end :]
    return out
