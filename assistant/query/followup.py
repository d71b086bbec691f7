"""Follow-up questions made standalone without an LLM.

A question is a follow-up only when it lacks a subject of its own: it opens by continuing the last
one ("and in 2023?", "what about Tallimax?"), or it points back ("how much will that cost them?")
and names nothing itself, or it has no words of substance at all. "What is WIOA?" after a question
about Quorvex has its own subject and is left alone, however short it is.
"""

from __future__ import annotations

import re

from assistant.query.names import anchors, names
from assistant.query.vocabulary import CONTINUES, LATER, POINTS_BACK, QUESTION_WORDS, RELATIVE
from ingest.dates import MONTHS, mentions
from vectorstore.tokens import STOPWORDS, tokenize


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
    return {t for t in tokenize(question) if t not in QUESTION_WORDS | dated and not t[0].isdigit()}


def is_follow_up(question: str) -> bool:
    if CONTINUES.search(question):
        return True
    if names(question):
        return False
    return bool(POINTS_BACK.search(question)) or not _substance(question)


def rewrite_by_rule(question: str, history: list[dict] | None) -> str:
    """A fragment ("and in February 2024?") takes the last question with its dates and names
    swapped; a full question that points back gets the last question's subject appended."""
    previous = last_user_question(history)
    if not previous or not is_follow_up(question):
        return question
    question = resolve_relative(question, previous)
    new, old = anchors(question), anchors(previous)
    own_words = _substance(question) - set(tokenize(previous)) - set(tokenize(" ".join(new.names)))
    if own_words or not new:
        # A new question about the same subject: carry the subject (its names and dates), not the
        # old question's wording, which would pull the old answer back.
        dates = [previous[m.start : m.end] for m in mentions(previous) if m.year or m.month]
        subject = " ".join(old.names + dates) or " ".join(
            t for t in tokenize(previous) if t not in STOPWORDS and t not in QUESTION_WORDS
        )
        return f"{question.rstrip(' ?')} ({subject})?"
    rewritten = _without_dates(previous) if new.periods or new.months else previous
    if new.names:
        olds = [n for n in old.names if re.search(rf"\b{re.escape(n)}\b", rewritten)]
        joined = " and ".join(new.names)
        if olds:  # "What about Tallimax?" puts Tallimax where Quorvex was
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


def resolve_relative(question: str, earlier: str) -> str:
    """A period named by its place ("the month after that", "a year earlier") as the period itself,
    counted from the latest period the earlier text names; left as written when that names none
    (or names only a year and a month is asked)."""
    periods = anchors(earlier).periods
    if not periods:
        return question
    year, month = max(periods, key=lambda p: (p[0], p[1] or 0))
    if not month:
        month = max((m for y, m in periods if y == year and m), default=None)

    def explicit(match: re.Match) -> str:
        named = _named(match)
        after_preposition = re.search(
            r"\b(?:in|for|of|during|from|to|than|and)\s+$", question[: match.start()], re.I
        )
        return named if after_preposition or named == match.group(0) else f"in {named}"

    def _named(match: re.Match) -> str:
        unit = next(match.group(g) for g in ("u1", "u2", "u3") if match.group(g)).lower()
        step = (
            1 if next(match.group(g) for g in ("d1", "d2", "d3") if match.group(g)).lower() in LATER else -1
        )
        if unit == "year":
            return f"{MONTHS[month - 1].capitalize()} {year + step}" if month else str(year + step)
        if not month:
            return match.group(0)
        index = year * 12 + month - 1 + step
        return f"{MONTHS[index % 12].capitalize()} {index // 12}"

    return RELATIVE.sub(explicit, question)


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
