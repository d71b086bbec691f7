"""Settings, retrieval, answering and the user-facing entry points (CLI, UI, Python API).

from assistant import answer
result = answer("How many tech workers were laid off in 2025, and why?")
"""

from assistant.service import Assistant, answer, stream_answer
from assistant.settings import Settings
from assistant.types import Answer, Citation

__all__ = ["Answer", "Assistant", "Citation", "Settings", "answer", "stream_answer"]
