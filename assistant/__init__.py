"""Settings, retrieval, answering and the user-facing entry points (CLI, UI, Python API).

from assistant import answer
result = answer("How many tech workers were laid off in 2025, and why?")

The names below load on first use, so `layoffqa docs list` and `--help` do not import the answering
stack they never run.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

_WHERE = {
    "Answer": "assistant.types",
    "Citation": "assistant.types",
    "Sources": "assistant.types",
    "Settings": "assistant.settings",
    "Assistant": "assistant.service",
    "answer": "assistant.service",
    "stream_answer": "assistant.service",
}

if TYPE_CHECKING:
    from assistant.service import Assistant, answer, stream_answer
    from assistant.settings import Settings
    from assistant.types import Answer, Citation, Sources

__all__ = ["Answer", "Assistant", "Citation", "Settings", "Sources", "answer", "stream_answer"]


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'assistant' has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)
