"""The SQL check: only one read-only SELECT over known tables and columns, with a row limit."""

from __future__ import annotations

import pytest

from assistant.datasets.sqlcheck import MAX_ROWS, UnsafeSQL, validate
from vectorstore.tables import Column, TableInfo

TABLES = [
    TableInfo("events", "events.csv", "", "Events", 3, [Column("company", "text"), Column("n", "number")])
]


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("DROP TABLE events", "DROP"),
        ("DELETE FROM events", "DELETE"),
        ("INSERT INTO events VALUES ('x', 1)", "INSERT"),
        ("SELECT 1; DROP TABLE events", "2 statements"),
        ("SELECT secret FROM events", "unknown column"),
        ("SELECT * FROM other_table", "unknown table"),
        ("SELECT * FROM read_csv('/etc/passwd')", "read_csv"),
        ("SELECT getenv('HOME')", "getenv"),
        ("SELECT * FROM query('SELECT 1')", "query"),
        ("COPY events TO '/tmp/out.csv'", "COPY"),
        ("ATTACH '/tmp/other.db'", "ATTACH"),
        ("SELECT * FROM other.main.events", "unknown table"),
        ("this is not sql at all (", "SQL"),
    ],
)
def test_refused(sql, reason):
    with pytest.raises(UnsafeSQL, match=reason):
        validate(sql, TABLES)


def test_allowed_queries_get_a_row_limit():
    assert validate("SELECT company, SUM(n) AS total FROM events GROUP BY company", TABLES).endswith(
        f"LIMIT {MAX_ROWS}"
    )
    assert validate("SELECT * FROM events LIMIT 5", TABLES).endswith("LIMIT 5")
    assert validate("SELECT * FROM events LIMIT 99999", TABLES).endswith(f"LIMIT {MAX_ROWS}")
    cte = "WITH big AS (SELECT company FROM events WHERE n > 5) SELECT company FROM big"
    assert "big" in validate(cte, TABLES)


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM events LIMIT 1.5",
        "SELECT * FROM events LIMIT 1e3",
        "SELECT * FROM events LIMIT (SELECT 5)",
    ],
)
def test_a_limit_that_is_not_a_whole_number_is_replaced(sql):
    assert validate(sql, TABLES).endswith(f"LIMIT {MAX_ROWS}")


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("SELECT " + "(" * 100 + "1" + ")" * 100 + " FROM events", "nested"),
        ("SELECT " + "1 + " * 3000 + "1 FROM events", "characters"),
        ("SELECT repeat('x', 1000000000) FROM events", "repeat"),
        ("SELECT * FROM range(1000000000000)", "range|generate_series"),
        ("SELECT lpad('x', 1000000000, 'y') FROM events", "pad"),
        ("SELECT count(*) FROM generate_series(1, 1000000000000)", "generate_series"),
    ],
)
def test_queries_that_cannot_be_checked_or_build_huge_values_are_refused(sql, reason):
    with pytest.raises(UnsafeSQL, match=reason):
        validate(sql, TABLES)
