"""The cue-word module defines each name once: a second definition silently replaces the first for
every stage that imports it (ruff does not flag a module constant assigned twice)."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import assistant.query.vocabulary as vocabulary


def test_every_cue_is_defined_once():
    tree = ast.parse(Path(vocabulary.__file__).read_text(encoding="utf-8"))
    names = Counter(
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    )
    assert [name for name, count in names.items() if count > 1] == []
    assert names  # the module was read
