"""Table-path latency: aggregate questions over an invented tracker of 3,000 and 100,000 rows.

The rows go in through the real loader, chunker and Chroma store; only the embedding model is
swapped for a cheap fake, because the table path never embeds and 100k real embeddings take an
hour on 2 cores. The first question (which builds the typed table) is start-up and is reported
apart; the p50 is over the rest. Targets: p50 <= 0.3 s extractive, <= 6 s with the local model.
Run: .venv/bin/python bench/tables.py [--rows 3000 100000] [--generator extractive local]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from langchain_core.embeddings import DeterministicFakeEmbedding

from assistant.ingestion import Ingestor
from assistant.service import Assistant
from assistant.settings import Settings
from tests.assistant.datasets.tracker import make_tracker
from vectorstore import ChunkStore, open_client

QUESTIONS = [
    "How many people did Contoso lay off in total?",
    "How many entries does the dataset have for Fabrikam?",
    "Top 5 companies by layoffs in 2023",
    "How did layoffs change per month in 2022?",
    "What was the single largest layoff in March 2024?",
    "Which industry cut the most jobs in 2024?",
]


def ingest(rows: int, folder: Path) -> Settings:
    path, _ = make_tracker(folder, rows=rows)
    settings = Settings(data_dir=folder / "data", max_rows=2 * rows)  # over the default per-file limit
    store = ChunkStore(
        open_client(settings.chroma_path), DeterministicFakeEmbedding(size=384), settings.collection
    )
    started = time.perf_counter()
    report = Ingestor(store, settings).run([str(path)])
    assert not report.failures, report.failures
    print(f"  ingest of {rows:,} rows (fake embeddings): {time.perf_counter() - started:.1f} s")
    return settings


def measure(settings: Settings, generator: str, rounds: int, table_sql: str) -> None:
    settings = settings.model_copy(update={"table_sql": table_sql})
    assistant = Assistant(settings, generator=generator)
    started = time.perf_counter()
    assistant.generator()  # loading the model is start-up
    first = assistant.answer(QUESTIONS[0])
    startup = time.perf_counter() - started
    print(f"  {generator}: start-up (model, typed table build, first answer) {startup:.2f} s")
    assert first.sql, first.text
    times = []
    for _ in range(rounds):
        for question in QUESTIONS:
            began = time.perf_counter()
            answer = assistant.answer(question)
            times.append(time.perf_counter() - began)
            assert answer.sql, f"not answered from the table: {question}"
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    p50, who = statistics.median(times), f"{generator}, {settings.table_sql} writes SQL"
    print(f"  {who}: p50 {p50:.3f} s, p95 {p95:.3f} s over {len(times)} answers")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[3000, 100_000])
    parser.add_argument("--generator", nargs="+", default=["extractive", "local"])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--table-sql", default="planner", choices=["planner", "model"])
    args = parser.parse_args()
    for rows in args.rows:
        print(f"{rows:,} rows")
        with tempfile.TemporaryDirectory() as tmp:
            settings = ingest(rows, Path(tmp))
            for generator in args.generator:
                measure(settings, generator, args.rounds, args.table_sql)


if __name__ == "__main__":
    main()
