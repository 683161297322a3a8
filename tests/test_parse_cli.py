"""`planlint parse`: what was read, so a user can trust it."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from planlint.cli import app

runner = CliRunner()

PLAN = """附件
某区市场监管局2024年政务公开工作要点分工方案

| 工作任务 | 责任科室 | 完成时限 |
|---|---|---|
| 1.主要负责同志听取政务公开工作汇报 | 办公室 | 6月底前 |
| 2.加强政务舆情回应 | 办公室<br>信息中心 | 持续推进 |

注：“——”表示本局不涉及。
"""


def test_parse_json_lists_items_locations_and_unplaced_text(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(PLAN, encoding="utf-8")
    result = runner.invoke(app, ["parse", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)["plans"][0]
    assert [i["id"] for i in plan["items"]] == ["1", "2"]
    second = plan["items"][1]
    assert second["assignees"] == ["办公室", "信息中心"]
    assert second["location"] == {"line": 7, "column": 3}
    roles = {f["text"]: f["role"] for f in plan["unplaced"]}
    assert roles["附件"] == "preamble" and roles["注：“——”表示本局不涉及。"] == "note"
    assert plan["placeholders"] == {"——": "not-involved"}
    assert "requirements" not in plan


def test_parse_terminal_shows_the_table(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(PLAN, encoding="utf-8")
    result = runner.invoke(app, ["parse", str(path)], env={"COLUMNS": "160"})
    assert result.exit_code == 0
    assert "主要负责同志听取政务公开工作汇报" in result.stdout and "7:3" in result.stdout


def test_parse_bad_file_exits_2(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 2 and "空文件" in result.stderr
