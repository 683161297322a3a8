"""The findings' sentences, one template per finding kind, Chinese and English.

A check (``checks/``) names its kind and params; ``render`` fills them in. The kinds are the
verdicts (missing, unassigned-…, not-applicable, diffuse-owner, …-deadline, untraced,
unknown-department) and the reading doubts (reading-…, from ``checks/reading.py`` and the
decoder). A new finding kind adds its template here, with both languages and the same fields.
"""

from __future__ import annotations

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


def render(kind: str, params: dict[str, str], lang: str = "zh") -> str:
    template = _TEMPLATES[kind].get(lang) or _TEMPLATES[kind]["zh"]
    if lang != "zh" and params.get("title_en"):
        params = {**params, "title": params["title_en"]}
    return template.format(**params)
