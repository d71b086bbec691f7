"""The running Gradio app, driven through gradio_client on a free port on 127.0.0.1."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from gradio_client import Client, handle_file

from assistant.interfaces.ui import safe_upload_path
from assistant.settings import Settings
from prompts import REFUSAL
from tests.conftest import INSTALLED_MODEL, SAMPLES, free_port


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from assistant.ingestion import Ingestor
    from assistant.interfaces.ui import launch
    from assistant.service import Assistant

    root = tmp_path_factory.mktemp("ui")
    shutil.copytree(SAMPLES, root / "samples")
    model = INSTALLED_MODEL if INSTALLED_MODEL.exists() else None
    # started as `serve` starts by default (auto: the local model when installed); tests ask for
    # extractive answers, which every server offers
    assistant = Assistant(Settings(data_dir=root / "data", model_path=model), generator="auto")
    ingestor = Ingestor(assistant.store, assistant.settings)
    ingestor.run([str(root / "samples")])
    port = free_port()
    demo = launch(assistant, ingestor, "127.0.0.1", port, None, block=False)
    yield {"url": f"http://127.0.0.1:{port}/", "port": port, "root": root}
    demo.close()


@pytest.fixture(scope="module")
def client(server):
    return Client(server["url"], verbose=False)


def ask(client, question, history=None, kind="any", views=False):
    """(chat, sources, question box), and with `views` the result table, bar and line chart too."""
    outputs = client.predict(question, history or [], kind, "", "", "extractive", api_name="/ask")
    return outputs if views else outputs[:3]


def _text(message) -> str:
    content = message["content"]
    return content if isinstance(content, str) else " ".join(str(p.get("text", p)) for p in content)


def test_answer_has_linked_citations_and_sources(client):
    history, sources, box = ask(client, "What was the unemployment rate in August 2025?")
    answer = _text(history[-1])
    assert "4.3 percent" in answer and 'href="#src-' in answer
    assert 'id="src-1"' in sources and "4.3 percent" in sources and "<mark>" in sources
    assert box == ""


def test_a_ranking_answer_shows_its_table_and_a_bar_chart(client):
    history, _, _, result, bar, line = ask(client, "Top 3 companies by layoffs", views=True)
    assert "SQL" not in _text(history[-1]) and "[1]" in _text(history[-1])
    assert result["visible"] and result["value"]["headers"][:2] == ["company", "total"]
    assert len(result["value"]["data"]) == 3
    assert bar["visible"] and bar["value"]["mark"] == "bar" and len(bar["value"]["data"]) == 3
    assert not line["visible"]


def test_datasets_tab_lists_tables_with_charts(client):
    tables, chosen, over_time, top, sectors = client.predict(None, api_name="/datasets")
    [row] = [r for r in tables["data"] if r[1].endswith("layoff-events.csv")]
    assert row[3] > 10 and row[5] < row[6]  # rows, and a first date before the last
    assert over_time["visible"] and over_time["value"]["mark"] == "line"
    assert top["visible"] and top["x"] == "company" and sectors["x"] == "industry"


def test_an_ordinary_answer_shows_no_chart(client):
    _, _, _, result, bar, line = ask(client, "How much notice does the WARN Act require?", views=True)
    assert not result["visible"] and not bar["visible"] and not line["visible"]


def test_follow_up_uses_the_chat_history(client):
    history, _, _ = ask(client, "How many jobs did Amazon cut in 2025?")
    history, sources, _ = ask(client, "and in 2023?", history)
    assert "27,000" in _text(history[-1]) and "Amazon" in sources  # 2023's two rows, added up
    assert len(history) == 4


def test_refusal_shows_no_sources(client):
    history, sources, _ = ask(client, "How many employees did Oracle lay off?")
    assert _text(history[-1]) == REFUSAL
    assert "No sources" in sources


def test_upload_makes_a_document_answerable_and_delete_removes_it(client, tmp_path):
    doc = tmp_path / "zeta.md"
    doc.write_text(
        "Title: Zeta Robotics cuts\n\nZeta Robotics laid off 777 workers in Pittsburgh in May 2025 "
        "after deploying warehouse robots. <script>alert('x')</script> was in their memo.\n"
    )
    results, library, _ = client.predict([handle_file(str(doc))], "", api_name="/ingest")
    assert [r[1] for r in results["data"]] == ["added"]
    source = results["data"][0][0]
    assert any(row[0] == source for row in library["data"])
    history, sources, _ = ask(client, "How many workers did Zeta Robotics lay off?")
    assert "777" in _text(history[-1])
    assert "&lt;script&gt;" in sources and "<script>" not in sources
    client.predict(source, api_name="/delete")
    history, _, _ = ask(client, "How many workers did Zeta Robotics lay off?")
    assert _text(history[-1]) == REFUSAL


def test_server_listens_on_loopback_only(server):
    """The kernel's own table of listening sockets: the port is bound to 127.0.0.1, nothing else."""
    bound = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, port = fields[1].rsplit(":", 1)
            if int(port, 16) == server["port"] and fields[3] == "0A":  # 0A = LISTEN
                bound.add(address)
    assert bound == {"0100007F"}  # 127.0.0.1, little-endian hex


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "..\\..\\x.txt", "a/b/../../c.md", "....", "ok file.pdf"]
)
def test_upload_names_cannot_escape_the_upload_folder(tmp_path, name):
    target = safe_upload_path(tmp_path, name, b"some bytes")
    assert target.parent.parent == tmp_path.resolve()


def test_two_uploads_with_one_name_stay_two_documents_and_delete_removes_the_copy(client, server, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    (first / "memo.md").write_text("# Quorvex memo\n\nQuorvex will cut 41 jobs at its Fresno depot.\n")
    (second / "memo.md").write_text("# Pellarine memo\n\nPellarine will cut 63 jobs at its Tulsa mill.\n")
    sources = []
    for folder in (first, second):
        results, _, _ = client.predict([handle_file(str(folder / "memo.md"))], "", api_name="/ingest")
        assert [r[1] for r in results["data"]] == ["added"]
        sources.append(results["data"][0][0])
    assert sources[0] != sources[1] and all(s.endswith("memo.md") for s in sources)
    assert "41" in _text(ask(client, "How many jobs will Quorvex cut?")[0][-1])
    assert "63" in _text(ask(client, "How many jobs will Pellarine cut?")[0][-1])
    for source in sources:
        client.predict(source, api_name="/delete")
        assert not Path(source).exists()


def test_the_url_box_takes_web_addresses_only(client, server):
    secret = server["root"] / "private-notes"
    secret.mkdir()
    (secret / "notes.md").write_text("# Notes\n\nThe vault code is 4471.\n")
    results, _, _ = client.predict([], f"{secret}\n/", api_name="/ingest")
    assert [r[1] for r in results["data"]] == ["failed", "failed"]
    assert all("only http(s) URLs" in r[3] for r in results["data"])


def test_the_url_box_refuses_loopback_and_metadata_addresses(client, server):
    urls = f"http://127.0.0.1:{server['port']}/\nhttp://169.254.169.254/latest/meta-data/"
    results, _, _ = client.predict([], urls, api_name="/ingest")
    reasons = [r[3] for r in results["data"]]
    assert len(reasons) == 2 and all(r.startswith("refused") for r in reasons), reasons


def test_a_malformed_history_from_an_api_client_is_refused_or_ignored_never_a_crash(client):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError):  # not chat messages at all: Gradio refuses them before the app runs
        ask(client, "What was the unemployment rate in August 2025?", [{"content": "no role"}, "a string"])
    earlier, _, _ = ask(client, "How many jobs did Amazon cut in 2025?")
    odd = earlier[1:]  # a history that opens with an answer to no question
    answer, _, _ = ask(client, "What was the unemployment rate in August 2025?", odd)
    assert "4.3 percent" in _text(answer[-1])


def test_a_generator_the_server_was_not_started_with_cannot_be_chosen(client, server):
    """The server runs `auto`: the choice offers it and extractive only, a client naming another is
    refused before the app runs, and the app itself would fall back to the server's own."""
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="not in the list of choices"):
        client.predict("What was the unemployment rate?", [], "any", "", "", "local", api_name="/ask")
    assert "4.3 percent" in _text(ask(client, "What was the unemployment rate in August 2025?")[0][-1])


def test_the_app_answers_with_the_servers_generator_whatever_it_is_asked(tmp_path):
    from assistant.ingestion import Ingestor
    from assistant.interfaces.ui import ChatApp
    from assistant.service import Assistant

    assistant = Assistant(Settings(data_dir=tmp_path / "data"), generator="extractive")
    app = ChatApp(assistant, Ingestor(assistant.store, assistant.settings))
    assert app.generators == ["extractive"]
    asked, stream = [], assistant.stream

    def recording(*args, generator=None, **kwargs):
        asked.append(generator)
        yield from stream(*args, generator=generator, **kwargs)

    assistant.stream = recording
    list(app.ask("What was the unemployment rate?", [], "any", "", "", "openai"))
    assert asked == ["extractive"]


def test_an_impossible_date_and_markup_in_a_date_field_are_answered_safely(client):
    outputs = client.predict(
        "What was the unemployment rate?",
        [],
        "any",
        "<b>February 30, 2023</b>",
        "",
        "extractive",
        api_name="/ask",
    )
    message = _text(outputs[0][-1])
    assert "February 30, 2023" in message and "&lt;b&gt;" in message and "<b>" not in message
    assert "Error" not in message and "Traceback" not in message


def test_deleting_one_of_two_uploads_of_the_same_bytes_keeps_the_other(client, tmp_path):
    body = "# Vantreq memo\n\nVantreq will cut 58 jobs at its Boise plant.\n"
    sources = []
    for name in ("first.md", "second.md"):
        (tmp_path / name).write_text(body)
        results, _, _ = client.predict([handle_file(str(tmp_path / name))], "", api_name="/ingest")
        sources.append(results["data"][0][0])
    assert Path(sources[0]).parent == Path(sources[1]).parent  # one content hash, one folder
    library, _ = client.predict(sources[0], api_name="/delete")
    assert not Path(sources[0]).exists() and Path(sources[1]).exists()
    assert [r[0] for r in library["data"] if "Vantreq" in str(r[1])] == [sources[1]]
    client.predict(sources[1], api_name="/delete")


def test_an_upload_named_dot_dot_csv_stays_a_listed_csv(client, tmp_path):
    odd = tmp_path / "..csv"
    odd.write_text("company,total_laid_off,date\nBrimwell,35,2025-02-03\n")
    results, library, _ = client.predict([handle_file(str(odd))], "", api_name="/ingest")
    [row] = results["data"]
    assert row[1] == "added" and row[0].endswith("/upload.csv"), row
    assert any(r[0] == row[0] for r in library["data"])
    client.predict(row[0], api_name="/delete")


def test_the_sources_panel_fills_before_the_answer_is_written(client):
    job = client.submit(
        "What was the unemployment rate in August 2025?", [], "any", "", "", "extractive", api_name="/ask"
    )
    updates = list(job)
    early = next(u for u in updates if "Reading the sources" in _text(u[0][-1]))
    assert 'id="src-1"' in early[1] and "<mark>" in early[1]
    assert "4.3 percent" in _text(updates[-1][0][-1])
