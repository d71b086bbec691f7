"""Follow-up questions made standalone without an LLM: "and in 2023?" after a question about
Amazon's layoffs in 2025 becomes that question with 2023 in place of 2025."""

from __future__ import annotations

import re

from assistant.anchors import MONTHS, months, names, years

_FOLLOW_UP_START = re.compile(r"^\s*(and|or|what about|how about|and what about|same for|also)\b", re.I)
_BACK_REFERENCE = re.compile(r"\b(it|its|they|them|their|that|those|this|these|he|she|there|then)\b", re.I)


def last_user_question(history: list[dict] | None) -> str | None:
    for message in reversed(history or []):
        if message.get("role") == "user" and str(message.get("content", "")).strip():
            return str(message["content"]).strip()
    return None


def is_follow_up(question: str) -> bool:
    has_subject = bool(names(question))
    return bool(
        _FOLLOW_UP_START.search(question)
        or len(question.split()) <= 4
        or (_BACK_REFERENCE.search(question) and not has_subject)
    )


def rewrite_by_rule(question: str, history: list[dict] | None) -> str:
    """Swap the new question's years, months and names into the previous question, or, when the
    new one is a full question that only refers back ("why did they do it?"), add the old subject."""
    previous = last_user_question(history)
    if not previous or not is_follow_up(question):
        return question
    fragment_years, fragment_months, fragment_names = years(question), months(question), names(question)
    if not (fragment_years or fragment_months or fragment_names) or len(question.split()) > 6:
        subject = " ".join(dict.fromkeys(names(previous) + sorted(years(previous))))
        return f"{question.rstrip('?')} ({subject})?" if subject else question
    rewritten = previous
    if fragment_years:
        for old in years(previous):
            rewritten = rewritten.replace(old, " ".join(sorted(fragment_years)))
        if not years(previous):
            rewritten = f"{rewritten.rstrip('?')} in {' '.join(sorted(fragment_years))}?"
    if fragment_months:
        old_months = months(previous)
        new = " ".join(m.capitalize() for m in MONTHS if m in fragment_months)
        for old in old_months:
            rewritten = re.sub(rf"\b{old}\b", new, rewritten, flags=re.I)
    if fragment_names:
        old_names = names(previous)
        if old_names:
            rewritten = rewritten.replace(old_names[0], " and ".join(fragment_names))
            for extra in old_names[1:]:
                rewritten = rewritten.replace(extra, "")
        else:
            rewritten = f"{rewritten.rstrip('?')} for {' and '.join(fragment_names)}?"
    return re.sub(r"\s+", " ", rewritten).strip()
