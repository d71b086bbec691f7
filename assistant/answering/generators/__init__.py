"""Answer generators: each streams answer text for a question and its numbered passages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from assistant.query import Query
from assistant.types import Citation


class Generator(Protocol):
    name: str

    def stream(self, question: str | Query, passages: list[Citation]) -> Iterator[str]:
        """Answer text in pieces, with [n] markers naming the passages."""
        ...

    def rewrite(self, question: str, history: list[dict] | None) -> str:
        """The question made standalone, given the conversation so far."""
        ...
