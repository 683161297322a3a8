"""A draft rule pack from a higher document: one rule per task, matched by weighted terms.

The higher document (the province's or city's key points) is read and parsed like any plan;
each of its items is a task a lower plan should carry out. Each becomes a rule: its id from the
task's numbering (一(二)3 -> t-1-2-3), its title the task's first sentence, its source the
numbering, and a weighted pattern (match/weighted.py) of the task's distinctive terms
(trace/terms.py). A task of several sentences gets one more pattern per sentence, so an item
that carries one sentence of it (a plan splitting the task over several items) still traces to
it. The embedded tests come from the higher text itself: the task's own text must match, and
the other tasks closest to it must not.

The result is plain data, exactly what ``planlint rules draft`` writes as YAML, so the pack a
person refines and the pack ``check --against`` uses are one and the same.
"""

from __future__ import annotations

import re
from typing import Any

from planlint.errors import ReadError
from planlint.match.weighted import weighted_share
from planlint.model import Item, Plan
from planlint.textnorm import normalize
from planlint.trace.terms import phrases, weigh

# The share of a task's weight an item must carry to trace to it. Measured on the examples
# (examples/trace/, README "Trace mode"): true links score 0.48 and up, false ones 0.26 at most.
SHARE = 0.35
TAG = "trace"
PACK_NAME = "trace"
SEVERITY = "warning"  # a drafted link is a judgement: refine the pack before failing on it
MIN_CLAUSE_TERMS = 2  # a sentence with one term is too little to trace an item by
NO_MATCH_TESTS = 2  # other tasks' texts kept as tests that must not match
TITLE_MAX = 40

_SENTENCE = re.compile(r"(?<=[。；;！？!?])")
_DIGITS = {c: n for n, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_NUMERAL = re.compile(r"[〇零一二两三四五六七八九十百]+|\d+|[a-z]+")


def draft(plan: Plan, document: str | None = None, share: float = SHARE) -> dict[str, Any]:
    """The pack's data (valid against the schema) for the tasks of the higher ``plan``;
    ``document`` names it in each rule's source (its title, else its file name)."""
    name = document or document_name(plan)
    items = plan.items
    weights = weigh([item.text for item in items])
    ids = _rule_ids(items)
    rules = []
    for n, item in enumerate(items):
        terms = weights.terms[n]
        if not terms:
            continue  # no text to trace by (an item that is only a number)
        patterns = _patterns(item.text, terms, share)
        rule: dict[str, Any] = {
            "id": ids[n],
            "title": title(item.text),
            "short": item.id,
            "description": item.text,
            "source": {"document": name, "section": _section(item), "quote": item.text},
            "severity": SEVERITY,
            "tags": [TAG],
            "match": {"any": patterns},
            "tests": _tests(n, items, patterns),
        }
        rules.append(rule)
    if not rules:
        raise ReadError(plan.path, "no-items")
    return {
        "pack": PACK_NAME,
        "title": f"上级文件任务：{name}",
        "description": f"由 planlint rules draft 从《{name}》生成的草稿，每项任务一条要求，请人工核改。",
        "version": 1,
        "rules": rules,
    }


_NOTICE = re.compile(r"关于(?:印发|转发)《?(.+?)》?的通知")


def document_name(plan: Plan) -> str:
    """What the higher document is called: the document a notice issues (关于印发X的通知 -> X),
    else its title, else its file name."""
    title = plan.title or ""
    found = _NOTICE.search(title)
    return (found.group(1) if found else title) or plan.path


def _patterns(
    text: str, terms: tuple[tuple[str, float], ...], share: float
) -> list[dict[str, Any]]:
    """The whole task's terms, then each of its sentences' when it has several."""
    out = [_pattern(terms, share)]
    weight = dict(terms)
    sentences = [s for s in _SENTENCE.split(normalize(text)) if s]
    if len(sentences) < 2:
        return out
    for sentence in sentences:
        own = [t for t in phrases(sentence) if t in weight]
        if len(own) >= MIN_CLAUSE_TERMS and len(own) < len(terms):
            pattern = _pattern(tuple((t, weight[t]) for t in own), share)
            if pattern not in out:
                out.append(pattern)
    return out


def _pattern(terms: tuple[tuple[str, float], ...], share: float) -> dict[str, Any]:
    return {"weighted": {t: w for t, w in terms}, "share": share}


def _tests(n: int, items: list[Item], patterns: list[dict[str, Any]]) -> dict[str, list[str]]:
    """The task's own text must match; the other tasks nearest to it must not (those that do
    match are no test: a higher document may repeat a task)."""
    scored = []
    for m, other in enumerate(items):
        if m == n:
            continue
        score = _best_share(patterns, normalize(other.text))
        if score < patterns[0]["share"]:
            scored.append((-score, m))
    nearest = [items[m].text for _, m in sorted(scored)[:NO_MATCH_TESTS]]
    return {"match": [items[n].text], "no_match": nearest}


def _best_share(patterns: list[dict[str, Any]], text: str) -> float:
    return max(weighted_share(tuple(p["weighted"].items()), text)[0] for p in patterns)


def title(text: str) -> str:
    """The task's first sentence, cut at a comma before ``TITLE_MAX`` characters if longer."""
    first = _SENTENCE.split(text.strip(), maxsplit=1)[0].rstrip("。；;！？!?")
    if len(first) <= TITLE_MAX:
        return first
    cut = max(first.rfind("，", 0, TITLE_MAX), first.rfind(",", 0, TITLE_MAX))
    return first[:cut] if cut > 8 else first[: TITLE_MAX - 1] + "…"


def _section(item: Item) -> str:
    return f"{item.id}（{item.section}）" if item.section else item.id


def rule_id(numbering: str) -> str:
    """``t-`` and the numbering's numbers: 一(二)3 -> t-1-2-3, 3.2 -> t-3-2."""
    parts = [str(_number(p)) for p in _NUMERAL.findall(normalize(numbering))]
    return "t-" + "-".join(parts) if parts else "t"


def _rule_ids(items: list[Item]) -> list[str]:
    """One id a task, unique: a numbering met again gets -x2, -x3 …"""
    ids: list[str] = []
    seen: set[str] = set()
    for item in items:
        rid = base = rule_id(item.id)
        again = 1
        while rid in seen:
            again += 1
            rid = f"{base}-x{again}"
        seen.add(rid)
        ids.append(rid)
    return ids


def _number(token: str) -> int | str:
    """A numbering token as a number: 十二 -> 12, 二十 -> 20, 7 -> 7; letters as written."""
    if token.isdigit():
        return int(token)
    if not all(c in _DIGITS or c in "十百" for c in token):
        return token
    total, digit = 0, 0
    for c in token:
        if c == "百":
            total += (digit or 1) * 100
            digit = 0
        elif c == "十":
            total += (digit or 1) * 10
            digit = 0
        else:
            digit = digit * 10 + _DIGITS[c] if digit else _DIGITS[c]
    return total + digit
