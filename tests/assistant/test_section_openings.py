"""A section's opening sentence states its main fact, and only a real opening counts: a PDF page
that goes on with the last page's section opens nothing, and an opening without a written figure
does not lead the answer to a figure question. Documents invented by the tests."""

from __future__ import annotations

from ingest import RawSource, load, make_splitter, to_chunks
from tests.conftest import extractive_over, make_pdf

FRONT_PAGE = (
    "Valley jobs report for October 2031\n\n"
    "Prepared by the Valley Labor Office from its monthly payroll survey\n\n"
    "Total payroll employment in the valley rose by 41,000 in October 2031, the office said. "
    "The jobless rate held at 5.2 percent."
)
SECOND_PAGE = (
    "Clinics and hospitals added 52,000 jobs in October 2031, ahead of their usual monthly gain. "
    "Factories lost 9,000 jobs over the month, and retail was little changed."
)


def test_a_page_that_goes_on_with_the_last_pages_section_opens_nothing(tmp_path):
    pages = [FRONT_PAGE, SECOND_PAGE, "REGIONAL OUTLOOK\n\nHiring plans for the winter are firm."]
    path = make_pdf(tmp_path / "valley.pdf", pages)
    raw = RawSource(str(path), path.read_bytes(), ".pdf")
    chunks = to_chunks(raw, load(raw), make_splitter(800, 40))
    lead = {c.metadata["page"]: c.metadata["lead"] for c in chunks}
    assert lead == {1: True, 2: False, 3: True}  # page 3 opens under its own heading


def test_an_opening_without_a_figure_does_not_lead_a_figure_answer(tmp_path):
    documents = tmp_path / "docs"
    documents.mkdir()
    (documents / "payroll-firm.md").write_text(
        "---\ntitle: Payroll firm reports October 2031 hiring\ndate: 2031-11-04\n---\n"
        "Hiring at private firms was a bit stronger than expected in October, though two sectors "
        "did most of it, the payroll firm said on Wednesday. Private employers added 41,000 workers "
        "during the month, the firm said, up from 12,000 in September.\n"
    )
    assistant = extractive_over(documents, tmp_path / "data")
    answer = assistant.answer("How many jobs did private employers add in October 2031?")
    assert not answer.refused and "41,000" in answer.text, answer.text
