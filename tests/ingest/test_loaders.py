"""Every loader on real files the tests write."""

from __future__ import annotations

import pytest

from ingest import LoadError
from ingest.loaders.html import load_html
from ingest.loaders.pdf import load_pdf
from ingest.loaders.table import load_csv
from ingest.loaders.text import load_text
from tests.conftest import make_pdf, make_workbook


def test_text_detects_a_non_utf8_encoding():
    data = "Title: Café closures\n\nThe café in Zürich cut 12 jobs.".encode("latin-1")
    [doc] = load_text(data, "x.txt")
    assert "Zürich" in doc.page_content
    assert doc.metadata["title"] == "Café closures"


def test_markdown_header_gives_title_date_and_kind():
    data = b"Title: WARN basics\nDate: March 7, 2026\nKind: policy\n\n# WARN basics\n\nSixty days of notice."
    [doc] = load_text(data, "w.md")
    assert doc.metadata == {"title": "WARN basics", "date": "2026-03-07", "kind": "policy"}
    assert "Sixty days" in doc.page_content


def test_a_short_minified_page_keeps_its_blocks_apart():
    html = (
        b"<html><head><title>Ridge notices</title></head><body><nav><ul><li><a href='/'>Home</a></li>"
        b"<li><a href='/jobs'>Jobs</a></li></ul></nav><h1>Ridge notices</h1>"
        b"<p>To report a closing, email the office.</p></body></html>"
    )
    [doc] = load_html(html, "ridge.html")
    blocks = doc.page_content.split("\n\n")
    assert blocks == ["Home", "Jobs", "Ridge notices", "To report a closing, email the office."]


def test_html_keeps_article_text_title_and_date_and_drops_script():
    html = b"""<html><head><title>Acme cuts 1,200 jobs</title>
    <meta property="article:published_time" content="2025-03-04"></head>
    <body><nav>Home | About</nav><article><h1>Acme cuts 1,200 jobs</h1>
    <p>Acme Corp said on Tuesday it would lay off 1,200 employees, about 15% of its workforce, as it
    shifts spending to artificial intelligence. The cuts fall mostly on customer support teams.</p>
    <p>The company filed WARN notices in Washington state covering its Seattle offices.</p></article>
    <script>alert('x')</script></body></html>"""
    [doc] = load_html(html, "https://example.test/acme")
    assert "1,200 employees" in doc.page_content
    assert "alert" not in doc.page_content
    assert doc.metadata["title"] == "Acme cuts 1,200 jobs"
    assert doc.metadata["date"] == "2025-03-04"


def test_pdf_gives_one_document_per_page_with_page_numbers(tmp_path):
    path = make_pdf(
        tmp_path / "r.pdf", ["Page one is about payrolls.", "Page two says 4.3 percent."], "Report"
    )
    docs = load_pdf(path.read_bytes(), str(path))
    assert [d.metadata["page"] for d in docs] == [1, 2]
    assert "4.3 percent" in docs[1].page_content
    assert docs[1].metadata["title"] == "Report"


def test_a_pdf_is_dated_by_the_date_its_first_page_writes_else_by_when_the_file_was_made():
    import datetime

    from fpdf import FPDF

    def exported(text: str) -> bytes:
        pdf = FPDF()
        pdf.set_creation_date(datetime.datetime(2033, 1, 5, tzinfo=datetime.UTC))
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, text)
        return bytes(pdf.output())

    released = exported("Valley jobs report\nReleased June 12, 2031\nHiring rose.")
    assert {d.metadata["date"] for d in load_pdf(released, "a.pdf")} == {"2031-06-12"}
    undated = exported("Valley jobs report\nHiring rose.")
    assert {d.metadata["date"] for d in load_pdf(undated, "b.pdf")} == {"2033-01-05"}


def test_csv_layoff_rows_become_sentences_with_columns_as_metadata():
    data = (
        b"company,location,industry,total_laid_off,percentage_laid_off,date\n"
        b"Acme,Seattle,Retail,1200,0.15,2025-03-04\n"
    )
    [doc] = load_csv(data, "l.csv")
    assert doc.page_content.startswith("Acme laid off 1,200 employees (15%) on 2025-03-04, Seattle, Retail.")
    assert doc.metadata["col_company"] == "Acme"
    assert doc.metadata["date"] == "2025-03-04"


def test_a_layoff_rows_other_columns_stay_in_its_one_sentence():
    data = b"Company,Announced,Jobs cut,Share of staff\nTarnwell Foods,2031-05-02,300,4%\n"
    [doc] = load_csv(data, "t.csv")
    assert doc.page_content == "Tarnwell Foods laid off 300 employees on 2031-05-02; share of staff: 4%."
    [uncounted] = load_csv(data.replace(b",300,", b",,"), "u.csv")  # no figure may stand in for the count
    assert uncounted.page_content == "Tarnwell Foods laid off employees on 2031-05-02. Share of staff: 4%."


def test_bare_amounts_in_a_dollar_column_are_written_as_dollars_unless_scaled():
    docs = load_csv(b"Region,Grant amount ($),Budget ($000s)\nNorth,180000,420\nSouth,1234.5,75\n", "g.csv")
    assert docs[0].page_content == "Region: North | Grant amount ($): $180,000 | Budget ($000s): 420"
    assert docs[1].metadata["col_grant_amount"] == "$1,234.50"


def test_an_unnamed_column_of_years_is_the_year_and_another_keeps_its_place():
    docs = load_csv(b",Jan,,Feb\n2030,27,x,28\n2031,30,y,31\n", "grid.csv")
    assert [d.page_content for d in docs] == [
        "year: 2030 | Jan: 27 | column_3: x | Feb: 28",
        "year: 2031 | Jan: 30 | column_3: y | Feb: 31",
    ]


def test_csv_with_ragged_rows_and_a_huge_cell_is_read():
    data = ("name,value\nA,1,extra\nB\nC," + "x" * 100_000 + "\n").encode()
    docs = load_csv(data, "r.csv")
    assert len(docs) == 3
    assert "extra" in docs[0].page_content
    assert len(docs[2].page_content) < 3000


@pytest.mark.parametrize(
    ("loader", "data", "reason"),
    [
        (load_text, b"", "empty file"),
        (load_text, b"   \n  ", "empty file"),
        (load_text, b"\x00\x01\x02binary\x00" * 50, "binary"),
        (load_pdf, b"%PDF-1.4 this is not really a pdf", "corrupt PDF"),
        (load_csv, b"only,a,header\n", "no rows"),
    ],
)
def test_bad_bytes_raise_a_load_error_with_the_reason(loader, data, reason):
    with pytest.raises(LoadError, match=reason):
        loader(data, "bad")


def test_pdf_without_text_layer_is_refused(tmp_path):
    path = make_pdf(tmp_path / "scan.pdf", ["", ""])
    with pytest.raises(LoadError, match="^no text, even by OCR$"):  # blank pages: nothing to read
        load_pdf(path.read_bytes(), str(path))


def test_encrypted_pdf_is_refused_unless_the_password_is_empty(tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = make_pdf(tmp_path / "p.pdf", ["Secret layoff plan for 300 staff."])
    for password, expect_ok in (("hunter2", False), ("", True)):
        writer = PdfWriter(clone_from=PdfReader(plain))
        writer.encrypt(user_password=password, owner_password="owner")
        target = tmp_path / f"enc-{bool(password)}.pdf"
        writer.write(target)
        if expect_ok:
            assert "300 staff" in load_pdf(target.read_bytes(), str(target))[0].page_content
        else:
            with pytest.raises(LoadError, match="encrypted"):
                load_pdf(target.read_bytes(), str(target))


def _word_file(path) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = "Quillwork restructuring memo"
    document.add_heading("Quillwork restructuring memo", level=1)
    document.add_paragraph("Issued on 14 February 2031 to all staff.")
    document.add_heading("Who is affected", level=2)
    document.add_paragraph("Quillwork will close its Dayton plant, ending 310 jobs by May 2031.")
    table = document.add_table(rows=2, cols=2)
    cells = table.rows[0].cells + table.rows[1].cells
    for cell, text in zip(cells, ["site", "jobs", "Dayton", "310"], strict=True):
        cell.text = text
    document.add_paragraph("Severance is four weeks of pay.")
    document.save(path)
    return path.read_bytes()


def test_word_file_keeps_headings_tables_in_order_and_the_written_date(tmp_path):
    from ingest.loaders.docx import load_docx

    [doc] = load_docx(_word_file(tmp_path / "memo.docx"), "memo.docx")
    text = doc.page_content
    assert "## Who is affected" in text and text.startswith("# Quillwork restructuring memo")
    assert text.index("ending 310 jobs") < text.index("Dayton | 310") < text.index("Severance")
    assert doc.metadata == {"title": "Quillwork restructuring memo", "date": "2031-02-14"}


def test_a_word_file_that_is_not_one_is_a_load_error():
    from ingest.loaders.docx import load_docx

    with pytest.raises(LoadError, match="not a readable Word file"):
        load_docx(b"PK\x03\x04 this is not a zip archive at all", "bad.docx")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_text_with_a_byte_order_mark_is_text_not_binary(encoding):
    text = "Title: Déjà vu at Zedcorp\n\nZedcorp laid off 120 people in Lyon — again."
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data  # the big-endian mark, which this codec does not write itself
    [doc] = load_text(data, "memo.txt")
    assert doc.metadata["title"] == "Déjà vu at Zedcorp" and "Lyon — again" in doc.page_content


def test_xlsx_every_sheet_with_a_header_becomes_rows(tmp_path):
    from ingest.loaders.xlsx import load_xlsx

    docs = load_xlsx(make_workbook(tmp_path / "notices.xlsx"), "notices.xlsx")
    assert [(d.metadata["table"], d.metadata["col_employer"]) for d in docs] == [
        ("2024 notices", "Hooli"),
        ("2024 notices", "Initech"),
        ("2025 notices", "Globex"),
    ]
    assert docs[0].metadata["col_workers"] == "120" and docs[1].metadata["col_workers"] == "80"
    assert docs[0].metadata["col_notice_date"] == "2024-02-01"
    # a sheet's title line names the sheet, not the workbook its other sheets share
    assert docs[0].metadata["section"] == "2024 notices · State WARN notices received in 2024"
    assert "title" not in docs[0].metadata and docs[2].metadata["section"] == "2025 notices"


def test_xlsx_that_is_not_a_workbook_fails_with_a_reason():
    from ingest.loaders.xlsx import load_xlsx

    with pytest.raises(LoadError, match="unreadable spreadsheet"):
        load_xlsx(b"PK\x03\x04 not really a zip", "broken.xlsx")


def test_a_cell_written_over_several_lines_leaves_its_row_one_line():
    data = b'site,workers,received\n"Brandle Foods\n12 Mill Rd.\nRENO, NV",40,07-21-31\n'
    [doc] = load_csv(data, "notices.csv")
    assert "\n" not in doc.page_content
    assert "Brandle Foods 12 Mill Rd. RENO, NV" in doc.page_content
