"""Embeddings, the Chroma store with its record of ingested sources, and the keyword index."""

from vectorstore.embeddings import load_embeddings, packaged_model_path
from vectorstore.keyword import KeywordIndex
from vectorstore.store import ChunkStore, SourceVersion, open_client
from vectorstore.where import FILTER_KEYS, where_clause

__all__ = [
    "FILTER_KEYS",
    "ChunkStore",
    "KeywordIndex",
    "SourceVersion",
    "load_embeddings",
    "open_client",
    "packaged_model_path",
    "where_clause",
]
