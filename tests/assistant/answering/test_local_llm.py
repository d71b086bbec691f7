"""The real local model (Qwen2.5-Coder-1.5B-Instruct GGUF via llama.cpp) on one question.

Slow on 2 cores (about half a minute). `make test` installs the model first, so CI runs this.
"""

from __future__ import annotations

import os
import re

import pytest

from assistant.models import verified_model
from tests.conftest import INSTALLED_MODEL as MODEL


@pytest.mark.slow
def test_local_model_answers_with_a_citation_to_the_passage_holding_the_figure(corpus_settings):
    if not MODEL.exists():
        if os.environ.get("CI"):
            pytest.fail(f"local model missing at {MODEL}: `make test` runs `layoffqa models install`")
        pytest.skip("local model not installed (layoffqa models install)")
    from assistant import Assistant

    settings = corpus_settings.model_copy(update={"model_path": verified_model(MODEL), "generator": "local"})
    result = Assistant(settings).answer("What was the unemployment rate in August 2025?")
    assert not result.refused, result.text
    assert "4.3" in result.text, result.text
    cited = {c.n: c.text for c in result.citations}
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", result.text)}
    assert markers and markers <= set(cited)
    assert any("4.3" in cited[n] for n in markers), (result.text, result.citations)
