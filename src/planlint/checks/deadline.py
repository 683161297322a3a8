"""Where the higher level sets a date, the plan must give one: absent or vague is a warning."""

from __future__ import annotations

from collections.abc import Iterator

from planlint.checks.base import Finding, Verdict, finding
from planlint.model import Item, Plan
from planlint.parse.cells import is_vague_deadline

KIND = "deadline"


def check(plan: Plan, verdict: Verdict, items: dict[str, Item]) -> Iterator[Finding]:
    rule = verdict.rule
    if verdict.status != "covered" or not rule.requires_deadline or plan.kind != "division-plan":
        return
    owned = [items[i] for i in verdict.items if items[i].assignees]
    if any(item.deadline and not is_vague_deadline(item.deadline) for item in owned):
        return
    item = items[verdict.best_item] if verdict.best_item else owned[0]
    dated = next((i for i in owned if i.deadline), None)
    kind = "vague-deadline" if dated else "no-deadline"
    item = dated or item
    params = {
        "title": rule.title,
        "title_en": rule.title_en,
        "item": item.id,
        "deadline": item.deadline or "",
    }
    yield finding(rule, "warning", kind, kind, params, item)
