"""The extractive generator's choice of sentences, with the real embedding model, on invented passages."""

from __future__ import annotations

import pytest

from assistant.answering.generators.extractive import ExtractiveGenerator
from assistant.answering.sentences import SentenceRanker
from assistant.types import Citation
from vectorstore import load_embeddings


@pytest.fixture(scope="module")
def extractive() -> ExtractiveGenerator:
    return ExtractiveGenerator(SentenceRanker(load_embeddings()))


def _passage(n: int, title: str, text: str, **meta) -> Citation:
    defaults = dict(source=f"/docs/doc{n}.md", page=None, date="2031-04-03", kind="article", score=0.6)
    return Citation(n=n, title=title, text=text, **{**defaults, **meta})


def test_a_rate_asked_for_is_answered_with_rates_not_with_counts_beside_it(extractive):
    bulletin = _passage(
        1,
        "Valley jobs bulletin, March 2031",
        "The valley's unemployment rate rose to 6.1 percent in March. "
        "In March, the valley's jobless residents numbered 14,000, up by 800 over the month. "
        "The valley's jobless who quit their last job numbered 900 in March.",
        period="2031-03",
    )
    chosen = extractive.select("What was the valley's jobless rate in March 2031?", [bulletin])
    assert [s.text for s in chosen] == ["The valley's unemployment rate rose to 6.1 percent in March."]


def test_a_side_of_a_comparison_is_a_sentence_with_one_figure_of_the_unit_asked(extractive):
    quorvex = _passage(
        1, "Quorvex trims its staff", "Quorvex said it will cut 14% of its workforce this spring."
    )
    brenmoor = _passage(
        2,
        "Brenmoor shares slide as it trims staff",
        "Brenmoor shares sank 12% after the company said it was cutting about a fifth of its workforce. "
        "In a filing, Brenmoor said it will eliminate 19% of its global workforce by June.",
    )
    question = "Which company is cutting the larger share of its workforce, Quorvex or Brenmoor?"
    answer = "".join(extractive.stream(question, [quorvex, brenmoor]))
    assert "eliminate 19% of its global workforce" in answer and "sank 12%" not in answer, answer
    assert "The higher figure is for Brenmoor: 19% [2], against 14% for Quorvex [1]." in answer, answer


def test_why_quotes_the_fact_and_the_sentences_that_follow_it(extractive):
    article = _passage(
        1,
        "Quorvex deepens its cuts",
        "Quorvex will cut another 300 jobs, the company said on Monday. "
        "Its chief executive said software now drafts most of the designs its engineers once drew. "
        "Shares in the company were little changed.",
    )
    chosen = extractive.select("Why is Quorvex cutting jobs?", [article])
    assert [s.position for s in chosen][:2] == [0, 1], [s.text for s in chosen]


def _weekly_claims() -> list[Citation]:
    rows = [
        ("May 2, 2031", "1,200", "9,800"),
        ("May 9, 2031", "1,450", "9,950"),
        ("May 16, 2031", "1,320", "10,100"),
    ]
    meta = dict(source="/docs/claims.pdf", date="2031-05-20")
    found = [
        _passage(
            n,
            "Weekly claims report",
            f"Week ending: {w} | Initial claims: {i} | Continued claims: {c}",
            **meta,
        )
        for n, (w, i, c) in enumerate(rows, start=1)
    ]
    prose = (
        "Initial claims rose in May. The jump in the week ending May 9 followed a sawmill closure in Tarn."
    )
    return [*found, _passage(4, "Weekly claims report", prose, **meta)]


def test_a_day_asked_is_answered_by_the_row_of_that_day_not_a_neighbouring_week(extractive):
    chosen = extractive.select(
        "How many initial claims were filed in the week ending May 16, 2031?", _weekly_claims()
    )
    assert chosen[0].text.startswith("Week ending: May 16, 2031 | Initial claims: 1,320"), [
        s.text for s in chosen
    ]


def test_why_is_answered_by_a_statement_not_only_by_a_tables_record(extractive):
    chosen = extractive.select(
        "Why did initial claims jump in the week ending May 9, 2031?", _weekly_claims()
    )
    assert any("sawmill closure" in s.text for s in chosen), [s.text for s in chosen]


def test_why_is_not_answered_by_a_tracker_row_written_as_a_sentence(extractive):
    title = "Automation-linked job cuts, January to June 2031"
    cut = "Brisk Freight laid off 900 employees on 2031-03-02, Logistics; share of staff: 7%."
    row = _passage(1, title, cut)
    page = _passage(
        2,
        title,
        "Brisk Freight said route-planning software now schedules 70 percent of its deliveries.",
    )
    assert extractive.select("Why did Brisk Freight cut jobs?", [row, page])[0].n == 1  # read as a statement
    assert Citation.from_chunk(1, "c1", row.text, {"columns": "Company|Announced"}, 0.6).record
    marked = Citation(**{**row.__dict__, "record": True})
    assert extractive.select("Why did Brisk Freight cut jobs?", [marked, page])[0].n == 2


def test_a_record_dated_to_the_day_is_not_of_every_month_its_heading_spans(extractive):
    span = "January to June 2031"
    rows = [
        _passage(1, span, "Brisk Freight laid off 900 employees on 2031-03-02, Logistics.", section=span),
        _passage(2, "Turnover, June 2031", "Layoffs and discharges rose to 1.6 million.", period="2031-06"),
    ]
    [chosen] = extractive.select("How many layoffs and discharges were there in June 2031?", rows)
    assert chosen.n == 2


def test_how_many_weeks_is_answered_by_a_number_of_weeks_not_by_another_length_of_time(extractive):
    guide = _passage(
        1,
        "Tarrow career center: training stipends",
        "Anyone laid off in Tarrow in the past 18 months may apply for a training stipend. "
        "The stipend pays $240 a week for up to sixteen weeks.",
    )
    chosen = extractive.select(
        "For how many weeks can a laid-off worker get the Tarrow training stipend?", [guide]
    )
    assert [s.text for s in chosen] == ["The stipend pays $240 a week for up to sixteen weeks."]


def test_severance_given_in_weeks_of_pay_is_a_sum_of_pay():
    from assistant.answering.figures import in_unit

    assert in_unit("Departing staff will receive ten weeks of base pay.", "$")
    assert not in_unit("The course lasts ten weeks.", "$")
