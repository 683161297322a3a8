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
