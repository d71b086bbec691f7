"""No-LLM answers: the best sentences of the retrieved passages, each cited. Deterministic and fast.

A question in parts (two sides of a comparison, "how many ..., and what share ...?") is answered part
by part, each with its own best sentence, and a side the passages say nothing of is named as such.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import takewhile

import numpy as np

from assistant.answering import weights
from assistant.answering.cells import asked_cells
from assistant.answering.compose import no_figure, own_anchors, verdict
from assistant.answering.figures import figures, gives, has_quantity, in_time_unit, in_unit
from assistant.answering.measures import measured
from assistant.answering.periods import period_of
from assistant.answering.sentences import ScoredSentence, SentenceRanker
from assistant.query import Query, as_query, parse
from assistant.query.followup import rewrite_by_rule
from assistant.query.vocabulary import REASON
from assistant.types import Citation
from ingest.normalize import is_table_row
from vectorstore.tokens import tokenize


def _anchor_keys(query: Query) -> set[str]:
    """The anchors a comparison must meet one by one: each name, and each month asked."""
    wanted = query.anchors
    months = {f"{y}-{m}" for y, m in wanted.periods if m}
    keys = set(wanted.names) if len(wanted.names) > 1 else set()
    return keys | (months if len(months) > 1 else set())


def _closeness(candidate: ScoredSentence, chosen: list[ScoredSentence]) -> float:
    if not chosen or candidate.vector is None:
        return 0.0
    return max(float(np.dot(candidate.vector, c.vector)) for c in chosen if c.vector is not None)


def _answers(part: Query, text: str) -> bool:
    """A figure where one is asked for, of the kind asked for."""
    return (not part.figure or has_quantity(text)) and gives(text, part.measure)


def _one_figure_in(text: str, unit: str) -> bool:
    return len({f.value for f in figures(text) if f.unit == unit}) == 1


def _following(ranked: list[ScoredSentence], first: ScoredSentence, count: int) -> list[ScoredSentence]:
    """The statements right after `first` in its passage (within two sentences), in order."""
    after = [s for s in ranked if s.n == first.n and 0 < s.position - first.position <= 2]
    return sorted(after, key=lambda s: s.position)[:count]


class ExtractiveGenerator:
    name = "extractive"

    def __init__(self, ranker: SentenceRanker, max_sentences: int = 3):
        self.ranker = ranker
        self.max_sentences = max_sentences

    def select(self, question: str | Query, passages: list[Citation]) -> list[ScoredSentence]:
        query = as_query(question)
        if not query.parts:
            return self._one(query, passages)
        return [s for _, s in self._parts(query, passages) if s is not None]

    def _parts(
        self, query: Query, passages: list[Citation], answered: list | None = None
    ) -> list[tuple[Query, ScoredSentence | None]]:
        """Each part with its best sentence, or None when the passages have none for it; a part
        that compares two things, each of its sides."""
        answered = [] if answered is None else answered
        for text in query.parts:
            part = parse(text)
            if part.compares and not query.compares:
                self._parts(part, passages, answered)
                continue
            own = own_anchors(part, query) if query.compares else frozenset()
            answered.append((part, self._best(part, passages, [s for _, s in answered if s], own)))
        return answered

    def _best(
        self, part: Query, passages: list[Citation], taken: list[ScoredSentence], own: frozenset[str]
    ) -> ScoredSentence | None:
        """The part's best sentence not already given for another part, meeting the part's own
        anchors when it is a side of a comparison. A side is one figure to set against the other's:
        of the side's sentences nearly as good as its best, the first that gives one figure of the
        unit asked, not two ("shares fell 17% as it cut a quarter of its staff")."""
        given = {(t.n, t.position) for t in taken}
        fitting = [
            s
            for s in takewhile(lambda s: s.score >= weights.MIN_SCORE, self.ranker.rank(part, passages))
            if s.anchored
            and (s.n, s.position) not in given
            and _answers(part, s.text)
            and (not own or own & s.covers)
        ]
        if not fitting:
            return None
        if own and part.unit:
            close = [s for s in fitting if s.score >= weights.KEEP_WITHIN * fitting[0].score]
            return next((s for s in close if _one_figure_in(s.text, part.unit)), fitting[0])
        return fitting[0]

    def _one(self, query: Query, passages: list[Citation]) -> list[ScoredSentence]:
        # A sentence about another month, year or company is never the answer, however close.
        ranked = [s for s in self.ranker.rank(query, passages) if s.anchored]
        if not ranked or ranked[0].score < weights.MIN_SCORE:
            return []
        chosen: list[ScoredSentence] = []
        seen: list[set[str]] = []

        def take(candidate: ScoredSentence) -> bool:
            tokens = set(tokenize(candidate.text))
            if any(len(tokens & s) / max(1, len(tokens | s)) > weights.NEAR_DUPLICATE for s in seen):
                return False  # figures are tokens, so rows that differ only in their numbers both stay
            chosen.append(candidate)
            seen.append(tokens)
            return True

        # Further sentences by maximal marginal relevance: close to the question, far from what is
        # already said.
        # The ranker's first sentence leads (for "the latest", the newest document's, whatever its score).
        if REASON.search(query.text):
            # "why ...": a table's record states no reason, and the reason most often follows the
            # fact it explains
            records = {p.n for p in passages if p.record}
            lead = next(
                (
                    s
                    for s in ranked
                    if s.n not in records and not is_table_row(s.text) and s.score >= weights.MIN_SCORE
                ),
                ranked[0],
            )
            take(lead)
            for after in _following(ranked, lead, self.max_sentences - 1):
                take(after)
        else:
            take(ranked[0])
        top = max(s.score for s in ranked)
        # a rate asked for and given: a further sentence adds another rate, not a count beside it
        unit = query.unit if query.figure and in_unit(ranked[0].text, query.unit) else ""
        pool = [
            s
            for s in ranked[1:]
            if s.score >= weights.KEEP_WITHIN * top and (not unit or in_unit(s.text, unit))
        ]
        while pool and len(chosen) < self.max_sentences:
            best = max(pool, key=lambda s: s.score - weights.REDUNDANCY * _closeness(s, chosen))
            pool.remove(best)
            take(best)
        # A comparison needs each side: the best sentence for every anchor not yet met.
        for key in sorted(_anchor_keys(query) - set().union(*(s.covers for s in chosen))):
            side = next((s for s in ranked if key in s.covers and s.score >= weights.MIN_SCORE), None)
            if side is not None and side not in chosen:
                take(side)
        if query.measure and not any(gives(s.text, query.measure) for s in chosen):
            # "how many employees" is answered by a headcount, not the share of staff ranked first
            best = measured(ranked, query.measure)
            chosen = [best] if best else []
        if query.time_unit and not any(in_time_unit(s.text, query.time_unit) for s in chosen):
            # "how many weeks" is answered by a close sentence giving weeks, not "within 18 months"
            timed = measured(ranked, query.measure, time_unit=query.time_unit)
            chosen = [timed] if timed else chosen
        if query.figure and not any(has_quantity(s.text) for s in chosen):
            return []  # "how many" answered without a number is no answer
        return chosen

    def stream(self, question: str | Query, passages: list[Citation]) -> Iterator[str]:
        query = as_query(question)
        answered = (
            self._parts(query, passages) if query.parts else [(query, s) for s in self._one(query, passages)]
        )
        chosen = [s for _, s in answered if s is not None]
        for i, sentence in enumerate(chosen):
            body = asked_cells(sentence.text, query.anchors.periods).rstrip()
            end = body[-1] if body[-1] in ".!?" else "."
            body = body[:-1] if body[-1] in ".!?" else body
            period = period_of(sentence, passages) if query.dated else ""
            yield f"{' ' if i else ''}{f'{period}: ' if period else ''}{body} [{sentence.n}]{end}"
        if chosen and query.compares:  # a side left out silently would read as the whole answer
            for part, sentence in answered:
                if sentence is None:
                    yield no_figure(part, query)
            if len(chosen) == len(answered):
                yield verdict(query, [(part, f"{s.text} [{s.n}]") for part, s in answered if s is not None])

    def rewrite(self, question: str, history: list[dict] | None) -> str:
        return rewrite_by_rule(question, history)
