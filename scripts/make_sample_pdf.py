"""Build samples/jobs-report-august-2025.pdf from the text beside this script (two pages).

Run: python scripts/make_sample_pdf.py. The PDF is committed; this script is how it was made.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).parent
SOURCE = HERE / "jobs-report-august-2025.txt"
TARGET = HERE.parent / "samples" / "jobs-report-august-2025.pdf"


def build(text: str, target: Path) -> None:
    header, _, body = text.partition("\n\n")
    meta = dict(line.split(": ", 1) for line in header.splitlines())
    paragraphs = [p.replace("\u2014", "-") for p in body.strip().split("\n\n")]
    pdf = FPDF()
    pdf.set_title(meta["Title"])
    pdf.set_author("layoffqa sample corpus")
    pdf.set_creation_date(datetime.fromisoformat(meta["Date"]).replace(tzinfo=UTC))
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 7, meta["Title"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(0, 5, meta["Source"].replace("\u2014", "-"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for number, paragraph in enumerate(paragraphs):
        if number == 3:  # sector detail goes on page 2, so the PDF tests page numbers for real
            pdf.add_page()
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(target))


if __name__ == "__main__":
    build(SOURCE.read_text(encoding="utf-8"), TARGET)
    print(f"wrote {TARGET}")
