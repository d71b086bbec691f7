"""The parsed Query on invented questions: kind, measure, time, parts and the sides of a comparison."""

from __future__ import annotations

import pytest

from assistant.query import parse
from assistant.query.parse import leaf_parts


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which firm cut the larger share of its staff, Quorvex or Tallimax?", "comparison"),
        ("How did the jobless rate in June 2031 compare with May 2031?", "comparison"),
        ("Which employers are covered by the Dunmore Act?", "list"),
        ("Who must give notice before a plant closing?", "explanation"),
        ("Can I get the allowance if my hours were cut?", "yesno"),
        ("What was the jobless rate in May 2031?", "figure"),
    ],
)
def test_the_kind_of_answer_is_read_from_the_question(question, kind):
    assert parse(question).kind == kind


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("How many employees is Quorvex laying off?", "headcount"),
        ("What was Quorvex's head count?", "headcount"),
        ("How many days before the closure must the employer write?", "duration"),
        ("How old must a claimant be?", "age"),
        ("How much does the allowance pay a single person?", "$"),
        # asked for in dollars: weeks of pay do not answer it
        ("What is the weekly dollar amount of the allowance?", "money"),
        ("How much is the severance, in dollars?", "money"),
        ("What share of its staff is Quorvex cutting?", ""),
        # the size of a change: a percentage answers as well as a sum
        ("How much is Quorvex cutting its travel costs?", ""),
        ("How much will the restructuring cost Quorvex?", "$"),
    ],
)
def test_the_figure_a_question_needs_is_its_measure(question, measure):
    assert parse(question).measure == measure


def test_a_share_asks_for_a_figure_and_parts_wanting_different_units_prefer_none():
    share = parse("What share of its staff is Quorvex cutting?")
    assert share.figure and share.unit == "%"
    mixed = parse("What share of its staff is Quorvex cutting, and how much will the plan cost?")
    assert [parse(p).unit for p in mixed.parts] == ["%", "$"]
    assert mixed.unit == ""


@pytest.mark.parametrize(
    ("question", "unit", "basis"),
    [
        ("How much does Quorvex expect to save each year?", "$", ""),
        ("How many jobs did the merger save?", "", ""),
        ("What is the monthly amount of the Pellmoor allowance?", "", "month"),
        ("What is the annual salary of a trainee?", "$", "year"),
        ("How many jobs were added each month?", "", ""),  # counts per month, not a sum's basis
    ],
)
def test_a_sum_is_preferred_where_money_is_asked_and_its_basis_is_the_period_it_is_asked_per(
    question, unit, basis
):
    assert (parse(question).unit, parse(question).basis) == (unit, basis)


def test_latest_and_most_recent_ask_for_the_newest():
    assert parse("What is the latest jobless rate in these reports?").latest
    assert parse("Which notice is the most recent?").latest
    assert not parse("What was the jobless rate in May 2031?").latest


def test_an_answer_must_say_its_period_for_the_latest_which_month_and_when():
    assert parse("What is the latest jobless rate in these reports?").dated
    assert parse("In which month did Ridge County hiring peak?").dated
    assert parse("When did Quorvex announce its cuts?").dated
    assert not parse("What was the jobless rate in May 2031?").dated
    assert not parse("Must an employer give notice when a site closes?").dated


def test_a_question_naming_an_industry_asks_for_that_industry_not_the_total():
    assert parse("How many construction jobs were added in May 2031?").sector
    assert parse("How many tech workers lost their jobs in 2031?").sector
    assert parse("Which industries shed the most jobs?").sector
    assert not parse("How many jobs did employers add in May 2031?").sector


def test_a_question_in_two_parts_is_two_questions_the_second_keeping_the_subject():
    parts = parse("How many jobs did Quorvex cut in March 2031, and what share of its staff is that?").parts
    assert parts == (
        "How many jobs did Quorvex cut in March 2031?",
        "what share of its staff is that (Quorvex March 2031)?",
    )


def test_each_side_of_a_comparison_is_its_own_question():
    sides = parse("Which firm cut the larger share of its staff, Quorvex or Tallimax? Give both.").parts
    assert len(sides) == 2
    assert "Quorvex" in sides[0] and "Tallimax" not in sides[0]
    assert "Tallimax" in sides[1] and "Quorvex" not in sides[1]


def test_sides_built_alike_keep_the_shared_subject():
    sides = parse(
        "Brandle Foods filed notices in May 2031 for its Reno, Nevada site and its Boise, Idaho site. "
        "Which notice listed more workers?"
    ).parts
    assert sides[0].startswith("Brandle Foods filed notices in May 2031 for its Reno, Nevada site")
    assert "Boise" not in sides[0]
    assert sides[1].startswith("Brandle Foods filed notices in May 2031 for its Boise, Idaho site")


def test_two_months_compared_are_two_sides():
    sides = parse("How did the jobless rate in June 2031 compare with May 2031?").parts
    assert sides == ("How did the jobless rate in June 2031?", "How did the jobless rate in May 2031?")


def test_months_named_without_a_year_are_two_sides_even_a_month_that_is_also_a_verb():
    assert parse("How did hiring in the valley in June compare with May?").parts == (
        "How did hiring in the valley in June?",
        "How did hiring in the valley in May?",
    )
    assert parse("Was the jobless rate higher in March or April?").parts == (
        "Was the jobless rate higher in March?",
        "Was the jobless rate higher in April?",
    )


def test_a_side_that_points_back_with_its_swaps_its_own_date_or_name_into_the_other_side():
    assert parse("How did Quorvex's January layoffs compare with its April cuts?").parts == (
        "How did Quorvex's January layoffs?",
        "How did Quorvex's April layoffs?",
    )
    assert parse("How did Quorvex's layoffs compare with their rival Tallimax's?").parts == (
        "How did Quorvex's layoffs?",
        "How did Tallimax's layoffs?",
    )


def test_a_name_compared_with_another_is_a_side_wherever_it_sits_in_the_clause():
    assert parse("How did the share Quorvex is cutting compare with Tallimax?").parts == (
        "How did the share Quorvex is cutting?",
        "How did the share Tallimax is cutting?",
    )
    assert parse("How does Quorvex's layoff count compare with Tallimax's?").parts == (
        "How does Quorvex's layoff count?",
        "How does Tallimax's layoff count?",
    )


def test_a_question_in_parts_one_of_which_compares_keeps_its_parts_and_that_part_its_sides():
    query = parse(
        "How many jobs did Ridge employers add in May 2031, and how did Quorvex compare with Tallimax?"
    )
    assert not query.compares
    assert query.parts[0] == "How many jobs did Ridge employers add in May 2031?"
    leaves = [part.text for part in leaf_parts(query)]
    assert leaves[0] == query.parts[0] and len(leaves) == 3
    assert "Quorvex" in leaves[1] and "Tallimax" not in leaves[1]
    assert "Tallimax" in leaves[2] and "Quorvex" not in leaves[2]


def test_names_with_an_inner_capital_or_owning_something_at_the_start_are_names():
    assert parse("Did eBay cut jobs?").names == ["eBay"]
    assert "Quorvex" in parse("Quorvex's plant in Reno closed when?").names
    assert parse("Federal WARN rules apply when?").names == ["WARN"]


def test_a_name_made_into_an_adjective_names_what_it_is_made_from():
    assert parse("How many AI-attributed cuts did Quorvex-owned plants make?").names == ["AI", "Quorvex"]
    assert parse("Did Coca-Cola cut jobs over Covid-19?").names == ["Coca-Cola", "Covid-19"]


def test_a_part_that_only_points_back_is_no_part_of_its_own():
    assert parse("Which month had the latest jobs figure, and what was it?").parts == ()
    assert parse("How many staff did Quorvex cut, and what share of its workforce was that?").parts


def test_asking_for_a_figure_wants_a_quantity():
    assert parse("Which report gives the newest payroll figure?").figure
