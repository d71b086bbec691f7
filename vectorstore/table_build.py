"""Building a tables file for a store revision, reading from the store only what changed.

Every row chunk keeps its cells as metadata, so a table can always be rebuilt from the store; but
reading 100,000 rows from Chroma and typing them takes tens of seconds, and an ingest or a delete
usually touches one document. So each file records, beside its tables, which version (file hash)
of every document it was built from. The next file copies the tables of documents whose served
version is the same, and reads from the store only the documents that are new or changed. A
document stored before versions were recorded (or any doubt) means a full build.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from vectorstore.store import ChunkStore, source_name
from vectorstore.tables import FORMAT, Column, TableInfo, month_starts, sql_name, type_column
from vectorstore.unpivot import long_form

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

_CATALOG = (
    "CREATE TABLE _layoffqa_tables (name VARCHAR, source VARCHAR, sheet VARCHAR, title VARCHAR, "
    "rows BIGINT, columns VARCHAR, file_hash VARCHAR)"
)
_ROWS = {"row": {"$gte": 0}}


def _title(meta: dict) -> str:
    """A table's title: its document's, with its own name (sheet, caption) when that says more."""
    title, own = meta.get("title", ""), meta.get("section", "")
    return f"{title} · {own}" if own and own.lower() not in title.lower() else title or own


def frames(
    store: ChunkStore, sources: list[str] | None, taken: set[str]
) -> list[tuple[TableInfo, pd.DataFrame, str]]:
    """The stored rows of these documents (all, for None) regrouped into one typed frame per
    (source, sheet), in header order, with the version they were read from."""
    import pandas as pd

    if sources is not None and not sources:
        return []
    where = _ROWS if sources is None else {"$and": [_ROWS, {"source": {"$in": sources}}]}
    grouped: dict[tuple[str, str], dict] = {}
    for _, _, meta in store.scan_served(where=where, documents=False):
        key = (meta["source"], meta.get("table", ""))
        table = grouped.setdefault(
            key, {"title": _title(meta), "columns": [], "rows": {}, "hash": meta.get("file_hash", "")}
        )
        for name in (meta.get("columns") or "").split("|"):
            if name and name not in table["columns"]:
                table["columns"].append(name)
        # a long row split into several chunks carries the same cells on each: keep one
        table["rows"].setdefault(meta["row"], {k[4:]: v for k, v in meta.items() if k.startswith("col_")})
    result = []
    for (source, sheet), table in sorted(grouped.items()):
        rows = [table["rows"][n] for n in sorted(table["rows"])]
        names = table["columns"] or sorted({k for row in rows for k in row})
        frame = pd.DataFrame.from_records(rows, columns=names)
        columns = []
        for name in names:
            frame[name], kind = type_column(frame[name])
            columns.append(Column(name, kind))
            months = month_starts(frame[name]) if kind == "text" else None
            if months is not None and f"{name}_date" not in names:  # "Month: March 2036" is also a date
                frame[f"{name}_date"] = months
                columns.append(Column(f"{name}_date", "date"))
        frame, columns = long_form(frame, columns, table["title"]) or (frame, columns)
        label = source_name(source) + (f" {sheet}" if sheet else "")
        info = TableInfo(sql_name(label, taken), source, sheet, table["title"], len(frame), columns)
        result.append((info, frame, table["hash"]))
    return result


def _previous(con: duckdb.DuckDBPyConnection, path: Path | None) -> tuple[list[tuple], dict[str, str]] | None:
    """The last file's tables (name, source, ..., file_hash) and the document versions it was
    built from, attached as `old`; None when there is no usable last file."""
    import duckdb

    if path is None or not path.exists():
        return None
    try:
        quoted = str(path).replace("'", "''")
        con.execute(f"ATTACH '{quoted}' AS old (READ_ONLY)")
        # fetchall, not fetchone: a result left unread blocks the connection's next statement
        if con.execute("SELECT format FROM old._layoffqa_format").fetchall() != [(FORMAT,)]:
            return None
        tables = con.execute("SELECT * FROM old._layoffqa_tables").fetchall()
        versions = dict(con.execute("SELECT source, file_hash FROM old._layoffqa_sources").fetchall())
    except duckdb.Error:
        return None
    return tables, versions


def build(store: ChunkStore, target: Path, previous: Path | None) -> None:
    """Write the tables file for the store as it is now into `target`."""
    import duckdb

    served = store.committed()
    with duckdb.connect(str(target)) as con:
        con.execute(_CATALOG)
        con.execute("CREATE TABLE _layoffqa_sources (source VARCHAR, file_hash VARCHAR)")
        con.execute(f"CREATE TABLE _layoffqa_format AS SELECT {FORMAT} AS format")
        last = _previous(con, previous)
        # a table of a document with no recorded version (stored before records): build it all
        if last is None or any(t[1] not in served and t[1] not in last[1] for t in last[0]):
            reuse, read = [], None
        else:
            tables, versions = last
            reuse = [t for t in tables if served.get(t[1]) == t[6]]  # deleted or changed: not reused
            read = sorted(s for s, h in served.items() if versions.get(s) != h)
        taken = {t[0] for t in reuse}
        for name, *rest in reuse:
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM old."{name}"')
            con.execute("INSERT INTO _layoffqa_tables VALUES (?, ?, ?, ?, ?, ?, ?)", [name, *rest])
        for info, frame, file_hash in frames(store, read, taken):
            con.register("frame", frame)
            con.execute(f'CREATE TABLE "{info.name}" AS SELECT * FROM frame')
            con.unregister("frame")
            spec = "|".join(f"{c.name}:{c.type}" for c in info.columns)
            con.execute(
                "INSERT INTO _layoffqa_tables VALUES (?, ?, ?, ?, ?, ?, ?)",
                [info.name, info.source, info.sheet, info.title, info.rows, spec, file_hash],
            )
        if served:
            con.executemany("INSERT INTO _layoffqa_sources VALUES (?, ?)", list(served.items()))
        if last is not None:
            con.execute("DETACH old")
