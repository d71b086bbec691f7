"""Documents to chunks carrying everything a citation needs, with stable ids.

A chunk id depends on its source, the source's content hash and its position, so re-ingesting
the same bytes writes the same ids (no duplicates), and a changed source gets new ones.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from langchain_core.documents import Document
from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.kinds import guess_kind
from ingest.sources import RawSource

SEPARATORS = ["\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ", ""]


def make_splitter(chunk_size: int, chunk_overlap: int) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        separators=SEPARATORS,
        keep_separator="end",
        strip_whitespace=True,
    )


def to_chunks(
    raw: RawSource,
    documents: list[Document],
    splitter: RecursiveCharacterTextSplitter,
    kind: str | None = None,
    date: str | None = None,
) -> list[Document]:
    """Split, then stamp each chunk with source identity, position and a content hash."""
    first = documents[0].metadata
    title = first.get("title") or Path(raw.source.split("?")[0]).stem.replace("_", " ").replace("-", " ")
    doc_kind = (
        kind
        or first.get("kind")
        or guess_kind(raw.extension, title, " ".join(d.page_content for d in documents[:3]))
    )
    chunks = splitter.split_documents(documents)
    ingested_at = int(time.time())
    digest = raw.digest
    for index, chunk in enumerate(chunks):
        meta = chunk.metadata
        meta.update(
            source=raw.source,
            title=meta.get("title") or title,
            date=date or meta.get("date") or first.get("date") or "",
            kind=doc_kind,
            chunk=index,
            chunks=len(chunks),
            file_hash=digest,
            content_hash=hashlib.sha256(chunk.page_content.encode()).hexdigest(),
            ingested_at=ingested_at,
        )
        chunk.id = hashlib.sha256(f"{raw.source}\x00{digest}\x00{index}".encode()).hexdigest()[:40]
    return chunks
