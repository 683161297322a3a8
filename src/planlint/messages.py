"""Report wording, Chinese first (the reader is a civil servant), English on request."""

from __future__ import annotations

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
