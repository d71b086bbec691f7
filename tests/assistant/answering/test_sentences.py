"""The sentence ranker with the real embedding model, on passages the test invents."""

from __future__ import annotations

import pytest

from assistant.answering.sentences import SentenceRanker
from assistant.answering.statements import is_statement
from assistant.types import Citation
from vectorstore import load_embeddings

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun")


@pytest.fixture(scope="module")
def ranker() -> SentenceRanker:
    return SentenceRanker(load_embeddings())


def _report(n: int, text: str, period: str) -> Citation:
    return Citation(
        n=n,
        title=f"Regional payrolls, {period}",
        source=f"/docs/payrolls-{period}.txt",
        page=None,
        date=f"{period}-28",
        kind="jobs_report",
        text=text,
        score=0.6,
        period=period,
    )


def test_a_figure_compared_with_an_earlier_month_still_answers_for_the_report_month(ranker):
    march = _report(
        1,
        "Factories in the valley hired 1,150 people in March 2031. "
        "The jobless rate climbed to 6.1 percent from 5.8 percent in February 2031.",
        "2031-03",
    )
    best = ranker.rank("What was the jobless rate in March 2031?", [march])[0]
    assert "6.1 percent" in best.text
    assert best.anchored


def test_a_sentence_about_another_month_in_a_report_on_another_month_is_unanchored(ranker):
    april = _report(1, "The jobless rate fell to 5.9 percent in April 2031 as hiring picked up.", "2031-04")
    ranked = ranker.rank("What was the jobless rate in March 2031?", [april])
    assert ranked and not ranked[0].anchored


class _Counting:
    """The real embeddings, counting the texts they are asked to embed."""

    def __init__(self, inner):
        self.inner, self.texts = inner, []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.texts += texts
        return self.inner.embed_documents(texts)


def test_a_second_question_on_the_same_passages_embeds_only_itself(ranker):
    counting = _Counting(ranker.embeddings)
    fresh = SentenceRanker(counting, remember=3)
    text = "Factories hired 1,150 people in March 2031. The jobless rate was 6.1 percent."
    march = _report(1, text, "2031-03")
    first = fresh.rank("How many people did factories hire in March 2031?", [march])
    assert len(counting.texts) == 3  # the question and both sentences
    again = fresh.rank("What was the jobless rate in March 2031?", [march])
    assert counting.texts[3:] == ["What was the jobless rate in March 2031?"]
    assert {s.text for s in again} == {s.text for s in first}
    assert "6.1 percent" in again[0].text  # remembered vectors rank as fresh ones do
    fresh.rank("Who hired?", [_report(2, "Mills hired 40 people in April 2031.", "2031-04")])
    assert len(fresh._vectors) == 3  # the oldest were let go


def _rows(n: int, *rows: str) -> Citation:
    return Citation(
        n=n,
        title="Notices filed",
        source="/docs/notices.csv",
        page=None,
        date="",
        kind="table",
        text="\n".join(rows),
        score=0.6,
    )


def test_a_table_row_lacking_a_name_that_picks_out_another_record_is_not_the_record_asked_about(ranker):
    rows = _rows(
        1,
        "Company: Quorvex Tools Inc (North) | City: Reno | County: Washoe | Employees: 40",
        "Company: Brandle Foods LLC | City: Boise | County: Ada | Employees: 12",
    )
    ranked = ranker.rank("How many workers did Quorvex Tools' notice for its Boise site list?", [rows])
    assert ranked and not any(s.anchored for s in ranked)
    ranked = ranker.rank("How many workers did Quorvex Tools' notice for its Reno site list?", [rows])
    assert ranked[0].anchored and "Employees: 40" in ranked[0].text
    compared = ranker.rank(
        "Which notice listed more workers, Quorvex Tools in Reno or Brandle Foods in Boise?", [rows]
    )
    assert sum(s.anchored for s in compared) == 2  # a comparison reads both records


def test_a_figure_for_the_whole_year_does_not_answer_for_one_of_its_months(ranker):
    december = _report(
        1,
        "Shipyard employment rose by 900 in December. "
        "Shipyards added an average of 2,400 jobs a month in 2031.",
        "2031-12",
    )
    ranked = ranker.rank("How many jobs did shipyards add in December 2031?", [december])
    monthly, yearly = ranked
    assert "900" in monthly.text and "2031-12" in monthly.covers
    assert "2031-12" not in yearly.covers and yearly.anchored  # the year's: another period, same report


def test_a_year_by_month_grid_row_answers_for_a_month_of_its_year(ranker):
    rows = [
        Citation(
            n=n,
            title="Harbour Trade Survey, December 2032",
            source="/docs/harbour-survey.pdf",
            page=9,
            date="2032-12-30",
            kind="report",
            text=" | ".join(
                [f"column_1: {year}", *(f"{m}: {year - 1990 + i}" for i, m in enumerate(MONTHS))]
            ),
            score=0.6,
            section="OPEN POSITIONS Percent of firms with a position they cannot fill (page 9)",
        )
        for n, year in enumerate((2030, 2031, 2032), start=1)
    ]
    ranked = ranker.rank("What percent of firms had a position they could not fill in April 2031?", rows)
    assert ranked[0].text.startswith("column_1: 2031") and ranked[0].anchored, ranked[0]
    assert "2031-4" in ranked[0].covers


def test_one_industrys_figure_does_not_answer_for_the_total_unless_an_industry_is_asked(ranker):
    may = _report(
        1,
        "The regional office published its May 2031 survey on Friday. "
        "Construction employers added 4,100 jobs in May 2031. "
        "All employers in the region added 3,900 jobs in May 2031, led by construction.",
        "2031-05",
    )
    total = ranker.rank("How many jobs did employers add in May 2031?", [may])
    assert "3,900" in total[0].text
    sector = ranker.rank("How many construction jobs were added in May 2031?", [may])
    assert "4,100" in sector[0].text
    named_before = _report(
        2,
        "Construction had its best month in years. The industry added 4,100 jobs in May 2031. "
        "Across the region, employers added 5,300 jobs in May 2031.",
        "2031-05",
    )
    assert "5,300" in ranker.rank("How many jobs were added in May 2031?", [named_before])[0].text


def _article(n: int, text: str, name: str) -> Citation:
    return Citation(n, f"Hiring news {n}", f"/docs/{name}.txt", None, "2031-06-05", "news", text, 0.6)


def test_a_document_that_names_no_country_speaks_of_the_country_asked_one_naming_another_does_not(ranker):
    question = "How many jobs did U.S. employers add in May 2031?"
    home = _article(1, "Employers added 41,000 jobs in May 2031, the payroll processor said.", "home")
    ranked = ranker.rank(question, [home])
    assert ranked[0].anchored and "41,000" in ranked[0].text
    abroad = _article(2, "Employers added 12,000 jobs in May 2031, Canadian statisticians said.", "abroad")
    ranked = ranker.rank(question, [abroad])
    assert not ranked[0].anchored
    # a name that is no country is never implied: the document must name it
    assert not ranker.rank("How many jobs did Quorvex add in May 2031?", [home])[0].anchored


def _story(n: int, text: str, lead: bool) -> Citation:
    title = "Quorvex Robotics cuts 14% of staff as its quarterly loss widens"
    return Citation(n, title, "/docs/quorvex.md", None, "2031-06-05", "article", text, 0.6, lead=lead)


def test_the_sentence_giving_the_titles_figure_answers_before_a_lead_that_rounds_it(ranker):
    lead = _story(
        1,
        "Shares of Quorvex Robotics fell 9% on Monday, a record low, after the company posted a "
        "weak quarter and announced cuts to over a tenth of its staff.",
        lead=True,
    )
    filing = "In a filing, the company said it will eliminate 14% of its global workforce by June."
    later = _story(2, filing, lead=False)
    best = ranker.rank("What share of its workforce is Quorvex Robotics eliminating?", [lead, later])[0]
    assert "14%" in best.text and best.anchored  # "the company" is Quorvex, named by its document


def test_a_title_without_a_figure_leaves_the_first_sentence_its_main_fact(ranker):
    opening = Citation(
        1,
        "Hiring at valley mills",
        "/docs/mills.md",
        None,
        "2031-06-05",
        "article",
        "Valley mills hired 640 people in May 2031, their best month in a decade. "
        "Hiring at valley mills reached 380 people in April 2031.",
        0.6,
        lead=True,
    )
    best = ranker.rank("How many people did valley mills hire?", [opening])[0]
    assert "640" in best.text


def test_a_web_line_in_lower_case_is_a_statement_without_its_full_stop_a_menu_item_is_not():
    title = "Ridge County notices"
    assert is_statement("To report a layoff, please send the signed form to the county office", title, False)
    assert not is_statement("Information About The Worker Notice Act And Your Rights Today", title, False)
    wrapped = "Ridge County jobs report for July 2031: hiring slows as the county loses two employers"
    first_line = "Ridge County jobs report for July 2031: hiring slows as the county"
    assert not is_statement(first_line, wrapped, False)  # a title's first line, wrapped


def test_a_line_of_capitalised_words_states_nothing_even_with_a_full_stop(ranker):
    assert not is_statement("Chapter 9, Ashby Labor Code.", "Ashby Notice Act", False)
    assert not is_statement("Quorvex Cuts 1,200 Jobs As Sales Slow.", "Business news", False)
    assert is_statement("Quorvex cut 1,200 jobs as sales slowed.", "Business news", False)
    act = Citation(
        n=1,
        title="Ashby Notice Act",
        source="/docs/ashby-act.pdf",
        page=1,
        date="2031-05-03",
        kind="policy",
        text="Chapter 9, Ashby Labor Code. Enacted in 2031. "
        "Notice shall be given to each affected worker and to the county board.",
        score=0.6,
    )
    best = ranker.rank("Who must be given notice under the Ashby act?", [act])[0]
    assert best.text.startswith("Notice shall be given"), best.text


def _opening(text: str) -> Citation:
    return Citation(
        1,
        "Brenmoor Textiles winds down",
        "/docs/brenmoor.md",
        None,
        "2031-09-02",
        "article",
        text,
        0.6,
        lead=True,
    )


def test_asked_when_the_sentence_giving_a_date_beats_the_lead_that_gives_none(ranker):
    story = _opening(
        "Brenmoor Textiles said on Tuesday it would close its weaving plant in Ashby and let 220 "
        "workers go. The Ashby shutdown takes effect on December 12, 2031."
    )
    best = ranker.rank("When will the Ashby plant close?", [story])[0]
    assert "December 12" in best.text, best.text


def test_a_yes_or_no_question_is_not_answered_by_the_lead_for_being_the_lead(tmp_path):
    from tests.conftest import extractive_on

    guide = (
        "# Brenmoor retraining grants\n\n"
        "A Brenmoor retraining grant pays course fees and books for approved programs at local colleges. "
        "Grants cover programs of up to eighteen months. "
        "Staff who resigned or were fired for cause cannot receive a grant.\n"
    )
    bot = extractive_on({"grants.md": guide}, tmp_path)
    answer = bot.answer("Can someone who resigned get a Brenmoor retraining grant?")
    assert "resigned or were fired" in answer.text, answer.text


def test_now_asks_for_the_newest_documents_figure(ranker):
    spring = Citation(
        1,
        "Brenmoor Textiles to cut 400 jobs",
        "/docs/brenmoor-march.md",
        None,
        "2031-03-04",
        "article",
        "Brenmoor Textiles will cut 400 jobs, about a tenth of its workforce of 4,100.",
        0.6,
        lead=True,
    )
    autumn = Citation(
        2,
        "Brenmoor Textiles closes Ashby plant",
        "/docs/brenmoor-september.md",
        None,
        "2031-09-02",
        "article",
        "Brenmoor Textiles said it would close its Ashby plant. After both rounds, Brenmoor "
        "employs about 3,480 people.",
        0.6,
        lead=True,
    )
    best = ranker.rank("How many people does Brenmoor Textiles employ now?", [spring, autumn])[0]
    assert "3,480" in best.text, best.text


def test_an_industry_asked_after_is_met_by_its_row_not_by_the_reports_lead(ranker):
    report = _report(
        1,
        "Employers in the valley reported 6,410 layoffs from January through April 2031. "
        "Factory closures drove most of them.\n"
        "Industry: Publishing | Jan 2031: 210 | Feb 2031: 190 | Mar 2031: 305 | Apr 2031: 260\n"
        "Industry: Trucking | Jan 2031: 480 | Feb 2031: 515 | Mar 2031: 430 | Apr 2031: 390",
        "2031-04",
    )
    best = ranker.rank("How many layoffs did the publishing industry report in April 2031?", [report])[0]
    assert best.text.startswith("Industry: Publishing"), best.text
