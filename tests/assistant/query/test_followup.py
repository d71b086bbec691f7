"""Follow-ups only when the question lacks a subject of its own, on invented conversations."""

from __future__ import annotations

from assistant.query.followup import is_follow_up, rewrite_by_rule


def _history(*questions: str) -> list[dict]:
    return [{"role": "user", "content": q} for q in questions]


def test_a_short_question_with_its_own_subject_is_left_alone():
    history = _history("How many jobs did Zedcorp cut in 2031?")
    for question in ("What is WIOA?", "Define rapid response.", "Who funds retraining grants?"):
        assert not is_follow_up(question), question
        assert rewrite_by_rule(question, history) == question


def test_fragments_swap_their_dates_and_names_into_the_last_question():
    history = _history("How many jobs did Zedcorp cut in 2031?")
    assert rewrite_by_rule("and in 2029?", history) == "How many jobs did Zedcorp cut in 2029?"
    assert rewrite_by_rule("What about Quillon?", history) == "How many jobs did Quillon cut in 2031?"
    monthly = _history("What was the jobless share in August 2031?")
    assert rewrite_by_rule("and in July?", monthly) == "What was the jobless share in July 2031?"
    assert rewrite_by_rule("What about March 2030?", monthly) == "What was the jobless share in March 2030?"


def test_a_question_that_points_back_carries_the_old_subject_not_the_old_wording():
    history = _history("How many staff is Zedcorp letting go in Ohio?")
    assert (
        rewrite_by_rule("How much will that cost them?", history)
        == "How much will that cost them (Zedcorp Ohio)?"
    )


def test_without_history_nothing_changes():
    assert rewrite_by_rule("and in 2029?", None) == "and in 2029?"


def test_a_period_named_by_its_place_is_counted_from_the_last_question():
    history = [
        {"role": "user", "content": "What was the jobless rate in December 2030?"},
        {"role": "assistant", "content": "It was 5.1 percent [1]."},
    ]
    assert (
        rewrite_by_rule("And the month after that?", history) == "What was the jobless rate in January 2031?"
    )
    assert (
        rewrite_by_rule("What about the previous month?", history)
        == "What was the jobless rate in November 2030?"
    )
    assert rewrite_by_rule("And a year earlier?", history) == "What was the jobless rate in December 2029?"
