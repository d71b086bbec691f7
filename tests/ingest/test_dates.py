"""Dates in any of the forms documents and people write them read as one."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.dates import find_period, heading_period, month_years, parse_user_date, period_spans


def test_a_date_in_three_formats_is_one_month():
    for text in ("filed 1/28/2031", "filed January 28, 2031", "filed 2031-01-28", "filed 28 Jan 2031"):
        assert month_years(text) == {(2031, None), (2031, 1)}, text


def test_may_the_verb_is_not_a_month_but_may_the_month_is():
    assert month_years("Workers may apply later in 2031.") == {(2031, None)}
    assert (2031, 5) in month_years("Hiring slowed in May.", period="2031-06")


def test_a_bare_month_is_read_against_the_period_and_never_lies_in_its_future():
    assert (2031, 12) in month_years("Payrolls were revised for December.", period="2032-01")
    assert (2032, 12) not in month_years("Payrolls were revised for December.", period="2032-01")
    assert (2031, 11) in month_years("The November release follows.", period="2031-11")


def test_periods_come_from_titles():
    assert find_period("THE STATE OF HIRING -- OCTOBER 2031") == "2031-10"
    assert find_period("Annual review 2030") == "2030" and find_period("No date here") == ""


def test_user_dates_are_parsed_or_refused_with_a_reason():
    assert parse_user_date("March 2031") == "2031-03-01"
    assert parse_user_date("March 2031", end=True) == "2031-03-31"
    assert parse_user_date("2031") == "2031-01-01" and parse_user_date("2031/03/04") == "2031-03-04"
    with pytest.raises(ValueError, match="cannot read"):
        parse_user_date("next Tuesday-ish")


def test_month_day_year_with_a_two_digit_year_is_a_date_but_a_phone_number_is_not():
    assert month_years("received: 07-21-22 | effective: 9/20/22") == {(2022, 7), (2022, None), (2022, 9)}
    assert month_years("call 410-767-1890 or see section 394-10-21") == set()


def test_quarters_and_halves_are_runs_of_months():
    [half] = period_spans("cuts in the first half of 2031, as planned")
    assert (half.first.isoformat(), half.after.isoformat()) == ("2031-01-01", "2031-07-01")
    assert [(s.first.month, s.after.year) for s in period_spans("Q4 2030 and the 2nd quarter, 2031")] == [
        (10, 2031),
        (4, 2031),
    ]
    assert period_spans("the third half of 2030, Q5 2030, a quarter of 2030") == []


def test_a_column_heading_that_is_a_month_quarter_or_year_and_nothing_more_is_a_period():
    assert heading_period("Jan 2031") == (date(2031, 1, 1), "month")
    assert heading_period("Apr 2031 (p)") == (date(2031, 4, 1), "month")  # a preliminary figure's mark
    assert heading_period("Q3 2031") == (date(2031, 7, 1), "quarter")
    assert heading_period("2029*") == (date(2029, 1, 1), "year")
    for other in ("March", "March 4, 2031", "Workers 2031", "Total", "H1 2031"):
        assert heading_period(other) is None, other
