"""The Gradio chat and document library: a thin layer over `Assistant` and `Ingestor`.

It holds no retrieval or ingest logic; every button calls the same service the CLI calls.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import logging
import re
from pathlib import Path

import gradio as gr

import ingest
from assistant.ingestion import Ingestor, ingest_lock
from assistant.interfaces.ui_charts import HIDDEN, answer_views, dataset_charts, dataset_rows
from assistant.interfaces.ui_render import CSS, HEAD, answer_html, evidence_html, sources_html
from assistant.service import Assistant
from assistant.types import Answer, InputError, Sources

EXAMPLES = [
    "How many tech workers were laid off in 2025, and why?",
    "What was the unemployment rate in August 2025?",
    "How much notice does the WARN Act require?",
    "How many job cuts did employers attribute to AI in 2025?",
]
KINDS = ["any", *ingest.KINDS]
MAX_UPLOAD_FILES = 20
log = logging.getLogger("layoffqa")
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


def safe_upload_path(folder: Path, name: str, data: bytes) -> Path:
    """`folder/<content hash>/<base name>`: two users' different `report.pdf` stay two documents, the
    same file uploaded twice is one; only the base name, with tame characters, so nothing lands
    outside `folder`."""
    base = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip(" .")
    suffix = _UNSAFE.sub("_", Path(name.replace("\\", "/")).suffix.lower())
    if Path(base).suffix.lower() != suffix or not Path(base).stem.strip("._ "):
        base = f"upload{suffix}"  # "..csv" must stay a CSV, or it lands unread and unlisted
    target = (folder / hashlib.sha256(data).hexdigest()[:16] / base[-120:]).resolve()
    if target.parent.parent != folder.resolve():
        raise ValueError(f"unsafe file name {name!r}")
    return target


def _chat_messages(history) -> list[dict]:
    """The user and assistant messages of a history; anything else a client sends is left out."""
    if not isinstance(history, list):
        return []
    return [m for m in history if isinstance(m, dict) and m.get("role") in ("user", "assistant")]


def _plain(content) -> str:
    """Chat message content (a string or a list of parts) as plain text, markup removed."""
    if isinstance(content, list):
        content = " ".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    return re.sub(r"<[^>]+>", "", str(content or ""))


class ChatApp:
    def __init__(self, assistant: Assistant, ingestor: Ingestor):
        self.assistant = assistant
        self.ingestor = ingestor
        self.upload_dir = assistant.settings.data_dir / "uploads"
        # the generator the server was started with, and quoting, which needs nothing: a browser
        # may not start a model (or reach an LLM server) the operator did not choose
        self.generators = list(dict.fromkeys([assistant.settings.generator, "extractive"]))

    # --- chat ------------------------------------------------------------------------------
    def ask(self, message: str, history: list, kind: str, since: str, until: str, generator: str):
        """Stream the answer into the chat, then replace it with the checked, linked version."""
        message = (message or "").strip() if isinstance(message, str) else ""
        history = _chat_messages(history)
        if not message:
            yield history, sources_html(None), "", *HIDDEN
            return
        prior = [{"role": m["role"], "content": _plain(m.get("content"))} for m in history]
        history += [{"role": "user", "content": message}, {"role": "assistant", "content": ""}]
        filters = {
            "kind": None if kind in (None, "any") else kind,
            "since": since or None,
            "until": until or None,
        }
        streamed = ""
        try:
            chosen = generator if generator in self.generators else self.generators[0]
            sources = sources_html(None)
            for item in self.assistant.stream(message, prior, generator=chosen, **filters):
                if isinstance(item, Answer):
                    history[-1]["content"] = answer_html(item.text, item)
                    yield history, sources_html(item), "", *answer_views(item)
                elif isinstance(item, Sources):  # the evidence on screen while the model reads it
                    sources = evidence_html(item)
                    history[-1]["content"] = answer_html("Reading the sources…")
                    yield history, sources, "", *HIDDEN
                else:  # the model's words may echo markup from a document: escaped like the rest
                    streamed += item
                    history[-1]["content"] = answer_html(streamed)
                    yield history, sources, "", *HIDDEN
        except InputError as error:  # the user's own input (a date that does not exist): say which
            history[-1]["content"] = html.escape(f"Sorry, {error}")
            yield history, sources_html(None), "", *HIDDEN
        except Exception:  # a failing LLM server: tell the user, keep the session, log the details
            log.exception("answering failed")
            history[-1]["content"] = "Sorry, answering failed. The server log has the details."
            yield history, sources_html(None), "", *HIDDEN

    # --- datasets --------------------------------------------------------------------------
    def datasets(self, name: str | None = None):
        """The tables list, the chooser and the chosen table's charts."""
        overviews = self.assistant.datasets()
        choices = [(o.table.title or o.table.name, o.table.name) for o in overviews]
        chosen = name if name in {c[1] for c in choices} else (choices[0][1] if choices else None)
        return (
            dataset_rows(overviews),
            gr.update(choices=choices, value=chosen),
            *dataset_charts(overviews, chosen),
        )

    # --- library ---------------------------------------------------------------------------
    def library(self):
        versions = self.ingestor.store.versions()
        rows = [[s, v[0].title, v[0].date, v[0].kind, v[0].stored] for s, v in sorted(versions.items())]
        return rows, gr.update(choices=sorted(versions), value=None)

    def ingest(self, files: list | None, urls: str, progress=gr.Progress()):  # noqa: B008 - the Gradio idiom
        names, rows = [], []
        files = files or []
        if len(files) > MAX_UPLOAD_FILES:
            rows.append(["(upload)", "failed", 0, f"at most {MAX_UPLOAD_FILES} files at once"])
            files = files[:MAX_UPLOAD_FILES]
        self.upload_dir.mkdir(parents=True, exist_ok=True)
        for file in files:
            path = Path(file if isinstance(file, str) else file.name)
            try:
                data = path.read_bytes()
                target = safe_upload_path(self.upload_dir, path.name, data)
                target.parent.mkdir(exist_ok=True)
                target.write_bytes(data)
                names.append(str(target))
            except (OSError, ValueError) as error:
                rows.append([path.name, "failed", 0, str(error)])
        for line in (urls or "").splitlines():
            if ingest.is_url(line.strip()):
                names.append(line.strip())
            elif line.strip():  # a path typed here would read the server's own files
                rows.append([line.strip(), "failed", 0, "only http(s) URLs can be added here"])
        if names:

            def on_progress(done: int, total: int, name: str) -> None:
                progress((done, total), desc=Path(name).name or "done")

            with ingest_lock(self.ingestor.settings, lambda message: gr.Info(message)):
                report = self.ingestor.run(names, on_progress=on_progress)
            rows += [[r.source, r.status, r.chunks, r.reason] for r in report.results]
        table, choices = self.library()
        return rows, table, choices

    def delete(self, source: str | None):
        """Delete exactly the chosen document (never what a part of its name matches) and, for an
        upload, its stored copy, leaving any other upload of the same bytes in place."""
        if source:
            with ingest_lock(self.ingestor.settings, lambda message: gr.Info(message)):
                deleted = self.ingestor.delete([source]).sources
            upload = Path(source)
            if deleted == [source] and upload.parent.parent == self.upload_dir.resolve():
                upload.unlink(missing_ok=True)
                with contextlib.suppress(OSError):
                    upload.parent.rmdir()  # only when no sibling upload is left in it
        return self.library()

    # --- layout ----------------------------------------------------------------------------
    def build(self) -> gr.Blocks:
        with gr.Blocks(title="layoffqa") as demo:
            gr.Markdown(
                "## layoffqa\nAsk about tech layoffs, AI and jobs, jobs reports, WARN notices, retraining "
                "and unemployment insurance. Every answer cites the passages it comes from: click a [n]."
            )
            with gr.Tab("Ask"), gr.Row():
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(label="Answers", height=480, elem_id="chat")
                    question = gr.Textbox(
                        placeholder="Ask a question...", show_label=False, elem_id="question"
                    )
                    with gr.Row():
                        send = gr.Button("Ask", variant="primary", elem_id="ask")
                        clear = gr.Button("Clear")
                    gr.Examples(EXAMPLES, inputs=question)
                    with gr.Accordion("Filters and generator", open=False):
                        kind = gr.Dropdown(KINDS, value="any", label="Kind of document")
                        since = gr.Textbox(label="From date (YYYY-MM-DD)")
                        until = gr.Textbox(label="To date (YYYY-MM-DD)")
                        generator = gr.Radio(self.generators, value=self.generators[0], label="Generator")
                    result = gr.Dataframe(label="Result", interactive=False, visible=False, elem_id="result")
                    bar = gr.BarPlot(visible=False, elem_id="bar-chart")
                    line = gr.LinePlot(visible=False, elem_id="line-chart")
                with gr.Column(scale=2):
                    gr.Markdown("### Sources")
                    sources = gr.HTML(sources_html(None), elem_id="sources")
            with gr.Tab("Documents"):
                files = gr.File(
                    file_count="multiple",
                    label="Add files (PDF, DOCX, HTML, TXT, MD, CSV)",
                    file_types=sorted(ingest.LOADERS),
                )
                urls = gr.Textbox(label="Or URLs, one per line", lines=2)
                add = gr.Button("Add to library", variant="primary")
                results = gr.Dataframe(
                    headers=["source", "status", "chunks", "reason"],
                    label="Ingest results",
                    interactive=False,
                )
                table = gr.Dataframe(
                    headers=["source", "title", "date", "kind", "chunks"], label="Library", interactive=False
                )
                with gr.Row():
                    doomed = gr.Dropdown(label="Document to delete", choices=[])
                    remove = gr.Button("Delete", variant="stop")

            with gr.Tab("Datasets") as datasets_tab:
                tables = gr.Dataframe(
                    headers=["title", "source", "sheet", "rows", "columns", "first date", "last date"],
                    label="Ingested tables",
                    interactive=False,
                )
                chosen = gr.Dropdown(label="Table", choices=[])
                over_time = gr.LinePlot(visible=False, label="Over time", elem_id="over-time")
                with gr.Row():
                    top_entities = gr.BarPlot(visible=False, label="Largest")
                    top_sectors = gr.BarPlot(visible=False, label="Largest industries")

            inputs = [question, chatbot, kind, since, until, generator]
            outputs = [chatbot, sources, question, result, bar, line]
            send.click(self.ask, inputs, outputs, api_name="ask")
            question.submit(self.ask, inputs, outputs, api_visibility="private")
            clear.click(
                lambda: ([], sources_html(None), "", *HIDDEN), None, outputs, api_visibility="private"
            )
            overview = [tables, chosen, over_time, top_entities, top_sectors]
            datasets_tab.select(
                self.datasets, None, overview, api_name="datasets_tab", api_visibility="private"
            )
            chosen.input(self.datasets, chosen, overview, api_name="datasets")
            add.click(self.ingest, [files, urls], [results, table, doomed], api_name="ingest")
            remove.click(self.delete, doomed, [table, doomed], api_name="delete")
            demo.load(self.library, None, [table, doomed], api_name="library")
        return demo


def launch(
    assistant: Assistant,
    ingestor: Ingestor,
    host: str,
    port: int,
    auth: tuple[str, str] | None,
    block: bool = True,
) -> gr.Blocks:
    """Serve on host:port (127.0.0.1 unless told otherwise); generations queue, users see it."""
    demo = ChatApp(assistant, ingestor).build()
    demo.queue(default_concurrency_limit=8)
    demo.launch(
        server_name=host,
        server_port=port,
        auth=auth,
        max_file_size="50mb",
        show_error=False,  # exception text can hold paths and settings: it stays in the server log
        prevent_thread_lock=not block,
        quiet=not block,
        head=HEAD,
        css=CSS,
        ssr_mode=False,
    )
    return demo
