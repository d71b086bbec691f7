"""Which figure answers, read from the sentence around it, on documents the tests invent: a
forecast is not the outcome, "during the month" is the report's month, a document naming only
part of a name is about something else, and the size of a cut may be a percentage."""

from __future__ import annotations

import pytest

from assistant.answering.figures import Figure, kind_of
from tests.conftest import extractive_on

DOCUMENTS = {
    "harbor-payrolls-2031-07.md": (
        "---\ntitle: Harbor Payroll Services private jobs report, July 2031\ndate: 2031-08-03\n---\n"
        "Private employers added 41,000 workers during the month, up from a revised 12,000 in June 2031, "
        "Harbor Payroll Services said.\n\n"
        "Economists polled before the release were looking for a July 2031 gain of 30,000 jobs from "
        "Harbor Payroll Services.\n"
    ),
    "zentrix-labs.md": (
        "---\ntitle: Zentrix Labs restructures\ndate: 2031-03-02\n---\n"
        "Zentrix Labs said it will cut 18% of its global staff this year.\n\n"
        "Zentrix Labs also plans a 25% reduction in travel costs.\n"
    ),
    "orbit-labs.md": (
        "---\ntitle: Orbit Labs annual report\ndate: 2031-03-05\n---\n"
        "Orbit Labs reported a head count of 5,200 employees at the end of the year.\n"
    ),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    return extractive_on(DOCUMENTS, tmp_path_factory.mktemp("assistant"))


def test_the_outcome_reported_for_the_month_beats_the_forecast_for_it(assistant):
    answer = assistant.answer(
        "How many jobs did private employers add in July 2031, according to Harbor Payroll Services?"
    )
    assert "41,000" in answer.text and "30,000" not in answer.text, answer.text


def test_a_forecast_answers_a_question_about_what_is_expected(assistant):
    answer = assistant.answer("What July 2031 gain did economists expect from Harbor Payroll Services?")
    assert "30,000" in answer.text, answer.text


def test_a_document_naming_part_of_the_name_does_not_answer_for_the_whole(assistant):
    answer = assistant.answer("How many employees is Zentrix Labs laying off, as a head count?")
    assert answer.refused, answer.text
    assert "5,200" not in answer.text


def test_the_size_of_a_cut_in_costs_may_be_a_percentage(assistant):
    answer = assistant.answer("How much is Zentrix Labs cutting its travel costs?")
    assert not answer.refused and "25%" in answer.text, answer.text


def test_cents_are_a_sum_of_money():
    assert kind_of(Figure("40", 40.0, "", after=" cents a share")) == "money"
    assert kind_of(Figure("40", 40.0, "", after=" workers")) == "count"
