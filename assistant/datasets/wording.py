"""A table answer in words. Every figure comes from the query result, formatted one way here, and the
same formatting is used for the evidence the answer cites, so the citation check can hold it."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

from assistant.datasets.planner import Plan

Units = Mapping[str, str]  # a column's unit ("%", "$") by its name
_NONE: Units = {}
MAX_LISTED = 3  # groups or rows named in the sentence; the table shows the rest
MAX_NAMED = 10  # ... or as many as a "top N" question asks for, up to this


def fmt(value: object, column: str = "", units: Units = _NONE) -> str:
    """7525.0 -> "7,525"; 0.15 in a percent column (by `units`, or named so) -> "15%"; 5 in a
    dollars column -> "$5"; a date -> ISO; None -> "none"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "none"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    named = any(word in column.lower() for word in ("percent", "pct", "share"))
    unit = units.get(column, "%" if named and abs(value) <= 1 else "")
    if unit == "%":
        return f"{value * 100:.3g}%"
    number = f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"
    if unit == "$":
        return f"-${number[1:]}" if value < 0 else f"${number}"
    return number


def _period(value: object, grain: str) -> str:
    text = fmt(value)
    return text[:4] if grain == "year" else text[:7] if grain == "month" else text


def label(column: str) -> str:
    return column.replace("_", " ")


def conditions(plan: Plan) -> str:
    """The plan's filters in words, in brackets: " (company mentioning Acme; in 2024)"."""
    return f" ({'; '.join(plan.conditions)})" if plan.conditions else ""


def units(plan: Plan) -> Units:
    """The units of the result's columns: the table's own ("%", "$"), and that of the figure
    computed from its measure (a total, an average, a group's value)."""
    own = plan.table.units()
    unit = own.get(plan.measure.name) if plan.measure else None
    return {**own, "total": unit, "average": unit} if unit else own


def describe_plan(plan: Plan, columns: list[str], rows: list[tuple]) -> str:
    """One or two sentences for the planner's own query, worded by what it computed."""
    unit_of = units(plan)
    title = plan.table.title or plan.table.name
    operation, where = plan.intent.operation, conditions(plan)
    measure = label(plan.measure.name) if plan.measure else ""
    record = dict(zip(columns, rows[0], strict=True)) if rows else {}
    empty = record.get("entries") == 0 or (operation == "average" and not record.get("entries_with_figure"))
    if not rows or empty:
        return f"No rows in {title} match{where}."
    if operation in ("total", "count"):
        entries = fmt(record["entries"])
        if not plan.measure:
            return f"{title} has {entries} entries{where}."
        with_figure = record["entries_with_figure"]
        total = fmt(record["total"], "total", unit_of)
        if operation == "total" and record["entries"] == 1:  # one row: its figure, not a sum of one
            return f"In {title}, the {measure}{where} is {total}."
        sentence = f"{title} has {entries} entries{where}, and their {measure} adds up to {total}"
        if with_figure != record["entries"]:
            sentence += f" ({fmt(with_figure)} of the {entries} entries give a {measure} figure)"
        return sentence + "."
    if operation == "average":
        return (
            f"The average {measure} in {title}{where} is {fmt(record['average'], 'average', unit_of)}, "
            f"over {fmt(record['entries_with_figure'])} entries with a figure."
        )
    if operation == "list":
        named = [_row_words(plan, dict(zip(columns, row, strict=True)), unit_of) for row in rows]
        more = f"; the table lists all {plan.matched:,}" if plan.matched > MAX_NAMED else ""
        return f"{title} has {plan.matched:,} entries{where}: {'; '.join(named[:MAX_NAMED])}{more}."
    if operation == "latest":
        rest = [f"{label(c)} {fmt(v, c, unit_of)}" for c, v in record.items() if c != plan.date.name]
        newest = fmt(record[plan.date.name], plan.date.name)
        return f"The most recent entry in {title}{where} is dated {newest}: {', '.join(rest)}."
    if operation == "extreme":
        size = "largest" if plan.intent.descending else "smallest"
        parts = [f"{label(c)} {fmt(v, c, unit_of)}" for c, v in record.items()]
        head = f"The {size} {measure} in {title}{where}"
        if len(rows) == 1:
            return (
                f"{head} is {fmt(record[plan.measure.name], plan.measure.name, unit_of)}: {', '.join(parts)}."
            )
        listed = "; ".join(
            ", ".join(f"{fmt(v, c, unit_of)}" for c, v in zip(columns, row, strict=True)) for row in rows
        )
        return f"{head}, {len(rows)} of them: {listed}."
    return _describe_groups(plan, columns, rows, title, where, unit_of)


def _row_words(plan: Plan, record: dict, unit_of: Units) -> str:
    """A listed row: its label, then its other values in brackets ("Orrin Freight (total employees
    125, notice date 2031-02-09)")."""
    name = plan.label.name if plan.label else next(iter(record))
    rest = ", ".join(
        f"{label(c)} {fmt(v, c, unit_of)}" for c, v in record.items() if c != name and v is not None
    )
    return f"{fmt(record.get(name))} ({rest})" if rest else fmt(record.get(name))


def _describe_groups(
    plan: Plan, columns: list[str], rows: list[tuple], title: str, where: str, unit_of: Units
) -> str:
    grain = plan.grain
    figure = "total" if "total" in columns else "entries"
    what = f"{label(plan.measure.name)}" if plan.measure and figure == "total" else "entries"
    index = columns.index(figure)
    named = [
        f"{_period(row[0], grain) if grain else fmt(row[0])} ({fmt(row[index], figure, unit_of)})"
        for row in rows
    ]
    if plan.intent.operation == "trend":
        peak = max(rows, key=lambda r: r[index] or 0)
        return (
            f"{title}{where}: {what} per {grain} from {_period(rows[0][0], grain)} to "
            f"{_period(rows[-1][0], grain)}, highest in {_period(peak[0], grain)} "
            f"({fmt(peak[index], figure, unit_of)}); "
            f"{len(rows)} {grain}s in all."
        )
    order = "highest" if plan.intent.descending else "lowest"
    group = label(plan.group)
    listed = max(MAX_LISTED, min(plan.intent.limit or 0, MAX_NAMED))
    sentence = f"By {group}, the {order} {what} in {title}{where}: {'; '.join(named[:listed])}"
    return sentence + (f"; the table lists {len(rows)}." if len(rows) > listed else ".")


def describe_result(title: str, columns: list[str], rows: list[tuple], unit_of: Units) -> str:
    """Any query's result in words, for SQL an LLM wrote: the values of the first rows."""
    if not rows:
        return f"The query over {title} returned no rows."
    lines = [
        ", ".join(f"{label(c)} {fmt(v, c, unit_of)}" for c, v in zip(columns, row, strict=True))
        for row in rows
    ]
    if len(rows) == 1:
        return f"From {title}: {lines[0]}."
    more = f" ({len(rows)} rows in all)" if len(rows) > MAX_LISTED else ""
    return f"From {title}: {'; '.join(lines[:MAX_LISTED])}{more}."


def evidence(
    sql: str, columns: list[str], rows: list[tuple], used: list[dict], used_count: int, unit_of: Units
) -> str:
    """What the answer cites: the query, its result and the rows it was computed from (when few),
    written as the answer writes them."""
    result = "\n".join(_pairs(dict(zip(columns, row, strict=True)), unit_of) for row in rows[:20])
    text = f"SQL: {sql}\nResult ({len(rows)} rows):\n{result}\nRows used: {used_count:,}"
    return "\n".join([text, *(_pairs(row, unit_of) for row in used)])


def _pairs(record: dict, unit_of: Units) -> str:
    return "; ".join(f"{label(c)}: {fmt(v, c, unit_of)}" for c, v in record.items() if v is not None)
