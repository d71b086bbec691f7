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


def test_a_query_building_a_huge_value_fails_on_memory_not_the_machine(tmp_path, settings, ingestor):
    """Past the check (which refuses repeat() by name), the connection's memory limit still holds."""
    (tmp_path / "tiny.csv").write_text("a,b\n1,2\n3,4\n")
    ingestor.run([str(tmp_path / "tiny.csv")])
    import duckdb

    huge = "SELECT length(string_agg(repeat('x', 100000000), '')) FROM range(20)"
    cache = TableCache(ingestor.store, settings.tables_path)
    with cache.connect() as con, pytest.raises(duckdb.Error, match="(?i)memory"):
        run(con, huge, timeout_s=30)


def test_a_model_result_agrees_only_when_labels_figures_and_order_match():
    from assistant.datasets.answerer import agrees

    planned = [("Quillon", 900, 3), ("Marrow", 450, 2)]
    assert agrees(planned, [(900.0, "Quillon"), (450, "Marrow")])  # other column order, same answer
    assert not agrees(planned, [("Marrow", 450), ("Quillon", 900)])  # another order
    assert not agrees(planned, [("Quillon", 600), ("Marrow", 450)])  # a single event, not the total
    assert not agrees(planned, [("Quillon", 900)])
