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
from prompts.sql import SQL_EXAMPLE_ASSISTANT, SQL_EXAMPLE_USER, SQL_SYSTEM, SQL_USER

__all__ = [
    "EXAMPLE_ASSISTANT",
    "EXAMPLE_USER",
    "REFUSAL",
    "REWRITE_SYSTEM",
    "REWRITE_USER",
    "SQL_EXAMPLE_ASSISTANT",
    "SQL_EXAMPLE_USER",
    "SQL_SYSTEM",
    "SQL_USER",
    "SYSTEM",
    "USER",
]
