"""An owner that is not one of the unit's own departments: a typo (法治科 for 法制科), or a
department merged away since last year's plan was copied.

The list comes from the project's configuration (``departments``); without one this check says
nothing. Names are compared normalised (full-width forms, traditional characters and spaces do
not count), and "all units" owners (各科室) are left to the diffuse-owner check. Each unknown
name is one warning, at the first item that names it, listing the items and, when a listed
department is close, which one was probably meant.
"""

from __future__ import annotations

from collections.abc import Iterator

from planlint.checks.base import Finding, own_finding
from planlint.checks.diffuse_owner import is_diffuse
from planlint.model import Item, Plan
from planlint.textnorm import normalize

KIND = "unknown-department"
_SHOWN_ITEMS = 5
_CLOSE = 60  # rapidfuzz ratio from which a listed department is offered as the one meant


def check_plan(plan: Plan, departments: tuple[str, ...] | list[str]) -> Iterator[Finding]:
    if not departments:
        return
    known = {normalize(d): d for d in departments}
    unknown: dict[str, list[Item]] = {}
    for item in plan.items:
        for unit in dict.fromkeys([*item.assignees, *item.assisting]):
            if normalize(unit) in known or is_diffuse(unit):
                continue
            unknown.setdefault(unit, []).append(item)
    for unit, items in unknown.items():
        yield _finding(unit, items, _closest(unit, known))


def _finding(unit: str, items: list[Item], meant: str | None) -> Finding:
    ids = [i.id for i in items]
    shown = "、".join(ids[:_SHOWN_ITEMS]) + ("等" if len(ids) > _SHOWN_ITEMS else "")
    params = {
        "unit": unit,
        "items": shown,
        "hint": f"；是否应为“{meant}”？" if meant else "",
        "hint_en": f"; did you mean '{meant}'?" if meant else "",
    }
    return own_finding(KIND, "warning", params, items[0])


def _closest(unit: str, known: dict[str, str]) -> str | None:
    from rapidfuzz import fuzz, process

    best = process.extractOne(normalize(unit), list(known), scorer=fuzz.ratio, score_cutoff=_CLOSE)
    return known[best[0]] if best else None
