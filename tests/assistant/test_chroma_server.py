"""The same code against a real `chroma run` server on 127.0.0.1, selected by settings only."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from assistant.settings import Settings
from tests.conftest import SAMPLES, free_port, running_server


@pytest.fixture
def chroma_url(tmp_path):
    port = free_port()
    chroma = str(Path(sys.executable).parent / "chroma")
    url = f"http://127.0.0.1:{port}"
    command = [chroma, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)]
    with running_server(command, f"{url}/api/v2/heartbeat", timeout=60):
        yield url


def test_ingest_answer_and_delete_through_a_chroma_server(chroma_url, tmp_path):
    from assistant import Assistant
    from assistant.ingestion import Ingestor

    shutil.copytree(SAMPLES, tmp_path / "samples")
    settings = Settings(data_dir=tmp_path / "local", chroma_url=chroma_url, generator="extractive")
    assistant = Assistant(settings)
    ingestor = Ingestor(assistant.store, settings)
    report = ingestor.run([str(tmp_path / "samples")])
    assert report.added > 0 and not report.failures
    assert not (tmp_path / "local" / "chroma").exists()  # nothing embedded: the server holds the data

    result = assistant.answer("What was the unemployment rate in August 2025?")
    assert "4.3 percent" in result.text and result.citations

    # a second client (another machine, say) sees the same store and rebuilds its own keyword index
    other = Assistant(settings.model_copy(update={"data_dir": tmp_path / "elsewhere"}))
    assert "4.3 percent" in other.answer("What was the unemployment rate in August 2025?").text

    deleted = ingestor.delete(["jobs-report-august-2025.pdf"])
    assert deleted.removed > 0 and deleted.unknown == [] and len(deleted.sources) == 1
    assert assistant.answer("What was the unemployment rate in August 2025?").refused
    assert other.answer("What was the unemployment rate in August 2025?").refused
