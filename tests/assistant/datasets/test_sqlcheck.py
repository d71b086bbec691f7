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
