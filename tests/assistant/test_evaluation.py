"""`layoffqa eval` on the sample question set holds the quality bar in extractive mode."""

from __future__ import annotations

import json

from assistant.evaluation import Case, Outcome, contains_key, per_kind
from tests.conftest import SAMPLES, run_cli


def test_keys_match_figures_by_value_and_phrases_by_text():
    assert contains_key("about 1.8 million claims", "1,800,000")
    assert contains_key("a rate of 3.5%", "3.5 percent")
    assert contains_key("$700 million pledged", "$700 million")
    assert not contains_key("4.2 percent", "4.3 percent")
    assert contains_key("Seattle and Austin", "seattle")
    assert not contains_key("500 days of notice", "$500") and contains_key("a fine of $500", "$500")
    assert not contains_key("rose 5.2 points", "5.2 percent") and contains_key("3.8 percent", "3.8")
    assert contains_key("it does not meet the WARN Act rules", "text:does not meet the WARN Act")


def test_a_date_key_matches_the_same_day_in_any_written_form():
    assert contains_key("Notice filed on March 7, 2024 [1].", "03/07/2024")
    assert contains_key("filed 2024-03-07", "03/07/2024") and contains_key("filed 7 March 2024", "2024-03-07")
    assert not contains_key("filed March 17, 2024", "03/07/2024")
    assert not contains_key("filed in March 2024", "03/07/2024")  # the month is not the day


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
    assert summary["keys"] >= 0.88  # measured 0.912 (README): a three-point drop fails
    assert summary["refusal"] >= 0.8
    assert summary["false_refusal"] <= 0.1
    assert summary["citation_validity"] >= 0.95
    assert summary["latency_p50_ms"] > 0


def test_cases_carry_history_and_kind_and_results_are_reported_per_kind():
    case = Case.from_json(
        {
            "question": "and in 2031?",
            "history": ["How many jobs did Zedcorp cut in 2030?"],
            "kind": "followup",
        }
    )
    assert case.conversation == [{"role": "user", "content": "How many jobs did Zedcorp cut in 2030?"}]
    base = dict(
        answer="",
        has_source=False,
        rank=None,
        markers=0,
        valid_markers=0,
        ungrounded=0,
        latency_ms=1.0,
        first_token_ms=None,
        top_passages=[],
    )
    outcomes = [
        Outcome(question="a", kind="followup", refused=False, unanswerable=False, keys_ok=True, **base),
        Outcome(question="b", kind="followup", refused=True, unanswerable=False, keys_ok=False, **base),
        Outcome(question="c", kind="unanswerable", refused=True, unanswerable=True, keys_ok=None, **base),
    ]
    table = per_kind(outcomes)
    assert table["followup"] == {"questions": 2, "keys": 0.5, "false_refusal": 0.5, "refusal": None}
    assert table["unanswerable"]["refusal"] == 1.0
