"""The prompt text is data, but the chain depends on its shape."""

from __future__ import annotations

import re
import string

import prompts


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_templates_take_exactly_the_inputs_the_chain_gives():
    assert _fields(prompts.USER) == {"sources", "question"}
    assert _fields(prompts.REWRITE_USER) == {"history", "question"}
    for fixed in (prompts.SYSTEM, prompts.EXAMPLE_USER, prompts.EXAMPLE_ASSISTANT, prompts.REWRITE_SYSTEM):
        assert _fields(fixed) == set()  # braces here would break ChatPromptTemplate


def test_the_worked_example_cites_a_source_it_gives_and_the_refusal_is_the_fixed_sentence():
    given = set(re.findall(r"^\[(\d+)\]", prompts.EXAMPLE_USER, re.M))
    cited = set(re.findall(r"\[(\d+)\]", prompts.EXAMPLE_ASSISTANT))
    assert cited and cited <= given
    assert prompts.REFUSAL in prompts.SYSTEM
    assert "<sources>" in prompts.USER and "</sources>" in prompts.USER
