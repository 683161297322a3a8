"""Plan items that trace to no task of the higher document: local additions, shown.

In trace mode (``check --against``, or a pack drafted by ``rules draft``) every rule is a task
of the document above, tagged ``trace``. An item none of them matched carries out nothing that
document asks for: often a fine local task (a county's own 政府开放日), sometimes a task the
matcher could not link. Either way a reviewer wants to see it, so each is one info finding; it
never fails a plan. Without trace rules this check says nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from planlint.checks.base import Finding, own_finding
from planlint.match import RequirementMatch
from planlint.model import Plan

KIND = "untraced"  # planlint's own finding, like reading: ``--ignore untraced`` names it
TAG = "trace"  # the tag trace/draft.py gives every drafted rule


def check_plan(plan: Plan, matches: list[RequirementMatch]) -> Iterator[Finding]:
    tasks = [m for m in matches if TAG in m.rule.tags]
    if not tasks:
        return
    traced = {hit.item for m in tasks for hit in m.hits}
    document = tasks[0].rule.source_document or tasks[0].rule.pack
    for item in plan.items:
        if item.id in traced:
            continue
        params = {"item": item.id, "document": document, "text": _excerpt(item.text)}
        yield own_finding(KIND, "info", params, item)


def _excerpt(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
