"""Tables as ``pdftotext -raw`` writes them: several cells a line, a single space apart.

The files in ``tests/fixtures/spaced/`` were made by the real tools from our own invented
tables (``make_spaced.py``): .docx, LibreOffice's PDF, ``pdftotext -raw``. Each must read to the
items of its source, or say where it cannot tell.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from planlint.model import CellStream
from planlint.parse import parse
from planlint.readers import read_document
from planlint.readers.spaced import spaced_cells

ROOT = Path(__file__).resolve().parent.parent
SPACED = ROOT / "tests" / "fixtures" / "spaced"
_SKIP = re.compile(r"[\s\"'“”‘’]+")


def norm(text: str | None) -> str | None:
    return None if text is None else _SKIP.sub("", unicodedata.normalize("NFKC", text))


def _expected(stem: str) -> list[dict]:
    return json.loads((SPACED / f"{stem}.json").read_text(encoding="utf-8"))


def _pieces(text: str) -> list[str]:
    blocks = spaced_cells(text.split("\n"))
    assert blocks is not None
    stream = next(b for b in blocks if isinstance(b, CellStream))
    return [c.text for c in stream.cells]


def _compare(plan, expected: list[dict], skip_assisting: set[str] = frozenset()) -> list[str]:
    problems = []
    assert len(plan.items) == len(expected), [i.id for i in plan.items]
    for want, have in zip(expected, plan.items, strict=True):
        if have.id != want["id"]:
            problems.append(f"{want['id']}: id {have.id}")
        if not norm(have.text).startswith(norm(want["text"])):
            problems.append(f"{want['id']}: text {have.text[:20]}")
        if {norm(u) for u in have.assignees} != {norm(u) for u in want["assignees"]}:
            problems.append(f"{want['id']}: units {have.assignees}")
        checked = "assisting" in want and want["id"] not in skip_assisting
        if checked and {norm(u) for u in have.assisting} != {norm(u) for u in want["assisting"]}:
            problems.append(f"{want['id']}: assisting {have.assisting}")
        if norm(have.deadline) != norm(want["deadline"]):
            problems.append(f"{want['id']}: deadline {have.deadline}")
    return problems


@pytest.mark.parametrize("stem", ["a", "c", "d"])
def test_raw_tables_read_like_their_source(stem: str):
    plan = parse(read_document(SPACED / f"{stem}.raw.txt"))
    assert plan.reading.name == "spaced-cells"
    assert _compare(plan, _expected(stem)) == []
    assert plan.reading.confidence == 1.0 and not plan.reading.doubts


def test_a_blank_assisting_cell_is_a_doubt_not_a_certainty():
    """pdftotext -raw writes nothing for an empty cell: row 2's blank 配合科室 cannot be told
    from one merged with row 1's. The reading says it is unsure there."""
    plan = parse(read_document(SPACED / "b.raw.txt"))
    assert plan.reading.name == "spaced-cells"
    assert _compare(plan, _expected("b"), skip_assisting={"2"}) == []
    row2 = next(i for i in plan.items if i.id == "2")
    unsure = [d for d in plan.reading.doubts if d.kind == "unit-column-unsure"]
    assert [d.loc.line for d in unsure] == [row2.loc.line]
    assert plan.reading.confidence < 1.0


def test_spaces_inside_dates_numbers_and_quotes_do_not_cut_cells():
    pieces = _pieces(
        "序号 工作任务 责任单位 完成时限\n"
        "1 在 24 小时内回应关切，编制 2025 年度报告。 办公室 2026 年 6 月 30 日\n"
        "前\n"
        "“ ”\n"
        "2 开展 回头看 ，逐项整改。 督查室、法规科 收到申请后 20\n"
        "个工作日内\n"
        "3 其他事项的落实情况。 法规科 长期坚持\n"
    )
    assert pieces[4:] == [
        "1",
        "在 24 小时内回应关切，编制 2025 年度报告。",
        "办公室",
        "2026 年 6 月 30 日前",
        "2",
        "开展“回头看”，逐项整改。",
        "督查室、法规科",
        "收到申请后 20个工作日内",
        "3",
        "其他事项的落实情况。",
        "法规科",
        "长期坚持",
    ]


def test_wrapped_lines_of_one_cell_are_joined():
    pieces = _pieces(
        "序号 工作任务 具体要求 责任单位 完成时限\n"
        "1 一、规范公开平\n"
        "台\n"
        "整合网站栏目，对长期不更新的栏目进行清理归\n"
        "并，确保发布及时。\n"
        "综合执法大队、登记\n"
        "注册科、价格监督检\n"
        "查科\n"
        "每季度\n"
        "2 推进基层政务公开标准化。 办公室 长期坚持\n"
    )
    assert pieces[5:8] == [
        "1",
        "一、规范公开平台",
        "整合网站栏目，对长期不更新的栏目进行清理归并，确保发布及时。",
    ]
    # a unit list wrapped mid-name is one cell (its line breaks may stay: parse joins names)
    assert pieces[8].replace("\n", "") == "综合执法大队、登记注册科、价格监督检查科"
    assert pieces[9] == "每季度"


def test_a_row_split_by_a_page_break_goes_on_after_the_repeated_header():
    pieces = _pieces(
        "序号 工作任务 责任单位 完成时限\n"
        "1 组织开展政务公开业务培训，实现社区工 党政办、各社 2026 年 9 月\n"
        "序号 工作任务 责任单位 完成时限\n"
        "作人员培训全覆盖。 区 30 日前\n"
        "2 推进基层政务公开标准化。 办公室 长期坚持\n"
    )
    assert pieces[4:8] == [
        "1",
        "组织开展政务公开业务培训，实现社区工作人员培训全覆盖。",
        "党政办、各社区",
        "2026 年 9 月30 日前",
    ]


def _text_files() -> list[Path]:
    return sorted(
        p
        for folder in (ROOT / "examples", ROOT / "tests" / "fixtures")
        for p in folder.rglob("*")
        if p.suffix in {".txt", ".md", ".csv"} and p.name != "README.md"
    )


def test_only_raw_pdftotext_tables_are_read_this_way():
    """The reading is offered only where a header names the columns a single space apart,
    and never wins over the reading of an ordinary text plan."""
    for path in _text_files():
        if "pdftotext-raw" in path.name or path.parent == SPACED:
            continue
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        if spaced_cells(lines) is None:
            continue
        assert parse(read_document(path)).reading.name != "spaced-cells", path
