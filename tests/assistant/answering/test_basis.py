"""The period a sum is stated per, and the refusal for a sum asked per another period."""

from __future__ import annotations

import pytest

from assistant.answering.basis import basis_miss, basis_of
from assistant.answering.figures import figures
from assistant.answering.sentences import ScoredSentence


@pytest.mark.parametrize(
    ("sentence", "bases"),
    [
        ("The allowance is $410 per week, paid for 26 weeks.", ["week"]),
        ("Workers get a weekly benefit of up to $410.", ["week"]),
        ("She earns $52,000 a year, or $25 an hour.", ["year", "hour"]),
        ("The stipend covers up to $6,500 of tuition.", [""]),
        ("Monthly filings rose, and the fee is $40.", [""]),  # a month far before the sum
        ("The employer owes a civil penalty of $600 for each day of the violation.", ["day"]),
    ],
)
def test_a_sum_s_basis_is_read_right_after_it_or_in_the_few_words_before(sentence, bases):
    assert [basis_of(sentence, f) for f in figures(sentence) if f.unit == "$"] == bases


def _sentence(n: int, text: str, score: float) -> ScoredSentence:
    return ScoredSentence(n, 0, text, score, True, frozenset(), None)


def test_a_monthly_sum_is_refused_only_when_every_close_sum_is_stated_per_another_period():
    weekly = _sentence(1, "The grant is $300 per week.", 0.9)
    assert "a sum per week ($300) [1], not one per month" in basis_miss([weekly], "month", "No.")[0]
    unstated = _sentence(2, "The grant is $1,200 in all.", 0.85)
    assert basis_miss([weekly, unstated], "month", "No.") is None
    monthly_far_down = _sentence(3, "Older rules paid $900 a month.", 0.2)
    assert basis_miss([weekly, monthly_far_down], "month", "No.") is None
    assert basis_miss([weekly], "week", "No.") is None


def test_a_penalty_asked_per_week_is_refused_when_it_is_stated_per_day():
    from assistant.query import parse

    assert parse("What is the civil penalty per week for a late notice?").basis == "week"
    daily = [_sentence(1, "A late notice costs the employer a civil penalty of $600 for each day.", 0.8)]
    refusal = basis_miss(daily, "week", "No.")
    assert refusal and "a sum per day ($600)" in refusal[0]
