"""Follow-up questions made standalone without an LLM.

A question is a follow-up only when it lacks a subject of its own: it opens by continuing the last
one ("and in 2023?", "what about Tallimax?"), or it points back ("how much will that cost them?")
and names nothing itself, or it has no words of substance at all. "What is WIOA?" after a question
about Quorvex has its own subject and is left alone, however short it is.
"""

from __future__ import annotations

import re

from assistant.query.names import anchors, name_phrases, names
from assistant.query.vocabulary import (
    ATTRIBUTION,
    CONTINUES,
    LATER,
    PART_BREAK,
    POINTS_BACK,
    QUESTION_WORDS,
    RELATIVE,
)
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
    swapped = swap(question, previous)
    if swapped:
        return swapped
    # A new question about the same subject: carry the subject (its names and dates), not the old
    # question's wording, which would pull the old answer back.
    dates = [previous[m.start : m.end] for m in mentions(previous) if m.year or m.month]
    subject = " ".join(anchors(previous).names + dates) or " ".join(
        t for t in tokenize(previous) if t not in STOPWORDS and t not in QUESTION_WORDS
    )
    return f"{question.rstrip(' ?')} ({subject})?"


def keeps_subject(rewritten: str, question: str, previous: str) -> bool:
    """Whether a model's rewrite keeps what the conversation is about: the follow-up's own names,
    or, when it names none, at least one of the last question's ("how much will that cost them?"
    after a question on Acme must still be about Acme)."""
    wanted = names(question) or names(previous)
    return not wanted or any(re.search(rf"(?<!\w){re.escape(n)}", rewritten) for n in wanted)


def swap(question: str, previous: str) -> str | None:
    """The last question with the follow-up's names and dates put in place of its own, when the
    follow-up says nothing else ("And Acme's plant in Reno?", "and in July, according to the
    survey?"); None when it brings words of its own. Done in code, so no model is asked to copy a
    question with one word changed (and a follow-up costs no model call)."""
    attribution = ATTRIBUTION.search(question)
    core = question[: attribution.start()] + question[attribution.end() :] if attribution else question
    new = anchors(core)
    own_words = _substance(core) - set(tokenize(previous)) - set(tokenize(" ".join(new.names)))
    if own_words or not (new or attribution):
        return None
    dates = [core[m.start : m.end] for m in mentions(core) if m.year or m.month]
    if dates and not any(m.year for m in mentions(core)):
        # "and in July?" after a question on August 2025 means July 2025
        dates += sorted({str(y) for y, _ in anchors(previous).periods})
    rewritten = _with_dates(previous, " ".join(dates)) if dates else previous
    rewritten = _put_names(name_phrases(core), core, previous, rewritten)
    if attribution and attribution.group("source") not in rewritten:
        # before the question's second part, so that every part keeps the source
        cut = PART_BREAK.search(rewritten)
        at = cut.start() if cut else len(rewritten.rstrip(" ?"))
        rewritten = f"{rewritten[:at]}, according to {attribution.group('source')}{rewritten[at:]}"
        rewritten = rewritten if rewritten.rstrip().endswith("?") else f"{rewritten.rstrip()}?"
    return re.sub(r"\s+", " ", rewritten).replace(" ?", "?").replace(" ,", ",").strip()


def _put_names(phrases: list[str], question: str, previous: str, rewritten: str) -> str:
    """Each new name in place of the old name whose surroundings match its own ("Cisco's notice
    for San Jose" after "Acme's notice for Reno": Cisco for Acme, San Jose for Reno); the first
    old name otherwise; appended with "for" when the last question named nothing."""
    olds = [n for n in name_phrases(previous) if _found(n, rewritten)]
    extra = []
    for phrase in phrases:
        if phrase in olds:
            olds.remove(phrase)
            continue
        if not olds:
            extra.append(phrase)
            continue
        mine = _surroundings(question, phrase)
        old = max(olds, key=lambda o: _alike(mine, _surroundings(previous, o)))
        olds.remove(old)
        rewritten = re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", phrase, rewritten, count=1)
    return f"{rewritten.rstrip(' ?')} for {' and '.join(extra)}?" if extra else rewritten


def _alike(one: tuple, other: tuple) -> int:
    return sum(a == b for a, b in zip(one, other, strict=True))


def _found(name: str, text: str) -> re.Match | None:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)


def _surroundings(text: str, name: str) -> tuple[str, bool, str]:
    """The word before a name, whether it owns something, and the word after (past any "'s")."""
    found = _found(name, text)
    if not found:
        return "", False, ""
    before = re.findall(r"[\w.]+", text[: found.start()])
    after = re.match(r"(['’]s)?\s*([\w.]+)?", text[found.end() :])
    return (
        before[-1].lower() if before else "",
        bool(after and after.group(1)),
        (after.group(2) or "").lower() if after else "",
    )


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


def _with_dates(question: str, dates: str) -> str:
    """The question with `dates` where its first date was (so every part of it keeps the period)
    and its other dates, with the preposition before each, taken out; appended with "in" when it
    named none."""
    found = [m for m in mentions(question) if m.year or m.month]
    if not found:
        return f"{question.rstrip(' ?')} in {dates}?"
    out = question
    for m in sorted(found[1:], key=lambda m: -m.start):
        start = m.start
        before = re.search(r"\b(in|for|of|during|since|by)\s+$", out[:start], re.I)
        if before:
            start = before.start()
        out = out[:start] + out[m.end :]
    return out[: found[0].start] + dates + out[found[0].end :]
