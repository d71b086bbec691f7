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


def test_names_of_several_words_swap_whole_and_each_takes_the_place_that_matches_it():
    notices = _history("How many employees did Zedcorp Steel's notice for Port Ember list in May 2031?")
    assert (
        rewrite_by_rule("And Quillon Bank's?", notices)
        == "How many employees did Quillon Bank's notice for Port Ember list in May 2031?"
    )
    assert (
        rewrite_by_rule("And Orrin's notice for Fort Lyle?", notices)
        == "How many employees did Orrin's notice for Fort Lyle list in May 2031?"
    )


def test_a_source_named_with_according_to_is_added_not_swapped():
    history = _history("How many jobs did Ohio employers add in May 2031, and what was the jobless share?")
    assert (
        rewrite_by_rule("And in June, according to the Harbor survey?", history)
        == "How many jobs did Ohio employers add in June 2031, according to the Harbor survey, "
        "and what was the jobless share?"
    )


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


def test_the_chat_generator_swaps_a_fragment_in_code_and_asks_its_model_only_otherwise():
    from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
    from langchain_core.messages import AIMessage

    from assistant.answering.generators.chat import ChatGenerator

    model = GenericFakeChatModel(messages=iter([AIMessage(content="How much did Zedcorp's cuts cost?")]))
    chat = ChatGenerator("fake", model, ranker=None)
    history = _history("How many jobs did Zedcorp cut in 2031?")
    assert chat.rewrite("What about Quillon?", history) == "How many jobs did Quillon cut in 2031?"
    assert chat.rewrite("How much did those cuts cost them?", history) == "How much did Zedcorp's cuts cost?"


def test_a_model_rewrite_that_loses_the_subject_gives_way_to_the_rule():
    from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
    from langchain_core.messages import AIMessage

    from assistant.answering.generators.chat import ChatGenerator

    model = GenericFakeChatModel(messages=iter([AIMessage(content="How much will the layoffs cost?")]))
    chat = ChatGenerator("fake", model, ranker=None)
    history = _history("How many staff is Zedcorp letting go in Ohio?")
    assert (
        chat.rewrite("How much will that cost them?", history)
        == "How much will that cost them (Zedcorp Ohio)?"
    )
