"""Fit the ranking and choice weights (`assistant/answering/weights.py`) on question sets, honestly.

Each set's questions are split once and for all: the even-numbered ones (0, 2, 4, ...) are the fit
half, the odd-numbered ones the report half. Every combination of the grid is scored on both halves
with the extractive generator (deterministic, a fraction of a second a question); the combination
best on the fit half is printed with its score on the report half, beside the current weights'.
A weight is worth changing only when the report half agrees.

Run (each data dir already holding its set's documents):
  .venv/bin/python bench/fit_weights.py --set DATA_DIR QUESTIONS.jsonl [--set ...] \
      [--grid LEAD_BONUS=0.1,0.2,0.3 --grid UNIT_BONUS=0.1,0.2]
"""

from __future__ import annotations

import sys
from pathlib import Path

# Scripts here are named after what they measure: keep their folder off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import itertools

from assistant import Assistant
from assistant.answering import weights
from assistant.evaluation import Case, load_cases, score

DEFAULT_GRID = {
    "OVERLAP_WEIGHT": [0.25, 0.35, 0.45],
    "LEAD_BONUS": [0.1, 0.2, 0.3],
    "UNIT_BONUS": [0.1, 0.2],
}


def right(case: Case, assistant: Assistant) -> bool:
    """Right: every key for an answerable question, a refusal for an unanswerable one."""
    result = assistant.answer(case.question, case.conversation, generator="extractive")
    outcome = score(case, result)
    return outcome.refused if case.unanswerable else bool(outcome.keys_ok and not outcome.refused)


def halves(sets: list[tuple[Assistant, list[Case]]]) -> tuple[list, list]:
    fit = [(a, c) for a, cases in sets for c in cases[0::2]]
    held = [(a, c) for a, cases in sets for c in cases[1::2]]
    return fit, held


def share(pairs: list[tuple[Assistant, Case]]) -> float:
    return sum(right(case, assistant) for assistant, case in pairs) / len(pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", nargs=2, action="append", metavar=("DATA_DIR", "QUESTIONS"), required=True)
    parser.add_argument("--grid", action="append", default=[], help="NAME=v1,v2,...")
    args = parser.parse_args()
    grid = dict(DEFAULT_GRID) if not args.grid else {}
    for item in args.grid:
        name, values = item.split("=", 1)
        grid[name] = [float(v) for v in values.split(",")]
    unknown = [n for n in grid if not hasattr(weights, n)]
    if unknown:
        parser.error(f"no such weight: {', '.join(unknown)}")
    sets = [(Assistant(data_dir=d, generator="extractive"), load_cases(Path(q))) for d, q in args.set]
    fit, held = halves(sets)
    current = {n: getattr(weights, n) for n in grid}
    results = []
    for values in itertools.product(*grid.values()):
        setting = dict(zip(grid, values, strict=True))
        for name, value in setting.items():
            setattr(weights, name, value)
        results.append((share(fit), setting))
        print(f"fit {results[-1][0]:.3f}  {setting}", flush=True)
    for name, value in current.items():
        setattr(weights, name, value)
    best_fit, best = max(results, key=lambda r: r[0])
    now_fit = (
        next(s for s, setting in results if setting == current)
        if current in [r[1] for r in results]
        else None
    )
    for name, value in best.items():
        setattr(weights, name, value)
    best_held = share(held)
    for name, value in current.items():
        setattr(weights, name, value)
    now_held = share(held)
    print(f"\n{len(fit)} fit questions, {len(held)} report questions")
    print(
        f"current {current}: fit {now_fit if now_fit is None else round(now_fit, 3)}, report {now_held:.3f}"
    )
    print(f"best    {best}: fit {best_fit:.3f}, report {best_held:.3f}")


if __name__ == "__main__":
    main()
