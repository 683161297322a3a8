"""The example plans in examples/, one per plan shape: what parse reads and what check reports.

Every example is an invented plan (see examples/README.md). The tests assert what a
careful reviewer reads in it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORE_IDS
from planlint.engine import check_file
from planlint.match import match_text
from planlint.model import Item, Plan
from planlint.parse import parse
from planlint.readers import read_document

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

TAB = "tab-dump-division-plan.txt"
MARKDOWN = "markdown-split-tables.md"
PROSE = "prose-key-points.txt"
NUMBERED = "numbered-list-inline.txt"
TRADITIONAL = "traditional-pipe-dump.txt"
GBK = "gbk-encoded-plan.txt"
WEB = "web-page-flattened.txt"

REQUIREMENTS = CORE_IDS


def plan_of(name: str) -> Plan:
    return parse(read_document(EXAMPLES / name))


def by_id(plan: Plan) -> dict[str, Item]:
    return {item.id: item for item in plan.items}


def unplaced(plan: Plan, role: str) -> list[str]:
    return [f.text for f in plan.unplaced if f.role == role]


def check(name: str, pack):
    return check_file(EXAMPLES / name, [pack])


def statuses(result) -> dict[str, str]:
    return {v.rule.id: v.status for v in result.verdicts}


def verdict(result, rule_id: str):
    return next(v for v in result.verdicts if v.rule.id == rule_id)


def findings(result, *, without: tuple[str, ...] = ()) -> set[tuple[str, str]]:
    return {(f.kind, f.rule) for f in result.findings if f.rule not in without}


def shape(plan: Plan) -> tuple:
    """What parse read, without the path: for comparing encodings of one plan."""
    return (
        plan.kind,
        plan.agency,
        plan.year,
        plan.placeholders,
        [(i.id, i.section, i.text, i.assignees, i.placeholder, i.deadline) for i in plan.items],
    )


def assert_no_item_is(plan: Plan, texts: list[str]) -> None:
    for item in plan.items:
        for text in texts:
            assert not item.text.startswith(text), (item.id, text)


# --- tab-indented dump of a Word table ---------------------------------------------------------


def test_tab_dump_reads_every_row_and_numbered_cell():
    plan = plan_of(TAB)
    assert plan.kind == "division-plan"
    assert plan.agency == "云川市东湖区农业农村局"
    assert plan.year == 2024
    assert [i.id for i in plan.items] == [str(n) for n in range(1, 22)]
    items = by_id(plan)
    first = items["1"]
    assert first.section == "一、围绕稳产保供加强涉农信息公开"
    assert first.text.startswith("及时公开粮食生产扶持、农机购置与应用补贴")
    assert first.assignees == ["计划财务科", "农业机械化管理站"]
    assert first.deadline == "2024年6月底前"
    assert first.placeholder is None


def test_tab_dump_numbered_items_in_one_cell_share_its_unit_and_deadline():
    items = by_id(plan_of(TAB))
    assert items["3"].text.startswith("围绕高标准农田建设")
    assert "4." not in items["3"].text and "涉农整合资金" not in items["3"].text
    assert items["4"].text.startswith("做好涉农整合资金使用情况公开")
    for ident in ("3", "4"):
        assert items[ident].assignees == ["农田建设管理科", "计划财务科"]
        assert items[ident].deadline == "2024年12月底前"
    # a blank line between the numbered items of one cell changes nothing
    for ident in ("11", "12"):
        assert items[ident].assignees == ["政策法规科"]
        assert items[ident].deadline == "收到申请后20个工作日内"
    assert items["12"].text.startswith("对申请内容不明确的依申请公开事项")
    assert [items[i].deadline for i in ("19", "20")] == ["2024年8月底前"] * 2


def test_tab_dump_group_heading_covers_the_rows_below_it():
    items = by_id(plan_of(TAB))
    assert items["2"].section == "一、围绕稳产保供加强涉农信息公开"
    assert items["7"].section == "二、强化涉农政策解读和回应关切"
    assert items["10"].section == "三、推进涉农政策文件集中公开"
    assert items["21"].section == "五、强化政务公开工作保障"


def test_tab_dump_person_column_title_and_headings_are_not_items():
    plan = plan_of(TAB)
    for item in plan.items:
        assert not any(u.endswith(("科长", "站长", "主任", "负责人")) for u in item.assignees)
    assert by_id(plan)["7"].assignees == ["各科室"]
    assert_no_item_is(plan, ["工作任务", "具体要求", "一、", "二、", "五、", "附件"])
    assert "工作要点分工方案" in unplaced(plan, "preamble")


def test_tab_dump_check(core_pack):
    result = check(TAB, core_pack)
    assert statuses(result) == dict.fromkeys(REQUIREMENTS, "covered")
    assert findings(result) == {
        ("vague-deadline", "training"),
        ("diffuse-owner", "public-concern-response"),
    }
    # look-alikes: the deputy leader's briefing (17) and farmers' policy training (8)
    assert verdict(result, "leader-briefing").items == ["16"]
    assert verdict(result, "training").items == ["18"]
    assert verdict(result, "training").deadline == "持续推进"
    assert verdict(result, "public-concern-response").owners == ["各科室"]
    assert verdict(result, "annual-report").items == ["21"]
    assert verdict(result, "task-ledger").items == ["19"]
    assert verdict(result, "lookback").items == ["20"]


def test_tab_dump_platforms_carried_only_by_the_platform_items(core_pack):
    result = check(TAB, core_pack)
    assert sorted(verdict(result, "platforms").items, key=int) == ["13", "14", "15"]


# --- Markdown tables split at page breaks ------------------------------------------------------


def test_markdown_fragments_join_into_one_plan():
    plan = plan_of(MARKDOWN)
    assert plan.kind == "division-plan"
    assert plan.agency == "青岚市自然资源局"
    assert plan.year == 2023
    assert [i.id for i in plan.items] == [str(n) for n in range(1, 21)]
    assert plan.placeholders == {"——": "not-involved"}
    items = by_id(plan)
    assert items["1"].text.startswith("及时发布国土空间总体规划")
    assert items["1"].assignees == ["国土空间规划科"]
    assert items["2"].assignees == ["耕地保护科", "用地审批科"]
    assert items["2"].deadline == "持续推进"
    assert items["9"].assignees == ["法规科", "各起草科室"]


def test_markdown_placeholders_and_blank_unit_cells():
    items = by_id(plan_of(MARKDOWN))
    assert (items["4"].assignees, items["4"].placeholder) == ([], "——")
    assert (items["8"].assignees, items["8"].placeholder) == ([], "---")
    # a row blank after its task is blank, not merged with the row above: nobody owns it
    assert (items["19"].assignees, items["19"].placeholder) == ([], None)
    assert items["19"].deadline is None
    assert (items["20"].assignees, items["20"].placeholder) == ([], "——")
    assert items["20"].deadline == "2024年1月底前"


def test_markdown_heading_and_sentence_continue_after_a_page_break():
    plan = plan_of(MARKDOWN)
    items = by_id(plan)
    for ident in ("5", "6", "7", "8"):
        assert items[ident].section == "二、持续深化政策文件集中公开工作。"
    assert items["9"].section == "三、加强政策解读和回应关切"
    assert items["12"].section == "三、加强政策解读和回应关切"
    assert items["17"].section == "五、强化组织保障"
    sixteen = items["16"]
    assert sixteen.text.startswith("加强局门户网站")
    assert "日常巡查，确保政府网站和政务新媒体安全平稳运行。" in sixteen.text
    assert sixteen.assignees == ["办公室", "信息中心"]
    assert sixteen.deadline == "2023年12月底前"
    assert_no_item_is(plan, ["巡查，确保", "集中公开工作", "具体要求", "工作任务"])


def test_markdown_title_footnote_and_page_number_are_not_items():
    plan = plan_of(MARKDOWN)
    assert_no_item_is(plan, ["注：", "- 2 -", "##"])
    assert any(t.startswith("注：“责任科室”栏中“——”") for t in unplaced(plan, "note"))
    assert any("青岚市自然资源局2023年" in t for t in unplaced(plan, "preamble"))


def test_markdown_check(core_pack):
    result = check(MARKDOWN, core_pack)
    expected = dict.fromkeys(REQUIREMENTS, "covered")
    expected |= {
        "lookback": "unassigned",  # blank unit cell
        "annual-report": "not-applicable",  # "——", declared by the footnote
        "task-ledger": "missing",  # 舆情回应台账 is no task ledger
    }
    assert statuses(result) == expected
    assert findings(result) == {
        ("unassigned", "lookback"),
        ("not-applicable", "annual-report"),
        ("missing", "task-ledger"),
    }
    assert verdict(result, "annual-report").items == ["20"]  # 14 only publishes the report
    assert "11" in verdict(result, "public-concern-response").items
    assert verdict(result, "platforms").owners == ["办公室", "信息中心"]  # joined across the break
    assert verdict(result, "leader-briefing").items == ["17"]


# --- prose key points --------------------------------------------------------------------------

PROSE_IDS = [
    *(f"一({n})" for n in "一二三四五"),
    *(f"二({n})" for n in "一二三四"),
    *(f"三({n})" for n in "一二三"),
    *(f"四({n})" for n in "一二三四"),
]


def test_prose_key_points_items():
    plan = plan_of(PROSE)
    assert plan.kind == "key-points"
    assert plan.agency == "宁川市水利局"
    assert plan.year == 2024
    assert [i.id for i in plan.items] == PROSE_IDS
    items = by_id(plan)
    assert items["一(一)"].section == "一、聚焦水利中心工作，加强重点领域信息公开"
    assert items["一(一)"].text.startswith("做好重大水利工程建设信息公开。")
    assert items["二(三)"].section == "二、提升政策发布解读质量"
    assert items["四(二)"].text.startswith("加强业务培训。将政府信息公开条例")
    assert all(i.deadline is None for i in plan.items)
    assert all(i.placeholder is None for i in plan.items)
    assert all(i.assignees == [] for i in plan.items if i.id != "三(一)")


def test_prose_preamble_and_headings_are_not_items():
    plan = plan_of(PROSE)
    preamble = unplaced(plan, "preamble")
    for text in ("局机关各科室、局属各单位：", "宁川市水利局", "2024年3月28日", "（此件公开发布）"):
        assert text in preamble
    assert_no_item_is(plan, ["一、", "四、", "现将", "2024年，全市水利系统", "宁川市水利局"])
    assert not any("印发给你们" in i.text for i in plan.items)


def test_prose_explicit_lead_names_the_owner():
    assert by_id(plan_of(PROSE))["三(一)"].assignees == ["局办公室"]


def test_prose_check(core_pack):
    result = check(PROSE, core_pack)
    got = statuses(result)
    expected = dict.fromkeys(REQUIREMENTS, "unassigned")
    expected |= {
        "annual-report": "missing",
        "task-ledger": "missing",
        "on-request-disclosure": "covered",  # 由局办公室牵头
    }
    del expected["lookback"]  # see test_prose_lookback_in_a_titled_paragraph
    assert {k: v for k, v in got.items() if k != "lookback"} == expected
    assert verdict(result, "leader-briefing").items == ["四(一)"]
    assert verdict(result, "training").items == ["四(二)"]
    kinds = findings(result, without=("lookback",))
    assert {k for k, _ in kinds} == {"unassigned", "missing"}
    assert ("missing", "annual-report") in kinds and ("missing", "task-ledger") in kinds


def test_prose_lookback_in_a_titled_paragraph(core_pack):
    result = check(PROSE, core_pack)
    assert verdict(result, "lookback").status == "unassigned"
    assert verdict(result, "lookback").items == ["四(三)"]


# --- numbered list with inline labels ----------------------------------------------------------


def test_numbered_list_reads_inline_labels():
    plan = plan_of(NUMBERED)
    assert plan.kind == "division-plan"
    assert plan.agency == "白河县卫生健康局"
    assert plan.year == 2024
    items = plan.items
    assert len(items) == 18
    assert items[0].text.startswith("按月公开全县医疗机构执业登记")
    assert items[0].assignees == ["医政医管股"]
    assert items[0].deadline == "每月10日前"
    assert items[0].section == "一、深化卫生健康领域信息公开"
    assert items[2].assignees == ["疾病预防控制股", "县疾控中心"]
    assert items[2].deadline == "按月发布"
    assert items[7].assignees == ["办公室"]  # 牵头单位
    assert items[7].assisting == ["医政医管股"]  # 配合单位
    assert items[7].deadline == "长期坚持"
    assert items[10].assignees == ["各股室"]
    assert items[14].text.startswith("建立2024年度政务公开重点任务台账")
    assert items[14].deadline is None
    assert items[17].section == "四、强化保障措施"
    for item in items:
        assert "责任单位" not in item.text and "完成时限" not in item.text


def test_numbered_list_preamble_and_signature_are_not_items():
    plan = plan_of(NUMBERED)
    assert_no_item_is(plan, ["一、", "白河县卫生健康局", "2024年4月8日", "为抓好"])
    kept = [f.text for f in plan.unplaced]
    assert "白河县卫生健康局办公室" in kept
    assert "2024年4月8日" in kept


def test_numbered_list_ids_are_the_plans_own_numbers():
    assert [i.id for i in plan_of(NUMBERED).items] == [str(n) for n in range(1, 19)]


def test_numbered_list_lead_label_marks_the_lead():
    assert plan_of(NUMBERED).items[7].leads == ["办公室"]


def test_numbered_list_check(core_pack):
    result = check(NUMBERED, core_pack)
    items = plan_of(NUMBERED).items
    got = statuses(result)
    expected = dict.fromkeys(REQUIREMENTS, "covered")
    expected["leader-briefing"] = "missing"  # only 分管领导 hears reports (item 13)
    del expected["policy-interpretation"]  # see test_numbered_list_policy_interpretation
    assert {k: v for k, v in got.items() if k != "policy-interpretation"} == expected
    assert findings(result, without=("policy-interpretation",)) == {
        ("missing", "leader-briefing"),
        ("no-deadline", "task-ledger"),
        ("diffuse-owner", "platforms"),
    }
    # 就业政策宣讲和职业技能培训 (item 7) is not openness training
    assert verdict(result, "training").items == [items[13].id]
    assert verdict(result, "lookback").items == [items[15].id]
    assert verdict(result, "annual-report").items == [items[16].id]


def test_numbered_list_policy_interpretation(core_pack):
    result = check(NUMBERED, core_pack)
    assert verdict(result, "policy-interpretation").status == "covered"
    assert verdict(result, "policy-interpretation").items == [plan_of(NUMBERED).items[5].id]


# --- traditional characters, pipe-terminated cell dump -----------------------------------------


def test_traditional_pipe_dump_rows():
    plan = plan_of(TRADITIONAL)
    assert plan.kind == "division-plan"
    assert plan.year == 2023
    assert [i.id for i in plan.items] == [str(n) for n in range(1, 20)]
    items = by_id(plan)
    assert items["1"].section == "一、推進重點領域信息公開"
    assert items["1"].text.startswith("及時公開保障性租賃住房籌集計劃")
    assert items["1"].assignees == ["住房保障科"]
    assert items["1"].deadline == "2023年6月底前"  # the 備註 cell is neither unit nor deadline
    assert items["2"].section == "一、推進重點領域信息公開"  # merged group cell
    assert items["2"].deadline == "每季度"
    assert items["3"].assignees == ["建築業管理科", "政策法規科"]
    assert "處罰決定作出後7個工作日內上網" in items["3"].text  # a cell wrapped over two lines
    assert items["5"].section == "二、加強政策解讀和回應關切"
    assert items["11"].assignees == ["辦公室", "信息中心"]
    assert items["19"].section == "五、強化組織保障"
    assert_no_item_is(
        plan, ["序號", "工作任務", "具體要求", "現將", "局機關各科室", "市級考核事項"]
    )
    assert "2023年5月6日" in unplaced(plan, "preamble")


def test_traditional_agency_from_the_title():
    assert plan_of(TRADITIONAL).agency == "澄江市住房和城乡建设局"


def test_traditional_check_matches_through_simplification(core_pack):
    result = check(TRADITIONAL, core_pack)
    assert statuses(result) == dict.fromkeys(REQUIREMENTS, "covered")
    assert findings(result) == set()
    assert verdict(result, "leader-briefing").items == ["14"]
    assert verdict(result, "training").items == ["15"]
    assert verdict(result, "lookback").items == ["16"]
    assert verdict(result, "task-ledger").items == ["17"]  # 臺賬
    assert verdict(result, "annual-report").items == ["18"]
    assert verdict(result, "training").owners == ["辦公室", "人事科"]  # quoted as written


def test_traditional_text_matches_requirements(core_pack):
    rules = {r.id: r for r in core_pack.rules}
    assert match_text(rules["task-ledger"], "建立本局政務公開重點任務臺賬", normalized=False)
    assert match_text(rules["on-request-disclosure"], "依法辦理政府信息公開申請", normalized=False)
    assert not match_text(rules["leader-briefing"], "分管領導聽取政務公開匯報", normalized=False)


# --- encodings ---------------------------------------------------------------------------------


def test_gbk_plan_is_not_utf8_and_parses_like_its_utf8_copy(tmp_path):
    data = (EXAMPLES / GBK).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    copy = tmp_path / GBK
    copy.write_text(data.decode("gb18030"), encoding="utf-8")
    plan = plan_of(GBK)
    assert shape(plan) == shape(parse(read_document(copy)))
    assert plan.agency == "溪口镇人民政府"
    assert plan.year == 2024
    assert len(plan.items) == 10
    assert plan.items[0].text.startswith("及时公开低保、特困供养对象")
    assert plan.items[0].assignees == ["社会事务办"]
    assert plan.items[1].assignees == ["经济发展办", "财政所"]
    assert plan.items[9].deadline == "长期坚持"


def test_gbk_plan_check(core_pack):
    result = check(GBK, core_pack)
    expected = dict.fromkeys(REQUIREMENTS, "covered")
    expected |= {"lookback": "missing", "normative-documents": "missing"}
    assert statuses(result) == expected
    assert findings(result) == {("missing", "lookback"), ("missing", "normative-documents")}


@pytest.mark.parametrize("name", [GBK, TAB, TRADITIONAL, MARKDOWN])
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_copies_parse_the_same(tmp_path, name, encoding):
    data = (EXAMPLES / name).read_bytes()
    text = data.decode("gb18030" if name == GBK else "utf-8")
    copy = tmp_path / name
    copy.write_bytes(text.encode(encoding))  # "utf-16" writes a BOM, the others do not
    assert copy.read_bytes().startswith((b"\xff\xfe", b"\xfe\xff")) == (encoding == "utf-16")
    assert shape(parse(read_document(copy))) == shape(plan_of(name))


# --- web page flattened into paragraphs --------------------------------------------------------


def test_web_page_stream_items():
    plan = plan_of(WEB)
    assert plan.kind == "division-plan"
    assert plan.agency == "鹭州市医疗保障局"
    assert plan.year == 2024
    assert [i.id for i in plan.items] == [f"r{n}" for n in range(1, 17)]
    items = by_id(plan)
    assert items["r1"].section == "一、加强医保重点领域信息公开 （一）做好医保待遇政策公开。"
    assert items["r1"].text.startswith("及时公开城乡居民医保参保缴费标准")
    assert items["r1"].assignees == ["待遇保障科"]
    assert items["r1"].deadline == "2024年6月底前"
    # several requirement paragraphs share the unit and deadline paragraphs after them
    for ident in ("r2", "r3"):
        assert items[ident].assignees == ["基金监管科", "规划财务科"]
        assert items[ident].deadline == "每季度"
    for ident in ("r14", "r15", "r16"):
        assert items[ident].assignees == ["办公室"]
        assert items[ident].deadline == "2024年12月底前"
        assert items[ident].section == "四、强化工作保障"
    assert items["r4"].deadline == "集采结果执行前"
    # a heading split over two paragraphs
    assert items["r6"].section == "二、提升医保政策解读和回应关切水平 （一）强化医保政策解读。"


def test_web_page_chrome_and_column_names_are_not_items():
    plan = plan_of(WEB)
    assert_no_item_is(
        plan,
        ["您现在所在的位置", "• 来源", "来源", "【字体", "扫一扫", "【打印本页】", "您访问的链接"],
    )
    assert_no_item_is(plan, ["工作要求", "具体任务", "牵头落实单位", "完成时限", "一、", "（一）"])
    chrome = " ".join(unplaced(plan, "chrome"))
    for text in ("您现在所在的位置", "来源：鹭州市医疗保障局", "【字体", "扫一扫在手机打开当前页"):
        assert text in chrome


def test_web_page_check(core_pack):
    result = check(WEB, core_pack)
    expected = dict.fromkeys(REQUIREMENTS, "covered")
    expected["annual-report"] = "missing"  # r13 only publishes the report
    assert statuses(result) == expected
    assert findings(result) == {("missing", "annual-report")}
    assert verdict(result, "leader-briefing").items == ["r14"]
    assert verdict(result, "training").items == ["r15"]
    assert verdict(result, "task-ledger").items == ["r16"]
    assert verdict(result, "lookback").items == ["r16"]
    assert verdict(result, "task-ledger").deadline == "2024年12月底前"
