"""The ingest service end to end on a real embedded Chroma store."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
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
    deleted = ingestor.delete([str(path)])
    assert (deleted.removed, deleted.unknown, deleted.sources) == (1, [], [str(path.resolve())])
    assert str(path.resolve()) not in ingestor.store.versions()
    index = KeywordIndex(settings.keyword_dir)
    assert index.revision == ingestor.store.revision()
    assert index.search("1,200 Seattle", 5) == []
    missing = ingestor.delete(["nothing-like-this"])
    assert (missing.removed, missing.unknown) == (0, ["nothing-like-this"])


def test_a_name_matching_several_documents_deletes_nothing_and_lists_them(ingestor, settings, tmp_path):
    for name in ("alpha.md", "beta.md", "gamma.md"):
        _write(tmp_path / name, f"Title: {name}\n\nAcme cut 12 jobs in {name[:-3]}ville.")
    ingestor.run([str(tmp_path)])
    typo = run_cli(settings.data_dir, "docs", "delete", "a")
    assert typo.returncode == 1 and "matches 3 documents" in typo.stderr, typo.stderr
    assert all(str(tmp_path / n) in typo.stderr.replace("\n", "") for n in ("alpha.md", "beta.md"))
    assert len(ingestor.store.sources()) == 3
    by_name = ingestor.delete(["beta.md"])  # a file's name is exact enough when one file has it
    assert by_name.sources == [str(tmp_path / "beta.md")] and not by_name.ambiguous
    part = ingestor.delete(["gamm"])  # part of one name: listed, not deleted
    assert part.removed == 0 and part.ambiguous == {"gamm": [str(tmp_path / "gamma.md")]}
    everything = run_cli(settings.data_dir, "docs", "delete", "--all-matching", "a")
    assert everything.returncode == 0, everything.stderr
    assert ingestor.store.sources() == []


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
    assert reasons["scan.pdf"] == "no text, even by OCR"
    assert [r.source for r in report.results if r.status == "unsupported"] == [str(tmp_path / "image.png")]
    assert report.added == 1 and ingestor.store.count() == before + 1


@contextmanager
def _web(folder, host="127.0.0.1", redirect_to: str | None = None):
    """A real HTTP server on `host` serving `folder`; with `redirect_to`, every GET answers 302 there."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server name
            if redirect_to:
                self.send_response(302)
                self.send_header("Location", redirect_to)
                self.end_headers()
            else:
                super().do_GET()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer((host, 0), partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()


PAGE = (
    "<html><head><title>Gamma layoffs</title></head><body><p>"
    + "Gamma Ltd laid off 450 people in Austin after adopting AI support agents. " * 5
    + "</p></body></html>"
)


def test_url_ingest_from_a_web_server_in_an_allowed_network(settings, tmp_path):
    from assistant.wiring import open_ingestor

    _write(tmp_path / "page.html", PAGE)
    ingestor = open_ingestor(settings.model_copy(update={"allowed_url_networks": ["127.0.0.1/32"]}))
    with _web(tmp_path) as base:
        report = ingestor.run([f"{base}/page.html", f"{base}/missing.html"])
    assert report.added >= 1
    assert report.failures[0].reason.startswith("HTTP 404")
    versions = ingestor.store.versions()
    assert versions[f"{base}/page.html"][0].title == "Gamma layoffs"


def test_loopback_link_local_and_private_urls_are_refused_by_default(ingestor, tmp_path):
    _write(tmp_path / "page.html", PAGE)
    with _web(tmp_path) as base:
        urls = [f"{base}/page.html", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/x.html"]
        report = ingestor.run(urls)
    reasons = {r.source: r.reason for r in report.failures}
    assert set(reasons) == set(urls) and all(r.startswith("refused") for r in reasons.values()), reasons
    assert "loopback" in reasons[urls[0]] and "link-local" in reasons[urls[1]]
    assert ingestor.store.count() == 0


def test_a_redirect_from_an_allowed_host_to_loopback_is_refused(settings, tmp_path):
    from assistant.wiring import open_ingestor

    _write(tmp_path / "page.html", PAGE)
    ingestor = open_ingestor(settings.model_copy(update={"allowed_url_networks": ["127.0.0.2/32"]}))
    with _web(tmp_path) as target, _web(tmp_path, "127.0.0.2", f"{target}/page.html") as allowed:
        report = ingestor.run([f"{allowed}/page.html"])
    [failure] = report.failures
    assert failure.reason.startswith("refused") and "127.0.0.1" in failure.reason
    assert ingestor.store.count() == 0


def test_allow_private_fetches_a_loopback_page_from_the_cli(settings, tmp_path):
    _write(tmp_path / "page.html", PAGE)
    with _web(tmp_path) as base:
        refused = run_cli(settings.data_dir, "ingest", f"{base}/page.html")
        allowed = run_cli(settings.data_dir, "ingest", "--allow-private", f"{base}/page.html")
    assert refused.returncode == 1 and "refused" in refused.stderr
    assert allowed.returncode == 0, allowed.stderr
    assert "1 read, 0 failed" in allowed.stdout


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


def test_docs_list_as_json_and_piped_keeps_whole_paths_and_loads_no_model(settings, tmp_path):
    folder = tmp_path / "a-folder-with-a-rather-long-name-that-a-narrow-table-would-wrap"
    folder.mkdir()
    _write(
        folder / "zedcorp-warn-notice.md", "# Zedcorp WARN notice\n\nZedcorp will cut 40 jobs at its plant."
    )
    assert run_cli(settings.data_dir, "ingest", str(folder)).returncode == 0
    listed = run_cli(settings.data_dir, "docs", "list", "--json")
    [doc] = json.loads(listed.stdout)
    assert doc["source"] == str(folder / "zedcorp-warn-notice.md")
    assert (doc["title"], doc["chunks"]) == ("Zedcorp WARN notice", 1)
    piped = run_cli(settings.data_dir, "docs", "list")  # stdout is a pipe here, as under grep
    [line] = [line for line in piped.stdout.splitlines() if "zedcorp" in line]
    assert line.split("\t")[:2] == [str(folder / "zedcorp-warn-notice.md"), "Zedcorp WARN notice"]
    timed = run_cli(settings.data_dir, "docs", "list", env={"PYTHONPROFILEIMPORTTIME": "1"})
    imported = {line.rsplit("|", 1)[-1].strip() for line in timed.stderr.splitlines() if "|" in line}
    assert imported and not imported & {"torch", "transformers", "sentence_transformers"}


def test_ingest_from_a_script_on_standard_input_reads_files_in_its_worker(settings, tmp_path):
    """The parsing worker is its own module: it never re-runs the caller's script, which a REPL, a
    notebook or `python -` does not even have as a file."""
    _write(tmp_path / "a.md", ARTICLE)
    data, path = str(settings.data_dir), str(tmp_path / "a.md")
    script = (
        "from assistant.settings import Settings\nfrom assistant.wiring import open_ingestor\n"
        f"report = open_ingestor(Settings(data_dir={data!r})).run([{path!r}])\n"
        "print(report.summary())\n"
    )
    result = subprocess.run([sys.executable, "-"], input=script, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 read, 0 failed")
