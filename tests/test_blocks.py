"""Tables read from ``pdftotext`` without ``-layout`` (readers/blocks.py).

The fixtures in ``tests/fixtures/blocks/`` are invented tables written by ``make_blocks.py``
as .docx, turned into PDF by LibreOffice and into text by pdftotext in its default mode: a
narrow table of 30 rows over two pages (columns dumped one after another, page by page, the
header not repeated), and a table whose task-group column is merged over two rows each.
"""

from __future__ import annotations

from pathlib import Path

from planlint.parse import parse
from planlint.readers import read_document
from planlint.readers.blocks import block_readings
from planlint.readers.text import read_text
from planlint.textnorm import normalize

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "blocks"

TASKS = ["组织开展政务公开", "编制发布年度报告", "做好网站日常维护", "建立任务台账", "开展回头看"]
UNITS = [["办公室"], ["法规科"], ["信息中心"], ["人事科", "督导科"], ["登记注册科"], ["财务科"]]
DEADLINES = ["2025年6月30日", "长期坚持", "2025年12月底前", "每季度", "2025年3月31日前"]


def _read(name: str):
    plan = parse(read_document(FIXTURES / name))
    assert plan.reading is not None and plan.reading.name == "pdftotext-blocks"
    return plan


def test_narrow_table_over_two_pages():
    plan = _read("narrow.pdftotext.txt")
    assert [item.id for item in plan.items] == [str(i + 1) for i in range(30)]
    for i, item in enumerate(plan.items):
        assert normalize(item.text).startswith(TASKS[i % 5]), item.id
        assert item.assignees == UNITS[i % 6], item.id
        assert normalize(item.deadline or "") == DEADLINES[i % 5], item.id


def test_merged_group_column():
    plan = _read("grouped.pdftotext.txt")
    assert [item.id for item in plan.items] == ["1", "2", "3", "4", "5", "6"]
    units = [["办公室"], ["社保科", "医保科"], ["法规科"], ["信息中心"], ["办公室"], ["人事科"]]
    assert [item.assignees for item in plan.items] == units
    deadlines = [normalize(item.deadline or "") for item in plan.items]
    assert deadlines[0] == "2025年9月30日前" and deadlines[3] == "每月"
    sections = [item.section for item in plan.items]
    assert "加强政策解读" in sections[1] and "规范依申请公开" in sections[3]


def test_dump_one_cell_a_line_is_not_this_shape():
    """LibreOffice's text export writes each cell whole on a line: nothing wrapped at a
    column's width, so no reading of blocks is offered."""
    rows = [
        f"{i + 1}\n{TASKS[i % 5]}，结合工作实际认真抓好落实并按要求报送工作情况。\n办公室\n长期坚持"
        for i in range(8)
    ]
    text = "序号\n工作任务\n责任单位\n完成时限\n" + "\n".join(rows)
    assert block_readings(text.split("\n")) == []


def test_a_lost_task_line_costs_its_row_at_most():
    """A task line lost from the dump moves no owner or deadline: those columns are laid out
    by their own order. (A lost owner or date line, in a dump written column after column,
    does shift the rest of its page: the text says nothing of where a cell stands.)"""
    lines = (FIXTURES / "narrow.pdftotext.txt").read_text(encoding="utf-8").split("\n")
    lost = next(i for i, line in enumerate(lines) if "编制发布" in line)
    text = "\n".join(lines[:lost] + lines[lost + 1 :])
    plan = parse(read_text(text.encode("utf-8"), "damaged.txt"))
    assert len(plan.items) == 30
    for i, item in enumerate(plan.items):
        assert item.assignees == UNITS[i % 6], item.id
        assert normalize(item.deadline or "") == DEADLINES[i % 5], item.id


def _doubts(path: Path) -> tuple[float, set[str]]:
    plan = parse(read_document(path))
    assert plan.reading is not None
    return plan.reading.confidence, {d.kind for d in plan.reading.doubts}


def test_lead_and_assisting_columns_are_flagged_not_guessed():
    """Two unit columns the text cannot tell apart: the reading says it joined them."""
    confidence, kinds = _doubts(FIXTURES / "lead-assist.pdftotext.txt")
    assert "unit-columns-joined" in kinds and confidence < 1


LEDGER = Path(__file__).resolve().parent / "fixtures" / "tools" / "ledger"


def test_writer_ledger_out_of_order_is_flagged():
    """ledger-table.lo.pdftotext.txt (a strict xfail in test_tool_outputs): row 6's second
    task line comes after rows 7-8, and number 8 before 7; the kept reading must say its rows
    may be wrong, not report a confident misreading."""
    confidence, kinds = _doubts(LEDGER / "ledger-table.lo.pdftotext.txt")
    assert {"blocks-out-of-order", "unit-columns-joined"} <= kinds and confidence < 1


def test_calc_ledger_is_flagged():
    """ledger.lo.pdftotext.txt (a strict xfail in test_tool_outputs): whichever reading is
    kept, it is flagged as uncertain, as a reading finding."""
    from planlint.checks.reading import check_plan

    plan = parse(read_document(LEDGER / "ledger.lo.pdftotext.txt"))
    assert plan.reading is not None and plan.reading.confidence < 1
    assert any(f.kind == "reading" for f in check_plan(plan))


def test_sound_block_readings_carry_no_guess():
    """The doubts are for guesses only: the two fixtures read right carry none."""
    for name in ("narrow.pdftotext.txt", "grouped.pdftotext.txt"):
        confidence, kinds = _doubts(FIXTURES / name)
        assert confidence == 1.0 and not kinds, name
