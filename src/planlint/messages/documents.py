"""The words of the documents sent on: the HTML report, the xlsx matrix, the batch summary
(``report/html.py``, ``report/xlsx.py``, ``report/summary.py``), which share them so the three
say the same thing; also the ``planlint rules …`` tooling (``cli_rules.py``), the ``--year``
line per plan and the output refusals. Labels and sentences, formatted by ``doc_text``.
"""

from __future__ import annotations

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
    # a rule's due date (rules/due.py), relative to the plan's year, and by kind of issuer
    "rules-field-due": {"zh": "规定完成时限", "en": "due"},
    "rules-due-day": {"zh": "{year}{month}月{day}日", "en": "{day} {month} of {year}"},
    "rules-due-month": {"zh": "{year}{month}月底", "en": "the end of {month} of {year}"},
    "rules-due-next": {"zh": "次年", "en": "the next year"},
    "rules-due-same": {"zh": "当年", "en": "the plan's year"},
    "rules-due-basis": {"zh": "（依据：{basis}）", "en": " (basis: {basis})"},
    "rules-due-issuer": {"zh": "发文机关为{kind}时", "en": "when {kind} issues the plan"},
    "rules-due-unknown": {
        "zh": "发文机关类别不明时（取各类中最晚的时限）",
        "en": "when the issuer's kind is unknown (the latest date of any kind)",
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
