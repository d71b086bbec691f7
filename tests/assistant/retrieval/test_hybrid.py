"""Hybrid retrieval over a page the test invents: real ingest, Chroma and embeddings."""

from __future__ import annotations

from tests.conftest import extractive_on

_COMPANIES = ["Quorvex Tools", "Brandle Foods", "Orrin Freight", "Tallimax Labs", "Dunmore Mills", "Pell Co"]
_CITIES = ["Reno", "Boise", "Ogden", "Provo", "Elko", "Sparks"]


def _cells(tag: str, values: list[str]) -> str:
    return "<tr>" + "".join(f"<{tag}>{v}</{tag}>" for v in values) + "</tr>"


def _log_page() -> str:
    """A state-style notice log: one line of instructions above 24 records that look alike."""
    header = ["Notice Date", "Industry Code", "Company", "Location", "Local Area", "Total Employees"]
    header += ["Effective Date", "Notice Type"]
    rows = "".join(
        _cells(
            "td",
            [f"{m % 12 + 1}/4/2031", str(4451 + m), company, f"{city}, Ridge County", "Ridge Workforce Area"]
            + [str(20 + 7 * m), f"{m % 12 + 1}/30/2031", "Layoff notice"],
        )
        for m, (company, city) in enumerate(zip(_COMPANIES * 4, _CITIES * 4, strict=True), start=1)
    )
    return (
        "<html><head><title>Layoff Notice Log 2031 - Ridge County Labor Office</title></head><body>"
        "<nav><a href='/'>Home</a><a href='/jobs'>Jobs</a></nav><main>"
        "<h1>Layoff Notice Log 2031 - Ridge County Labor Office</h1>"
        "<p>To report a layoff notice, please send the signed form to notices@ridge.example</p>"
        f"<table>{_cells('th', header)}{rows}</table></main></body></html>"
    )


def test_a_page_of_many_alike_records_still_yields_its_own_prose(tmp_path):
    assistant = extractive_on({"ridge-notice-log.html": _log_page()}, tmp_path)
    question = "How do employers file a layoff notice with the Ridge County Labor Office?"
    passages = assistant.retrieve(question, k=4)
    assert any("please send the signed form" in p.text for p in passages)
    answer = assistant.answer(question)
    assert answer.text.startswith("To report a layoff notice, please send the signed form"), answer.text
