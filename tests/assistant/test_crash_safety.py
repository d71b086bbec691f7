"""Crash-safe ingestion: a SIGKILL mid-batch, then a re-run, leaves every source whole, once;
`layoffqa doctor` finds and repairs the states a crash can leave."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from assistant.doctor import examine
from assistant.wiring import open_ingestor
from ingest import RawSource, load, make_splitter, to_chunks
from tests.conftest import record_scans
from vectorstore import KeywordIndex

WORDS = "layoff notice payroll retraining warehouse cloud support engineers severance benefits".split()


def _corpus(folder: Path, files: int) -> None:
    folder.mkdir()
    for i in range(files):
        body = " ".join(
            f"Company {i} cut {i * 7 + j} {WORDS[(i + j) % len(WORDS)]} jobs." for j in range(120)
        )
        (folder / f"doc-{i:03d}.txt").write_text(f"Title: Brief {i}\n\n{body}\n")


def _folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def _assert_consistent(ingestor, sources: int) -> None:
    versions = ingestor.store.versions()
    assert len(versions) == sources
    assert all(len(v) == 1 and v[0].complete for v in versions.values())
    rows = list(ingestor.store.scan(documents=False))
    keys = [(m["source"], m["chunk"]) for _, _, m in rows]
    assert len(keys) == len(set(keys)) == sum(v[0].expected for v in versions.values())
    index = KeywordIndex(ingestor.settings.keyword_dir)
    assert index.revision == ingestor.store.revision()
    assert index.ids() == {i for i, _, _ in rows}


def test_sigkill_mid_ingest_then_rerun_stores_every_source_once(settings, tmp_path):
    docs = tmp_path / "docs"
    _corpus(docs, 120)
    cli = [
        sys.executable,
        "-m",
        "assistant.interfaces.cli",
        "--data-dir",
        str(settings.data_dir),
        "ingest",
        str(docs),
    ]
    process = subprocess.Popen(cli, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    chroma = settings.data_dir / "chroma"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (chroma.exists() and _folder_size(chroma) > 600_000):
        time.sleep(0.2)  # wait for the first batch of chunks to land
    time.sleep(0.5)
    os.kill(process.pid, signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL, "the ingest finished before it could be killed"

    crashed = open_ingestor(settings)
    left = crashed.store.versions()
    checkup = examine(crashed, repair=False)  # what the crash left
    assert left, "the kill came before anything was stored"
    # every source the crash left is whole, or its partial version is named by the doctor
    for source, versions in left.items():
        whole = len(versions) == 1 and versions[0].complete and versions[0].stored == versions[0].expected
        assert whole or any(p.startswith(f"{source}: ") for p in checkup.problems), (source, versions)
    rerun = subprocess.run(cli, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    ingestor = open_ingestor(settings)
    _assert_consistent(ingestor, 120)
    assert examine(ingestor).healthy


def test_doctor_repairs_a_partial_new_version_and_a_stale_keyword_index(ingestor, settings, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title: Acme\n\n" + "Acme cut 1,200 jobs in Seattle. " * 60)
    ingestor.run([str(path)])
    # a crash after writing part of a changed version: two versions, the new one partial
    raw = RawSource(str(path.resolve()), (path.read_text() + " More cuts.").encode(), ".txt")
    changed = to_chunks(raw, load(raw), make_splitter(200, 20))
    ingestor.store.write(changed[: len(changed) // 2])
    checkup = examine(ingestor)
    assert any("partial version" in p for p in checkup.problems)
    assert "rebuilt the keyword index" in checkup.repairs
    _assert_consistent(ingestor, 1)
    assert examine(ingestor).healthy


def _layoffs_csv(rows: int, per_row: int) -> str:
    lines = ["company,total_laid_off,date"]
    lines += [f"Firm{i:04d},{per_row},2025-0{1 + i % 9}-1{i % 9}" for i in range(rows)]
    return "\n".join(lines) + "\n"


def test_a_crash_mid_update_leaves_the_old_version_answering(ingestor, settings, tmp_path):
    """A changed table whose new rows were half written when the process died: passages and the
    table path both keep serving the old version, also after an unrelated ingest, until the new
    version is written whole."""
    from assistant import Assistant

    path = tmp_path / "cuts.csv"
    path.write_text(_layoffs_csv(40, 10))
    ingestor.run([str(path)])
    raw = RawSource(str(path.resolve()), _layoffs_csv(60, 7).encode(), ".csv")
    new = ingestor.parse(raw, None, None)
    ingestor.store.write(new[: len(new) // 2])  # the crash: part of the new version, never committed

    assistant = Assistant(settings, generator="extractive")
    total = "How many people were laid off in total?"
    assert "400" in assistant.answer(total).text
    (tmp_path / "other.md").write_text("Title: Other\n\nOrrin Mills cut 9 jobs in Akron.\n")
    ingestor.run([str(tmp_path / "other.md")])
    assert "400" in assistant.answer(total).text
    served = [m for _, _, m in ingestor.store.scan_served() if m["source"] == str(path.resolve())]
    assert len(served) == 40 and {m["col_total_laid_off"] for m in served} == {"10"}
    assert not any("Firm0050" in c.text for c in assistant.retrieve("Firm0050 laid off", k=10))

    path.write_text(_layoffs_csv(60, 7))
    ingestor.run([str(path)])
    assert "420" in assistant.answer(total).text
    _assert_consistent(ingestor, 2)


def test_doctor_repairs_a_keyword_index_that_lost_a_document(ingestor, tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.md").write_text(f"Title: {name}\n\nOrrin{name} Freight cut 41 jobs in Akron.\n")
    ingestor.run([str(tmp_path)])
    ingestor.keyword.replace({}, removed=[str(tmp_path / "a.md")], revision=ingestor.store.revision())
    assert ingestor.keyword.search("Orrina", 5) == []
    checkup = examine(ingestor)
    assert checkup.problems == ["keyword index is out of step with the store"]
    assert ingestor.keyword.search("Orrina", 5) and examine(ingestor).healthy


def test_a_reader_whose_index_is_behind_catches_up_by_document(ingestor, settings, tmp_path):
    """Another machine on the same Chroma (here: another data dir on the same store) changed one
    document: this reader reads that document again, not the whole collection."""
    from assistant.retrieval.hybrid import KeywordIndexCache

    for name in ("a", "b"):
        (tmp_path / f"{name}.md").write_text(f"Title: {name}\n\nQuillon{name} cut 41 jobs in Akron.\n")
    ingestor.run([str(tmp_path)])
    cache = KeywordIndexCache(ingestor.store, tmp_path / "elsewhere")
    assert cache.get().search("Quillona", 5)
    read = record_scans(ingestor.store)
    (tmp_path / "b.md").write_text("Title: b\n\nMarrowby cut 12 jobs in Toledo.\n")
    ingestor.run([str(tmp_path / "b.md")])
    assert cache.get().search("Marrowby", 5) and not cache.get().search("Quillonb", 5)
    assert read == [{"source": str(tmp_path / "b.md")}]
