"""The sources block an LLM reads: the best sentences of the retrieved passages with their
neighbours, one line per document above its passages, within a budget.

On 2 cores the prompt is most of an answer's time (about 35 tokens a second), so the budget goes to
the best-scoring sentences wherever they are rather than passage by passage, and a document's
title, period and date are written once however many of its passages are given.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.answering import weights
from assistant.answering.sentences import ScoredSentence
from assistant.answering.statements import is_statement, split_sentences
from assistant.query import Query
from assistant.types import Citation
from ingest.chunks import context_line

WIDE_KINDS = frozenset({"list", "explanation"})
_FENCE = re.compile(r"<\s*/?\s*sources\s*>", re.I)  # a document's own tags could end the sources block
Measure = Callable[[str], int]


def document_line(passage: Citation) -> str:
    label = context_line(passage.title, passage.period, "")
    return f"{label} ({passage.date})" if passage.date else label


def rough_tokens(text: str) -> int:
    """About four characters a token: English prose in most tokenizers, for models whose own
    tokenizer is not at hand."""
    return len(text) // 4 + 1


def budget_for(query: Query) -> tuple[int, int]:
    """(tokens, neighbours) of sources for a question: a lookup's worth, and half as much again for
    each further part of a question in parts; a paragraph's worth for a list or an explanation."""
    if query.parts:
        return weights.BUDGET + weights.BUDGET // 2 * (len(query.parts) - 1), weights.NEIGHBOURS
    return (
        (weights.WIDE_BUDGET, weights.NEIGHBOURS + 1)
        if query.kind in WIDE_KINDS
        else (weights.BUDGET, weights.NEIGHBOURS)
    )


def interleaved(rankings: list[list[ScoredSentence]]) -> list[ScoredSentence]:
    """Several parts' rankings as one: each part's best, then each part's second, and so on."""
    merged: dict[tuple[int, int], ScoredSentence] = {}
    for rank in range(max((len(r) for r in rankings), default=0)):
        for ranking in rankings:
            if rank < len(ranking):
                merged.setdefault((ranking[rank].n, ranking[rank].position), ranking[rank])
    return list(merged.values())


def sources_block(
    ranked: list[ScoredSentence],
    passages: list[Citation],
    budget: int | None = None,
    measure: Measure = rough_tokens,
    neighbours: int | None = None,
) -> str:
    """`ranked` best first (anchored sentences only); `budget` in tokens as `measure` counts them
    (figures cost more than words: many tokenizers read a number digit by digit). Empty when
    nothing is ranked."""
    if not ranked:
        return ""
    budget = weights.BUDGET if budget is None else budget
    neighbours = weights.NEIGHBOURS if neighbours is None else neighbours
    by_n = {p.n: p for p in passages}
    sentences = {n: split_sentences(p.text) for n, p in by_n.items()}
    keep: dict[int, set[int]] = {}
    written: set[str] = set()  # document and section lines already paid for
    used, floor = 0, weights.KEEP * ranked[0].score
    chosen = [s for s in ranked if s.score >= floor]
    # the best sentences first, wherever they are; then, while the budget lasts, their neighbours
    wishes = [(s.n, s.position) for s in chosen] + [
        (s.n, i)
        for s in chosen
        for i in range(s.position - neighbours, s.position + neighbours + 1)
        if i != s.position
        and 0 <= i < len(sentences[s.n])
        and is_statement(sentences[s.n][i], by_n[s.n].title, alone=False)  # not "(See table 2.)"
    ]
    for n, i in wishes:
        if i in keep.get(n, ()):
            continue
        labels = {document_line(by_n[n]), by_n[n].section} - written - {""}
        cost = sum(measure(label) + 1 for label in labels) + measure(sentences[n][i])
        if used + cost <= budget or not keep:  # the best sentence always goes in, cut to fit
            keep.setdefault(n, set()).add(i)
            written |= labels
            used += cost
    windows = {n: _cut(_joined(sentences[n], kept), budget, measure) for n, kept in keep.items()}
    return _FENCE.sub(" ", _grouped([by_n[n] for n in sorted(windows)], windows))


def _joined(sentences: list[str], kept: set[int]) -> str:
    """In document order, with "…" where sentences were left out between two kept ones."""
    order = sorted(kept)
    return " ".join(
        f"… {sentences[i]}" if k and i > order[k - 1] + 1 else sentences[i] for k, i in enumerate(order)
    )


def _cut(text: str, budget: int, measure: Measure) -> str:
    """A single sentence longer than the whole budget, cut at a word to about the budget."""
    size = measure(text)
    return text if size <= budget else text[: len(text) * budget // size].rsplit(" ", 1)[0] + "…"


def _grouped(given: list[Citation], windows: dict[int, str]) -> str:
    """Documents in the order of their first source, each document's line once above its passages,
    a section named only where it changes."""
    first: dict[str, int] = {}
    for passage in given:
        first.setdefault(passage.source, passage.n)
    lines: list[str] = []
    document = section = None
    for passage in sorted(given, key=lambda p: (first[p.source], p.n)):
        if passage.source != document:
            document, section = passage.source, None
            lines.append(f"{document_line(passage)}:")
        label = f"{passage.section}: " if passage.section and passage.section != section else ""
        section = passage.section
        lines.append(f"[{passage.n}] {label}{windows[passage.n]}")
    return "\n".join(lines)
