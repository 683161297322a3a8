"""Report wording, Chinese first (the reader is a civil servant), English on request."""

from __future__ import annotations

_TEMPLATES: dict[str, dict[str, str]] = {
    "missing": {
        "zh": "未见落实要求「{title}」的事项",
        "en": "no item carries the requirement '{title}'",
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
    "reading-unplaced-task": {
        "zh": "读取存疑：{where}处疑似工作任务的文字未归入任何事项：“{detail}”",
        "en": "reading doubtful: task-like text at {where} was not placed in any item: '{detail}'",
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


def word(key: str, lang: str = "zh") -> str:
    entry = _WORDS.get(key)
    return entry.get(lang, entry["zh"]) if entry else key
