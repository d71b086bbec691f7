"""Keyword search finds figures and names that embeddings blur, and filters like dense search."""

from __future__ import annotations

from vectorstore import KeywordIndex
from vectorstore.tokens import tokenize


def test_tokens_keep_figures_whole_and_fold_plurals():
    assert tokenize("Intel cut 2,392 jobs; 4.3 percent of Layoffs") == [
        "intel",
        "cut",
        "2392",
        "job",
        "4.3",
        "percent",
        "layoff",
    ]


def test_search_finds_a_figure_and_respects_filters(tmp_path):
    rows = [
        (
            "a",
            "Intel laid off 2,392 employees in Hillsboro",
            {"kind": "dataset", "date_num": 20250715, "source": "/l.csv"},
        ),
        (
            "b",
            "The WARN Act requires 60 days of notice",
            {"kind": "policy", "date_num": 20250630, "source": "/w.md"},
        ),
        (
            "c",
            "Unemployment rate at 4.3 percent in August",
            {"kind": "jobs_report", "date_num": 20250905, "source": "/r.pdf"},
        ),
    ]
    index = KeywordIndex.build(rows, revision=3)
    assert index.search("2392", 5)[0][0] == "a"
    assert [i for i, _ in index.search("4.3 percent", 5)] == ["c"]
    assert index.search("2,392 employees", 5, {"kind": "policy"}) == []
    assert index.search("notice", 5, {"since": "2025-07-01"}) == []
    index.save(tmp_path / "kw")
    loaded = KeywordIndex.load(tmp_path / "kw")
    assert loaded.revision == 3 and loaded.search("Hillsboro", 1)[0][0] == "a"


def test_a_reader_during_rebuilds_always_gets_one_whole_index(tmp_path):
    """Two writers keep replacing the index while a reader loads it: every load is one build,
    never the rows of one with the BM25 arrays of the other, and never missing."""
    import threading
    import time

    def build(word: str, n: int, revision: int) -> KeywordIndex:
        rows = [(f"{word}-{i}", f"{word} plant notice {i} " * 20, {"kind": "policy"}) for i in range(n)]
        return KeywordIndex.build(rows, revision)

    builds = {1: build("alder", 40, 1), 2: build("birch", 400, 2)}
    folder = tmp_path / "kw"
    builds[1].save(folder)
    stop = threading.Event()

    def keep_saving(index: KeywordIndex) -> None:
        while not stop.is_set():
            index.save(folder)

    writers = [threading.Thread(target=keep_saving, args=(b,)) for b in builds.values()]
    for writer in writers:
        writer.start()
    seen, loads, deadline = set(), 0, time.monotonic() + 30
    try:
        while (loads < 150 or seen != {1, 2}) and time.monotonic() < deadline:
            loads += 1
            index = KeywordIndex.load(folder)
            assert index is not None
            word = "alder" if index.revision == 1 else "birch"
            assert len(index.ids) == len(builds[index.revision].ids)
            assert {i.split("-")[0] for i, _ in index.search(f"{word} notice", 50)} == {word}
            seen.add(index.revision)
    finally:
        stop.set()
        for writer in writers:
            writer.join()
    assert seen == {1, 2}  # the reader really read during both writers' rebuilds
    assert len(list(folder.glob("gen-*"))) <= 3
