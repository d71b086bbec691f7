"""News pages: keep the article text, drop navigation, ads and scripts (trafilatura)."""

from __future__ import annotations

from langchain_core.documents import Document

from ingest.dates import to_iso
from ingest.errors import LoadError
from ingest.limits import check_text
from ingest.loaders.text import decode


def _fallback_text(html: str) -> tuple[str, str]:
    """For short pages trafilatura deems boilerplate: all visible text, minus scripts and styles."""
    import lxml.html

    tree = lxml.html.fromstring(html)
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    title = (tree.findtext(".//title") or "").strip()
    body = tree.find(".//body")
    text = (body if body is not None else tree).text_content()
    lines = [line.strip() for line in text.splitlines()]
    return title, "\n".join(line for line in lines if line)


def load_html(data: bytes, source: str) -> list[Document]:
    import trafilatura  # loaded with the first page, not on every start

    html = check_text(decode(data))
    extracted = trafilatura.bare_extraction(html, url=source, with_metadata=True, favor_recall=True)
    text = (extracted.text or "") if extracted is not None else ""
    title = (extracted.title or "") if extracted is not None else ""
    date = to_iso(extracted.date) if extracted is not None else ""
    if len(text) < 200:
        fallback_title, fallback_text = _fallback_text(html)
        if len(fallback_text) > len(text):
            text = fallback_text
        title = title or fallback_title
    if not text.strip():
        raise LoadError("no readable text in the page")
    return [Document(page_content=text, metadata={"title": title[:300], "date": date})]
