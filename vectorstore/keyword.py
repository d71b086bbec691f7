"""BM25 keyword index (bm25s) over the stored chunks, persisted beside the data.

It is a derived cache of the Chroma collection: it records the collection's revision when built,
and is rebuilt from Chroma when that differs (another process, or another machine sharing a
Chroma server, changed the store). Figures and company names are found here when the embedding
misses them.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from filelock import FileLock

from vectorstore.store import ChunkStore, contextual_text
from vectorstore.tokens import tokenize
from vectorstore.where import matches

if TYPE_CHECKING:
    import bm25s

_META_KEYS = ("kind", "date_num", "source")
KEEP_GENERATIONS = 3  # folders kept for readers that resolved an older CURRENT


@dataclass
class KeywordIndex:
    ids: list[str]
    metas: list[dict]
    revision: int
    bm25: bm25s.BM25 | None

    @classmethod
    def build(cls, rows: list[tuple[str, str, dict]], revision: int) -> KeywordIndex:
        """rows: (id, text to index, metadata) for every chunk in the store."""
        ids = [r[0] for r in rows]
        metas = [{k: r[2].get(k) for k in _META_KEYS} for r in rows]
        bm25 = None
        if rows:
            import bm25s  # scipy under it: loaded when an index is built or read, not on every start

            bm25 = bm25s.BM25()
            bm25.index([tokenize(r[1]) or ["_"] for r in rows], show_progress=False)
        return cls(ids=ids, metas=metas, revision=revision, bm25=bm25)

    def search(self, query: str, k: int, filters: dict | None = None) -> list[tuple[str, float]]:
        """Top-k (chunk id, BM25 score) with a score above zero, filtered like dense search."""
        tokens = tokenize(query)
        if self.bm25 is None or not tokens:
            return []
        scores = self.bm25.get_scores(tokens)
        if filters and any(filters.values()):
            mask = np.fromiter((matches(m, filters) for m in self.metas), dtype=bool, count=len(self.metas))
            scores = np.where(mask, scores, 0.0)
        top = (
            np.argpartition(-scores, min(k, len(scores) - 1))[:k]
            if len(scores) > k
            else np.arange(len(scores))
        )
        ranked = sorted(top, key=lambda i: -scores[i])
        return [(self.ids[i], float(scores[i])) for i in ranked if scores[i] > 0]

    def save(self, folder: Path) -> None:
        """Write a new generation folder, then point `CURRENT` at it with one atomic rename.

        A reader resolves `CURRENT` once and reads one generation, so it never mixes the rows of
        one build with the BM25 arrays of another; writers take turns under a file lock, and the
        last few generations stay on disk for readers still reading them."""
        folder.mkdir(parents=True, exist_ok=True)
        with FileLock(str(folder / ".lock")):
            staging = Path(tempfile.mkdtemp(prefix="gen-", dir=folder))
            if self.bm25 is not None:
                self.bm25.save(str(staging / "bm25"))
            (staging / "rows.json").write_text(
                json.dumps({"revision": self.revision, "ids": self.ids, "metas": self.metas})
            )
            pointer = folder / f".current-{staging.name}"
            pointer.write_text(staging.name)
            os.replace(pointer, folder / "CURRENT")
            generations = sorted(folder.glob("gen-*"), key=lambda p: p.stat().st_mtime)
            for old in generations[:-KEEP_GENERATIONS]:
                if old != staging:
                    shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def from_store(cls, store: ChunkStore) -> KeywordIndex:
        """Rebuild from the store, the source of truth (read the revision first: a later write
        bumps it again, so a race leaves this index marked stale rather than wrongly fresh)."""
        revision = store.revision()
        rows = [(i, contextual_text(t, m), m) for i, t, m in store.scan_served()]
        return cls.build(rows, revision)

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex | None:
        """The current generation, or None when there is none (the caller rebuilds from the store)."""
        import bm25s

        for _ in range(3):  # a generation pruned while being read: read the newer one
            try:
                current = folder / (folder / "CURRENT").read_text().strip()
                rows = json.loads((current / "rows.json").read_text())
                bm25 = bm25s.BM25.load(str(current / "bm25")) if rows["ids"] else None
            except (OSError, ValueError, KeyError):
                continue
            return cls(ids=rows["ids"], metas=rows["metas"], revision=rows["revision"], bm25=bm25)
        return None
