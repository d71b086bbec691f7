"""Chunk ids are stable for the same bytes and change with them; metadata is complete."""

from __future__ import annotations

from ingest import RawSource, load, make_splitter, to_chunks


def _chunks(text: str):
    raw = RawSource(source="/docs/a.md", data=text.encode(), extension=".md")
    return to_chunks(raw, load(raw), make_splitter(200, 30))


def test_same_bytes_same_ids_and_changed_bytes_new_ids():
    text = "Title: A\nDate: 2025-01-02\n\n" + "Acme cut 1,200 jobs in Seattle. " * 30
    first, again, changed = _chunks(text), _chunks(text), _chunks(text + " One more.")
    assert [c.id for c in first] == [c.id for c in again]
    assert not {c.id for c in first} & {c.id for c in changed}


def test_every_chunk_carries_what_a_citation_needs():
    chunks = _chunks(
        "Title: WARN basics\nDate: 2025-06-30\n\n" + "The WARN Act requires 60 days of notice. " * 20
    )
    assert len(chunks) > 1
    for index, chunk in enumerate(chunks):
        meta = chunk.metadata
        assert (meta["source"], meta["title"], meta["date"]) == ("/docs/a.md", "WARN basics", "2025-06-30")
        assert meta["kind"] == "policy"  # "WARN Act" twenty times: policy vocabulary
        assert (meta["chunk"], meta["chunks"]) == (index, len(chunks))
        assert len(meta["file_hash"]) == 64 and len(meta["content_hash"]) == 64
        assert len(chunk.page_content) <= 200


def test_a_stated_period_and_a_tidied_title_reach_every_chunk():
    front = "---\ntitle: Harbour jobs - Port AuthorityPort Authority\nperiod: March 2031\n---\n"
    header = "Title: Harbour jobs\nPeriod: 2031-04\n\n"
    body = "Dock crews grew by 40 people over the quarter. " * 10
    cases = (
        (front + body, "2031-03", "Harbour jobs - Port Authority"),
        (header + body, "2031-04", "Harbour jobs"),
    )
    for text, period, title in cases:
        chunks = _chunks(text)
        assert {(c.metadata["period"], c.metadata["title"]) for c in chunks} == {(period, title)}
