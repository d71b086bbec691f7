"""Chroma as the single source of truth: chunks, their vectors, and the record of what was ingested.

The record lives in the chunks' own metadata (source, file_hash, chunk, chunks), not in a side
database, so it is right in embedded mode and against a shared Chroma server alike. A source version
is complete when all `chunks` of its chunks are present; anything else is repaired by re-ingest.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePath

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

from vectorstore.where import date_number, where_clause

WRITE_BATCH = 2000
READ_BATCH = 5000


@dataclass
class SourceVersion:
    """One stored version of one source, as the record of ingestion sees it."""

    source: str
    file_hash: str
    title: str
    date: str
    kind: str
    expected: int
    stored: int
    ingested_at: int

    @property
    def complete(self) -> bool:
        return self.stored == self.expected


def open_client(path: Path | None = None, url: str | None = None, headers: dict | None = None):
    """Embedded PersistentClient by default, HttpClient when a server URL is configured."""
    settings = ChromaSettings(anonymized_telemetry=False)
    if url:
        from urllib.parse import urlparse

        parsed = urlparse(url if "://" in url else f"http://{url}")
        return chromadb.HttpClient(
            host=parsed.hostname or "127.0.0.1",
            port=parsed.port or (443 if parsed.scheme == "https" else 8000),
            ssl=parsed.scheme == "https",
            headers=headers or None,
            settings=settings,
        )
    assert path is not None, "an embedded store needs a path"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


def contextual_text(text: str, metadata: dict) -> str:
    """The passage with its context line (title · period · section), date and source name in
    front: what is embedded and keyword-indexed, so a chunk read out of context still says which
    document, which month and which section it belongs to."""
    context = metadata.get("context") or metadata.get("title")
    heading = " | ".join(
        p for p in (context, metadata.get("date"), source_name(metadata.get("source", ""))) if p
    )
    return f"{heading}\n{text}" if heading else text


def source_name(source: str) -> str:
    """A file's name or a URL's last part, in words: "hawaii_hrs_394B-9.md" -> "hawaii hrs 394B 9".
    Names and slugs carry subjects (a state, a company) that the text may never spell out."""
    stem = PurePath(source.split("?")[0].rstrip("/")).stem
    return re.sub(r"[_\-.+]+", " ", stem).strip()


class ChunkStore:
    def __init__(self, client, embeddings: Embeddings, name: str = "layoffqa"):
        self.client = client
        self.embeddings = embeddings
        self.name = name
        # embedding_function=None: Chroma's default function would try to download an ONNX model.
        self.collection = client.get_or_create_collection(
            name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        # The committed version of each source, one record a source: a new version's chunks are
        # written first and the record switched last, in one upsert, so readers that serve only
        # committed versions never see half of a new version beside half of the old.
        self.record = client.get_or_create_collection(f"{name}__committed", embedding_function=None)
        self._served: tuple[int, dict[str, str]] | None = None

    # --- the record -------------------------------------------------------------------------
    def versions(self, sources: Iterable[str] | None = None) -> dict[str, list[SourceVersion]]:
        """Every stored source version, grouped by source (newest first)."""
        where = {"source": {"$in": list(sources)}} if sources is not None else None
        if where is not None and not where["source"]["$in"]:
            return {}
        grouped: dict[tuple[str, str], SourceVersion] = {}
        for _, _, meta in self.scan(where=where, documents=False):
            key = (meta["source"], meta.get("file_hash", ""))
            if key not in grouped:
                grouped[key] = SourceVersion(
                    source=meta["source"],
                    file_hash=key[1],
                    title=meta.get("title", ""),
                    date=meta.get("date", ""),
                    kind=meta.get("kind", ""),
                    expected=int(meta.get("chunks", 0)),
                    stored=0,
                    ingested_at=int(meta.get("ingested_at", 0)),
                )
            grouped[key].stored += 1
        by_source: dict[str, list[SourceVersion]] = defaultdict(list)
        for version in grouped.values():
            by_source[version.source].append(version)
        for versions in by_source.values():
            versions.sort(key=lambda v: v.ingested_at, reverse=True)
        return dict(by_source)

    def sources(self) -> list[str]:
        """Every stored source, read from first chunks only: a tenth of the rows `versions()` reads,
        for naming documents (filters, delete) where completeness does not matter."""
        return sorted({meta["source"] for _, _, meta in self.scan(where={"chunk": 0}, documents=False)})

    def scan(self, where: dict | None = None, documents: bool = True) -> Iterator[tuple[str, str, dict]]:
        """All chunks (id, text, metadata) in pages, so 100k chunks do not arrive in one reply."""
        include = ["metadatas", "documents"] if documents else ["metadatas"]
        offset = 0
        while True:
            page = self.collection.get(where=where, include=include, limit=READ_BATCH, offset=offset)
            texts = page.get("documents") or [""] * len(page["ids"])
            yield from zip(page["ids"], texts, page["metadatas"], strict=True)
            if len(page["ids"]) < READ_BATCH:
                return
            offset += READ_BATCH

    def count(self) -> int:
        return self.collection.count()

    # --- committed versions -------------------------------------------------------------------
    def committed(self) -> dict[str, str]:
        """source -> the file hash readers are served. A source with no record (stored before
        records were kept) is served whole."""
        found: dict[str, str] = {}
        offset = 0
        while True:
            page = self.record.get(include=["metadatas"], limit=READ_BATCH, offset=offset)
            found.update((m["source"], m["file_hash"]) for m in page["metadatas"])
            if len(page["ids"]) < READ_BATCH:
                return found
            offset += READ_BATCH

    def commit(self, source: str, file_hash: str) -> None:
        """Switch readers to this version of the source: one record, one upsert."""
        self.record.upsert(
            ids=[_record_id(source)],
            embeddings=[[0.0]],
            metadatas=[{"source": source, "file_hash": file_hash}],
        )
        self._served = None

    def served(self) -> dict[str, str]:
        """The committed versions, read once per store revision (every write ends with a new one)."""
        revision = self.revision()
        if self._served is None or self._served[0] != revision:
            self._served = (revision, self.committed())
        return self._served[1]

    @staticmethod
    def is_served(metadata: dict, served: dict[str, str]) -> bool:
        wanted = served.get(metadata.get("source", ""))
        return wanted is None or metadata.get("file_hash") == wanted

    def scan_served(
        self, where: dict | None = None, documents: bool = True, served: dict[str, str] | None = None
    ) -> Iterator[tuple]:
        """Like scan(), but only chunks of committed versions: what readers (the keyword index,
        the tables) are built from. `served`: the committed versions, when the caller has read them."""
        served = self.committed() if served is None else served
        return (row for row in self.scan(where, documents) if self.is_served(row[2], served))

    # --- writing ----------------------------------------------------------------------------
    def write(self, chunks: list[Document]) -> None:
        """Embed and upsert; ids are content-derived, so a repeated write changes nothing."""
        if not chunks:
            return
        vectors = self.embeddings.embed_documents(
            [contextual_text(c.page_content, c.metadata) for c in chunks]
        )
        for start in range(0, len(chunks), WRITE_BATCH):
            part = chunks[start : start + WRITE_BATCH]
            self.collection.upsert(
                ids=[c.id for c in part],
                embeddings=vectors[start : start + WRITE_BATCH],
                documents=[c.page_content for c in part],
                metadatas=[_storable(c.metadata) for c in part],
            )

    def drop_other_versions(self, source: str, keep_hash: str) -> None:
        self.collection.delete(where={"$and": [{"source": source}, {"file_hash": {"$ne": keep_hash}}]})

    def drop_version(self, source: str, file_hash: str) -> None:
        self.collection.delete(where={"$and": [{"source": source}, {"file_hash": file_hash}]})

    def delete_sources(self, sources: Iterable[str]) -> int:
        sources = list(sources)
        if not sources:
            return 0
        ids = self.collection.get(where={"source": {"$in": sources}}, include=[])["ids"]
        for start in range(0, len(ids), WRITE_BATCH):
            self.collection.delete(ids=ids[start : start + WRITE_BATCH])
        self.record.delete(ids=[_record_id(s) for s in sources])
        self._served = None
        return len(ids)

    @cached_property
    def _langchain(self):
        """LangChain's view of the collection, for search; built on the first query, not on opening
        (listing and re-ingesting unchanged files never search)."""
        from langchain_chroma import Chroma

        return Chroma(client=self.client, collection_name=self.name, embedding_function=self.embeddings)

    # --- the change counter other processes watch --------------------------------------------
    def revision(self) -> int:
        fresh = self.client.get_collection(self.name, embedding_function=None)
        return int((fresh.metadata or {}).get("revision", 0))

    def bump_revision(self) -> int:
        """A new random stamp, not old + 1: two writers sharing a Chroma server cannot both read
        5 and both write 6, so no change goes unnoticed by the keyword indexes that watch it."""
        revision = secrets.randbits(62)
        self.collection.modify(metadata={"revision": revision})
        return revision

    # --- reading ----------------------------------------------------------------------------
    def search_by_vector(
        self, vector: list[float], k: int, filters: dict | None = None
    ) -> list[tuple[Document, float]]:
        """Dense search; scores are cosine similarities (1 = same direction)."""
        found = self._langchain.similarity_search_by_vector_with_relevance_scores(
            vector, k=k, filter=where_clause(filters or {})
        )
        served = self.served()
        return [  # cosine distance -> similarity
            (doc, 1.0 - distance) for doc, distance in found if self.is_served(doc.metadata, served)
        ]

    def get_with_vectors(self, ids: list[str]) -> list[tuple[Document, list[float]]]:
        if not ids:
            return []
        page = self.collection.get(ids=ids, include=["metadatas", "documents", "embeddings"])
        rows = zip(page["ids"], page["documents"], page["metadatas"], page["embeddings"], strict=True)
        served = self.served()
        return [
            (Document(id=i, page_content=t, metadata=m), v)
            for i, t, m, v in rows
            if self.is_served(m, served)
        ]


def _record_id(source: str) -> str:
    return hashlib.sha256(source.encode()).hexdigest()


def _storable(metadata: dict) -> dict:
    """Chroma takes str/int/float/bool only; dates also go in as YYYYMMDD numbers for range filters."""
    clean = {k: v for k, v in metadata.items() if isinstance(v, str | int | float | bool)}
    clean["date_num"] = date_number(clean.get("date"))
    return clean
