"""The fast paths give the answers of the plain ones (speed itself is measured in benchmarks/).

- near misses read from the matcher's scans of the plan are those found by searching each
  text term by term;
- an item that unnumbered paragraphs continue for thousands of lines keeps every paragraph's
  text, and the labels that close it are still applied.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planlint.match import match_plan
from planlint.match.near import near_misses
from planlint.parse import parse
from planlint.readers import read_document
from planlint.rules import builtin_packs, load_pack

EXAMPLES = sorted(
    p for p in (Path(__file__).parent.parent / "examples").iterdir() if p.suffix in (".txt", ".md")
)

# a requirement half said (training, but not of openness staff), one said only in the notice,
# a look-alike (分管领导 for 主要领导), a veto, and plain tasks
LOOSE_PLAN = """某县民政局2024年政务公开工作要点分工方案

为做好政府信息公开工作年度报告，现将有关事项通知如下。

一、组织保障
1. 分管领导听取政务公开工作情况汇报。（责任单位：办公室；完成时限：2024年6月底前）
2. 组织开展社会组织业务培训。（责任单位：社会组织科；完成时限：2024年9月底前）
3. 依托培训机构开展养老护理员培训。（责任单位：养老服务科；完成时限：2024年12月底前）
二、平台建设
4. 做好门户网站栏目维护，及时更新内容。（责任单位：信息中心；完成时限：长期坚持）
"""


def _plans(tmp_path: Path) -> list:
    plan = tmp_path / "loose.txt"
    plan.write_text(LOOSE_PLAN, encoding="utf-8")
    return [parse(read_document(p)) for p in [*EXAMPLES, plan]]


@pytest.mark.parametrize("pack_name", builtin_packs())
def test_near_misses_from_the_scans_are_those_searched_term_by_term(tmp_path, pack_name):
    pack = load_pack(pack_name)
    compared = 0
    for plan in _plans(tmp_path):
        for result in match_plan(plan, pack):
            if result.hits:
                continue
            assert result.near == near_misses(result.rule, plan), (plan.path, result.rule.id)
            compared += 1
    assert compared  # every pack leaves some requirement missing in these plans


def test_a_long_continued_item_keeps_its_text_and_its_closing_labels(tmp_path):
    lines = [f"按照上级部署推进第{n}项重点工作并做好相关材料归档" for n in range(3000)]
    text = "\n".join(
        [
            "某县2024年政务公开工作要点",
            "一、总体要求",
            "1. 做好政务公开各项工作。",
            *lines,
            "（责任单位：办公室；完成时限：2024年12月底前）",
            "2. 加强政策解读。（责任单位：法规科；完成时限：长期坚持）",
        ]
    )
    path = tmp_path / "long-run.txt"
    path.write_text(text, encoding="utf-8")
    plan = parse(read_document(path))
    first = plan.items[0]
    assert first.text.startswith("做好政务公开各项工作。")
    assert all(line in first.text for line in lines[:3] + lines[-3:])
    assert len(first.text) >= sum(len(line) for line in lines)
    assert first.assignees == ["办公室"]
    assert first.deadline == "2024年12月底前"
    assert "责任单位" not in first.text
    assert first.match_text.endswith("第2999项重点工作并做好相关材料归档")
    assert plan.items[1].assignees == ["法规科"]
