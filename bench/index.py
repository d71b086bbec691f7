"""Index upkeep as the library grows: keyword index and typed tables after one new document.

A store of N chunks (an invented tracker of N rows, through the real loader, chunker, Chroma and
keyword index; the embedding model swapped for a cheap fake, since 100k real embeddings take an
hour on 2 cores and are not index work). Then, as a user does: ingest one new 20-page PDF and
time the keyword-index update; ask a table question right after (its typed tables are brought up
to date first); delete the PDF again. Targets (issue 18): index work <= 3 s and the table question
<= 1 s at 100,000 chunks.
Run: .venv/bin/python bench/index.py [--rows 10000 100000]
"""

from __future__ import annotations

import argparse
import os
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
from tests.conftest import make_pdf
from vectorstore import ChunkStore, open_client
from vectorstore.keyword import KeywordIndex

PAGE = "Orrin Freight said on Tuesday it would close its Akron depot and cut 240 jobs by June. " * 25


def timed(log: dict, name: str, function):
    def wrapper(*args, **kwargs):
        began = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            log[name] = log.get(name, 0.0) + time.perf_counter() - began

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    for rows in args.rows:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            tracker, _ = make_tracker(folder, rows=rows)
            settings = Settings(  # a tracker over the default per-file limits, read at whatever pace
                data_dir=folder / "data", max_rows=2 * rows, parse_timeout_s=3600, generator="extractive"
            )
            store = ChunkStore(open_client(settings.chroma_path), DeterministicFakeEmbedding(size=384))
            ingestor = Ingestor(store, settings)
            began = time.perf_counter()
            report = ingestor.run([str(tracker)])
            assert not report.failures, report.failures
            assistant = Assistant(settings, generator="extractive")  # the same Chroma folder
            assistant.answer("How many people did Contoso lay off in total?")  # first tables build
            first = time.perf_counter() - began
            print(f"{store.count():,} chunks: first ingest and first table build {first:.0f} s")
            log: dict[str, float] = {}
            KeywordIndex.replace = timed(log, "keyword", KeywordIndex.replace)
            KeywordIndex.stamp = timed(log, "keyword", KeywordIndex.stamp)
            pdf = make_pdf(folder / "memo.pdf", [PAGE] * 20, title="Orrin Freight depot memo")
            began = time.perf_counter()
            assert ingestor.run([str(pdf)]).added
            ingest_s = time.perf_counter() - began
            began = time.perf_counter()
            answer = assistant.answer("How many people did Contoso lay off in total?")
            table_s = time.perf_counter() - began
            assert answer.sql, answer.text
            print(f"  20-page PDF: ingest {ingest_s:.2f} s (keyword index {log['keyword']:.2f} s)")
            print(f"  table question right after: {table_s:.2f} s (tables brought up to date first)")
            log.clear()
            began = time.perf_counter()
            ingestor.delete([str(pdf)])
            delete_s = time.perf_counter() - began
            print(f"  delete of the PDF: {delete_s:.2f} s (keyword index {log['keyword']:.2f} s)")


if __name__ == "__main__":
    main()
