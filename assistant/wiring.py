"""Build the parts from settings: the only place that knows how they fit together."""

from __future__ import annotations

from assistant.ingestion import Ingestor
from assistant.settings import Settings
from vectorstore import ChunkStore, load_embeddings, open_client


def open_store(settings: Settings) -> ChunkStore:
    client = open_client(
        path=None if settings.chroma_url else settings.chroma_path,
        url=settings.chroma_url,
        headers=settings.chroma_headers,
    )
    return ChunkStore(client, load_embeddings(settings.embed_batch_size), settings.collection)


def open_ingestor(settings: Settings) -> Ingestor:
    return Ingestor(open_store(settings), settings)
