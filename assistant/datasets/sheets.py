"""A workbook's sheets of one shape, read as one table as well as each on its own.

A tracker kept a sheet per year or per region ("2032", "2033") is one list of rows split for
convenience: "how many workers did Acme's notices cover in total" asks across the sheets, "which
notice in 2033" within one. Each group of a source's sheets with the same columns becomes a
temporary view beside them (on the read-only connection the question is answered on); the planner
picks the view when it selects more rows than any one sheet, and a sheet when one holds them all.
"""

from __future__ import annotations

import duckdb

from vectorstore.tables import TableInfo, sql_name


def joined_sheets(con: duckdb.DuckDBPyConnection, tables: list[TableInfo]) -> list[TableInfo]:
    """One view per group of two or more sheets of a source whose columns (names and types) agree."""
    groups: dict[tuple, list[TableInfo]] = {}
    for table in tables:
        if table.sheet:
            shape = tuple((c.name, c.type) for c in table.columns)
            groups.setdefault((table.source, shape), []).append(table)
    taken = {t.name for t in tables}
    joined = []
    for (source, _), sheets in groups.items():
        if len(sheets) < 2:
            continue
        first = sheets[0]
        name = sql_name(f"{first.name} all sheets", taken)
        union = " UNION ALL ".join(f'SELECT * FROM "{t.name}"' for t in sheets)
        con.execute(f'CREATE TEMP VIEW "{name}" AS {union}')
        names = ", ".join(t.sheet for t in sheets)
        title = f"{first.title.removesuffix(f' · {first.sheet}')} · sheets {names}"
        joined.append(TableInfo(name, source, names, title, sum(t.rows for t in sheets), list(first.columns)))
    return joined
