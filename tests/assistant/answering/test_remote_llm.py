"""The `openai` generator against a real OpenAI-compatible server on 127.0.0.1
(llama-cpp-python's server running the local GGUF), streaming. Slow on 2 cores."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import INSTALLED_MODEL as MODEL
from tests.conftest import free_port, running_server


@pytest.fixture
def llm_server():
    if not MODEL.exists():
        pytest.fail(f"local model missing at {MODEL}: `make test` runs `layoffqa models install`")
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(MODEL),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_threads",
        "2",
        "--n_ctx",
        "4096",
        "--model_alias",
        "qwen-local",
    ]
    base = f"http://127.0.0.1:{port}/v1"
    with running_server(command, f"{base}/models"):
        yield base


@pytest.mark.slow
def test_answer_streams_through_an_openai_compatible_server(llm_server, corpus_settings):
    from assistant import Answer, Assistant, Sources

    settings = corpus_settings.model_copy(
        update={"openai_base_url": llm_server, "openai_model": "qwen-local", "generator": "openai"}
    )
    items = list(Assistant(settings).stream("What was the unemployment rate in August 2025?"))
    sources, pieces, final = items[0], items[1:-1], items[-1]
    assert isinstance(sources, Sources) and sources.passages  # the evidence before the first word
    assert isinstance(final, Answer) and not final.refused, final
    assert len(pieces) > 3 and all(isinstance(p, str) for p in pieces)  # it streamed
    assert "4.3" in final.text
    assert any("4.3" in c.text for c in final.citations)
