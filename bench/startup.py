"""Start-up cost of the commands a user runs most, as the user runs them (a fresh process each).

Prints the wall time of `layoffqa --help`, `docs list` and a first ingest of a 20-document corpus,
then a re-ingest of the unchanged corpus as a fraction of the first (target <= 0.10): nothing is
embedded on a re-ingest, so neither torch nor the embedding model should load.
Run: .venv/bin/python bench/startup.py [--files 20]
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _make_corpus():
    spec = importlib.util.spec_from_file_location("bench_ingest", HERE / "ingest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_corpus


def timed(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "assistant.interfaces.cli", *args], check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, data = Path(tmp, "corpus"), Path(tmp, "data")
        corpus.mkdir()
        _make_corpus()(corpus, args.files)
        help_s = timed("--help")
        first_s = timed("--data-dir", str(data), "ingest", str(corpus))
        again_s = timed("--data-dir", str(data), "ingest", str(corpus))
        list_s = timed("--data-dir", str(data), "docs", "list")
    print(f"--help:               {help_s:6.2f} s")
    print(f"docs list:            {list_s:6.2f} s")
    print(f"first ingest ({args.files} docs): {first_s:6.2f} s")
    print(f"re-ingest unchanged:  {again_s:6.2f} s  = {again_s / first_s:.2f} of the first (target <= 0.10)")


if __name__ == "__main__":
    main()
