"""Trace mode: plans checked against the higher document they carry out (README "Trace mode").

The higher document is examples/trace/jiangling-2025-key-points.txt (20 tasks); the plans are
a division table written by python-docx (tests/trace_plans.py, also committed as
examples/trace/qingxi-2025-division-plan.docx) and the prose key points of
examples/trace/yunfeng-2025-key-points.txt. Each drops, rewords, merges and splits tasks and
adds local ones; the truth of which item carries which task is in tests/trace_plans.py.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planlint.cli import app
from planlint.engine import check_file, parse_file
from planlint.match.weighted import credit, weighted_share
from planlint.trace import SHARE, TAG, higher_pack, read_higher
from planlint.trace.terms import phrases, weigh
from trace_plans import (
    PROSE_DROPPED,
    PROSE_LINKS,
    PROSE_LOCAL,
    ROWS,
    TABLE_DROPPED,
    TABLE_LINKS,
    TABLE_LOCAL,
    write_table_plan,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "trace"
HIGHER = EXAMPLES / "jiangling-2025-key-points.txt"
PROSE = EXAMPLES / "yunfeng-2025-key-points.txt"
runner = CliRunner()


@pytest.fixture(scope="module")
def pack():
    return higher_pack(HIGHER)


@pytest.fixture
def table_plan(tmp_path) -> Path:
    return write_table_plan(tmp_path / "qingxi-2025-division-plan.docx")


def _links(result) -> dict[str, set[str]]:
    """Higher task (its numbering) -> the plan items that carry it."""
    return {v.rule.short: set(v.items) for v in result.verdicts if v.items}


def _untraced(result) -> set[str]:
    return {f.item for f in result.findings if f.rule == "untraced"}


def _traced_json(plan: Path, *options: str) -> dict:
    """``check PLAN --against HIGHER -f json OPTIONS``, which must pass: the one plan's JSON."""
    out = runner.invoke(app, ["check", str(plan), "--against", str(HIGHER), "-f", "json", *options])
    assert out.exit_code == 0, out.output
    (shown,) = json.loads(out.stdout)["plans"]
    return shown


@pytest.mark.parametrize(
    ("plan", "links", "dropped", "local"),
    [
        ("table", TABLE_LINKS, TABLE_DROPPED, TABLE_LOCAL),
        ("prose", PROSE_LINKS, PROSE_DROPPED, PROSE_LOCAL),
    ],
)
def test_trace_links_exactly_the_truth(pack, table_plan, plan, links, dropped, local):
    """Every task carried is linked to exactly the items that carry it (reworded, merged,
    split), the dropped tasks and only they are missing, and the local items trace to none."""
    path = table_plan if plan == "table" else PROSE
    result = check_file(path, [pack])
    assert _links(result) == links
    missing = {v.rule.short for v in result.verdicts if v.status == "missing"}
    assert missing == dropped
    assert _untraced(result) == local
    assert all(f.severity == "info" for f in result.findings if f.rule == "untraced")


def test_statuses_carry_owners_and_deadlines(pack, table_plan):
    result = check_file(table_plan, [pack])
    by_task = {v.rule.short: v for v in result.verdicts}
    merged = by_task["一(二)2"]  # carried by row 3 with 一(二)1
    assert merged.status == "covered"
    assert merged.owners == ["县政府办", "各相关部门"]
    assert merged.deadline == "持续推进"
    split = by_task["二(二)1"]  # split over rows 9 and 10: both owners
    assert set(split.owners) == {"县发展改革局", "县住房城乡建设局"}
    assert by_task["二(二)2"].status == "unassigned"  # row 11 has no owner
    assert by_task["四(三)"].status == "missing"


def test_threshold_separates_true_from_false_links(pack, table_plan):
    """The share threshold sits between the weakest true link and the strongest false one on
    both example plans, with room on either side (README "Trace mode" says how it was chosen)."""
    true_scores, false_scores = [], []
    for path, links in ((table_plan, TABLE_LINKS), (PROSE, PROSE_LINKS)):
        plan = parse_file(path)
        for rule in pack.rules:
            for item in plan.items:
                share = max(
                    weighted_share(p.weights, item.match_text)[0] for p in rule.match.patterns
                )
                truth = item.id in links.get(rule.short, set())
                (true_scores if truth else false_scores).append(share)
    assert min(true_scores) >= SHARE + 0.05
    assert max(false_scores) <= SHARE - 0.05


def test_every_link_explains_itself(pack, table_plan):
    """A link names the pieces of the task's distinctive terms found and a score."""
    result = check_file(table_plan, [pack])
    verdict = next(v for v in result.verdicts if v.rule.short == "一(一)2")
    (hit,) = verdict.hits
    assert hit.score >= SHARE * 100
    assert "回头看" in hit.terms and "清理结果" in hit.terms


def test_generic_words_trace_nothing(pack):
    """An item that only says what every task says (加强, 推进, 政务公开, 工作) carries nothing."""
    from planlint.match import match_text

    generic = "进一步加强政务公开工作，全面推进信息公开，做好政务公开各项工作，完善工作机制"
    assert not [r.id for r in pack.rules if match_text(r, generic, normalized=False)]


def test_distinctive_terms_weigh_more_than_generic_ones():
    texts = [
        line for line in HIGHER.read_text("utf-8").splitlines() if line.startswith(("1．", "2．"))
    ]
    weights = dict(weigh(texts).terms[1])
    assert "回头看" in weights
    for generic in ("政务公开", "信息公开", "加强", "推进", "做好", "工作"):
        assert not any(generic == term for term in weights)
    assert "政务公开" not in phrases("推进基层政务公开标准化规范化")


def test_partial_credit_for_a_reworded_phrase():
    whole = credit("省政府门户网站政策文件库", "依托县政府门户网站政策文件栏目")
    assert 0.5 < whole.share < 1
    assert whole.pieces == ("政府门户网站政策文件",)
    assert (
        credit("标准目录", "公开目录和标准").share == 0
    )  # pieces under 3 characters prove nothing
    assert credit("回头看", "开展回头看").share == 1


def test_batch_folder_json(tmp_path, table_plan):
    """A folder of plans against one higher document, in JSON: one result a plan, and the higher
    document itself, if the folder holds it, is not checked against itself."""
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(table_plan, folder / table_plan.name)
    shutil.copy(PROSE, folder / PROSE.name)
    higher = shutil.copy(HIGHER, folder / HIGHER.name)
    out = runner.invoke(app, ["check", str(folder), "--against", str(higher), "-f", "json"])
    assert out.exit_code == 0, out.output
    plans = {Path(p["path"]).name: p for p in json.loads(out.stdout)["plans"]}
    assert set(plans) == {table_plan.name, PROSE.name}
    for name, dropped in ((table_plan.name, TABLE_DROPPED), (PROSE.name, PROSE_DROPPED)):
        requirements = plans[name]["requirements"]
        assert len(requirements) == 20
        missing = {r["rule"] for r in requirements if r["status"] == "missing"}
        assert len(missing) == len(dropped)
        carried = [r for r in requirements if r["items"]]
        assert all(e["terms"] and e["score"] for r in carried for e in r["evidence"])
    untraced = [f["item"] for f in plans[table_plan.name]["findings"] if f["rule"] == "untraced"]
    assert set(untraced) == TABLE_LOCAL


def test_text_report_in_english(table_plan):
    out = runner.invoke(
        app, ["check", str(table_plan), "--against", str(HIGHER), "-f", "text", "--lang", "en"]
    )
    assert out.exit_code == 0, out.output
    assert "traces to no task of the higher document" in out.stdout
    assert "coverage: 15/20 covered, 1 unassigned, 0 not applicable, 4 missing" in out.stdout


def test_against_with_an_explicit_pack_adds_it(table_plan):
    out = runner.invoke(
        app, ["check", str(table_plan), "--against", str(HIGHER), "--pack", "core", "-f", "json"]
    )
    assert out.exit_code in (0, 1), out.output
    assert '"t-1-1-1"' in out.stdout and '"leader-briefing"' in out.stdout


@pytest.mark.parametrize("content", [None, "不是工作要点的一段话。\n"])
def test_unreadable_higher_document_is_exit_2(tmp_path, table_plan, content):
    higher = tmp_path / "higher.txt"
    if content is not None:
        higher.write_text(content, encoding="utf-8")
    out = runner.invoke(app, ["check", str(table_plan), "--against", str(higher)])
    assert out.exit_code == 2
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and str(higher) in lines[0] and "Traceback" not in out.output


def test_committed_docx_example_matches_its_source(tmp_path):
    """examples/trace/qingxi-2025-division-plan.docx is what tests/trace_plans.py writes."""
    committed = parse_file(EXAMPLES / "qingxi-2025-division-plan.docx")
    assert [item.text for item in committed.items] == [row[0] for row in ROWS]


def test_higher_document_as_a_table(tmp_path):
    """The higher document may be a table too (any format planlint reads)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "工作任务", "责任单位"])
    sheet.append(["1", "全面开展行政规范性文件清理“回头看”，公开清理结果", "省司法厅"])
    sheet.append(["2", "编制发布政策问答，以图表、短视频等形式开展多元化解读", "省政府办公厅"])
    sheet.append(["3", "开展政务公开第三方评估，评估结果纳入年度绩效考核", "省政府办公厅"])
    path = tmp_path / "higher.xlsx"
    book.save(path)
    plan = read_higher(path)
    assert len(plan.items) == 3
    pack = higher_pack(path)
    assert [r.id for r in pack.rules] == ["t-1", "t-2", "t-3"]
    assert all(TAG in r.tags for r in pack.rules)


def test_select_names_a_task_of_the_higher_document(table_plan):
    plan = _traced_json(table_plan, "--select", "t-4-3")
    assert [(r["rule"], r["status"]) for r in plan["requirements"]] == [("t-4-3", "missing")]


def test_readme_shows_a_current_trace_report(monkeypatch):
    """Every line of the report pasted in README "Trace mode" is what planlint says now."""
    monkeypatch.chdir(EXAMPLES.parents[1])  # the report names the plan as the README runs it
    readme = Path("README.md").read_text("utf-8")
    section = readme[readme.index("## Trace mode") :]
    pasted = section[section.index("```text\n") + 8 :]
    pasted = pasted[: pasted.index("```")]
    out = runner.invoke(
        app,
        [
            *("check", "examples/trace/qingxi-2025-division-plan.docx", "--against", str(HIGHER)),
            *("-f", "text", "--explain"),
        ],
    )
    report = out.stdout.splitlines()
    shown = [line for line in pasted.splitlines() if line.strip() != "…"]
    assert shown and all(line in report for line in shown)


def test_untraced_items_can_be_ignored(table_plan):
    plan = _traced_json(table_plan, "--ignore", "untraced")
    assert not [f for f in plan["findings"] if f["rule"] == "untraced"]


# A second pair in other wording: a city's paragraph tasks (several sentences each) and a
# district's plan that splits one over three items, carries others by one sentence, and adds
# a generic item that says nothing of its own.
SECOND_HIGHER = """\
某市2024年政务公开工作要点
一、加强政策解读回应
（一）提升政策解读质量。坚持政策文件与解读材料同步组织、同步审签、同步部署。围绕市场主体关切，推出图解、音视频等多样化解读产品。建立政策解读专家库，邀请专家学者参与解读。
（二）做好重大突发事件信息发布。严格落实突发事件信息发布时限要求，第一时间发布权威信息。加强舆情研判，及时回应群众关切。
（三）优化12345热线服务。推动政务服务便民热线与政府网站互动栏目数据共享，建立热线知识库，提升答复准确率。
二、推进基础建设
（一）推进政府信息公开平台建设。整合各部门信息公开专栏，统一公开平台栏目设置。
（二）规范政务新媒体运维。落实政务新媒体内容审核制度，开展季度抽查，关停整合功能重复的账号。
（三）加强档案管理。做好政府信息公开申请办理档案的整理归档工作。
（四）推进政务公开标准化。编制区县政务公开事项标准目录，完善公开标准体系。
三、强化保障
（一）加强培训。每年组织一次全市政务公开业务培训。
（二）开展考核评估。将政务公开纳入绩效考核，开展年度第三方评估。
"""
SECOND_PLAN = """\
某区2024年政务公开工作要点
一、政策解读
（一）政策文件和解读材料同步审签、同步部署，区政府办公室负责。
（二）推出图解、短视频等多样化解读产品，增强解读的可读性。
（三）组建政策解读专家库，请专家学者开展解读。
（四）突发事件发生后第一时间发布权威信息，加强舆情研判。
二、基础建设
（一）统一区级信息公开专栏设置，整合到区政府信息公开平台。
（二）政务新媒体内容审核，每季度抽查一次，关停功能重复账号。
（三）编制政务公开事项标准目录。
（四）组织全区政务公开业务培训不少于一次。
（五）推进智慧社区建设，公开社区服务事项。
（六）做好政务公开工作，进一步加强信息公开。
"""


def test_a_second_pair_split_by_sentences(tmp_path):
    higher = tmp_path / "higher.txt"
    higher.write_text(SECOND_HIGHER, encoding="utf-8")
    plan = tmp_path / "plan.txt"
    plan.write_text(SECOND_PLAN, encoding="utf-8")
    result = check_file(plan, [higher_pack(higher)])
    assert _links(result) == {
        "一(一)": {"一(一)", "一(二)", "一(三)"},
        "一(二)": {"一(四)"},
        "二(一)": {"二(一)"},
        "二(二)": {"二(二)"},
        "二(四)": {"二(三)"},
        "三(一)": {"二(四)"},
    }
    assert {v.rule.short for v in result.verdicts if v.status == "missing"} == {
        "一(三)",
        "二(三)",
        "三(二)",
    }
    assert _untraced(result) == {"二(五)", "二(六)"}
