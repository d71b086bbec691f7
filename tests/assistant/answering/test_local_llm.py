"""The real local model (Qwen2.5-Coder-1.5B-Instruct GGUF via llama.cpp): a cited answer that holds
the grounding invariant, and follow-up rewrites of invented conversations.

Slow on 2 cores (about a minute in all). `make test` installs the model first, so CI runs this.
"""

from __future__ import annotations

import re

import pytest

from tests.assistant.answering.test_grounding import assert_grounded
from tests.conftest import require_local_model


@pytest.fixture(scope="module")
def local(corpus_settings):
    model = require_local_model()
    from assistant import Assistant

    settings = corpus_settings.model_copy(update={"model_path": model, "generator": "local"})
    return Assistant(settings)


@pytest.mark.slow
def test_local_model_answers_with_a_citation_to_the_passage_holding_the_figure(local):
    result = local.answer("What was the unemployment rate in August 2025?")
    assert not result.refused, result.text
    assert "4.3" in result.text, result.text
    cited = {c.n: c.text for c in result.citations}
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", result.text)}
    assert markers and markers <= set(cited)
    assert any("4.3" in cited[n] for n in markers), (result.text, result.citations)
    assert_grounded(result)


@pytest.mark.slow
def test_a_fragment_is_made_standalone_in_code_and_a_question_pointing_back_by_the_model(local):
    history = [
        {"role": "user", "content": "How many jobs did Quillwork Robotics cut in 2031?"},
        {"role": "assistant", "content": "Quillwork Robotics cut 640 jobs in 2031 [1]."},
    ]
    generator = local.generator("local")
    assert generator.rewrite("and in 2032?", history) == "How many jobs did Quillwork Robotics cut in 2032?"
    rewritten = generator.rewrite("How much did those cuts cost them?", history)
    assert "Quillwork" in rewritten, rewritten


@pytest.mark.slow
def test_a_new_question_with_its_own_subject_is_not_rewritten_by_the_model(local):
    history = [
        {"role": "user", "content": "How many jobs did Quillwork Robotics cut in 2031?"},
        {"role": "assistant", "content": "Quillwork Robotics cut 640 jobs in 2031 [1]."},
    ]
    assert local.generator("local").rewrite("What is WIOA?", history) == "What is WIOA?"


@pytest.mark.slow
def test_an_answer_after_a_rewrite_reads_only_its_new_tokens(local):
    """The rewrite's own prompt must not cost the next answer its cached system prompt and example."""
    import llama_cpp

    generator = local.generator("local")
    client = generator.answer_chain.steps[1].client
    sources, question = "[1] Quillwork Robotics cut 640 jobs in 2031.", "How many jobs did Quillwork cut?"
    generator.answer_chain.invoke({"sources": sources, "question": question})
    history = [{"role": "user", "content": "How many jobs did Quillwork Robotics cut in 2031?"}]
    generator.rewrite("How much did those cuts cost them?", history)  # a rewrite by the model
    llama_cpp.llama_perf_context_reset(client._ctx.ctx)
    generator.answer_chain.invoke({"sources": sources, "question": "And how many in 2032?"})
    read = llama_cpp.llama_perf_context(client._ctx.ctx).n_p_eval
    assert 0 < read < 40, read  # the question's tokens, not the ~300 of the fixed prefix
