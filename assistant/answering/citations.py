"""Check an answer's [n] markers against the passages, in code: the model's markers are a claim.

Markers that point at no given passage are removed. A sentence whose figures are missing from the
passage it cites is re-cited to a passage that has them; if none has them, the figure is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.answering.figures import figures, strip_markers, values
from assistant.answering.sentences import split_sentences
from vectorstore.tokens import tokenize

_MARKERS = re.compile(r"\s*\[(\d+(?:\s*,\s*\d+)*)\]")
MIN_SUPPORT = 0.25  # share of a sentence's keywords its passage must hold


@dataclass
class CheckedAnswer:
    text: str
    cited: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _markers(sentence: str) -> list[int]:
    return [int(n) for group in _MARKERS.findall(sentence) for n in group.split(",")]


def _support(sentence: str, passage: str) -> float:
    words = set(tokenize(strip_markers(sentence)))
    return len(words & set(tokenize(passage))) / max(1, len(words))


def _has_figures(sentence: str, passage_values: set[float]) -> bool:
    return all(round(f.value, 6) in passage_values for f in figures(sentence))


def check_citations(text: str, passages: dict[int, str]) -> CheckedAnswer:
    """Return the answer with markers repaired, the passages it cites, and figure warnings."""
    passage_values = {n: values(t) for n, t in passages.items()}
    result = CheckedAnswer(text="")
    sentences = []
    for sentence in split_sentences(text):
        bare = _MARKERS.sub("", sentence).strip()
        cited = [n for n in dict.fromkeys(_markers(sentence)) if n in passages]
        supported = [
            n
            for n in cited
            if _has_figures(bare, passage_values[n]) and _support(bare, passages[n]) >= MIN_SUPPORT
        ]
        if not supported:
            supported = _best_cover(bare, passages, passage_values) or cited
        if supported:
            union = set().union(*(passage_values[n] for n in supported))
            for figure in figures(bare):
                if round(figure.value, 6) not in union:
                    result.warnings.append(f"'{figure.text}' is not in the cited source {_label(supported)}")
        elif figures(bare):
            shown = ", ".join(f.text for f in figures(bare))
            result.warnings.append(f"'{shown}' is not in any of the sources")
        result.cited += [n for n in supported if n not in result.cited]
        tail = bare[-1:] if bare[-1:] in ".!?" else ""
        body = bare[:-1] if tail else bare
        marks = "".join(f"[{n}]" for n in supported)
        sentences.append(f"{body} {marks}{tail or '.'}" if marks else f"{body}{tail}")
    result.text = " ".join(sentences)
    return result


def _best_cover(sentence: str, passages: dict[int, str], passage_values: dict[int, set[float]]) -> list[int]:
    """The passage (or, failing one, the two) that hold most of the sentence's figures and words."""
    wanted = {round(f.value, 6) for f in figures(sentence)}
    relevant = [n for n in passages if _support(sentence, passages[n]) >= MIN_SUPPORT]
    if not relevant:
        return []
    ranked = sorted(
        relevant, key=lambda n: (-len(wanted & passage_values[n]), -_support(sentence, passages[n]))
    )
    first = ranked[0]
    missing = wanted - passage_values[first]
    second = [n for n in ranked[1:] if missing & passage_values[n]][:1]
    return [first, *second]


def _label(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)
