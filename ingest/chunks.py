"""Documents to chunks carrying everything a citation needs, with stable ids.

Prose is normalised (wrapped lines re-flowed), cut at its headings, then split; each chunk keeps
its title, the period its document covers, its section and a one-line context made of the three,
which is embedded with it and shown beside it. Table rows (CSV, sheets, and tables found in PDFs and
HTML pages) are chunks as they come, their table's name or caption as their section.

A chunk id depends on its source, the source's content hash and its position, so re-ingesting
the same bytes writes the same ids (no duplicates), and a changed source gets new ones.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import TYPE_CHECKING

from langchain_core.documents import Document

from ingest.dates import MONTHS, find_date, find_period
from ingest.kinds import guess_kind
from ingest.normalize import is_table_row, normalize
from ingest.sources import RawSource
from ingest.structure import find_title, sections, tidy_title

if TYPE_CHECKING:
    from langchain_text_splitters import TextSplitter

SEPARATORS = ["\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ", ""]
OPENING = 1500  # characters in which a publication date is looked for


def make_splitter(chunk_size: int, chunk_overlap: int) -> TextSplitter:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    return RecursiveCharacterTextSplitter(
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        separators=SEPARATORS,
        keep_separator="end",
        strip_whitespace=True,
    )


def period_label(period: str) -> str:
    """ "2023-12" -> "December 2023": the words a question uses, for embedding and keyword search."""
    if len(period) == 7:
        return f"{MONTHS[int(period[5:]) - 1].capitalize()} {period[:4]}"
    return period


def context_line(title: str, period: str, section: str) -> str:
    parts = [title]
    label = period_label(period)
    if label and label.lower() not in title.lower():
        parts.append(label)
    if section:
        parts.append(section)
    return " · ".join(p for p in parts if p)


def _cells(row: str) -> int:
    return len(row.strip().strip("|").split("|")) if is_table_row(row) else 0


def _table_header(text: str) -> str:
    """The first row of the section's first table, taken as its column names."""
    for block in text.split("\n\n"):
        rows = block.strip().splitlines()
        if len(rows) > 1 and all(is_table_row(r) for r in rows[:2]):
            return rows[0].strip()
    return ""


def _prose_chunks(documents: list[Document], splitter: TextSplitter, title: str):
    """Normalised, sectioned and split; the headings travel as metadata, not as chunk text."""
    chunks: list[Document] = []
    carried: tuple[str, ...] = ()
    for page, document in enumerate(documents):
        for number, section in enumerate(sections(normalize(document.page_content), carried)):
            # a page that opens under the last page's heading continues that section: its first
            # chunk is no section's opening
            continued = page > 0 and number == 0 and section.path == carried
            carried = section.path
            path = [h for h in section.path if h.lower() != title.lower()]
            meta = {**document.metadata, "section": " > ".join(path)[:300]}
            pieces = splitter.split_documents([Document(page_content=section.text, metadata=meta)])
            header = _table_header(section.text)
            for i, piece in enumerate(pieces):
                piece.metadata["lead"] = i == 0 and not continued  # a section's opening states its main fact
                first = piece.page_content.lstrip().split("\n", 1)[0]
                if header and _cells(first) == _cells(header) and header not in piece.page_content:
                    piece.page_content = f"{header}\n{piece.page_content}"  # rows keep their column names
            chunks += pieces
    return chunks


def to_chunks(
    raw: RawSource,
    documents: list[Document],
    splitter: TextSplitter,
    kind: str | None = None,
    date: str | None = None,
) -> list[Document]:
    """Split, then stamp each chunk with source identity, document context, position and hashes."""
    first = documents[0].metadata
    prose = [d for d in documents if "row" not in d.metadata]
    rows = [d for d in documents if "row" in d.metadata]  # table rows: one chunk each, never re-flowed
    is_table = not prose
    opening = normalize(prose[0].page_content[: OPENING * 4]) if prose else ""
    title = (
        tidy_title(first.get("title") or "")
        or find_title(opening)
        or Path(raw.source.split("?")[0]).stem.replace("_", " ").replace("-", " ")
    )
    doc_kind = (
        kind
        or first.get("kind")
        or guess_kind(raw.extension, title, " ".join(d.page_content for d in documents[:3]))
    )
    doc_date = date or first.get("date") or find_date(opening[:OPENING])
    period = "" if is_table else first.get("period") or find_period(title)
    chunks = (_prose_chunks(prose, splitter, title) if prose else []) + splitter.split_documents(rows)
    ingested_at = int(time.time())
    digest = raw.digest
    for index, chunk in enumerate(chunks):
        meta = chunk.metadata
        section = meta.get("section", "")
        meta.update(
            source=raw.source,
            title=title[:300],
            date=date or meta.get("date") or doc_date or "",
            period=period,
            section=section,
            context=context_line(title[:300], period, section),
            kind=doc_kind,
            chunk=index,
            chunks=len(chunks),
            file_hash=digest,
            content_hash=hashlib.sha256(chunk.page_content.encode()).hexdigest(),
            ingested_at=ingested_at,
        )
        chunk.id = hashlib.sha256(f"{raw.source}\x00{digest}\x00{index}".encode()).hexdigest()[:40]
    return chunks
