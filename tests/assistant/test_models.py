"""Where the local model lives: one shared copy that every data dir finds."""

from __future__ import annotations

import pytest

from assistant.models import model_path
from assistant.settings import Settings
from tests.conftest import INSTALLED_MODEL, run_cli


def test_every_data_dir_finds_the_same_model_and_the_env_can_move_it(tmp_path, monkeypatch):
    monkeypatch.delenv("LAYOFFQA_MODEL_DIR", raising=False)
    one, other = Settings(data_dir=tmp_path / "client-a"), Settings(data_dir=tmp_path / "client-b")
    assert one.models_dir == other.models_dir
    assert tmp_path not in one.models_dir.parents
    monkeypatch.setenv("LAYOFFQA_MODEL_DIR", str(tmp_path / "models"))
    moved = model_path(Settings(data_dir=tmp_path / "c").models_dir)
    assert moved == tmp_path / "models" / INSTALLED_MODEL.name


def test_models_install_from_another_data_dir_finds_the_installed_model_on_one_line(tmp_path):
    if not INSTALLED_MODEL.exists():
        pytest.skip("local model not installed (layoffqa models install)")
    done = run_cli(tmp_path / "elsewhere", "models", "install", env={"COLUMNS": "40"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines() == [f"model already installed: {INSTALLED_MODEL}"]
