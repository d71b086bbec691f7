"""Shared fixtures: real files, a real embedded Chroma store, the real embedding model."""

from __future__ import annotations

import datetime
import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from fpdf import FPDF

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.models import model_path  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.wiring import open_ingestor  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# `make test` installs the local model into the shared model dir; tests that run it point there.
INSTALLED_MODEL = Settings().model_path or model_path(Settings().models_dir)


def require_local_model() -> Path:
    """The installed model, verified; a skip without it, or a failure in CI where `make test` installs it."""
    from assistant.models import verified_model

    if not INSTALLED_MODEL.exists():
        if os.environ.get("CI"):
            pytest.fail(
                f"local model missing at {INSTALLED_MODEL}: `make test` runs `layoffqa models install`"
            )
        pytest.skip("local model not installed (layoffqa models install)")
    return verified_model(INSTALLED_MODEL)


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


def make_workbook(path: Path) -> bytes:
    """A workbook with a titled sheet, a plain sheet and an empty one, as state WARN lists come."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = "2024 notices"
    first.append(["State WARN notices received in 2024"])  # a title row above the header
    first.append(["Employer", "Workers", "Notice date"])
    first.append(["Hooli", 120, datetime.datetime(2024, 2, 1)])
    first.append([None, None, None])
    first.append(["Initech", 80.0, datetime.datetime(2024, 3, 5)])
    second = book.create_sheet("2025 notices")
    second.append(["Employer", "Workers", "Notice date"])
    second.append(["Globex", 45, "2025-01-09"])
    book.create_sheet("Notes")  # an empty sheet beside the data, as workbooks have
    book.save(path)
    return path.read_bytes()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def ingestor(settings: Settings):
    return open_ingestor(settings)


def extractive_over(folder: Path, data: Path):
    """An extractive Assistant over the documents in `folder`, ingested into `data` (failing the
    test if any document fails)."""
    from assistant import Assistant

    settings = Settings(data_dir=data, generator="extractive")
    report = open_ingestor(settings).run([str(folder)])
    assert not report.failures, report.failures
    return Assistant(settings, generator="extractive")


def extractive_on(documents: dict[str, str], root: Path):
    """An extractive Assistant over invented documents (file name: text), written into `root`."""
    for name, text in documents.items():
        (root / name).write_text(text)
    return extractive_over(root, root / "data")


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


def run_cli(
    data_dir: Path, *args: str, timeout: float = 600, env: dict | None = None
) -> subprocess.CompletedProcess:
    """`layoffqa --data-dir DATA_DIR ARGS...` in a child process, as a user runs it."""
    command = [sys.executable, "-m", "assistant.interfaces.cli", "--data-dir", str(data_dir), *args]
    environment = {**os.environ, **(env or {})}
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=environment)


@contextmanager
def running_server(command: list[str], health_url: str, timeout: float = 120):
    """Start a server process, wait until health_url answers, stop it afterwards."""
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if requests.get(health_url, timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail(f"server {command[0]} did not start")
            time.sleep(0.3)
        yield
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def record_scans(store) -> list:
    """Every `where` the store's scans of served chunks are asked for, from now on: what a cache
    reads again from the store after a change."""
    read, scan = [], store.scan_served

    def recording(where=None, documents=True, **options):
        read.append(where)
        return scan(where, documents, **options)

    store.scan_served = recording
    return read
