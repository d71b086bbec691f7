"""The ingest service: user arguments -> raw sources -> chunks -> store, with a report.

Shared by the CLI and the UI. A source whose bytes are unchanged and fully stored is skipped
before parsing; a changed one gets its new chunks written first and its old ones dropped after,
so a crash in between leaves the old version intact and the next run completes the new one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from filelock import FileLock, Timeout
from langchain_core.documents import Document

import ingest
from assistant.settings import Settings
from vectorstore import ChunkStore, KeywordIndex, SourceVersion

FLUSH_CHUNKS = 256


@dataclass
class SourceResult:
    source: str
    status: str  # added | updated | unchanged | failed | unsupported
    chunks: int = 0
    reason: str = ""


@dataclass
class IngestReport:
    results: list[SourceResult] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    @property
    def failures(self) -> list[SourceResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def files_read(self) -> int:
        return sum(r.status in ("added", "updated", "unchanged") for r in self.results)

    def summary(self) -> str:
        unsupported = sum(r.status == "unsupported" for r in self.results)
        return (
            f"{self.files_read} read, {len(self.failures)} failed, {unsupported} unsupported skipped; "
            f"chunks: {self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.deleted} deleted"
        )


@dataclass
class _Pending:
    source: str
    digest: str
    chunks: list[Document]
    replaced: int  # chunks of older versions this write supersedes
    status: str


@contextmanager
def ingest_lock(settings: Settings, notify: Callable[[str], None]):
    """One writer at a time per data dir; a second ingest waits and says so."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(settings.lock_path))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        notify("Another ingest is running on this data dir; waiting for it to finish...")
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


class Ingestor:
    def __init__(self, store: ChunkStore, settings: Settings):
        self.store = store
        self.settings = settings

    @cached_property
    def splitter(self):
        return ingest.make_splitter(self.settings.chunk_size, self.settings.chunk_overlap)

    def run(
        self,
        names: Iterable[str],
        kind: str | None = None,
        date: str | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> IngestReport:
        """Ingest every named file, folder and URL; bad ones are reported, never raised."""
        found = ingest.discover(names)
        report = IngestReport()
        report.results += [SourceResult(s, "failed", reason=r) for s, r in found.failures]
        report.results += [
            SourceResult(s, "unsupported", reason="unsupported file type") for s in found.unsupported
        ]
        stored = self.store.versions(found.sources)
        pending: list[_Pending] = []
        for done, name in enumerate(found.sources):
            if on_progress:
                on_progress(done, len(found.sources), name)
            item = self._prepare(name, stored, kind, date, report)
            if item is not None:
                pending.append(item)
            if sum(len(p.chunks) for p in pending) >= FLUSH_CHUNKS:
                self._flush(pending, report)
                pending = []
        self._flush(pending, report)
        if on_progress:
            on_progress(len(found.sources), len(found.sources), "")
        if report.added or report.updated or report.deleted:
            self.refresh_keyword_index()
        return report

    def _prepare(
        self,
        name: str,
        stored: dict[str, list[SourceVersion]],
        kind: str | None,
        date: str | None,
        report: IngestReport,
    ) -> _Pending | None:
        """Read one source; skip it if stored whole and unchanged; else load and chunk it."""
        try:
            raw = ingest.read_source(
                name, self.settings.max_file_bytes, self.settings.url_timeout_s, self.settings.url_networks
            )
            if kind or date:
                raw = replace(raw, overrides=f"kind={kind or ''};date={date or ''}")
            versions = stored.get(raw.source, [])
            current = [v for v in versions if v.file_hash == raw.digest and v.complete]
            if current and len(versions) == 1:
                report.unchanged += current[0].stored
                report.results.append(SourceResult(raw.source, "unchanged", current[0].stored))
                return None
            chunks = ingest.to_chunks(raw, ingest.load(raw), self.splitter, kind=kind, date=date)
        except ingest.LoadError as error:
            report.results.append(SourceResult(name, "failed", reason=str(error)))
            return None
        except Exception as error:  # a loader bug must not sink the batch
            report.results.append(
                SourceResult(name, "failed", reason=f"unexpected {type(error).__name__}: {error}"[:300])
            )
            return None
        replaced = sum(v.stored for v in versions if v.file_hash != raw.digest)
        status = "updated" if replaced else "added"
        return _Pending(raw.source, raw.digest, chunks, replaced, status)

    def _flush(self, pending: list[_Pending], report: IngestReport) -> None:
        if not pending:
            return
        self.store.write([c for p in pending for c in p.chunks])
        for item in pending:
            self.store.drop_other_versions(item.source, item.digest)
            report.deleted += item.replaced
            if item.status == "updated":
                report.updated += len(item.chunks)
            else:
                report.added += len(item.chunks)
            report.results.append(SourceResult(item.source, item.status, len(item.chunks)))

    def delete(self, names: Iterable[str]) -> tuple[int, list[str]]:
        """Delete whole sources by exact source, path or a unique fragment; returns (chunks, unknown)."""
        known = self.store.sources()
        targets, unknown = [], []
        for name in names:
            matches = resolve_sources(name, known)
            targets += matches
            if not matches:
                unknown.append(name)
        removed = self.store.delete_sources(targets)
        if removed:
            self.refresh_keyword_index()
        return removed, unknown

    def refresh_keyword_index(self) -> KeywordIndex:
        self.store.bump_revision()
        index = KeywordIndex.from_store(self.store)
        index.save(self.settings.keyword_dir)
        return index


def resolve_sources(name: str, known: Iterable[str]) -> list[str]:
    """A user names a source by its full id, its resolved path, or any fragment of it."""
    known = list(known)
    if name in known:
        return [name]
    if not ingest.is_url(name):
        resolved = str(Path(name).expanduser().resolve())
        if resolved in known:
            return [resolved]
        folder = resolved.rstrip("/") + "/"
        inside = [k for k in known if k.startswith(folder)]
        if inside:
            return inside
    return [k for k in known if name in k]
