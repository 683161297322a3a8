"""Doubts about how the file was read, as findings: the report says where a reading looks
wrong instead of passing a misreading off as the plan's own fault."""

from __future__ import annotations

from collections.abc import Iterator

from planlint.checks.base import Finding, own_finding
from planlint.model import Plan

KIND = "reading"
_MAX = 5  # more doubts than this say the same thing: the first few are shown


def check_plan(plan: Plan) -> Iterator[Finding]:
    note = plan.reading
    if note is None:
        return
    for doubt in note.doubts[:_MAX]:
        template = f"reading-{doubt.kind}"
        params = {
            **doubt.params,
            "where": doubt.loc.describe() if doubt.loc else "?",
            "detail": doubt.detail,
            "reading": note.name,
        }
        yield own_finding(KIND, "warning", params, loc=doubt.loc, template=template)


# Doubts that put the items' owners in question: an 'unassigned' verdict may be the reader's.
_OWNER_DOUBTS = frozenset(
    {"owners-missing", "unit-columns-joined", "blocks-out-of-order", "blocks-rows-unsure"}
)


def owners_unsure(plan: Plan) -> bool:
    """Whether the plan's owners look unread or misplaced: the header promises a unit column
    but most items came out with none, or the rows were rebuilt by guesswork."""
    note = plan.reading
    return bool(note and any(d.kind in _OWNER_DOUBTS for d in note.doubts))
