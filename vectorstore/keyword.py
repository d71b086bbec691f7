"""Keyword index (SQLite FTS5, bm25 ranking) over the stored chunks, kept beside the data.

It is a derived cache of the Chroma collection, updated in place: an ingest or delete writes only
the chunks of the documents it touched, in one transaction, and stamps the collection's revision.
A reader whose stamp differs from the store's (another process, or another machine sharing a
Chroma server, changed the store) catches up document by document: the store's record says which
version of each document is served, the index says which it holds, and only the documents that
differ are read again. Figures and company names are found here when the embedding misses them.

Text goes in as the project's own tokens (figures whole: "120,000" -> "120000"), so FTS5's
tokenizer only has to split on spaces; `tokenchars` keeps "4.3" and "at&t" whole.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from vectorstore.store import ChunkStore, contextual_text
from vectorstore.tokens import spellings, tokenize
from vectorstore.where import date_number

FILE = "index.sqlite"
UNKNOWN = -1  # the stamp while a write is under way: a reader that sees it catches up
Row = tuple[str, str, dict]  # chunk id, text to index, metadata
_SCHEMA = """
CREATE TABLE IF NOT EXISTS stamp (revision INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, source TEXT NOT NULL, file_hash TEXT,
    kind TEXT, date_num INTEGER
);
CREATE INDEX IF NOT EXISTS chunks_source ON chunks (source);
CREATE VIRTUAL TABLE IF NOT EXISTS terms USING fts5 (tokens, tokenize = "unicode61 tokenchars '.&''-'");
"""


class KeywordIndex:
    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        for legacy in [*folder.glob("gen-*"), *folder.glob(".current-*"), folder / "CURRENT"]:
            shutil.rmtree(legacy, ignore_errors=True) if legacy.is_dir() else legacy.unlink(missing_ok=True)
        self.path = folder / FILE
        with self._connect() as con:
            con.executescript(_SCHEMA)
            if con.execute("SELECT count(*) FROM stamp").fetchone()[0] == 0:
                con.execute("INSERT INTO stamp VALUES (?)", (UNKNOWN,))

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """One connection per use (threads and processes each get their own); WAL lets readers
        read the last committed state while a writer writes."""
        con = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")
            yield con
        finally:
            con.close()

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        with self._connect() as con:
            con.execute("BEGIN IMMEDIATE")  # one writer at a time; readers go on reading
            try:
                yield con
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    # --- reading ----------------------------------------------------------------------------
    @property
    def revision(self) -> int:
        with self._connect() as con:
            return con.execute("SELECT revision FROM stamp").fetchone()[0]

    def versions(self) -> dict[str, str]:
        """source -> the file hash of its indexed chunks."""
        with self._connect() as con:
            return dict(con.execute("SELECT source, min(file_hash) FROM chunks GROUP BY source"))

    def ids(self) -> set[str]:
        with self._connect() as con:
            return {i for (i,) in con.execute("SELECT id FROM chunks")}

    def search(self, query: str, k: int, filters: dict | None = None) -> list[tuple[str, float]]:
        """Top-k (chunk id, BM25 score), best first, filtered like dense search."""
        tokens = list(dict.fromkeys(form for token in tokenize(query) for form in spellings(token)))
        if not tokens:
            return []
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in tokens)
        where, params = _filters(filters or {})
        sql = (
            "SELECT c.id, -bm25(terms) FROM terms JOIN chunks c ON c.rowid = terms.rowid "
            f"WHERE terms MATCH ?{where} ORDER BY bm25(terms) LIMIT ?"
        )
        with self._connect() as con:
            found = con.execute(sql, [match, *params, k]).fetchall()
        return [(i, float(score)) for i, score in found if score > 0]

    # --- writing ----------------------------------------------------------------------------
    def replace(
        self, documents: dict[str, list[Row]], removed: Iterable[str] = (), revision: int = UNKNOWN
    ) -> None:
        """Put these documents' chunks in place of whatever the index held for them, drop the
        removed documents, and stamp the revision: one transaction."""
        with self._writing() as con:
            for source in [*documents, *removed]:
                con.execute(
                    "DELETE FROM terms WHERE rowid IN (SELECT rowid FROM chunks WHERE source = ?)", (source,)
                )
                con.execute("DELETE FROM chunks WHERE source = ?", (source,))
            for rows in documents.values():
                _insert(con, rows)
            con.execute("UPDATE stamp SET revision = ?", (revision,))

    def stamp(self, revision: int) -> None:
        with self._writing() as con:
            con.execute("UPDATE stamp SET revision = ?", (revision,))

    def rebuild(self, rows: Iterable[Row], revision: int) -> None:
        """Everything anew (a first index, or `doctor`), in one transaction."""
        with self._writing() as con:
            con.execute("DELETE FROM terms")
            con.execute("DELETE FROM chunks")
            _insert(con, rows)
            con.execute("UPDATE stamp SET revision = ?", (revision,))

    def catch_up(self, store: ChunkStore) -> None:
        """Read again only the documents whose served version differs from the indexed one (read
        the revision first: a later write bumps it again, so a race leaves the index behind rather
        than wrongly current)."""
        revision = store.revision()
        served, indexed = store.committed(), self.versions()
        known = set(store.sources())
        changed = [s for s in known if s not in indexed or served.get(s, indexed[s]) != indexed[s]]
        removed = [s for s in indexed if s not in known]
        documents = {s: rows_of(store.scan_served(where={"source": s}, served=served)) for s in changed}
        self.replace(documents, removed, revision)


def rows_of(chunks: Iterable[tuple[str, str, dict]]) -> list[Row]:
    """(id, text, metadata) of stored chunks as the index takes them: the text with its context."""
    return [(i, contextual_text(t, m), m) for i, t, m in chunks]


def _insert(con: sqlite3.Connection, rows: Iterable[Row]) -> None:
    for chunk_id, text, meta in rows:
        old = con.execute("SELECT rowid FROM chunks WHERE id = ?", (chunk_id,)).fetchone()
        if old:  # the same chunk again (a repeated write): one row, never an orphaned term row
            con.execute("DELETE FROM terms WHERE rowid = ?", old)
            con.execute("DELETE FROM chunks WHERE rowid = ?", old)
        date = meta.get("date_num") or date_number(meta.get("date") or "")
        cursor = con.execute(
            "INSERT INTO chunks (id, source, file_hash, kind, date_num) VALUES (?, ?, ?, ?, ?)",
            (chunk_id, meta.get("source", ""), meta.get("file_hash"), meta.get("kind"), date),
        )
        tokens = " ".join(tokenize(text))
        con.execute("INSERT INTO terms (rowid, tokens) VALUES (?, ?)", (cursor.lastrowid, tokens))


def _filters(filters: dict) -> tuple[str, list]:
    """The answer filters (see vectorstore.where) as SQL on the chunk columns."""
    parts, params = [], []
    if filters.get("kind"):
        parts.append("c.kind = ?")
        params.append(filters["kind"])
    if filters.get("since"):
        parts.append("c.date_num >= ?")
        params.append(date_number(filters["since"]))
    if filters.get("until"):
        parts.append("c.date_num <= ?")
        params.append(date_number(filters["until"]))
    if filters.get("sources"):
        sources = list(filters["sources"])
        parts.append(f"c.source IN ({', '.join('?' * len(sources))})")
        params += sources
    return "".join(f" AND {p}" for p in parts), params
