"""An owner given only as "all units" (各科室, 局属各单位 …) with no lead is no owner at all."""

from __future__ import annotations

import re
from collections.abc import Iterator

from planlint.checks.base import Finding, Verdict, finding
from planlint.model import Item, Plan
from planlint.textnorm import normalize

KIND = "diffuse-owner"

_ALL_UNITS = re.compile(
    r"^(局属|机关|局机关|其他|市直|区直|县直|本系统|系统内|局)?(各|全体|所有|相关|有关)"
    r".{0,6}(科室|单位|处室|股室|部门|科|处|股|中心|站|所)$"
)


def is_diffuse(name: str) -> bool:
    return bool(_ALL_UNITS.match(normalize(name)))


def check(plan: Plan, verdict: Verdict, items: dict[str, Item]) -> Iterator[Finding]:
    if verdict.status != "covered":
        return
    owned = [items[i] for i in verdict.items if items[i].assignees]
    if any(item.leads or not all(is_diffuse(u) for u in item.assignees) for item in owned):
        return
    item = items[verdict.best_item] if verdict.best_item else owned[0]
    rule = verdict.rule
    params = {
        "title": rule.title,
        "title_en": rule.title_en,
        "owners": "、".join(item.assignees),
        "item": item.id,
    }
    yield finding(rule, "warning", KIND, KIND, params, item)
