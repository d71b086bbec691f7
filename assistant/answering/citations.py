"""Check an answer's [n] markers against the passages, in code: the model's markers are a claim.

Markers that point at no given passage are removed. A sentence whose figures are missing from the
passage it cites is re-cited to a passage that has them; if none has them, the figure is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.answering.figures import figures, strip_markers, values
from assistant.answering.statements import split_sentences
from vectorstore.tokens import tokenize

_MARKERS = re.compile(r"\s*\[(\d+(?:\s*,\s*\d+)*)\]")
MIN_SUPPORT = 0.25  # share of a sentence's keywords its passage must hold


@dataclass
class CheckedSentence:
    body: str  # without markers
    cited: list[int]
    unsupported: list[str]  # figures as written that no cited passage holds

    @property
    def text(self) -> str:
        tail = self.body[-1:] if self.body[-1:] in ".!?,;" else ""  # a clause keeps its comma
        body = self.body[:-1] if tail else self.body
        marks = "".join(f"[{n}]" for n in self.cited)
        return f"{body} {marks}{tail or '.'}" if marks else f"{body}{tail}"


@dataclass
class CheckedAnswer:
    sentences: list[CheckedSentence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def cited(self) -> list[int]:
        return list(dict.fromkeys(n for s in self.sentences for n in s.cited))


def markers(sentence: str) -> list[int]:
    """The passage numbers a claim's [n] markers cite, in order."""
    return [int(n) for group in _MARKERS.findall(sentence) for n in group.split(",")]


def _support(sentence: str, passage: str) -> float:
    words = set(tokenize(strip_markers(sentence)))
    return len(words & set(tokenize(passage))) / max(1, len(words))


def _has_figures(sentence: str, passage_values: set[float]) -> bool:
    return all(round(f.value, 6) in passage_values for f in figures(sentence))


# A claim ends at its markers followed by the end of a sentence or clause ("rose 5% [1], while
# hiring fell 3% [2]." is two claims, each vouched for by its own source), unless the sentence goes
# on after them in lower case ("laid off 1,900 employees [1] in May 2020 [1].").
_CLAIM = re.compile(r".+?(?:\s*\[\d+(?:\s*,\s*\d+)*\])+(?:\s*[.!?,;](?=\s|$)|(?=\s+[^a-z\s]|\s*$))", re.S)


def claims(text: str) -> list[str]:
    """The text cut after each group of markers: what a marker vouches for is everything since the
    last one, however many sentences the segmenter would see in it. Unmarked text is cut into
    sentences, each to be matched to a passage on its own."""
    found, end = [], 0
    for match in _CLAIM.finditer(text):
        found.append(match.group(0).strip())
        end = match.end()
    return [c for c in found if c] + split_sentences(text[end:])


def check_citations(text: str, passages: dict[int, str]) -> CheckedAnswer:
    """The answer with markers repaired, each sentence with the passages it cites and the figures
    none of them holds (reported in `warnings` too)."""
    passage_values = {n: values(t) for n, t in passages.items()}
    result = CheckedAnswer()
    for sentence in claims(text):
        bare = _MARKERS.sub("", sentence).strip()
        cited = [n for n in dict.fromkeys(markers(sentence)) if n in passages]
        supported = [
            n
            for n in cited
            if _has_figures(bare, passage_values[n]) and _support(bare, passages[n]) >= MIN_SUPPORT
        ]
        if not supported:
            supported = _best_cover(bare, passages, passage_values) or cited
        union = set().union(*(passage_values[n] for n in supported)) if supported else set()
        unsupported = [f.text for f in figures(bare) if round(f.value, 6) not in union]
        if unsupported:
            where = f"the cited source {label(supported)}" if supported else "any of the sources"
            result.warnings.append(f"'{', '.join(unsupported)}' is not in {where}")
        result.sentences.append(CheckedSentence(bare, supported, unsupported))
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


def label(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)
