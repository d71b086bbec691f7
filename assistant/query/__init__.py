"""The question, read once: names, periods, the kind of answer wanted, its parts and follow-ups."""

from assistant.query.parse import Query, as_query, parse

__all__ = ["Query", "as_query", "parse"]
