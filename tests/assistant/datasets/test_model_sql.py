"""The local model writing table queries (LAYOFFQA_TABLE_SQL=model): whatever it writes, only a
checked SELECT runs, and the figure is the database's. Slow: the real model, about a minute."""

from __future__ import annotations

import pytest

from assistant.service import Assistant
from assistant.settings import Settings
from assistant.wiring import open_ingestor
from tests.assistant.datasets.tracker import make_tracker
from tests.conftest import require_local_model


@pytest.fixture(scope="module")
def model_sql(tmp_path_factory):
    model = require_local_model()
    folder = tmp_path_factory.mktemp("model_sql")
    path, truth = make_tracker(folder, rows=120)
    settings = Settings(data_dir=folder / "data", model_path=model, table_sql="model")
    assert not open_ingestor(settings).run([str(path)]).failures
    return Assistant(settings, generator="local"), truth


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["How many people did Contoso lay off in total?", "Top 3 companies by layoffs in 2023"]
)
def test_the_model_query_is_checked_and_the_planner_catches_failures(model_sql, question):
    from assistant.datasets.sqlcheck import validate

    assistant, _ = model_sql
    answer = assistant.answer(question)
    assert answer.sql.upper().startswith(("SELECT", "WITH")), answer.sql
    tables = assistant.tables.cache.tables()
    assert validate(answer.sql, tables) == answer.sql  # what ran had passed the check
    assert answer.rows and answer.citations[0].kind == "dataset"
    used_planner = any("planner answered" in w for w in answer.warnings)
    assert used_planner or "[1]" in answer.text
