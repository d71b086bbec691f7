"""Answer-path latency: hybrid retrieval at 10k and 100k chunks, extractive answers, local LLM.

Targets on 2 cores: retrieval p50 <= 30 ms at 10k and <= 100 ms at 100k; extractive p50 <= 0.5 s;
local model first token <= 6 s and whole answer <= 20 s. Synthetic passages are stored with
random unit vectors (only search is timed; embedding 100k chunks would take half an hour here).
Run: .venv/bin/python bench/answer.py [--sizes 10000 100000] [--skip-llm]
"""

from __future__ import annotations

import sys
from pathlib import Path

# This script is named after the package it measures: keep its folder off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import random
import statistics
import tempfile
import time

import numpy as np

from assistant import Assistant
from assistant.answering.generators.factory import local_model_file
from assistant.retrieval.hybrid import HybridRetriever, KeywordIndexCache
from assistant.settings import Settings
from assistant.wiring import open_ingestor, open_store

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
WORDS = [
    "layoff",
    "jobs",
    "AI",
    "automation",
    "warehouse",
    "cloud",
    "support",
    "engineers",
    "notice",
    "WARN",
    "retraining",
    "unemployment",
    "payroll",
    "report",
    "rate",
    "percent",
    "hiring",
    "Seattle",
    "Austin",
    "Amazon",
    "Intel",
    "Meta",
    "Microsoft",
    "Salesforce",
    "Cisco",
    "insurance",
    "benefits",
    "weeks",
    "severance",
    "chips",
    "data",
    "centres",
    "agents",
    "contractors",
    "revenue",
    "quarter",
]
QUESTIONS = [
    "How many tech workers were laid off in 2025?",
    "What was the unemployment rate in August 2025?",
    "How many jobs did Amazon cut in 2025?",
    "How much notice does the WARN Act require?",
    "How long can I collect unemployment benefits?",
    "How many job cuts did employers attribute to AI through October 2025?",
    "What did the Stanford study find about young software developers?",
    "What does the WIOA Dislocated Worker program offer?",
    "How many jobs were added in July 2025?",
    "What is Rapid Response?",
]


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def fill(store, size: int, rng: random.Random) -> None:
    batch = 5000
    for start in range(0, size, batch):
        n = min(batch, size - start)
        vectors = np.random.default_rng(start).normal(size=(n, 384)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        texts = [" ".join(rng.choices(WORDS, k=60)) + f" {rng.randint(10, 99999):,} jobs" for _ in range(n)]
        store.collection.upsert(
            ids=[f"s{start + i}" for i in range(n)],
            embeddings=vectors.tolist(),
            documents=texts,
            metadatas=[
                {
                    "source": f"/synthetic/{(start + i) // 10}.txt",
                    "title": "Synthetic",
                    "kind": "article",
                    "date": "2025-01-01",
                    "date_num": 20250101,
                    "chunk": (start + i) % 10,
                    "chunks": 10,
                    "file_hash": "x",
                }
                for i in range(n)
            ],
        )
    store.bump_revision()


def bench_retrieval(size: int, queries: int = 200) -> tuple[float, float, float]:
    rng = random.Random(size)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp))
        store = open_store(settings)
        started = time.perf_counter()
        fill(store, size, rng)
        cache = KeywordIndexCache(store, settings.keyword_dir)
        cache.get()
        build_s = time.perf_counter() - started
        retriever = HybridRetriever(store=store, keyword=cache, k=5)
        times = []
        for _ in range(queries):
            query = " ".join(rng.choices(WORDS, k=6))
            started = time.perf_counter()
            retriever.invoke(query)
            times.append((time.perf_counter() - started) * 1000)
    return pct(times, 50), pct(times, 95), build_s


def bench_answers(skip_llm: bool) -> None:
    installed = Settings()  # the model lives in the user's data dir, not in this temporary one
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), model_path=local_model_file(installed))
        open_ingestor(settings).run([str(SAMPLES)])
        assistant = Assistant(settings, generator="extractive")
        assistant.answer(QUESTIONS[0])
        times = []
        for question in QUESTIONS:
            started = time.perf_counter()
            assistant.answer(question)
            times.append(time.perf_counter() - started)
        print(
            f"extractive answer: p50 {statistics.median(times):.3f} s  max {max(times):.3f} s"
            " (target p50 <= 0.5 s)"
        )
        if skip_llm:
            return
        local = Assistant(settings, generator="local")
        try:
            local.generator()
        except Exception as error:  # noqa: BLE001 - report and carry on: the model is optional
            print(f"local model: skipped ({error})")
            return
        shown, first_tokens, totals = [], [], []
        for question in QUESTIONS[:5]:
            started = time.perf_counter()
            first = sources = None
            for piece in local.stream(question):
                now = time.perf_counter() - started
                if sources is None:
                    sources = now  # the first thing on screen: the sources, a refusal or a table answer
                if first is None and isinstance(piece, str):
                    first = now
                final = piece
            totals.append(time.perf_counter() - started)
            first_tokens.append(first or totals[-1])
            shown.append(sources or totals[-1])
            print(
                f"  local: {totals[-1]:5.1f} s  sources {shown[-1]:4.2f} s"
                f"  first token {first_tokens[-1]:4.1f} s  {final.text[:90]!r}"
            )
        print(
            f"local model: sources on screen p50 {statistics.median(shown):.2f} s (target <= 1 s), "
            f"first token p50 {statistics.median(first_tokens):.1f} s (target <= 2.5 s), "
            f"whole answer p50 {statistics.median(totals):.1f} s (target <= 6 s)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--skip-llm", action="store_true")
    args = parser.parse_args()
    for size in args.sizes:
        p50, p95, build_s = bench_retrieval(size)
        print(
            f"retrieval at {size:>7,} chunks: p50 {p50:6.1f} ms  p95 {p95:6.1f} ms"
            f"  (store and index built in {build_s:.0f} s)"
        )
    bench_answers(args.skip_llm)


if __name__ == "__main__":
    main()
