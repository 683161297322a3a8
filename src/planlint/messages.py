"""Report wording, Chinese first (the reader is a civil servant), English on request."""

from __future__ import annotations

import os
import re
import string
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planlint.match.near import NearMiss
    from planlint.model import Location

_TEMPLATES: dict[str, dict[str, str]] = {
    "missing": {
        "zh": "未见落实要求「{title}」的事项",
        "en": "no item carries the requirement '{title}'",
    },
    "missing-mention": {
        "zh": "未见落实要求「{title}」的事项；但{where}提到「{terms}」，不在任何事项内",
        "en": "no item carries the requirement '{title}'; but {where_en} mentions '{terms}', outside any item",
    },
    "unassigned-blank": {
        "zh": "要求「{title}」见于第{item}项，但责任单位栏为空",
        "en": "'{title}' is in item {item}, but its responsible-unit cell is blank",
    },
    "unassigned-placeholder": {
        "zh": "要求「{title}」见于第{item}项，但责任单位仅为占位符“{placeholder}”",
        "en": "'{title}' is in item {item}, but its unit cell holds only the placeholder '{placeholder}'",
    },
    "unassigned-plan": {
        "zh": "要求「{title}」见于第{item}项，但本计划未分配责任单位",
        "en": "'{title}' is in item {item}, but the plan assigns no responsible units",
    },
    "unassigned-unsure": {
        "zh": "要求「{title}」见于第{item}项，但未能读出其责任单位（本文件多数事项均未读出责任单位，可能是读取有误，请人工核对）",
        "en": "'{title}' is in item {item}, but no owner could be read for it (most items of this file came out with no owner: the reading may be wrong, check by hand)",
    },
    "reading-owners-missing": {
        "zh": "读取存疑：表头有责任单位栏，但{detail}项未读出责任单位（自{where}起），请核对读取结果（planlint parse）",
        "en": "reading doubtful: the header has a unit column, but {detail} items came out with no owner (from {where}); check the reading with planlint parse",
    },
    "reading-misaligned-row": {
        "zh": "读取存疑：{where}处这一行的单元格与表头各栏对不上，责任单位或完成时限可能读错，请核对",
        "en": "reading doubtful: the cells of the row at {where} do not fit the header's columns; its owner or deadline may be misread",
    },
    "reading-table-unread": {
        "zh": "读取存疑：{where}处有表头（“{detail}”），但未能按表格读出各栏，责任单位和完成时限可能未读出，请核对",
        "en": "reading doubtful: there is a table header at {where} ('{detail}') but no table was read from it; owners and deadlines may be missing",
    },
    "reading-items-merged": {
        "zh": "读取存疑：只读出{detail}（事项/疑似任务句），多个事项可能被并为一项或未读出，请核对",
        "en": "reading doubtful: only {detail} (items/task-like sentences) were read; several tasks may have been merged or missed",
    },
    "reading-unit-column-unsure": {
        "zh": "读取存疑：{where}处这一行只在牵头单位、配合单位两栏之一读出单位，另一栏为空、与上一行合并还是单位应属另一栏，原文看不出，请核对",
        "en": "reading doubtful: the row at {where} has units in only one of the lead and assisting columns; whether the other is blank, merged with the row above, or the units belong in it, the text does not show",
    },
    "reading-blocks-out-of-order": {
        "zh": "读取存疑：序号{detail}（{where}）写在比它小的序号之前，且紧挨另一行工作任务的开头：文本中各栏文字的先后与表格各行的先后不一致，部分事项的任务、责任单位或完成时限可能归错行，请核对",
        "en": "reading doubtful: running number {detail} at {where} is written before a smaller one, beside the start of another row's task: the text does not follow the table's rows, so some items' task text, owners or deadlines may stand in the wrong row; check by hand",
    },
    "reading-blocks-rows-unsure": {
        "zh": "读取存疑：自{where}起读出的工作任务行数与序号不符（{detail}，行数/序号），事项可能被拆分或合并，请核对",
        "en": "reading doubtful: the task cells read from {where} are not as many as the running numbers ({detail}, cells/numbers); items may have been split or merged",
    },
    "reading-blocks-spread": {
        "zh": "读取存疑：{where}处的“{detail}”栏单独成段，条数与表格行数不符，哪一行为空或与上一行合并，原文看不出，该栏可能归错行，请核对",
        "en": "reading doubtful: the '{detail}' column at {where} is written apart, with more or fewer cells than the table has rows; which row is blank or merged the text does not show, so its cells may stand in the wrong rows",
    },
    "reading-unit-columns-joined": {
        "zh": "读取存疑：{where}处表头分列牵头单位和配合单位，但文本不显示各单元格的位置，两栏单位合并读出，牵头与配合无法区分，请核对",
        "en": "reading doubtful: the header at {where} has a lead and an assisting unit column, but the text does not show where each cell stands: their units were read together, lead and assisting not told apart",
    },
    "reading-unplaced-task": {
        "zh": "读取存疑：{where}处疑似工作任务的文字未归入任何事项：“{detail}”",
        "en": "reading doubtful: task-like text at {where} was not placed in any item: '{detail}'",
    },
    # decoding (readers/decode.py): damage replaced, not refused; a wrong charset overruled
    "reading-bad-bytes": {
        "zh": "读取存疑：{where}处有{count}个字节不是有效的 {encoding} 编码（第{offset}字节起：{bytes}），已替换为“\ufffd”，此处文字可能有误，请核对原文件",
        "en": "reading doubtful: {count} byte(s) at {where} (from byte offset {offset}: {bytes}) are not valid {encoding} and were replaced with U+FFFD; the text there may be wrong",
    },
    "reading-bad-bytes-more": {
        "zh": "读取存疑：另有{lines}行共{count}个无效字节已替换为“\ufffd”",
        "en": "reading doubtful: {count} more invalid byte(s) on {lines} more line(s) were replaced with U+FFFD",
    },
    "reading-charset-overruled": {
        "zh": "读取存疑：文件声明的编码 {declared}（{where}行）无法正确解码，已按检测到的 {encoding} 读取",
        "en": "reading doubtful: the declared charset {declared} (line {where}) does not decode the file cleanly; read as {encoding}, which detection found",
    },
    "not-applicable": {
        "zh": "要求「{title}」见于第{item}项，标注为“{placeholder}”，计划注明本单位不涉及",
        "en": "'{title}' is in item {item}, marked '{placeholder}', which the plan declares as not involved",
    },
    "diffuse-owner": {
        "zh": "要求「{title}」的责任单位仅为“{owners}”，未明确牵头单位",
        "en": "'{title}' is owned only by '{owners}', with no lead unit",
    },
    "no-deadline": {
        "zh": "要求「{title}」（第{item}项）未规定完成时限",
        "en": "'{title}' (item {item}) has no deadline",
    },
    "vague-deadline": {
        "zh": "要求「{title}」（第{item}项）的完成时限“{deadline}”不明确",
        "en": "'{title}' (item {item}) has a vague deadline: '{deadline}'",
    },
    # checks/late.py: the plan's date is later than the date the higher level set
    "late-deadline": {
        "zh": "要求「{title}」（第{item}项）的完成时限“{deadline}”（{read_zh}）晚于规定时限{due_zh}{basis_zh}",
        "en": "'{title}' (item {item}) is due '{deadline}' ({read_en}), later than the required {due}{basis_en}",
    },
    # checks/untraced.py: an item that carries no task of the higher document (trace mode)
    "untraced": {
        "zh": "第{item}项“{text}”未对应上级文件《{document}》的任何任务（本级自行增加的事项）",
        "en": "item {item} '{text}' traces to no task of the higher document '{document}' (a local addition)",
    },
    # checks/unknown_department.py: an owner not on the configured list of departments
    "unknown-department": {
        "zh": "责任单位“{unit}”（第{items}项）不在本单位的部门名单中：可能是笔误，或该部门已撤并{hint}",
        "en": "the unit '{unit}' (item {items}) is not on the unit's list of departments: a typo, or a department that no longer exists{hint_en}",
    },
}

_WORDS: dict[str, dict[str, str]] = {
    "covered": {"zh": "已落实", "en": "covered"},
    "unassigned": {"zh": "未明确责任", "en": "unassigned"},
    "not-applicable": {"zh": "不涉及", "en": "not applicable"},
    "missing": {"zh": "缺失", "en": "missing"},
    "error": {"zh": "错误", "en": "error"},
    "warning": {"zh": "警告", "en": "warning"},
    "info": {"zh": "提示", "en": "info"},
    "note": {"zh": "说明", "en": "note"},
    "division-plan": {"zh": "分工方案", "en": "division plan"},
    # readings: how the file's layout was read (parse/judge.py keeps the best)
    "document": {"zh": "文档结构", "en": "document structure"},
    "pdf": {"zh": "PDF 文字层", "en": "PDF text layer"},
    "markdown": {"zh": "Markdown 表格", "en": "Markdown table"},
    "grid": {"zh": "网格表格", "en": "grid table"},
    "box": {"zh": "框线表格", "en": "box-drawn table"},
    "aligned": {"zh": "空格对齐的列", "en": "space-aligned columns"},
    "rows": {"zh": "竖线分隔、一行一列", "en": "rows of bar-separated cells"},
    "cells": {"zh": "竖线结尾、一格一行", "en": "one bar-ended cell a line"},
    "tab-cells": {"zh": "制表符逐格转储", "en": "tab-started cells"},
    "tab-rows": {"zh": "制表符分隔的行", "en": "tab-separated rows"},
    "paragraph-cells": {"zh": "一格一段（空行分隔）", "en": "one cell a paragraph"},
    "line-cells": {"zh": "一格一行", "en": "one cell a line"},
    "spaced-cells": {"zh": "空格分隔、一行数格", "en": "cells a single space apart"},
    "pdftotext-blocks": {
        "zh": "分栏文本块（按列重建行）",
        "en": "column blocks, rows rebuilt",
    },
    "spreadsheet-passes": {
        "zh": "电子表格两遍绘制（先单行格，后折行格）",
        "en": "spreadsheet drawn in two passes, rows rebuilt",
    },
    "line-cells-with-blanks": {
        "zh": "一格一行（空行为空格）",
        "en": "one cell a line, blank lines empty",
    },
    "prose": {"zh": "编号段落", "en": "numbered paragraphs"},
    "prose-unwrapped": {
        "zh": "编号段落（合并折行）",
        "en": "numbered paragraphs, wrapped lines joined",
    },
    "key-points": {"zh": "工作要点", "en": "key points"},
}


def render(kind: str, params: dict[str, str], lang: str = "zh") -> str:
    template = _TEMPLATES[kind].get(lang) or _TEMPLATES[kind]["zh"]
    if lang != "zh" and params.get("title_en"):
        params = {**params, "title": params["title_en"]}
    return template.format(**params)


_READING = {
    "zh": "读取方式：{name}（可信度 {confidence:.0%}）：{items} 项，其中 {owned} 项有责任单位、{dated} 项有完成时限{extra}{beaten}",
    "en": "read as {name} (confidence {confidence:.0%}): {items} items, {owned} with owners, {dated} with deadlines{extra}{beaten}",
}


def reading_line(note, lang: str = "zh") -> str:
    """One line on how a file was read and why: the reading kept, what it explains, and
    the readings it beat with their scores."""
    name = "+".join(word(part, lang) for part in note.name.split("+"))
    facts = note.facts
    extra = ""
    if facts.get("not-task-like"):
        extra += (
            f"，{facts['not-task-like']} 项不像工作任务"
            if lang == "zh"
            else f", {facts['not-task-like']} not task-like"
        )
    if facts.get("lost-chars"):
        extra += (
            f"，{facts['lost-chars']} 字疑似任务未归入事项"
            if lang == "zh"
            else f", {facts['lost-chars']} task-like characters unplaced"
        )
    beaten = ""
    if note.beaten:
        others = "、".join(f"{word(n, lang)} {s}" for n, s in note.beaten.items())
        beaten = (
            f"；得分 {note.score}，高于 {others}"
            if lang == "zh"
            else f"; score {note.score} over {others}"
        )
    return _READING.get(lang, _READING["zh"]).format(
        name=name,
        confidence=note.confidence,
        items=facts.get("items", 0),
        owned=facts.get("owned", 0),
        dated=facts.get("dated", 0),
        extra=extra,
        beaten=beaten,
    )


_INTERNAL = {
    "zh": "内部错误（{detail}）：这是 planlint 的缺陷，请报告（please report），加 --debug 可看到调用栈",
    "en": "internal error ({detail}): this is a bug in planlint, please report it; run with --debug for the traceback",
}


def internal_error(detail: str, lang: str = "zh") -> str:
    """The one line shown for an unexpected exception: it is planlint's fault, not the
    input's, and saying so (and how to get the traceback) is what lets it be reported."""
    return _INTERNAL.get(lang, _INTERNAL["zh"]).format(detail=detail)


def word(key: str, lang: str = "zh") -> str:
    entry = _WORDS.get(key)
    return entry.get(lang, entry["zh"]) if entry else key


# --- near misses (match/near.py): where a missing requirement's words do appear ---------------

_ROLES: dict[str, dict[str, str]] = {
    "preamble": {"zh": "前言", "en": "preamble"},
    "note": {"zh": "附注", "en": "note"},
    "title": {"zh": "标题", "en": "title"},
    "heading": {"zh": "标题", "en": "heading"},
    "column": {"zh": "表格中未作事项读入的一栏", "en": "a table column not read as the task"},
    "unknown": {"zh": "未读入事项的文字", "en": "text not read into any item"},
}

_NEAR = {
    "zh": {
        "item": "第{item}项",
        "heading": "第{item}项的所属标题",
        "line": "第{line}行",
        "role": "{place}（{role}）",
        "mention": "提到 {found}（各组词齐全，但不在任何事项内）",
        "found": "命中 {found}",
        "nothing": "无命中词",
        "lacking": "未命中 {lacking}",
        "excluded": "排除: {terms}",
        "vetoed": "否决: {terms}",
        "apart": "命中词不在同一句或相距过远",
        "share": "{hit}/{total}组",
        "sep": "；",
        "none": "计划中没有相近的文字（该要求的关键用词均未出现）",
    },
    "en": {
        "item": "item {item}",
        "heading": "the heading of item {item}",
        "line": "line {line}",
        "role": "{place} ({role})",
        "mention": "mentions {found} (every group, but outside any item)",
        "found": "found {found}",
        "nothing": "nothing found",
        "lacking": "not found {lacking}",
        "excluded": "look-alike masked: {terms}",
        "vetoed": "ruled out by: {terms}",
        "apart": "the terms found are not together in one sentence",
        "share": "{hit}/{total} groups",
        "sep": "; ",
        "none": "nothing in the plan comes close (none of its telling terms appear)",
    },
}


def near_place(near: NearMiss, lang: str = "zh") -> str:
    """Where a near miss stands: 第3项, 第3项的所属标题, 第12行（前言）."""
    w = _NEAR.get(lang, _NEAR["zh"])
    if near.role in ("item", "heading") and near.item is not None:
        return w[near.role].format(item=near.item)
    place = w["line"].format(line=near.loc.line) if near.loc.line else location_text(near.loc, lang)
    role = _ROLES.get(near.role, _ROLES["unknown"])
    return w["role"].format(place=place, role=role.get(lang, role["zh"]))


def near_detail(near: NearMiss, lang: str = "zh") -> str:
    """What a near miss found and lacked, and what ruled it out, in one line."""
    w = _NEAR.get(lang, _NEAR["zh"])
    found = " + ".join(near.found)
    if near.kind == "mention":
        return w["mention"].format(found=found)
    total = len(near.found) + len(near.lacking)
    parts = [w["share"].format(hit=len(near.found), total=total)]
    parts.append(w["found"].format(found=found) if near.found else w["nothing"])
    if near.lacking:
        groups = "、".join("[" + "/".join(g) + "]" for g in near.lacking)
        parts.append(w["lacking"].format(lacking=groups))
    if near.excluded:
        parts.append(w["excluded"].format(terms="、".join(near.excluded)))
    if near.vetoed:
        parts.append(w["vetoed"].format(terms="、".join(near.vetoed)))
    if near.apart:
        parts.append(w["apart"])
    return w["sep"].join(parts)


def near_none(lang: str = "zh") -> str:
    return _NEAR.get(lang, _NEAR["zh"])["none"]


# --- documents sent on (report/html.py, report/xlsx.py, report/summary.py) -------------------
# The batch summary, the HTML report and the xlsx matrix share these words so the three say the
# same thing; the terminal report may use them too.

_DOC: dict[str, dict[str, str]] = {
    "title": {"zh": "政务公开工作要点分工方案检查报告", "en": "Division plan check report"},
    "summary": {"zh": "汇总", "en": "Summary"},
    "chart": {"zh": "各项要求落实情况", "en": "Coverage by requirement"},
    "plans": {"zh": "各方案明细", "en": "Plans"},
    "plan": {"zh": "方案", "en": "plan"},
    "file": {"zh": "文件", "en": "file"},
    "agency": {"zh": "单位", "en": "agency"},
    "year": {"zh": "年度", "en": "year"},
    "kind": {"zh": "类型", "en": "kind"},
    "items": {"zh": "读取事项", "en": "items read"},
    "packs": {"zh": "规则包", "en": "packs"},
    "requirement": {"zh": "要求", "en": "requirement"},
    "rule": {"zh": "规则", "en": "rule"},
    "status": {"zh": "状态", "en": "status"},
    "owners": {"zh": "责任单位", "en": "owners"},
    "deadline": {"zh": "完成时限", "en": "deadline"},
    "evidence": {"zh": "对应事项", "en": "carried by"},
    "findings": {"zh": "问题", "en": "findings"},
    "no-findings": {"zh": "未发现问题", "en": "no findings"},
    "severity": {"zh": "级别", "en": "severity"},
    "message": {"zh": "说明", "en": "message"},
    "location": {"zh": "位置", "en": "location"},
    "failed": {"zh": "无法检查", "en": "could not be checked"},
    "failed-files": {"zh": "无法检查的文件", "en": "Files that could not be checked"},
    "reason": {"zh": "原因", "en": "reason"},
    "total": {"zh": "合计", "en": "total"},
    "not-checked": {"zh": "未检查此项", "en": "not checked for this requirement"},
    "legend": {"zh": "图例", "en": "legend"},
    "via-heading": {"zh": "（据所属标题）", "en": "(by its heading) "},
    "generated": {"zh": "由 planlint {version} 生成", "en": "made by planlint {version}"},
    "matrix-sheet": {"zh": "汇总矩阵", "en": "matrix"},
    "findings-sheet": {"zh": "问题清单", "en": "findings"},
    "failed-sheet": {"zh": "无法检查", "en": "not checked"},
    "coverage": {
        "zh": "{covered}/{total} 项已落实，{unassigned} 项未明确责任，{na} 项不涉及，{missing} 项缺失",
        "en": "{covered}/{total} covered, {unassigned} unassigned, {na} not applicable, {missing} missing",
    },
    # planlint rules … (cli_rules.py): the pack tooling
    "rules-list-head": {
        "zh": "规则包\t版本\t年度\t规则数\t继承\t标题",
        "en": "pack\tversion\tyear\trules\textends\ttitle",
    },
    "rules-no-rule": {
        "zh": "没有规则 {rule}（可用 planlint rules list 查看规则包）",
        "en": "no rule {rule} (see planlint rules list for the packs)",
    },
    "rules-field-pack": {"zh": "规则包", "en": "pack"},
    "rules-field-title": {"zh": "标题", "en": "title"},
    "rules-field-severity": {"zh": "级别", "en": "severity"},
    "rules-field-description": {"zh": "说明", "en": "description"},
    "rules-field-source": {"zh": "出处", "en": "source"},
    "rules-field-relayed": {"zh": "转述来源", "en": "relayed by"},
    "rules-field-requires": {"zh": "要求", "en": "requires"},
    "rules-requires": {
        "zh": "责任单位{owner}；完成时限{deadline}",
        "en": "an owner {owner}; a deadline {deadline}",
    },
    "rules-field-patterns": {"zh": "匹配式（任一命中即可）", "en": "patterns (any one may hit)"},
    "rules-field-exclude": {"zh": "排除", "en": "exclude"},
    "rules-field-match": {"zh": "应匹配的用例", "en": "tests that must match"},
    "rules-field-no-match": {"zh": "不应匹配的用例", "en": "tests that must not match"},
    "rules-pattern-all": {"zh": "须同时命中", "en": "all of"},
    "rules-pattern-topic": {"zh": "主题（可由标题确认）", "en": "topic (a heading may confirm)"},
    "rules-pattern-within": {"zh": "相距不超过 {within} 字", "en": "within {within} characters"},
    "rules-pattern-none": {"zh": "否决", "en": "none of"},
    "rules-pattern-weighted": {
        "zh": "加权词（需 {share:.0%}）",
        "en": "weighted terms (needs {share:.0%})",
    },
    "rules-yes": {"zh": "必需", "en": "required"},
    "rules-no": {"zh": "不要求", "en": "not required"},
    "rules-heading": {"zh": "（标题：{heading}）", "en": " (heading: {heading})"},
    "rules-test-pack": {
        "zh": "{pack}：{rules} 条规则，{cases} 个用例，{failed} 个未通过",
        "en": "{pack}: {rules} rules, {cases} tests, {failed} failed",
    },
    "rules-test-missed": {
        "zh": "{pack}/{rule}：应匹配却未匹配：{text}{heading}；缺少：{lacking}",
        "en": "{pack}/{rule}: should match but did not: {text}{heading}; lacking: {lacking}",
    },
    "rules-test-hit": {
        "zh": "{pack}/{rule}：不应匹配却匹配了：{text}{heading}；命中：{terms}",
        "en": "{pack}/{rule}: should not match but did: {text}{heading}; matched: {terms}",
    },
    "rules-test-none": {"zh": "{pack}：没有内嵌用例", "en": "{pack}: no embedded tests"},
    "rules-valid": {
        "zh": "{path}：校验通过（{rules} 条规则）",
        "en": "{path}: valid ({rules} rules)",
    },
    # --year (rules/years.py): which year pack a plan was checked against, one line per plan
    "year-auto": {
        "zh": "年度规则包：{pack}（按方案年份 {year} 自动选择）",
        "en": "year pack: {pack} (chosen by the plan's year, {year})",
    },
    "year-forced": {
        "zh": "年度规则包：{pack}（--year {year} 指定）",
        "en": "year pack: {pack} (--year {year})",
    },
    "year-missing": {
        "zh": "年度规则包：无 {year} 年度规则包，仅按核心要求检查",
        "en": "year pack: none for {year}; core requirements only",
    },
    "year-unknown": {
        "zh": "年度规则包：未读出方案年份，仅按核心要求检查",
        "en": "year pack: the plan's year could not be read; core requirements only",
    },
    "year-configured": {
        "zh": "年度规则包：{pack}（由 --pack 或配置指定）",
        "en": "year pack: {pack} (named by --pack or the configuration)",
    },
    "totals": {
        "zh": "共检查 {checked} 份方案，{unreadable} 份无法读取；全部方案合计缺失要求 {missing} 项次，未明确责任 {unassigned} 项次",
        "en": "{checked} plans checked, {unreadable} could not be read; across the batch {missing} requirements missing, {unassigned} unassigned",
    },
    "binary-to-terminal": {
        "zh": "--format {format} 输出的是二进制文件，不能写到终端：请用 --output 文件名 指定输出文件，或重定向到文件",
        "en": "--format {format} writes a binary file, not to a terminal: name a file with --output FILE, or redirect the output",
    },
    "cannot-write": {
        "zh": "{path}：无法写入输出文件（{reason}）",
        "en": "{path}: cannot write the output file ({reason})",
    },
}


def doc_text(key: str, lang: str = "zh", **params: object) -> str:
    """A label or sentence of the documents sent on, formatted with ``params``."""
    entry = _DOC[key]
    text = entry.get(lang, entry["zh"])
    return text.format(**params) if params else text


_PLACE_WORDS = {
    "zh": {
        "page": "第{}页",
        "table": "第{}表",
        "row": "第{}行",
        "cell": "第{}格",
        "line": "第{}行",
        "sep": "",
    },
    "en": {
        "page": "p. {}",
        "table": "table {}",
        "row": "row {}",
        "cell": "cell {}",
        "line": "line {}",
    },
}


def location_text(loc: Location, lang: str = "zh") -> str:
    """A place in the report's language: 第2表第20行第3格, 分工方案!B21, 第4页, 第146行
    (table 2 row 20 cell 3, 分工方案!B21, p. 4, line 146)."""
    return loc.spelled(_PLACE_WORDS.get(lang, _PLACE_WORDS["zh"]))


# --- CI formats (report/sarif.py, github.py, junit.py, gitlab.py, markdown.py) ---------------
# Rule help for code-scanning services, the GitHub annotation cap, the PR/MR comment.

_CI: dict[str, dict[str, str]] = {
    "input-error-title": {"zh": "文件无法读取", "en": "The file could not be read"},
    "input-error-help": {
        "zh": "该文件无法读取，或读不出分工方案的事项（文件损坏、加密、格式不支持、超过大小限制，或根本不是工作方案），因此未作检查。结果说明给出具体原因：修复文件或另存为受支持的格式（.docx、.xlsx、.pdf、.txt、.md 等）后重新检查。",
        "en": "The file could not be read, or no plan items could be read from it (damaged, encrypted, an unsupported format, over the size limit, or not a work plan at all), so it was not checked. The result's message says why: repair the file or save it in a supported format (.docx, .xlsx, .pdf, .txt, .md …) and check it again.",
    },
    "reading-title": {"zh": "读取存疑", "en": "The file may have been misread"},
    "reading-help": {
        "zh": "planlint 读取该文件时发现可能读错的地方（表格各栏对不上、疑似任务未归入事项、编码损坏、声明的编码有误等），相关结论可能不可靠。请用 planlint parse 查看读取结果，并对照原文件核对。",
        "en": "While reading the file, planlint found places it may have misread (cells that do not fit the header, task-like text in no item, damaged bytes, a wrong declared charset); findings there may not hold. Check what was read with planlint parse against the original file.",
    },
    "help-source": {"zh": "依据：{source}", "en": "Source: {source}"},
    "help-fix": {
        "zh": "缺失时，在分工方案中增加落实该要求的事项；未明确责任时，为承载该要求的事项填写责任单位（牵头单位）；并按要求写明完成时限。",
        "en": "When it is missing, add an item that carries the requirement out; when it is unassigned, name the responsible (lead) unit of the item that carries it; give a deadline where one is due.",
    },
    "more-annotations": {
        "zh": "另有 {count} 条结果未作为注释显示（GitHub 每个步骤最多显示 {limit} 条错误和 {limit} 条警告），完整结果见作业摘要或 SARIF 报告",
        "en": "{count} more findings are not shown as annotations (GitHub shows at most {limit} errors and {limit} warnings per step); see the job summary or the SARIF report for all of them",
    },
    "md-heading": {"zh": "planlint 检查结果", "en": "planlint results"},
    "md-plan": {"zh": "方案文件", "en": "plan"},
    "md-requirements": {"zh": "要求", "en": "requirements"},
    "md-errors": {"zh": "错误", "en": "errors"},
    "md-warnings": {"zh": "警告", "en": "warnings"},
    "md-count": {
        "zh": "{errors} 个错误，{warnings} 个警告，{infos} 条提示",
        "en": "{errors} errors, {warnings} warnings, {infos} notes",
    },
    "md-unreadable": {"zh": "无法读取", "en": "could not be read"},
    "md-severity": {"zh": "级别", "en": "severity"},
    "md-rule": {"zh": "规则", "en": "rule"},
    "md-location": {"zh": "位置", "en": "location"},
    "md-message": {"zh": "说明", "en": "message"},
    "md-no-findings": {"zh": "未发现问题", "en": "no findings"},
    "md-no-plans": {"zh": "没有检查任何方案", "en": "no plans were checked"},
    "junit-covered": {"zh": "已落实：第{items}项", "en": "covered by item {items}"},
}


def ci_text(key: str, lang: str = "zh", **params: object) -> str:
    """A label or sentence of the CI formats, formatted with ``params``."""
    entry = _CI[key]
    text = entry.get(lang, entry["zh"])
    return text.format(**params) if params else text


# --- the run's language ----------------------------------------------------------------------

LANGS = ("zh", "en")


def language(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The run's language: ``--lang`` when given, else the locale the way POSIX reads it
    (``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``; the first one set wins). Only an English
    locale (``en``, ``en_US.UTF-8`` …) gives English: Chinese is the default, also for an unset,
    ``C`` or ``C.UTF-8`` locale, since the readers are Chinese civil servants."""
    if explicit in LANGS:
        return explicit
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


# --- errors: a bad input, a bad flag (errors.py) ---------------------------------------------
# An error is a key and its params. A template may name a param with a format spec that is a
# table below: ``{kind:kind}`` is the file kind ``kind`` in the run's language, ``{reason:os}``
# an operating-system error (its errno name, or the system's own words when not listed).


class Phrase:
    """A sentence of the error catalogue not yet in a language: ``Phrase(key, **params)``. It is
    a param of an error when the error wraps a smaller problem (a limit passed, a rule's key)."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params

    def __reduce__(self):
        return (_phrase, (self.key, self.params))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"Phrase({self.key!r}, **{self.params!r})"

    def render(self, lang: str = "zh") -> str:
        return error_text(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.render("zh")


def _phrase(key: str, params: dict) -> Phrase:
    return Phrase(key, **params)


_KINDS: dict[str, dict[str, str]] = {
    # file kinds (readers/sniff.py), for "not a … (content is …)"
    "docx": {"zh": "Word .docx 文件", "en": "Word .docx file"},
    "xlsx": {"zh": "Excel .xlsx 文件", "en": "Excel .xlsx file"},
    "doc": {"zh": "Word .doc 文件", "en": "Word .doc file"},
    "xls": {"zh": "Excel .xls 文件", "en": "Excel .xls file"},
    "wps": {"zh": "WPS .wps 文件", "en": "WPS .wps file"},
    "et": {"zh": "WPS .et 文件", "en": "WPS .et file"},
    "legacy-doc": {"zh": "旧版 Word .doc 文件", "en": "legacy Word .doc file"},
    "legacy-xls": {"zh": "旧版 Excel .xls 文件", "en": "legacy Excel .xls file"},
    "pdf": {"zh": "PDF 文件", "en": "PDF file"},
    "html": {"zh": "HTML 网页", "en": "HTML page"},
    "rtf": {"zh": "RTF 文件", "en": "RTF file"},
    "odf": {"zh": "OpenDocument 文件", "en": "OpenDocument file"},
    "zip": {"zh": "zip 压缩包", "en": "zip archive"},
    "ole2": {"zh": "OLE2 复合文档", "en": "OLE2 compound file"},
    "encrypted": {"zh": "加密的 Office 文件", "en": "password-protected Office file"},
    "text": {"zh": "文本文件", "en": "text file"},
    "markdown": {"zh": "Markdown 文件", "en": "Markdown file"},
    "csv": {"zh": "CSV 文件", "en": "CSV file"},
    "binary": {"zh": "二进制数据", "en": "binary data"},
    "plain-text": {"zh": "纯文本", "en": "plain text"},
    "unknown-binary": {"zh": "无法识别的二进制数据", "en": "unrecognised binary data"},
    "legacy-office": {"zh": "旧版 Office 文件", "en": "legacy Office file"},
    "converted-docx": {"zh": "转换所得的 Word 文档", "en": "converted Word document"},
    "converted-xlsx": {"zh": "转换所得的 Excel 工作簿", "en": "converted Excel workbook"},
    # what a path is when it is not a regular file (regularfile.py)
    "folder": {"zh": "文件夹", "en": "a folder"},
    "fifo": {"zh": "命名管道（FIFO）", "en": "a FIFO"},
    "char-device": {"zh": "字符设备", "en": "a character device"},
    "block-device": {"zh": "块设备", "en": "a block device"},
    "socket": {"zh": "套接字", "en": "a socket"},
    "symlink": {"zh": "符号链接", "en": "a symbolic link"},
    "irregular": {"zh": "非普通文件", "en": "not a regular file"},
    # kinds of values in a pack or a settings file (rules/validate.py, rules/yamlload.py)
    "json-boolean": {"zh": "布尔值", "en": "a boolean"},
    "json-integer": {"zh": "整数", "en": "an integer"},
    "json-number": {"zh": "数字", "en": "a number"},
    "json-text": {"zh": "文本", "en": "text"},
    "json-list": {"zh": "列表", "en": "a list"},
    "json-mapping": {"zh": "映射（键值表）", "en": "a mapping"},
    "json-null": {"zh": "空值 null", "en": "null"},
    "json-true-false": {"zh": "true 或 false", "en": "true or false"},
    "yaml-date": {"zh": "日期", "en": "a date"},
    "yaml-binary": {"zh": "二进制数据", "en": "binary data"},
    "yaml-set": {"zh": "集合", "en": "a set"},
    "yaml-omap": {"zh": "有序映射", "en": "an ordered map"},
    "yaml-pairs": {"zh": "键值对列表", "en": "a list of pairs"},
    "pack": {"zh": "规则包", "en": "pack"},
    "file": {"zh": "文件", "en": "file"},
    # what took too long (readers/limits.py time_limit)
    "reading-pdf": {"zh": "读取 PDF", "en": "reading the PDF"},
}

_OS: dict[str, dict[str, str]] = {
    "ENOENT": {"zh": "文件或文件夹不存在", "en": "no such file or folder"},
    "EACCES": {"zh": "没有权限", "en": "permission denied"},
    "EPERM": {"zh": "不允许此操作", "en": "operation not permitted"},
    "EISDIR": {"zh": "是文件夹", "en": "is a folder"},
    "ENOTDIR": {"zh": "路径中有一段不是文件夹", "en": "not a directory"},
    "ELOOP": {"zh": "符号链接循环", "en": "too many levels of symbolic links"},
    "ENAMETOOLONG": {"zh": "文件名过长", "en": "file name too long"},
    "ENOSPC": {"zh": "磁盘空间不足", "en": "no space left on device"},
    "EROFS": {"zh": "只读文件系统", "en": "read-only file system"},
    "EIO": {"zh": "输入/输出错误", "en": "input/output error"},
    "EEXIST": {"zh": "文件已存在", "en": "file exists"},
    "EMFILE": {"zh": "打开的文件过多", "en": "too many open files"},
    "ENXIO": {"zh": "设备或地址不存在", "en": "no such device or address"},
}


def os_reason(exc: OSError) -> str:
    """An OSError as a param for ``{reason:os}``: its errno's name when the catalogue knows it
    (said in the run's language), else the system's words in lower case."""
    import errno as _errno

    name = _errno.errorcode.get(exc.errno or 0, "")
    if name in _OS:
        return name
    reason = exc.strerror or type(exc).__name__
    return reason[:1].lower() + reason[1:]


class _Formatter(string.Formatter):
    """``str.format`` with the tables above as format specs, and Phrase params rendered."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if isinstance(value, Phrase):
            return value.render(self.lang)
        if format_spec == "kinds":  # a tuple of kind codes: "text or a list"
            joiner = " or " if self.lang == "en" else "或"
            return joiner.join(self.format_field(v, "kind") for v in value)  # type: ignore[attr-defined]
        table = {"kind": _KINDS, "os": _OS}.get(format_spec)
        if table is not None:
            entry = table.get(str(value))
            said = entry.get(self.lang, entry["zh"]) if entry else str(value)
            return _EDGE + said + _EDGE  # a word set in a Chinese sentence: see _spaced
        return super().format_field(value, format_spec)


_EDGE = "\x00"
_LATIN_EDGE = re.compile(
    "(?<=[\u3400-\u9fff])\x00(?=[A-Za-z])|(?<=[A-Za-z.])\x00(?=[\u3400-\u9fff])"
)


def _spaced(text: str) -> str:
    """A word from the tables set in with a space where Latin letters meet Chinese characters
    (不是 Word .docx 文件, 内容是 zip 压缩包), and nothing where Chinese meets Chinese."""
    return _LATIN_EDGE.sub(" ", text).replace(_EDGE, "")


def error_text(key: str, lang: str = "zh", /, **params: object) -> str:
    """The error sentence ``key`` in ``lang``, its params filled in. A key not in the catalogue
    is shown as it is (text written before the catalogue; tests/test_language.py finds
    any such raise site)."""
    entry = _ERRORS.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry["zh"]
    return _spaced(_Formatter(lang).format(template, **params))


def known_error(key: str) -> bool:
    return key in _ERRORS


_ERRORS: dict[str, dict[str, str]] = {
    # readers/__init__.py: a plan file as a whole
    "empty-file": {"zh": "空文件", "en": "empty file"},
    "not-a-kind": {
        "zh": "不是{claimed:kind}（内容是{content:kind}）",
        "en": "not a {claimed:kind} (content is {content:kind})",
    },
    "nested-too-deeply": {
        "zh": "无法读取{kind:kind}：结构嵌套过深",
        "en": "cannot read {kind:kind}: structure nested too deeply",
    },
    "cannot-read-kind": {
        "zh": "无法读取{kind:kind}（{reason}）",
        "en": "cannot read {kind:kind}: {reason}",
    },
    "file-too-large": {
        "zh": "文件有 {size} 字节，超过上限 {limit} 字节",
        "en": "file is {size} bytes, larger than the limit of {limit}",
    },
    "input-too-large": {
        "zh": "输入超过上限 {limit} 字节",
        "en": "input is larger than the limit of {limit} bytes",
    },
    "too-many-chars": {
        "zh": "{kind:kind}的文字超过 {limit} 个字符",
        "en": "{kind:kind} holds more than {limit} characters",
    },
    "not-regular": {
        "zh": "是{what:kind}，不是普通文件",
        "en": "{what:kind}, not a regular file",
    },
    "os-error": {"zh": "{reason:os}", "en": "{reason:os}"},
    "encrypted-office": {
        "zh": "Office 文件有密码保护：请另存一份无密码的副本",
        "en": "password-protected Office file; save an unprotected copy",
    },
    "odf-unsupported": {
        "zh": "不支持 OpenDocument 文件：请另存为 .docx 或 .xlsx",
        "en": "OpenDocument files are not supported; save it as .docx or .xlsx",
    },
    "not-a-kind-zip": {
        "zh": "不是{claimed:kind}（内容是 zip 压缩包，其中没有 Word 或 Excel 文档）",
        "en": "not a {claimed:kind} (content is a zip archive with no Word or Excel part)",
    },
    "unsupported-zip": {
        "zh": "不支持的文件（内容是 zip 压缩包，其中没有 Word 或 Excel 文档）",
        "en": "unsupported file (content is a zip archive with no Word or Excel part)",
    },
    "unsupported-file": {
        "zh": "不支持的文件（内容是{content:kind}）",
        "en": "unsupported file (content is {content:kind})",
    },
    # readers/limits.py: a file past one of the reading limits, named so it can be raised
    "over-limit": {
        "zh": "{what}（限制 {limit}={value}）",
        "en": "{what} (limit {limit}={value})",
    },
    "took-too-long": {
        "zh": "{doing:kind}用时超过 {seconds} 秒（文件可能有异常）",
        "en": "{doing:kind} took longer than {seconds} s (pathological file?)",
    },
    # readers/docx.py, xlsx.py
    "list-number-too-large": {
        "zh": "Word .docx 文件的列表编号达到 {number}",
        "en": "Word .docx file numbers a list item {number}",
    },
    "docx-too-many-cells": {
        "zh": "Word .docx 文件第{table}表的单元格超过 {limit} 个",
        "en": "Word .docx table {table} has more than {limit} cells",
    },
    "sheet-too-many-values": {
        "zh": "工作表 {sheet} 中有值的单元格超过 {limit} 个",
        "en": "sheet {sheet} has more than {limit} cells with values",
    },
    "sheet-too-large": {
        "zh": "工作表 {sheet} 占 {area} 个单元格（{span}）",
        "en": "sheet {sheet} spans {area} cells ({span})",
    },
    # readers/pdf.py
    "pdf-no-pages": {
        "zh": "PDF 没有页面（文件可能已损坏）",
        "en": "PDF has no pages (damaged file?)",
    },
    "pdf-too-many-pages": {
        "zh": "PDF 有 {pages} 页，超过上限 {limit} 页",
        "en": "PDF has {pages} pages, more than the limit of {limit}",
    },
    "pdf-too-many-chars": {
        "zh": "PDF 的文字超过 {limit} 个字符（至第{page}页）",
        "en": "PDF holds more than {limit} characters (by page {page})",
    },
    "pdf-scanned": {
        "zh": "扫描版 PDF，没有文字层：请先做文字识别（OCR）",
        "en": "scanned PDF with no text layer; run OCR first",
    },
    "pdf-stream-bomb": {
        "zh": "PDF 第 {at} 字节处的数据流解压后超过 {limit} 字节（PDF 炸弹？）",
        "en": "PDF stream at byte {at} inflates to more than {limit} bytes (PDF bomb?)",
    },
    "pdf-streams-bomb": {
        "zh": "PDF 的数据流解压后超过 {limit} 字节（PDF 炸弹？）",
        "en": "PDF streams inflate to more than {limit} bytes (PDF bomb?)",
    },
    "pdf-page-too-large": {
        "zh": "PDF 第{page}页的内容超过 {limit} 字节",
        "en": "PDF page {page} has more than {limit} bytes of content",
    },
    "pdf-too-many-objects": {
        "zh": "PDF 第{page}页绘制的对象超过 {limit} 个",
        "en": "PDF page {page} draws more than {limit} objects",
    },
    "pdf-encrypted": {
        "zh": "PDF 有密码保护：请另存一份无密码的副本",
        "en": "password-protected PDF; save an unprotected copy",
    },
    "pdf-unreadable": {
        "zh": "无法读取 PDF 文件（{reason}）",
        "en": "cannot read PDF file: {reason}",
    },
    # readers/zipguard.py: a .docx/.xlsx container checked before any library opens it
    "zip-corrupt": {
        "zh": "{label:kind}已截断或损坏（{reason}）",
        "en": "truncated or corrupt {label:kind} ({reason})",
    },
    "zip-too-many-parts": {
        "zh": "{label:kind}有 {parts} 个部件，过多（zip 炸弹？）",
        "en": "{label:kind} has {parts} parts, too many (zip bomb?)",
    },
    "zip-encrypted": {
        "zh": "{label:kind}有密码保护（zip 部件已加密）",
        "en": "password-protected {label:kind} (encrypted zip member)",
    },
    "zip-method": {
        "zh": "{label:kind}的部件 {part} 使用了不支持的压缩方法 {method}",
        "en": "{label:kind} part {part} uses compression method {method}",
    },
    "zip-bad-header": {
        "zh": "{label:kind}已截断或损坏（部件头有误）",
        "en": "truncated or corrupt {label:kind} (bad local header)",
    },
    "zip-past-end": {
        "zh": "{label:kind}已截断或损坏（部件数据超出文件末尾）",
        "en": "truncated or corrupt {label:kind} (part data past the end)",
    },
    "zip-twin-parts": {
        "zh": "{label:kind}有两个同名部件 {part}（人为构造的 zip）",
        "en": "{label:kind} has two parts named {part} (crafted zip)",
    },
    "zip-overlap": {
        "zh": "{label:kind}的部件相互重叠（zip 炸弹？）",
        "en": "{label:kind} has overlapping parts (zip bomb?)",
    },
    "zip-inflates": {
        "zh": "{label:kind}解压后超过 {limit} 字节（zip 炸弹？）",
        "en": "{label:kind} inflates to more than {limit} bytes (zip bomb?)",
    },
    "zip-part-lies": {
        "zh": "{label:kind}的部件 {part} 解压后超过其声明的 {size} 字节（zip 炸弹？）",
        "en": "{label:kind} part {part} inflates to more than the {size} bytes it declares (zip bomb?)",
    },
    "zip-part-damaged": {
        "zh": "{label:kind}已截断或损坏（部件 {part} 已损坏）",
        "en": "truncated or corrupt {label:kind} (part {part} is damaged)",
    },
    "zip-ratio": {
        "zh": "{label:kind}的部件 {part} 压缩比为 {ratio}:1（zip 炸弹？）",
        "en": "{label:kind} part {part} is compressed {ratio}:1 (zip bomb?)",
    },
    "zip-dtd": {
        "zh": "{label:kind}的部件 {part} 声明了 DOCTYPE 或 ENTITY（XML 实体攻击？）",
        "en": "{label:kind} part {part} declares a DOCTYPE or ENTITY (XML entity attack?)",
    },
    "zip-xml-bytes": {
        "zh": "{label:kind}的 XML 超过 {limit} 字节",
        "en": "{label:kind} holds more than {limit} bytes of XML",
    },
    "zip-xml-nodes": {
        "zh": "{label:kind}的 XML 元素超过 {limit} 个",
        "en": "{label:kind} holds more than {limit} XML elements",
    },
    # readers/doc.py: a legacy Office file converted with LibreOffice
    "no-soffice": {
        "zh": "{what:kind}：请用 {app} 或 `soffice --headless --convert-to {target} {name}` 将其转换为 .{target}",
        "en": "{what:kind}: convert it to .{target} with {app} or `soffice --headless --convert-to {target} {name}`",
    },
    "convert-no-text": {
        "zh": "{what:kind}：LibreOffice 未能转换（转换所得的文件没有文字）",
        "en": "{what:kind}: LibreOffice could not convert it (the converted file has no text)",
    },
    "convert-failed": {
        "zh": "{what:kind}：LibreOffice 未能转换（{reason}）",
        "en": "{what:kind}: LibreOffice could not convert it ({reason})",
    },
    "converted-too-large": {
        "zh": "{what:kind}：转换所得的 .{target} 有 {size} 字节，超过上限 {limit} 字节",
        "en": "{what:kind}: the converted .{target} is {size} bytes, larger than the limit of {limit}",
    },
    "soffice-failed": {
        "zh": "{what:kind}：无法运行 soffice（{reason}）",
        "en": "{what:kind}: cannot run soffice: {reason}",
    },
    "convert-timeout": {
        "zh": "{what:kind}：LibreOffice 转换用时超过 {seconds} 秒",
        "en": "{what:kind}: LibreOffice took longer than {seconds} s to convert it",
    },
    # readers/text.py, decode.py; engine.py
    "broken-csv": {"zh": "CSV 格式有误（{reason}）", "en": "broken CSV: {reason}"},
    "binary-content": {
        "zh": "内容是二进制数据，不是文本格式的方案",
        "en": "binary content, not a text plan",
    },
    "unknown-encoding": {
        "zh": "无法识别文本编码（不是 UTF-8、UTF-16、GB18030 或 Big5）",
        "en": "cannot detect the text encoding (not UTF-8, UTF-16, GB18030 or Big5)",
    },
    "no-items": {
        "zh": "未读出任何工作任务事项：不是工作方案，或是 planlint 无法读取的格式",
        "en": "no task items found: not a work plan, or a shape planlint cannot read",
    },
    # rules/validate.py: a pack against the JSON Schema, "rule ID: KEY: problem"
    "pack-schema": {"zh": "{where}{problem}", "en": "{where}{problem}"},
    "at-rule-key": {"zh": "规则 {rule}：{key}：", "en": "rule {rule}: {key}: "},
    "at-rule": {"zh": "规则 {rule}：", "en": "rule {rule}: "},
    "at-key": {"zh": "{key}：", "en": "{key}: "},
    "at-top": {"zh": "（顶层）：", "en": "(top level): "},
    "schema-type": {
        "zh": "应为{expected:kinds}，而不是{actual:kind} {value}",
        "en": "expected {expected:kinds}, not {actual:kind} {value}",
    },
    "schema-enum": {
        "zh": "{value} 不是可选值之一：{allowed}",
        "en": "{value} is not one of {allowed}",
    },
    "schema-unknown-key": {"zh": "未知的键 {keys}", "en": "unknown key {keys}"},
    "schema-unknown-keys": {"zh": "未知的键 {keys}", "en": "unknown keys {keys}"},
    "schema-pattern": {
        "zh": "{value} 不符合格式 {pattern}",
        "en": "{value} does not match {pattern}",
    },
    "schema-form": {
        "zh": "{value} 的写法不符合要求：{hint}",
        "en": "{value} does not fit: {hint}",
    },
    "schema-no-form": {
        "zh": "{value} 不符合任何允许的写法",
        "en": "{value} does not fit: any allowed form",
    },
    "schema-other": {"zh": "不符合规则包格式（{detail}）", "en": "{detail}"},
    "schema-required": {"zh": "缺少必需的键 {key}", "en": "{key} is a required property"},
    # rules/__init__.py: finding and building a pack
    "no-pack-file": {"zh": "规则包文件不存在", "en": "no such pack file"},
    "no-pack": {
        "zh": "没有这个规则包（内置规则包：{known}）",
        "en": "no such pack (built-in packs: {known})",
    },
    "no-such-pack": {"zh": "没有这个规则包", "en": "no such pack"},
    "pack-too-large": {
        "zh": "规则包过大（{size:,} 字节，上限 {limit:,}）",
        "en": "pack is too large ({size:,} bytes; the limit is {limit:,})",
    },
    "extends-no-pack": {
        "zh": "extends：没有规则包 {pack}（内置规则包：{known}）",
        "en": "extends: no such pack {pack} (built-in packs: {known})",
    },
    "year-setting": {
        "zh": "{value}：应为 auto、none 或年份（有年度规则包的年份：{years}）",
        "en": "{value}: expected auto, none or a year (years with a pack: {years})",
    },
    "year-no-pack": {
        "zh": "没有 {year} 年度规则包（有年度规则包的年份：{years}）",
        "en": "no year pack for {year} (years with a pack: {years})",
    },
    # rules/lint.py: planlint rules validate, what loading alone does not see
    "lint-duplicate-id": {
        "zh": "规则 {rule}：id：规则编号重复（首次出现在第 {first} 行）",
        "en": "rule {rule}: id: duplicate rule id (first at line {first})",
    },
    "lint-drop-without-extends": {
        "zh": "drop：没有 extends，无规则可删",
        "en": "drop: the pack extends nothing, so there is nothing to drop",
    },
    "lint-group-empty": {
        "zh": "规则 {rule}：第 {pattern} 个匹配式的词组 {group} 永远无法命中（规范化后为空）",
        "en": "rule {rule}: pattern {pattern}: the group {group} can never match (empty once normalised)",
    },
    "lint-group-excluded": {
        "zh": "规则 {rule}：第 {pattern} 个匹配式的词组 {group} 永远无法命中（每个词都被本规则的 exclude 遮蔽）",
        "en": "rule {rule}: pattern {pattern}: the group {group} can never match (every term is masked by the rule's exclude)",
    },
    "lint-group-vetoed": {
        "zh": "规则 {rule}：第 {pattern} 个匹配式的词组 {group} 永远无法命中（每个词都含本匹配式 none 中的否决词）",
        "en": "rule {rule}: pattern {pattern}: the group {group} can never match (every term holds a veto term of the pattern's none)",
    },
    "lint-window-long": {
        "zh": "规则 {rule}：within {within} 过长（上限 {limit}：命中词须在同一句内，更长的窗口没有约束作用）",
        "en": "rule {rule}: within {within} is too long (limit {limit}: hits lie in one sentence, a longer window constrains nothing)",
    },
    "lint-window-short": {
        "zh": "规则 {rule}：within {within} 过短，容不下各词组最短的词（至少 {need} 个字），永远无法命中",
        "en": "rule {rule}: within {within} is shorter than the shortest terms of its groups ({need} characters): it can never match",
    },
    "extends-cycle": {"zh": "extends：循环继承（{cycle}）", "en": "extends: a cycle ({cycle})"},
    "drop-no-rule": {
        "zh": "drop：{base} 中没有规则 {rule}",
        "en": "drop: {rule}: no such rule in {base}",
    },
    "duplicate-rule-id": {
        "zh": "规则 {rule}：id：规则编号重复",
        "en": "rule {rule}: id: duplicate rule id",
    },
    "too-many-rules": {
        "zh": "rules：共 {count} 条规则，上限 {limit} 条",
        "en": "rules: {count} rules; the limit is {limit}",
    },
    "unknown-synonym-set": {
        "zh": "规则 {rule}：match：未知的同义词组 {term}",
        "en": "rule {rule}: match: unknown synonym set {term}",
    },
    "typo-too-short": {
        "zh": "规则 {rule}：match：{term}：容错匹配的词至少需要 {min} 个字",
        "en": "rule {rule}: match: {term}: typo tolerance needs {min}+ characters",
    },
    "rule-problem": {"zh": "规则 {rule}：{detail}", "en": "rule {rule}: {detail}"},
    # rules/due.py: a due date no year has
    "due-no-such-day": {
        "zh": "规则 {rule}：due：{month}月没有{day}日",
        "en": "rule {rule}: due: month {month} has no day {day}",
    },
    # rules/yamlload.py: YAML read safely (packs, and YAML settings files through datafile.py)
    "not-utf8": {
        "zh": "{doc:kind}不是 UTF-8 文本（第 {at} 字节）",
        "en": "{doc:kind} is not UTF-8 text (byte {at})",
    },
    "yaml-key-not-text": {
        "zh": "第{line}行：键 {key} 不是文本（请加引号）",
        "en": "line {line}: key {key} is not text (quote it)",
    },
    "yaml-not-json": {
        "zh": "第{line}行：{doc:kind}中不能使用{what:kind}（{tag}）",
        "en": "line {line}: {what:kind} ({tag}) cannot be used in a {doc:kind}",
    },
    "yaml-duplicate-key": {
        "zh": "第{line}行：键 {key} 重复（首次出现在第{first}行）",
        "en": "line {line}: duplicate key {key} (first at line {first})",
    },
    "yaml-too-deep": {
        "zh": "第{line}行：嵌套超过 {limit} 层",
        "en": "line {line}: nested deeper than {limit} levels",
    },
    "yaml-alias-loop": {
        "zh": "第{line}行：别名 *{alias} 位于它所指的节点之内",
        "en": "line {line}: alias *{alias} is inside the node it names",
    },
    "yaml-alias-bomb": {
        "zh": "第{line}行：展开别名后{doc:kind}超过 {limit} 个字符（别名炸弹？）",
        "en": "line {line}: with its aliases expanded the {doc:kind} passes {limit} characters (an alias bomb?)",
    },
    "invalid-yaml": {"zh": "YAML 格式有误：{detail}", "en": "invalid YAML: {detail}"},
    "invalid-yaml-at": {
        "zh": "YAML 格式有误，第{line}行：{detail}",
        "en": "invalid YAML at line {line}: {detail}",
    },
    # datafile.py: a settings, waiver or baseline file read
    "data-too-large": {
        "zh": "文件过大（{size:,} 字节，上限 {limit:,}）",
        "en": "file is too large ({size:,} bytes; the limit is {limit:,})",
    },
    "data-not-utf8": {"zh": "不是 UTF-8 文本（第 {at} 字节）", "en": "not UTF-8 text (byte {at})"},
    "invalid-json": {"zh": "JSON 格式有误：{detail}", "en": "invalid JSON: {detail}"},
    "invalid-toml": {"zh": "TOML 格式有误：{detail}", "en": "invalid TOML: {detail}"},
    # config.py: the project's settings
    "isolated-with-config": {
        "zh": "不读取任何配置文件，不能与 --config 同时使用",
        "en": "reads no configuration; it cannot be used with --config",
    },
    "no-tool-table": {"zh": "没有 [tool.planlint] 表", "en": "no [tool.planlint] table"},
    "not-a-settings-table": {
        "zh": "应为设置表，而不是 {value}",
        "en": "expected a table of settings, not {value}",
    },
    "unknown-key-near": {
        "zh": "未知的设置项 {key}（是否想写 {near}？）",
        "en": "unknown key {key} (did you mean {near}?)",
    },
    "unknown-key": {
        "zh": "未知的设置项 {key}（可用的设置项：{known}）",
        "en": "unknown key {key} (known keys: {known})",
    },
    "not-texts": {
        "zh": "{key}：应为文本列表，而不是 {value}",
        "en": "{key}: expected a list of text, not {value}",
    },
    "not-a-table": {
        "zh": "{key}：应为表，而不是 {value}",
        "en": "{key}: expected a table, not {value}",
    },
    "not-a-name": {"zh": "{key}：{name} 不是名称", "en": "{key}: {name} is not a name"},
    "not-one-of": {
        "zh": "{key}：{value} 不是可选值之一：{allowed}",
        "en": "{key}: {value} is not one of {allowed}",
    },
    # policy.py, waivers.py, baseline.py
    "unknown-rule": {
        "zh": "未知的规则 {rule}（现有规则：{known}）",
        "en": "unknown rule {rule} (rules: {known})",
    },
    "unknown-rule-at": {
        "zh": "{key}：未知的规则 {rule}（现有规则：{known}）",
        "en": "{key}: unknown rule {rule} (rules: {known})",
    },
    "waiver-file-key": {
        "zh": "未知的键 {key}（豁免文件只含 `waivers`）",
        "en": "unknown key {key} (a waiver file holds `waivers`)",
    },
    "not-waivers": {
        "zh": "应为豁免条目的列表，而不是 {value}",
        "en": "expected a list of waivers, not {value}",
    },
    "not-a-waiver": {
        "zh": "应为含 {keys} 的表，而不是 {value}",
        "en": "expected a table with {keys}, not {value}",
    },
    "required-text": {"zh": "{key}：必填，须为文本", "en": "{key}: required, as text"},
    "waiver-no-reason": {
        "zh": "reason：豁免必须写明理由（为何接受这一问题）",
        "en": "reason: a waiver needs a written reason (why the finding is accepted)",
    },
    "not-a-date": {
        "zh": "{key}：{value} 不是 YYYY-MM-DD 格式的日期",
        "en": "{key}: {value} is not a date YYYY-MM-DD",
    },
    "baseline-unwritable": {
        "zh": "无法写入基线文件（{reason:os}）",
        "en": "cannot write the baseline: {reason:os}",
    },
    "not-a-baseline": {
        "zh": "不是 planlint 基线文件（用 --write-baseline 生成）",
        "en": "not a planlint baseline (write one with --write-baseline)",
    },
    "baseline-version": {
        "zh": "基线的指纹版本为 {theirs}，本版 planlint 为 {ours}：请用 --write-baseline 重新生成",
        "en": "written with fingerprints {theirs}, this planlint makes {ours}: write it again with --write-baseline",
    },
    "baseline-findings": {
        "zh": "findings：应为带指纹（fingerprint）的条目列表",
        "en": "findings: expected a list of entries with a fingerprint",
    },
    # engine.py: the folder search, and a file whose reader failed
    "internal-file": {
        "zh": "内部错误（{detail}）：这是 planlint 的缺陷，请报告",
        "en": "internal error ({detail}); please report it",
    },
    "crash-timeout": {
        "zh": "用时超过时间限制（{seconds} 秒；可用 --timeout 调高）",
        "en": "took longer than the time limit ({seconds} s; raise it with --timeout)",
    },
    "crash-memory": {
        "zh": "所需内存超过限制（{mb} MB；可用 --memory 调高）",
        "en": "needs more memory than the limit ({mb} MB; raise it with --memory)",
    },
    "crash-exit": {
        "zh": "读取进程意外退出（退出码 {code}）：请报告此问题",
        "en": "the reader stopped unexpectedly (exit code {code}); please report it",
    },
    "not-file-or-folder": {
        "zh": "是{what:kind}，不是文件或文件夹；未打开",
        "en": "{what:kind}, not a file or folder; not opened",
    },
    "folder-not-searched": {"zh": "未搜索该文件夹：{why}", "en": "folder not searched: {why}"},
    "link-searched": {
        "zh": "已跳过：这是指向 {target} 的链接，该文件夹已搜索过",
        "en": "skipped: a link to {target}, a folder already searched",
    },
    "skipped": {"zh": "已跳过：{why}；未打开", "en": "skipped: {why}; not opened"},
    "link-loop": {
        "zh": "符号链接循环（顺着它永远到不了文件）",
        "en": "a symbolic link loop (following it never reaches a file)",
    },
    "dangling-link": {
        "zh": "失效的符号链接（其目标 {target} 不存在）",
        "en": "a dangling symbolic link (its target {target} does not exist)",
    },
    "stdin-twice": {
        "zh": "标准输入（-）给了不止一次；它只能读一次",
        "en": "standard input given more than once; it is read once",
    },
    # readers/limits.py parse_limit: a bad --limit NAME=VALUE
    "limit-spec": {
        "zh": "应为 名称=值，名称为 {known} 之一，实际为 {spec}",
        "en": "expected NAME=VALUE with NAME one of {known}, got {spec}",
    },
    "limit-not-number": {"zh": "{name}：{value} 不是数字", "en": "{name}: {value} is not a number"},
    "limit-not-positive": {
        "zh": "{name}：必须大于 0，实际为 {value}",
        "en": "{name}: must be more than 0, got {value}",
    },
    # guard.py: the command line itself (click's usage errors, said from their attributes)
    "usage-help": {
        "zh": "{problem}（用法见 {command} -h）",
        "en": "{problem} (see {command} -h for the usage)",
    },
    "usage-no-such-option": {"zh": "没有选项 {option}", "en": "no such option {option}"},
    "usage-no-such-option-near": {
        "zh": "没有选项 {option}（是否想用 {near}？）",
        "en": "no such option {option} (did you mean {near}?)",
    },
    "usage-missing-option": {"zh": "缺少选项 {name}", "en": "missing option {name}"},
    "usage-missing-argument": {"zh": "缺少参数 {name}", "en": "missing argument {name}"},
    "usage-bad-value": {
        "zh": "{name} 的值无效：{message}",
        "en": "invalid value for {name}: {message}",
    },
    # cli.py: the commands' own refusals
    "stdin-name-alone": {
        "zh": "--stdin-filename 用于命名标准输入；要读取标准输入，请把 - 作为路径给出",
        "en": "--stdin-filename names standard input; give - as a path to read it",
    },
    "no-plans": {"zh": "没有找到方案文件", "en": "no plan files found"},
    "parse-format": {
        "zh": "--format {format} 只用于 check；parse 只输出 terminal 或 json",
        "en": "--format {format} is for check; parse writes terminal or json",
    },
    "step-summary": {
        "zh": "$GITHUB_STEP_SUMMARY：无法写入作业摘要（{reason:os}）",
        "en": "$GITHUB_STEP_SUMMARY: cannot write the job summary ({reason:os})",
    },
    # waivers.py, policy.py: notices at the end of a run (warnings and notes, not errors)
    "waiver-named": {
        "zh": "{where}（方案 {plan}，规则 {rule}）",
        "en": "{where} (plan {plan}, rule {rule})",
    },
    "waiver-expired": {
        "zh": "{waiver}：已于 {date} 过期，其豁免的问题重新报告（请更新日期和理由，或修改方案）",
        "en": "{waiver}: expired on {date}; its findings are reported again (renew it with a new date and reason, or fix the plans)",
    },
    "waiver-no-finding": {
        "zh": "{waiver}：在其指定的 {plans} 份方案中没有匹配到任何问题；请删除，或更正其规则",
        "en": "{waiver}: matched no finding in the {plans} plan(s) it names; remove it, or correct its rule",
    },
    "waiver-no-plan": {
        "zh": "{waiver}：本次检查的方案都不匹配；请删除，或更正其方案通配模式",
        "en": "{waiver}: matched no plan checked in this run; remove it, or correct its plan glob",
    },
    "waived-count": {
        "zh": "{count} 个问题已被豁免，未显示",
        "en": "{count} finding(s) accepted by waivers, not shown",
    },
    "baseline-written": {
        "zh": "{path}：已将 {count} 个问题记录为基线",
        "en": "{path}: {count} finding(s) recorded as the baseline",
    },
    "baseline-count": {
        "zh": "基线中已有 {known} 个问题，未显示；新问题 {new} 个",
        "en": "{known} finding(s) in the baseline, not shown; {new} new",
    },
}
