"""Files that describe far more than their size: each is refused in seconds with a one-line reason,
the next file of the batch goes in, and the server or CLI process is never the one that pays."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfWriter

from assistant.wiring import open_ingestor

GOOD = "Title: Ferncliff\n\nFerncliff Tools cut 64 jobs in Dayton after automating its call centre.\n"


def _inflate_member(office_file: Path, member: str, padding_mb: int) -> None:
    """Rewrite an Office file with `member` padded by whitespace that compresses a thousandfold."""
    with zipfile.ZipFile(office_file) as source:
        items = {info.filename: source.read(info) for info in source.infolist()}
    xml = items[member]
    head, tail = xml.split(b">", 1)  # whitespace after the XML declaration is still valid XML
    items[member] = head + b">" + b" " * (padding_mb * 2**20) + tail
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in items.items():
            target.writestr(name, data)
    office_file.write_bytes(buffer.getvalue())


def _batch(ingestor, folder: Path, bad: str) -> tuple[str, float]:
    """Ingest `bad` and a good file after it; the bad one's reason and the seconds it took."""
    (folder / "zz-good.md").write_text(GOOD)
    started = time.monotonic()
    report = ingestor.run([str(folder / bad), str(folder / "zz-good.md")])
    elapsed = time.monotonic() - started
    status = {Path(r.source).name: (r.status, r.reason) for r in report.results}
    assert status["zz-good.md"][0] == "added", status
    assert status[bad][0] == "failed", status
    assert [Path(s).name for s in ingestor.store.sources()] == ["zz-good.md"]
    return status[bad][1], elapsed


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    return folder


def test_a_zip_bomb_workbook_is_refused(ingestor, docs):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Employer", "Workers"])
    book.active.append(["Hooli", 12])
    book.save(docs / "bomb.xlsx")
    _inflate_member(docs / "bomb.xlsx", "xl/worksheets/sheet1.xml", 120)
    assert (docs / "bomb.xlsx").stat().st_size < 1_000_000
    reason, seconds = _batch(ingestor, docs, "bomb.xlsx")
    assert reason.startswith("inflates to 120 MB, over the 100 MB limit"), reason


def test_a_zip_bomb_word_file_is_refused(ingestor, docs):
    import docx

    document = docx.Document()
    document.add_paragraph("Hooli cut 12 jobs.")
    document.save(docs / "bomb.docx")
    _inflate_member(docs / "bomb.docx", "word/document.xml", 120)
    reason, _ = _batch(ingestor, docs, "bomb.docx")
    assert reason.startswith("inflates to 12") and reason.endswith("over the 100 MB limit"), reason


def test_a_sheet_with_one_cell_at_the_last_column_is_read_narrow(ingestor, docs):
    from openpyxl import Workbook

    book = Workbook()
    book.active["XFD8000"] = 1
    book.save(docs / "wide.xlsx")
    reason, seconds = _batch(ingestor, docs, "wide.xlsx")
    assert reason.startswith("no sheet has a header and rows"), reason
    assert seconds < 60  # padded to 16,384 columns it took a gigabyte and minutes


def test_a_million_row_csv_is_refused_at_the_row_limit(ingestor, docs):
    with open(docs / "huge.csv", "w") as out:
        out.write("company,total_laid_off,date\n")
        out.writelines(f"Company {i},{i % 500},2025-01-02\n" for i in range(1_000_000))
    reason, seconds = _batch(ingestor, docs, "huge.csv")
    assert reason == "over 50,000 table rows, the limit per file"
    assert seconds < 60


def test_a_two_thousand_page_pdf_is_refused_at_the_page_limit(ingestor, docs):
    writer = PdfWriter()
    for _ in range(2000):
        writer.add_blank_page(width=72, height=72)
    writer.write(docs / "long.pdf")
    reason, _ = _batch(ingestor, docs, "long.pdf")
    assert reason == "PDF has 2,000 pages, over the 500-page limit"


def test_a_file_that_reads_too_long_is_stopped_and_the_next_one_read(settings, docs):
    ingestor = open_ingestor(settings.model_copy(update={"parse_timeout_s": 0.5}))
    with open(docs / "slow.csv", "w") as out:
        out.write("company,total_laid_off,date\n")
        out.writelines(f"Company {i},{i % 500},2025-01-02\n" for i in range(40_000))
    reason, _ = _batch(ingestor, docs, "slow.csv")
    assert reason == "reading it took over 0.5 s, the limit per file"


def test_limits_are_settings(settings, docs):
    ingestor = open_ingestor(settings.model_copy(update={"max_rows": 3, "max_pages": 2}))
    (docs / "four.csv").write_text("a,b\n1,2\n3,4\n5,6\n7,8\n")
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=72, height=72)
    writer.write(docs / "three.pdf")
    report = ingestor.run([str(docs / "four.csv"), str(docs / "three.pdf")])
    reasons = sorted(r.reason for r in report.failures)
    assert reasons == ["PDF has 3 pages, over the 2-page limit", "over 3 table rows, the limit per file"]
