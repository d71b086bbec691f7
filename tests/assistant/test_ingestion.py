"""The ingest service end to end on a real embedded Chroma store."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
import time
from functools import partial

import pytest

from tests.conftest import make_pdf, run_cli
from vectorstore import KeywordIndex

ARTICLE = (
    "Title: Acme layoffs\nDate: 2025-03-04\n\nAcme Corp laid off 1,200 employees in Seattle in March 2025.\n"
)


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_reingest_of_unchanged_files_adds_nothing(ingestor, tmp_path):
    _write(tmp_path / "a.md", ARTICLE)
    make_pdf(tmp_path / "b.pdf", ["Page one.", "Page two mentions 4.3 percent unemployment."])
    first = ingestor.run([str(tmp_path)])
    count = ingestor.store.count()
    second = ingestor.run([str(tmp_path)])
    assert first.added == count > 0
    assert (second.added, second.updated, second.deleted) == (0, 0, 0)
    assert second.unchanged == count
    assert ingestor.store.count() == count


def test_changed_file_replaces_its_old_chunks(ingestor, tmp_path):
    path = _write(tmp_path / "a.md", ARTICLE)
    ingestor.run([str(path)])
    _write(path, ARTICLE.replace("1,200", "2,400"))
    report = ingestor.run([str(path)])
    texts = [t for _, t, _ in ingestor.store.scan()]
    assert report.updated == 1 and report.deleted == 1 and report.added == 0
    assert len(texts) == 1 and "2,400" in texts[0]


def test_delete_removes_chunks_record_and_keyword_entries(ingestor, settings, tmp_path):
    path = _write(tmp_path / "a.md", ARTICLE)
    _write(tmp_path / "b.md", "Title: Other\n\nNothing about Acme here, only WARN notices.")
    ingestor.run([str(tmp_path)])
    removed, unknown = ingestor.delete([str(path)])
    assert removed == 1 and unknown == []
    assert str(path.resolve()) not in ingestor.store.versions()
    index = KeywordIndex.load(settings.keyword_dir)
    assert index.revision == ingestor.store.revision()
    assert index.search("1,200 Seattle", 5) == []
    assert ingestor.delete(["nothing-like-this"]) == (0, ["nothing-like-this"])


def test_bad_files_fail_one_by_one_and_the_rest_go_in(ingestor, settings, tmp_path):
    tmp_path = tmp_path / "docs"
    tmp_path.mkdir()
    good = _write(tmp_path / "good.md", ARTICLE)
    ingestor.run([str(good)])
    before = ingestor.store.count()
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff\x00\xfe" * 100)
    (tmp_path / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj garbage")
    make_pdf(tmp_path / "scan.pdf", [""])
    (tmp_path / "big.txt").write_bytes(b"a" * (2 * 1024 * 1024))
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    _write(tmp_path / "new.md", "Title: New\n\nBeta Inc cut 300 jobs.")
    ingestor.settings = settings.model_copy(update={"max_file_mb": 1})
    report = ingestor.run([str(tmp_path), str(tmp_path / "missing.pdf")])
    reasons = {r.source.split("/")[-1]: r.reason for r in report.failures}
    assert set(reasons) == {"empty.txt", "binary.txt", "corrupt.pdf", "scan.pdf", "big.txt", "missing.pdf"}
    assert "over the 1 MB limit" in reasons["big.txt"]
    assert reasons["missing.pdf"] == "no such file or folder"
    assert reasons["scan.pdf"] == "no text layer; OCR is not supported"
    assert [r.source for r in report.results if r.status == "unsupported"] == [str(tmp_path / "image.png")]
    assert report.added == 1 and ingestor.store.count() == before + 1


def test_url_ingest_from_a_local_http_server(ingestor, tmp_path):
    _write(
        tmp_path / "page.html",
        "<html><head><title>Gamma layoffs</title></head><body><p>"
        + "Gamma Ltd laid off 450 people in Austin after adopting AI support agents. " * 5
        + "</p></body></html>",
    )
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        report = ingestor.run([f"{base}/page.html", f"{base}/missing.html"])
    finally:
        server.shutdown()
    assert report.added >= 1
    assert report.failures[0].reason.startswith("HTTP 404")
    versions = ingestor.store.versions()
    assert versions[f"{base}/page.html"][0].title == "Gamma layoffs"


def test_cli_exits_1_on_failures_and_a_second_ingest_waits_for_the_lock(settings, tmp_path):
    from filelock import FileLock

    _write(tmp_path / "a.md", ARTICLE)
    cli = [sys.executable, "-m", "assistant.interfaces.cli", "--data-dir", str(settings.data_dir), "ingest"]
    settings.data_dir.mkdir(parents=True)
    lock = FileLock(str(settings.lock_path))
    lock.acquire()
    process = subprocess.Popen(
        [*cli, str(tmp_path / "a.md"), str(tmp_path / "nope.md")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(8)
    assert process.poll() is None  # waiting
    lock.release()
    out, err = process.communicate(timeout=120)
    assert "waiting" in err
    assert "nope.md: no such file or folder" in err
    assert "1 read, 1 failed" in out
    assert process.returncode == 1


@pytest.mark.parametrize("kind", ["policy"])
def test_kind_and_date_options_are_stamped_on_chunks(ingestor, tmp_path, kind):
    _write(tmp_path / "a.txt", "Rapid response teams meet workers after a WARN notice is filed.")
    ingestor.run([str(tmp_path / "a.txt")], kind=kind, date="2024-01-02")
    [(_, _, meta)] = list(ingestor.store.scan())
    assert (meta["kind"], meta["date"], meta["date_num"]) == (kind, "2024-01-02", 20240102)
    # the same bytes ingested as another kind replace the old version
    report = ingestor.run([str(tmp_path / "a.txt")], kind="article")
    [(_, _, meta)] = list(ingestor.store.scan())
    assert (report.updated, meta["kind"]) == (1, "article")


def test_a_written_out_date_is_read_and_a_bad_one_is_one_line(settings, tmp_path):
    doc = tmp_path / "memo.txt"
    doc.write_text("Zedcorp will cut 40 jobs at its plant.")
    good = run_cli(settings.data_dir, "ingest", str(doc), "--date", "March 2025")
    assert good.returncode == 0, good.stderr
    bad = run_cli(settings.data_dir, "ingest", str(doc), "--date", "someday soon")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "cannot read" in bad.stderr
