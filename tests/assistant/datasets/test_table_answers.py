"""The table path end to end on an invented tracker: figures checked against pandas computing the
same thing, routing, hostile questions, and the JSON shape."""

from __future__ import annotations

import pytest

from assistant.service import Assistant
from assistant.settings import Settings
from assistant.wiring import open_ingestor
from tests.assistant.datasets.tracker import make_tracker

NOTE = """# Retail staffing note, June 2024

Northwind Stores said in June 2024 that it would add 300 warehouse jobs in Ohio. The company did not
say how many of the jobs would be seasonal.
"""


NEWS = """# Contoso trims its support staff

Contoso laid off 275 people in total in March 2031, the company said on Tuesday, after moving most
of its customer support to software agents.
"""


@pytest.fixture(scope="module")
def tracker(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tracker")
    path, truth = make_tracker(folder)
    with path.open("a", encoding="utf-8") as extra:  # a company with a single row, for lookups
        extra.write('Zenith Labs,"640",,"2023-05-02",Media\n')
    (folder / "note.md").write_text(NOTE, encoding="utf-8")
    (folder / "news.md").write_text(NEWS, encoding="utf-8")
    settings = Settings(data_dir=folder / "data", generator="extractive")
    report = open_ingestor(settings).run([str(path), str(folder / "note.md"), str(folder / "news.md")])
    assert not report.failures, report.failures
    return Assistant(settings, generator="extractive"), truth


def _figure(value: float) -> str:
    return f"{int(value):,}"


def test_total_for_a_company_matches_pandas(tracker):
    assistant, truth = tracker
    answer = assistant.answer("How many people did Contoso lay off in total?")
    expected = truth.loc[truth.company == "Contoso", "laid_off"].sum()
    assert answer.sql and "SELECT" in answer.sql
    assert _figure(expected) in answer.text
    assert answer.citations[0].kind == "dataset" and not answer.warnings
    worded = assistant.answer("How many employees did Contoso cut altogether?")
    assert worded.sql and _figure(expected) in worded.text  # plural aggregation words are still just that


def test_total_in_a_quarter_matches_pandas(tracker):
    assistant, truth = tracker
    answer = assistant.answer("How many people did Contoso lay off in total in the third quarter of 2022?")
    chosen = truth[(truth.company == "Contoso") & (truth.date >= "2022-07-01") & (truth.date < "2022-10-01")]
    assert len(chosen) > 1 and answer.sql and "2022-07-01" in answer.sql
    assert _figure(chosen.laid_off.sum()) in answer.text


def test_count_of_entries_matches_pandas(tracker):
    assistant, truth = tracker
    answer = assistant.answer("How many entries does the dataset have for Fabrikam?")
    assert f"has {(truth.company == 'Fabrikam').sum()} entries" in answer.text


def test_top_n_companies_in_a_year_match_pandas(tracker):
    assistant, truth = tracker
    answer = assistant.answer("Top 3 companies by layoffs in 2023")
    in_year = truth[truth.date.dt.year == 2023]
    expected = in_year.groupby("company")["laid_off"].sum().sort_values(ascending=False).head(3)
    assert [row[0] for row in answer.rows] == list(expected.index)
    assert [row[1] for row in answer.rows] == pytest.approx(list(expected.values))
    assert answer.chart == {"kind": "bar", "x": "company", "y": "total"}


def test_per_month_totals_match_pandas(tracker):
    assistant, truth = tracker
    answer = assistant.answer("How did layoffs change per month in 2022?")
    in_year = truth[truth.date.dt.year == 2022]
    expected = in_year.groupby(in_year.date.dt.month)["laid_off"].sum()
    assert [r[0] for r in answer.rows] == [f"2022-{m:02d}" for m in expected.index]
    assert [r[1] for r in answer.rows] == pytest.approx(list(expected.values))
    assert answer.chart["kind"] == "line"


def test_largest_single_event_in_a_month_matches_pandas(tracker):
    assistant, truth = tracker
    answer = assistant.answer("What was the single largest layoff in March 2024?")
    month = truth[(truth.date.dt.year == 2024) & (truth.date.dt.month == 3)]
    top = month.loc[month.laid_off.idxmax()]
    assert _figure(top.laid_off) in answer.text and top.company in answer.text


def test_the_most_recent_entry_is_the_newest_by_date_not_the_largest(tracker):
    assistant, truth = tracker
    answer = assistant.answer("Which layoff event in the tracker is the most recent, and what is its date?")
    newest = truth.loc[truth.date.idxmax()]
    assert answer.sql and "ORDER BY" in answer.sql and "DESC" in answer.sql
    assert newest.date.date().isoformat() in answer.text and newest.company in answer.text


def test_ordinary_questions_stay_on_the_passage_path(tracker):
    assistant, _ = tracker
    answer = assistant.answer("How many warehouse jobs did Northwind Stores say it would add in Ohio?")
    assert not answer.sql and "300" in answer.text
    # an aggregate word about something no table holds is not a table question either
    answer = assistant.answer("What is the total cost of the Ohio warehouse expansion?")
    assert not answer.sql


def test_a_how_many_question_matching_one_row_is_a_lookup(tracker):
    assistant, _ = tracker
    answer = assistant.answer("How many people did Zenith Labs lay off in May 2023?")
    assert not answer.sql and "640" in answer.text  # the passage, which shows the whole row
    answer = assistant.answer("How many people did Zenith Labs lay off in total?")
    assert answer.sql and "640" in answer.text  # "in total" asks the table even for one row


def test_sql_in_a_question_runs_nothing_but_a_checked_select(tracker):
    assistant, truth = tracker
    answer = assistant.answer("How many entries for Wingtip'; DROP TABLE layoff_events; -- in total?")
    # "DROP" and "TABLE" are names the table lacks: no query runs, and no passage speaks of them
    assert answer.refused and not answer.sql
    again = assistant.answer("How many entries does the dataset have for Wingtip?")
    assert f"has {(truth.company == 'Wingtip').sum()} entries" in again.text  # the table is intact


def test_no_rows_for_a_question_not_about_the_table_leaves_it_to_the_passages(tracker):
    assistant, _ = tracker
    answer = assistant.answer("How many people did Contoso lay off in total in 2019?")
    assert answer.refused and not answer.sql  # no passage speaks of 2019 either


def test_json_carries_sql_and_rows(tracker):
    assistant, _ = tracker
    data = assistant.answer("Top 2 industries by layoffs").to_json()
    assert data["sql"].startswith("SELECT") and len(data["rows"]) == 2
    assert set(data["rows"][0]) == {"industry", "total", "entries"}


def test_a_query_that_times_out_leaves_the_question_to_the_passages(tracker, monkeypatch):
    from assistant.datasets import answerer

    def too_slow(*_args, **_kwargs):
        raise TimeoutError("the query took longer than 10 s")

    monkeypatch.setattr(answerer, "run", too_slow)  # a slow query, injected: the real limit is tested apart
    assistant, _ = tracker
    answer = assistant.answer("How many people did Contoso lay off in total?")
    assert not answer.sql
    assert (
        answer.warnings[0]
        == "The table query failed (the query took longer than 10 s); the passages answered."
    )


def test_a_ranking_of_months_is_a_bar_chart_of_labelled_periods(tracker):
    assistant, truth = tracker
    answer = assistant.answer("Which month had the most layoffs in 2023?")
    in_year = truth[truth.date.dt.year == 2023]
    best = in_year.groupby(in_year.date.dt.month)["laid_off"].sum().idxmax()
    assert answer.rows[0][0] == f"2023-{best:02d}" and answer.chart["kind"] == "bar"
    yearly = assistant.answer("How many employees were laid off per year?")
    assert [r[0] for r in yearly.rows] == ["2022", "2023", "2024"] and yearly.chart["kind"] == "line"


def _raises(_inputs):
    raise RuntimeError("the LLM server went away")


@pytest.mark.parametrize(
    "write",
    [
        lambda _: "SELECT * FROM layoff_events LIMIT 1.5 OFFSET 'x'",
        lambda _: "SELECT " + "(" * 3000 + "1" + ")" * 3000,
        lambda _: "SELECT repeat('x', 1000000000)",
        lambda _: "SELECT no_such_column FROM layoff_events",
        _raises,
    ],
)
def test_whatever_the_model_writes_or_raises_the_planner_answers(tracker, write):
    assistant, truth = tracker
    found = assistant.tables.answer("How many people did Contoso lay off in total?", write)
    expected = truth.loc[truth.company == "Contoso", "laid_off"].sum()
    assert _figure(expected) in found.text
    assert found.notices and found.notices[0].startswith("The model's query was not used")


def test_a_long_capitalised_question_against_a_wide_table_is_answered_or_refused_in_bounded_time(tmp_path):
    """Twenty capitalised words met against 250 text columns: before the bounds, one such question
    held a core for minutes."""
    import time

    header = ",".join(f"field{c}" for c in range(250))
    rows = [",".join(f"value {r} {c}" for c in range(250)) for r in range(30)]
    (tmp_path / "wide.csv").write_text("\n".join([header, *rows]) + "\n")
    settings = Settings(data_dir=tmp_path / "data", query_timeout_s=2)
    assert not open_ingestor(settings).run([str(tmp_path / "wide.csv")]).failures
    assistant = Assistant(settings, generator="extractive")
    assistant.tables.cache.connect().close()  # the typed table built first: the bound is the question's
    question = "How many entries in total for " + " ".join(f"Brand{i}" for i in range(20)) + "?"
    started = time.monotonic()
    answer = assistant.answer(question)
    assert time.monotonic() - started < 30
    assert answer.refused or answer.text


def test_a_question_a_news_article_answers_is_not_answered_from_a_table_that_has_no_such_row(tracker):
    """The tracker holds Contoso, but not in 2031: "no rows match" would answer a question about the
    table, not this one, which the article answers."""
    assistant, _ = tracker
    answer = assistant.answer("How many people did Contoso lay off in total in March 2031?")
    assert not answer.sql and not answer.refused and "275" in answer.text


def test_a_near_miss_about_the_table_says_what_it_covers_and_is_a_refusal(tracker):
    assistant, truth = tracker
    answer = assistant.answer("How many entries does the layoff events export have for Contoso in 2031?")
    first, last = truth.date.min().date().isoformat(), truth.date.max().date().isoformat()
    assert answer.refused and answer.sql
    title = "Layoff events export (made up for tests)"
    assert answer.text.startswith(f"{title} covers {first} to {last}; no rows")


def test_the_most_recent_across_several_listings_is_the_newest_row_of_any(tmp_path):
    from tests.conftest import extractive_over

    (tmp_path / "north-warn-listing.csv").write_text(
        "company,notice_date,workers\nOrrin Freight,2031-03-02,40\nKestrel Mills,2031-05-19,25\n"
    )
    (tmp_path / "south-warn-listing.csv").write_text(
        "company,notice_date,workers\nBrandle Foods,2031-06-30,65\nTallow Works,2031-01-11,12\n"
    )
    bot = extractive_over(tmp_path, tmp_path / "data")
    answer = bot.answer("Across the WARN listings, which notice is the most recent, and what is its date?")
    assert "Brandle Foods" in answer.text and "2031-06-30" in answer.text
    answer = bot.answer("Which notice in the north WARN listing is the most recent?")
    assert "Kestrel Mills" in answer.text and "2031-05-19" in answer.text


def test_a_column_named_by_aggregate_words_and_a_cell_met_by_one_of_its_words(tmp_path):
    from tests.conftest import extractive_over

    (tmp_path / "county-claims.csv").write_text(
        "County,January,February,Quarter total\nAlder,1240,1105,3410\nBirch,980,1010,2995\n"
    )
    (tmp_path / "cuts-tracker.csv").write_text(
        "Company,Jobs cut,Reason given\nOrrin Freight,400,AI / automation\nKestrel Mills,250,Cost cutting\n"
        "Tallow Works,120,AI / automation\n"
    )
    bot = extractive_over(tmp_path, tmp_path / "data")
    answer = bot.answer("What was Alder's quarter total of claims?")
    assert answer.text.startswith("In county claims, the quarter total (county Alder) is 3,410"), answer.text
    answer = bot.answer("How many jobs were cut in layoffs attributed to AI or automation in the tracker?")
    assert answer.sql and "520" in answer.text, answer.text


def test_sheets_of_one_shape_are_also_one_table(tmp_path):
    import datetime

    from openpyxl import Workbook

    from tests.conftest import extractive_over

    book = Workbook()
    for sheet, rows in {
        "2031": [
            ("Alder Foods", "Easton", datetime.date(2031, 5, 3), 120),
            ("Pryor Glass", "Milton", None, 64),
        ],
        "2032": [
            ("Alder Foods", "Milton", datetime.date(2032, 3, 14), 340),
            ("Kessler Mills", "Easton", None, 88),
        ],
    }.items():
        page = book.create_sheet(sheet)
        page.append(["Employer", "City", "Notice date", "Employees"])
        for row in rows:
            page.append(list(row))
    del book["Sheet"]
    book.save(tmp_path / "notices.xlsx")
    bot = extractive_over(tmp_path, tmp_path / "data")
    answer = bot.answer("How many employees did Alder Foods' notices cover in total?")
    assert "sheets 2031, 2032 has 2 entries" in answer.text and "460" in answer.text, answer.text
    answer = bot.answer("How many notices were filed in Easton?")
    assert "2 entries" in answer.text, answer.text


def test_a_column_called_month_and_a_measure_named_by_another_form_of_its_word(tmp_path):
    from tests.conftest import extractive_over

    (tmp_path / "county-claims-by-month.csv").write_text(
        "Month,Initial claims\nJanuary 2031,1840\nFebruary 2031,1710\nMarch 2031,2460\nApril 2031,1930\n"
    )
    (tmp_path / "training-outcomes.csv").write_text(
        "Program,Enrolled,Completed\nWelding,290,241\nIT support,520,388\nBookkeeping,260,199\n"
    )
    bot = extractive_over(tmp_path, tmp_path / "data")
    answer = bot.answer("Which month had the most initial claims in the county?")
    assert answer.sql and "March 2031 (2,460)" in answer.text, answer.text
    answer = bot.answer("Which training program had the most enrollments?")
    assert answer.sql and "IT support (520)" in answer.text, answer.text


WEEKLY_RATES = (
    "Week ending,Initial claims,Insured unemployment rate\n"
    "May 2 2031,1200,2.1%\nMay 9 2031,1450,2.4%\nMay 16 2031,1320,2.2%\n"
)


def test_rates_and_dollars_are_written_back_in_their_units_and_rates_are_averaged(tmp_path):
    from tests.conftest import extractive_over

    (tmp_path / "weekly-claims.csv").write_text(WEEKLY_RATES)
    (tmp_path / "grants.csv").write_text(
        "Region,Program,Grant amount ($)\nNorth,Welding,180000\nSouth,Cloud support,365000\n"
        "South,Medical coding,150000\n"
    )
    bot = extractive_over(tmp_path, tmp_path / "data")
    answer = bot.answer("What was the average insured unemployment rate in May 2031?")
    assert "is 2.23%" in answer.text, answer.text  # a rate, not the fraction 0.02
    answer = bot.answer("Which week had the most initial claims?")
    assert "By week ending" in answer.text and "2031-05-09 (1,450)" in answer.text, answer.text
    answer = bot.answer("How much grant money went to the South region?")
    assert answer.sql and "$515,000" in answer.text, answer.text


def test_the_latest_or_largest_of_something_a_table_has_only_part_of_is_left_to_the_passages(tmp_path):
    from tests.conftest import extractive_over

    (tmp_path / "weekly-claims.csv").write_text(WEEKLY_RATES)
    (tmp_path / "jobs-report.md").write_text(
        "# National jobs report, June 2031\n\n"
        "The national unemployment rate rose to 4.9 percent in June 2031. "
        "The maximum weekly jobless benefit in the state is $610.\n"
    )
    bot = extractive_over(tmp_path, tmp_path / "data")
    answer = bot.answer("What is the latest national unemployment rate?")
    assert not answer.sql and "4.9 percent" in answer.text, answer.text
    answer = bot.answer("What is the maximum weekly jobless benefit?")
    assert not answer.sql and "$610" in answer.text, answer.text
    answer = bot.answer("What is the highest insured unemployment rate in the weekly claims?")
    assert answer.sql and "2.4%" in answer.text, answer.text


def test_a_week_asked_by_its_day_is_answered_from_its_row_and_a_week_not_listed_is_refused(tmp_path):
    from tests.conftest import extractive_over

    weeks = [f"May {d} 2031,{1000 + 37 * d},{9000 + 11 * d}" for d in (2, 9, 16, 23, 30)]
    (tmp_path / "weekly-claims.csv").write_text(
        "Week ending,Initial claims,Continued claims\n" + "\n".join(weeks) + "\n"
    )
    bot = extractive_over(tmp_path, tmp_path / "data")
    answer = bot.answer("How many initial claims were filed in the week ending May 23, 2031?")
    assert "Initial claims: 1851" in answer.text and not answer.refused, answer.text
    answer = bot.answer("How many initial claims were filed in the week ending June 6, 2031?")
    assert answer.refused, answer.text


NOTICES = (
    "Company,City,Workers affected,Notice date,Type\n"
    "Alder Mills,Brayton,120,2031-04-02,Closure\n"
    "Bexfield Freight,Brayton,300,2031-04-20,Layoff\n"
    "Corra Paper,Dunholm,75,2031-05-11,Closure\n"
    "Delmont Care,Dunholm,210,2031-06-01,Layoff\n"
)
BENEFITS = (
    "Month,Claims filed,Average weekly benefit\n"
    "January 2031,5200,$401\nFebruary 2031,4900,$405\nMarch 2031,5100,$409\n"
)


def test_a_plural_meets_a_singular_cell_and_a_columns_own_average_asks_for_its_cell(tmp_path):
    from tests.conftest import extractive_on

    bot = extractive_on({"notices.csv": NOTICES, "benefits.csv": BENEFITS}, tmp_path)
    answer = bot.answer("How many workers were affected by plant closures?")
    assert answer.sql and "195" in answer.text, answer.text
    # "layoffs" is what such a table counts, not its Type "Layoff": both Brayton notices
    answer = bot.answer("How many workers were affected by layoffs in Brayton?")
    assert answer.sql and "420" in answer.text, answer.text
    answer = bot.answer("What was the average weekly benefit in February 2031?")
    assert not answer.sql and "$405" in answer.text, answer.text
    answer = bot.answer("What was the highest average weekly benefit?")
    assert answer.sql and "$409" in answer.text, answer.text


def test_how_many_over_a_quarter_sums_a_table_of_months_unless_it_names_another_tables_cell(tmp_path):
    from tests.conftest import extractive_on

    filed = [("January", 5200), ("February", 4900), ("March", 5100)]
    months = "".join(f"{month} 2031,{n}\n" for month, n in filed)
    bot = extractive_on(
        {
            "claims-by-month.csv": f"Month,Initial claims\n{months}April 2031,4700\n",
            "claims-by-industry-2031.csv": "Industry,Initial claims in the quarter\nConstruction,1340\n",
        },
        tmp_path,
    )
    answer = bot.answer("How many initial claims were filed in the first quarter of 2031?")
    assert answer.sql and "15,200" in answer.text, answer.text
    answer = bot.answer("How many initial claims came from construction in the first quarter of 2031?")
    assert not answer.sql and "1340" in answer.text.replace(",", ""), answer.text
