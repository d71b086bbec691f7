"""Near misses by basis: a sum paid per week does not answer a question about a monthly one.

Benefits, wages and allowances are stated per some period ("$410 per week", "a weekly benefit of
$410", "$52,000 a year"). A question that asks for one per another period ("the monthly amount") is
answered neither by quoting it as if it were that (the reader takes the figure as asked) nor by
converting it (a month is not four weeks, and a statute may pay for some weeks only): the reply says
what the documents give instead. A sum stated with no period may be the one asked: never held
against the question.
"""

from __future__ import annotations

import re

from assistant.answering import weights
from assistant.answering.figures import Figure, figures, kind_of
from assistant.answering.sentences import ScoredSentence
from assistant.query.vocabulary import BASIS_WORDS

_LEAD = re.compile(r"^[\s),]*(?:for\s+)?$")  # only spacing between a sum and its "per week" ("for each day")
_TRAIL = re.compile(r"^(?:\s*[\w-]+){0,4}\s*$")  # "weekly benefit of up to" before a sum


def _basis(match: re.Match | None) -> str:
    return match.lastgroup or "" if match else ""


def basis_of(sentence: str, figure: Figure) -> str:
    """The period a sum is stated per, read right after it ("$410 a week") or in the few words
    before it ("a weekly benefit of $410"); "" when it names none."""
    after = BASIS_WORDS.search(figure.after)
    if after and _LEAD.match(figure.after[: after.start()]):
        return _basis(after)
    before = sentence[: max(0, sentence.find(figure.text))]
    found = list(BASIS_WORDS.finditer(before))
    return _basis(found[-1]) if found and _TRAIL.match(before[found[-1].end() :]) else ""


def _sums(sentence: str) -> list[tuple[Figure, str]]:
    return [(f, basis_of(sentence, f)) for f in figures(sentence) if kind_of(f) == "money"]


def basis_miss(ranked: list[ScoredSentence], asked: str, refusal: str) -> tuple[str, int] | None:
    """The refusal for a sum asked per one period ("month") that the documents state only per
    another, citing the closest such sentence; None when a passage may answer: one states a sum
    per the period asked, or an on-topic one states a sum with no period."""
    anchored = [s for s in ranked if s.anchored]
    if not anchored or any(b == asked for s in anchored for _, b in _sums(s.text)):
        return None
    floor = weights.ON_TOPIC * anchored[0].score
    close = [(s, _sums(s.text)) for s in anchored if s.score >= floor]
    if any(not b for _, sums in close for _, b in sums):
        return None
    for sentence, sums in close:
        if sums:
            figure, basis = sums[0]
            given = f"a sum per {basis} ({figure.text})"
            return (
                f"{refusal} The closest passage gives {given} [{sentence.n}], not one per {asked}.",
                sentence.n,
            )
    return None
