"""Numbers written in words, read as figures: invented sentences of the kinds statutes and news write."""

from __future__ import annotations

from assistant.answering.citations import check_citations
from assistant.answering.figures import figures, kinds, values
from assistant.answering.measures import near_miss
from assistant.answering.sentences import ScoredSentence


def test_numbers_in_words_equal_the_same_numbers_in_digits():
    assert values("A mill owner gives sixty days of notice to three hundred and five staff") == values(
        "60 days for 305 staff"
    )
    assert values("forty-five workers and twenty-six percent") == values("45 workers and 26%")
    assert [(f.value, f.unit) for f in figures("twelve percent")] == [(12.0, "%")]
    assert kinds("within sixty (60) calendar days") == {(60.0, "duration")}
    assert kinds("a ninety-day notice") == {(90.0, "duration")}


def test_shares_in_words_are_percentages():
    found = figures(
        "The studio cut a quarter of its animators and one in five writers; two-thirds of staff stay."
    )
    assert [(f.text, round(f.value, 2), f.unit) for f in found] == [
        ("a quarter", 25.0, "%"),
        ("one in five", 20.0, "%"),
        ("two-thirds", 66.67, "%"),
    ]
    assert [f.value for f in figures("nearly half of the riders")] == [50.0]


def test_a_fraction_of_a_scale_is_an_amount_not_a_share():
    found = figures(
        "Nearly half a million riders and one and a half billion dollars; a quarter of a million left."
    )
    assert [(f.value, f.unit) for f in found] == [(500_000.0, ""), (1_500_000_000.0, "$"), (250_000.0, "")]
    assert values("half of its staff") == {50.0}


def test_ranks_periods_vague_amounts_and_a_lone_one_are_not_figures():
    for text in (
        "In the second half of 2031 a first round of cuts came.",
        "Sales fell in the last quarter of the year.",
        "Tens of thousands of riders and hundreds of drivers left.",
        "No one at the two depots was told.",
    ):
        assert figures(text) == [], text
    assert values("5 million jobs") == {5_000_000.0}  # "million" is not read again in words


def test_a_figure_written_in_digits_is_grounded_in_a_source_that_spells_it():
    checked = check_citations(
        "The owner must give 60 days of notice [1].",
        {1: "An owner who closes a plant must give sixty days of written notice."},
    )
    assert checked.warnings == []


def test_a_share_in_words_does_not_answer_a_headcount_and_the_refusal_says_what_it_is():
    sentence = ScoredSentence(1, 0, "The studio let go a third of its animators.", 0.8)
    refusal, cited = near_miss([sentence], "headcount", "No headcount is given.")
    assert cited == 1
    assert "a percentage (a third)" in refusal
