"""Where the higher level sets a date, the plan must give one: absent or vague is a warning.

A deadline is clear when it names a day or a period (2024年12月底前, 十一月底前, 年内, 每季度,
每年1月31日前, a date whose year the plan leaves open included); vague when it names none
(持续推进, 常态化, 每月, 按要求). parse reads that once per item (``Item.deadline_read.vague``,
parse/deadlines.py); this check only asks. Whether a clear date is also in time is
checks/late.py's question.
"""

from __future__ import annotations

from collections.abc import Iterator

from planlint.checks.base import Finding, Verdict, finding
from planlint.model import Item, Plan

KIND = "deadline"


def _clear(item: Item) -> bool:
    """The item's deadline, as parse read it, names a day or a period."""
    return item.deadline_read is not None and not item.deadline_read.vague


def check(plan: Plan, verdict: Verdict, items: dict[str, Item]) -> Iterator[Finding]:
    rule = verdict.rule
    if verdict.status != "covered" or not rule.requires_deadline or plan.kind != "division-plan":
        return
    owned = [items[i] for i in verdict.items if items[i].assignees]
    if any(_clear(item) for item in owned):
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
