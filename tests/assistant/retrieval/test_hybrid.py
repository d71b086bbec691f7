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


def _bulletin(month: str, paragraphs: list[str]) -> str:
    return f"Ridgeford County Labour Bulletin - {month} 2031\n\n" + "\n\n".join(paragraphs) + "\n"


def _bulletins() -> dict[str, str]:
    """Four monthly bulletins of a paragraph a passage. March's leads with "the unemployment rate";
    the others say "jobless rate" over and over, and March's own "jobless" paragraphs are about
    how long people have been out of work."""
    march = [
        "The unemployment rate in Ridgeford County fell to 4.4 percent in March, and employers added "
        "1,200 jobs, the county labour office reported on Friday. Clinics and warehouses led the gains, "
        "while shops and restaurants were little changed. Construction hiring picked up after a cold "
        "February, and the county's two largest hospitals said they were still short of nurses.",
        "Some 2,900 residents had been jobless for under a month in March, up by 300 over the month. "
        "Another 1,700 had been jobless since the autumn, and their number has hardly moved this year. "
        "The office counts a resident as jobless when they have no work, have looked for some in the "
        "last four weeks, and could start within two weeks.",
        "The jobless who had left their last job of their own accord numbered 800 in March, and 3,100 "
        "residents had been jobless for one to three months. Young residents were jobless more often "
        "than older ones, and residents without a diploma more often than graduates, as in every "
        "bulletin since the office began publishing them.",
        "Pay per hour averaged $31.40 in March, 12 cents more than in February. The average week at "
        "work held at 34.3 hours, and overtime in factories was unchanged. The office will publish "
        "its April bulletin on the first Friday of May.",
    ]
    others = {
        month: [
            f"The jobless rate in Ridgeford County was {rate} percent in {month}. A year earlier the jobless "
            f"rate was {rate + 0.3:.1f} percent.",
            f"In {month}, jobless rates for adult men ({rate - 0.2:.1f} percent) and adult women "
            f"({rate + 0.1:.1f} percent) showed little change from the jobless rate a month before.",
        ]
        for month, rate in (("April", 4.6), ("May", 4.8), ("June", 5.1))
    }
    return {
        f"ridgeford-{m.lower()}-2031.txt": _bulletin(m, paragraphs)
        for m, paragraphs in {"March": march, **others}.items()
    }


def test_a_month_asked_for_brings_its_own_report_over_reports_that_repeat_the_words(tmp_path):
    assistant = extractive_on(_bulletins(), tmp_path)
    question = "What was the jobless rate in March 2031?"
    passages = assistant.retrieve(question, k=3)
    assert any("4.4 percent" in p.text for p in passages), [p.text[:60] for p in passages]
    assert assistant.answer(question).text.startswith("The unemployment rate in Ridgeford County fell to 4.4")
