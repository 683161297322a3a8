"""Trace mode: a plan checked against the higher document it carries out (README "Trace mode").

The higher document is read and parsed like a plan (any format planlint reads), drafted into a
pack of one rule per task (``draft.py``), and that pack is used like any other: every output
format, batches, waivers and baselines work unchanged. ``checks/untraced.py`` adds the plan's
items that trace to no task above.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from planlint.errors import ReadError
from planlint.model import Plan
from planlint.rules import Pack, pack_from_data
from planlint.trace.draft import SHARE, TAG, draft

__all__ = [
    "SHARE",
    "TAG",
    "draft",
    "draft_file",
    "higher_pack",
    "read_higher",
    "to_yaml",
    "without_higher",
]


def read_higher(path: str | Path, max_bytes: int | None = None, reading: Any = None) -> Plan:
    """The higher document read and parsed as a plan; one without task items is a ReadError."""
    from planlint.engine import parse_file
    from planlint.readers import DEFAULT_MAX_BYTES

    limit = max_bytes or DEFAULT_MAX_BYTES
    plan = parse_file(Path(path), limit, reading)
    if not plan.items:
        raise ReadError(str(path), "no-items")
    return plan


def draft_file(path: str | Path, max_bytes: int | None = None, reading: Any = None) -> dict:
    """The draft pack's data for the higher document at ``path``."""
    return draft(read_higher(path, max_bytes, reading))


def higher_pack(path: str | Path, max_bytes: int | None = None, reading: Any = None) -> Pack:
    """The higher document as a pack, validated and built like a pack file."""
    return pack_from_data(draft_file(path, max_bytes, reading), str(path))


def without_higher(files: list, higher: str | Path) -> list:
    """The plans of a batch less the higher document itself, when a folder searched holds it:
    checked against itself it would only say that every task is carried."""

    def same(path: object) -> bool:
        try:
            return isinstance(path, Path) and os.path.samefile(path, higher)
        except OSError:
            return False

    return [f for f in files if not same(f)]


def to_yaml(data: dict) -> str:
    """The draft as a pack file: a comment saying what it is, then the data in document order."""
    import yaml

    head = (
        "# planlint draft pack, generated from a higher document by `planlint rules draft`.\n"
        "# Each rule is one task of that document; `weighted` lists the task's distinctive terms\n"
        "# with their weights, and an item carries the task when it holds at least `share` of\n"
        '# the weight (README "Trace mode"). Refine titles, terms and weights, then use it with\n'
        "# `planlint check --pack FILE`.\n"
    )
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return head + body
