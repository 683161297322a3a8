"""The project's configuration, as a CI job meets it: found from the working directory upward,
one file per run by a documented precedence, overridden by flags, and refused in one line when
a key is wrong. Every test runs the real ``planlint check`` on copies of the examples."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planlint.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# markdown-split-tables.md: task-ledger missing and lookback unassigned (errors), annual-report
# not applicable (info; "——" declared as not involved), owners include 人事科
MD = "markdown-split-tables.md"
# tab-dump-division-plan.txt: warnings only (a diffuse owner, a vague deadline)
TAB = "tab-dump-division-plan.txt"
# numbered-list-inline.txt: leader-briefing missing (error), two warnings
NUM = "numbered-list-inline.txt"

runner = CliRunner()


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with a copy of three examples under plans/, the working directory."""
    plans = tmp_path / "plans"
    plans.mkdir()
    for name in (MD, TAB, NUM):
        shutil.copy(EXAMPLES / name, plans / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    """``planlint check`` in English (errors are Chinese unless asked: test_language.py)."""
    return runner.invoke(app, ["check", *args, "--jobs", "1", "--lang", "en"])


def findings(result) -> dict[str, list[tuple[str, str, str]]]:
    doc = json.loads(result.stdout)
    return {
        Path(p["path"]).name: [(f["severity"], f["rule"], f["kind"]) for f in p["findings"]]
        for p in doc["plans"]
    }


def one_error_line(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("planlint: error: ")
    return lines[0]


# --- discovery and precedence ----------------------------------------------------------------


def test_config_is_found_from_the_working_directory_upward(project, monkeypatch):
    assert run(f"plans/{MD}").exit_code == 1
    (project / "planlint.toml").write_text('ignore = ["lookback", "task-ledger"]\n', "utf-8")
    deep = project / "plans" / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    result = run(f"../../{MD}", "-f", "json")
    assert result.exit_code == 0, result.output
    assert findings(result)[MD] == [("info", "annual-report", "not-applicable")]


def test_precedence_in_one_folder_planlint_toml_then_yaml_then_pyproject(project):
    (project / "pyproject.toml").write_text('[tool.planlint]\nselect = ["lookback"]\n', "utf-8")
    (project / ".planlint.yaml").write_text("select: [task-ledger]\n", "utf-8")
    (project / "planlint.toml").write_text('select = ["annual-report"]\n', "utf-8")
    rules = []
    for remove in ("planlint.toml", ".planlint.yaml", "pyproject.toml"):
        result = run(f"plans/{MD}", "-f", "json")
        rules.append({rule for _, rule, _ in findings(result)[MD]})
        (project / remove).unlink()
    assert rules == [{"annual-report"}, {"task-ledger"}, {"lookback"}]


def test_nearest_folder_wins_and_a_pyproject_without_the_table_is_passed_over(project, monkeypatch):
    (project / "planlint.toml").write_text('select = ["task-ledger"]\n', "utf-8")
    sub = project / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    monkeypatch.chdir(sub)
    result = run(f"../plans/{MD}", "-f", "json")
    assert {rule for _, rule, _ in findings(result)[MD]} == {"task-ledger"}
    (sub / ".planlint.yaml").write_text("select: [lookback]\n", "utf-8")
    result = run(f"../plans/{MD}", "-f", "json")
    assert {rule for _, rule, _ in findings(result)[MD]} == {"lookback"}


def test_config_names_a_file_and_isolated_uses_none(project):
    (project / "planlint.toml").write_text('ignore = ["lookback", "task-ledger"]\n', "utf-8")
    other = project / "ci.yaml"
    other.write_text("select: [lookback]\n", "utf-8")
    assert run(f"plans/{MD}").exit_code == 0
    result = run(f"plans/{MD}", "--config", str(other), "-f", "json")
    assert {rule for _, rule, _ in findings(result)[MD]} == {"lookback"}
    assert run(f"plans/{MD}", "--isolated").exit_code == 1


def test_a_named_pyproject_needs_the_table(project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    result = run(f"plans/{MD}", "--config", "pyproject.toml")
    assert result.exit_code == 2
    assert "pyproject.toml: no [tool.planlint] table" in one_error_line(result)


# --- unknown keys and bad values: one line, exit 2 ------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "shown"),
    [
        ("planlint.toml", 'fial-on = "warning"\n', "planlint.toml: unknown key fial-on"),
        (".planlint.yaml", "selekt: [lookback]\n", ".planlint.yaml: unknown key selekt"),
        (
            "pyproject.toml",
            '[tool.planlint]\npacks = ["core"]\nregex = "x"\n',
            "pyproject.toml [tool.planlint]: unknown key regex",
        ),
    ],
)
def test_an_unknown_key_is_one_line_naming_key_and_file(project, name, text, shown):
    (project / name).write_text(text, "utf-8")
    result = run("plans")
    assert result.exit_code == 2
    assert shown in one_error_line(result)
    assert result.stdout == ""


def test_a_typo_gets_a_suggestion(project):
    (project / "planlint.toml").write_text('fial-on = "warning"\n', "utf-8")
    assert "did you mean fail-on?" in one_error_line(run("plans"))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('fail-on = "fatal"\n', "fail-on: 'fatal' is not one of error, warning, info"),
        ("select = 3\n", "select: expected a list of text"),
        ('[severity]\nlookback = "high"\n', "severity.lookback: 'high' is not one of"),
        ('[placeholders]\n"——" = "maybe"\n', "is not one of not-involved, unassigned"),
        ('ignore = ["lokback"]\n', "ignore: unknown rule lokback"),
        ('[severity]\n"core/lokback" = "info"\n', "severity: unknown rule core/lokback"),
        ("fail-on = \n", "invalid TOML"),
    ],
)
def test_bad_values_are_one_line_naming_the_file(project, text, shown):
    (project / "planlint.toml").write_text(text, "utf-8")
    result = run("plans")
    assert result.exit_code == 2
    line = one_error_line(result)
    assert "planlint.toml" in line and shown in line


def test_an_unknown_rule_on_the_command_line_names_the_flag(project):
    result = run("plans", "--select", "lookback,lokback")
    assert result.exit_code == 2
    assert "--select: unknown rule lokback" in one_error_line(result)


# --- select, ignore, severity, fail-on, exit-zero --------------------------------------------


def test_select_and_ignore_by_id_and_by_pack_qualified_id(project):
    result = run(f"plans/{MD}", "-f", "json", "--select", "core/lookback", "--select", "training")
    assert findings(result)[MD] == [("error", "lookback", "unassigned")]
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert {r["rule"] for r in doc["plans"][0]["requirements"]} == {"lookback", "training"}
    result = run(f"plans/{MD}", "-f", "json", "--ignore", "lookback,core/task-ledger")
    assert findings(result)[MD] == [("info", "annual-report", "not-applicable")]
    assert result.exit_code == 0


def test_severity_overrides_set_the_rule_level(project):
    (project / "planlint.toml").write_text(
        '[severity]\nlookback = "warning"\n"core/task-ledger" = "info"\n', "utf-8"
    )
    result = run(f"plans/{MD}", "-f", "json")
    assert result.exit_code == 0, result.output
    assert set(findings(result)[MD]) == {
        ("warning", "lookback", "unassigned"),
        ("info", "task-ledger", "missing"),
        ("info", "annual-report", "not-applicable"),
    }


def test_fail_on_levels_and_exit_zero(project):
    assert run(f"plans/{TAB}").exit_code == 0  # warnings only
    assert run(f"plans/{TAB}", "--fail-on", "warning").exit_code == 1
    assert run(f"plans/{MD}", "--ignore", "lookback,task-ledger").exit_code == 0
    assert (
        run(f"plans/{MD}", "--ignore", "lookback,task-ledger", "--fail-on", "info").exit_code == 1
    )
    assert run(f"plans/{MD}", "--exit-zero").exit_code == 0
    assert run("plans/missing.md", "--exit-zero").exit_code == 2  # an input error still is one


def test_command_line_flags_override_the_file(project):
    (project / "planlint.toml").write_text(
        'fail-on = "warning"\nselect = ["lookback"]\nignore = ["public-concern-response"]\n',
        "utf-8",
    )
    assert run(f"plans/{TAB}").exit_code == 0  # its warnings are not of lookback
    assert run(f"plans/{TAB}", "--select", "public-concern-response").exit_code == 0  # ignored
    assert run(f"plans/{TAB}", "--select", "training").exit_code == 1  # select replaced
    assert run(f"plans/{TAB}", "--select", "training", "--ignore", "training").exit_code == 0
    assert run(f"plans/{TAB}", "--select", "training", "--fail-on", "error").exit_code == 0
    assert run(f"plans/{MD}").exit_code == 1
    assert run(f"plans/{MD}", "--exit-zero").exit_code == 0


# --- include / exclude -----------------------------------------------------------------------


def _plans(result) -> set[str]:
    return {p["path"] for p in json.loads(result.stdout)["plans"]}


def test_exclude_and_include_globs_narrow_the_folder_search(project):
    drafts = project / "plans" / "草稿"
    drafts.mkdir()
    shutil.copy(EXAMPLES / MD, drafts / MD)
    all_four = run("plans", "-f", "json")
    assert len(_plans(all_four)) == 4
    (project / "planlint.toml").write_text('exclude = ["草稿"]\n', "utf-8")
    assert _plans(run("plans", "-f", "json")) == {f"plans/{n}" for n in (MD, NUM, TAB)}
    (project / "planlint.toml").write_text('exclude = ["plans/*.txt"]\n', "utf-8")
    assert _plans(run("plans", "-f", "json")) == {f"plans/{MD}", f"plans/草稿/{MD}"}
    (project / "planlint.toml").write_text('include = ["*.md"]\nexclude = ["草稿"]\n', "utf-8")
    assert _plans(run("plans", "-f", "json")) == {f"plans/{MD}"}
    # --exclude replaces the file's list; a file named on the command line is always checked
    assert _plans(run("plans", "-f", "json", "--exclude", "*.txt")) == {
        f"plans/{MD}",
        f"plans/草稿/{MD}",
    }
    assert _plans(run(f"plans/草稿/{MD}", "-f", "json")) == {f"plans/草稿/{MD}"}


def test_an_excluded_folder_is_not_entered(project):
    broken = project / "plans" / "old"
    broken.mkdir()
    (broken / "gone.md").symlink_to(project / "nowhere.md")  # an error if searched
    assert run("plans").exit_code == 2
    (project / "planlint.toml").write_text('exclude = ["old"]\n', "utf-8")
    result = run("plans")
    assert result.exit_code == 1 and "gone.md" not in result.stderr


# --- placeholders and departments -------------------------------------------------------------


def test_placeholder_meanings_fill_in_what_the_plan_does_not_declare(project):
    text = (EXAMPLES / MD).read_text("utf-8")
    undeclared = "\n".join(line for line in text.splitlines() if not line.startswith("注："))
    (project / "plans" / MD).write_text(undeclared, "utf-8")
    before = findings(run(f"plans/{MD}", "-f", "json"))[MD]
    assert ("error", "annual-report", "unassigned") in before
    (project / ".planlint.yaml").write_text("placeholders:\n  '——': not-involved\n", "utf-8")
    result = run(f"plans/{MD}", "-f", "json")
    assert ("info", "annual-report", "not-applicable") in findings(result)[MD]
    assert json.loads(result.stdout)["plans"][0]["placeholders"] == {"——": "not-involved"}


def test_an_owner_not_on_the_department_list_is_a_warning(project):
    units = [
        "办公室",
        "人事股",  # the plan writes 人事科: a near miss
        "信息中心",
        "法规科",
        "国土空间规划科",
        "耕地保护科",
        "用地审批科",
        "矿产资源管理科",
        "不動產登記中心",  # traditional characters still match the plan's 不动产登记中心
    ]
    (project / "planlint.toml").write_text(f"departments = {json.dumps(units)}\n", "utf-8")
    result = run(f"plans/{MD}", "-f", "json", "--lang", "en", "--ignore", "lookback,task-ledger")
    assert result.exit_code == 0  # a warning: the default fail-on is error
    doc = json.loads(result.stdout)["plans"][0]
    unknown = [f for f in doc["findings"] if f["rule"] == "unknown-department"]
    assert len(unknown) == 1, unknown
    (finding,) = unknown
    assert finding["severity"] == "warning" and finding["pack"] == "planlint"
    assert finding["item"] == "18" and finding["location"]
    assert "人事科" in finding["message"] and "did you mean '人事股'" in finding["message"]
    # 各起草科室 ("all drafting offices") is a diffuse owner, not an unknown department
    assert "各起草科室" not in json.dumps(unknown, ensure_ascii=False)
    assert (
        run(f"plans/{MD}", "--ignore", "lookback,task-ledger", "--fail-on", "warning").exit_code
        == 1
    )
    ignored = run(f"plans/{MD}", "--ignore", "lookback,task-ledger,unknown-department")
    assert ignored.exit_code == 0


def test_packs_from_the_config_are_read_from_its_folder(project, monkeypatch):
    conf = project / "conf"
    conf.mkdir()
    (conf / "mine.yaml").write_text(
        "pack: mine\nrules:\n  - id: demo\n    title: 演示\n    severity: error\n"
        "    match:\n      any:\n        - all: [[不存在的词语]]\n",
        "utf-8",
    )
    (conf / "planlint.toml").write_text('packs = ["mine.yaml"]\n', "utf-8")
    result = run(f"plans/{TAB}", "--config", "conf/planlint.toml", "-f", "json")
    doc = json.loads(result.stdout)["plans"][0]
    assert doc["packs"] == ["mine"]
    assert [(f["pack"], f["rule"]) for f in doc["findings"]] == [("mine", "demo")]


def test_isolated_and_config_together_are_a_usage_error(project):
    (project / "planlint.toml").write_text('fail-on = "info"\n', "utf-8")
    result = run("plans", "--isolated", "--config", "planlint.toml")
    assert result.exit_code == 2
    assert "--isolated" in one_error_line(result)
