"""A comparison composed from its sides: each side answered on its own, then set side by side.

Which figure is larger is arithmetic, done here rather than by a small model that gets it wrong
half the time. The verdict is given only when each side's answer holds exactly one figure (of the
unit asked, when it gives several) and both are of the same kind; otherwise the sides stand as
they are.
"""

from __future__ import annotations

from assistant.answering.citations import claims, label, markers
from assistant.answering.figures import Figure, figures, kind_of, strip_markers
from assistant.answering.sentences import ScoredSentence
from assistant.query import Query, parse
from assistant.query.parse import period_words
from ingest.dates import MONTHS

_LOWER = ("less", "fewer", "smaller", "lower", "least")


def _own(part: Query, whole: Query) -> tuple[list[str], list[tuple[int, int | None]]]:
    """The names and periods a side asks about that the other sides do not."""
    others = [parse(p) for p in whole.parts if p != part.text]
    names = [n for n in part.names if n not in {n for o in others for n in o.names}]
    periods = part.anchors.periods - {p for o in others for p in o.anchors.periods}
    return names, sorted(periods, key=lambda p: (p[0], p[1] or 0))


def own_anchors(part: Query, whole: Query) -> frozenset[str]:
    """A side's own anchors as the ranker's `covers` writes them: a sentence for this side must
    meet one (the Reno row does not answer for the Boise site)."""
    names, periods = _own(part, whole)
    return frozenset([*names, *(f"{y}-{m}" for y, m in periods), *_own_months(part, whole)])


def _own_months(part: Query, whole: Query) -> list[str]:
    """The months named without a year ("in June") that a side asks about and the others do not."""
    others = {m for p in whole.parts if p != part.text for m in parse(p).anchors.months}
    return [MONTHS[m - 1].capitalize() for m in sorted(part.anchors.months - others)]


def side_label(part: Query, whole: Query) -> str:
    """What a side asks about that the other sides do not: its own names, else its own periods."""
    names, periods = _own(part, whole)
    return (
        " ".join(names)
        or " ".join(period_words(p) for p in periods)
        or " ".join(_own_months(part, whole))
        or part.text.rstrip("?")
    )


def no_figure(part: Query, whole: Query) -> str:
    """The sentence that names a side the documents say nothing of, instead of leaving it out."""
    return f" The documents give no figure for {side_label(part, whole)}."


def figure_sentence(ranked: list[ScoredSentence], unit: str = "") -> ScoredSentence | None:
    """A side's best sentence that gives a figure (of the unit asked, when one is; else any, as a
    table of rates writes "Mar: 4.6" without its sign): what its answer quotes when the model
    answered the side without one ("the plant closure affected more")."""
    given = [s for s in ranked if figures(s.text)]
    in_unit = [s for s in given if any(not unit or f.unit == unit for f in figures(s.text))]
    return (in_unit or given or [None])[0]


def verdict(whole: Query, answers: list[tuple[Query, str]]) -> str:
    """One sentence saying which side's figure is larger (or smaller, when that is what is asked),
    or "" when the sides' figures cannot be set against each other."""
    found = []
    for part, text in answers:
        given = figures(text)
        if len(given) > 1 and whole.unit:  # "800 roles, or 6%" for "the larger share": the 6%
            given = [f for f in given if f.unit == whole.unit]
        if len(given) != 1:
            return ""
        found.append((side_label(part, whole), given[0], _cited_for(text, given[0])))
    if len(found) != 2 or kind_of(found[0][1]) != kind_of(found[1][1]):
        return ""
    (a, x, xm), (b, y, ym) = found
    if x.value == y.value:
        return f" {a} and {b} give the same figure, {x.text}{xm}{ym}."
    lower = any(word in whole.text.lower().split() for word in _LOWER)
    first = (x.value < y.value) == lower
    (win, w, wm), (lose, v, vm) = ((a, x, xm), (b, y, ym)) if first else ((b, y, ym), (a, x, xm))
    size = "lower" if lower else "higher"
    return f" The {size} figure is for {win}: {w.text}{wm}, against {v.text} for {lose}{vm}."


def _cited_for(answer: str, figure: Figure) -> str:
    """The markers of the claim in a side's answer that gives `figure` (" [2]"), so that the
    verdict cites each figure where it stands and each marker vouches for its own side only."""
    claim = next((c for c in claims(answer) if figure in figures(strip_markers(c))), "")
    cited = markers(claim)
    return f" {label(cited)}" if cited else ""
