"""The words of the CI formats (``report/sarif.py``, ``github.py``, ``junit.py``, ``gitlab.py``,
``markdown.py``): rule help for code-scanning services, the GitHub annotation cap, the PR/MR
comment. Labels and sentences, formatted by ``ci_text``.
"""

from __future__ import annotations

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
