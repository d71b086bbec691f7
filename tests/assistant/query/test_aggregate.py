"""Reading what an aggregate question asks, on questions invented here."""

from __future__ import annotations

import pytest

from assistant.query.aggregate import read_intent


@pytest.mark.parametrize(
    ("question", "operation"),
    [
        ("What did Globex's layoffs add up to, in total?", "total"),
        ("How many records does the list have for Initech?", "count"),
        ("How many separate notices did Hooli file?", "count"),
        ("What is the average cut per event?", "average"),
        ("What was the single biggest layoff round of 2019?", "extreme"),
        ("Which sector cut the most jobs in 2019?", "rank"),
        ("Top 3 employers by layoffs", "rank"),
        ("How did layoffs change over time?", "trend"),
        ("Layoffs per year, please", "trend"),
        ("Layoffs by sector in 2019", "rank"),
    ],
)
def test_operations(question, operation):
    assert read_intent(question).operation == operation


@pytest.mark.parametrize(
    "question",
    [
        "What was the unemployment rate in May 2019?",
        "How many jobs were added in March?",
        "Does an all-hands announcement count as notice?",
        "What percentage of staff did Hooli cut?",
        "When does the WARN Act apply?",
    ],
)
def test_lookups_ask_no_aggregate(question):
    assert read_intent(question) is None


def test_periods_limits_and_order():
    intent = read_intent("Which 2 sectors had the fewest layoffs in March 2019?")
    assert intent.months == {(2019, 3)} and not intent.descending
    intent = read_intent("Top five employers by layoffs since June 2018 and before 2020")
    assert intent.limit == 5 and intent.since == "2018-06-01" and intent.before == "2020-01-01"
    assert read_intent("total layoffs through March 2019").before == "2019-04-01"
    assert read_intent("How many people did Hooli cut?").weak  # may be a one-row lookup


def test_a_quarter_half_or_month_range_is_a_since_and_before():
    intent = read_intent("How many jobs did Tarnwell cut in total in the second half of 2031?")
    assert (intent.since, intent.before, intent.years) == ("2031-07-01", "2032-01-01", set())
    intent = read_intent("Total layoffs from March to May 2031")
    assert (intent.since, intent.before) == ("2031-03-01", "2031-06-01")


def test_an_abbreviated_count_column_is_the_measure_and_codes_are_not():
    from assistant.datasets.matching import measure_column
    from vectorstore.tables import Column, TableInfo

    columns = [Column("company", "text"), Column("naics_code", "number"), Column("empl_total", "number")]
    table = TableInfo("notices", "notices.csv", "", "", 3, columns)
    assert measure_column(table, "How many workers in total?").name == "empl_total"


def test_a_company_spelled_another_way_is_matched_to_its_cell(tmp_path):
    import duckdb

    from assistant.datasets.matching import find_filters
    from vectorstore.tables import Column, TableInfo

    con = duckdb.connect()
    con.execute("CREATE TABLE notices (company VARCHAR, workers BIGINT)")
    con.execute(
        "INSERT INTO notices VALUES ('Brellmoor Textiles, Inc.', 40), ('Brellmoor Tiles LLC', 9), ('Metz', 3)"
    )
    table = TableInfo("notices", "n.csv", "", "", 3, [Column("company", "text"), Column("workers", "number")])
    filters, unmet = find_filters(con, table, "How many workers did Brelmoor Textiles Incorporated notify?")
    assert unmet == [] and [f.shown for f in filters] == [
        ["Brellmoor Textiles, Inc."]
    ]  # one letter off, no "Inc."
    _, unmet = find_filters(con, table, "How many workers did Meta notify?")
    assert unmet == ["Meta"]  # short names are compared exactly


@pytest.mark.parametrize(
    "question",
    ["How much grant money went to the South region?", "How much was awarded to Fenwick College in 2031?"],
)
def test_how_much_money_went_somewhere_is_a_weak_total(question):
    intent = read_intent(question)
    assert intent is not None and intent.operation == "total" and intent.weak


def test_how_much_a_single_thing_cost_is_no_aggregate():
    assert read_intent("How much severance will departing employees get?") is None


@pytest.mark.parametrize(
    ("question", "since", "before"),
    [
        ("How many claims were filed in the first quarter of 2031?", "2031-01-01", "2031-04-01"),
        ("How many claims were filed between January and March 2031?", "2031-01-01", "2031-04-01"),
        ("How many notices were filed between 2029 and 2030?", "2029-01-01", "2031-01-01"),
    ],
)
def test_how_many_over_a_span_of_months_adds_its_rows_up(question, since, before):
    intent = read_intent(question)
    assert (
        intent and intent.operation in ("total", "count") and (intent.since, intent.before) == (since, before)
    )


@pytest.mark.parametrize(
    "question",
    [
        "How many claims were filed in March 2031?",
        "How many jobs did payrolls grow by in the first half of 2031?",
    ],
)
def test_how_many_in_one_month_or_how_far_a_level_moved_is_no_sum(question):
    assert read_intent(question) is None
