"""The ledger through pdftotext (default mode and ``-raw``), from Writer's PDF and from Calc's:
what the text can tell is read right, and what it cannot is said, not guessed.

tests/test_tool_outputs.py holds the whole comparison (three of these four are strict xfails
there, for what no reading of the text can know); this file pins what each reading does get
right, so that it cannot slip behind a known gap.
"""

from __future__ import annotations

import json
from pathlib import Path

from planlint.parse import parse
from planlint.readers import read_document
from planlint.readers.blocks import block_readings
from planlint.textnorm import normalize

LEDGER = Path(__file__).resolve().parent / "fixtures" / "tools" / "ledger"
ITEMS = json.loads((LEDGER / "expected.json").read_text(encoding="utf-8"))["items"]


def _plan(name: str):
    plan = parse(read_document(LEDGER / name))
    assert plan.reading is not None
    return plan


def _units(names) -> set[str]:
    return {normalize(n) for n in names}


def _kinds(plan) -> set[str]:
    return {d.kind for d in plan.reading.doubts}


def test_calc_blocks_centred_merged_cells_cover_their_rows():
    """Calc centres cells: the 办公室 merged over rows 6-8 stands on row 7's middle, rows 6
    and 8 show none; the heading 二、 of rows 3-5 stands on row 4. Both cover their rows. The
    配合单位 column, written apart, is read as assisting units, not joined to the leads."""
    plan = _plan("ledger.lo.pdftotext.txt")
    assert plan.reading.name == "pdftotext-blocks"
    assert [i.id for i in plan.items] == [w["id"] for w in ITEMS]
    for want, item in zip(ITEMS, plan.items, strict=True):
        assert normalize(item.text).startswith(normalize(want["text"])), item.id
        assert _units(item.assignees) == _units(want["assignees"]), item.id
        assert normalize(item.deadline or "") == normalize(want["deadline"]), item.id
    for want, item in zip(ITEMS[:5], plan.items[:5], strict=True):
        assert _units(item.assisting) == _units(want["assisting"]), item.id
    sections = [normalize(i.section) for i in plan.items]
    assert sections[2] == "二、政府信息公开" and sections[5] == "三、工作保障"


def test_calc_blocks_a_column_apart_short_of_rows_is_a_doubt():
    """配合单位 has 7 cells for 8 rows and the text does not show which row is blank (row 6):
    the reading lays them in order and says so."""
    plan = _plan("ledger.lo.pdftotext.txt")
    assert "blocks-spread" in _kinds(plan) and plan.reading.confidence < 1
    assert "unit-columns-joined" not in _kinds(plan)


def test_writer_blocks_wrapped_column_name_is_the_headers():
    """序 / 号 (the number column's name wrapped in a narrow column) stands apart, with the
    other names between: it is the header's, not the first task's text."""
    plan = _plan("ledger-table.lo.pdftotext.txt")
    assert normalize(plan.items[0].text).startswith(normalize(ITEMS[0]["text"]))
    assert {"blocks-out-of-order", "unit-columns-joined"} <= _kinds(plan)


def test_blocks_agreeing_counts_make_the_reading_sure_of_its_shape():
    """Running numbers 1..8 and eight task cells found apart from them: the blocks reading
    carries a prior, so a reading that cuts every line into an item does not outscore it."""
    lines = (LEDGER / "ledger.lo.pdftotext.txt").read_text(encoding="utf-8").split("\n")
    (reading,) = block_readings(lines)
    assert reading.prior > 0


def test_writer_raw_unit_list_before_a_date_stays_whole():
    """基础教育科、办公 / 室 then 2025 年 6 月 30 / 日: the date is a cell of its own, not the
    unit list's tail."""
    plan = _plan("ledger-table.lo.pdftotext-raw.txt")
    first = plan.items[0]
    assert _units(first.assisting) == {"基础教育科", "办公室"}
    assert normalize(first.deadline or "") == "2025年6月30日"
    for want, item in zip(ITEMS[:6], plan.items[:6], strict=True):
        assert _units(item.assignees) == _units(want["assignees"]), item.id
        assert _units(item.assisting) == _units(want["assisting"]), item.id
        assert normalize(item.deadline or "") == normalize(want["deadline"]), item.id


def test_writer_raw_lone_units_are_doubts():
    """Rows 6-8 show one unit each, Writer's cells are top-aligned and -raw keeps no trace of
    an empty cell: merged lead or blank assisting, the text cannot tell. Each is a doubt."""
    plan = _plan("ledger-table.lo.pdftotext-raw.txt")
    unsure = [d for d in plan.reading.doubts if d.kind == "unit-column-unsure"]
    assert len(unsure) == 3 and plan.reading.confidence < 1
