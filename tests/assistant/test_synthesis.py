"""Questions that need more than one sentence, on documents the tests invent: comparisons across
two reports, "the latest" across three, two-part questions, lists, and near misses by unit. Real
ingest, real Chroma, real embeddings; the extractive generator, and the chat generator's sources
block for the context it would read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from assistant.answering.generators.chat import ChatGenerator
from tests.conftest import extractive_on

REPORTS = {
    "valley-jobs-2031-04.md": (
        "---\ntitle: Valley Employment Report, March 2031\ndate: 2031-04-04\nperiod: 2031-03\n---\n"
        "Employers in the valley added 2,400 payroll jobs in March 2031. "
        "The jobless rate was 5.2 percent in March 2031.\n"
    ),
    "valley-jobs-2031-05.md": (
        "---\ntitle: Valley Employment Report, April 2031\ndate: 2031-05-02\nperiod: 2031-04\n---\n"
        "Employers in the valley added 1,100 payroll jobs in April 2031. "
        "The jobless rate was 5.6 percent in April 2031. "
        "The count of payroll jobs added in March 2031 was revised up to 2,900.\n"
    ),
    "valley-jobs-2031-06.md": (
        "---\ntitle: Valley Employment Report, May 2031\ndate: 2031-06-06\nperiod: 2031-05\n---\n"
        "Employers in the valley added 3,900 payroll jobs in May 2031. "
        "The jobless rate was 4.9 percent in May 2031.\n"
    ),
    "quorvex-cuts.md": (
        "---\ntitle: Quorvex trims its staff\ndate: 2031-02-11\n---\n"
        "Quorvex said on Tuesday it will cut 14% of its workforce as it shifts spending to automation.\n\n"
        "The company did not say how the reductions would be spread across its offices.\n"
    ),
    "tallimax-cuts.md": (
        "---\ntitle: Tallimax lays off staff\ndate: 2031-02-12\n---\n"
        "Tallimax is cutting about 650 roles, or 9% of its workforce, the company said on Wednesday.\n\n"
        "The cuts follow a year of slowing sales in its hardware unit.\n"
    ),
    "ridge-hiring-2031-07.md": (
        "---\ntitle: Ridge payroll survey\ndate: 2031-07-03\n---\n"
        "Ridge County employers hired 1,450 workers in June 2031, the payroll survey found.\n"
    ),
    "ridge-hiring-2031-08.md": (
        "---\ntitle: Ridge payroll survey\ndate: 2031-08-04\n---\n"
        "Ridge County hiring was stronger than forecast in July. "
        "Employers hired 2,050 workers during the month, up from 1,450 in June, the survey found.\n"
    ),
    "notices.csv": (
        "company,site,workers,received\n"
        '"Brandle Foods","12 Mill Rd.\nRENO, NV",40,07-21-31\n'
        '"Brandle Foods","9 Pine St.\nBOISE, ID",65,07-28-31\n'
        '"Orrin Freight","4 Dock Ave.\nBOISE, ID",12,08-02-31\n'
    ),
    "dunmore-act.md": (
        "---\ntitle: The Dunmore Notice Act explained\n---\n"
        "The Dunmore Notice Act applies to employers that meet any of the following:\n"
        "- they employ 75 or more workers in the state\n"
        "- they run two or more sites in the state\n"
        "- they receive a state training grant\n\n"
        "Employers covered by the act must give written notice of a mass layoff.\n"
    ),
}


@pytest.fixture(scope="module")
def synthesis(tmp_path_factory):
    return extractive_on(REPORTS, tmp_path_factory.mktemp("synthesis"))


def test_a_comparison_of_two_months_in_two_reports_gives_each_side_with_its_citation(synthesis):
    answer = synthesis.answer("How did the valley jobless rate in March 2031 compare with April 2031?")
    assert "5.2 percent" in answer.text and "5.6 percent" in answer.text
    cited = {Path(c.source).name for c in answer.citations}
    assert cited == {"valley-jobs-2031-04.md", "valley-jobs-2031-05.md"}


def test_a_comparison_of_two_companies_in_two_articles_gives_both_figures(synthesis):
    answer = synthesis.answer(
        "Which company is cutting the larger share of its workforce, Quorvex or Tallimax?"
    )
    assert "14%" in answer.text and "9%" in answer.text
    # Tallimax's side also gives a headcount (650 roles): the verdict sets the shares against each other
    _verdict_cites_each_figure_to_its_own_article(answer)


def test_a_question_in_parts_one_of_which_compares_answers_every_part_and_both_sides(synthesis):
    answer = synthesis.answer(
        "How many payroll jobs did valley employers add in May 2031, "
        "and which is cutting the larger share of its staff, Quorvex or Tallimax?"
    )
    assert all(figure in answer.text for figure in ("3,900", "14%", "9%")), answer.text


def test_a_comparison_of_two_rows_takes_each_side_s_own_record(synthesis):
    answer = synthesis.answer(
        "Brandle Foods filed notices in July 2031 for its Reno site and its Boise site. "
        "Which listed more workers?"
    )
    assert "RENO, NV | workers: 40" in answer.text and "BOISE, ID | workers: 65" in answer.text
    assert "Orrin" not in answer.text


def test_a_side_the_model_answers_without_its_figure_quotes_the_sentence_that_gives_it(synthesis):
    vague = ChatGenerator("fake", _fake("That company is cutting part of its staff [1]."), synthesis.ranker)
    answer = synthesis.answer(
        "Which company is cutting the larger share of its workforce, Quorvex or Tallimax?", generator=vague
    )
    assert "14%" in answer.text and "9%" in answer.text, answer.text
    _verdict_cites_each_figure_to_its_own_article(answer)


def test_a_side_without_its_figure_quotes_a_table_row_whose_rate_has_no_sign(tmp_path):
    rates = "State,Feb 2031,Mar 2031\nAlderland,4.3,4.6\nBirchmont,3.1,3.3\n"
    assistant = extractive_on({"state-jobless-rates-2031.csv": rates}, tmp_path)
    vague = ChatGenerator("fake", _fake("Yes, the jobless rate was higher there [1]."), assistant.ranker)
    answer = assistant.answer(
        "Was the jobless rate higher in Alderland or Birchmont in March 2031?", generator=vague
    )
    assert "4.6" in answer.text and "3.3" in answer.text, answer.text


def _verdict_cites_each_figure_to_its_own_article(answer):
    found = re.search(
        r"The higher figure is for Quorvex: 14% \[(\d+)\], against 9% for Tallimax \[(\d+)\]\.", answer.text
    )
    assert found, answer.text
    source = {c.n: Path(c.source).name for c in answer.citations}
    assert (source[int(found[1])], source[int(found[2])]) == ("quorvex-cuts.md", "tallimax-cuts.md")


def test_the_latest_figure_comes_from_the_newest_of_three_reports(synthesis):
    answer = synthesis.answer("What is the latest valley jobless rate in these reports?")
    assert answer.text.startswith("The jobless rate was 4.9 percent"), answer.text


def test_a_model_asked_for_the_latest_figure_reads_only_the_newest_report(synthesis):
    question = "What is the latest valley jobless rate in these reports?"
    block = ChatGenerator("fake", _fake("unused"), synthesis.ranker).context(
        question, synthesis.retrieve(question)
    )
    assert "4.9 percent" in block and "5.6 percent" not in block and "5.2 percent" not in block


def test_the_latest_figure_says_its_month_when_its_sentence_says_only_the_month(synthesis):
    answer = synthesis.answer(
        "What is the most recent month with a Ridge County hiring figure, and what was it?"
    )
    assert answer.text.startswith("July 2031: Employers hired 2,050 workers during the month"), answer.text


def test_the_latest_estimate_of_a_month_is_the_later_report_s_revision(synthesis):
    answer = synthesis.answer("What is the latest estimate of the payroll jobs added in March 2031?")
    assert answer.text.startswith("The count of payroll jobs added in March 2031 was revised up to 2,900"), (
        answer.text
    )


def test_a_question_in_two_parts_gets_an_answer_for_each(synthesis):
    answer = synthesis.answer("How many roles is Tallimax cutting, and why is it cutting them?")
    assert "650" in answer.text and "slowing sales" in answer.text


def test_a_headcount_is_not_answered_with_a_share_of_staff(synthesis):
    answer = synthesis.answer("How many employees is Quorvex laying off?")
    assert answer.refused
    assert "percentage (14%)" in answer.text and "not a number of people" in answer.text
    assert [Path(c.source).name for c in answer.citations] == ["quorvex-cuts.md"]


def test_a_length_of_time_is_not_answered_with_a_headcount(synthesis):
    answer = synthesis.answer("How many days of notice does the Dunmore Notice Act require?")
    assert answer.refused


PELLMOOR = (
    "---\ntitle: The Pellmoor Transition Allowance\n---\n"
    "A worker laid off in a plant closing is paid a weekly transition allowance under the Pellmoor "
    "rules. The allowance is the difference between the worker's former weekly wage and the weekly "
    "jobless benefit, and it is paid for at most four weeks.\n"
)
ASHGROVE = (
    "---\ntitle: The Ashgrove Retraining Stipend\n---\n"
    "A worker laid off from an Ashgrove employer who enrolls in an approved course receives the "
    "Ashgrove retraining stipend. The stipend is $375 per week, paid for up to 30 weeks.\n"
)


@pytest.mark.parametrize(
    ("rules", "near_miss", "instead", "answered"),
    [
        (  # a sum asked for in dollars is not answered with weeks of pay
            PELLMOOR,
            "What is the weekly dollar amount of the Pellmoor transition allowance?",
            "gives a length of time (four weeks) [1], not a sum of money",
            "For how many weeks is the Pellmoor transition allowance paid?",
        ),
        (  # a sum asked per month is not answered with the sum paid per week
            ASHGROVE,
            "What is the monthly amount of the Ashgrove retraining stipend?",
            "gives a sum per week ($375) [1], not one per month",
            "What is the weekly amount of the Ashgrove retraining stipend?",
        ),
    ],
)
def test_a_near_miss_by_kind_or_basis_says_what_the_passage_gives_instead(
    tmp_path, rules, near_miss, instead, answered
):
    assistant = extractive_on({"rules.md": rules}, tmp_path)
    answer = assistant.answer(near_miss)
    assert answer.refused and instead in answer.text, answer.text
    assert [Path(c.source).name for c in answer.citations] == ["rules.md"]
    assert not assistant.answer(answered).refused


def test_a_list_question_reads_the_whole_list(synthesis):
    passages = synthesis.retrieve("Which employers are covered by the Dunmore Notice Act?")
    chat = ChatGenerator("fake", _fake("unused"), synthesis.ranker)
    block = chat.context("Which employers are covered by the Dunmore Notice Act?", passages)
    assert all(item in block for item in ("75 or more workers", "two or more sites", "training grant"))
    answer = synthesis.answer("Which employers are covered by the Dunmore Notice Act?")
    assert "75 or more workers" in answer.text and "training grant" in answer.text


def _fake(text: str) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter([AIMessage(content=text)] * 5))


def test_a_model_answer_of_the_wrong_kind_is_replaced_by_the_source_sentence_that_has_the_right_one(
    synthesis,
):
    chat = ChatGenerator("fake", _fake("Tallimax is cutting 9% of its workforce [1]."), synthesis.ranker)
    answer = synthesis.answer("How many roles is Tallimax cutting?", generator=chat)
    assert "650" in answer.text and not answer.refused
    assert any("no figure of the kind asked" in w for w in answer.warnings)


def test_a_yes_or_no_rule_is_answered_in_its_own_words_by_a_generator_that_quotes_rules(tmp_path):
    guide = (
        "# Brenmoor retraining grants\n\n"
        "A Brenmoor retraining grant pays course fees and books for approved programs.\n\n"
        "Staff who resigned or were fired for cause cannot receive a grant.\n"
    )
    assistant = extractive_on({"grants.md": guide}, tmp_path)
    question = "Can someone who resigned get a Brenmoor retraining grant?"
    reversed_rule = _fake("Yes, someone who resigned can get a grant [1].")
    quoting = ChatGenerator("fake", reversed_rule, assistant.ranker, quotes_rules=True)
    answer = assistant.answer(question, generator=quoting)
    assert "cannot receive a grant" in answer.text and "Yes" not in answer.text, answer.text
    answer = assistant.answer(question, generator=ChatGenerator("fake", reversed_rule, assistant.ranker))
    assert answer.text.startswith("Yes"), answer.text  # a generator that writes its own answers keeps it
