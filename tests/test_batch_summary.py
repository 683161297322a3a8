"""After a batch, the terminal report closes with the plans-by-requirements summary (issue 9).

Run through the real console script over the example plans and a file that is not a plan: the
file that could not be checked stands in the report itself, and the totals line agrees with the
JSON report of the same run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "planlint", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
        env=env,
    )


def test_batch_closes_with_summary_and_totals(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(ROOT / "examples", plans, ignore=shutil.ignore_patterns("README.md"))
    (plans / "zz-not-a-plan.txt").write_text("这是一首诗。\n床前明月光。\n", encoding="utf-8")
    terminal = _run("check", "plans", cwd=tmp_path)
    report = json.loads(_run("check", "plans", "--format", "json", cwd=tmp_path).stdout)
    assert terminal.returncode == 2  # a file could not be checked
    out = terminal.stdout
    assert "汇总：各方案落实情况" in out
    assert "无法检查: plans/zz-not-a-plan.txt" in out  # in the report, not only on stderr
    plans_checked = len(report["plans"])
    missing = sum(r["status"] == "missing" for p in report["plans"] for r in p["requirements"])
    unassigned = sum(
        r["status"] == "unassigned" for p in report["plans"] for r in p["requirements"]
    )
    totals = (
        f"共检查 {plans_checked} 份方案，1 份无法读取；"
        f"全部方案合计缺失要求 {missing} 项次，未明确责任 {unassigned} 项次"
    )
    assert totals in out
    assert "1 听取汇报" in out and "× 缺失" in out


def test_one_plan_has_no_summary(tmp_path):
    run = _run("check", str(ROOT / "examples" / "tab-dump-division-plan.txt"), cwd=tmp_path)
    assert "汇总" not in run.stdout


def test_summary_in_english(tmp_path):
    run = _run("check", str(ROOT / "examples"), "--lang", "en", cwd=tmp_path)
    assert "summary: plans by requirements" in run.stdout
    assert "plans checked" in run.stdout
