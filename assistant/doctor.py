"""`layoffqa doctor`: check that the store, its record and the keyword index agree, and repair.

After a crash (SIGKILL mid-ingest) a source can have a partial new version beside its old one, or
only a partial version. The newest complete version is kept, partial ones are dropped (the next
ingest of that file stores it again), and the keyword index is rebuilt if it is behind the store.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from assistant.ingestion import Ingestor


@dataclass
class Checkup:
    problems: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)
    reingest: list[str] = field(default_factory=list)  # sources with no complete version left

    @property
    def healthy(self) -> bool:
        return not self.problems


def examine(ingestor: Ingestor, repair: bool = True) -> Checkup:
    store = ingestor.store
    result = Checkup()
    changed = False
    committed = store.committed()
    for source, versions in sorted(store.versions().items()):
        # the committed version when it is whole (what readers serve), else the newest whole one
        complete = sorted(
            (v for v in versions if v.complete), key=lambda v: v.file_hash != committed.get(source)
        )
        keep = complete[0] if complete else None
        if keep is not None and committed.get(source) not in (None, keep.file_hash):
            result.problems.append(f"{source}: serves no whole version")
            if repair:
                store.commit(source, keep.file_hash)
                committed[source] = keep.file_hash
                result.repairs.append(f"{source}: serves version {keep.file_hash[:12]}")
                changed = True
        for version in versions:
            if version is keep:
                continue
            state = "partial" if not version.complete else "older"
            result.problems.append(
                f"{source}: {state} version {version.file_hash[:12]} "
                f"({version.stored}/{version.expected} chunks)"
            )
            if repair:
                store.drop_version(source, version.file_hash)
                result.repairs.append(f"{source}: dropped {state} version {version.file_hash[:12]}")
                changed = True
        if keep is None:
            result.reingest.append(source)
    rows = list(store.scan(documents=False))
    duplicates = Counter((m["source"], m.get("file_hash"), m.get("chunk")) for _, _, m in rows)
    for (source, _, chunk), count in duplicates.items():
        if count > 1:
            result.problems.append(f"{source}: chunk {chunk} stored {count} times")
    index = ingestor.keyword
    stored_ids = {i for i, _, m in rows if store.is_served(m, committed)}
    if changed or index.revision != store.revision() or index.ids() != stored_ids:
        if not changed:
            result.problems.append("keyword index is out of step with the store")
        if repair:
            ingestor.rebuild_keyword_index()
            result.repairs.append("rebuilt the keyword index")
    return result
