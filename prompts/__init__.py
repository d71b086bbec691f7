"""Prompt templates as data, no logic."""

from prompts.answer import (
    EXAMPLE_ASSISTANT,
    EXAMPLE_USER,
    REFUSAL,
    REWRITE_SYSTEM,
    REWRITE_USER,
    SYSTEM,
    USER,
)

__all__ = ["EXAMPLE_ASSISTANT", "EXAMPLE_USER", "REFUSAL", "REWRITE_SYSTEM", "REWRITE_USER", "SYSTEM", "USER"]
