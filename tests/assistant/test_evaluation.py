"""`layoffqa eval` on the sample question set holds the quality bar in extractive mode."""

from __future__ import annotations

import json

from assistant.evaluation import contains_key
from tests.conftest import SAMPLES, run_cli


def test_keys_match_figures_by_value_and_phrases_by_text():
    assert contains_key("about 1.8 million claims", "1,800,000")
    assert contains_key("a rate of 3.5%", "3.5 percent")
    assert contains_key("$700 million pledged", "$700 million")
    assert not contains_key("4.2 percent", "4.3 percent")
    assert contains_key("Seattle and Austin", "seattle")


def test_eval_on_the_sample_questions_meets_the_bar(corpus_settings, tmp_path):
    report_path = tmp_path / "report.json"
    result = run_cli(
        corpus_settings.data_dir,
        "eval",
        str(SAMPLES / "questions.jsonl"),
        "--generator",
        "extractive",
        "--report",
        str(report_path),
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "hit@5" in out and "citation_validity" in out
    report = json.loads(report_path.read_text())
    summary = report["summary"]
    assert summary["questions"] >= 30
    assert sum(q["unanswerable"] for q in report["questions"]) >= 6
    assert summary["hit@5"] >= 0.9
    assert summary["keys"] >= 0.7
    assert summary["refusal"] >= 0.8
    assert summary["false_refusal"] <= 0.1
    assert summary["citation_validity"] >= 0.95
    assert summary["latency_p50_ms"] > 0
