"""Typed tables rebuilt from the store: column typing on invented cells, and the cache following
the store through ingest and delete."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from tests.conftest import make_workbook, record_scans
from vectorstore.tables import TableCache, type_column


def test_numbers_percentages_and_placeholders():
    values, kind = type_column(pd.Series(["1,234", "16000.0", "$5", "15%", "", "-----", "N/A"]))
    assert kind == "number"
    assert list(values[:4]) == [1234, 16000, 5, 0.15] and values[4:].isna().all()


def test_dates_written_three_ways_and_annotated_cells():
    values, kind = type_column(
        pd.Series(["3/4/2025", "2025-03-04", "March 4, 2025", "3/4/2025 Amended: 4/1/2025"])
    )
    assert kind == "date" and set(values) == {dt.date(2025, 3, 4)}
    values, kind = type_column(pd.Series(["35 (all sites)", "1,200", "7"]))
    assert kind == "number" and list(values) == [35, 1200, 7]


def test_text_stays_text():
    values, kind = type_column(pd.Series(["(212) 555-0100", "45-1234567", "Closing"]))
    assert kind == "text" and values[0] == "(212) 555-0100"


def test_cache_follows_the_store(tmp_path, settings, ingestor):
    (tmp_path / "cuts.csv").write_text("employer,cut,when\nHooli,120,2024-02-01\nInitech,80,2024-03-05\n")
    ingestor.run([str(tmp_path / "cuts.csv")])
    cache = TableCache(ingestor.store, settings.tables_path)
    [table] = cache.tables()
    assert [(c.name, c.type) for c in table.columns] == [
        ("employer", "text"),
        ("cut", "number"),
        ("when", "date"),
    ]
    with cache.connect() as con:
        assert con.execute(f'SELECT SUM(cut) FROM "{table.name}"').fetchone()[0] == 200
    ingestor.delete(["cuts.csv"])
    assert cache.tables() == []  # rebuilt: the deleted table is gone


def test_a_workbook_gives_one_table_per_sheet(tmp_path, settings, ingestor):
    make_workbook(tmp_path / "notices.xlsx")
    report = ingestor.run([str(tmp_path / "notices.xlsx")])
    assert not report.failures
    tables = TableCache(ingestor.store, settings.tables_path).tables()
    assert sorted((t.sheet, t.rows) for t in tables) == [("2024 notices", 2), ("2025 notices", 1)]
    assert all(t.column("notice_date").type == "date" for t in tables)


def test_a_connection_held_open_does_not_hide_a_newer_revision(tmp_path, settings, ingestor):
    (tmp_path / "a.csv").write_text("employer,cut\nHooli,120\n")
    ingestor.run([str(tmp_path / "a.csv")])
    cache = TableCache(ingestor.store, settings.tables_path)
    held = cache.connect()  # another question still reading the old tables
    (tmp_path / "b.csv").write_text("employer,cut\nInitech,80\n")
    ingestor.run([str(tmp_path / "b.csv")])
    with cache.connect() as fresh:
        names = [r[0] for r in fresh.execute("SELECT name FROM _layoffqa_tables").fetchall()]
        assert len(names) == 2
        assert fresh.execute("SELECT current_setting('memory_limit')").fetchone()[0] != ""
        assert fresh.execute("SELECT current_setting('threads')").fetchone()[0] == 1
    assert held.execute("SELECT count(*) FROM _layoffqa_tables").fetchone()[0] == 1
    held.close()
    assert len(list(settings.data_dir.glob("tables.*.duckdb"))) == 1  # older revisions removed


def test_an_ingest_rebuilds_only_the_tables_of_the_documents_it_touched(tmp_path, settings, ingestor):
    (tmp_path / "a.csv").write_text("employer,cut\nHooli,120\nInitech,80\n")
    (tmp_path / "b.csv").write_text("employer,cut\nGlobex,45\n")
    ingestor.run([str(tmp_path / "a.csv"), str(tmp_path / "b.csv")])
    cache = TableCache(ingestor.store, settings.tables_path)
    assert len(cache.tables()) == 2
    read = record_scans(ingestor.store)
    (tmp_path / "memo.md").write_text("Title: Memo\n\nNothing in tables here.\n")
    ingestor.run([str(tmp_path / "memo.md")])
    assert [t.rows for t in cache.tables()] == [2, 1]
    assert read == [{"$and": [{"row": {"$gte": 0}}, {"source": {"$in": [str(tmp_path / "memo.md")]}}]}]
    read.clear()
    (tmp_path / "b.csv").write_text("employer,cut\nGlobex,45\nUmbrella,7\n")
    ingestor.run([str(tmp_path / "b.csv")])
    with cache.connect() as con:
        assert con.execute('SELECT SUM(cut) FROM "b"').fetchone()[0] == 52
        assert con.execute('SELECT SUM(cut) FROM "a"').fetchone()[0] == 200
    assert read == [{"$and": [{"row": {"$gte": 0}}, {"source": {"$in": [str(tmp_path / "b.csv")]}}]}]
    ingestor.delete([str(tmp_path / "a.csv")])
    assert [t.name for t in cache.tables()] == ["b"]


def test_a_column_of_percentages_or_dollars_is_a_number_with_its_unit():
    values, kind = type_column(pd.Series(["2.1%", "2.4%", "", "2.2%"]))
    assert kind == "percent" and values.round(3).tolist()[:2] == [0.021, 0.024]
    values, kind = type_column(pd.Series(["$180,000", "$365,000", "-$20"]))
    assert kind == "dollars" and values.tolist() == [180000, 365000, -20]
    assert type_column(pd.Series(["1,200", "2.1%", "3"]))[1] == "number"  # mixed: no unit


def test_a_column_of_months_also_has_their_first_days_and_other_text_has_none():
    from vectorstore.tables import month_starts

    starts = month_starts(pd.Series(["January 2031", "Feb 2031", "2031-03", None]))
    assert [str(d) for d in starts.tolist()[:3]] == ["2031-01-01", "2031-02-01", "2031-03-01"]
    assert month_starts(pd.Series(["Brayton", "Dunholm", "March 2031"])) is None
    assert month_starts(pd.Series(["Claims rose in March 2031", "Fell in April 2031"])) is None


def test_tables_of_an_older_format_are_rebuilt_in_the_new_one(tmp_path, settings, ingestor, monkeypatch):
    import vectorstore.table_build
    import vectorstore.tables

    (tmp_path / "cuts.csv").write_text("employer,cut,month\nHooli,120,March 2031\nInitech,80,April 2031\n")
    ingestor.run([str(tmp_path / "cuts.csv")])
    cache = TableCache(ingestor.store, settings.tables_path)
    [table] = cache.tables()
    assert table.column("month").type == "text" and table.column("month_date").type == "date"
    newer = vectorstore.tables.FORMAT + 1  # as after an upgrade that types cells another way
    monkeypatch.setattr(vectorstore.tables, "FORMAT", newer)
    monkeypatch.setattr(vectorstore.table_build, "FORMAT", newer)
    with cache.connect() as con:
        assert con.execute(f'SELECT SUM(cut) FROM "{table.name}"').fetchone()[0] == 200
    files = sorted(p.name for p in settings.data_dir.glob("tables.*"))
    assert [f for f in files if f.endswith(".duckdb")] == [
        f"tables.{ingestor.store.revision()}-f{newer}.duckdb"
    ]
    assert not [f for f in files if f.endswith(".partial")]


def test_a_grid_with_a_column_per_year_is_stored_a_row_per_label_and_year():
    from vectorstore.tables import Column
    from vectorstore.unpivot import long_form, measure_name

    frame = pd.DataFrame({"program": ["Welding", "Bookkeeping"], "2029": [310, 140], "2030": [355, None]})
    columns = [Column("program", "text"), Column("2029", "number"), Column("2030", "number")]
    long, typed = long_form(frame, columns, "Harbour grants · Course starts by program and year")
    assert [c.name for c in typed] == ["program", "year", "year_date", "course_starts"]
    assert long.values.tolist() == [
        ["Welding", "2029", dt.date(2029, 1, 1), 310],
        ["Bookkeeping", "2029", dt.date(2029, 1, 1), 140],
        ["Welding", "2030", dt.date(2030, 1, 1), 355],  # an empty cell is no row
    ]
    assert measure_name("Harbour, 2031") == "value"
    one_year = [Column("program", "text"), Column("2029", "number"), Column("change", "number")]
    assert long_form(frame.rename(columns={"2030": "change"}), one_year, "") is None  # one period: as it is
