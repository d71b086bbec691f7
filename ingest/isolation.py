"""Parse untrusted files in a worker process, so a file that eats the machine kills the worker,
not the server or the batch.

The worker reads and chunks one file at a time under an address-space limit (`resource.setrlimit`)
and the parent gives it a wall-time limit: past either, the worker is ended, the file gets a
one-line reason, and a fresh worker takes the next file. One worker is kept per process and reused
between files and batches (starting one costs about a second of imports). Spawned, not forked: the
parent may be a threaded server with the embedding model loaded.
"""

from __future__ import annotations

import multiprocessing
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection

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


def _serve(conn: Connection, memory_mb: int) -> None:
    """The worker's loop: a job in, ("ok", chunks) or ("error", reason) out, until the pipe closes."""
    import resource

    limit = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            job: Job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", parse_here(job)))
        except LoadError as error:
            conn.send(("error", str(error)))
        except MemoryError:
            conn.send(("error", f"reading it needs over {memory_mb:,} MB of memory"))
        except Exception as error:  # noqa: BLE001 - a loader bug must not sink the batch
            conn.send(("error", f"unexpected {type(error).__name__}: {error}"[:300]))


class Worker:
    """One spawned parsing process and the pipe to it."""

    def __init__(self, memory_mb: int):
        context = multiprocessing.get_context("spawn")
        self.memory_mb = memory_mb
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, memory_mb), daemon=True)
        self.process.start()
        child.close()

    def alive(self) -> bool:
        return self.process.is_alive()

    def run(self, job: Job) -> list[Document]:
        try:
            self.conn.send(job)
            ready = self.conn.poll(job.limits.seconds)
            status, value = self.conn.recv() if ready else ("timeout", None)
        except (EOFError, OSError, BrokenPipeError):
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
        self.process.join(5)
        self.conn.close()


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
