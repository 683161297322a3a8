"""Word tables printed over several pages, read from ``pdftotext -layout`` and from the PDF
(issue 6): python-docx tables in the default style (no borders, top-aligned cells) printed by
LibreOffice. The files are under tests/fixtures/pages/ (see its README); with the tools
installed they are also made afresh into tmp_path and read the same.

Two things a page break does to such a table:

- a row goes on at the top of the next page, and Writer's cell padding puts a blank line
  between its rest and the next row: the rest belongs to the row (``tall-cells``);
- a page shows a task group's name on one line only, three spaces from the row's number, so
  the page's own lines show one column fewer than the table has; the row still starts at its
  number and the group is its own cell (``short-last-page``, on the middle pages and on a
  last page of four rows);
- a last page of one row with no group: pdftotext squeezes the empty column out of the page,
  and the row is still read into the table's columns (``one-row-last-page``).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from damage_support import damage_lines
from planlint.parse import parse
from planlint.readers import read_document
from planlint.readers.layout import find_tables

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
STEMS = ["tall-cells", "short-last-page", "one-row-last-page"]
NOTE = "注：各责任单位于每季度末报送工作进展情况。"


def squash(text: str) -> str:
    return "".join(text.split())


def source_rows(stem: str, folder: Path = PAGES) -> list[list[str]]:
    return json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))["rows"]


def check_plan(path: Path, rows: list[list[str]]) -> None:
    """Every row is an item with its whole task, its units, deadline and task group, and no
    text of the table is left over."""
    plan = parse(read_document(path))
    assert [i.id for i in plan.items] == [r[0] for r in rows]
    assert [squash(i.text) for i in plan.items] == [squash(r[2]) for r in rows]
    assert ["".join(i.assignees) for i in plan.items] == [r[3].replace("、", "") for r in rows]
    assert [squash(i.deadline or "") for i in plan.items] == [squash(r[4]) for r in rows]
    groups, group = [], ""
    for r in rows:
        group = r[1] or group
        groups.append(group)
    assert [squash(i.section or "") for i in plan.items] == groups
    left = [squash(u.text) for u in plan.unplaced if u.role != "preamble"]
    assert left in ([], [NOTE]), left


@pytest.mark.parametrize("stem", STEMS)
def test_pdftotext_layout_reads_every_row_whole(stem):
    check_plan(PAGES / f"{stem}.lo.pdftotext-layout.txt", source_rows(stem))


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_reads_every_row_whole(stem):
    """The PDF reader lays the pages out as pdftotext does: the same rows come out."""
    pytest.importorskip("pypdfium2")
    check_plan(PAGES / f"{stem}.lo.pdf", source_rows(stem))


def test_row_going_on_after_a_page_break_and_a_blank_line():
    """The rest of a row at the top of a page, a blank line below it, is the row's: one
    table over every page, each task cell whole, nothing skipped but furniture."""
    lines = (PAGES / "tall-cells.lo.pdftotext-layout.txt").read_text(encoding="utf-8").split("\n")
    rows = source_rows("tall-cells")
    spans = find_tables(lines)
    assert len(spans) == 1
    span = spans[0]
    body = span.table.rows[1:]
    assert [squash(r[2].text) for r in body] == [squash(r[2]) for r in rows]
    assert span.skipped == ()
    # row 14 goes on at the top of page 3: its cell keeps the file's line breaks
    cell = body[13][2]
    top = next(i for i, line in enumerate(lines) if line.startswith("\f") and i > cell.loc.line)
    assert cell.file_lines
    parts = cell.text.split("\n")
    assert parts[top - (cell.loc.line - 1)] == lines[top].strip("\f ")
    assert not lines[cell.loc.line - 1 + len(parts)].strip()  # the blank line after it


def test_running_head_above_a_row_going_on_is_no_part_of_it():
    """A running head at the top of each page, a blank line below it, then the rest of the
    row: the rest is the row's, the head no cell's."""
    head = "市场监管局"
    lines = []
    for line in (PAGES / "tall-cells.lo.pdftotext-layout.txt").read_text("utf-8").split("\n"):
        if line.startswith("\f") and line.strip("\f"):
            lines += [f"\f{head}", "", line[1:]]
        else:
            lines.append(line)
    rows = source_rows("tall-cells")
    spans = find_tables(lines)
    assert len(spans) == 1
    body = spans[0].table.rows[1:]
    assert [squash(r[2].text) for r in body] == [squash(r[2]) for r in rows]
    assert all(head not in c.text for r in spans[0].table.rows for c in r)


def test_group_set_once_on_a_page_is_its_own_column():
    """A page whose group column holds one line is read with the table's five columns: the
    row starts at its number and the group is its own cell, on a middle page and on the last
    page of four rows."""
    text = (PAGES / "short-last-page.lo.pdftotext-layout.txt").read_text(encoding="utf-8")
    rows = source_rows("short-last-page")
    spans = find_tables(text.split("\n"))
    assert len(spans) == 1
    body = spans[0].table.rows[1:]
    assert all(len(r) == 5 for r in body)
    assert [[squash(c.text) for c in r[:2]] for r in body] == [r[:2] for r in rows]
    last_page = text.split("\f")[-2]  # pdftotext ends every page with a form feed
    assert "51     一、平台建设" in last_page and rows[50][1] == "一、平台建设"


def test_one_row_page_with_its_empty_column_squeezed_out():
    """The last page's one row shows four runs at other positions than the pages before:
    the column it leaves out is the one the table leaves empty most often (the groups)."""
    text = (PAGES / "one-row-last-page.lo.pdftotext-layout.txt").read_text(encoding="utf-8")
    rows = source_rows("one-row-last-page")
    last_page = text.split("\f")[-2]
    assert last_page.startswith("43  ") and "财政科" in last_page
    spans = find_tables(text.split("\n"))
    assert len(spans) == 1
    assert [squash(c.text) for c in spans[0].table.rows[-1]] == [squash(v) for v in rows[-1]]


# a table reaching the end of its page, and another with fewer columns on the next page
_FIRST_PAGE = [
    "序号      工作任务          具体要求                责任单位      完成时限",
    "",
    *(
        f"{n}         {group:<8}加强政策解读工作，做好    县政府办公室  2025年6月底前\n"
        "                            政策发布解读。"
        for n, group in [(1, "一、组织领导"), (2, ""), (3, ""), (4, ""), (5, "")]
    ),
]


@pytest.mark.parametrize(
    "top",
    [
        ["\f序号    工作任务                  责任单位    完成时限"],
        [],
    ],
    ids=["with a header", "numbered afresh"],
)
def test_new_table_with_fewer_columns_on_the_next_page_stays_apart(top):
    """A page that starts another table (its own header, or numbers starting again at 1) is
    not read into the columns of the table before, even with a column fewer."""
    lines = [x for row in _FIRST_PAGE for x in row.split("\n")]
    rows = [f"{n}       做好依申请公开工作        县司法局    长期坚持" for n in (1, 2, 3)]
    if not top:
        rows[0] = "\f" + rows[0]
    lines += [*top, *rows, ""]
    spans = find_tables(lines)
    assert len(spans) == 2, [(s.start, s.end) for s in spans]
    assert len(spans[0].table.rows[0]) == 5 and len(spans[1].table.rows[0]) == 4


def _tools() -> bool:
    return bool(shutil.which("soffice") and shutil.which("pdftotext"))


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    """The plans made afresh with the installed tools."""
    if not _tools():
        pytest.skip("LibreOffice or pdftotext is not installed")
    pytest.importorskip("docx")
    sys.path.insert(0, str(PAGES))
    try:
        import make_fixtures
    finally:
        sys.path.remove(str(PAGES))
    out = tmp_path_factory.mktemp("pages")
    for stem, (count, groups) in make_fixtures.PLANS.items():
        make_fixtures.make(stem, count, groups, out)
    return out


@pytest.mark.parametrize("stem", STEMS)
def test_fresh_outputs_read_the_same(fresh, stem):
    """What the installed tools write now reads to the same rows (the fixtures are no
    lucky layout of one tool version)."""
    rows = source_rows(stem, fresh)
    check_plan(fresh / f"{stem}.lo.pdftotext-layout.txt", rows)
    check_plan(fresh / f"{stem}.lo.pdf", rows)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_damaged_pages_never_raise(data):
    """Cut, emptied or barred lines of these outputs cost rows at most, never an error."""
    stem = data.draw(st.sampled_from(STEMS))
    lines = (PAGES / f"{stem}.lo.pdftotext-layout.txt").read_text(encoding="utf-8").split("\n")
    lines = damage_lines(data, lines, "   ")
    for span in find_tables(lines):
        assert 0 <= span.start < span.end <= len(lines)
