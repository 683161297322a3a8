"""Is the requirement carried, by an item with an owner? covered / unassigned / n.a. / missing."""

from __future__ import annotations

from collections.abc import Iterator

from planlint.checks.base import Finding, Verdict, finding
from planlint.checks.reading import owners_unsure
from planlint.match import RequirementMatch
from planlint.match.near import MENTION
from planlint.messages import near_place
from planlint.model import Item, Plan
from planlint.parse.meta import declared_meaning
from planlint.rules import Rule

KIND = "coverage"


def verdict(plan: Plan, match: RequirementMatch, items: dict[str, Item]) -> Verdict:
    hits = sorted(match.hits, key=lambda h: h.rank, reverse=True)
    if not hits:
        return Verdict(match.rule, "missing", near=match.near)
    owned = [h for h in hits if items[h.item].assignees]
    if owned:
        owners: list[str] = []
        for h in owned:
            owners.extend(u for u in items[h.item].owners if u not in owners)
        best = owned[0].item
        return Verdict(match.rule, "covered", match.hits, owners, items[best].deadline, best)
    meanings = [declared_meaning(items[h.item].placeholder, plan.placeholders) for h in hits]
    status = "not-applicable" if all(m == "not-involved" for m in meanings) else "unassigned"
    return Verdict(match.rule, status, match.hits, [], None, hits[0].item)


def check(plan: Plan, verdict: Verdict, items: dict[str, Item]) -> Iterator[Finding]:
    rule = verdict.rule
    params = {"title": rule.title, "title_en": rule.title_en}
    if verdict.status == "covered":
        return
    if verdict.status == "missing":
        yield _missing(rule, verdict, params)
        return
    item = items[verdict.best_item or verdict.items[0]]
    params = {**params, "item": item.id, "placeholder": item.placeholder or ""}
    if verdict.status == "not-applicable":
        yield finding(rule, "info", "not-applicable", "not-applicable", params, item)
        return
    severity = rule.severity if rule.requires_owner else "warning"
    if not item.placeholder and owners_unsure(plan):
        # the reader may have missed the owner: say so, and do not fail the plan on it
        yield finding(rule, "warning", "unassigned", "unassigned-unsure", params, item)
        return
    if plan.kind == "key-points":
        template = "unassigned-plan"
    elif item.placeholder:
        template = "unassigned-placeholder"
    else:
        template = "unassigned-blank"
    yield finding(rule, severity, "unassigned", template, params, item)


def _missing(rule: Rule, verdict: Verdict, params: dict[str, str]) -> Finding:
    """Missing; when the requirement's words stand outside any item (a notice paragraph, a note,
    a row the reader could not place), the finding says so and points there."""
    mention = next((n for n in verdict.near if n.kind == MENTION), None)
    if mention is None:
        return finding(rule, rule.severity, "missing", "missing", params)
    params = {
        **params,
        "where": near_place(mention, "zh"),
        "where_en": near_place(mention, "en"),
        "terms": "、".join(mention.found),
    }
    return finding(rule, rule.severity, "missing", "missing-mention", params, loc=mention.loc)
