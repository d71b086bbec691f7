"""Keyword search finds figures and names that embeddings blur, filters like dense search, and
changes in place: a document added or removed touches only its own rows."""

from __future__ import annotations

import threading
import time

from vectorstore import KeywordIndex
from vectorstore.tokens import tokenize

ROWS = [
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


def test_a_month_asked_in_full_meets_its_abbreviation_and_stays_rare_where_written_out(tmp_path):
    grid = [
        (f"g{year}", f"Openings by year: {year} | Mar: 20 | Apr: {year - 2007} | Oct: 31", {"source": "/g"})
        for year in range(2027, 2032)
    ]
    prose = ("p", "In October 2031 the county received 14 layoff notices.", {"source": "/p.md"})
    others = [(f"o{n}", f"Plant {n} in 2031 kept its {n * 10} workers.", {"source": "/o"}) for n in range(20)]
    index = KeywordIndex(tmp_path / "kw")
    index.rebuild([*grid, prose, *others], revision=1)
    assert index.search("April 2031", 1)[0][0] == "g2031"  # "Apr" is April
    assert index.search("October 2031", 1)[0][0] == "p"  # a month heading every grid row is common


def test_search_finds_a_figure_and_respects_filters(tmp_path):
    index = KeywordIndex(tmp_path / "kw")
    index.rebuild(ROWS, revision=3)
    assert index.search("2392", 5)[0][0] == "a"
    assert [i for i, _ in index.search("4.3 percent", 5)] == ["c"]  # "4.3" whole, not "4" and "3"
    assert index.search("2,392 employees", 5, {"kind": "policy"}) == []
    assert index.search("notice", 5, {"since": "2025-07-01"}) == []
    assert index.search("notice", 5, {"sources": ["/w.md"]})[0][0] == "b"
    again = KeywordIndex(tmp_path / "kw")  # another process opening the same file
    assert again.revision == 3 and again.search("Hillsboro", 1)[0][0] == "a"


def test_a_document_is_replaced_and_removed_in_place(tmp_path):
    index = KeywordIndex(tmp_path / "kw")
    index.rebuild(ROWS, revision=1)
    changed = [("a2", "Intel laid off 1,100 employees in Folsom", {"source": "/l.csv", "file_hash": "h2"})]
    index.replace({"/l.csv": changed}, removed=["/w.md"], revision=2)
    assert index.search("Hillsboro", 5) == [] and index.search("Folsom", 5)[0][0] == "a2"
    assert index.search("notice", 5) == [] and index.ids() == {"a2", "c"}
    assert index.revision == 2 and index.versions()["/l.csv"] == "h2"


def test_a_reader_during_rewrites_always_reads_one_whole_index(tmp_path):
    """Two writers keep replacing the index while a reader searches it: every search sees one
    writer's whole index, never a mix of two and never an empty one."""
    folder = tmp_path / "kw"
    builds = {
        word: [
            (f"{word}-{i}", f"{word} plant notice {i}", {"kind": "policy", "source": f"/{word}"})
            for i in range(n)
        ]
        for word, n in (("alder", 40), ("birch", 400))
    }
    KeywordIndex(folder).rebuild(builds["alder"], 1)
    stop = threading.Event()

    def keep_writing(word: str, revision: int) -> None:
        index = KeywordIndex(folder)
        while not stop.is_set():
            index.rebuild(builds[word], revision)

    writers = [threading.Thread(target=keep_writing, args=a) for a in (("alder", 1), ("birch", 2))]
    for writer in writers:
        writer.start()
    reader, seen, reads, deadline = KeywordIndex(folder), set(), 0, time.monotonic() + 30
    try:
        while (reads < 150 or seen != {"alder", "birch"}) and time.monotonic() < deadline:
            reads += 1
            found = {i.split("-")[0] for i, _ in reader.search("plant notice", 500)}
            assert len(found) == 1, found
            hits = len(reader.search("plant notice", 500))
            seen |= found
            assert hits in (40, 400)
    finally:
        stop.set()
        for writer in writers:
            writer.join()
    assert seen == {"alder", "birch"}  # the reader really read during both writers' rewrites
