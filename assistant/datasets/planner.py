"""The deterministic planner: an aggregate question and the tables in, one SQL query out.

It covers the common shapes (total, count, average, largest/smallest, top N, per month/year or per
column, trend) filtered by the values, years, months and ranges the question names. It is what
extractive mode uses, and what an LLM's query falls back to when that query fails its checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import duckdb
from sqlglot import exp

from assistant.datasets.matching import (
    QUESTION_TOKENS,
    Filter,
    Summary,
    cells_with,
    column_for,
    column_words,
    date_column,
    find_filters,
    measure_column,
    name_words,
    names_table,
    stems,
    summary_rows,
    table_words,
)
from assistant.query import parse
from assistant.query.aggregate import Intent, cue_words, read_intent
from assistant.query.vocabulary import PLURAL_TABLE_NOUNS
from ingest.dates import mentions, month_years, period_spans
from vectorstore.store import source_name
from vectorstore.tables import Column, TableInfo
from vectorstore.tokens import tokenize

TIME_GRAINS = ("month", "year", "quarter", "week")
PERIOD_FORMATS = {"year": "%Y", "month": "%Y-%m"}
DEFAULT_RANK_ROWS = 10
LISTED_ROWS = 50  # rows a "which ..." question gets back; the answer names the first few
MIN_COVERAGE = 0.5  # share of the question's own words the table must account for


@dataclass
class Plan:
    """A query and what it means, so the answer can be worded from the result."""

    table: TableInfo
    intent: Intent
    sql: str
    rows_sql: str  # the rows the figure is computed from, for the citation
    measure: Column | None = None
    label: Column | None = None  # names a row: the entity column, or the group
    date: Column | None = None
    group: str = ""  # the column or time grain results are grouped by
    filters: list[Filter] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)  # the filters in words
    matched: int = 0  # rows the filters select
    summary: Summary | None = None  # the rows that sum the others, left out unless filtered for

    @property
    def grain(self) -> str:
        """The time grain grouped by; "" when a column is grouped by (one may be called "Month")."""
        return self.group if self.group in TIME_GRAINS and self.table.column(self.group) is None else ""


def _q(name: str) -> str:
    return f'"{name}"'


def _lit(value: str) -> str:
    return exp.Literal.string(value).sql(dialect="duckdb")


def _where(plan: Plan, intent: Intent) -> tuple[str, list[str]]:
    parts, words = [], []
    for f in plan.filters:
        if f.exact:
            values = ", ".join(_lit(v) for v in f.values)
            parts.append(f"lower(trim({_q(f.column)})) IN ({values})")
        else:
            pattern = _lit(rf"\b{re.escape(f.values[0])}\b")
            parts.append(f"regexp_matches(lower({_q(f.column)}), {pattern})")
        words.append(f"{f.column.replace('_', ' ')} {'' if f.exact else 'mentioning '}{' or '.join(f.shown)}")
    if plan.summary and all(f.column != plan.summary.column for f in plan.filters):
        # the parts are added, counted and ranked, never their sum beside them ("Total" is no industry)
        parts.append(plan.summary.excluded())
    if plan.date is not None:
        d = _q(plan.date.name)
        if intent.years:
            parts.append(f"year({d}) IN ({', '.join(str(y) for y in sorted(intent.years))})")
            words.append("in " + " or ".join(str(y) for y in sorted(intent.years)))
        if intent.months:
            months = " OR ".join(f"(year({d}) = {y} AND month({d}) = {m})" for y, m in sorted(intent.months))
            parts.append(f"({months})")
            words.append("in " + " or ".join(f"{y}-{m:02d}" for y, m in sorted(intent.months)))
        if intent.since:
            parts.append(f"{d} >= DATE '{intent.since}'")
            words.append(f"from {intent.since}")
        if intent.before:
            parts.append(f"{d} < DATE '{intent.before}'")
            words.append(f"before {intent.before}")
    return (" WHERE " + " AND ".join(parts)) if parts else "", words


def _grouping(table: TableInfo, intent: Intent, date: Column | None) -> str | None:
    """The column or time grain to group by: "" for none, None when the question's grouping
    names nothing this table has."""
    if intent.operation == "trend":
        return intent.time_grain if date else None
    if intent.operation != "rank":
        return ""
    grain = next((w for w in intent.group_words if w in TIME_GRAINS), None)
    # a column called "Month" (or a date column "Week ending") is grouped by as written
    column = column_for(table, intent.group_words) or column_for(table, [grain] if grain else [], ("date",))
    if column:
        return column.name
    return grain if grain and date else None


def _period_key(grain: str, date: str) -> str:
    """A period as the text people write it ("2024", "2024-03"), so tables, charts and sentences
    all show the same label; quarters and weeks by their first day."""
    if grain in PERIOD_FORMATS:
        return f"strftime({date}, '{PERIOD_FORMATS[grain]}')"
    return f"CAST(date_trunc('{grain}', {date}) AS DATE)"


def _select(plan: Plan, where: str) -> str:
    t, intent, m = _q(plan.table.name), plan.intent, plan.measure
    measure = _q(m.name) if m else None
    if intent.operation in ("total", "count"):
        figures = f"SUM({measure}) AS total, COUNT(*) AS entries, COUNT({measure}) AS entries_with_figure"
        return f"SELECT {figures if m else 'COUNT(*) AS entries'} FROM {t}{where}"
    if intent.operation == "average":
        return f"SELECT AVG({measure}) AS average, COUNT({measure}) AS entries_with_figure FROM {t}{where}"
    if intent.operation == "list":
        shown = [c for c in (plan.label, m, plan.date) if c] + [
            plan.table.column(f.column) for f in plan.filters if f.column != getattr(plan.label, "name", "")
        ]
        columns = ", ".join(dict.fromkeys(_q(c.name) for c in shown if c))
        order = f" ORDER BY {_q(plan.date.name)}" if plan.date else ""
        return f"SELECT {columns} FROM {t}{where}{order} LIMIT {LISTED_ROWS}"
    if intent.operation == "latest":
        shown = [c for c in (plan.label, plan.date, m) if c]
        columns = ", ".join(dict.fromkeys(_q(c.name) for c in shown))
        joiner = " AND " if where else " WHERE "
        date = _q(plan.date.name)
        newest = f"ORDER BY {date} DESC LIMIT {intent.limit or 1}"
        return f"SELECT {columns} FROM {t}{where}{joiner}{date} IS NOT NULL {newest}"
    if intent.operation == "extreme":
        shown = [c for c in (plan.label, m, plan.date) if c] + [
            plan.table.column(f.column) for f in plan.filters if f.column != getattr(plan.label, "name", "")
        ]
        columns = ", ".join(dict.fromkeys(_q(c.name) for c in shown if c))
        joiner = " AND " if where else " WHERE "
        order = "DESC" if intent.descending else "ASC"
        return (
            f"SELECT {columns} FROM {t}{where}{joiner}{measure} IS NOT NULL "
            f"ORDER BY {measure} {order} LIMIT {intent.limit or 1}"
        )
    group = plan.group
    key = _period_key(plan.grain, _q(plan.date.name)) if plan.grain else _q(group)
    # a group's rate is its rows' average: rates do not add up
    combined = "AVG" if m and m.type == "percent" else "SUM"
    figures = f"{combined}({measure}) AS total, COUNT(*) AS entries" if m else "COUNT(*) AS entries"
    select = f"SELECT {key} AS {_q(group)}, {figures} FROM {t}{where} GROUP BY 1"
    if intent.operation == "trend":
        return f"{select} ORDER BY 1"
    order = "total" if m else "entries"
    direction = "DESC" if intent.descending else "ASC"
    return f"{select} ORDER BY {order} {direction} NULLS LAST LIMIT {intent.limit or DEFAULT_RANK_ROWS}"


def coverage(con: duckdb.DuckDBPyConnection, table: TableInfo, filters: list[Filter], question: str) -> float:
    """The share of the question's content words (not its aggregation words, not its dates) that
    the table accounts for with its name, columns or matched cells. "How far was nonfarm
    employment below its peak, in total?" asks a total of something no layoffs table holds; "cut
    for AI or automation" is met by cells reading "AI / automation", found by their word "AI"."""
    content = {w for w in tokenize(question) if not w[0].isdigit() and w not in QUESTION_TOKENS}
    dated = [*mentions(question), *period_spans(question)]
    content -= {t for m in dated for t in tokenize(question[m.start : m.end])}
    if not content:
        return 1.0
    known = table_words(table) | column_words(table)
    known |= {t for f in filters for v in f.values for t in tokenize(v)}
    known |= {t for f in filters if not f.exact for cell in cells_with(con, table, f) for t in tokenize(cell)}
    return len(content & known) / len(content)


def _names_whole(column: Column | None, question: str) -> bool:
    """Whether the question writes every word of the column's name (in any form)."""
    return column is not None and stems(name_words(column)) <= stems(set(tokenize(question)))


def _named_in_part(column: Column | None, question: str) -> bool:
    """Whether the question writes some words of the column's name but not all."""
    own = stems(name_words(column)) if column else set()
    return bool(own & stems(set(tokenize(question)))) and not _names_whole(column, question)


def _name_cues_removed(question: str, measure: Column | None) -> str:
    """The question without the words of an average or extreme that belong to the measure
    column's name when it writes that name whole: "the average weekly benefit in June" asks a
    month's cell of the column "Average weekly benefit", not the mean of the column."""
    if not _names_whole(measure, question):
        return question
    for cue in cue_words(question) & name_words(measure):  # the last one: "the average of the average X"
        *_, last = re.finditer(rf"\b{cue}\b", question, re.I)
        question = f"{question[: last.start()]} {question[last.end() :]}"
    return question


def _score(table: TableInfo, filters: list[Filter], question: str) -> int:
    """How plainly the question is about this table: values it names count most, then the
    table's own name, then its column names."""
    asked = set(tokenize(question))
    return 3 * len(filters) + 2 * len(asked & table_words(table)) + len(asked & column_words(table))


def _own_periods_removed(intent: Intent, table: TableInfo) -> Intent:
    """The intent without the years and months that are part of the table's own name ("the Autumn
    2031 sheet", "the 2022 WARN workbook"), for a table with no date column: they say which
    table, not which rows."""
    own = month_years(f"{table.title} {table.sheet} {source_name(table.source)}", days=False)
    years = {y for y in intent.years if (y, None) not in own}
    months = {(y, m) for y, m in intent.months if (y, m) not in own}
    if (years, months) == (intent.years, intent.months):
        return intent
    return replace(intent, years=years, months=months)


def _newest(con: duckdb.DuckDBPyConnection, plan: Plan, where: str) -> str:
    date = _q(plan.date.name)
    newest = con.execute(f"SELECT max({date}) FROM {_q(plan.table.name)}{where}").fetchone()[0]
    return str(newest or "")


def plan(question: str, tables: list[TableInfo], con: duckdb.DuckDBPyConnection) -> Plan | None:
    """The query for the table the question is about, or None when no table answers it: no
    aggregate asked, something named that no table holds, or a grouping no table has."""
    intent = parse(question).aggregate  # read once with the rest of the question
    if intent is None:
        return None
    asked = intent
    # "the most recent notice across the listings": every table the question fits, the newest row wins
    across = intent.operation == "latest" and bool(
        set(re.findall(r"[a-z]+", question.lower())) & PLURAL_TABLE_NOUNS
    )
    best: tuple[tuple, Plan] | None = None
    found = {table.name: find_filters(con, table, question) for table in tables}
    # cells the question names in any table ("construction" in an industry table)
    named = {v for filters, _ in found.values() for f in filters if f.exact for v in f.values}
    for table in tables:
        date = date_column(table, question)
        # a table with no dates to filter by is named by the period in its name ("the 2031 sheet")
        intent = asked if date is not None else _own_periods_removed(asked, table)
        filters, unmet = found[table.name]
        covered = coverage(con, table, filters, question)
        if unmet or covered < MIN_COVERAGE:
            continue
        if intent.weak and named - {v for f in filters for v in f.values}:
            continue  # "how many claims came from construction in Q1": not the monthly table's sum
        if intent.operation == "list" and not (filters and names_table(question, table)):
            continue  # "which ..." lists a table's rows only when asked of that table, by a value
        score = _score(table, filters, question)
        measure = measure_column(table, question)
        if (
            intent.operation in ("average", "extreme", "rank")
            and (bare := _name_cues_removed(question, measure)) != question
        ):
            if (reread := read_intent(bare)) is None:
                continue  # the question asks a cell of the column, not an aggregate of it
            intent = replace(intent, operation=reread.operation, descending=reread.descending)
        # the largest or average of something the table has only part of ("the maximum weekly
        # unemployment benefit" against a column "insured unemployment rate"): a measure named
        # only in part needs every word of the question accounted for
        if intent.operation in ("extreme", "average") and covered < 1 and _named_in_part(measure, question):
            continue
        if intent.operation == "total" and measure is not None and measure.type == "percent":
            intent = replace(intent, operation="average")  # rates do not add up: their mean is asked
        group = _grouping(table, intent, date)
        needs_date = (
            intent.years or intent.months or intent.since or intent.before or intent.operation == "latest"
        )
        if intent.operation == "latest" and not (
            names_table(question, table) or _names_whole(measure, question)
        ):
            continue  # "the latest unemployment rate" is a report's, not a table's that has one like it
        needs_measure = intent.operation in ("average", "extreme")
        if group is None or (needs_date and date is None) or (needs_measure and measure is None):
            continue
        label = table.column(group) if group else None  # a time grain is no column
        label = label or next(iter(table.of_type("text")), None)
        candidate = Plan(table, intent, "", "", measure, label, date, group, filters)
        candidate.summary = summary_rows(con, table)
        where, candidate.conditions = _where(candidate, intent)
        candidate.sql = _select(candidate, where)
        candidate.rows_sql = f"SELECT * FROM {_q(table.name)}{where}"
        # between tables the question fits equally, the one with more rows it speaks of
        matched = con.execute(f"SELECT COUNT(*) FROM {_q(table.name)}{where}").fetchone()[0]
        if (intent.weak or measure is None) and matched <= 1:
            continue  # "how many people did X cut in May" with one row: a lookup, passages show it whole
        candidate.matched = matched
        key = (_newest(con, candidate, where), 0) if across else (score, matched)
        if best is None or key > best[0]:
            best = (key, candidate)
    return best[1] if best else None
