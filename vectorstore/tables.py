"""Ingested tables as typed DuckDB tables, for questions no passage answers (totals, counts, rankings).

Chroma stays the source of truth: every row chunk keeps its cells as metadata, and the tables file
is a cache built from them whenever the store's revision changes (`table_build`: only the tables
of changed documents are read again). So Chroma-server mode works the
same, and deleting or re-ingesting a dataset can never leave a stale table behind for long.
Queries run on a read-only connection to a file that is replaced atomically on rebuild.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock

from vectorstore.store import ChunkStore

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

# How cells are typed and tables laid out: a file of another format is rebuilt, never reused, so a
# change to typing reaches tables ingested before it.
FORMAT = 5
TYPED_SHARE = 0.9  # a column is numeric or a date when this share of its filled cells parse as one
UNITS = {"percent": "%", "dollars": "$"}  # number columns whose cells write a unit, and the unit
_PLACEHOLDER = re.compile(r"^[\W_]*$|^(n/?a|none|null|unknown)$", re.I)  # "-----", "N/A": no value
_NUMBER_JUNK = re.compile(r"[,$€£\s]")
_LEADING_NUMBER = re.compile(r"^[$€£]?(\d[\d,]*(?:\.\d+)?)(?:%|\b)(?![/.-]\d)")
_LEADING_DATE = re.compile(
    r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"  # 2025-03-04, 3/4/2025
    r"|[a-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2} [a-z]{3,9}\.? \d{4})",  # March 4, 2025; 4 March 2025
    re.I,
)


@dataclass
class Column:
    name: str
    # "number", "date", "text", or a number its cells write with a unit: "percent" ("2.1%", kept as
    # the fraction 0.021) or "dollars" ("$5")
    type: str


@dataclass
class TableInfo:
    """One ingested table: where it came from and what its columns hold."""

    name: str
    source: str
    sheet: str
    title: str
    rows: int
    columns: list[Column] = field(default_factory=list)

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    def of_type(self, kind: str) -> list[Column]:
        """The columns of a kind; a column of percentages or dollars is also a number."""
        return [c for c in self.columns if c.type == kind or (kind == "number" and c.type in UNITS)]

    def units(self) -> dict[str, str]:
        """The unit of each column whose cells write one ("%", "$"), by column name."""
        return {c.name: UNITS[c.type] for c in self.columns if c.type in UNITS}


def sql_name(text: str, taken: set[str]) -> str:
    """A table name made of the text's words, unlike any in `taken` (which it joins)."""
    base = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "table"
    base = f"t_{base}" if base[0].isdigit() else base
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def type_column(values: pd.Series) -> tuple[pd.Series, str]:
    """The column as numbers, dates or text. "1,234", "16000.0" and "$5" are numbers and "15%" is
    0.15; a column of "15%" cells is typed "percent" and one of "$5" cells "dollars", so answers
    write the unit back. 3/4/2025, 2025-03-04 and "March 4, 2025" are dates. A cell that starts with
    a value and then annotates it ("35 (all sites)", "3/18/2020 Amendment: 2/11/2021") counts as
    that value, as real exports are full of them. Placeholders ("-----", "N/A") are empty."""
    import pandas as pd

    text = values.fillna("").astype(str).str.strip()
    text = text.mask(text.str.match(_PLACEHOLDER), "")
    filled = text[text != ""]
    if filled.empty:
        return text.replace("", None), "text"
    cleaned = filled.str.replace(_NUMBER_JUNK, "", regex=True)
    numbers = pd.to_numeric(cleaned.str.rstrip("%"), errors="coerce")
    if numbers.notna().mean() >= TYPED_SHARE:
        percent = cleaned.str.endswith("%")
        numbers = numbers.where(~percent, numbers / 100)
        shares = {"percent": percent.mean(), "dollars": filled.str.match(r"^-?\$").mean()}
        kind = next((k for k, share in shares.items() if share >= TYPED_SHARE), "number")
        return numbers.reindex(text.index), kind
    leading_date = filled.str.extract(_LEADING_DATE, expand=False)
    if leading_date.notna().mean() >= TYPED_SHARE:
        dates = pd.to_datetime(leading_date, errors="coerce", format="mixed")
        if dates.notna().mean() >= TYPED_SHARE:
            return dates.dt.date.reindex(text.index), "date"
    leading = filled.str.extract(_LEADING_NUMBER, expand=False)
    if leading.notna().mean() >= TYPED_SHARE:
        return pd.to_numeric(leading.str.replace(",", ""), errors="coerce").reindex(text.index), "number"
    return text.replace("", None), "text"


_MONTH_YEAR = re.compile(r"^(?:[a-z]{3,9}\.?,? \d{4}|\d{4}-\d{1,2})$", re.I)


def month_starts(values: pd.Series) -> pd.Series | None:
    """A text column whose cells name months ("January 2036", "Jan 2036", "2036-01") as the first
    day of each, else None: a question over "the first quarter" filters such rows by date, while
    answers still name each month as the table writes it."""
    import pandas as pd

    text = values.dropna().astype(str).str.strip()
    if text.empty or text.str.match(_MONTH_YEAR).mean() < TYPED_SHARE:
        return None
    dates = pd.to_datetime(text, errors="coerce", format="mixed")
    return dates.dt.date.reindex(values.index) if dates.notna().mean() >= TYPED_SHARE else None


class TableCache:
    """DuckDB files in the data dir, one per store revision and format
    (`tables.<revision>-f<format>.duckdb`), each built from the stored rows when the store changes.
    A new revision is a new file, never the old file replaced under its name: DuckDB keeps one
    instance per path in a process, so a connection opened while another still holds the old file
    would otherwise be handed the old tables."""

    # The limits of a connection that runs queries: a query that builds a huge value fails on memory
    # instead of taking the machine's; one thread leaves the other core to answering.
    CONFIG = {"enable_external_access": False, "memory_limit": "512MB", "threads": 1}

    def __init__(self, store: ChunkStore, path: Path):
        self.store = store
        self.path = path

    def _file(self, revision: int) -> Path:
        return self.path.with_name(f"{self.path.stem}.{revision}-f{FORMAT}{self.path.suffix}")

    def _open(self, file: Path) -> duckdb.DuckDBPyConnection | None:
        """A read-only, limited connection to a built file, or None when it is not there."""
        import duckdb

        if not file.exists():
            return None
        try:
            return duckdb.connect(str(file), read_only=True, config=dict(self.CONFIG))
        except duckdb.Error:
            return None

    def _rebuild(self, revision: int) -> None:
        """The file of this revision, swapped in whole, so a reader never sees half a table; built
        from the last revision's file where its documents are unchanged (only the tables of the
        documents an ingest or delete touched are read from the store again). Older revisions'
        files are removed (open connections keep reading theirs)."""
        from vectorstore.table_build import build

        self.path.parent.mkdir(parents=True, exist_ok=True)
        target = self._file(revision)
        with FileLock(str(self.path) + ".lock"):
            if target.exists():  # another process built it while this one waited
                return
            older = [f for f in self.path.parent.glob(f"{self.path.stem}.*{self.path.suffix}") if f != target]
            previous = max(older, key=lambda f: f.stat().st_mtime, default=None)
            partial = self.path.with_suffix(f".{os.getpid()}.partial")
            partial.unlink(missing_ok=True)
            try:
                build(self.store, partial, previous)
                os.replace(partial, target)
            finally:  # a failed build leaves no half-written file behind
                partial.unlink(missing_ok=True)
            for old in [self.path, *older]:
                old.unlink(missing_ok=True)

    def connect(self) -> duckdb.DuckDBPyConnection:
        """A read-only connection to tables as current as the store (a query cannot change them):
        one open of the file when nothing changed, a rebuild first when something did."""
        revision = self.store.revision()
        con = self._open(self._file(revision))
        if con is not None:
            return con
        self._rebuild(revision)
        con = self._open(self._file(revision))
        if con is None:
            import duckdb

            raise duckdb.IOException("the tables file could not be opened")
        return con

    def tables(self, con: duckdb.DuckDBPyConnection | None = None) -> list[TableInfo]:
        own = con is None
        con = con or self.connect()
        try:
            found = con.execute(
                "SELECT name, source, sheet, title, rows, columns FROM _layoffqa_tables ORDER BY name"
            ).fetchall()
        finally:
            if own:
                con.close()
        return [
            TableInfo(
                name,
                source,
                sheet,
                title,
                rows,
                [Column(*part.split(":", 1)) for part in spec.split("|") if part],
            )
            for name, source, sheet, title, rows, spec in found
        ]
