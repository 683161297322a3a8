"""Doubts about how the file was read, as findings: the report says where a reading looks
wrong instead of passing a misreading off as the plan's own fault."""

from __future__ import annotations

from collections.abc import Iterator

from planlint.checks.base import Finding
from planlint.messages import render
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
            "where": doubt.loc.describe() if doubt.loc else "?",
            "detail": doubt.detail,
            "reading": note.name,
        }
        yield Finding(
            rule="reading",
            pack="planlint",
            severity="warning",
            kind=KIND,
            message=render(template, params),
            loc=doubt.loc,
            params=params,
            template=template,
        )


def owners_unsure(plan: Plan) -> bool:
    """Whether the plan's owners look unread: the header promises a unit column but most
    items came out with none. An 'unassigned' verdict there may be the reader's fault."""
    note = plan.reading
    return bool(note and any(d.kind == "owners-missing" for d in note.doubts))
