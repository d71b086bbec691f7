"""The ingest service: user arguments -> raw sources -> chunks -> store, with a report.

Shared by the CLI and the UI. A source whose bytes are unchanged and fully stored is skipped
before parsing; a changed one gets its new chunks written first, then its record switched to the
new version (what readers serve), then its old chunks dropped: a crash before the switch leaves
the old version serving and the next run completes the new one. Files are parsed in a worker
process under per-file limits (`ingest.isolation`).
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
from vectorstore.keyword import UNKNOWN, rows_of

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
class Deletion:
    """What a delete did: chunks removed, sources removed, names that matched nothing, and names
    that matched several documents or only part of one (nothing deleted for those)."""

    removed: int = 0
    sources: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class _Pending:
    source: str
    digest: str
    chunks: list[Document]
    replaced: int  # chunks of older versions this write supersedes
    status: str
    note: str = ""  # what the loader could not read in a file it read (pages without text)


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

    def parse(self, raw: ingest.RawSource, kind: str | None, date: str | None) -> list[Document]:
        """The source's chunks, read in the worker process under the settings' limits."""
        from ingest.isolation import Job, parse

        settings = self.settings
        job = Job(raw, kind, date, settings.chunk_size, settings.chunk_overlap, settings.limits)
        return parse(job)

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
        committed = self.store.committed()
        if found.sources:
            self._keyword_in_step()
        pending: list[_Pending] = []
        for done, name in enumerate(found.sources):
            if on_progress:
                on_progress(done, len(found.sources), name)
            item = self._prepare(name, stored, committed, kind, date, report)
            if item is not None:
                pending.append(item)
            if sum(len(p.chunks) for p in pending) >= FLUSH_CHUNKS:
                self._flush(pending, report)
                pending = []
        self._flush(pending, report)
        if on_progress:
            on_progress(len(found.sources), len(found.sources), "")
        if report.added or report.updated or report.deleted:
            self.keyword.stamp(self.store.bump_revision())
        return report

    def _prepare(
        self,
        name: str,
        stored: dict[str, list[SourceVersion]],
        committed: dict[str, str],
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
            if current and len(versions) == 1 and committed.get(raw.source, raw.digest) == raw.digest:
                report.unchanged += current[0].stored
                report.results.append(SourceResult(raw.source, "unchanged", current[0].stored))
                return None
            chunks = self.parse(raw, kind, date)
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
        notes = [str(c.metadata.pop("ingest_note")) for c in chunks if "ingest_note" in c.metadata]
        note = notes[0] if notes else ""  # the loader's note, on the chunks of its first page
        return _Pending(raw.source, raw.digest, chunks, replaced, status, note)

    def _flush(self, pending: list[_Pending], report: IngestReport) -> None:
        if not pending:
            return
        self.keyword.stamp(UNKNOWN)  # first: a crash past here leaves the index marked behind
        self.store.write([c for p in pending for c in p.chunks])
        for item in pending:  # whole new versions switched in, then the old ones dropped
            self.store.commit(item.source, item.digest)
            self.store.drop_other_versions(item.source, item.digest)
        # the keyword index takes exactly these documents (stamped when the run ends)
        written = {p.source: rows_of((c.id, c.page_content, c.metadata) for c in p.chunks) for p in pending}
        self.keyword.replace(written)
        for item in pending:
            report.deleted += item.replaced
            if item.status == "updated":
                report.updated += len(item.chunks)
            else:
                report.added += len(item.chunks)
            report.results.append(SourceResult(item.source, item.status, len(item.chunks), item.note))

    def delete(self, names: Iterable[str], all_matching: bool = False) -> Deletion:
        """Delete whole sources, each named by its exact source, its path or its file name. A name
        that denotes several documents (a folder, a file name in two folders) or only part of a
        name deletes nothing unless `all_matching`: a one-letter typo must not empty the library."""
        self._keyword_in_step()
        known = self.store.sources()
        result = Deletion()
        targets: list[str] = []
        for name in names:
            exact = exact_sources(name, known)
            partial = [k for k in known if name and name in k]
            matches = exact or partial
            if matches and (len(exact) == 1 or all_matching):
                targets += matches
            elif matches:
                result.ambiguous[name] = matches
            else:
                result.unknown.append(name)
        result.sources = list(dict.fromkeys(targets))
        if result.sources:
            self.keyword.stamp(UNKNOWN)  # first: a crash past here leaves the index marked behind
        result.removed = self.store.delete_sources(result.sources)
        if result.removed:
            self.keyword.replace({}, removed=result.sources, revision=self.store.bump_revision())
        elif result.sources:
            self.keyword.stamp(self.store.revision())  # nothing was there to delete after all
        return result

    @cached_property
    def keyword(self) -> KeywordIndex:
        return KeywordIndex(self.settings.keyword_dir)

    def _keyword_in_step(self) -> None:
        """Before this writer changes a few documents in the index, the index must hold the rest
        (a first index beside an older store, or a crash mid-write, leave it behind)."""
        if self.keyword.revision != self.store.revision():
            self.keyword.catch_up(self.store)

    def rebuild_keyword_index(self) -> None:
        """The whole keyword index anew from the store (`doctor`'s repair)."""
        revision = self.store.bump_revision()
        self.keyword.rebuild(rows_of(self.store.scan_served()), revision)


def exact_sources(name: str, known: Iterable[str]) -> list[str]:
    """The sources a name denotes exactly: its full id, its resolved path, the documents inside the
    folder it names, or the files whose name (or trailing path) it is."""
    known = list(known)
    if name in known:
        return [name]
    if not ingest.is_url(name) and name.strip():
        resolved = str(Path(name).expanduser().resolve())
        if resolved in known:
            return [resolved]
        folder = resolved.rstrip("/") + "/"
        inside = [k for k in known if k.startswith(folder)]
        if inside:
            return inside
        tail = "/" + name.strip().lstrip("/")
        return [k for k in known if k.endswith(tail)]
    return []


def resolve_sources(name: str, known: Iterable[str]) -> list[str]:
    """The sources a filter names: exactly, or else any that contain the name."""
    known = list(known)
    return exact_sources(name, known) or [k for k in known if name in k]
