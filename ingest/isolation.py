"""Parse untrusted files in a worker process, so a file that eats the machine kills the worker,
not the server or the batch.

The worker reads and chunks one file at a time under an address-space limit (`resource.setrlimit`)
and the parent gives it a wall-time limit: past either, the worker is ended, the file gets a
one-line reason, and a fresh worker takes the next file. One worker is kept per process and reused
between files and batches (starting one costs about a second of imports). A new process, not a
fork: the parent may be a threaded server with the embedding model loaded.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import subprocess
import sys
import threading
from dataclasses import dataclass

from langchain_core.documents import Document

from ingest.errors import LoadError
from ingest.limits import Limits
from ingest.sources import RawSource


@dataclass(frozen=True)
class Job:
    raw: RawSource
    kind: str | None
    date: str | None
    chunk_size: int
    chunk_overlap: int
    limits: Limits


def parse_here(job: Job) -> list[Document]:
    """Read and chunk one source in this process, under the job's limits (raises LoadError)."""
    import ingest
    from ingest.limits import applied

    with applied(job.limits):
        documents = ingest.load(job.raw)
        splitter = ingest.make_splitter(job.chunk_size, job.chunk_overlap)
        return ingest.to_chunks(job.raw, documents, splitter, kind=job.kind, date=job.date)


def _serve(memory_mb: int) -> None:
    """The worker's loop: a job in on stdin, ("ok", chunks) or ("error", reason) out on the
    protocol pipe, until stdin closes. Anything a library prints goes to stderr, not the pipe."""
    import resource

    limit = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    requests = sys.stdin.buffer
    import ingest  # noqa: F401 - the loaders' imports, paid before the first file's clock starts

    pickle.dump(("ready", None), replies, protocol=pickle.HIGHEST_PROTOCOL)
    replies.flush()
    while True:
        try:
            job: Job = pickle.load(requests)
        except (EOFError, OSError, pickle.UnpicklingError):
            return
        try:
            reply = ("ok", parse_here(job))
        except LoadError as error:
            reply = ("error", str(error))
        except MemoryError:
            reply = ("error", f"reading it needs over {memory_mb:,} MB of memory")
        except Exception as error:  # noqa: BLE001 - a loader bug must not sink the batch
            reply = ("error", f"unexpected {type(error).__name__}: {error}"[:300])
        pickle.dump(reply, replies, protocol=pickle.HIGHEST_PROTOCOL)
        replies.flush()


class Worker:
    """One parsing process (`python -m ingest.isolation`) and the pipes to it. Started as a plain
    module, not through multiprocessing, so it never re-runs the caller's own script."""

    def __init__(self, memory_mb: int):
        self.memory_mb = memory_mb
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ingest.isolation", str(memory_mb)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)},
        )
        # A file's time limit counts its reading, not the worker's start (imports take a second or
        # more on a busy machine): wait for the worker to say it is ready first.
        ready, _, _ = select.select([self.process.stdout], [], [], STARTUP_S)
        try:
            started = pickle.load(self.process.stdout) if ready else None
        except (EOFError, OSError, pickle.UnpicklingError):
            started = None
        if started != ("ready", None):
            self.stop()
            raise LoadError("the file reader process did not start")

    def alive(self) -> bool:
        return self.process.poll() is None

    def run(self, job: Job) -> list[Document]:
        try:
            pickle.dump(job, self.process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self.process.stdin.flush()
            ready, _, _ = select.select([self.process.stdout], [], [], job.limits.seconds)
            status, value = pickle.load(self.process.stdout) if ready else ("timeout", None)
        except (EOFError, OSError, pickle.UnpicklingError):
            status, value = "died", None
        if status == "ok":
            return value
        if status == "error":
            raise LoadError(value)
        self.stop()
        if status == "timeout":
            raise LoadError(f"reading it took over {job.limits.seconds:g} s, the limit per file")
        raise LoadError(f"the reader stopped (out of memory? the limit is {self.memory_mb:,} MB)")

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(5)
        for pipe in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                pipe.close()


STARTUP_S = 120  # a worker's imports, on the slowest machine we expect
_worker: Worker | None = None
_lock = threading.Lock()  # one file at a time through the shared worker


def parse(job: Job) -> list[Document]:
    """Read and chunk one source in the shared worker process (started or replaced as needed)."""
    global _worker
    with _lock:
        if _worker is None or not _worker.alive() or _worker.memory_mb != job.limits.memory_mb:
            if _worker is not None:
                _worker.stop()
            _worker = Worker(job.limits.memory_mb)
        return _worker.run(job)


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
