"""Load on the running chat server: N simultaneous gradio_client users in extractive mode.

Prints p50/p95 latency per answer and the error count. Loopback only, bounded in count and time.
Run: .venv/bin/python bench/load.py [--clients 20] [--rounds 3]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import json
import shutil
import socket
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from gradio_client import Client

from assistant.ingestion import Ingestor
from assistant.interfaces.ui import launch
from assistant.service import Assistant
from assistant.settings import Settings

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    questions = [
        json.loads(line)["question"] for line in (SAMPLES / "questions.jsonl").read_text().splitlines()
    ]
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(SAMPLES, Path(tmp, "samples"))
        assistant = Assistant(Settings(data_dir=Path(tmp, "data")), generator="extractive")
        ingestor = Ingestor(assistant.store, assistant.settings)
        ingestor.run([str(Path(tmp, "samples"))])
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        demo = launch(assistant, ingestor, "127.0.0.1", port, None, block=False)
        url = f"http://127.0.0.1:{port}/"

        def user(index: int) -> tuple[list[float], int]:
            client, latencies, errors = Client(url, verbose=False), [], 0
            for round_ in range(args.rounds):
                question = questions[(index + round_ * args.clients) % len(questions)]
                started = time.perf_counter()
                try:
                    client.predict(question, [], "any", "", "", "extractive", api_name="/ask")
                    latencies.append(time.perf_counter() - started)
                except Exception:  # noqa: BLE001 - counted, that is the point
                    errors += 1
            return latencies, errors

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            results = list(pool.map(user, range(args.clients)))
        wall = time.perf_counter() - started
        demo.close()
    latencies = [t for lat, _ in results for t in lat]
    errors = sum(e for _, e in results)
    print(
        f"{args.clients} clients x {args.rounds} questions: {len(latencies)} answers, "
        f"{errors} errors, {wall:.1f} s"
    )
    print(
        f"latency p50 {np.percentile(latencies, 50):.2f} s  p95 {np.percentile(latencies, 95):.2f} s  "
        f"throughput {len(latencies) / wall:.1f} answers/s"
    )


if __name__ == "__main__":
    main()
