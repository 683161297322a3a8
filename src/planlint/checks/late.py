"""Where the higher level sets a due date, a plan that gives itself longer is late.

A rule's ``due`` (rules/due.py) is a date relative to the plan's year: the annual report of a
2023 plan is due on 2024-01-31, or on 2024-03-31 when a people's government (or its general
office) issues the plan (``due.issuers``, by the plan's ``issuer_kind``; the latest of the dates
when the issuer's kind is unknown). Each item carrying the requirement has its deadline already
read into a date by parse (``Item.deadline_read``, the earliest reading of the words); an item
whose date is later than the due date is a warning naming the item, the deadline as written,
the date it was read as, the due date and, where the date depends on the issuer, which date was
applied and why. Nothing is said when:

- the plan's year is unknown: the due date would be a guess;
- another item carrying the requirement is dated on or before the due date: the task is done
  in time there (the later item may be a follow-up);
- a deadline is no date (每季度, 持续推进, 按要求) or its year is unknown: it cannot be late.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from planlint.checks.base import Finding, Verdict, finding
from planlint.messages import word
from planlint.model import Deadline, Item, Plan
from planlint.rules import Rule
from planlint.rules.due import Applied

KIND = "late-deadline"


def chinese_date(day: date) -> str:
    """2025年1月31日, the way a report in Chinese writes a date."""
    return f"{day.year}年{day.month}月{day.day}日"


def check(plan: Plan, verdict: Verdict, items: dict[str, Item]) -> Iterator[Finding]:
    rule = verdict.rule
    if verdict.status != "covered" or rule.due is None or plan.year is None:
        return
    applied = rule.due.applied(plan.year, plan.issuer_kind)
    carrying = [items[i] for i in dict.fromkeys(verdict.items)]
    dated = [
        (item, item.deadline_read, item.deadline_read.date)
        for item in carrying
        if item.deadline_read is not None and item.deadline_read.date is not None
    ]
    if any(day <= applied.date for _, _, day in dated):
        return
    for item, deadline, day in dated:
        params = _params(rule, plan, item, deadline, day, applied)
        yield finding(rule, "warning", KIND, KIND, params, item)


def _params(
    rule: Rule, plan: Plan, item: Item, deadline: Deadline, day: date, applied: Applied
) -> dict[str, str]:
    """The message's words: the dates in each language, which of several dates was taken, and
    the basis of the due date with, when it depends on the issuer, why this one applies."""
    several = len(set(deadline.dates)) > 1
    basis = rule.due.basis if rule.due else ""
    why_zh, why_en = _why(applied, plan.agency)
    zh = "；".join(x for x in (basis, why_zh) if x)
    en = "; ".join(x for x in (basis, why_en) if x)
    return {
        "title": rule.title,
        "title_en": rule.title_en,
        "item": item.id,
        "deadline": deadline.text,
        "date": day.isoformat(),
        "due": applied.date.isoformat(),
        "date_zh": chinese_date(day),
        "due_zh": chinese_date(applied.date),
        "read_zh": f"其中最晚为{chinese_date(day)}" if several else f"即{chinese_date(day)}",
        "read_en": f"the latest of its dates, {day.isoformat()}" if several else day.isoformat(),
        "basis_zh": f"（{zh}）" if zh else "",
        "basis_en": f" ({en})" if en else "",
        "issuer_kind": applied.issuer or "",
        "due_reason": applied.reason,
    }


def _why(applied: Applied, agency: str | None) -> tuple[str, str]:
    """Why the plan gets this due date, in Chinese and English; nothing for a rule with one
    date for every issuer."""
    if applied.reason == "fixed":
        return "", ""
    if applied.reason == "issuer" and applied.issuer is not None:
        who = agency or "?"
        kind = f"issuer-{applied.issuer}"  # the kind's name, as rules show names it
        return (
            f"发文机关{who}属{word(kind, 'zh')}，适用该类机关的时限",
            f"the issuer {who} is {word(kind, 'en')}, whose date applies",
        )
    if agency:
        return (
            f"未能判断发文机关{agency}的类别，按各类机关中最晚的时限",
            f"the kind of the issuer {agency} is unknown, so the latest date for any issuer applies",
        )
    return (
        "未找到发文机关，按各类机关中最晚的时限",
        "the issuer is not named, so the latest date for any issuer applies",
    )
