"""The README's Python example runs as written, against the sample corpus (only the folder it
names for a second store is swapped for a temporary one)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_python_example_runs(corpus_settings, tmp_path):
    readme = (ROOT / "README.md").read_text()
    [example] = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert '"/data/layoffqa"' in example
    script = example.replace('"/data/layoffqa"', repr(str(corpus_settings.data_dir)))
    script += "\nprint('CITED', result.citations[0].source)\n"
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "LAYOFFQA_DATA_DIR": str(corpus_settings.data_dir),
        "LAYOFFQA_GENERATOR": "extractive",  # the model path has its own tests; this one is about the API
        "HF_HUB_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
    }
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "[1]" in run.stdout and "CITED" in run.stdout
