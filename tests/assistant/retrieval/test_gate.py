"""The relevance gate on invented passages: names by corpus, acronyms by expansion, dates in any form."""

from __future__ import annotations

from assistant.query.names import anchors, names
from assistant.retrieval.gate import mentions_name, missing, refusal_reason
from assistant.retrieval.terms import unmet_values
from assistant.types import Citation


def _passage(n: int, text: str, **meta) -> Citation:
    defaults = dict(title="", source=f"/docs/doc{n}.txt", page=None, date="", kind="article", score=0.6)
    return Citation(n=n, text=text, **{**defaults, **meta})


def test_an_acronym_is_met_by_its_expansion_written_in_the_passage():
    statute = _passage(1, "The Worker Adjustment and Retraining Notification Act requires 60 days of notice.")
    assert missing("What does the WARN Act require?", [statute]) == []
    assert mentions_name("BLS", "the U.S. Bureau of Labor Statistics reported")
    assert not mentions_name("QRTX", "the U.S. Bureau of Labor Statistics reported")
    # words inside a link are the link's: no mention of the survey, nor of the company in the URL
    row = "Vexa cut 40 jobs. Source: https://news.example.com/2022/quarterly-vacancy-and-turnover-survey"
    assert not mentions_name("QVTS", row) and not mentions_name("Example", row)
    assert mentions_name("Vexa", row)


def test_a_name_made_into_an_adjective_is_met_by_the_name_in_another_compound():
    tally = _passage(
        1, "Employers blamed the new tools for 9,120 cuts in 2031.", title="A tally of AI-driven cuts"
    )
    assert missing("How many AI-attributed cuts were announced in 2031?", [tally]) == []


def test_names_match_whole_words_in_any_case_and_possessives_are_bare():
    assert names("How many people did Hessler's plant lay off?") == ["Hessler"]
    assert not mentions_name("Intel", "advances in artificial intelligence")
    assert mentions_name("zedcorp", "ZEDCORP filed a notice")


def test_may_and_please_and_question_words_are_not_names():
    assert names("Please, what may an employer do? May I ask what Zedcorp owes?") == ["Zedcorp"]
    assert anchors("What may workers claim?").periods == set()
    assert anchors("What may workers claim?").months == set()


def test_a_state_name_meets_its_postal_code():
    listing = _passage(1, "Zedcorp | Tempe | AZ | 04/09/2031")
    assert missing("Which city is on Zedcorp's Arizona notice?", [listing]) == []


def test_dates_meet_in_any_form_and_a_period_can_come_from_the_document():
    row = _passage(1, "Zedcorp laid off 40 people on 2031-01-28.")
    assert missing("What happened at Zedcorp on 1/28/2031?", [row]) == []
    report = _passage(
        2, "Payrolls rose by 41,000.", title="State of hiring", period="2031-10", date="2031-11-07"
    )
    assert missing("How much did payrolls grow in October 2031?", [report]) == []
    assert missing("How much did payrolls grow in November 2031?", [report]) == ["November 2031"]


def test_a_grid_row_meets_a_month_of_its_year_through_its_column_names():
    row = _passage(1, "column_1: 2030 | Jan: 41 | Feb: 44 | Mar: 39 | Apr: 40", date="2031-12-30")
    assert missing("What share of firms had openings in April 2030?", [row]) == []
    assert missing("What share of firms had openings in May 2030?", [row]) == ["May 2030"]


def test_an_article_speaks_of_the_month_its_title_names_not_the_month_it_was_published():
    story = _passage(1, "Payrolls rose by 41,000.", title="Payrolls rose in October", date="2031-11-07")
    assert missing("How much did payrolls grow in October 2031?", [story]) == []
    assert missing("How much did payrolls grow in November 2031?", [story]) == ["November 2031"]
    undated_title = _passage(2, "Payrolls rose by 41,000.", title="Valley payrolls rise", date="2031-11-07")
    assert missing("How much did payrolls grow in November 2031?", [undated_title]) == []


def test_a_file_named_for_one_month_speaks_of_that_month():
    survey = _passage(
        1, "Most owners reported openings, down from November.", source="/docs/ridge_survey_2031-12.pdf"
    )
    survey.date = "2032-01-09"  # published the month after
    assert missing("What did owners report in December 2031?", [survey]) == []
    assert "January 2032" in missing("What did owners report in January 2032?", [survey])
    ranged = _passage(2, "Notices were filed.", source="/docs/notices_2031-01_to_2031-06.csv")
    assert missing("How many notices were filed in March 2031?", [ranged]) == ["March 2031"]


def test_a_comparison_may_meet_its_anchors_in_different_passages():
    first = _passage(1, "Zedcorp cut 40 jobs in March 2031.")
    second = _passage(2, "Quillon cut 90 jobs in April 2031.")
    question = "Compare Zedcorp's March 2031 cuts with Quillon's April 2031 cuts."
    assert missing(question, [first, second]) == []
    assert missing(question, [first]) == ["Quillon", "April 2031"] or set(missing(question, [first])) == {
        "Quillon",
        "April 2031",
    }


def test_one_place_refuses_for_missing_names_or_low_similarity():
    passage = _passage(1, "Zedcorp cut 40 jobs.", score=0.2)
    assert refusal_reason("How many jobs did Quillon cut?", [passage], 0.3) == "no passage mentions Quillon"
    assert refusal_reason("How many jobs did Zedcorp cut?", [passage], 0.3) is None  # named: half the bar
    assert refusal_reason("how many jobs were cut?", [passage], 0.3).startswith("best passage similarity")
    assert refusal_reason("anything?", [], 0.3) == "nothing retrieved"


def test_a_question_of_many_capitalised_words_yields_a_bounded_list_of_names():
    from assistant.query.names import MAX_NAMES

    shout = "How many jobs did " + " ".join(f"Zorvex{i} Quill{i}" for i in range(40)) + " cut in May 2025?"
    found = names(shout)
    assert len(found) == MAX_NAMES and found[:2] == ["Zorvex0", "Quill0"]


def test_a_country_is_met_by_a_document_that_names_no_country_but_not_by_one_naming_another():
    home = _passage(1, "Employers added 41,000 jobs in May 2031, the payroll processor said.")
    abroad = _passage(2, "Employers added 12,000 jobs in May 2031, Canadian statisticians said.")
    question = "How many jobs did U.S. employers add in May 2031?"
    assert missing(question, [home]) == []
    assert missing(question, [abroad]) == ["U.S"]
    assert missing("How many jobs did Quorvex add in May 2031?", [home]) == ["Quorvex"]


def test_only_the_home_country_is_met_by_a_document_that_names_none():
    cuts = _passage(
        1, "Quorvex will cut 700 jobs in Austin and Dublin, mostly in support, it said on Monday."
    )
    assert missing("How many jobs is Quorvex cutting in the United States?", [cuts]) == []
    assert missing("How many jobs is Quorvex cutting in Singapore?", [cuts]) == ["Singapore"]
    assert missing("How many Japanese jobs is Quorvex cutting?", [cuts]) == ["Japanese"]


def test_a_day_the_question_writes_is_met_only_by_that_day_in_any_form():
    weekly = [
        _passage(1, "Week ending: May 2, 2031 | Initial claims: 1,200", date="2031-05-20"),
        _passage(2, "The rise in the week ending May 9 came from a mill closure.", date="2031-05-20"),
    ]
    assert missing("How many initial claims were filed in the week ending May 2, 2031?", weekly) == []
    assert (
        missing("Why did claims rise in the week ending 5/9/2031?", weekly) == []
    )  # its year: the document's
    asked = "How many initial claims were filed in the week ending May 16, 2031?"
    assert missing(asked, weekly) == ["May 16, 2031"]


def test_a_question_writing_a_rows_text_cell_needs_half_the_bar_as_for_a_name():
    row = _passage(1, "Region: East | Program: Data analytics | Participants: 55", score=0.2)
    assert refusal_reason("How many participants are in the data analytics program?", [row], 0.3) is None
    assert refusal_reason("How many participants are in the nursing program?", [row], 0.3) is not None


def test_a_term_that_only_another_periods_release_writes_is_missing_from_the_asked_period():
    june = _passage(1, "Job openings fell to 6.1 million; the quit rate was 1.8 percent.", period="2031-06")
    released = "Released September 2, 2031. Hires were 4.9 million and the jobless rate was 3.1 percent."
    july = _passage(2, released, period="2031-07")
    assert missing("How many job openings were there in July 2031?", [june, july]) == ["job opening"]
    assert missing("How many job openings were there in June 2031?", [june, july]) == []
    # released on September 2, the July release is not of September; nothing else is either
    assert missing("How many job openings were there in September 2031?", [june, july]) == ["September 2031"]
    # its head written, a term may be worded otherwise: July's "jobless rate" may be June's "quit rate"
    assert missing("What was the quit rate in July 2031?", [june, july]) == []
    # a verb with its particle is no term: "laid off" in the asked month's record meets "lay off"
    record = _passage(3, "Tarnwell laid off 40 employees on 2031-07-09, Retail.")
    other = _passage(4, "Firms that lay off workers must give notice.")
    assert missing("How many people did Tarnwell lay off in July 2031?", [record, other]) == []


def test_a_horizon_the_documents_total_over_only_otherwise_is_missing():
    bill = _passage(1, "The budget office estimated the bill would cost $4.2 billion over ten years.")
    assert missing("How much would the bill cost over five years?", [bill]) == ["over five years"]
    assert missing("How much would the bill cost over the next 10 years?", [bill]) == []
    undated = _passage(2, "The bill would cost $4.2 billion.")
    assert missing("How much would the bill cost over five years?", [undated]) == []


def test_a_value_asked_of_a_column_that_no_retrieved_row_holds_is_missing():
    rows = [
        _passage(1, "Region: North | Program: Welding | Grant amount ($): $180,000"),
        _passage(2, "Region: South | Program: Medical coding | Grant amount ($): $150,000"),
    ]
    assert missing("How large was the grant for the nursing program?", rows) == ["nursing program"]
    assert missing("How large was the grant for the medical coding program?", rows) == []
    assert missing("Which program got the largest grant?", rows) == []
    assert missing("What was the total grant amount by program?", rows) == []
    assert missing("How large was the grant for each program in the South region?", rows) == []
    texts = [p.text for p in rows]
    assert unmet_values("How large was the grant for the Tarnwell nursing program?", texts) == []  # a name's


def test_terms_are_words_side_by_side_on_one_line_never_a_modal_beside_a_noun():
    statute = _passage(1, "Larkspur Notice Act\nState: Larkspur. Each employer must post the notice.")
    other = _passage(2, "The notice must be posted. Under this act, state agencies help.", date="2031-02-01")
    asked = "What must a notice under the Larkspur act state in February 2031?"
    assert missing(asked, [statute, other]) == []
    # a verb and its object ("give notice") is worded each statute's own way: only what is asked for
    # ("how many", "what is the ...") is a term
    statute = _passage(3, "A Tarnwell employer shall provide written notification 60 days ahead.")
    elsewhere = _passage(4, "Employers that give notice late pay a fine.")
    asked = "What is the fine if a Tarnwell employer does not give notice?"
    assert missing(asked, [statute, elsewhere]) == []


def test_a_page_published_in_a_month_does_not_speak_of_it():
    claims = _passage(
        1,
        "Published August 4, 2031 Jobless claims in Brayton rose in the second quarter.\n"
        "Month: June 2031 | Initial claims: 6,210",
        title="Jobless claims, January to June 2031",
        period="2031-06",
        date="2031-08-04",
    )
    assert missing("How many initial claims were filed in Brayton in August 2031?", [claims]) == [
        "August 2031"
    ]
    assert missing("How many initial claims were filed in Brayton in June 2031?", [claims]) == []


def test_a_term_is_held_to_the_passages_of_the_asked_period_not_the_rest_of_their_document():
    july_row = _passage(
        1,
        "Company: Ardel Foods | City: Brayton | Workers affected: 88 | Separation date: 2031-07-14",
        source="/docs/notices.pdf",
        period="2031",
    )
    april_row = _passage(
        2,
        "Corra Billing said the cuts follow its move to automated claims coding.",
        source="/docs/notices.pdf",
        period="2031",
    )
    claims = _passage(3, "Initial claims in Brayton were 6,210 in June 2031.", period="2031-06")
    question = "How many initial claims were filed in Brayton in July 2031?"
    assert missing(question, [july_row, april_row, claims]) == ["initial claim"]


def test_an_industry_no_passage_writes_is_missing_like_a_name():
    release = _passage(1, "Payrolls rose by 90,000 in May 2031; health-care employers added 21,000 jobs.")
    assert missing("How did manufacturing employment change in May 2031?", [release]) == ["manufacturing"]
    assert missing("How did health care employment change in May 2031?", [release]) == []
    assert missing("Which jobs did the industry add in May 2031?", [release]) == []


def test_a_company_known_only_by_its_listing_row_is_not_met_in_a_town_that_listing_never_names():
    row = _passage(
        1,
        "Company: Ardel Foods | City: Dunholm | Workers affected: 88",
        source="/docs/notices.pdf",
        record=True,
    )
    other = _passage(2, "Corra Robotics will close its Brayton plant and lay off 350 workers there.")
    assert missing("How many workers did Ardel Foods lay off in Brayton?", [row, other]) == ["Brayton"]
    assert missing("How many workers did Ardel Foods lay off in Dunholm?", [row, other]) == []
    # a company a story also names is not held to its row
    story = _passage(3, "Ardel Foods is also cutting jobs at its Brayton depot.")
    assert missing("How many workers did Ardel Foods lay off in Brayton?", [row, other, story]) == []
    # an acronym or the home country is no town a row must write
    warn = _passage(4, "Employers must file a WARN notice 60 days ahead.")
    assert missing("How many workers did Ardel Foods' WARN notice cover in the U.S.?", [row, warn]) == []


def test_an_industry_called_so_is_met_by_its_name_in_a_row_or_in_prose():
    rows = _passage(
        1, "Industry: Publishing | Mar 2031: 305\nIndustry: Trucking | Mar 2031: 430", period="2031-03"
    )
    assert missing("How many layoffs did the publishing industry report in March 2031?", [rows]) == []
    assert missing("How many layoffs did the shipbuilding industry report in March 2031?", [rows]) == [
        "shipbuilding industry"
    ]
    assert missing("Which was the largest industry in March 2031?", [rows]) == []  # names none


def test_a_value_asked_by_its_column_is_met_by_prose_that_writes_it():
    row = _passage(1, "Industry: Trucking | Mar 2031: 430", period="2031-03")
    note = _passage(
        2, "Layoffs in the publishing industry rose in March after two presses closed.", period="2031-03"
    )
    question = "Why did layoffs in the publishing industry rise in March 2031?"
    assert missing(question, [row]) == ["publishing industry"]
    assert missing(question, [row, note]) == []
