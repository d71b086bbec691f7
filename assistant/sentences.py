"""Sentence-level evidence: split passages into sentences and rank them against a question.

The extractive generator answers with the best sentences; the LLM path sends only the best few
sentences of each passage, which keeps the prompt (and the wait on 2 cores) short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.anchors import MONTHS, missing_anchors, names_period, other_periods
from assistant.figures import figures
from assistant.types import Citation
from vectorstore.tokens import tokenize

_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=\S)|\n+")
_ABBREVIATION = re.compile(r"\b(?:U\.S|U\.K|Inc|Corp|Co|Ltd|Mr|Ms|Dr|St|No|vs|e\.g|i\.e)\.$")
OVERLAP_WEIGHT = 0.35
FIGURE_BONUS = 0.1
ANCHOR_PENALTY = 0.3
_QUANTITY_QUESTION = re.compile(
    r"\b(how many|how much|how long|what (?:was|is|were) the|rate|percent|number|total)\b", re.I
)


def split_sentences(text: str) -> list[str]:
    pieces, buffer = [], ""
    for part in _BOUNDARY.split(text):
        buffer = f"{buffer} {part}".strip() if buffer else part.strip()
        if buffer and not _ABBREVIATION.search(buffer):
            pieces.append(buffer)
            buffer = ""
    if buffer:
        pieces.append(buffer)
    return [p for p in (s.strip(" #*-") for s in pieces) if len(p) > 2]


def _is_statement(sentence: str, title: str, alone: bool) -> bool:
    """Headings, titles and bylines repeat the question's words but state nothing: a statement
    ends like a sentence (unless it is all the passage has)."""
    if len(sentence) < 25 or sentence.strip().lower() == title.strip().lower():
        return False
    end = sentence.rstrip().rstrip("\"'\u201d\u2019")
    return alone or end[-1:] in ".!?"


@dataclass
class ScoredSentence:
    n: int  # the passage it comes from
    position: int
    text: str
    score: float
    anchored: bool = True  # names every company, month and year the question names


class SentenceRanker:
    def __init__(self, embeddings: Embeddings):
        self.embeddings = embeddings

    def rank(self, question: str, passages: list[Citation]) -> list[ScoredSentence]:
        """Best first. Meaning (cosine) plus shared keywords and, when asked for, figures; minus a
        penalty when the sentence (read with its title and the sentence before) lacks a company,
        month or year the question names: the embedding alone misses "Amazon" and "August 2025"."""
        candidates = []
        for p in passages:
            sentences = split_sentences(p.text)
            for i, sentence in enumerate(sentences):
                if _is_statement(sentence, p.title, alone=len(sentences) == 1):
                    before = sentences[i - 1] if i else ""
                    candidates.append((p.n, i, sentence, f"{p.title} {sentence}", before))
        if not candidates:
            return []
        vectors = np.asarray(self.embeddings.embed_documents([question] + [c[2] for c in candidates]))
        similarity = vectors[1:] @ vectors[0]
        question_tokens = set(tokenize(question))
        wants_figure = bool(_QUANTITY_QUESTION.search(question))
        scored = []
        for (n, position, sentence, context, before), cosine in zip(candidates, similarity, strict=True):
            overlap = len(set(tokenize(sentence)) & question_tokens) / max(1, len(question_tokens))
            penalty, anchored = 0.0, True
            if missing := missing_anchors(question, [context]):
                # A company named in the sentence before ("Amazon ... It cut 14,000") costs half;
                # a missing month or year costs in full: another month's figure is a wrong answer.
                dates = any(any(c.isdigit() for c in m) or m.lower() in MONTHS for m in missing)
                rescued = not dates and not missing_anchors(question, [f"{context} {before}"])
                penalty = ANCHOR_PENALTY / 2 if rescued else ANCHOR_PENALTY
                anchored = rescued
            elif other_periods(question, sentence):  # "added 73,000 in July 2025, released August 1, 2025"
                penalty = ANCHOR_PENALTY / 2
                anchored = names_period(question, context)
            figure = FIGURE_BONUS if wants_figure and figures(sentence) else 0.0
            score = float(cosine) + OVERLAP_WEIGHT * overlap + figure - penalty
            scored.append(ScoredSentence(n, position, sentence, score, anchored))
        return sorted(scored, key=lambda s: -s.score)
