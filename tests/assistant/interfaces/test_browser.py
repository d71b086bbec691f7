"""One end-to-end run in a real headless Chromium (Debian's package, driven by Playwright):
ask, watch the answer stream in, open a cited source, and check a hostile document stays text."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from assistant.settings import Settings
from tests.conftest import SAMPLES, free_port

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
HOSTILE = (
    "Title: Omega Systems memo\n\nOmega Systems laid off 321 engineers in Austin in June 2025. "
    '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script> appeared in the memo.\n'
)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    from assistant.ingestion import Ingestor
    from assistant.interfaces.ui import launch
    from assistant.service import Assistant

    root = tmp_path_factory.mktemp("browser")
    shutil.copytree(SAMPLES, root / "samples")
    (root / "samples" / "omega.md").write_text(HOSTILE)
    assistant = Assistant(Settings(data_dir=root / "data"), generator="extractive")
    ingestor = Ingestor(assistant.store, assistant.settings)
    ingestor.run([str(root / "samples")])
    port = free_port()
    demo = launch(assistant, ingestor, "127.0.0.1", port, None, block=False)
    yield f"http://127.0.0.1:{port}/"
    demo.close()


@pytest.fixture(scope="module")
def page(app_url):
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is missing: `make test` installs it")
        pytest.skip("chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(app_url, wait_until="networkidle")
        yield page
        browser.close()


def _ask(page, question: str) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#ask").click()


@pytest.mark.slow
def test_ask_then_open_the_cited_source(page, tmp_path):
    _ask(page, "What was the unemployment rate in August 2025?")
    page.locator("#chat a.cite").first.wait_for(timeout=30_000)
    assert "4.3 percent" in page.locator("#chat").inner_text()
    # the marker that ends the sentence stating the figure
    cite = (
        page.locator("#chat .message")
        .last.locator("a.cite")
        .nth(
            page.evaluate(
                """() => { const links = [...document.querySelectorAll('#chat .message:last-of-type a.cite')];
                 return Math.max(0, links.findIndex(a => a.previousSibling &&
                   a.previousSibling.textContent.split(/[.!?] /).pop().includes('4.3 percent'))); }"""
            )
        )
    )
    number = cite.inner_text().strip("[]")
    page.locator("#sources summary").first.click()  # close the first, then reopen it by the link
    cite.click()
    passage = page.locator(f"#src-{number}")
    assert passage.evaluate("el => el.open")
    assert "4.3 percent" in passage.inner_text()
    page.screenshot(path=str(tmp_path / "answer.png"), full_page=True)


@pytest.mark.slow
def test_a_document_with_markup_shows_as_text(page, tmp_path):
    _ask(page, "How many engineers did Omega Systems lay off?")
    page.locator("#sources .passage", has_text="321 engineers").first.wait_for(timeout=30_000)
    sources = page.locator("#sources")
    assert "<script>window.__pwned=1</script>" in sources.inner_text()
    assert sources.locator("script, img").count() == 0
    assert page.evaluate("window.__pwned") is None
    page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)


@pytest.mark.slow
def test_a_ranking_question_draws_a_bar_chart(page, tmp_path):
    _ask(page, "Top 5 companies by layoffs")
    chart = page.locator("#bar-chart")
    chart.locator("canvas, svg").first.wait_for(timeout=30_000)
    assert chart.is_visible()
    assert page.locator("#result").is_visible() and "total" in page.locator("#result").inner_text()
    page.screenshot(path=str(tmp_path / "chart.png"), full_page=True)
