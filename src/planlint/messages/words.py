"""Single words the reports share: verdicts, severities, plan kinds, and the names of the
readings (how a file's layout was read). A key not listed is shown as it is.
"""

from __future__ import annotations

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
    # kinds of issuer, for due dates that differ by issuer (rules/due.py, checks/late.py)
    "issuer-government": {
        "zh": "人民政府或其办公厅（室）",
        "en": "a people's government or its general office",
    },
    "issuer-department": {"zh": "政府部门", "en": "a government department"},
}


def word(key: str, lang: str = "zh") -> str:
    entry = _WORDS.get(key)
    return entry.get(lang, entry["zh"]) if entry else key
