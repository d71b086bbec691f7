"""`layoffqa ask`, `chat`, `eval` and `serve`: the commands that answer questions."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from assistant.interfaces.cli_common import State, console, errors
from assistant.types import InputError, Sources


def _assistant(generator: str | None, k: int | None):
    from assistant.service import Assistant

    return Assistant(State.settings, generator=generator, k=k)


PRINTED_ROWS = 20


def _print_rows(result) -> None:
    """A table answer's result and the SQL that computed it."""
    from assistant.datasets.wording import fmt

    table = Table(*result.columns, show_edge=False)
    for row in result.rows[:PRINTED_ROWS]:
        table.add_row(*(fmt(v, c) for c, v in zip(result.columns, row, strict=True)))
    console.print()
    console.print(table)
    if len(result.rows) > PRINTED_ROWS:
        console.print(f"[dim]... {len(result.rows) - PRINTED_ROWS} more rows (--json has them all)[/dim]")
    console.print(f"[dim]SQL:[/dim] {result.sql}", highlight=False, soft_wrap=True)


def _print_answer(result, show_text: bool = True) -> None:
    if show_text:
        console.print(result.text, highlight=False)
    if result.sql:
        _print_rows(result)
    if result.citations:
        console.print()
        for c in result.citations:
            where = f"{c.source}" + (f", page {c.page}" if c.page else "")
            console.print(
                f"[bold][{c.n}][/bold] {c.title} ({c.date or 'undated'}, {c.kind}) - {where}", highlight=False
            )
    for warning in result.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}", highlight=False)


def _questions(path: Path) -> list[str]:
    import json

    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("{"):
            questions.append(json.loads(line)["question"])
        elif line:
            questions.append(line)
    return questions


def ask(
    question: Annotated[str | None, typer.Argument(help="The question.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="One JSON object per answer.")] = False,
    questions: Annotated[
        Path | None, typer.Option(help="Answer one question per line (text or JSONL).")
    ] = None,
    generator: Annotated[str | None, typer.Option(help="auto, local, openai or extractive.")] = None,
    k: Annotated[int | None, typer.Option("-k", help="Passages to retrieve.")] = None,
    kind: Annotated[str | None, typer.Option(help="Only documents of this kind.")] = None,
    since: Annotated[str | None, typer.Option(help="Only documents dated on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only documents dated on or before (YYYY-MM-DD).")] = None,
    source: Annotated[str | None, typer.Option(help="Only this document (path, URL or part of it).")] = None,
) -> None:
    """Answer a question from the ingested documents, with citations."""
    import json

    if not question and not questions:
        raise typer.BadParameter("give a QUESTION or --questions FILE")
    assistant = _assistant(generator, k)
    filters = {"kind": kind, "since": since, "until": until, "source": source}
    unusable = 0
    for text in _questions(questions) if questions else [question]:
        with _generator_errors(), _input_errors() as skipped:
            if json_out:
                print(json.dumps(assistant.answer(text, **filters).to_json(), ensure_ascii=False), flush=True)
            else:
                _stream_to_console(assistant, text, None, filters)
        unusable += bool(skipped)
    if unusable:  # the batch went on; the exit code still says something was not answered
        raise typer.Exit(1)


@contextmanager
def _input_errors():
    """A question or filter that cannot be used (a date that does not exist): one line naming it,
    and the next question of a batch is answered."""
    skipped: list[str] = []
    try:
        yield skipped
    except InputError as error:
        errors.print(f"error: {error}", highlight=False, markup=False)
        skipped.append(str(error))


@contextmanager
def _generator_errors(fatal: bool = True):
    """An LLM server that is down or a model that is missing: one line, not a traceback."""
    try:
        yield
    except Exception as error:  # noqa: BLE001 - any generator failure ends up here
        errors.print(f"[red]error[/red] answering failed: {type(error).__name__}: {error}", highlight=False)
        if fatal:
            raise typer.Exit(1) from error


def _stream_to_console(assistant, question: str, history: list[dict] | None, filters: dict):
    """Print the answer as it is generated, then its sources; the checked text too if it changed."""
    result, streamed = None, ""
    for piece in assistant.stream(question, history, **filters):
        if isinstance(piece, Sources):  # the evidence while the model reads it
            titles = "; ".join(f"[{p.n}] {p.title or 'Untitled'}" for p in piece.passages)
            console.print(f"[dim]reading {titles}[/dim]", highlight=False)
        elif isinstance(piece, str):
            streamed += piece
            console.print(piece, end="", highlight=False)
        else:
            result = piece
    console.print()
    checked = result.text != streamed.strip()  # markers re-cited or removed by the check
    if checked:
        console.print("[dim]checked:[/dim]", highlight=False)
    _print_answer(result, show_text=checked)
    return result


def chat(
    generator: Annotated[str | None, typer.Option(help="auto, local, openai or extractive.")] = None,
    k: Annotated[int | None, typer.Option("-k")] = None,
) -> None:
    """A conversation in the terminal; follow-up questions keep their subject. Ctrl-D ends it."""
    assistant = _assistant(generator, k)
    history: list[dict] = []
    console.print("Ask about layoffs, AI and jobs, jobs reports, WARN, retraining or unemployment insurance.")
    while True:
        try:
            question = console.input("[bold]> [/bold]").strip()
        except (EOFError, KeyboardInterrupt):
            console.print()
            return
        if not question:
            continue
        with _generator_errors(fatal=False):  # a failed answer leaves the conversation going
            result = _stream_to_console(assistant, question, history, {})
            history += [{"role": "user", "content": question}, {"role": "assistant", "content": result.text}]


def evaluate(
    questions: Annotated[
        Path, typer.Argument(help="JSONL: question, keys, source, unanswerable, history, kind.")
    ],
    generator: Annotated[str | None, typer.Option(help="auto, local, openai or extractive.")] = None,
    k: Annotated[int | None, typer.Option("-k", help="Passages to retrieve.")] = None,
    report_path: Annotated[
        Path | None, typer.Option("--report", help="Write the full report as JSON.")
    ] = None,
) -> None:
    """Score answers on a question set: retrieval, keys, refusals, citations, latency."""
    import json

    from assistant import evaluation

    cases = evaluation.load_cases(questions)
    assistant = _assistant(generator, k)
    with Progress(
        TextColumn("evaluating"), BarColumn(), MofNCompleteColumn(), console=errors, transient=True
    ) as bar:
        task = bar.add_task("", total=len(cases))
        summary, outcomes = evaluation.run(
            assistant, cases, k=k, on_progress=lambda done: bar.update(task, completed=done)
        )
    table = Table("metric", "value", title=f"{len(cases)} questions, generator {assistant.generator().name}")
    for name, value in summary.items():
        table.add_row(name, "-" if value is None else str(value))
    console.print(table)
    kinds = evaluation.per_kind(outcomes)
    if kinds:
        by_kind = Table("kind", "questions", "keys", "false refusal", "refusal", title="By kind")
        for kind, row in kinds.items():
            by_kind.add_row(kind, *("-" if v is None else str(v) for v in row.values()))
        console.print(by_kind)
    misses = [o for o in outcomes if o.missed]
    if misses:
        detail = Table("question", "missed", "answer", "top passages", title="Misses", show_lines=True)
        for o in misses:
            detail.add_row(o.question, ", ".join(o.missed), o.answer[:300], "\n".join(o.top_passages[:3]))
        console.print(detail)
    if report_path:
        report_path.write_text(json.dumps(evaluation.report(summary, outcomes), indent=2, ensure_ascii=False))
        console.print(f"report written to {report_path}")


def _credentials(auth: str | None, auth_file: Path | None) -> tuple[str, str] | None:
    """user:password from LAYOFFQA_AUTH or a file: a password on the command line shows in `ps`."""
    if auth_file:
        try:
            auth = auth_file.read_text(encoding="utf-8").strip()
        except OSError as error:
            raise typer.BadParameter(f"cannot read {auth_file}: {error.strerror}") from error
    if not auth:
        return None
    user, _, password = auth.partition(":")
    if not user or not password:
        raise typer.BadParameter("the login must be user:password")
    return user, password


def serve(
    host: Annotated[
        str, typer.Option(help="Interface to listen on; 0.0.0.0 exposes it to the network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 7860,
    auth_file: Annotated[
        Path | None, typer.Option(help="File holding user:password for a login (or set LAYOFFQA_AUTH).")
    ] = None,
    allow_private_urls: Annotated[
        bool, typer.Option(help="Let web users ingest URLs on loopback and private networks.")
    ] = False,
    generator: Annotated[str | None, typer.Option(help="auto, local, openai or extractive.")] = None,
) -> None:
    """The chat UI and document library in the browser."""
    import os

    from assistant.ingestion import Ingestor
    from assistant.interfaces.ui import launch
    from assistant.service import Assistant

    credentials = _credentials(os.environ.get("LAYOFFQA_AUTH"), auth_file)
    if not _is_loopback(host) and not credentials:
        errors.print(
            f"[bold red]WARNING[/bold red]: serving on {host} with no login: anyone who can reach this "
            "port can read, add and delete documents. Set LAYOFFQA_AUTH=user:password or --auth-file.",
            highlight=False,
        )
    settings = State.settings
    if allow_private_urls:  # else LAYOFFQA_ALLOW_PRIVATE_URLS decides, as for every setting
        settings = settings.model_copy(update={"allow_private_urls": True})
    assistant = Assistant(settings, generator=generator)
    console.print("loading the embedding model and the answer generator...")
    console.print(f"answers by: {assistant.warm_up()}")  # before users arrive, not on the first question
    console.print(f"layoffqa on http://{host}:{port} (Ctrl-C stops it)")
    launch(assistant, Ingestor(assistant.store, assistant.settings), host, port, credentials)


def _is_loopback(host: str) -> bool:
    import ipaddress

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"
