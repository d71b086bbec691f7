"""The invariant: every figure in an answer appears in a passage its sentence cites, for every
generator. The fake model invents figures on purpose; the real ones are run where they run."""

from __future__ import annotations

import re

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from assistant.answering.citations import CheckedAnswer, CheckedSentence, claims
from assistant.answering.figures import figures, values
from assistant.answering.generators.chat import ChatGenerator
from assistant.answering.grounding import enforce
from assistant.types import Citation

QUESTIONS = [
    "How many tech workers were laid off in 2025?",
    "What was the unemployment rate in August 2025?",
    "How many jobs did Amazon cut in 2025?",
    "How many days of notice does the federal WARN Act require?",
]


def assert_grounded(result) -> None:
    held = {p.n: values(f"{p.context} {p.text}") for p in result.retrieved}
    for claim in claims(result.text):
        cited = [int(n) for n in re.findall(r"\[(\d+)\]", claim)]
        union = set().union(*(held[n] for n in cited if n in held)) if cited else set()
        for figure in figures(claim):
            assert round(figure.value, 6) in union, (figure.text, claim, result.text)


def _fake(text: str) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter([AIMessage(content=text)] * 20))


@pytest.mark.parametrize("question", QUESTIONS)
def test_extractive_answers_are_grounded(assistant, question):
    assert_grounded(assistant.answer(question))


def test_an_invented_figure_is_replaced_by_the_cited_sources_own_sentence(assistant):
    fake = ChatGenerator("fake", _fake("Amazon cut 55,555 corporate jobs in 2025 [1]."), assistant.ranker)
    result = assistant.answer("How many jobs did Amazon cut in 2025?", generator=fake)
    assert "55,555" not in result.text and not result.refused, result.text
    quoted = result.text.rsplit(" [", 1)[0]
    assert quoted in result.citations[0].text, (quoted, result.citations[0].text)
    assert any("55,555" in w for w in result.warnings)
    assert_grounded(result)


def test_an_invented_figure_with_no_fitting_source_sentence_is_dropped_and_said(assistant):
    generated = "The WARN Act requires 60 days of notice [1]. Bananas cost 7,777 dollars a bunch [9]."
    fake = ChatGenerator("fake", _fake(generated), assistant.ranker)
    result = assistant.answer("How many days of notice does the federal WARN Act require?", generator=fake)
    assert "7,777" not in result.text and "60 days" in result.text, result.text
    assert any("7,777" in w for w in result.warnings)
    assert_grounded(result)


def test_a_sentence_that_mentions_not_finding_things_is_still_an_answer(assistant):
    fake = ChatGenerator(
        "fake",
        _fake("Some workers couldn't find new jobs; 14,000 corporate jobs were cut [1]."),
        assistant.ranker,
    )
    result = assistant.answer("How many jobs did Amazon cut in 2025?", generator=fake)
    assert not result.refused and "14,000" in result.text


def _report(n: int, text: str, period: str) -> Citation:
    return Citation(
        n, "Payroll note", f"/docs/note{n}.txt", None, "", "jobs_report", text, 0.7, period=period
    )


def test_a_figure_moved_to_another_month_is_not_shown_as_fact(assistant):
    july = _report(1, "Payrolls at Vexa rose by 7,300 in July 2031. Hiring slowed in services.", "2031-07")
    unmarked = _report(2, "Payrolls at Vexa rose by 4,100. Hiring slowed in services.", "2031-09")
    question = "How much did Vexa payrolls rise?"

    def checked(text: str, n: int) -> CheckedAnswer:
        return enforce(
            CheckedAnswer([CheckedSentence(text, [n], [])]), [july, unmarked], assistant.ranker, question
        )

    kept = checked("Vexa payrolls rose by 7,300 in July 2031", 1)
    assert kept.sentences[0].body == "Vexa payrolls rose by 7,300 in July 2031" and not kept.warnings
    moved = checked("Vexa payrolls rose by 7,300 in June 2031", 1)
    assert "June" not in moved.text and any("another month" in w for w in moved.warnings)
    assert "7,300 in July 2031" in moved.text  # the source's own sentence instead
    # a source sentence that names no month speaks for its document's period
    assert not checked("Vexa payrolls rose by 4,100 in September", 2).warnings
    assert checked("Vexa payrolls rose by 4,100 in March", 2).warnings


def test_a_figure_taken_from_another_month_s_cell_is_replaced_by_the_cell_asked_for(assistant):
    grid = Citation(
        1,
        "Layoff plans",
        "/docs/plans.pdf",
        2,
        "",
        "article",
        "Year: 2031 | Jan: 37 | Feb: 38 | Mar: 39 | Apr: 40",
        0.7,
        period="2031-12",
    )
    question = "What share of firms planned layoffs in March 2031?"
    answer = CheckedAnswer([CheckedSentence("37% of firms planned layoffs in March 2031", [1], [])])
    checked = enforce(answer, [grid], assistant.ranker, question)
    assert checked.text.startswith("Year: 2031 | Mar: 39"), checked.text
    assert any("another month" in w for w in checked.warnings)


def test_a_figure_taken_from_another_columns_cell_is_replaced_by_the_row(assistant):
    row = Citation(
        1,
        "Program outcomes, 2031",
        "/docs/outcomes.xlsx",
        None,
        "",
        "dataset",
        "County: Halden | Enrolled: 310 | Completed training: 244 | Median earnings ($): $9,900",
        0.7,
    )
    question = "How many people completed training in Halden County?"
    wrong = enforce(CheckedAnswer([CheckedSentence("310 [1].", [1], [])]), [row], assistant.ranker, question)
    assert "Completed training: 244" in wrong.text and any("another column" in w for w in wrong.warnings)
    right = CheckedAnswer([CheckedSentence("244 people completed training in Halden County.", [1], [])])
    assert enforce(right, [row], assistant.ranker, question).text.startswith("244 people")
    unnamed = enforce(right, [row], assistant.ranker, "How many people took part in Halden County?")
    assert unnamed.text.startswith("244 people")  # no column named: the model's reading stands


def test_a_name_that_no_cited_source_or_the_question_holds_is_not_shown_as_fact(assistant):
    notes = [
        _report(1, "Payrolls at Vexa rose by 7,300 in July 2031. Hiring slowed in services.", "2031-07"),
        _report(2, "Brill Logistics cut 9% of its staff in July 2031.", "2031-07"),
    ]
    question = "Which company cut the larger share of its staff in July 2031?"

    def checked(text: str, n: int) -> CheckedAnswer:
        return enforce(CheckedAnswer([CheckedSentence(text, [n], [])]), notes, assistant.ranker, question)

    assert not checked("Brill Logistics cut the larger share of its staff [2].", 2).warnings
    assert not checked("ZipCo-style cuts did not reach Vexa's payrolls [1].", 1).warnings  # a first word
    miscited = checked("Brill Logistics cut 9% of its staff [1].", 1)  # named in [2], not in [1]
    assert miscited.sentences[0].cited == [1, 2] and not miscited.warnings
    invented = checked("Acme Corp cut the larger share of its workforce [1].", 1)
    assert "Acme" not in invented.text and any("name (Acme, Corp)" in w for w in invented.warnings)
