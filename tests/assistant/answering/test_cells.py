"""A grid row cut to the months a question asks for: on rows the test writes, and through ingest
and the extractive answer on an HTML page of grids."""

from __future__ import annotations

from assistant.answering.cells import asked_cells
from tests.conftest import extractive_on

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
ROW = "column_1: 2030 | Jan: 27 | Feb: 28 | Apr: 30 | Note: revised"


def test_a_grid_row_keeps_its_other_cells_and_only_the_months_asked():
    assert asked_cells(ROW, {(2030, 4)}) == "column_1: 2030 | Apr: 30 | Note: revised"
    assert (
        asked_cells(ROW, {(2030, 1), (2030, 4), (2030, None)})
        == "column_1: 2030 | Jan: 27 | Apr: 30 | Note: revised"
    )
    assert asked_cells(ROW, {(2031, 4)}) == ROW  # another year's April: the row as it is
    assert asked_cells("Employers added 900 jobs in April 2030.", {(2030, 4)}).endswith("April 2030.")


def _cells(tag: str, values: list[str]) -> str:
    return "<tr>" + "".join(f"<{tag}>{v}</{tag}>" for v in values) + "</tr>"


def _grid_page() -> str:
    """A survey page of year-by-month grids under their captions: every row looks like every other."""
    grids = ""
    for number, caption in enumerate(
        ["Hiring plans, net percent", "Wage increases, percent", "Layoff plans, percent"]
    ):
        rows = "".join(
            _cells("td", [str(2027 + y), *(str(10 + number * 7 + y * 3 + m % 5) for m in range(12))])
            for y in range(5)
        )
        grids += f"<table><caption>{caption}</caption>{_cells('th', ['', *MONTHS])}{rows}</table>"
    return (
        "<html><head><title>Lakeview Employer Pulse, December 2031</title></head><body><main>"
        "<h1>Lakeview Employer Pulse, December 2031</h1><p>Firms answer the survey every month.</p>"
        f"{grids}</main></body></html>"
    )


def test_an_answer_from_a_grid_quotes_the_month_asked_for(tmp_path):
    assistant = extractive_on({"lakeview-pulse.html": _grid_page()}, tmp_path)
    answer = assistant.answer(
        "What were layoff plans in March 2031 according to the Lakeview Employer Pulse?"
    )
    assert answer.text.startswith("year: 2031 | Mar: 38 ["), answer.text  # 10 + 14 + 12 + 2
