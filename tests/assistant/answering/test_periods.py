"""The period of a quoted figure, read from the text around it; sentences invented by the tests."""

from __future__ import annotations

from assistant.answering.periods import unstated_period
from assistant.types import Citation


def _news(title: str, date: str = "2031-08-03", period: str = "") -> Citation:
    return Citation(1, title, "/docs/ridge.md", None, date, "article", "", 0.6, period=period)


def test_the_month_named_by_the_sentence_before_is_the_period_of_the_month():
    p = _news("Ridge hiring picks up")
    figure = "Firms added 7,300 workers during the month, up from 2,100 in June."
    assert unstated_period(figure, "Ridge hiring beat forecasts in July.", p) == "July 2031"


def test_a_sentence_that_names_its_own_month_needs_no_period():
    p = _news("Ridge hiring picks up")
    assert unstated_period("Firms added 7,300 workers in July 2031.", "Hiring rose in June.", p) == ""


def test_the_title_or_period_tells_when_the_text_around_does_not():
    assert unstated_period("Firms added 7,300 workers.", "", _news("Ridge hiring in July")) == "July 2031"
    assert (
        unstated_period("Firms added 7,300 workers.", "", _news("Ridge news", period="2031-06"))
        == "June 2031"
    )


def test_nothing_is_guessed_when_two_months_are_named_or_none():
    p = _news("Ridge hiring rose in July after a weak June")
    assert unstated_period("Firms added 7,300 workers.", "", p) == ""
    assert unstated_period("Firms added 7,300 workers.", "", _news("Ridge news")) == ""
