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
