"""Row recovery, the choice between readings, and honesty about doubtful readings.

Every plan here is our own text, in the shapes real dumps take.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from planlint.cli import app
from planlint.model import Cell, Location
from planlint.parse import parse
from planlint.parse.rows import MUST, NEVER, decode
from planlint.readers import read_document

ROLES = ["seq", "group", "req", "unit", "deadline"]


def cells(*texts: str) -> list[Cell]:
    return [Cell(t, Location(line=n + 1)) for n, t in enumerate(texts)]


def roles_of(rows):
    return [[(p.cell.text, p.role) for p in row.cells] for row in rows]


def test_decoder_places_cells_by_content_with_merged_and_missing_cells():
    stream = cells(
        "1",
        "一、加强政策解读",
        "做好重要政策解读，同步发布解读材料。",
        "办公室",
        "2024年6月底前",
        "2",  # group cell merged away
        "规范依申请公开办理，按时答复申请人。",
        "法规科",
        # deadline cell missing
        "3",
        "二、加强平台管理",
        "加强政府网站和政务新媒体日常监管。",
        "信息中心",
        "长期坚持",
    )
    rows = decode(stream, ROLES, [0.0] * len(stream))
    assert [r[0] for r in roles_of(rows)] == [("1", "seq"), ("2", "seq"), ("3", "seq")]
    assert roles_of(rows)[1] == [
        ("2", "seq"),
        ("规范依申请公开办理，按时答复申请人。", "req"),
        ("法规科", "unit"),
    ]


def test_decoder_leaves_out_an_extra_cell_and_page_chrome():
    stream = cells(
        "1", "做好政策解读，同步发布解读材料。", "办公室", "分享到：", "2024年6月底前", "2"
    )
    stream += cells("加强政务舆情回应工作。", "办公室", "长期坚持")
    rows = decode(stream, ROLES, [0.0] * len(stream))
    assert len(rows) == 2
    assert [c.text for c in rows[0].extra] == ["分享到："]
    assert rows[0].first("deadline").text == "2024年6月底前"


def test_decoder_obeys_known_row_boundaries():
    stream = cells("做好政策解读工作。", "办公室", "规范依申请公开办理。", "法规科")
    rows = decode(stream, ROLES, [MUST, NEVER, MUST, NEVER])
    assert [len(r.cells) for r in rows] == [2, 2]


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


ROWS = (
    "某局2024年政务公开工作分工方案\n"
    "序号 | 工作任务 | 责任单位 | 完成时限 |\n"
    "1 | 加强政策解读工作，做好重要政策发布解读。 | 办公室 | 2024年6月底前 |\n"
    "|\n"
    "2 | 规范编制发布政府信息公开工作年度报告。 | 法规科 | 2024年1月31日前 |\n"
    "|\n"
    "3 | 建立政务公开工作任务台账，逐项推进落实。 | 办公室、法规科 | 长期坚持 |\n"
)


def test_a_row_a_line_pipe_dump_is_read_as_rows_and_says_so(tmp_path):
    plan = parse(read_document(write(tmp_path, "rows.txt", ROWS)))
    assert [(i.id, i.assignees, i.deadline) for i in plan.items] == [
        ("1", ["办公室"], "2024年6月底前"),
        ("2", ["法规科"], "2024年1月31日前"),
        ("3", ["办公室", "法规科"], "长期坚持"),
    ]
    assert plan.reading.name == "rows"
    assert "cells" in plan.reading.beaten  # the cell-a-line reading was tried and lost
    assert plan.reading.confidence >= 0.9


def test_the_same_table_one_cell_a_line_with_bars_on_their_own_lines(tmp_path):
    lines = ["某局2024年政务公开工作分工方案", "工作任务", "|", "责任单位", "|", "完成时限", "|"]
    for task, unit, when in [
        ("加强政策解读工作，做好重要政策发布解读。", "办公室", "2024年6月底前"),
        ("规范编制发布政府信息公开工作年度报告。", "法规科", "2024年1月31日前"),
    ]:
        lines += [task, "|", unit, "|", when, "|"]
    plan = parse(read_document(write(tmp_path, "cells.txt", "\n".join(lines) + "\n")))
    assert plan.reading.name == "cells"
    assert [(i.assignees, i.deadline) for i in plan.items] == [
        (["办公室"], "2024年6月底前"),
        (["法规科"], "2024年1月31日前"),
    ]


def test_libreoffice_text_export_blank_lines_are_merged_cells(tmp_path):
    text = (
        "序号\n工作任务\n具体要求\n责任单位\n完成时限\n"
        "1\n一、强化政策解读\n做好政策文件与解读材料同步发布。\n办公室\n2024年6月底前\n"
        "2\n\n围绕群众关注事项开展多种形式解读。\n法规科\n信用科\n\n"
    )
    plan = parse(read_document(write(tmp_path, "lo.txt", text)))
    two = plan.items[1]
    assert two.assignees == ["法规科", "信用科"]  # one unit a line: one cell
    assert two.deadline == "2024年6月底前"  # the merged deadline of the row above
    assert two.section == "一、强化政策解读"


def test_lost_owners_are_a_reading_doubt_not_a_failed_plan(tmp_path):
    """Rows whose unit cells the reader could not attach (here: the unit cell stands after
    an unmapped 备注 cell, in a dump that dropped the empty cells): the report says the
    reading is doubtful, and does not fail the plan for owners it did not find."""
    tasks = [
        "加强政策解读工作，做好重要政策发布解读。",
        "规范编制发布政府信息公开工作年度报告。",
        "建立政务公开工作任务台账，逐项推进落实。",
        "局主要负责同志每年听取政务公开工作汇报。",
    ]
    lines = ["某局2024年政务公开工作分工方案", "工作任务", "责任单位", "完成时限"]
    for task in tasks:
        lines += [task, "全年", "办公室"]  # the owner written after the date
    path = write(tmp_path, "doubt.txt", "\n\n".join(lines) + "\n")
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json"])
    plan = json.loads(result.stdout)["plans"][0]
    assert [d["kind"] for d in plan["reading"]["doubts"]][:1] == ["owners-missing"]
    kinds = {(f["kind"], f["severity"]) for f in plan["findings"]}
    assert ("reading", "warning") in kinds
    assert ("unassigned", "error") not in kinds  # the reader's doubt is not the plan's fault
    messages = [f["message"] for f in plan["findings"] if f["kind"] == "reading"]
    assert "读取存疑" in messages[0]


def test_parse_names_the_reading_it_chose(tmp_path):
    path = str(write(tmp_path, "rows.txt", ROWS))
    result = CliRunner().invoke(app, ["parse", path])
    assert result.exit_code == 0
    text = "".join(result.stdout.split())  # the panel wraps the line
    assert "读取方式：竖线分隔、一行一列" in text and "高于竖线结尾、一格一行" in text
    english = CliRunner().invoke(app, ["parse", path, "--lang", "en"])
    assert "read as rows of bar-separated cells" in " ".join(english.stdout.split())


def test_a_document_flattened_onto_one_line_splits_at_its_numbering(tmp_path):
    text = (
        "某区2024年政务公开工作要点 一、总体要求 全面推进政务公开。 二、重点任务 "
        "(一)强化重点领域信息公开 1、数字经济领域。开设专题集中公开政策规划和工作动态。"
        "(责任单位:区政府办公室、区发改委) 2、营商环境领域。及时公开惠企政策。"
        "(牵头单位:区商务局;责任单位:区市场监管局)"
    )
    plan = parse(read_document(write(tmp_path, "one-line.txt", text)))
    by_text = {i.text[:4]: i for i in plan.items}
    assert by_text["数字经济"].assignees == ["区政府办公室", "区发改委"]
    two = by_text["营商环境"]
    assert two.assignees == ["区商务局", "区市场监管局"] and two.leads == ["区商务局"]


def test_owners_in_brackets_inside_an_item_add_up(tmp_path):
    text = (
        "某部2024年政务公开工作安排\n一、强化重点信息公开\n"
        "1.污染防治信息。持续公开空气质量（大气司、监测司），按月公开水质状况（水司）。\n"
        "2.执法信息。公开行政处罚结果（执法局）。\n"
    )
    plan = parse(read_document(write(tmp_path, "brackets.txt", text)))
    assert set(plan.items[0].assignees) == {"大气司", "监测司", "水司"}
    assert "大气司" not in plan.items[0].match_text


def test_a_notice_with_unnumbered_requirement_paragraphs(tmp_path):
    text = (
        "关于做好2024年政务公开工作的通知\n各科室、局属各单位：\n"
        "为做好今年政务公开工作，现将有关事项通知如下，请认真贯彻执行。\n"
        "加强政策解读工作，各科室起草政策文件时同步起草解读材料，做到同步审签、同步发布。\n"
        "规范编制政府信息公开工作年度报告，确保数据准确、内容完整，按时向社会公开。\n"
        "某某县某某局\n2024年3月1日\n"
    )
    plan = parse(read_document(write(tmp_path, "notice.txt", text)))
    assert [i.id for i in plan.items] == ["r1", "r2"]
    roles = {f.text[:4]: f.role for f in plan.unplaced}
    assert "各科室、" in roles and "2024" in roles


def test_hard_wrapped_numbered_prose_joins_its_lines(tmp_path):
    text = (
        "某镇2024年政务公开重点工作任务分工\n一、加强政策解读\n"
        "1.镇政府出台涉及群众切身利益的政策措施时，同步发布政策解读材料，解读材料做到\n"
        "通俗易懂、图文并茂。（责任单位：党政办公室；完成时限：2024 年 12 月底前）\n"
        "2.围绕惠农补贴发放、农村人居环境整治等群众关注事项，及时做好政策解读和舆情回\n"
        "应工作。（责任单位：农业服务中心；完成时限：长期坚持）\n"
    )
    plan = parse(read_document(write(tmp_path, "wrapped.txt", text)))
    assert [(i.id, i.assignees) for i in plan.items] == [
        ("1", ["党政办公室"]),
        ("2", ["农业服务中心"]),
    ]
    assert plan.items[1].text.startswith("围绕惠农补贴") and "舆情回应工作" in plan.items[1].text


def test_a_row_whose_cells_fit_badly_is_a_reading_doubt(tmp_path):
    from planlint.parse.judge import judge
    from planlint.parse.tables import TableReading

    plan = parse(read_document(write(tmp_path, "rows.txt", ROWS)))
    clean = judge(plan, [TableReading(None)], [])
    assert not [d for d in clean.doubts if d.kind == "misaligned-row"]
    where = plan.items[1].loc
    doubtful = judge(plan, [TableReading(None, 3.0, [where])], [])
    assert [(d.kind, d.loc) for d in doubtful.doubts] == [("misaligned-row", where)]


def test_numbered_rows_under_a_header_without_a_number_column(tmp_path):
    """The header names no 序号 column, the rows are numbered between group and task: the
    numbers are ids, and the group cells stay headings."""
    lines = ["工作任务", "|", "具体要求", "|", "责任科室", "|", "时限要求", "|"]
    rows = [
        ("规范政策文件公开", "1", "对行政规范性文件进行全面清理并公布目录。", "办公室", "年底前"),
        ("深化政策解读", "2", "积极做好政策解读工作，丰富解读形式。", "各科室", "持续推进"),
        (
            "做好基础工作",
            "3",
            "严格规范政府信息公开专栏，及时发布法定主动公开内容。",
            "各科室",
            "持续推进",
        ),
    ]
    for row in rows:
        for cell in row:
            lines += [cell, "|"]
    plan = parse(read_document(write(tmp_path, "numbered.txt", "\n".join(lines) + "\n")))
    assert [(i.id, i.section, i.assignees) for i in plan.items] == [
        ("1", "规范政策文件公开", ["办公室"]),
        ("2", "深化政策解读", ["各科室"]),
        ("3", "做好基础工作", ["各科室"]),
    ]


def test_labels_separated_by_a_comma_stay_apart(tmp_path):
    text = (
        "某厅2024年政务公开工作要点\n一、深化重点领域公开\n"
        "(一)做好就业政策公开解读。(牵头单位:办公室、规财处,责任单位:就业处、社保处)\n"
    )
    item = parse(read_document(write(tmp_path, "labels.txt", text))).items[0]
    assert item.assignees == ["办公室", "规财处", "就业处", "社保处"]
    assert item.leads == ["办公室", "规财处"]
