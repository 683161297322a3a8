"""Spreadsheet PDFs through ``pdftotext -raw``: plain cells first, wrapped cells after
(readers/passes.py).

``tests/fixtures/passes/grouped.lo.pdftotext-raw.txt`` was made by ``make_passes.py`` from an
invented sheet: openpyxl, LibreOffice Calc to PDF, ``pdftotext -raw``. Its task groups are
merged down, its lead unit is merged over rows 4-5 and 6-8, two assisting cells are blank, and
one task is a single plain line. The ledger's Calc PDF (tests/fixtures/tools/ledger) is the
other real sample.
"""

from __future__ import annotations

from pathlib import Path

from planlint.parse import parse
from planlint.readers import read_document
from planlint.readers.passes import pass_readings
from planlint.readers.text import read_text
from planlint.textnorm import normalize

ROOT = Path(__file__).resolve().parent
GROUPED = ROOT / "fixtures" / "passes" / "grouped.lo.pdftotext-raw.txt"
LEDGER = ROOT / "fixtures" / "tools" / "ledger"

# id: (text starts, lead, assisting, deadline); row 8 is checked apart (see below)
WANT = {
    "1": ("围绕社保缴费", ["社保科"], ["医保科", "办公室"], "2025年6月30日"),
    "2": ("做好政策解读。", ["办公室"], [], "长期坚持"),
    "3": ("主要负责同志", ["办公室"], ["法规科"], "每年"),
    "4": ("规范依申请公开", ["法规科"], ["办公室"], "收到申请后20个工作日内"),
    "5": ("编制发布年度", ["法规科"], ["各科室"], "2025年1月31日前"),
    "6": ("组织开展全员", ["人事科"], [], "2025年9月30日"),
    "7": ("建立政务公开", ["人事科"], ["督导科"], "2025年12月底前"),
}


def _plan(path: Path):
    plan = parse(read_document(path))
    assert plan.reading is not None and plan.reading.name == "spreadsheet-passes"
    return plan


def test_two_passes_rebuild_the_rows():
    plan = _plan(GROUPED)
    assert [i.id for i in plan.items] == [str(k) for k in range(1, 9)]
    for item in plan.items[:7]:
        text, lead, assisting, deadline = WANT[item.id]
        assert normalize(item.text).startswith(text), item.id
        assert (item.assignees, item.assisting) == (lead, assisting), item.id
        assert normalize(item.deadline or "") == deadline, item.id
    sections = [normalize(i.section) for i in plan.items]
    assert sections[0] == "一、强化政策解读" and sections[4] == "二、规范依申请公开"
    assert sections[7] == "三、强化工作保障"
    assert plan.title == "某县医疗保障局2025年政务公开工作任务台账"


def test_a_lone_unit_where_nothing_tells_its_column_is_a_doubt():
    """Row 2 (办公室, 配合单位 blank) and row 8 (信息中心 under a lead merged from row 6, or
    its own lead?) show one unit, and nothing in the text says which column it stands in:
    the reading says so. Rows 5 and 7 are sure: the cell above them stands apart from its
    row's number, so it is merged over (at least) the next row, whose unit is the assisting
    one."""
    plan = _plan(GROUPED)
    unsure = {d.loc.line for d in plan.reading.doubts if d.kind == "unit-column-unsure"}
    lines = GROUPED.read_text(encoding="utf-8").split("\n")
    rows = {lines[n - 1].split()[0] for n in unsure}
    assert rows == {"2", "8"}
    assert plan.reading.confidence < 1


def test_calc_ledger_reads_like_its_source_and_sure():
    """Merged 牵头单位 over rows 6-8 stands on one line with the merged group heading 三、: it
    covers the group's rows, so rows 7-8's units are the assisting ones; nothing is unsure."""
    plan = _plan(LEDGER / "ledger.lo.pdftotext-raw.txt")
    assert [(i.assignees, i.assisting) for i in plan.items[5:]] == [
        (["办公室"], []),
        (["办公室"], ["人事科"]),
        (["办公室"], ["人事科", "督导科"]),
    ]
    assert plan.reading.confidence == 1.0 and not plan.reading.doubts


def test_pages_are_drawn_each_in_two_passes():
    """long: the eight rows five times over, on two pages, the header printed again on the
    second. Each page has its own two runs; a lead merged over rows 30-32 is printed again at
    the top of the second page, so it covers no row past the page break. Every row reads as
    in grouped; the rows that hold a lone unit under a merged lead of unknown reach (8, 16 …)
    are doubts."""
    path = GROUPED.with_name("long.lo.pdftotext-raw.txt")
    plan = _plan(path)
    assert [i.id for i in plan.items] == [str(k) for k in range(1, 41)]
    for k, item in enumerate(plan.items):
        if k % 8 == 7:
            continue
        text, lead, assisting, deadline = WANT[str(k % 8 + 1)]
        assert normalize(item.text).startswith(text), item.id
        assert (item.assignees, item.assisting) == (lead, assisting), item.id
        assert normalize(item.deadline or "") == deadline, item.id
    lines = path.read_text(encoding="utf-8").split("\n")
    unsure = {
        int(lines[d.loc.line - 1].split()[0])
        for d in plan.reading.doubts
        if d.kind == "unit-column-unsure"
    }
    assert {8, 16, 24, 32, 40} <= unsure


def test_only_two_pass_dumps_are_read_this_way():
    """A word processor's PDF through -raw (rows a line, tasks among them), the default
    mode's blocks, a dump one cell a line: no numbered rows of plain cells then wrapped text."""
    for path in (
        LEDGER / "ledger-table.lo.pdftotext-raw.txt",
        LEDGER / "ledger.lo.pdftotext.txt",
        LEDGER / "ledger-table.lo.txt",
        ROOT / "fixtures" / "blocks" / "narrow.pdftotext.txt",
    ):
        lines = path.read_text(encoding="utf-8-sig").split("\n")
        assert pass_readings(lines) == [], path.name


def test_one_damaged_line_costs_few_rows():
    """Deleting, duplicating or splitting one line of the body never loses the reading, and
    costs at most the rows next to it (a row's cells stand far apart in this dump: its
    plain cells above, its wrapped ones below)."""
    lines = GROUPED.read_text(encoding="utf-8").split("\n")
    pristine = _keys(lines)
    for k in range(1, len(lines)):  # the header is every row's
        variants = [lines[:k] + lines[k + 1 :], lines[: k + 1] + lines[k:]]
        if len(lines[k]) > 1:
            cut = len(lines[k]) // 2
            variants.append([*lines[:k], lines[k][:cut], lines[k][cut:], *lines[k + 1 :]])
        for damaged in variants:
            got = _keys(damaged)
            lost = [i for i, key in pristine.items() if got.get(i) != key]
            assert len(got) >= 7 and len(lost) <= 4, (k + 1, lost)


def _keys(lines: list[str]) -> dict[str, tuple]:
    plan = parse(read_text("\n".join(lines).encode("utf-8"), "damaged.txt"))
    return {
        i.id: (normalize(i.text)[:8], tuple(i.assignees), tuple(i.assisting), i.deadline)
        for i in plan.items
    }
