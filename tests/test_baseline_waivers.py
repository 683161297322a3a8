"""Baselines and waivers, through the real ``planlint check`` on copies of the examples: old
findings recorded and left out, new ones reported even after lines move; findings accepted
only with a written reason, and waivers that expire or match nothing said, so they cannot rot."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planlint.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MD = "markdown-split-tables.md"  # task-ledger missing, lookback unassigned, annual-report n/a
NUM = "numbered-list-inline.txt"  # leader-briefing missing, platforms diffuse, task-ledger no date

runner = CliRunner()


@pytest.fixture
def project(tmp_path, monkeypatch):
    plans = tmp_path / "plans"
    plans.mkdir()
    for name in (MD, NUM):
        shutil.copy(EXAMPLES / name, plans / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    """``planlint check`` in English (errors are Chinese unless asked: test_language.py)."""
    return runner.invoke(app, ["check", *args, "--jobs", "1", "--lang", "en"])


def findings(result) -> list[tuple[str, str, str]]:
    doc = json.loads(result.stdout)
    return sorted(
        (Path(p["path"]).name, f["rule"], f["kind"]) for p in doc["plans"] for f in p["findings"]
    )


def lines(result, level: str) -> list[str]:
    return [x for x in result.stderr.splitlines() if x.startswith(f"planlint: {level}: ")]


def recorded(path: Path) -> set[str]:
    return {e["fingerprint"] for e in json.loads(path.read_text("utf-8"))["findings"]}


def move_lines(plan: Path) -> None:
    """Blank lines and a paragraph above everything: every line number changes."""
    text = plan.read_text("utf-8")
    plan.write_text("\n\n说明：本方案经局长办公会审议通过。\n\n\n" + text, "utf-8")


# --- baseline ---------------------------------------------------------------------------------


def test_baseline_round_trip_reports_only_new_findings(project):
    before = run("plans", "-f", "json")
    assert before.exit_code == 1
    total = len(findings(before))

    wrote = run("plans", "--write-baseline", "baseline.json", "-f", "json")
    assert wrote.exit_code == 0, wrote.output
    assert findings(wrote) == []
    assert f"baseline.json: {total} finding(s) recorded" in wrote.stderr
    entries = json.loads((project / "baseline.json").read_text("utf-8"))["findings"]
    assert len(entries) == total
    assert {"fingerprint", "path", "rule", "kind", "severity", "message"} <= set(entries[0])

    same = run("plans", "--baseline", "baseline.json", "-f", "json")
    assert same.exit_code == 0, same.output
    assert findings(same) == []
    assert f"{total} finding(s) in the baseline, not shown; 0 new" in same.stderr

    # lines move, and one requirement is lost from the plan: only that one is new
    move_lines(project / "plans" / MD)
    plan = project / "plans" / NUM
    plan.write_text(
        "\n".join(x for x in plan.read_text("utf-8").splitlines() if "年度报告" not in x), "utf-8"
    )
    after = run("plans", "--baseline", "baseline.json", "-f", "json")
    assert after.exit_code == 1
    assert findings(after) == [(NUM, "annual-report", "missing")]
    assert f"{total} finding(s) in the baseline, not shown; 1 new" in after.stderr


def test_fingerprints_do_not_change_when_lines_move(project):
    run("plans", "--write-baseline", "first.json")
    move_lines(project / "plans" / MD)
    move_lines(project / "plans" / NUM)
    moved = run("plans", "-f", "json")
    assert {f["line"] for p in json.loads(moved.stdout)["plans"] for f in p["findings"]} != {None}
    run("plans", "--write-baseline", "second.json")
    assert recorded(project / "first.json") == recorded(project / "second.json")
    # the same path spelled another way is the same plan
    run("./plans/", "--write-baseline", "third.json")
    assert recorded(project / "first.json") == recorded(project / "third.json")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("not json", "invalid JSON"),
        ('{"findings": []}', "write it again with --write-baseline"),
        ("[1, 2]", "not a planlint baseline"),
    ],
)
def test_a_bad_baseline_is_one_line_exit_2(project, text, shown):
    (project / "baseline.json").write_text(text, "utf-8")
    result = run("plans", "--baseline", "baseline.json")
    assert result.exit_code == 2
    (line,) = [x for x in result.stderr.splitlines() if x]
    assert line.startswith("planlint: error: baseline.json: ") and shown in line


# --- waivers ----------------------------------------------------------------------------------

WAIVERS = """\
waivers:
  - plan: plans/*.md
    rule: task-ledger
    reason: 台账由市政务公开办统一建立，本局不单独建立（市政务办 2023-03-01 函）
    expires: 2999-12-31
  - plan: "*.md"
    rule: core/lookback
    reason: 回头看由局办公室年底统一开展
"""


def test_a_waiver_with_a_reason_accepts_the_finding(project):
    (project / "waivers.yaml").write_text(WAIVERS, "utf-8")
    result = run("plans", "--waivers", "waivers.yaml", "-f", "json")
    assert (MD, "task-ledger", "missing") not in findings(result)
    assert (MD, "lookback", "unassigned") not in findings(result)
    assert (NUM, "task-ledger", "no-deadline") in findings(result)  # the glob names .md only
    assert "2 finding(s) accepted by waivers" in result.stderr
    assert lines(result, "warning") == []
    assert run(f"plans/{MD}", "--waivers", "waivers.yaml").exit_code == 0


def test_a_waiver_without_a_reason_is_refused(project):
    (project / "waivers.yaml").write_text(WAIVERS.replace("    reason: 回头看", "    note: 回头看"))
    result = run("plans", "--waivers", "waivers.yaml")
    assert result.exit_code == 2
    (line,) = [x for x in result.stderr.splitlines() if x]
    assert line.startswith("planlint: error: waivers.yaml: waiver 2: unknown key note")
    (project / "waivers.yaml").write_text(
        WAIVERS.replace("    reason: 回头看由局办公室年底统一开展", "    reason: '  '")
    )
    result = run("plans", "--waivers", "waivers.yaml")
    assert result.exit_code == 2
    (line,) = [x for x in result.stderr.splitlines() if x]
    assert "waivers.yaml: waiver 2: reason: a waiver needs a written reason" in line
    assert result.stdout == ""


def test_a_bad_expiry_date_is_refused(project):
    (project / "waivers.yaml").write_text(WAIVERS.replace("2999-12-31", "next year"), "utf-8")
    result = run("plans", "--waivers", "waivers.yaml")
    assert result.exit_code == 2
    assert "waiver 1: expires: 'next year' is not a date YYYY-MM-DD" in result.stderr


def test_an_expired_waiver_is_reported_and_no_longer_applies(project):
    (project / "waivers.yaml").write_text(WAIVERS.replace("2999-12-31", "2020-01-31"), "utf-8")
    result = run(f"plans/{MD}", "--waivers", "waivers.yaml", "-f", "json")
    assert result.exit_code == 1
    assert (MD, "task-ledger", "missing") in findings(result)
    (warning,) = lines(result, "warning")
    assert (
        "waivers.yaml: waiver 1 (plan plans/*.md, rule task-ledger): expired on 2020-01-31"
        in warning
    )


def test_a_waiver_that_matches_nothing_is_reported(project):
    extra = (
        "  - plan: plans/*.md\n    rule: training\n    reason: 培训已覆盖\n"
        "  - plan: archive/*.docx\n    rule: lookback\n    reason: 旧方案\n"
    )
    (project / "waivers.yaml").write_text(WAIVERS + extra, "utf-8")
    result = run("plans", "--waivers", "waivers.yaml")
    warnings = lines(result, "warning")
    assert len(warnings) == 2, result.stderr
    assert "waiver 3 (plan plans/*.md, rule training): matched no finding" in warnings[0]
    assert "waiver 4 (plan archive/*.docx, rule lookback): matched no plan" in warnings[1]
    assert result.exit_code == 1  # the leader-briefing error of the .txt plan is still there


def test_waivers_from_the_configuration_inline_or_by_file(project):
    (project / "pyproject.toml").write_text(
        "[tool.planlint]\n"
        "[[tool.planlint.waivers]]\n"
        'plan = "plans/*.md"\nrule = "task-ledger"\nreason = "市里统一建立台账"\n'
        "expires = 2999-12-31\n"
        "[[tool.planlint.waivers]]\n"
        'plan = "plans/*.md"\nrule = "lookback"\nreason = "年底统一开展"\n',
        "utf-8",
    )
    assert run(f"plans/{MD}").exit_code == 0
    (project / "pyproject.toml").write_text(
        '[tool.planlint]\nwaivers = "ci/waivers.yaml"\n', "utf-8"
    )
    (project / "ci").mkdir()
    # in a waiver file the plan globs are read from the file's folder
    (project / "ci" / "waivers.yaml").write_text(WAIVERS.replace("plans/*.md", "../plans/*.md"))
    assert run(f"plans/{MD}").exit_code == 0
    (project / "pyproject.toml").write_text(
        '[tool.planlint]\n[[tool.planlint.waivers]]\nplan = "*.md"\nrule = "lookback"\n', "utf-8"
    )
    result = run(f"plans/{MD}")
    assert result.exit_code == 2
    assert "pyproject.toml [tool.planlint]: waivers: waiver 1: reason:" in result.stderr


def test_waivers_apply_before_the_baseline_is_written(project):
    (project / "waivers.yaml").write_text(WAIVERS, "utf-8")
    run("plans", "--waivers", "waivers.yaml", "--write-baseline", "baseline.json")
    rules = {
        e["rule"] for e in json.loads((project / "baseline.json").read_text("utf-8"))["findings"]
    }
    assert "core/lookback" not in rules and "core/leader-briefing" in rules
