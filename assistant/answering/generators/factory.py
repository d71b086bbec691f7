"""Pick and build a generator from settings. One local LLM per process, shared behind a lock:
on 2 cores, generations queue rather than run in parallel."""

from __future__ import annotations

import atexit
import importlib.util
import logging
import threading
from functools import lru_cache
from pathlib import Path

from assistant.answering.generators import Generator
from assistant.answering.generators.chat import ChatGenerator
from assistant.answering.generators.extractive import ExtractiveGenerator
from assistant.answering.sentences import SentenceRanker
from assistant.models import model_path, verified_model
from assistant.settings import Settings

log = logging.getLogger("layoffqa")
LOCAL_LOCK = threading.Lock()
_WARMED: set[int] = set()


def local_model_file(settings: Settings) -> Path:
    return settings.model_path or model_path(settings.models_dir)


def resolve(name: str, settings: Settings) -> tuple[str, str | None]:
    """The concrete generator for `name`, and a notice when `auto` had to fall back."""
    if name != "auto":
        return name, None
    if local_model_file(settings).exists() and importlib.util.find_spec("llama_cpp"):
        return "local", None
    if settings.openai_base_url:
        return "openai", None
    return "extractive", (
        "No local model installed and no LLM server configured: answering in extractive mode "
        "(quoted sentences). Run `layoffqa models install` for generated answers."
    )


@lru_cache(maxsize=2)
def _local_chat(path: Path, threads: int, context: int, max_tokens: int):
    from assistant.answering.generators.llamacpp import LlamaCppChat

    chat = LlamaCppChat.load(verified_model(path), threads, context, max_tokens)
    atexit.register(chat.client.close)  # free it before interpreter teardown, which llama.cpp trips on
    return chat


def build(name: str, settings: Settings, ranker: SentenceRanker) -> Generator:
    if name == "extractive":
        return ExtractiveGenerator(ranker)
    if name == "local":
        chat = _local_chat(
            local_model_file(settings), settings.llm_threads, settings.llm_context, settings.max_tokens
        )
        generator = ChatGenerator(
            "local", chat, ranker, lock=LOCAL_LOCK, measure=chat.count_tokens, quotes_rules=True
        )
        if id(chat) not in _WARMED:  # once per loaded model, not once per Assistant
            generator.warm_up()
            _WARMED.add(id(chat))
        return generator
    if name == "openai":
        from langchain_openai import ChatOpenAI

        if not settings.openai_base_url and not settings.openai_api_key:
            raise ValueError("the openai generator needs LAYOFFQA_OPENAI_BASE_URL (or an API key for OpenAI)")
        chat = ChatOpenAI(
            base_url=settings.openai_base_url,
            model=settings.openai_model,
            api_key=settings.openai_api_key or "not-needed",
            temperature=0,
            max_tokens=settings.max_tokens,
            timeout=120,
            max_retries=1,
        )
        return ChatGenerator("openai", chat, ranker)
    raise ValueError(f"unknown generator {name!r} (auto, local, openai or extractive)")
