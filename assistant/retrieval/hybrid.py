"""Hybrid retrieval: dense (Chroma) and keyword (BM25) results fused by reciprocal rank fusion.

Exposed as a LangChain retriever. Every returned document carries `score`, its cosine similarity
to the question, so refusal can use one calibrated threshold whichever retriever found it.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.query.names import days_named
from assistant.retrieval.gate import mentions_name, passage_periods
from assistant.types import Citation
from ingest.normalize import is_table_row
from vectorstore import ChunkStore, KeywordIndex
from vectorstore.store import contextual_text
from vectorstore.tokens import tokenize

RRF_K = 60
NEAR_DUPLICATE = 0.8
SAME_MEANING = 0.9  # cosine at which two records of one table say the same kind of thing


class KeywordIndexCache:
    """The on-disk keyword index, caught up with the store when the store's revision moves on."""

    def __init__(self, store: ChunkStore, folder: Path):
        self.store = store
        self.index = KeywordIndex(folder)
        self._lock = threading.Lock()

    def get(self) -> KeywordIndex:
        """Checked on every query (two small reads): an answer must see the document just added."""
        with self._lock:
            if self.index.revision != self.store.revision():
                self.index.catch_up(self.store)
            return self.index


def _is_record(doc: Document) -> bool:
    return is_table_row(doc.page_content.split("\n", 1)[0])


def _another_record(doc: Document, chosen: list[Document], vectors: dict[str, np.ndarray]) -> bool:
    """A table's records look alike to an embedding (same columns, same title), so a page of many
    rows fills every slot with records and crowds out the page's own prose ("To file a notice, email
    ..."). A record that means nearly what an already chosen record of its table means waits until
    the rest are in."""
    vector = vectors.get(doc.id)
    if vector is None:  # not a record
        return False
    return any(
        c.metadata.get("source") == doc.metadata.get("source")
        and c.id in vectors
        and float(np.dot(vector, vectors[c.id])) >= SAME_MEANING
        for c in chosen
    )


def _periods_of(doc: Document) -> set[tuple[int, int | None]]:
    return passage_periods(Citation.from_chunk(0, doc.id or "", doc.page_content, doc.metadata, 0.0))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, len(a | b))


class HybridRetriever(BaseRetriever):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: ChunkStore
    keyword: KeywordIndexCache
    k: int = 5
    candidates: int = 20
    filters: dict = {}
    names: list[str] = []  # what the question names: each should appear in some passage
    periods: set[tuple[int, int | None]] = set()  # the (year, month) pairs the question names
    days: set[tuple[int, int, int]] = set()  # the whole dates it writes

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun | None = None
    ) -> list[Document]:
        query_vector = self.store.embeddings.embed_query(query)
        dense = self.store.search_by_vector(query_vector, self.candidates, self.filters)
        sparse = self.keyword.get().search(query, self.candidates, self.filters)
        fused: dict[str, float] = {}
        for rank, (doc, _) in enumerate(dense):
            fused[doc.id] = fused.get(doc.id, 0.0) + 1 / (RRF_K + rank + 1)
        for rank, (chunk_id, _) in enumerate(sparse):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + 1 / (RRF_K + rank + 1)
        known = {doc.id: (doc, score) for doc, score in dense}
        missing = [i for i, _ in sparse if i not in known]
        for doc, vector in self.store.get_with_vectors(missing):
            known[doc.id] = (doc, float(np.dot(vector, query_vector)))
        self._rank_by_period(fused, known)
        ranked = sorted(fused, key=lambda i: -fused[i])
        # Each retriever's best hit always makes the cut: a name or figure that only BM25 matches
        # ("American Job Centers") loses the fusion to passages both retrievers rank middling.
        for best in [doc.id for doc, _ in dense[:1]] + [i for i, _ in sparse[:1]]:
            if best in ranked[self.k :]:
                ranked.remove(best)
                ranked.insert(self.k - 1, best)
        # only records are compared, so only their vectors are fetched (most questions fetch none)
        records = [i for i in ranked if i in known and _is_record(known[i][0])]
        vectors = {d.id: np.asarray(v) for d, v in self.store.get_with_vectors(records)}
        chosen: list[Document] = []
        seen_tokens: list[set[str]] = []
        deferred: list[str] = []
        for chunk_id in ranked:
            if chunk_id not in known:
                continue
            doc, score = known[chunk_id]
            tokens = set(tokenize(doc.page_content))
            if any(_jaccard(tokens, other) >= NEAR_DUPLICATE for other in seen_tokens):
                continue
            if _another_record(doc, chosen, vectors):
                deferred.append(chunk_id)
                continue
            seen_tokens.append(tokens)
            doc.metadata = {**doc.metadata, "score": score, "rrf": fused[chunk_id]}
            chosen.append(doc)
            if len(chosen) == self.k:
                break
        for chunk_id in deferred[: self.k - len(chosen)]:
            doc, score = known[chunk_id]
            doc.metadata = {**doc.metadata, "score": score, "rrf": fused[chunk_id]}
            chosen.append(doc)
        return chosen + self._naming_passages(chosen, query_vector)

    def _rank_by_period(self, fused: dict[str, float], known: dict[str, tuple[Document, float]]) -> None:
        """A third ranking fused with the two: the candidates that speak of every period the question
        names, in their fused order. Neither retriever reads a passage's period from its document
        ("In March, ..." in a bulletin for March 2031), so another month's report that repeats the
        question's words outranks the asked month's own; and a grid's rows differ only in the year
        and the months they cover."""
        if not self.periods:
            return
        order = sorted((i for i in fused if i in known), key=lambda i: -fused[i])
        meeting = [i for i in order if self.periods <= _periods_of(known[i][0])]
        # a weekly table's rows all speak of the month: those writing the day asked rank once more
        dated = [i for i in meeting if self.days and self.days <= days_named(known[i][0].page_content)]
        for ranking in (meeting, dated):
            for rank, chunk_id in enumerate(ranking):
                fused[chunk_id] += 1 / (RRF_K + rank + 1)

    def _naming_passages(self, chosen: list[Document], query_vector: list[float]) -> list[Document]:
        """For each name the question uses that no chosen passage mentions, the keyword index's best
        passage that does: a rare name (a small firm in a long list) loses the fusion to passages
        that repeat the question's common words, and without it the answer would be a refusal."""
        found: list[Document] = []
        for name in self.names:
            if any(mentions_name(name, contextual_text(d.page_content, d.metadata)) for d in chosen + found):
                continue
            ids = [i for i, _ in self.keyword.get().search(name, 3, self.filters)]
            for doc, vector in self.store.get_with_vectors(
                [i for i in ids if i not in {d.id for d in chosen}]
            ):
                if mentions_name(name, contextual_text(doc.page_content, doc.metadata)):
                    score = float(np.dot(vector, query_vector))
                    doc.metadata = {**doc.metadata, "score": score, "rrf": 0.0}
                    found.append(doc)
                    break
        return found
