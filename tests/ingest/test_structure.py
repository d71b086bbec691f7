"""Title, period, sections and context from the document's own structure, on invented documents."""

from __future__ import annotations

from ingest import RawSource, load, make_splitter, to_chunks
from ingest.structure import find_title, sections


def _chunks(name: str, text: str, size: int = 400):
    raw = RawSource(source=f"/docs/{name}", data=text.encode(), extension=name[name.rfind(".") :])
    return to_chunks(raw, load(raw), make_splitter(size, 40))


def test_a_plain_text_release_is_titled_by_its_heading_not_by_provenance_or_rules():
    text = (
        "Embargoed until 8:30 a.m. Friday, November 7, 2031\n\nMedia contact:  (555) 010-0000\n"
        "------------------------------------------\n\n        THE STATE OF HIRING -- OCTOBER 2031\n\n"
        "Payrolls grew by 41,000 in October.\n\nHousehold Figures\n\nThe jobless share held at 5.2 percent.\n"
    )
    chunks = _chunks("release.txt", text)
    meta = chunks[-1].metadata
    assert meta["title"] == "THE STATE OF HIRING -- OCTOBER 2031"
    assert meta["period"] == "2031-10" and meta["date"] == "2031-11-07"
    assert meta["section"] == "Household Figures"
    assert meta["context"] == "THE STATE OF HIRING -- OCTOBER 2031 · Household Figures"
    assert "5.2 percent" in chunks[-1].page_content and "Household Figures" not in chunks[-1].page_content


def test_a_period_only_in_the_title_is_found_and_spelled_out_in_the_context():
    chunks = _chunks("notes.md", "# Hiring review, March 2032\n\nClinics added 900 jobs.\n")
    meta = chunks[0].metadata
    assert meta["period"] == "2032-03" and meta["context"] == "Hiring review, March 2032"
    chunks = _chunks("notes2.md", "# Hiring review 2032\n\n## Clinics\n\nClinics added 900 jobs.\n")
    assert chunks[0].metadata["period"] == "2032"
    assert chunks[0].metadata["context"] == "Hiring review 2032 · Clinics"


def test_front_matter_gives_title_and_date_and_is_not_body_text():
    text = (
        '---\ntitle: "Zedcorp cuts 700 jobs"\npublished: "2031-05-02T10:00:00Z"\ntags: [a, b]\n---\n'
        "Zedcorp said it would cut 700 jobs.\n"
    )
    chunks = _chunks("zed.md", text)
    assert chunks[0].metadata["title"] == "Zedcorp cuts 700 jobs"
    assert chunks[0].metadata["date"] == "2031-05-02"
    assert "tags" not in chunks[0].page_content


def test_heading_paths_nest_and_titles_skip_labels():
    text = "# Guide\n\n## Rights\n\nYou have rights.\n\n### Notice\n\nSixty days.\n\n## Help\n\nCall us."
    assert [(s.path, s.text) for s in sections(text)] == [
        (("Guide", "Rights"), "You have rights."),
        (("Guide", "Rights", "Notice"), "Sixty days."),
        (("Guide", "Help"), "Call us."),
    ]
    assert find_title("Source: https://x.test\n\nA plain first line\n\nBody.") == "A plain first line"


def test_a_date_line_a_lone_word_and_a_programs_placeholder_are_not_titles():
    from ingest.structure import find_title, placeholder_title

    text = "March 11, 2031\n\nQUILLNET\n\nRegional staffing outlook for the spring\n\nHiring slowed in May."
    assert find_title(text) == "Regional staffing outlook for the spring"
    assert all(placeholder_title(t) for t in ("Word Document", "Document1", "Untitled", "memo.docx"))
    assert not placeholder_title("Word processing jobs in decline")
    assert find_title("Harbour Employer Survey, May 2031 | page 1\n\nHiring slowed.") == (
        "Harbour Employer Survey, May 2031"
    )
    assert find_title("Page 2 of 9 - Harbour Employer Survey\n\nHiring slowed.") == "Harbour Employer Survey"
    assert find_title("Pages of history\n\nHiring slowed.") == "Pages of history"


def test_a_word_file_without_a_title_property_is_titled_by_its_first_heading_and_undated(tmp_path):
    import docx

    document = docx.Document()
    document.core_properties.title = "Word Document"
    document.add_heading("Orrin Freight staffing memo", level=1)
    document.add_paragraph("Orrin Freight will cut 64 dock jobs in Akron.")
    document.save(tmp_path / "memo.docx")
    raw = RawSource(str(tmp_path / "memo.docx"), (tmp_path / "memo.docx").read_bytes(), ".docx")
    [chunk] = to_chunks(raw, load(raw), make_splitter(400, 40))
    assert chunk.metadata["title"] == "Orrin Freight staffing memo"
    assert chunk.metadata["date"] in ("", "2013-12-23")  # the template's creation date at most, never today


def test_a_name_a_template_glued_on_again_and_again_is_written_once():
    from ingest.structure import MAX_TITLE, tidy_title

    glued = "Claims help -  Benefit OfficeBenefit OfficeBenefit Office"
    assert tidy_title(glued) == "Claims help - Benefit Office"
    for title in ("Walla Walla hiring", "Go Go Go", "Tora! Tora! Tora!"):  # spaced repeats are words
        assert tidy_title(title) == title
    endless = " ".join(f"part{n}" for n in range(2000))  # a metadata field of any length is cut first
    assert tidy_title(endless) == endless[:MAX_TITLE]


def test_a_title_with_a_subtitle_after_its_colon_is_no_label_and_a_long_first_line_is_cut_between_words():
    text = (
        "Robots on the Line: Why Parcel Depots Are Hiring Fewer Sorters This Year\n"
        "Parcel depots across the region have stopped replacing sorters who leave.\n"
    )
    assert find_title(text) == "Robots on the Line: Why Parcel Depots Are Hiring Fewer Sorters This Year"
    assert find_title("Media contact: Jane Q. Public\n\nA plain first line\n") == "A plain first line"
    sentence = "Parcel depots across the region have stopped replacing the sorters who leave, " * 3
    title = find_title(sentence)
    assert title.endswith("…") and len(title) <= 121 and sentence.startswith(title[:-1])


def test_a_release_line_with_its_day_dates_the_document_and_heads_no_section_a_month_does():
    text = "HARBOUR JOBS REPORT - MAY 2031\n\nReleased June 13, 2031\n\nPayrolls rose by 4,100 in May."
    assert [s.path for s in sections(text)] == [("HARBOUR JOBS REPORT - MAY 2031",)]
    monthly = "Harbour claims\n\nApril 2031\n\nClaims fell to 3,020."
    assert [s.path for s in sections(monthly)][-1][-1] == "April 2031"
