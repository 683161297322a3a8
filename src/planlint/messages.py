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
    "key-points": {"zh": "工作要点", "en": "key points"},
}


def render(kind: str, params: dict[str, str], lang: str = "zh") -> str:
    template = _TEMPLATES[kind].get(lang) or _TEMPLATES[kind]["zh"]
    if lang != "zh" and params.get("title_en"):
        params = {**params, "title": params["title_en"]}
    return template.format(**params)


def word(key: str, lang: str = "zh") -> str:
    entry = _WORDS.get(key)
    return entry.get(lang, entry["zh"]) if entry else key
