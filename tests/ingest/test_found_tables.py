"""Tables inside PDFs and HTML pages, made by the tests: read as rows under their header, with
their caption and page, and the prose around them kept as prose."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from ingest import RawSource, load, make_splitter, to_chunks
from ingest.loaders.html import load_html
from ingest.loaders.pdf import load_pdf

HEADER = ["Received", "Company", "City", "Employees", "Type"]
CITIES = ["Tacoma", "Spokane", "Yakima", "Olympia", "Everett"]


FIRST = "Amber Brindle Cobalt Dunmore Ellery Foxglove Garnet Harlow Ingram Juniper".split()
SECOND = "Mills Foods Freight Tools Labs Textiles".split()


def notices(count: int) -> list[list[str]]:
    """Invented notices, each employer's name its own: "Garnet Textiles", "Amber Mills"."""
    return [
        [
            f"{1 + i % 12:02d}/{1 + i % 28:02d}/2031",
            f"{FIRST[i % 10]} {SECOND[i // 10]}",
            CITIES[i % 5],
            str(10 + i),
            "Layoff",
        ]
        for i in range(count)
    ]


def _table(pdf: FPDF, rows: list[list[str]], **layout) -> None:
    with pdf.table(**{"text_align": "LEFT", **layout}) as table:
        for cells in rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)


def warn_report(path: Path) -> Path:
    """Three pages of one table whose column widths change from page to page and whose header
    repeats on each under a running head, prose before it, and a summary table per month on the
    last page."""
    pdf = FPDF()
    rows = notices(60)
    widths = [(28, 62, 30, 26, 30), (24, 70, 28, 24, 30), (30, 56, 34, 28, 28)]
    for page in range(3):
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        pdf.cell(0, 6, f"Tallow County WARN report, page {page + 1} of 3", new_x="LMARGIN", new_y="NEXT")
        if page == 0:
            pdf.ln(6)
            pdf.multi_cell(0, 5, "Tallow County received the WARN notices below in fiscal year 2031.")
            pdf.ln(4)
            pdf.cell(0, 6, "WARN notices received, fiscal year 2031", new_x="LMARGIN", new_y="NEXT")
        _table(pdf, [HEADER, *rows[page * 20 : page * 20 + 20]], col_widths=widths[page])
    pdf.ln(8)
    pdf.cell(0, 6, "Summary by month", new_x="LMARGIN", new_y="NEXT")
    summary = [
        ["Month", "Notices", "Employees Affected"],
        ["January 2031", "12", "1,234"],
        ["February 2031", "9", "877"],
    ]
    _table(pdf, summary, col_widths=(40, 30, 40))
    pdf.output(str(path))
    return path


def test_a_pdf_table_over_three_pages_is_one_table_of_rows_under_its_header(tmp_path):
    documents = load_pdf(warn_report(tmp_path / "report.pdf").read_bytes(), "report.pdf")
    rows = [d for d in documents if "row" in d.metadata]
    notices_rows = [r for r in rows if "col_company" in r.metadata]
    assert len(notices_rows) == 60  # the header on pages 2 and 3 read once, not as rows
    assert len({r.metadata["table"] for r in notices_rows}) == 1
    row = next(r for r in notices_rows if r.metadata["col_company"] == "Harlow Labs")  # the 48th
    assert row.page_content == (
        "Received: 12/20/2031 | Company: Harlow Labs | City: Yakima | Employees: 57 | Type: Layoff"
    )
    assert row.metadata["page"] == 3 and "fiscal year 2031" in row.metadata["section"]
    summary = [r for r in rows if "col_month" in r.metadata]
    assert [r.metadata["col_employees_affected"] for r in summary] == ["1,234", "877"]
    prose = [d for d in documents if "row" not in d.metadata]
    assert "Tallow County received" in prose[0].page_content
    assert "Dunmore Mills" not in prose[0].page_content  # the table's cells are not prose


def test_chunks_of_a_pdf_with_a_table_keep_prose_and_rows_apart(tmp_path):
    path = warn_report(tmp_path / "report.pdf")
    raw = RawSource(str(path), path.read_bytes(), ".pdf")
    chunks = to_chunks(raw, load(raw), make_splitter(400, 40))
    rows = [c for c in chunks if "row" in c.metadata]
    assert len(rows) == 62 and all(c.metadata["context"].endswith(c.metadata["section"]) for c in rows)
    assert any("Tallow County" in c.page_content for c in chunks if "row" not in c.metadata)


MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def survey_report(path: Path) -> Path:
    """Two pages of year-by-month grids, two per page, all with one header: each under a chart title
    of three lines, and on the first page a report name set sideways across them."""
    pdf = FPDF()
    titles = ["HIRING PLANS", "WAGE PLANS", "OPEN POSITIONS", "CREDIT NEEDS"]
    for page in range(2):
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        if page == 0:
            with pdf.rotation(90, 200, 200):  # crossing the grids' last column
                pdf.text(200, 200, "Harbourview Trade Survey")
        for grid in range(2):
            number = page * 2 + grid
            pdf.set_y(30 + grid * 120)
            for line in (titles[number], "Net percent of firms, next three months", "(Three-month average)"):
                pdf.cell(0, 5, line, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
            grid = [[str(2030 + y), *(str(number * 10 + y + m) for m in range(12))] for y in range(3)]
            _table(pdf, [["", *MONTHS], *grid], text_align="RIGHT")
    pdf.output(str(path))
    return path


def test_grids_with_one_header_under_their_own_titles_are_tables_of_their_own(tmp_path):
    documents = load_pdf(survey_report(tmp_path / "survey.pdf").read_bytes(), "survey.pdf")
    rows = [d for d in documents if "row" in d.metadata]
    tables = {r.metadata["table"]: [] for r in rows}
    for row in rows:
        tables[row.metadata["table"]].append(row)
    assert len(tables) == 4 and all(len(grid) == 3 for grid in tables.values())
    opening = next(r for r in rows if r.metadata["table"].startswith("OPEN POSITIONS"))
    assert opening.metadata["section"] == (
        "OPEN POSITIONS Net percent of firms, next three months (Three-month average) (page 2)"
    )
    assert "Apr: 23" in opening.page_content and opening.metadata["page"] == 2
    assert all("| Dec: " in r.page_content for r in rows)  # the sideways text is in no cell


def test_month_names_heading_columns_of_figures_are_a_header_and_a_column_of_months_is_not(tmp_path):
    counties = ["Alder", "Birch", "Cedar", "Dogwood", "Elm"]
    claims = [[name, f"{1_000 + 37 * i:,}", f"{1_200 - 41 * i:,}"] for i, name in enumerate(counties)]
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 8, "Benefit claims by county, winter 2031", new_x="LMARGIN", new_y="NEXT")
    _table(pdf, [["County", "January", "February"], *claims], text_align="RIGHT")
    pdf.ln(6)
    _table(pdf, [["Month", "Event", "Site"], ["March", "Closure", "Ashby"], ["April", "Layoff", "Eastgate"]])
    pdf.output(str(tmp_path / "claims.pdf"))
    rows = [d for d in load_pdf((tmp_path / "claims.pdf").read_bytes(), "claims.pdf") if "row" in d.metadata]
    assert [r.page_content for r in rows[:2] + rows[-2:]] == [
        "County: Alder | January: 1,000 | February: 1,200",
        "County: Birch | January: 1,037 | February: 1,159",
        "Month: March | Event: Closure | Site: Ashby",
        "Month: April | Event: Layoff | Site: Eastgate",
    ]


PAGE = """<html><head><title>State WARN log 2031</title></head><body>
<nav><table><tr><td><a href="/">Home</a></td><td><a href="/jobs">Jobs</a></td></tr></table></nav>
<h1>WARN log 2031</h1><p>Notices the state received in 2031 are listed below, newest last.</p>
<h2>Notices</h2>
<table><thead><tr><th>Notice Date</th><th>Company</th><th>Total Employees</th></tr></thead>
<tbody><tr><td>1/5/2031</td><td>Quarrytown Mills</td><td>40</td></tr>
<tr><td>2/9/2031</td><td>Orrin Freight</td><td>125</td></tr>
<tr><td>3/2/2031</td><td>Pellmoor Foods</td><td>77</td></tr></tbody></table>
<table><caption>Notices by region</caption>
<tr><th colspan="2">Region</th><th>Notices</th></tr>
<tr><td>North</td><td>Coast</td><td>2</td></tr><tr><td>South</td><td>Valley</td><td>1</td></tr></table>
<footer>Contact the state labor office.</footer></body></html>"""


def test_html_data_tables_become_rows_and_layout_tables_do_not():
    documents = load_html(PAGE.encode(), "https://labor.example/warn")
    rows = [d for d in documents if "row" in d.metadata]
    assert [r.page_content for r in rows[:2]] == [
        "Notice Date: 1/5/2031 | Company: Quarrytown Mills | Total Employees: 40",
        "Notice Date: 2/9/2031 | Company: Orrin Freight | Total Employees: 125",
    ]
    assert {r.metadata["section"] for r in rows} == {"Notices", "Notices by region"}
    assert all("Home" not in r.page_content for r in rows)
    region = [r for r in rows if r.metadata["section"] == "Notices by region"]
    assert region[0].metadata["col_region"] == "North" and region[0].metadata["col_notices"] == "2"
    prose = [d for d in documents if "row" not in d.metadata]
    assert "newest last" in prose[0].page_content and "Orrin Freight" not in prose[0].page_content


def workbook(path: Path) -> Path:
    """Three sheets: one with a title row above a two-row header whose group name is merged across
    two columns and whose first name is merged down; a plain one; one of notes."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = "Spring 2031"
    first.append(["Notices received, spring 2031"])
    first.append(["Employer", "Employees", None, "City"])
    first.append([None, "Permanent", "Temporary", None])
    first.merge_cells("B2:C2")
    first.merge_cells("A2:A3")
    first.merge_cells("D2:D3")
    for row in (["Lindqvist Bakery", 40, 5, "Akron"], ["Marrowby Tools", 125, 0, "Dayton"]):
        first.append(row)
    second = book.create_sheet("Autumn 2031")
    second.append(["Employer", "Employees", "City"])
    second.append(["Ostrava Glassworks", 77, "Toledo"])
    book.create_sheet("Notes").append(["Figures as filed; see the state office for amendments."])
    book.save(path)
    return path


def test_a_workbook_sheet_with_a_title_row_and_a_merged_header_reads_its_columns(tmp_path):
    from ingest.loaders.xlsx import load_xlsx

    documents = load_xlsx(workbook(tmp_path / "notices.xlsx").read_bytes(), "notices.xlsx")
    spring = [d for d in documents if d.metadata["table"] == "Spring 2031"]
    assert spring[1].page_content == (
        "Employer: Marrowby Tools | Employees Permanent: 125 | Employees Temporary: 0 | City: Dayton"
    )
    assert spring[0].metadata["section"] == "Spring 2031 · Notices received, spring 2031"
    autumn = [d for d in documents if d.metadata["table"] == "Autumn 2031"]
    assert autumn[0].metadata["section"] == "Autumn 2031" and autumn[0].metadata["col_employees"] == "77"


def scanned_pdf(path: Path, lines: list[str], blank_page: bool = False) -> Path:
    """A PDF whose page is only a picture of text, as a scanner makes it (and, with `blank_page`,
    a second picture with nothing on it)."""
    from PIL import Image, ImageDraw, ImageFont

    pdf = FPDF()
    pictures = [lines, []] if blank_page else [lines]
    for n, text in enumerate(pictures):
        image = Image.new("L", (1400, 120 + 52 * len(text)), 255)
        draw = ImageDraw.Draw(image)
        for i, line in enumerate(text):  # lines of one paragraph, as a page of print sets them
            draw.text((40, 40 + 52 * i), line, fill=0, font=ImageFont.load_default(size=40))
        image.save(path.with_suffix(f".{n}.png"))
        pdf.add_page()
        pdf.image(str(path.with_suffix(f".{n}.png")), x=10, y=10, w=190)
    pdf.output(str(path))
    return path


def test_a_scanned_page_is_read_by_ocr_and_a_page_with_no_text_is_reported(tmp_path, ingestor):
    path = scanned_pdf(
        tmp_path / "notice.pdf",
        ["Harrowgate Plastics will cut 86 jobs", "at its Toledo plant in April 2031."],
        True,
    )
    [page] = load_pdf(path.read_bytes(), str(path))
    assert "Harrowgate Plastics will cut 86 jobs" in page.page_content and page.metadata["page"] == 1
    [result] = ingestor.run([str(path)]).results
    assert (result.status, result.reason) == ("added", "no text on page(s) 2")


SECTORS = {
    "Shipbuilding": [410, 385, 520, 300],
    "Publishing": [120, 95, 140, 180],
    "Trucking": [260, 310, 75, 90],
}


def layoffs_by_sector(path: Path) -> Path:
    """A grid with a column per month (the last marked preliminary), a total row, a paragraph
    leading into it and a title above that."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 8, "Harbour Layoffs by Sector, January to April 2031", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(
        0,
        5,
        "Employers in Harbour reported the layoffs below to the state office. Shipbuilding reported the "
        "most of them, as two yards finished their last naval orders and cut night shifts.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    months = ["Jan 2031", "Feb 2031", "Mar 2031", "Apr 2031 (p)"]
    totals = [f"{sum(v[i] for v in SECTORS.values()):,}" for i in range(4)]
    rows = [[name, *map(str, values)] for name, values in SECTORS.items()]
    _table(pdf, [["Sector", *months], *rows, ["Total", *totals]])
    pdf.output(str(path))
    return path


def test_months_quarters_and_years_heading_columns_of_figures_are_a_header_and_a_lead_in_no_caption(
    tmp_path,
):
    path = layoffs_by_sector(tmp_path / "sectors.pdf")
    rows = [d for d in load_pdf(path.read_bytes(), "sectors.pdf") if "row" in d.metadata]
    assert rows[0].page_content == (
        "Sector: Shipbuilding | Jan 2031: 410 | Feb 2031: 385 | Mar 2031: 520 | Apr 2031 (p): 300"
    )
    assert "reported the" not in rows[0].metadata["section"]  # the paragraph above is prose, no caption
