"""The refusal sentence recognised in a model's words, whole or as it streams."""

from __future__ import annotations

import re

import prompts


def _words(text: str) -> str:
    return re.sub(r"\W+", " ", text.replace("\u2019", "'")).strip().lower()


def is_refusal(text: str) -> bool:
    """Only the model's exact refusal sentence counts: "workers who couldn't find jobs" is an answer."""
    return not text.strip() or _words(text).startswith(_words(prompts.REFUSAL))


def may_become_refusal(text: str) -> bool:
    """Whether text streamed so far could still turn out to be the refusal sentence."""
    return _words(prompts.REFUSAL).startswith(_words(text))
