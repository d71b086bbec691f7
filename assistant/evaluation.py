"""`layoffqa eval`: answer a question set through the same Assistant as the UI and score it.

Retrieval is scored on every retrieved passage (hit@k, MRR against `source`), answers on `keys`
(figures compared after normalisation), refusals on `unanswerable`, and citations on whether each
[n] points at a given passage holding the sentence's figures.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from assistant.answering.citations import claims
from assistant.answering.figures import figures, quantities, values
from assistant.service import Assistant
from assistant.types import Answer
from ingest.dates import mentions

_MARKERS = re.compile(r"\[(\d+)\]")


@dataclass
class Case:
    question: str
    keys: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    answer: str = ""
    unanswerable: bool = False
    history: list[str] = field(default_factory=list)  # earlier user questions, oldest first
    kind: str = ""

    @classmethod
    def from_json(cls, data: dict) -> Case:
        source = data.get("source") or []
        return cls(
            question=data["question"],
            keys=list(data.get("keys") or []),
            sources=[source] if isinstance(source, str) else list(source),
            answer=data.get("answer", ""),
            unanswerable=bool(data.get("unanswerable", False)),
            history=[str(q) for q in data.get("history") or []],
            kind=str(data.get("kind") or ""),
        )

    @property
    def conversation(self) -> list[dict]:
        return [{"role": "user", "content": q} for q in self.history]


@dataclass
class Outcome:
    question: str
    kind: str
    answer: str
    refused: bool
    unanswerable: bool
    has_source: bool
    rank: int | None  # 1-based rank of the first retrieved passage from `source`
    keys_ok: bool | None
    markers: int
    valid_markers: int
    ungrounded: int
    latency_ms: float
    first_token_ms: float | None  # None when nothing was generated (a refusal, a table answer)
    top_passages: list[str]

    @property
    def missed(self) -> list[str]:
        misses = []
        if self.unanswerable and not self.refused:
            misses.append("answered an unanswerable question")
        if not self.unanswerable and self.refused:
            misses.append("refused")
        if self.has_source and self.rank is None:
            misses.append("source not retrieved")
        if self.keys_ok is False and not self.refused:
            misses.append("keys missing")
        if self.valid_markers < self.markers:
            misses.append("invalid citation")
        return misses


def load_cases(path: Path) -> list[Case]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Case.from_json(json.loads(line)) for line in lines]


def contains_key(answer: str, key: str) -> bool:
    """A figure key matches by value and unit ("1.8 million" = "1,800,000", "$500" is not "500
    days", "3.8" is any 3.8); `text:phrase` and other phrases match case-insensitively."""
    if key.startswith("text:"):
        return _squash(key[5:]) in _squash(answer)
    day = _whole_date(key)
    if day:  # "04/09/2020" is "April 9, 2020" and "2020-04-09"
        return day in {(m.year, m.month, m.day) for m in mentions(answer)}
    wanted = figures(key, with_dates=True)
    if wanted and len(" ".join(f.text for f in wanted)) >= len(re.sub(r"[^\w$%]", "", key)) / 2:
        have = quantities(answer, with_dates=True)
        return all(
            (round(f.value, 6), f.unit) in have or (not f.unit and round(f.value, 6) in {v for v, _ in have})
            for f in wanted
        )
    return _squash(key) in _squash(answer)


def _whole_date(key: str) -> tuple[int, int, int] | None:
    """The key's day when the key is one date and nothing else."""
    found = mentions(key.strip())
    if len(found) == 1 and found[0].day and found[0].end - found[0].start == len(key.strip()):
        return found[0].year, found[0].month, found[0].day
    return None


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip().lower()


def _citation_counts(result: Answer) -> tuple[int, int]:
    """Markers, and markers whose passage holds every figure of their sentence (dates are not figures)."""
    given = {p.n: values(f"{p.context} {p.text}") for p in result.retrieved}
    total = valid = 0
    for sentence in claims(result.text):
        wanted = {round(f.value, 6) for f in figures(sentence)}
        for n in map(int, _MARKERS.findall(sentence)):
            total += 1
            if n in given and wanted <= given[n]:
                valid += 1
    return total, valid


def _ungrounded(result: Answer) -> int:
    """Figures in the final answer that none of the passages their sentence cites holds."""
    given = {p.n: values(f"{p.context} {p.text}") for p in result.retrieved}
    missing = 0
    for sentence in claims(result.text):
        cited = [int(n) for n in _MARKERS.findall(sentence) if int(n) in given]
        held = set().union(*(given[n] for n in cited)) if cited else set()
        missing += sum(round(f.value, 6) not in held for f in figures(sentence))
    return missing


def score(case: Case, result: Answer) -> Outcome:
    rank = next(
        (i for i, p in enumerate(result.retrieved, start=1) if any(s in p.source for s in case.sources)),
        None,
    )
    markers, valid = _citation_counts(result)
    return Outcome(
        question=case.question,
        kind=case.kind,
        answer=result.text,
        refused=result.refused,
        unanswerable=case.unanswerable,
        has_source=bool(case.sources),
        rank=rank,
        keys_ok=all(contains_key(result.text, k) for k in case.keys) if case.keys else None,
        markers=markers,
        valid_markers=valid,
        ungrounded=_ungrounded(result),
        latency_ms=result.timings.get("total_ms", 0.0),
        first_token_ms=result.timings.get("first_token_ms"),
        top_passages=[
            f"[{p.n}] {Path(p.source).name} ({p.score:.2f}): {p.text[:100]}" for p in result.retrieved
        ],
    )


def _share(hits: list[bool]) -> float | None:
    return round(sum(hits) / len(hits), 3) if hits else None


def per_kind(outcomes: list[Outcome]) -> dict[str, dict]:
    """Keys, false refusals and refusals for each kind of question (lookup, followup, ...)."""
    table = {}
    for kind in sorted({o.kind for o in outcomes if o.kind}):
        group = [o for o in outcomes if o.kind == kind]
        answerable = [o for o in group if not o.unanswerable]
        table[kind] = {
            "questions": len(group),
            "keys": _share([bool(o.keys_ok) for o in answerable if o.keys_ok is not None]),
            "false_refusal": _share([o.refused for o in answerable]),
            "refusal": _share([o.refused for o in group if o.unanswerable]),
        }
    return table


def summarise(outcomes: list[Outcome], k: int) -> dict:
    answerable = [o for o in outcomes if not o.unanswerable]
    scored_source = [o for o in outcomes if o.has_source]
    latencies = [o.latency_ms for o in outcomes]
    first_tokens = [o.first_token_ms for o in outcomes if o.first_token_ms is not None]
    markers = sum(o.markers for o in outcomes)
    return {
        "questions": len(outcomes),
        f"hit@{k}": _share([o.rank is not None and o.rank <= k for o in scored_source]),
        "mrr": round(float(np.mean([1 / o.rank if o.rank else 0.0 for o in scored_source])), 3)
        if scored_source
        else None,
        "keys": _share([bool(o.keys_ok) for o in answerable if o.keys_ok is not None]),
        "refusal": _share([o.refused for o in outcomes if o.unanswerable]),
        "false_refusal": _share([o.refused for o in answerable]),
        "citation_validity": round(sum(o.valid_markers for o in outcomes) / markers, 3) if markers else None,
        "ungrounded_per_answer": round(float(np.mean([o.ungrounded for o in outcomes])), 3)
        if outcomes
        else 0,
        "latency_p50_ms": round(float(np.percentile(latencies, 50)), 1) if latencies else 0,
        "latency_p95_ms": round(float(np.percentile(latencies, 95)), 1) if latencies else 0,
        "first_token_p50_ms": round(float(np.percentile(first_tokens, 50)), 1) if first_tokens else None,
    }


def run(
    assistant: Assistant,
    cases: list[Case],
    generator: str | None = None,
    k: int | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> tuple[dict, list[Outcome]]:
    """One question at a time, as a user would ask them."""
    outcomes = []
    for case in cases:
        result = assistant.answer(case.question, case.conversation, generator=generator, k=k)
        outcomes.append(score(case, result))
        if on_progress:
            on_progress(len(outcomes))
    return summarise(outcomes, k or assistant.settings.k), outcomes


def report(summary: dict, outcomes: list[Outcome]) -> dict:
    return {
        "summary": summary,
        "per_kind": per_kind(outcomes),
        "questions": [asdict(o) | {"missed": o.missed} for o in outcomes],
    }
