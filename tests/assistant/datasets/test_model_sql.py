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


def _checked_and_run(assistant, question):
    """The answer, after asserting that what ran is a checked SELECT citing the dataset."""
    from assistant.datasets.sqlcheck import validate

    answer = assistant.answer(question)
    assert answer.sql.upper().startswith(("SELECT", "WITH")), answer.sql
    assert validate(answer.sql, assistant.tables.cache.tables()) == answer.sql  # it had passed the check
    assert answer.citations[0].kind == "dataset"
    return answer


@pytest.mark.slow
def test_a_total_from_the_models_query_or_the_planners_is_the_true_total(model_sql):
    assistant, truth = model_sql
    answer = _checked_and_run(assistant, "How many people did Contoso lay off in total?")
    expected = truth.loc[truth.company == "Contoso", "laid_off"].sum()
    assert f"{int(expected):,}" in answer.text, (answer.text, answer.sql, answer.warnings)


@pytest.mark.slow
def test_a_ranking_from_the_models_query_or_the_planners_is_the_true_ranking(model_sql):
    assistant, truth = model_sql
    answer = _checked_and_run(assistant, "Top 3 companies by layoffs in 2023")
    in_year = truth[truth.date.dt.year == 2023]
    expected = in_year.groupby("company")["laid_off"].sum().sort_values(ascending=False).head(3)
    assert [row[0] for row in answer.rows] == list(expected.index), (answer.sql, answer.warnings)
