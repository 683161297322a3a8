"""pdftotext's default mode on a Calc PDF: cells centred vertically (readers/blocks.py).

``tests/fixtures/passes/grouped.lo.pdftotext.txt`` was made by ``make_passes.py``: an invented
sheet through LibreOffice Calc and ``pdftotext`` without options. Calc centres every cell in
its rows, so a running number stands between its row's task lines, a lead merged over rows 4-5
beside row 5's first line, one merged over rows 6-8 on row 7, and a one-line task's unit right
after its line. The task groups and leads go to the rows they cover; the 配合单位 column,
written apart with 6 cells for 8 rows, is laid in order and said to be unsure.
"""

from __future__ import annotations

from pathlib import Path

from planlint.parse import parse
from planlint.readers import read_document
from planlint.textnorm import normalize

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "passes" / "grouped.lo.pdftotext.txt"

LEADS = ["社保科", "办公室", "办公室", "法规科", "法规科", "人事科", "人事科", "人事科"]
DEADLINES = ["2025年6月30日", "长期坚持", "每年", "收到申请后20个工作日内", "2025年1月31日前"]
DEADLINES += ["2025年9月30日", "2025年12月底前", "每月"]
SECTIONS = ["一、强化政策解读"] * 3 + ["二、规范依申请公开"] * 2 + ["三、强化工作保障"] * 3


def test_centred_cells_go_to_the_rows_they_cover():
    plan = parse(read_document(FIXTURE))
    assert plan.reading is not None and plan.reading.name == "pdftotext-blocks"
    assert [i.id for i in plan.items] == [str(k) for k in range(1, 9)]
    assert [i.assignees for i in plan.items] == [[u] for u in LEADS]
    assert [normalize(i.deadline or "") for i in plan.items] == DEADLINES
    assert [normalize(i.section) for i in plan.items] == SECTIONS
    assert normalize(plan.items[1].text) == "做好政策解读。"


def test_an_assisting_column_short_of_rows_is_a_doubt_not_a_certainty():
    plan = parse(read_document(FIXTURE))
    assert plan.items[0].assisting == ["医保科", "办公室"]
    kinds = {d.kind for d in plan.reading.doubts}
    assert "blocks-spread" in kinds and plan.reading.confidence < 1
