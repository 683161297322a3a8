"""A deadline later than the one the higher level set is a finding (checks/late.py).

The plans are our own, in the shapes plans take: a Word table made with python-docx (title with
the work year, a header row, one task a row, the deadline column in the words plans use) and a
numbered prose plan with 完成时限 labels. The core pack's annual-report rule is due on 31 January
of the year after the plan's year when a department issues the plan, on 31 March when a people's
government or its general office does, and on the later date when the issuer's kind is unknown
(the 条例, art. 49).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planlint.checks.late import chinese_date
from planlint.cli import app
from planlint.engine import check_file
from planlint.errors import PackError
from planlint.parse.deadlines import is_clear, parse_deadline
from planlint.rules import load_pack

docx = pytest.importorskip("docx")

HEADER = ["序号", "工作任务", "责任单位", "完成时限"]
BRIEFING = "局主要负责同志每年至少听取1次政务公开工作汇报，专题研究部署政务公开工作"
TRAINING = "组织开展政务公开业务培训，实现政务公开工作人员全员培训"
LEDGER = "建立本局政务公开重点任务台账，明确责任科室和完成时限，逐项推动落实"
REPORT = "将本年度政务公开工作要点落实情况纳入政府信息公开工作年度报告并向社会公开"


def table_plan(
    path: Path, rows: list[tuple[str, str, str]], title: str, signed: str | None = None
) -> Path:
    """A Word division plan: the title, a covering line, and a table of tasks; ``signed``
    adds a closing sentence, the issuer's signature and a date under the table."""
    document = docx.Document()
    document.add_paragraph(title)
    document.add_paragraph("根据上级政务公开工作要点，结合我局实际，制定本分工方案。")
    table = document.add_table(rows=1, cols=len(HEADER))
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for n, (task, unit, deadline) in enumerate(rows, 1):
        cells = table.add_row().cells
        for cell, text in zip(cells, (str(n), task, unit, deadline), strict=True):
            cell.text = text
    if signed:
        for line in ("各责任单位要按照时限要求抓好落实。", signed, "2023年3月8日"):
            document.add_paragraph(line)
    document.save(path)
    return path


def plan_with(
    tmp_path: Path,
    report_deadline: str,
    year: str = "2023年",
    issuer: str = "梅川市统计局",
    signed: str | None = None,
    **more: str,
) -> Path:
    rows = [
        (BRIEFING, "办公室", "年底前"),
        (TRAINING, "办公室", more.get("training", "十一月底前")),
        (LEDGER, "办公室", "一季度末"),
        (REPORT, "办公室", report_deadline),
    ]
    rows += [
        (REPORT.replace("本年度", "本方案"), "法规科", d)
        for d in more.get("also", "").split("|")
        if d
    ]
    title = f"{issuer}{year}政务公开工作要点分工方案"
    return table_plan(tmp_path / "plan.docx", rows, title, signed)


def late(result) -> list:
    return [f for f in result.findings if f.kind == "late-deadline"]


@pytest.fixture
def core():
    return load_pack("core")


# --- the finding ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "deadline",
    [
        "次年3月底前",
        "2024年3月31日前",
        "次年二月",
        "2024年上半年",
        "2024年第一季度",
        "次年6月30日前",
    ],
)
def test_later_than_the_due_date_is_a_warning(tmp_path, core, deadline):
    result = check_file(plan_with(tmp_path, deadline), [core])
    assert result.plan.year == 2023
    (finding,) = late(result)
    assert (finding.rule, finding.severity, finding.item) == ("annual-report", "warning", "4")
    assert finding.params["deadline"] == deadline
    assert finding.params["due"] == "2024-01-31"
    assert finding.params["date"] > "2024-01-31"
    assert f"“{deadline}”" in finding.message
    assert "晚于规定时限2024年1月31日" in finding.message
    assert "政府信息公开条例》第四十九条" in finding.message
    assert finding.loc is not None and finding.loc.table == 1  # placed at the item's row


def test_the_message_names_the_date_read(tmp_path, core):
    (finding,) = late(check_file(plan_with(tmp_path, "次年3月底前"), [core]))
    assert "（即2024年3月31日）" in finding.message
    english = finding.message_in("en")
    assert "'次年3月底前' (2024-03-31), later than the required 2024-01-31" in english
    assert "(item 4)" in english


def test_a_list_is_late_by_its_last_date_and_says_so(tmp_path, core):
    (finding,) = late(check_file(plan_with(tmp_path, "12月底前、次年2月底前"), [core]))
    assert finding.params["date"] == "2024-02-29"
    assert "其中最晚为2024年2月29日" in finding.message
    assert "the latest of its dates, 2024-02-29" in finding.message_in("en")


@pytest.mark.parametrize(
    "deadline",
    [
        "次年1月31日前",  # the due date itself
        "2024年1月底前",
        "次年1月",
        "年底前",
        "2023年12月31日",
        "十二月底前",
        "次年2月前",  # before February: by 31 January, as written
        "2024年1月31 日前",  # a PDF text layer's stray space
    ],
)
def test_on_or_before_the_due_date_is_fine(tmp_path, core, deadline):
    assert late(check_file(plan_with(tmp_path, deadline), [core])) == []


@pytest.mark.parametrize(
    "deadline", ["每年1月31日前", "每季度", "持续推进", "长期", "按要求", "适时", "次年年报发布时"]
)
def test_a_deadline_that_is_no_date_cannot_be_late(tmp_path, core, deadline):
    assert late(check_file(plan_with(tmp_path, deadline), [core])) == []


def test_the_plans_year_is_the_context(tmp_path, core):
    """年底前 in a 2023 plan is 2023-12-31, an explicit year is itself: a plan for 2023 that
    puts the report in 2025 is late whatever its words."""
    result = check_file(plan_with(tmp_path, "2025年1月底前"), [core])
    (finding,) = late(result)
    assert (finding.params["date"], finding.params["due"]) == ("2025-01-31", "2024-01-31")


def test_unknown_year_no_guess(tmp_path, core):
    """No year in the title or a signature: the due date is unknown, so nothing is said, even
    of a deadline with an explicit year."""
    for deadline in ("次年3月底前", "2030年3月底前"):
        result = check_file(plan_with(tmp_path, deadline, year=""), [core])
        assert result.plan.year is None
        assert late(result) == []


def test_an_item_in_time_carries_the_requirement(tmp_path, core):
    """Two items carry the annual report: one in time, one later (a follow-up): not late."""
    path = plan_with(tmp_path, "次年1月31日前", also="次年3月底前")
    result = check_file(path, [core])
    verdict = next(v for v in result.verdicts if v.rule.id == "annual-report")
    assert len(verdict.items) == 2
    assert late(result) == []


def test_every_late_item_is_named_when_none_is_in_time(tmp_path, core):
    path = plan_with(tmp_path, "次年3月底前", also="次年6月底前")
    assert sorted(f.item for f in late(check_file(path, [core]))) == ["4", "5"]


def test_rules_without_a_due_date_are_never_late(tmp_path, core):
    """The other core rules set no date: a training deadline in the next year is not late."""
    result = check_file(plan_with(tmp_path, "次年1月", training="2024年6月底前"), [core])
    assert late(result) == []
    assert [r.id for r in core.rules if r.due] == ["annual-report"]


# --- who issues the plan: a department, a government's office, or unknown ------------------------

COUNTY_ROWS = [
    (
        "县政府主要负责同志每年至少听取1次政务公开工作汇报，研究解决重大问题",
        "县政府办公室",
        "年底前",
    ),
    (
        "组织开展全县政务公开业务培训，实现各乡镇、各部门政务公开工作人员全员培训",
        "县政府办公室、县数据局",
        "十一月底前",
    ),
    (
        "建立全县政务公开重点任务台账，明确责任单位和完成时限，逐项推动落实",
        "县政府办公室",
        "一季度末",
    ),
]
COUNTY_REPORT = "将全县政务公开工作要点落实情况纳入政府信息公开工作年度报告并向社会公开"
COUNTY_NOTICE = "梅川县人民政府办公室关于印发梅川县2023年政务公开工作要点分工方案的通知"


def county_plan(
    tmp_path: Path, report_deadline: str, title: str = COUNTY_NOTICE, signed: str | None = None
) -> Path:
    """A county government office's division plan: county units own the tasks."""
    rows = [*COUNTY_ROWS, (COUNTY_REPORT, "县政府办公室", report_deadline)]
    return table_plan(tmp_path / "county.docx", rows, title, signed)


def report_due(result) -> str | None:
    """The annual report's due date as the JSON report gives it."""
    from planlint.report.json import result_dict

    doc = result_dict(result)
    return next(r["due"] for r in doc["requirements"] if r["rule"] == "annual-report")


@pytest.mark.parametrize(
    ("title", "signed"),
    [
        (COUNTY_NOTICE, None),  # the office issues the plan in its notice
        ("梅川县2023年政务公开工作要点分工方案", "梅川县人民政府办公室"),  # its signature names it
        ("梅川县人民政府2023年政务公开工作要点分工方案", None),  # the government itself
        ("梅川县2023年政务公开工作要点分工方案", "梅川县政府办"),  # abbreviated
    ],
)
def test_a_government_office_has_until_31_march(tmp_path, core, title, signed):
    for deadline in ("次年3月底前", "2024年3月31日前", "次年一季度"):
        result = check_file(county_plan(tmp_path, deadline, title, signed), [core])
        assert result.plan.issuer_kind == "government", result.plan.agency
        assert late(result) == [], deadline
        assert report_due(result) == "2024-03-31"


def test_a_government_office_later_than_31_march_is_late(tmp_path, core):
    result = check_file(county_plan(tmp_path, "次年4月底前"), [core])
    (finding,) = late(result)
    assert (finding.item, finding.params["due"]) == ("4", "2024-03-31")
    assert "晚于规定时限2024年3月31日" in finding.message
    assert (
        "发文机关梅川县人民政府办公室属人民政府或其办公厅（室），适用该类机关的时限"
        in finding.message
    )
    english = finding.message_in("en")
    assert "later than the required 2024-03-31" in english
    assert "梅川县人民政府办公室 is a people's government or its general office" in english


@pytest.mark.parametrize(
    "issuer", ["梅川市统计局", "梅川市卫生健康委员会", "梅川市人民政府外事办公室", "生态环境部"]
)
def test_a_department_has_until_31_january(tmp_path, core, issuer):
    """A department's plan (one named after its government included): 31 January, and the
    finding says why that date applies."""
    result = check_file(plan_with(tmp_path, "次年3月底前", issuer=issuer), [core])
    assert result.plan.issuer_kind == "department", result.plan.agency
    (finding,) = late(result)
    assert finding.params["due"] == "2024-01-31"
    assert f"发文机关{result.plan.agency}属政府部门，适用该类机关的时限" in finding.message
    assert "is a government department, whose date applies" in finding.message_in("en")
    assert report_due(result) == "2024-01-31"


def test_a_department_notice_signed_by_its_office(tmp_path, core):
    """梅川市统计局办公室 signs for the bureau: a department."""
    title = "梅川市统计局办公室关于印发2023年政务公开工作要点分工方案的通知"
    path = table_plan(tmp_path / "d.docx", [(REPORT, "办公室", "次年2月底前")], title)
    result = check_file(path, [core])
    assert result.plan.issuer_kind == "department", result.plan.agency
    assert [f.params["due"] for f in late(result)] == ["2024-01-31"]


def test_an_issuer_of_unknown_kind_gets_the_latest_date(tmp_path, core):
    """A title that names only its place, with no signature: the plan may be the county
    government's or a department's. The latest lawful date applies, and the finding says so."""
    title = "梅川县2023年政务公开工作要点分工方案"
    in_time = check_file(county_plan(tmp_path, "次年3月底前", title), [core])
    assert (in_time.plan.agency, in_time.plan.issuer_kind) == ("梅川县", None)
    assert late(in_time) == []
    assert report_due(in_time) == "2024-03-31"
    (finding,) = late(check_file(county_plan(tmp_path, "次年6月底前", title), [core]))
    assert finding.params["due"] == "2024-03-31"
    assert "未能判断发文机关梅川县的类别，按各类机关中最晚的时限" in finding.message
    assert "the kind of the issuer 梅川县 is unknown, so the latest date" in finding.message_in(
        "en"
    )


def test_no_issuer_at_all_gets_the_latest_date(tmp_path, core):
    result = check_file(county_plan(tmp_path, "次年5月", "2023年政务公开工作要点分工方案"), [core])
    assert (result.plan.agency, result.plan.issuer_kind) == (None, None)
    (finding,) = late(result)
    assert finding.params["due"] == "2024-03-31"
    assert "未找到发文机关，按各类机关中最晚的时限" in finding.message


def test_a_township_is_no_county_government(tmp_path, core):
    """Art. 49 dates neither a township's nor a street's report: unknown kind, latest date."""
    title = "梅川县城关镇人民政府2023年政务公开工作要点分工方案"
    result = check_file(county_plan(tmp_path, "次年3月底前", title), [core])
    assert (result.plan.agency, result.plan.issuer_kind) == ("梅川县城关镇人民政府", None)
    assert late(result) == []


# --- a prose plan, through the command line -----------------------------------------------------

PROSE = """梅川市医疗保障局2024年政务公开工作要点
一、加强组织领导
1.局主要负责同志每年至少听取1次政务公开工作汇报。（责任科室：办公室；完成时限：2024年年底前）
2.组织开展政务公开业务培训，实现全员培训。（责任科室：办公室；完成时限：十一月底前）
二、抓好工作落实
3.建立政务公开重点任务台账，逐项推动落实。（责任科室：办公室；完成时限：一季度末）
4.将工作要点落实情况纳入政府信息公开工作年度报告并向社会公开。（责任科室：办公室；完成时限：2025年3月底前）
"""


def test_cli_reports_in_chinese_and_english_and_json(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PROSE, encoding="utf-8")
    runner = CliRunner()
    zh = runner.invoke(app, ["check", str(path), "--format", "text"])
    assert "完成时限“2025年3月底前”（即2025年3月31日）晚于规定时限2025年1月31日" in zh.output
    en = runner.invoke(app, ["check", str(path), "--format", "text", "--lang", "en"])
    assert "is due '2025年3月底前' (2025-03-31), later than the required 2025-01-31" in en.output
    doc = json.loads(runner.invoke(app, ["check", str(path), "--format", "json"]).output)
    plan = doc["plans"][0]
    (finding,) = [f for f in plan["findings"] if f["kind"] == "late-deadline"]
    assert (finding["rule"], finding["item"], finding["severity"]) == (
        "annual-report",
        "4",
        "warning",
    )
    report = next(r for r in plan["requirements"] if r["rule"] == "annual-report")
    assert report["due"] == "2025-01-31"
    assert next(r for r in plan["requirements"] if r["rule"] == "training")["due"] is None
    items = {i["id"]: i for i in plan["items"]}
    assert (items["1"]["deadline_kind"], items["1"]["deadline_date"]) == ("date", "2024-12-31")
    assert items["2"]["deadline_date"] == "2024-11-30"
    assert items["4"]["deadline"] == "2025年3月底前"  # as written, beside the date read


def test_parse_json_shows_the_dates_read(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PROSE.replace("十一月底前", "常态化"), encoding="utf-8")
    doc = json.loads(CliRunner().invoke(app, ["parse", str(path), "--format", "json"]).output)
    items = {i["id"]: i for i in doc["plans"][0]["items"]}
    assert (items["2"]["deadline_kind"], items["2"]["deadline_date"]) == ("ongoing", None)
    assert items["3"]["deadline_date"] == "2024-03-31"


# --- clear and vague deadlines (read by parse/deadlines.py, warned of by checks/deadline.py) ----


@pytest.mark.parametrize(
    "text",
    ["十一月二十日前", "年内", "次年一月", "2024年6月30日", "每年1月31日前", "上半年", "每季度"],
)
def test_dates_in_any_wording_are_clear(text):
    assert is_clear(text, 2023)
    assert is_clear(text, None)  # clear whether or not the year is known


@pytest.mark.parametrize("text", ["持续推进", "长期", "常态化", "每月", "按要求", "全年", "", None])
def test_no_date_is_vague(text):
    assert not is_clear(text, 2023)


@pytest.mark.parametrize(
    ("text", "vague"),
    [("每季度", False), ("每月", True), ("常态化", True), ("按要求", True), ("十一月底前", False)],
)
def test_parse_stores_whether_a_deadline_is_vague(text, vague):
    """The check reads ``Deadline.vague`` as parse stored it; ``is_clear`` asks the same of
    the words."""
    assert parse_deadline(text, 2023).vague is vague
    assert is_clear(text, 2023) is not vague


def test_chinese_date():
    assert chinese_date(date(2024, 1, 31)) == "2024年1月31日"


def test_a_chinese_numeral_date_is_no_vague_deadline(tmp_path, core):
    result = check_file(
        plan_with(tmp_path, "次年一月三十一日前", training="十一月二十日前"), [core]
    )
    kinds = {(f.kind, f.rule) for f in result.findings}
    assert ("vague-deadline", "training") not in kinds
    assert late(result) == []


def test_an_ongoing_deadline_is_still_vague(tmp_path, core):
    result = check_file(plan_with(tmp_path, "次年1月", training="长期坚持"), [core])
    assert ("vague-deadline", "training") in {(f.kind, f.rule) for f in result.findings}


# --- the pack's due -------------------------------------------------------------------------------


def _pack(tmp_path: Path, due: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(
        "pack: demo\nrules:\n  - id: report\n    title: 年报\n    severity: error\n"
        f"    due: {due}\n    match:\n      any:\n        - all: [年度报告]\n",
        encoding="utf-8",
    )
    return path


def test_a_pack_due_date(tmp_path):
    rule = load_pack(str(_pack(tmp_path, "{month: 3, year: next}"))).rules[0]
    assert rule.due is not None
    assert rule.due.date_for(2023).isoformat() == "2024-03-31"  # no day: the month's last
    same = load_pack(str(_pack(tmp_path, "{month: 2, day: 29}"))).rules[0]
    assert same.due is not None
    assert same.due.date_for(2023).isoformat() == "2023-02-28"
    assert same.due.date_for(2024).isoformat() == "2024-02-29"


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        ("{month: 2, day: 30}", "2月没有30日"),
        ("{month: 13}", "due"),
        ("{day: 31}", "due"),
        ("{month: 1, year: last}", "due"),
        ("{month: 1, when: soon}", "due"),
        # the dates by kind of issuer (issuers)
        ("{month: 1, issuers: {county: {month: 3}}}", "due"),  # no such kind of issuer
        ("{month: 1, issuers: {government: {day: 3}}}", "due"),  # no month
        ("{month: 1, issuers: {}}", "due"),
        ("{month: 1, issuers: {government: {month: 3, basis: x}}}", "due"),
        ("{month: 1, issuers: {government: {month: 3, year: last}}}", "due"),
        ("{month: 1, issuers: [government]}", "due"),
        ("{month: 1, issuers: {government: {month: 4, day: 31}}}", "4月没有31日"),
    ],
)
def test_a_bad_due_is_a_pack_error(tmp_path, due, expected):
    with pytest.raises(PackError) as info:
        load_pack(str(_pack(tmp_path, due)))
    assert expected in str(info.value)
    assert "\n" not in str(info.value)


def test_a_pack_due_date_by_issuer(tmp_path):
    """``issuers`` overrides the date for one kind of issuer; its year is the top level's
    unless it gives one; an unknown kind gets the latest of the kinds' dates."""
    due = "{month: 1, day: 31, year: next, issuers: {government: {month: 3, day: 31}}}"
    rule = load_pack(str(_pack(tmp_path, due))).rules[0]
    assert rule.due is not None
    applied = {k: rule.due.applied(2023, k) for k in ("government", "department", None)}
    assert {k: a.date.isoformat() for k, a in applied.items()} == {
        "government": "2024-03-31",
        "department": "2024-01-31",
        None: "2024-03-31",
    }
    assert [a.reason for a in applied.values()] == ["issuer", "issuer", "latest"]
    both = "{month: 6, year: next, issuers: {government: {month: 2, year: same}, department: {month: 4}}}"
    rule = load_pack(str(_pack(tmp_path, both))).rules[0]
    assert rule.due is not None
    assert rule.due.applied(2023, "government").date.isoformat() == "2023-02-28"
    assert rule.due.applied(2023, "department").date.isoformat() == "2024-04-30"
    # the top-level date applies to no kind here: the latest is the departments' date
    assert rule.due.applied(2023, None).date.isoformat() == "2024-04-30"
    plain = load_pack(str(_pack(tmp_path, "{month: 1, day: 31, year: next}"))).rules[0]
    assert plain.due is not None
    assert plain.due.applied(2023, None).reason == "fixed"
    assert plain.due.applied(2023, "government").date.isoformat() == "2024-01-31"


def test_a_day_the_month_never_has_in_english(tmp_path):
    with pytest.raises(PackError) as info:
        load_pack(str(_pack(tmp_path, "{month: 4, day: 31}")))
    assert "rule report: due: month 4 has no day 31" in info.value.render("en")


def test_the_real_plans_report_in_time(shared_corpus, core):
    """The seed plans that carry the annual report date it by 31 January or earlier (2023年1月底前
    in a 2022 plan, 12月前 in a 2023 plan): no finding."""
    checked = 0
    for path in sorted((shared_corpus / "seeds").glob("*.txt")):
        result = check_file(path, [core])
        report = next(v for v in result.verdicts if v.rule.id == "annual-report")
        checked += report.status == "covered" and report.deadline is not None
        assert late(result) == [], path.name
    assert checked >= 2
