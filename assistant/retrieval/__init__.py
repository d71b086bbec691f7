"""Question -> passages: hybrid dense and keyword search, follow-up rewriting, and the relevance
gate that decides whether the passages can answer at all."""
