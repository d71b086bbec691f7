"""Questions over tables as they are published (a PDF report, an HTML page, a workbook, a scan),
answered exactly and cited to the page or sheet. The documents are made by the tests."""

from __future__ import annotations

import pytest

from tests.conftest import extractive_over
from tests.ingest.test_found_tables import (
    PAGE,
    SECTORS,
    layoffs_by_sector,
    scanned_pdf,
    warn_report,
    workbook,
)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    folder = tmp_path_factory.mktemp("published")
    warn_report(folder / "tallow-warn-report.pdf")
    layoffs_by_sector(folder / "harbour-layoffs-by-sector.pdf")
    (folder / "state-warn-log.html").write_text(PAGE)
    workbook(folder / "notices.xlsx")
    scanned_pdf(
        folder / "harrowgate-notice.pdf", ["Harrowgate Plastics will cut 86 jobs", "at its Toledo plant."]
    )
    return extractive_over(folder, folder / "data")


def test_a_pdf_row_is_looked_up_and_cited_with_its_page(published):
    answer = published.answer("How many employees did Harlow Labs' notice list?")
    assert "57" in answer.text and answer.citations[0].page == 3


def test_a_pdf_tables_total_and_filter(published):
    total = published.answer("How many employees in total are listed in the Tallow WARN report table?")
    assert total.sql and "2,370" in total.text
    listed = published.answer("Which notices in the Tallow WARN report are for Yakima?")
    assert listed.sql and listed.text.startswith("Tallow") and "has 12 entries" in listed.text


def test_an_html_tables_row_total_and_filter(published):
    row = published.answer("How many employees did Orrin Freight's notice list?")
    assert "125" in row.text
    total = published.answer("How many total employees are in the state WARN log?")
    assert total.sql and "242" in total.text
    listed = published.answer("Which notices in the state WARN log are from Pellmoor Foods?")
    assert listed.sql and "has 1 entries" in listed.text and "77" in listed.text


def test_a_workbook_sheets_row_and_total_cite_the_sheet(published):
    row = published.answer("How many permanent employees did Lindqvist Bakery's notice list?")
    assert "40" in row.text and "Spring 2031" in row.citations[0].context + row.citations[0].title
    total = published.answer("How many employees in total in the notices workbook's Autumn 2031 sheet?")
    assert total.sql and "77" in total.text


def test_a_scanned_notice_is_answered_from_its_ocr_text(published):
    answer = published.answer("How many jobs will Harrowgate Plastics cut?")
    assert "86" in answer.text and answer.citations[0].page == 1


def test_a_grid_by_month_is_added_over_months_and_ranked_without_its_total_row(published):
    quarter = published.answer("How many layoffs did shipbuilding report in the first quarter of 2031?")
    assert quarter.sql and f"{sum(SECTORS['Shipbuilding'][:3]):,}" in quarter.text, quarter.text
    fewest = published.answer("Which sector reported the fewest layoffs in March 2031?")
    assert fewest.sql and "Trucking" in fewest.text, fewest.text
    month = published.answer("How many layoffs were reported in Harbour in February 2031 in total?")
    assert month.sql and f"{sum(v[1] for v in SECTORS.values()):,}" in month.text, month.text


def test_which_named_by_a_place_and_a_noun_groups_by_the_noun(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Harbour course starts by program and year"])
    book.active.append(["Program", 2029, 2030])
    for row in (["Welding", 310, 402], ["Bookkeeping", 140, 109], ["IT support", 415, 388]):
        book.active.append(row)
    book.save(tmp_path / "starts.xlsx")
    bot = extractive_over(tmp_path, tmp_path / "data")
    answer = bot.answer("Which Harbour training program had the most course starts in 2030?")
    assert answer.sql and "Welding (402); IT support (388)" in answer.text, answer.text
    total = bot.answer("How many course starts did Harbour programs have in 2030 in total?")
    assert total.sql and "899" in total.text, total.text


def test_the_datasets_overview_of_a_grid_leaves_its_total_row_out(published):
    from assistant.datasets.overview import overview

    with published.tables.cache.connect() as con:
        grid = next(t for t in published.tables.cache.tables(con) if "harbour" in t.name)
        seen = overview(con, grid)
    assert list(seen.top["sector"].sector) == ["Shipbuilding", "Trucking", "Publishing"]
    assert list(seen.over_time.total) == [sum(v[i] for v in SECTORS.values()) for i in range(4)]
