"""Hard-wrapped, boxed and tabbed text as releases, statutes and PDFs publish it, made readable."""

from __future__ import annotations

from ingest.normalize import is_table_row, normalize

RELEASE = """\
                THE STATE OF HIRING -- OCTOBER 2031


Payrolls at firms in the survey grew by 41,000 in October, and the share of
people without work held at 5.2 percent, the statistics office said today.
Gains came in clinics, in schools and in road build-
ing, while call centers shed staff.

  ______________________________________________________
 |                                                      |
 |  Revised weights were applied this month to the      |
 |  household sample.                                   |
 |______________________________________________________|

Region............\t  2030\t   2031
North.............\t  4.1\t   4.4
"""


def test_wrapped_lines_become_one_paragraph_and_hyphenated_words_are_rejoined():
    text = normalize(RELEASE)
    assert (
        "Payrolls at firms in the survey grew by 41,000 in October, and the share of people without "
        "work held at 5.2 percent, the statistics office said today. Gains came in clinics, in schools "
        "and in road building, while call centers shed staff."
    ) in text.splitlines()


def test_box_borders_rules_and_tabs_go_and_table_rows_stay_rows():
    lines = normalize(RELEASE).splitlines()
    assert "Revised weights were applied this month to the household sample." in lines
    assert not any(set(line) <= set("_| ") for line in lines if line)
    assert "Region | 2030 | 2031" in lines and "North | 4.1 | 4.4" in lines


def test_list_items_and_capitals_headings_stay_units_and_page_numbers_go():
    page = (
        "7\nYou qualify if you:\n• were let go without cause;\n• lost half your hours.\n"
        "WHO IS LEFT OUT\nTemps are.\n8"
    )
    lines = normalize(page).splitlines()
    assert lines[0] == "You qualify if you:"
    assert "• were let go without cause;" in lines and "• lost half your hours." in lines
    assert "WHO IS LEFT OUT" in lines and "7" not in lines and "8" not in lines


def test_markdown_links_read_as_their_words_and_bold_lead_ins_become_headings():
    text = normalize(
        "**§12-3 Notice.** ![photo](https://x.test/a.jpg)[Zedcorp](https://x.test/q) must warn staff."
    )
    assert text.splitlines() == ["**§12-3 Notice.**", "", "Zedcorp must warn staff."]


def test_table_rows_are_told_from_prose():
    assert is_table_row("Total\t12\t14") and is_table_row("a | b | c") and is_table_row("Intro . . . . . 3")
    assert not is_table_row("Payrolls grew by 41,000 in October.")


def test_a_dateline_under_a_title_stays_its_own_line():
    text = "Valley Jobs Report - June 2031\nReleased July 8, 2031\n\nPayrolls rose by 4,100 in June."
    assert normalize(text).split("\n")[:2] == ["Valley Jobs Report - June 2031", "Released July 8, 2031"]
    wrapped = (
        "The county said the plant would close for good after the last shift on\n"
        "March 3, 2031, when 240 workers lose their jobs and the site is sold.\n"
    )
    assert "\n" not in normalize(wrapped)  # a date inside a wrapped sentence is no dateline


def test_a_bold_name_that_begins_a_sentence_stays_in_it_and_a_bold_lead_in_with_a_stop_heads_it():
    text = normalize(
        "**Quillnet Freight** said it would cut 90 jobs.\n\n**Eligibility:** Anyone laid off may apply."
    )
    assert text.splitlines() == [
        "Quillnet Freight said it would cut 90 jobs.",
        "",
        "**Eligibility:**",
        "",
        "Anyone laid off may apply.",
    ]
