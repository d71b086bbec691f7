"""Near misses by unit: a figure of another kind is not the answer.

"How many employees" is not answered by a share of staff, "how many days" not by a headcount, "how
much is the payment" not by a growth rate. Each figure is read as a kind (a count, a percentage, a
sum of money, a length of time) from its unit and the word after it; a question's measure (parsed in
`Query`) says which kinds answer it.
"""

from __future__ import annotations

from assistant.answering import weights
from assistant.answering.figures import (
    ANSWERED_BY,
    GIVEN,
    WANTED_NAMES,
    Figure,
    figures,
    gives,
    in_time_unit,
    kind_of,
    kinds,
)
from assistant.answering.sentences import ScoredSentence
from assistant.query.vocabulary import DURATION_UNITS


def answers(text: str, measure: str, sources: str) -> bool:
    """Whether the text gives a figure of the wanted kind that the sources give as that kind too
    ("15 days" written over a source's "15 staff" does not)."""
    wanted = ANSWERED_BY.get(measure)
    if not wanted:
        return True
    given = {(v, k) for v, k in kinds(text) if k in wanted}
    return bool(given & kinds(sources))


def near_miss(ranked: list[ScoredSentence], measure: str, refusal: str) -> tuple[str, int | None]:
    """The refusal for a question whose measure the documents do not give, saying what the closest
    sentence gives instead (with its citation), and that sentence's passage."""
    wanted = ANSWERED_BY.get(measure, set())
    for sentence in ranked:
        found = [f for f in figures(sentence.text) if kind_of(f) not in wanted]
        if sentence.anchored and found:
            given = f"{GIVEN[kind_of(found[0])]} ({_as_written(found[0])})"
            return (
                f"{refusal} The closest passage gives {given} [{sentence.n}], not {WANTED_NAMES[measure]}.",
                sentence.n,
            )
    return refusal, None


def _as_written(figure: Figure) -> str:
    """A length of time with its unit ("four weeks"): the number alone would not say it."""
    unit = DURATION_UNITS.match(figure.after) if kind_of(figure) == "duration" else None
    return f"{figure.text}{unit.group(0).rstrip()}" if unit else figure.text


def measured(
    ranked: list[ScoredSentence], measure: str, on_topic: float | None = None, time_unit: str = ""
) -> ScoredSentence | None:
    """The best anchored sentence holding a figure of the wanted kind (a length of time in
    `time_unit`, when given), among those close to the best (a figure of that kind in an aside far
    down the ranking is not the answer to quote); with `on_topic=0`, anywhere (whether any answer
    can be given at all)."""
    anchored = [s for s in ranked if s.anchored]
    if not anchored:
        return None
    floor = (weights.ON_TOPIC if on_topic is None else on_topic) * anchored[0].score
    return next(
        (
            s
            for s in anchored
            if s.score >= floor
            and gives(s.text, measure)
            and (not time_unit or in_time_unit(s.text, time_unit))
        ),
        None,
    )
