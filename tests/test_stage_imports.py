"""The pipeline runs one way: readers/ -> parse/ -> rules -> match -> checks -> report.

A reader that imported from parse/ (or later) would tie the byte-level readers to the item
model built from them; what both stages ask of a cell lives below both (``cellkinds.py``,
``vocab.py``). These tests read the imports of the real source files, at any depth (a function
may import lazily), so a backward import fails here rather than in review.
"""

from __future__ import annotations

import ast
from pathlib import Path

import planlint

SRC = Path(planlint.__file__).parent
LATER = ("parse", "rules", "match", "checks", "report", "trace", "run", "cli", "engine")


def _imports(path: Path) -> set[str]:
    """Every planlint module a file imports, relative imports resolved."""
    package = ["planlint", *path.relative_to(SRC).parent.parts]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            found.add(".".join([*base, *([node.module] if node.module else [])]))
    return {name for name in found if name.split(".")[0] == "planlint"}


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_readers_import_no_later_stage() -> None:
    files = sorted((SRC / "readers").rglob("*.py"))
    assert files
    backward = {
        f"{path.relative_to(SRC)}: {name}"
        for path in files
        for name in _imports(path)
        if _stage(name) in LATER
    }
    assert not backward


def test_shared_cell_vocabulary_sits_below_readers_and_parse() -> None:
    for name in ("cellkinds.py", "vocab.py", "textnorm.py"):
        stages = {_stage(module) for module in _imports(SRC / name)}
        assert not stages & {"readers", *LATER}, name


def test_readers_use_the_shared_classifiers() -> None:
    """The flattened-dump readers still ask the same questions as parse, from below both."""
    users = {
        path.name
        for path in (SRC / "readers").glob("*.py")
        if "planlint.cellkinds" in _imports(path)
    }
    assert {"blocks.py", "passes.py", "spaced.py"} <= users
