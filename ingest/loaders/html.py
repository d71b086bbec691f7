"""Web pages: the article text without navigation, ads and scripts (trafilatura), and the page's
data tables as rows (`html_tables`)."""

from __future__ import annotations

from langchain_core.documents import Document

from ingest.dates import to_iso
from ingest.errors import LoadError
from ingest.limits import check_text
from ingest.loaders.html_tables import HtmlTable, read_tables
from ingest.loaders.table_shape import table_documents
from ingest.loaders.text import decode

_SECTIONS = {"br", "article", "aside", "footer", "header", "main", "nav", "section", "figcaption"}


def _fallback_text(tree) -> tuple[str, str]:
    """For short pages trafilatura deems boilerplate: all visible text, minus scripts, styles and
    the data tables (read as rows)."""
    from lxml.html import defs

    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    title = (tree.findtext(".//title") or "").strip()
    body = tree.find(".//body")
    root = body if body is not None else tree
    blocks = defs.block_tags | _SECTIONS  # elements that start a line of their own
    for element in root.iter():  # minified pages have no line breaks of their own between blocks
        if isinstance(element.tag, str) and element.tag in blocks:
            element.text = f"\n{element.text or ''}"
            element.tail = f"\n{element.tail or ''}"
    text = root.text_content()
    lines = [line.strip() for line in text.splitlines()]
    return title, "\n\n".join(line for line in lines if line)  # each line a block of its own


def _tree(html: str):
    import lxml.etree
    import lxml.html

    try:
        return lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None


def _table_rows(tables: list[HtmlTable]) -> list[Document]:
    """Each table's rows, labelled by its caption (numbered when two tables share one)."""
    captions = [t.caption or "Table" for t in tables]
    documents = []
    for n, (table, caption) in enumerate(zip(tables, captions, strict=True), start=1):
        label = caption if captions.count(caption) == 1 else f"{caption} {n}"
        documents += table_documents(table.header, table.rows, label)
    return documents


def load_html(data: bytes, source: str) -> list[Document]:
    import trafilatura  # loaded with the first page, not on every start

    html = check_text(decode(data))
    tree = _tree(html)
    tables = read_tables(tree) if tree is not None else []
    if tables:  # the prose is read from the page without its data tables, which come as rows
        import lxml.html

        for table in tables:
            table.element.drop_tree()
        html = lxml.html.tostring(tree, encoding="unicode")
    extracted = trafilatura.bare_extraction(html, url=source, with_metadata=True, favor_recall=True)
    text = (extracted.text or "") if extracted is not None else ""
    title = (extracted.title or "") if extracted is not None else ""
    date = to_iso(extracted.date) if extracted is not None else ""
    if len(text) < 200 and tree is not None:
        fallback_title, fallback_text = _fallback_text(tree)
        if len(fallback_text) > len(text):
            text = fallback_text
        title = title or fallback_title
    rows = _table_rows(tables)
    if not text.strip() and not rows:
        raise LoadError("no readable text in the page")
    metadata = {"title": title[:300], "date": date}
    prose = [Document(page_content=text, metadata=metadata)] if text.strip() else []
    for row in rows:
        row.metadata.update(title=title[:300], date=row.metadata.get("date") or date)
    return prose + rows
