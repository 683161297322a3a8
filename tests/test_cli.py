"""The command line as CI and a supervising office use it: exit codes, JSON, batches."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from planlint.cli import app

PLAN = """某市某区司法局2024年政务公开工作要点分工方案

| 序号 | 工作任务 | 责任科室 | 完成时限 |
|---|---|---|---|
| 1 | 局主要负责同志每年至少听取1次政务公开工作汇报 | 办公室 | 2024年12月底前 |
| 2 | 年内组织一次政务公开业务培训，实现全员培训 | 办公室、法制科 | 2024年10月底前 |
| 3 | 对上一年度工作要点落实情况开展“回头看” | 办公室 | 2024年6月底前 |
| 4 | 将本要点落实情况纳入政府信息公开工作年度报告予以公开 | 办公室 | 2025年1月31日前 |
| 5 | 建立2024年政务公开重点任务台账，逐项推动落实 | 办公室 | 2024年5月底前 |
| 6 | 落实政策解读“三同步”，政策文件与解读材料同步发布 | 法制科 | 持续推进 |
| 7 | 加强政务舆情监测研判，及时回应社会关切 | 办公室 | 持续推进 |
| 8 | 集中公开现行有效的行政规范性文件并动态更新 | 法制科 | 2024年9月底前 |
| 9 | 依法依规办理政府信息公开申请，按时答复 | 办公室 | 持续推进 |
| 10 | 确保政府网站和政务新媒体安全平稳运行 | 信息中心 | 持续推进 |
"""

runner = CliRunner()


@pytest.fixture
def complete_plan(tmp_path):
    path = tmp_path / "complete.md"
    path.write_text(PLAN, encoding="utf-8")
    return path


@pytest.fixture
def incomplete_plan(tmp_path):
    lines = [line for line in PLAN.splitlines() if "回头看" not in line and "台账" not in line]
    path = tmp_path / "incomplete.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _json(result) -> dict:
    return json.loads(result.stdout)


def test_complete_plan_exits_0_with_every_requirement_covered(complete_plan):
    result = runner.invoke(app, ["check", str(complete_plan), "--format", "json"])
    assert result.exit_code == 0, result.output
    plan = _json(result)["plans"][0]
    assert {r["status"] for r in plan["requirements"]} == {"covered"}
    assert plan["agency"] == "某市某区司法局" and plan["year"] == 2024
    assert plan["kind"] == "division-plan"
    item = plan["items"][0]
    assert set(item) >= {"id", "section", "text", "assignees", "placeholder", "deadline", "line"}
    assert item["id"] == "1" and item["assignees"] == ["办公室"] and item["line"] == 5
    req = plan["requirements"][0]
    assert set(req) >= {"rule", "pack", "status", "items", "score"}
    assert req["rule"] == "leader-briefing" and req["items"] == ["1"] and req["score"] == 100


def test_missing_requirements_exit_1_with_error_findings(incomplete_plan):
    result = runner.invoke(app, ["check", str(incomplete_plan), "--format", "json"])
    assert result.exit_code == 1
    plan = _json(result)["plans"][0]
    status = {r["rule"]: r["status"] for r in plan["requirements"]}
    assert status["lookback"] == "missing" and status["task-ledger"] == "missing"
    kinds = {(f["rule"], f["kind"], f["severity"]) for f in plan["findings"]}
    assert ("lookback", "missing", "error") in kinds
    finding = next(f for f in plan["findings"] if f["rule"] == "lookback")
    assert set(finding) >= {"rule", "severity", "kind", "message", "line"}
    assert "回头看" in finding["message"]


def test_terminal_report_speaks_chinese_by_default(incomplete_plan):
    result = runner.invoke(app, ["check", str(incomplete_plan)])
    assert result.exit_code == 1
    assert "缺失" in result.stdout and "覆盖情况" in result.stdout


def test_english_report(incomplete_plan):
    result = runner.invoke(app, ["check", str(incomplete_plan), "--lang", "en", "--format", "json"])
    plan = _json(result)["plans"][0]
    finding = next(f for f in plan["findings"] if f["rule"] == "lookback")
    assert finding["message"].startswith("no item carries")
    text = runner.invoke(app, ["check", str(incomplete_plan), "--lang", "en"]).stdout
    assert "missing" in text and "coverage" in text


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "空文件"),
        ("binary.txt", bytes(range(256)) * 4, "不是"),
        ("blank.md", b"   \n\n", "空文件"),
    ],
)
def test_bad_file_in_a_batch_is_one_line_and_exit_2(
    tmp_path, complete_plan, name, content, problem
):
    bad = tmp_path / name
    bad.write_bytes(content)
    result = runner.invoke(app, ["check", str(bad), str(complete_plan), "--format", "json"])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line]
    assert len(errors) == 1 and str(bad) in errors[0] and problem in errors[0]
    doc = _json(result)
    assert [p["path"] for p in doc["plans"]] == [str(complete_plan)]  # the good one was checked
    assert doc["errors"][0]["path"] == str(bad)


def test_missing_path_is_an_input_error(tmp_path):
    result = runner.invoke(app, ["check", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "文件或文件夹不存在" in result.stderr
    result = runner.invoke(app, ["check", str(tmp_path / "nope.txt"), "--lang", "en"])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_folders_are_searched_for_plan_files(tmp_path, complete_plan, incomplete_plan):
    (tmp_path / "notes.log").write_text("not a plan", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "again.md").write_text(PLAN, encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path), "--format", "json"])
    paths = sorted(p["path"] for p in _json(result)["plans"])
    assert paths == sorted([str(complete_plan), str(incomplete_plan), str(sub / "again.md")])
    assert result.exit_code == 1


def test_bad_pack_is_exit_2_naming_file_rule_and_key(tmp_path, complete_plan):
    pack = tmp_path / "bad.yaml"
    pack.write_text(
        "pack: bad\nrules:\n  - id: x\n    title: t\n    severity: loud\n    match: {any: [{all: [a]}]}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", str(complete_plan), "--pack", str(pack), "--lang", "en"])
    assert result.exit_code == 2
    assert str(pack) in result.stderr and "rule x" in result.stderr and "severity" in result.stderr


def test_extra_pack_adds_requirements(tmp_path, complete_plan):
    pack = tmp_path / "extra.yaml"
    pack.write_text(
        "pack: extra\nrules:\n  - id: hotline\n    title: 热线\n    severity: warning\n"
        "    match: {any: [{all: [[12345热线]]}]}\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["check", str(complete_plan), "-p", "core", "-p", str(pack), "-f", "json"]
    )
    reqs = _json(result)["plans"][0]["requirements"]
    assert [r["pack"] for r in reqs].count("extra") == 1
    assert result.exit_code == 0  # the extra requirement is missing, but only a warning


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag):
    result = runner.invoke(app, [flag])
    assert result.exit_code == 0 and result.stdout.startswith("planlint ")


@pytest.mark.parametrize("command", [[], ["check"], ["parse"]])
def test_short_help(command):
    result = runner.invoke(app, [*command, "-h"])  # English as declared (test_language.py)
    assert result.exit_code == 0 and "Usage" in result.stdout


def test_console_script_runs_as_a_module(complete_plan):
    proc = subprocess.run(
        [sys.executable, "-m", "planlint", "check", str(complete_plan), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["plans"][0]["summary"]["covered"] == 10


def test_github_annotations(incomplete_plan):
    result = runner.invoke(app, ["check", str(incomplete_plan), "--format", "github"])
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert any(
        line.startswith("::error file=") and "planlint core/lookback" in line for line in lines
    )


def test_sarif_is_valid_shape(incomplete_plan):
    result = runner.invoke(app, ["check", str(incomplete_plan), "--format", "sarif"])
    doc = json.loads(result.stdout)
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert "core/lookback" in ids
    assert any(r["ruleId"] == "core/lookback" and r["level"] == "error" for r in run["results"])


def test_a_file_with_no_items_is_an_input_error(tmp_path):
    path = tmp_path / "memo.txt"
    path.write_text("会议通知\n请各单位于周五前报送材料。\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert "未读出任何工作任务事项" in result.stderr


def test_folder_readme_is_not_taken_for_a_plan(tmp_path, complete_plan):
    (tmp_path / "README.md").write_text("# 说明\n本目录存放分工方案。\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0
    assert [p["path"] for p in _json(result)["plans"]] == [str(complete_plan)]


def test_explain_shows_items_scores_and_terms(complete_plan):
    result = runner.invoke(app, ["check", str(complete_plan), "--explain"], env={"COLUMNS": "140"})
    assert result.exit_code == 0
    assert "匹配依据" in result.stdout
    assert "[1] 100  主要负责同志 + 听取 + 汇报" in result.stdout
