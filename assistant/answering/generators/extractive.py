"""No-LLM answers: the best sentences of the retrieved passages, each cited. Deterministic and fast."""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np

from assistant.answering.figures import has_quantity
from assistant.answering.sentences import ScoredSentence, SentenceRanker, wants_figure
from assistant.retrieval.followup import rewrite_by_rule
from assistant.retrieval.gate import anchors
from assistant.types import Citation
from vectorstore.tokens import tokenize

KEEP_WITHIN = 0.85  # further sentences must score at least this share of the best one
KEEP_WITHIN_PARTS = 0.7  # ... or this share when the question asks two things
_ASKING = re.compile(r"\b(?:how|what|which|who|whom|when|where|why|whether)\b|\?", re.I)
MIN_SCORE = 0.35  # below this even the best sentence does not answer the question
NEAR_DUPLICATE = 0.7
REDUNDANCY = 0.5  # weight of a candidate's closeness to sentences already chosen


def _anchor_keys(question: str) -> set[str]:
    """The anchors a comparison must meet one by one: each name, and each month asked."""
    wanted = anchors(question)
    months = {f"{y}-{m}" for y, m in wanted.periods if m}
    keys = set(wanted.names) if len(wanted.names) > 1 else set()
    return keys | (months if len(months) > 1 else set())


def asks_several(question: str) -> bool:
    """Two question words or marks ("How many ..., and how many ...?"): two answers wanted."""
    return len(_ASKING.findall(question)) >= 3


def _closeness(candidate: ScoredSentence, chosen: list[ScoredSentence]) -> float:
    if not chosen or candidate.vector is None:
        return 0.0
    return max(float(np.dot(candidate.vector, c.vector)) for c in chosen if c.vector is not None)


class ExtractiveGenerator:
    name = "extractive"

    def __init__(self, ranker: SentenceRanker, max_sentences: int = 3):
        self.ranker = ranker
        self.max_sentences = max_sentences

    def select(self, question: str, passages: list[Citation]) -> list[ScoredSentence]:
        # A sentence about another month, year or company is never the answer, however close.
        ranked = [s for s in self.ranker.rank(question, passages) if s.anchored]
        if not ranked or ranked[0].score < MIN_SCORE:
            return []
        chosen: list[ScoredSentence] = []
        seen: list[set[str]] = []

        def take(candidate: ScoredSentence) -> bool:
            tokens = set(tokenize(candidate.text))
            if any(len(tokens & s) / max(1, len(tokens | s)) > NEAR_DUPLICATE for s in seen):
                return False  # figures are tokens, so rows that differ only in their numbers both stay
            chosen.append(candidate)
            seen.append(tokens)
            return True

        # Further sentences by maximal marginal relevance: close to the question, far from what is
        # already said, so a second part of the question gets its own sentence.
        keep = KEEP_WITHIN_PARTS if asks_several(question) else KEEP_WITHIN
        pool = [s for s in ranked if s.score >= keep * ranked[0].score]
        while pool and len(chosen) < self.max_sentences:
            best = max(pool, key=lambda s: s.score - REDUNDANCY * _closeness(s, chosen))
            pool.remove(best)
            take(best)
        # A comparison needs each side: the best sentence for every anchor not yet met.
        for key in sorted(_anchor_keys(question) - set().union(*(s.covers for s in chosen))):
            side = next((s for s in ranked if key in s.covers and s.score >= MIN_SCORE), None)
            if side is not None and side not in chosen:
                take(side)
        if wants_figure(question) and not any(has_quantity(s.text) for s in chosen):
            return []  # "how many" answered without a number is no answer
        return chosen

    def stream(self, question: str, passages: list[Citation]) -> Iterator[str]:
        for i, sentence in enumerate(self.select(question, passages)):
            body = sentence.text.rstrip()
            end = body[-1] if body[-1] in ".!?" else "."
            body = body[:-1] if body[-1] in ".!?" else body
            yield f"{' ' if i else ''}{body} [{sentence.n}]{end}"

    def rewrite(self, question: str, history: list[dict] | None) -> str:
        return rewrite_by_rule(question, history)
