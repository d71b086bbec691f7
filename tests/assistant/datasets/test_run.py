"""Running a checked query: a time limit that stops it."""

from __future__ import annotations

import pytest

from assistant.datasets.answerer import run
from vectorstore.tables import TableCache


def test_a_slow_query_is_stopped(tmp_path, settings, ingestor):
    (tmp_path / "tiny.csv").write_text("a,b\n1,2\n3,4\n")
    ingestor.run([str(tmp_path / "tiny.csv")])
    with TableCache(ingestor.store, settings.tables_path).connect() as con:
        slow = "SELECT COUNT(*) FROM range(100000000000) a, range(1000) b"
        with pytest.raises(TimeoutError, match="0.2 s"):
            run(con, slow, timeout_s=0.2)
