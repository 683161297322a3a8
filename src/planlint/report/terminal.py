"""The rich terminal report a supervising office reads: header, requirement table, findings."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from planlint.checks import Result
from planlint.engine import Failure
from planlint.messages import word

_STATUS_STYLE = {
    "covered": "green",
    "unassigned": "yellow",
    "not-applicable": "cyan",
    "missing": "bold red",
}
_SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}

_LABELS = {
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
    },
}


def _explanation(result: Result, lang: str) -> Table:
    """Why each requirement was matched: every carrying item, its score and the terms found."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1, overflow="fold")
    for v in result.verdicts:
        if not v.hits:
            continue
        lines = []
        for h in sorted(v.hits, key=lambda h: h.rank, reverse=True):
            via = " " + _LABELS[lang]["via_heading"].strip() if h.via == "heading" else ""
            lines.append(f"[{h.item}] {h.score:g}  {' + '.join(h.terms)}{via}")
        grid.add_row(v.rule.short if lang == "zh" else v.rule.id, "\n".join(lines))
    return grid


def render_result(result: Result, lang: str = "zh", explain: bool = False) -> Group:
    L = _LABELS[lang]
    plan = result.plan
    items = {i.id: i for i in plan.items}
    head = Text()
    head.append(f"{L['file']}: ", style="bold").append(plan.path + "\n")
    head.append(f"{L['agency']}: ", style="bold").append(f"{plan.agency or '?'}   ")
    head.append(f"{L['year']}: ", style="bold").append(f"{plan.year or '?'}   ")
    head.append(f"{L['kind']}: ", style="bold").append(f"{word(plan.kind, lang)}   ")
    head.append(f"{L['items']}: ", style="bold").append(f"{len(plan.items)}   ")
    head.append(f"{L['pack']}: ", style="bold").append(", ".join(result.pack_names))

    table = Table(show_lines=False, expand=True, pad_edge=False)
    table.add_column(L["req"], no_wrap=True)
    table.add_column(L["status"], no_wrap=True)
    table.add_column(L["owner"], ratio=2, overflow="ellipsis", no_wrap=True)
    table.add_column(L["deadline"], ratio=1, overflow="ellipsis", no_wrap=True)
    table.add_column(L["evidence"], ratio=4, overflow="ellipsis", no_wrap=True)
    for v in result.verdicts:
        title = v.rule.short if lang == "zh" else v.rule.id
        status = Text(word(v.status, lang), style=_STATUS_STYLE[v.status])
        evidence = ""
        if v.best_item:
            item = items[v.best_item]
            more = f" +{len(v.hits) - 1}" if len(v.hits) > 1 else ""
            via = L["via_heading"] if any(h.via == "heading" for h in v.hits) else ""
            evidence = f"[{item.id}{more}] {via}{' '.join(item.text.split())}"
        owner = "、".join(v.owners)
        if not owner and v.best_item and items[v.best_item].placeholder:
            owner = items[v.best_item].placeholder or ""
        table.add_row(title, status, owner, v.deadline or "", evidence)

    findings = Table.grid(padding=(0, 1))
    findings.add_column(no_wrap=True)
    findings.add_column(no_wrap=True, style="dim")
    findings.add_column(ratio=1, overflow="fold")
    for f in result.findings:
        where = f.loc.describe() if f.loc else ""
        findings.add_row(
            Text(word(f.severity, lang), style=_SEVERITY_STYLE[f.severity]),
            Text(where),
            Text(f"{f.message_in(lang)} ({f.rule})"),
        )
    counts = {s: sum(v.status == s for v in result.verdicts) for s in _STATUS_STYLE}
    coverage = L["coverage"].format(
        covered=counts["covered"],
        total=len(result.verdicts),
        unassigned=counts["unassigned"],
        na=counts["not-applicable"],
        missing=counts["missing"],
    )
    parts: list = [head, table]
    if explain:
        parts += [Text(L["why"], style="bold"), _explanation(result, lang)]
    if result.findings:
        parts += [Text(L["findings"], style="bold"), findings]
    unplaced = [f for f in plan.unplaced if f.role == "unknown"]
    if unplaced:
        parts.append(Text(L["unplaced"].format(n=len(unplaced)), style="dim"))
    parts.append(Text(coverage, style="bold"))
    return Group(*parts)


def render_terminal(
    outcomes: list[Result | Failure], console: Console, lang: str = "zh", explain: bool = False
) -> None:
    for outcome in outcomes:
        if isinstance(outcome, Failure):
            console.print(Text(f"{_LABELS[lang]['failed']}: {outcome.message}", style="red"))
            continue
        console.print(Panel(render_result(outcome, lang, explain), title="planlint", expand=True))
