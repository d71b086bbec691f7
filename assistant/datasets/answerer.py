"""The table path: an aggregate question over ingested tables, answered by the database.

route (the planner finds a table that fits) -> SQL (an LLM's, when one is loaded; else the
planner's) -> sqlglot check -> read-only run with a time limit -> the figure in words, the SQL,
the result rows and a citation to the dataset. An LLM's query that fails its check or its run
gives way to the planner's; when neither runs, the passage path answers instead.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import duckdb

from assistant.datasets import wording
from assistant.datasets.matching import names_table
from assistant.datasets.planner import TIME_GRAINS, Plan, plan
from assistant.datasets.sheets import joined_sheets
from assistant.datasets.sqlcheck import UnsafeSQL, validate
from assistant.query import parse
from assistant.types import Citation
from vectorstore.tables import TableCache, TableInfo

log = logging.getLogger("layoffqa")
SHOWN_ROWS = 50  # result rows carried by the answer
CITED_ROWS = 10  # source rows quoted in the citation when the figure comes from this few
SqlWriter = Callable[[dict[str, str]], str]  # prompt inputs (table, columns, values, question) -> SQL


class TableQueryFailed(RuntimeError):
    """The question is a table question, but its query could not run: the passages answer instead."""


@dataclass
class TableAnswer:
    text: str
    sql: str
    columns: list[str]
    rows: list[tuple]
    citation: Citation
    chart: dict | None = None
    notices: list[str] = field(default_factory=list)
    refused: bool = False  # a question about the table that no row answers


@contextmanager
def time_limit(con: duckdb.DuckDBPyConnection, timeout_s: float, what: str) -> Iterator[None]:
    """Interrupt whatever runs on `con` after `timeout_s`; it then raises TimeoutError."""
    timer = threading.Timer(timeout_s, con.interrupt)
    timer.start()
    try:
        yield
    except duckdb.InterruptException as error:
        raise TimeoutError(f"{what} took longer than {timeout_s:g} s") from error
    finally:
        timer.cancel()


def run(con: duckdb.DuckDBPyConnection, sql: str, timeout_s: float) -> tuple[list[str], list[tuple]]:
    """Run a checked query; interrupt it if it takes longer than `timeout_s`."""
    with time_limit(con, timeout_s, "the query"):
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description]
        return columns, cursor.fetchmany(SHOWN_ROWS)


def _values(row: tuple) -> set[str]:
    return {f"{v:.2f}" if isinstance(v, int | float) else str(v).strip().lower() for v in row}


def agrees(planned: list[tuple], written: list[tuple], compared: int = 10) -> bool:
    """Whether two results say the same: as many rows (up to `compared`), and each of the model's
    rows holds its planned row's label and figure (the first two values), in the same order."""
    planned, written = planned[:compared], written[:compared]
    return len(planned) == len(written) and all(
        _values(p[:2]) <= _values(w) for p, w in zip(planned, written, strict=True)
    )


def chart_for(columns: list[str], rows: list[tuple], grain: str = "") -> dict | None:
    """A line for values over time, bars for a ranking; none for a single figure."""
    if len(rows) < 2 or len(columns) < 2:
        return None
    numeric = [
        c
        for i, c in enumerate(columns[1:], 1)
        if all(isinstance(r[i], int | float) or r[i] is None for r in rows)
    ]
    if not numeric:
        return None
    over_time = grain in TIME_GRAINS or hasattr(rows[0][0], "year")
    return {"kind": "line" if over_time else "bar", "x": columns[0], "y": numeric[0]}


_SQL_TYPES = {"percent": "NUMBER (a share: 0.05 is 5%)", "dollars": "NUMBER (dollars)"}


def sql_inputs(question: str, found: Plan) -> dict[str, str]:
    """What a model needs to write the query: the table the planner chose, its typed columns, and
    the cell values the question names, exactly as the table holds them."""
    columns = ", ".join(f"{c.name} {_SQL_TYPES.get(c.type, c.type.upper())}" for c in found.table.columns)
    values = [
        f"{f.column} = '{v}'" if f.exact else f"{f.column} contains '{v}'"
        for f in found.filters
        for v in f.shown
    ]
    hint = f"Values in the question: {', '.join(values)}\n" if values else ""
    return {"table": found.table.name, "columns": columns, "values": hint, "question": question}


class TableAnswerer:
    def __init__(self, cache: TableCache, timeout_s: float = 10.0):
        self.cache = cache
        self.timeout_s = timeout_s

    def answer(self, question: str, write_sql: SqlWriter | None = None) -> TableAnswer | None:
        if parse(question).aggregate is None:  # most questions: no database opened at all
            return None
        try:
            con = self.cache.connect()
        except duckdb.Error as error:
            log.warning("tables unavailable: %s", error)
            return None
        with con:
            tables = self.cache.tables(con)
            tables += joined_sheets(con, tables)
            try:  # matching the question's words to cells runs queries too: the same limit holds
                with time_limit(con, self.timeout_s, "matching the question to the tables"):
                    found = plan(question, tables, con) if tables else None
            except TimeoutError as error:
                raise TableQueryFailed(f"{error}; the passages answered.") from error
            if found is None:
                return None
            if found.matched == 0:  # nothing in the table: a near miss about it, or not about it at all
                return self._no_rows(con, tables, found) if names_table(question, found.table) else None
            notices: list[str] = []
            try:
                sql = validate(found.sql, tables)
                columns, rows = run(con, sql, self.timeout_s)
            except (UnsafeSQL, TimeoutError, duckdb.Error) as error:
                reason = str(error).splitlines()[0][:160]
                failure = TableQueryFailed(f"The table query failed ({reason}); the passages answered.")
                written = self._try_llm(con, question, tables, found, write_sql, notices, None)
                if written:
                    return written
                raise failure from error
            if write_sql is not None:
                written = self._try_llm(con, question, tables, found, write_sql, notices, rows)
                if written:
                    return written
            text = wording.describe_plan(found, columns, rows)
            return self._finish(con, found, sql, columns, rows, text, notices)

    def _no_rows(self, con: duckdb.DuckDBPyConnection, tables: list[TableInfo], found: Plan) -> TableAnswer:
        """A question about this table that no row answers: what the table covers, marked refused."""
        table, dates = found.table, found.date or next(iter(found.table.of_type("date")), None)
        span = ""
        if dates is not None:
            first, last = con.execute(
                f'SELECT min("{dates.name}"), max("{dates.name}") FROM "{table.name}"'
            ).fetchone()
            span = f" covers {wording.fmt(first)} to {wording.fmt(last)};" if first else ""
        text = f"{table.title or table.name}{span} no rows match{wording.conditions(found)}"
        answer = self._finish(con, found, validate(found.sql, tables), [], [], text, [])
        answer.refused = True
        return answer

    def _try_llm(
        self,
        con: duckdb.DuckDBPyConnection,
        question: str,
        tables: list[TableInfo],
        found: Plan,
        write_sql: SqlWriter | None,
        notices: list[str],
        planned: list[tuple] | None,
    ) -> TableAnswer | None:
        """The answer from the model's query, when it runs and (if the planner's ran too) agrees
        with the planner's result: a small model ranks single events for "top companies" or counts
        companies for "how many entries", and a figure must not depend on that."""
        if write_sql is None:
            return None
        try:
            sql = validate(write_sql(sql_inputs(question, found)), tables)
            columns, rows = run(con, sql, self.timeout_s)
        except Exception as error:  # noqa: BLE001 - whatever the model's query does, the planner answers
            reason = str(error).splitlines()[0][:160]
            notices.append(f"The model's query was not used ({reason}); the built-in planner answered.")
            return None
        if not rows:
            notices.append("The model's query returned no rows; the built-in planner answered.")
            return None
        if planned is not None and not agrees(planned, rows):
            notices.append("The model's query gave another result than the planner's; the planner answered.")
            return None
        text = wording.describe_result(
            found.table.title or found.table.name, columns, rows, wording.units(found)
        )
        return self._finish(con, found, sql, columns, rows, text, notices)

    def _finish(
        self,
        con: duckdb.DuckDBPyConnection,
        found: Plan,
        sql: str,
        columns: list[str],
        rows: list[tuple],
        text: str,
        notices: list[str],
    ) -> TableAnswer:
        used_count = found.matched
        used: list[dict] = []
        if used_count <= CITED_ROWS:
            cursor = con.execute(found.rows_sql)
            names = [d[0] for d in cursor.description]
            used = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        table = found.table
        citation = Citation(
            n=1,
            title=table.title or table.name,
            source=table.source,
            page=None,
            date="",
            kind="dataset",
            text=wording.evidence(sql, columns, rows, used, used_count, wording.units(found)),
            score=1.0,
            context=f"{table.title or table.name} · table {table.name} · {table.rows:,} rows",
        )
        body = text[:-1] if text.endswith(".") else text
        return TableAnswer(
            text=f"{body} [1].",
            sql=sql,
            columns=columns,
            rows=rows,
            citation=citation,
            chart=chart_for(columns, rows, found.group if found.intent.operation == "trend" else ""),
            notices=notices,
        )
