"""What the reports people read (terminal, text) show of each requirement, as plain data.

The terminal lays these out in a table that fits the screen; the text format writes them in
full, one line each. Both show the plan's own words (owners, deadlines, the carrying item) as
written, less the pinyin glosses that web scrapers leave after characters (網(wǎng)站): the
matcher ignores those already (textnorm.py), and in a report they only make a unit's name
longer and harder to read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planlint.checks import Result
from planlint.checks.base import Verdict
from planlint.messages import word
from planlint.output import printable
from planlint.report.summary import evidence_text
from planlint.textnorm import PINYIN_GLOSS

# The words of the terminal and text reports (the documents sent on use messages.doc_text).
LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "file": "文件",
        "agency": "单位",
        "year": "年度",
        "kind": "类型",
        "items": "读取事项",
        "pack": "规则包",
        "req": "要求",
        "status": "状态",
        "owner": "责任单位",
        "deadline": "完成时限",
        "evidence": "对应事项",
        "findings": "问题",
        "none": "无",
        "coverage": "覆盖情况：{covered}/{total} 项已落实，{unassigned} 项未明确责任，{na} 项不涉及，{missing} 项缺失",
        "failed": "无法检查",
        "unplaced": "未能归入事项的文字 {n} 段（planlint parse 可查看）",
        "via_heading": "（据所属标题）",
        "why": "匹配依据（事项、得分、命中词）",
        "summary": "汇总：各方案落实情况",
        "plan": "方案",
        "missing": "缺失",
        "unassigned": "未明确",
        "missing_per_req": "缺失方案数",
    },
    "en": {
        "file": "file",
        "agency": "agency",
        "year": "year",
        "kind": "kind",
        "items": "items read",
        "pack": "packs",
        "req": "requirement",
        "status": "status",
        "owner": "owner",
        "deadline": "deadline",
        "evidence": "carried by",
        "findings": "findings",
        "none": "none",
        "coverage": "coverage: {covered}/{total} covered, {unassigned} unassigned, {na} not applicable, {missing} missing",
        "failed": "could not check",
        "unplaced": "{n} pieces of text not placed in any item (see planlint parse)",
        "via_heading": "(by its heading) ",
        "why": "why (item, score, terms found)",
        "summary": "summary: plans by requirements",
        "plan": "plan",
        "missing": "missing",
        "unassigned": "unassigned",
        "missing_per_req": "plans missing it",
    },
}

NEAR_TITLE = {
    "zh": "缺失要求的相近文字（位置、命中词、未命中词）",
    "en": "near misses of missing requirements (where, terms found, groups not found)",
}

# A gloss only counts right after a Chinese character, so "(a)" or "(cn)" in Latin text stays.
_GLOSS_AFTER_HANZI = re.compile(
    r"(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])" + PINYIN_GLOSS.pattern
)


def shown(text: str) -> str:
    """Plan text as a report shows it: scraper glosses removed, control characters escaped."""
    return printable(_GLOSS_AFTER_HANZI.sub("", text))


@dataclass(frozen=True)
class RequirementRow:
    """One requirement of one plan as a person reads it; empty strings where there is none."""

    title: str
    status: str  # the status key (covered, missing …)
    status_text: str  # the status in the report's language
    owners: tuple[str, ...]
    deadline: str
    evidence: str  # "[id +n] text" of the carrying item


def requirement_rows(result: Result, lang: str = "zh") -> list[RequirementRow]:
    """The rows of a plan's requirement table, in the packs' order."""
    return [_row(v, result, lang) for v in result.verdicts]


def _row(verdict: Verdict, result: Result, lang: str) -> RequirementRow:
    owners = tuple(shown(o) for o in verdict.owners)
    if not owners and verdict.best_item:
        item = next((i for i in result.plan.items if i.id == verdict.best_item), None)
        if item is not None and item.placeholder:
            owners = (shown(item.placeholder),)
    return RequirementRow(
        title=(verdict.rule.short or verdict.rule.title) if lang == "zh" else verdict.rule.id,
        status=verdict.status,
        status_text=word(verdict.status, lang),
        owners=owners,
        deadline=shown(verdict.deadline or ""),
        evidence=shown(evidence_text(verdict, result, lang)),
    )
