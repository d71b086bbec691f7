"""Every query is parsed and checked with sqlglot before it runs, whoever wrote it.

One SELECT (or a set operation of SELECTs), over known tables and columns only, with no function
that reaches files, the network, settings or other SQL, and a row limit. The connection it runs on
is read-only with external access off as well: the check is the first wall, not the only one.
"""

from __future__ import annotations

import sqlglot
from sqlglot import exp

from vectorstore.tables import TableInfo

MAX_ROWS = 1000
MAX_SQL_CHARS = 4000  # a planner's query is a few hundred; far longer is a model gone astray
MAX_DEPTH = 60  # nesting the parser recurses into; deeper is refused before parsing
# DuckDB functions that read files or URLs, run SQL text, or read settings and the environment
_DENIED_PREFIXES = (
    "read_",
    "glob",
    "query",
    "sniff_",
    "parquet_",
    "iceberg_",
    "delta_",
    "getenv",
    "current_setting",
    "http",
    "sqlite_",
    "postgres_",
    "mysql_",
    "duckdb_",
    "pragma_",
    "load",
    "install",
    "attach",
    "which_secret",
)
# Functions whose result can be far larger than their input (a billion-character string, a list
# of a billion numbers): no question about a table needs them, and a memory limit alone reacts late.
# Names as sqlglot gives them: lpad/rpad parse as PAD, unnest as EXPLODE, range as GENERATE_SERIES.
_DENIED_BUILDERS = frozenset(
    "repeat range generate_series pad lpad rpad list_resize array_resize bar format printf "
    "unnest explode list_repeat array_repeat".split()
)
_ALLOWED_ROOTS = (exp.Select, exp.Union, exp.Intersect, exp.Except)
_DENIED_NODES = (
    exp.Insert,
    exp.Update,
    exp.Delete,
    exp.Create,
    exp.Drop,
    exp.Alter,
    exp.Command,
    exp.Copy,
    exp.Set,
)


class UnsafeSQL(ValueError):
    """The query is not one read-only SELECT over the known tables."""


def _function_name(node: exp.Func) -> str:
    return (node.name if isinstance(node, exp.Anonymous) else node.sql_name()).lower()


def validate(sql: str, tables: list[TableInfo], max_rows: int = MAX_ROWS) -> str:
    """The query, checked and limited, in DuckDB's dialect; raises UnsafeSQL saying why not, and
    nothing else, whatever the text: a model's query that cannot be checked is refused."""
    if len(sql) > MAX_SQL_CHARS:
        raise UnsafeSQL(f"query of {len(sql):,} characters; at most {MAX_SQL_CHARS:,}")
    if _depth(sql) > MAX_DEPTH:
        raise UnsafeSQL(f"parentheses nested over {MAX_DEPTH} deep")
    try:
        return _checked(sql, tables, max_rows)
    except UnsafeSQL:
        raise
    except (sqlglot.errors.SqlglotError, RecursionError, ValueError, TypeError, AttributeError) as error:
        raise UnsafeSQL(f"not valid SQL ({type(error).__name__})") from error


def _depth(sql: str) -> int:
    depth = deepest = 0
    for char in sql:
        depth += (char == "(") - (char == ")")
        deepest = max(deepest, depth)
    return deepest


def _checked(sql: str, tables: list[TableInfo], max_rows: int) -> str:
    try:
        statements = [s for s in sqlglot.parse(sql, read="duckdb") if s is not None]
    except sqlglot.errors.SqlglotError as error:
        raise UnsafeSQL(f"not valid SQL ({str(error).splitlines()[0][:120]})") from error
    if len(statements) != 1:
        raise UnsafeSQL(f"{len(statements)} statements; one SELECT is allowed")
    tree = statements[0]
    if not isinstance(tree, _ALLOWED_ROOTS):
        raise UnsafeSQL(f"a {tree.key.upper()} statement; only SELECT is allowed")
    if denied := next(tree.find_all(*_DENIED_NODES), None):
        raise UnsafeSQL(f"contains {denied.key.upper()}")
    for function in tree.find_all(exp.Func):
        name = _function_name(function)
        if name.startswith(_DENIED_PREFIXES) or name in _DENIED_BUILDERS:
            raise UnsafeSQL(f"function {name}() is not allowed")
    known = {t.name.lower(): t for t in tables}
    ctes = {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}
    used = []
    for table in tree.find_all(exp.Table):
        name = table.name.lower()
        if not name or (name not in known and name not in ctes) or table.args.get("db"):
            raise UnsafeSQL(f"unknown table {table.sql(dialect='duckdb')}")
        if name in known:
            used.append(known[name])
    columns = {c.name.lower() for t in used for c in t.columns}
    aliases = {a.alias.lower() for a in tree.find_all(exp.Alias)}
    aliases |= {c.name.lower() for cte in tree.find_all(exp.CTE) for c in cte.args["alias"].columns}
    for column in tree.find_all(exp.Column):
        if column.name.lower() not in columns | aliases:
            raise UnsafeSQL(f"unknown column {column.name}")
    return _limited(tree, max_rows).sql(dialect="duckdb")


def _limited(tree: exp.Expression, max_rows: int) -> exp.Expression:
    """The query with a whole-number row limit of at most `max_rows` (LIMIT 1.5, 1e3 or a
    subquery is replaced, never trusted)."""
    limit = tree.args.get("limit")
    value = limit.expression if isinstance(limit, exp.Limit) else None
    small = isinstance(value, exp.Literal) and value.name.isdigit() and int(value.name) <= max_rows
    if isinstance(tree, exp.Select) and small:
        return tree
    if isinstance(tree, exp.Select):
        return tree.limit(max_rows)
    return exp.select("*").from_(tree.subquery("q")).limit(max_rows)
