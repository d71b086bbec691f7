"""Shared fixtures: real files, a real embedded Chroma store, the real embedding model."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from fpdf import FPDF

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.settings import Settings  # noqa: E402
from assistant.wiring import open_ingestor  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def make_pdf(path: Path, pages: list[str], title: str = "") -> Path:
    pdf = FPDF()
    if title:
        pdf.set_title(title)
    for text in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        if text:
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def ingestor(settings: Settings):
    return open_ingestor(settings)


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory) -> Settings:
    """The sample corpus, ingested once for all answer tests."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SAMPLES, root / "samples")
    settings = Settings(data_dir=root / "data", generator="extractive")
    report = open_ingestor(settings).run([str(root / "samples")])
    assert not report.failures, report.failures
    return settings


@pytest.fixture(scope="session")
def assistant(corpus_settings: Settings):
    from assistant import Assistant

    return Assistant(corpus_settings, generator="extractive")
