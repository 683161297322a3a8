"""Plan shapes beyond the examples: lead/assist columns, inline labels, running numbers."""

from __future__ import annotations

from planlint.parse import parse
from planlint.readers import read_document

LEAD_ASSIST = """# 某县财政局2024年政务公开工作任务分解表

| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 | 备注 |
|:---:|---|---|---|---|---|
| 1 | 局主要负责同志年内听取政务公开工作汇报 | 办公室 | 各股室 | 12月底前 | 市级安排 |
| 2 | 开展政务公开业务培训 | 办公室 | 人事股 | 10月 | |
| 3 | 建立政务公开工作任务台账 | 办公室、预算股 | | 3月底前 | |
"""

INLINE_LABELS = """某镇人民政府2024年政务公开工作要点

一、加强政策解读
（一）做好政策发布解读
1.落实解读“三同步”要求。（牵头单位：党政办；配合单位：各站所；完成时限：长期坚持）
2.加强政务舆情回应，及时回应群众关切。
责任单位：党政办
完成时限：2024年12月
（二）加强平台建设
3.确保政府网站安全平稳运行。（责任单位：党政办）
二、强化保障
4.镇党委主要负责同志每年听取政务公开工作汇报。（责任单位：党政办；完成时限：2024年11月底前）
"""


def _plan(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse(read_document(path))


def test_lead_and_assisting_columns_are_kept_apart(tmp_path):
    plan = _plan(tmp_path, "plan.md", LEAD_ASSIST)
    assert plan.agency == "某县财政局" and plan.year == 2024 and plan.kind == "division-plan"
    first, _, third = plan.items
    assert first.id == "1" and first.assignees == ["办公室"] and first.leads == ["办公室"]
    assert first.assisting == ["各股室"]  # 配合单位 is not the owner
    assert first.deadline == "12月底前"
    assert third.assignees == ["办公室", "预算股"] and third.assisting == []
    assert all("市级安排" not in i.assignees for i in plan.items)  # 备注 is never the owner


def test_inline_labels_make_a_numbered_list_a_division_plan(tmp_path):
    plan = _plan(tmp_path, "plan.txt", INLINE_LABELS)
    assert plan.kind == "division-plan"
    assert [i.id for i in plan.items] == ["1", "2", "3", "4"]  # numbered right through
    one, two, three, four = plan.items
    assert one.text == "落实解读“三同步”要求。"
    assert (
        one.assignees == ["党政办"] and one.assisting == ["各站所"] and one.deadline == "长期坚持"
    )
    assert two.assignees == ["党政办"] and two.deadline == "2024年12月"  # labels on their own lines
    assert three.section == "一、加强政策解读 （二）加强平台建设" and three.deadline is None
    assert four.section == "二、强化保障" and four.deadline == "2024年11月底前"


def test_numbering_restarting_under_each_heading_is_qualified(tmp_path):
    text = "某局2024年政务公开工作要点\n一、公开\n1.做好信息公开。\n2.做好解读。\n二、保障\n1.加强培训。\n"
    plan = _plan(tmp_path, "plan.txt", text)
    assert [i.id for i in plan.items] == ["一1", "一2", "二1"]
    assert plan.kind == "key-points"


def test_a_row_holding_only_a_group_title_is_a_heading(tmp_path):
    text = (
        "某局2024年政务公开工作分工方案\n\n| 工作任务 | 责任单位 | 完成时限 |\n|---|---|---|\n"
        "| 一、加强组织领导 | | |\n| 1.主要负责同志听取政务公开工作汇报 | 办公室 | 6月底前 |\n"
        "| 二、加强平台建设 | | |\n| 2.确保政府网站安全平稳运行 | 信息中心 | 长期 |\n\n- 2 -\n"
    )
    plan = _plan(tmp_path, "plan.md", text)
    assert [(i.id, i.section) for i in plan.items] == [
        ("1", "一、加强组织领导"),
        ("2", "二、加强平台建设"),
    ]
    assert [f.role for f in plan.unplaced if f.text == "- 2 -"] == ["chrome"]


PASTED_ROWS = (
    "某区人社局2024年政务公开工作分工\n\n"
    "序号\t工作任务\t责任单位\t完成时限\n"
    "1\t主要负责同志每年听取政务公开工作汇报\t办公室\t12月底前\n"
    "2\t建立政务公开重点任务台账，\n逐项推动落实\t办公室、规划科\t3月底前\n"
    "3\t开展政务公开业务培训\t人事科\t10月底前\n"
)


def test_rows_pasted_from_word_with_tabs_between_cells(tmp_path):
    plan = _plan(tmp_path, "plan.txt", PASTED_ROWS)
    assert plan.agency == "某区人社局" and plan.kind == "division-plan"
    assert [(i.id, i.assignees, i.deadline) for i in plan.items] == [
        ("1", ["办公室"], "12月底前"),
        ("2", ["办公室", "规划科"], "3月底前"),
        ("3", ["人事科"], "10月底前"),
    ]
    assert plan.items[1].text == "建立政务公开重点任务台账，逐项推动落实"  # a cell over two lines
    assert plan.items[2].loc.line == 7


def test_a_task_ledger_saved_as_csv(tmp_path):
    text = (
        "某区人社局2024年政务公开任务台账,,,\n序号,工作任务,责任单位,完成时限\n"
        '1,主要负责同志每年听取政务公开工作汇报,办公室,12月底前\n2,"开展业务培训，\n实现全员培训","人事科、办公室",10月\n'
    )
    path = tmp_path / "ledger.csv"
    path.write_bytes(text.encode("gb18030"))
    plan = parse(read_document(path))
    assert plan.format == "csv" and plan.agency == "某区人社局"
    assert [(i.id, i.assignees) for i in plan.items] == [
        ("1", ["办公室"]),
        ("2", ["人事科", "办公室"]),
    ]
    assert plan.items[1].loc.line == 4


def test_to_be_decided_is_a_placeholder_not_an_owner(tmp_path):
    text = (
        "某局2024年政务公开工作分工方案\n\n| 工作任务 | 责任单位 | 完成时限 |\n|---|---|---|\n"
        "| 1.建立政务公开重点任务台账 | 待定 | 3月底前 |\n| 2.开展政务公开业务培训 | / | |\n"
    )
    plan = _plan(tmp_path, "plan.md", text)
    assert [(i.assignees, i.placeholder) for i in plan.items] == [([], "待定"), ([], "/")]


def test_the_lead_is_the_owner(tmp_path, core_pack):
    from planlint.engine import check_file

    text = (
        "某局2024年政务公开工作分工方案\n\n| 工作任务 | 责任单位 | 完成时限 |\n|---|---|---|\n"
        "| 1.依法规范办理政府信息公开申请 | 法规科牵头，办公室、信息中心配合 | 长期 |\n"
    )
    path = tmp_path / "plan.md"
    path.write_text(text, encoding="utf-8")
    item = parse(read_document(path)).items[0]
    assert item.assignees == ["法规科", "办公室", "信息中心"]  # as listed in the cell
    assert item.leads == ["法规科"] and item.assisting == ["办公室", "信息中心"]
    verdict = next(
        v for v in check_file(path, [core_pack]).verdicts if v.rule.id == "on-request-disclosure"
    )
    assert verdict.status == "covered" and verdict.owners == ["法规科"]


def test_a_requirement_named_only_by_the_task_column_is_not_missing(tmp_path, core_pack):
    from planlint.engine import check_file

    text = (
        "某局2024年政务公开工作分工方案\n\n| 工作任务 | 具体要求 | 责任单位 | 完成时限 |\n|---|---|---|---|\n"
        "| 一、加强政务公开业务培训 | 每年组织不少于1次，实现全员覆盖 | 办公室 | 10月底前 |\n"
        "| 二、加强政策解读 | 落实“三同步”要求 | 法规科 | 长期 |\n"
    )
    path = tmp_path / "plan.md"
    path.write_text(text, encoding="utf-8")
    verdicts = {v.rule.id: v for v in check_file(path, [core_pack]).verdicts}
    training = verdicts["training"]
    # a task cell over one row is that row's own title: the item asks for what it names
    assert training.status == "covered" and training.items == ["r1"]
    assert training.hits[0].via == "text"
    assert verdicts["policy-interpretation"].hits[0].via == "text"
    assert verdicts["lookback"].status == "missing"


def test_a_task_group_over_several_rows_confirms_but_does_not_carry(tmp_path, core_pack):
    from planlint.engine import check_file

    text = (
        "某局2024年政务公开工作分工方案\n\n| 工作任务 | 具体要求 | 责任单位 | 完成时限 |\n"
        "|---|---|---|---|\n"
        "| 一、加强政策解读回应 | 公开政策文件，方便企业查阅 | 办公室 | 长期 |\n"
        "|  | 做好新闻发布会组织工作 | 宣传科 | 长期 |\n"
        "| 二、加强政务公开队伍建设 | 每年组织不少于1次业务培训 | 办公室 | 10月底前 |\n"
        "|  | 配齐配强工作人员 | 人事科 | 长期 |\n"
    )
    path = tmp_path / "plan.md"
    path.write_text(text, encoding="utf-8")
    plan = parse(read_document(path))
    assert [i.title for i in plan.items] == ["", "", "", ""]
    verdicts = {v.rule.id: v for v in check_file(path, [core_pack]).verdicts}
    assert verdicts["policy-interpretation"].status == "missing"
    training = verdicts["training"]
    assert training.status == "covered" and training.hits[0].via == "heading"


def test_a_closing_parenthesis_naming_units_assigns_the_item(tmp_path):
    text = (
        "某县2024年政务公开工作要点\n一、加强政策解读\n"
        "1.落实政策解读“三同步”制度，做好解读工作。（县司法局牵头，各乡镇配合）\n"
        "2.加强政务舆情回应。（2024年6月底前）\n"
        "3.完善政府信息公开指南（试行）\n"
    )
    plan = _plan(tmp_path, "plan.txt", text)
    one, two, three = plan.items
    assert one.text == "落实政策解读“三同步”制度，做好解读工作。"
    assert one.assignees == ["县司法局", "各乡镇"] and one.leads == ["县司法局"]
    assert one.assisting == ["各乡镇"] and one.owners == ["县司法局"]
    assert two.deadline == "2024年6月底前" and two.assignees == []
    assert three.text == "完善政府信息公开指南（试行）"  # not a unit, not a date: text
    assert plan.kind == "division-plan"


def test_a_two_row_header_splitting_the_responsibility_column(tmp_path):
    text = (
        "某局2024年政务公开工作分工方案\n\n"
        "| 序号 | 工作任务 | 责任分工 | 责任分工 | 完成时限 |\n|---|---|---|---|---|\n"
        "| | | 牵头单位 | 配合单位 | |\n"
        "| 1 | 主要负责同志听取政务公开工作汇报 | 办公室 | 各科室 | 6月底前 |\n"
    )
    plan = _plan(tmp_path, "plan.md", text)
    (item,) = plan.items
    assert item.assignees == ["办公室"] and item.leads == ["办公室"]
    assert item.assisting == ["各科室"] and item.deadline == "6月底前"


def test_a_web_table_copied_one_cell_a_line(tmp_path):
    text = (
        "某区教育局2024年政务公开工作任务分工\n序号\n工作任务\n责任单位\n完成时限\n"
        "1\n主要负责同志每年听取政务公开工作汇报\n办公室\n12月底前\n"
        "2\n开展政务公开业务培训\n人事科\n10月底前\n"
        "3\n确保政府网站安全平稳运行\n信息中心\n长期\n"
    )
    plan = _plan(tmp_path, "plan.txt", text)
    assert plan.kind == "division-plan" and plan.agency == "某区教育局"
    assert [(i.id, i.assignees, i.deadline) for i in plan.items] == [
        ("1", ["办公室"], "12月底前"),
        ("2", ["人事科"], "10月底前"),
        ("3", ["信息中心"], "长期"),
    ]


def test_numbered_items_of_one_cell_each_start_on_their_own_line(tmp_path):
    text = (
        "某局2024年政务公开工作分工方案\n\n\t工作任务\n\t具体要求\n\t责任科室\n\t完成时限\n\n"
        "\t一、加强解读\n\t1.落实解读“三同步”。\n\n2.加强政务舆情回应。\n\t办公室\n\t长期\n"
    )
    plan = _plan(tmp_path, "plan.txt", text)
    assert [(i.id, i.loc.line) for i in plan.items] == [("1", 9), ("2", 11)]


def test_a_numbered_closing_section_after_the_table_is_read(tmp_path, core_pack):
    from planlint.engine import check_file

    text = (
        "某局2024年政务公开工作分工方案\n\n| 序号 | 工作任务 | 责任单位 | 完成时限 |\n|---|---|---|---|\n"
        "| 1 | 开展政务公开业务培训 | 办公室 | 10月底前 |\n\n"
        "二、保障措施\n（一）加强组织领导。局主要负责同志每年至少听取一次政务公开工作汇报。\n"
        "注：本方案由办公室负责解释。\n"
    )
    path = tmp_path / "plan.md"
    path.write_text(text, encoding="utf-8")
    plan = parse(read_document(path))
    assert [i.id for i in plan.items] == ["1", "二(一)"]
    assert plan.items[1].section == "二、保障措施" and plan.items[1].assignees == []
    assert plan.items[1].text.endswith("工作汇报。")  # the note after it is not part of it
    assert [f.text for f in plan.unplaced if f.role == "note"] == ["注：本方案由办公室负责解释。"]
    assert plan.kind == "division-plan"
    verdicts = {v.rule.id: v.status for v in check_file(path, [core_pack]).verdicts}
    assert verdicts["leader-briefing"] == "unassigned"  # in the plan, but nobody owns it
    assert verdicts["training"] == "covered"


def test_labels_are_not_read_by_the_matcher(tmp_path):
    plan = _plan(tmp_path, "plan.txt", INLINE_LABELS)
    assert all("党政办" not in i.match_text and "责任单位" not in i.match_text for i in plan.items)
