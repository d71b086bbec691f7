"""Figure normalisation, citation repair and follow-up rewriting, on plain strings."""

from __future__ import annotations

from assistant.answering.citations import check_citations
from assistant.answering.figures import figures, values
from assistant.query.followup import rewrite_by_rule


def test_figures_compare_equal_across_spellings():
    assert values("120 thousand workers and 3.5% in 2025") == values(
        "about 120,000 people, 3.5 percent, 2025"
    )
    assert values("1.8 million claims") == values("1,800,000 claims")
    assert values("$36.53 an hour") == values("36.53 dollars")
    assert values("4.4 percent") != values("4.3 percent")
    assert [f.text for f in figures("cut 14,000 jobs [2]")] == ["14,000"]


def test_citation_check_removes_bogus_markers_recites_and_warns():
    passages = {
        1: "Amazon laid off 14,000 employees.",
        2: "More than 120,000 tech workers were laid off in 2025.",
    }
    checked = check_citations(
        "More than 120,000 tech workers were laid off in 2025 [1]. Amazon cut 14,000 [9]. "
        "Amazon cut 15,000 employees [1].",
        passages,
    )
    assert checked.text == (
        "More than 120,000 tech workers were laid off in 2025 [2]. Amazon cut 14,000 [1]. "
        "Amazon cut 15,000 employees [1]."
    )
    assert checked.cited == [2, 1]
    assert checked.warnings == ["'15,000' is not in the cited source [1]"]


def test_each_clause_of_a_sentence_is_vouched_for_by_its_own_marker():
    passages = {
        1: "Harlow Mills cut 7% of its staff in June.",
        2: "Pemberly Steel cut 4% of its staff in June.",
    }
    text = "Harlow Mills cut 7% of its staff [1], while Pemberly Steel cut 4% [2]."
    checked = check_citations(text, passages)
    assert checked.text == text  # neither clause re-cited to a passage holding both figures
    assert not checked.warnings


def test_follow_up_rule_swaps_years_names_and_months():
    history = [{"role": "user", "content": "How many jobs did Amazon cut in 2025?"}]
    assert rewrite_by_rule("and in 2023?", history) == "How many jobs did Amazon cut in 2023?"
    assert rewrite_by_rule("What about Microsoft?", history) == "How many jobs did Microsoft cut in 2025?"
    assert rewrite_by_rule("What does the WARN Act require?", history) == "What does the WARN Act require?"
    monthly = [{"role": "user", "content": "What was the unemployment rate in August 2025?"}]
    assert rewrite_by_rule("and in July?", monthly) == "What was the unemployment rate in July 2025?"


def test_dates_and_section_numbers_are_not_figures_and_units_are_kept():
    assert values("In December 2023, on 1/28/2024, under §394B-10") == set()
    assert values("The 2029-30 survey and the 2030–2031 one found 26 per cent") == {26.0}
    assert [(f.value, f.unit) for f in figures("$500 a day, 5.2 percent, 0.3 percentage point")] == [
        (500.0, "$"),
        (5.2, "%"),
        (0.3, "pp"),
    ]
