"""Passages -> a cited answer: sentence ranking, generators (extractive and LLM), and the checks
that every marker points at a passage holding the sentence's figures."""
