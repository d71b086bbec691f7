"""Ingest throughput against raw embedding speed, and the cost of a re-ingest of unchanged files.

Targets: pipeline chunks/s >= 0.85 x raw SentenceTransformer.encode chunks/s (embedding is the
cost, everything else overhead); re-ingest of the unchanged corpus <= 5% of the first ingest.
Run: .venv/bin/python bench/ingest.py [--files 300]
"""

from __future__ import annotations

import sys
from pathlib import Path

# This script is named after the package it measures: keep its folder off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import random
import re
import tempfile
import time

from sentence_transformers import SentenceTransformer

from assistant.settings import Settings
from assistant.wiring import open_ingestor
from vectorstore import packaged_model_path
from vectorstore.store import contextual_text

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def make_corpus(folder: Path, files: int, seed: int = 7) -> None:
    """Plausible documents: sample-corpus sentences shuffled, with unique figures per file."""
    text = " ".join(p.read_text(encoding="utf-8") for p in SAMPLES.glob("*.md"))
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 40 and ":" not in s[:20]]
    rng = random.Random(seed)
    for i in range(files):
        body = " ".join(rng.sample(sentences, 22))
        folder.joinpath(f"doc-{i:04d}.md").write_text(
            f"Title: Synthetic layoff brief {i}\nDate: 2025-{1 + i % 12:02d}-15\n\n"
            f"Company {i} cut {rng.randint(50, 20000):,} jobs. {body}\n",
            encoding="utf-8",
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp, "corpus")
        corpus.mkdir()
        make_corpus(corpus, args.files)
        ingestor = open_ingestor(Settings(data_dir=Path(tmp, "data")))
        ingestor.store.embeddings.embed_query("warm up")  # model load is not throughput

        started = time.perf_counter()
        first = ingestor.run([str(corpus)])
        first_s = time.perf_counter() - started
        assert not first.failures, first.failures[:3]

        texts = [contextual_text(t, m) for _, t, m in ingestor.store.scan()]
        model = SentenceTransformer(packaged_model_path(), device="cpu")
        model.encode(["warm up"])
        started = time.perf_counter()
        model.encode(texts, batch_size=ingestor.settings.embed_batch_size, normalize_embeddings=True)
        raw_s = time.perf_counter() - started

        started = time.perf_counter()
        again = ingestor.run([str(corpus)])
        again_s = time.perf_counter() - started

    pipeline_cps, raw_cps = first.added / first_s, len(texts) / raw_s
    print(f"files: {args.files}, chunks: {first.added}")
    print(f"pipeline:      {first_s:7.2f} s  {pipeline_cps:7.1f} chunks/s")
    print(f"raw encode:    {raw_s:7.2f} s  {raw_cps:7.1f} chunks/s")
    print(f"ratio:         {pipeline_cps / raw_cps:7.2f}   (target >= 0.85)")
    print(
        f"re-ingest:     {again_s:7.2f} s  {100 * again_s / first_s:6.1f}% of first (target <= 5%), "
        f"added {again.added}, unchanged {again.unchanged}"
    )


if __name__ == "__main__":
    main()
