"""Near misses: a missing requirement says where its words do appear and what came closest.

The plans are written for these tests; they run through the real pipeline (read, parse, match,
check) and the CLI. The look-alike and veto cases use a small pack of their own, so they hold
however the core rules' wording grows.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from planlint.engine import check_file
from planlint.match.near import MENTION, PARTIAL
from planlint.rules import load_pack

runner = CliRunner(env={"COLUMNS": "200"})  # wide enough that no line is wrapped

# the leader's report is promised in the notice paragraph only; the one training item trains
# enterprises, not openness staff
NOTICE_PLAN = """# 东湖县市场监督管理局2024年政务公开工作要点分工方案

为抓好本年度政务公开工作，局主要负责同志每年至少听取一次政务公开工作汇报，专题研究部署重点工作。现将任务分解如下。

| 序号 | 工作任务 | 责任科室 | 完成时限 |
|---|---|---|---|
| 1 | 年内组织辖区食品生产企业开展食品安全法规培训 | 食品科 | 2024年11月底前 |
| 2 | 对上一年度政务公开工作要点落实情况开展“回头看” | 办公室 | 2024年6月底前 |
| 3 | 将本年度要点落实情况纳入政府信息公开工作年度报告 | 办公室 | 2025年1月底前 |
| 4 | 建立本局政务公开重点任务台账，逐项销号 | 办公室 | 2024年4月底前 |
| 5 | 做好市场监管政策解读，同步发布解读材料 | 法规科 | 持续推进 |
| 6 | 加强政务舆情监测，及时回应社会关切 | 办公室 | 持续推进 |
| 7 | 集中公开现行有效的行政规范性文件并动态更新 | 法规科 | 2024年9月底前 |
| 8 | 依法办理政府信息公开申请，按时答复 | 办公室 | 持续推进 |
| 9 | 确保政府网站和政务新媒体安全平稳运行 | 信息中心 | 持续推进 |
"""

# a pack of three requirements whose wording the tests control
PACK = """pack: near
rules:
  - id: report
    title: 主要负责同志听取政务公开工作汇报
    severity: error
    match:
      any:
        - all: [[主要负责同志, 局长], [听取], [汇报]]
          within: 40
      exclude: [副局长, 分管领导]
  - id: staff-training
    title: 开展政务公开业务培训
    severity: error
    match:
      any:
        - all: [[培训], [政务公开]]
          within: 30
          none: [[培训机构]]
  - id: ledger
    title: 建立重点任务台账
    severity: error
    match:
      any:
        - all: [[台账], [重点任务]]
          within: 20
"""

# the report goes to a deputy (a look-alike), the training item is about training schools (a
# veto), and the ledger is asked for in the closing note, not in a task
LOOKALIKE_PLAN = """# 西岭区教育局2024年政务公开工作任务分工

| 序号 | 工作任务 | 责任科室 | 完成时限 |
|---|---|---|---|
| 1 | 分管副局长每半年听取一次政务公开工作汇报 | 办公室 | 2024年6月底前 |
| 2 | 公开校外培训机构白名单，纳入政务公开专栏管理 | 校外教育科 | 2024年8月底前 |
| 3 | 及时发布招生入学政策和学区划分信息 | 基础教育科 | 2024年5月底前 |

注：各科室于3月底前建立本科室重点任务台账，报办公室汇总。
"""


@pytest.fixture
def notice_plan(tmp_path):
    path = tmp_path / "notice.md"
    path.write_text(NOTICE_PLAN, encoding="utf-8")
    return path


@pytest.fixture
def lookalike_plan(tmp_path):
    path = tmp_path / "lookalike.md"
    path.write_text(LOOKALIKE_PLAN, encoding="utf-8")
    return path


@pytest.fixture
def near_pack(tmp_path):
    path = tmp_path / "near.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


def _verdict(result, rule_id):
    return next(v for v in result.verdicts if v.rule.id == rule_id)


def _finding(result, rule_id):
    return next(f for f in result.findings if f.rule == rule_id and f.kind == "missing")


def test_a_requirement_only_in_the_notice_paragraph_is_a_mention_with_its_line(
    notice_plan, core_pack
):
    result = check_file(notice_plan, [core_pack])
    v = _verdict(result, "leader-briefing")
    assert v.status == "missing"
    mention = v.near[0]
    assert (mention.kind, mention.role, mention.loc.line, mention.item) == (
        MENTION,
        "preamble",
        3,
        None,
    )
    assert "主要负责同志" in mention.found and "听取" in mention.found
    f = _finding(result, "leader-briefing")
    assert f.template == "missing-mention" and f.line == 3
    assert "第3行（前言）提到「主要负责同志" in f.message
    assert "line 3 (preamble) mentions '主要负责同志" in f.message_in("en")


def test_a_half_said_item_is_the_best_partial_candidate(notice_plan, core_pack):
    result = check_file(notice_plan, [core_pack])
    v = _verdict(result, "training")
    assert v.status == "missing"
    assert all(n.kind == PARTIAL for n in v.near)
    best = v.near[0]
    assert (best.role, best.item) == ("item", "1")
    assert "培训" in best.found and best.lacking and 0 < best.share < 1
    # no mention outside the items: the plain message, no place
    f = _finding(result, "training")
    assert f.template == "missing" and f.loc is None


def test_a_look_alike_and_a_veto_are_shown_as_the_reason(lookalike_plan, near_pack):
    result = check_file(lookalike_plan, [load_pack(str(near_pack))])
    report = _verdict(result, "report")
    assert report.status == "missing"
    deputy = report.near[0]
    assert (deputy.kind, deputy.item, deputy.excluded) == (PARTIAL, "1", ("副局长",))
    assert deputy.found == ("听取", "汇报") and deputy.lacking == (("主要负责同志", "局长"),)
    schools = _verdict(result, "staff-training").near[0]
    assert (schools.item, schools.found, schools.lacking) == ("2", ("培训", "政务公开"), ())
    assert schools.vetoed == ("培训机构",) and schools.share == 1.0
    ledger = _verdict(result, "ledger")
    assert [(n.kind, n.role) for n in ledger.near[:1]] == [(MENTION, "note")]
    assert ledger.near[0].found == ("台账", "重点任务")


def test_explain_lists_the_near_misses_and_json_carries_them(lookalike_plan, near_pack):
    from planlint.cli import app

    args = ["check", str(lookalike_plan), "--pack", str(near_pack)]
    out = runner.invoke(app, [*args, "--explain"])
    assert out.exit_code == 1, out.output
    assert "缺失要求的相近文字" in out.output
    assert "第1项  2/3组；命中 听取 + 汇报；未命中 [主要负责同志/局长]；排除: 副局长" in out.output
    assert "否决: 培训机构" in out.output
    assert "第9行（附注）  提到 台账 + 重点任务" in out.output

    en = runner.invoke(app, [*args, "--explain", "--lang", "en"])
    assert "look-alike masked: 副局长" in en.output and "ruled out by: 培训机构" in en.output

    doc = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    reqs = {r["rule"]: r for r in doc["plans"][0]["requirements"]}
    near = reqs["report"]["near_misses"][0]
    assert near["kind"] == "partial" and near["item"] == "1" and near["excluded"] == ["副局长"]
    assert near["found"] == ["听取", "汇报"] and near["lacking"] == [["主要负责同志", "局长"]]
    assert near["share"] == pytest.approx(0.67)
    mention = reqs["ledger"]["near_misses"][0]
    assert (mention["kind"], mention["role"], mention["line"]) == ("mention", "note", 9)
    finding = next(f for f in doc["plans"][0]["findings"] if f["rule"] == "ledger")
    assert finding["line"] == 9 and "第9行（附注）" in finding["message"]


def test_plan_text_in_near_misses_is_not_read_as_markup(tmp_path, near_pack):
    from planlint.cli import app

    path = tmp_path / "markup.md"
    path.write_text(
        LOOKALIKE_PLAN.replace("分管副局长", "[bold]分管副局长[/bold]"), encoding="utf-8"
    )
    out = runner.invoke(app, ["check", str(path), "--pack", str(near_pack), "--explain"])
    assert out.exit_code == 1, out.output
    assert "[bold]分管副局长[/bold]每半年" in out.output


def test_a_requirement_whose_words_appear_nowhere_says_so(tmp_path, near_pack):
    from planlint.cli import app

    path = tmp_path / "bare.md"
    path.write_text(LOOKALIKE_PLAN.split("注：")[0], encoding="utf-8")
    result = check_file(path, [load_pack(str(near_pack))])
    assert _verdict(result, "ledger").near == []
    out = runner.invoke(app, ["check", str(path), "--pack", str(near_pack), "--explain"])
    assert "计划中没有相近的文字" in out.output
