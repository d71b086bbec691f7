"""The Chroma store's record of sources: versions, completeness, and filters."""

from __future__ import annotations

from langchain_core.documents import Document

from assistant.wiring import open_store
from vectorstore import where_clause


def _chunk(source: str, version: str, index: int, total: int, date: str = "2025-03-04") -> Document:
    meta = {
        "source": source,
        "file_hash": version,
        "chunk": index,
        "chunks": total,
        "title": "T",
        "date": date,
        "kind": "article",
        "ingested_at": 1,
    }
    return Document(id=f"{source}-{version}-{index}", page_content=f"Acme cut {index} jobs.", metadata=meta)


def test_versions_know_complete_from_partial_and_stale_versions_can_be_dropped(settings):
    store = open_store(settings)
    store.write([_chunk("/a", "old", i, 2) for i in range(2)] + [_chunk("/a", "new", 0, 3)])
    versions = {v.file_hash: v for v in store.versions()["/a"]}
    assert versions["old"].complete and not versions["new"].complete
    assert (versions["new"].stored, versions["new"].expected) == (1, 3)
    store.drop_other_versions("/a", "new")
    assert [v.file_hash for v in store.versions()["/a"]] == ["new"]


def test_date_filters_compare_dates_as_numbers(settings):
    store = open_store(settings)
    store.write([_chunk("/jan", "h", 0, 1, "2025-01-15"), _chunk("/jun", "h", 0, 1, "2025-06-15")])
    vector = store.embeddings.embed_query("Acme jobs")
    found = store.search_by_vector(vector, 5, {"since": "2025-03-01", "until": "2025-12-31"})
    assert [d.metadata["source"] for d, _ in found] == ["/jun"]
    assert where_clause({}) is None
    assert where_clause({"kind": "policy"}) == {"kind": "policy"}
