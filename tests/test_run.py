"""The runs behind the commands (planlint.run), driven without click: a request of resolved
options in, the exit code out, and what is said on standard error gathered from the ``say``
they are given, in the order it is said. The command line's own output is test_cli.py's."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from planlint.errors import PlanlintError
from planlint.run import CheckRequest, ParseRequest, run_check, run_parse
from planlint.run.rules import list_packs, show_rule
from planlint.workers import WorkerLimits

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MD = "markdown-split-tables.md"  # task-ledger missing, lookback unassigned
TAB = "tab-dump-division-plan.txt"  # every core requirement covered; warnings only
ONE = WorkerLimits(jobs=1)

WAIVERS = """\
waivers:
  - plan: "*.md"
    rule: task-ledger
    reason: 台账由市政务公开办统一建立
    expires: 2020-01-31
  - plan: "*.md"
    rule: lookback
    reason: 回头看由局办公室年底统一开展
"""


class Said(list):
    """A ``say`` that keeps each (level, message) it is given."""

    def __call__(self, level: str, message: str) -> None:
        self.append((level, message))

    def levels(self) -> list[str]:
        return [level for level, _ in self]


@pytest.fixture
def plans(tmp_path, monkeypatch):
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in (MD, TAB):
        shutil.copy(EXAMPLES / name, folder / name)
    monkeypatch.chdir(tmp_path)
    return folder


def check(*paths: str, **options) -> CheckRequest:
    return CheckRequest(
        paths=paths, fmt=options.pop("fmt", "json"), lang="en", workers=ONE, **options
    )


def test_a_clean_plan_is_exit_0_with_nothing_said(plans, capsys):
    said = Said()
    assert run_check(check(f"plans/{TAB}", isolated=True), said) == 0
    assert said == []
    (plan,) = json.loads(capsys.readouterr().out)["plans"]
    assert plan["path"].endswith(TAB)


def test_after_the_report_warnings_then_notes_then_failed_files(plans, capsys):
    (plans / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (plans.parent / "waivers.yaml").write_text(WAIVERS, "utf-8")
    said = Said()
    code = run_check(check("plans", isolated=True, waivers="waivers.yaml"), said)
    assert code == 2  # a file could not be read
    assert said.levels() == ["warning", "note", "error"], said
    assert "expired on 2020-01-31" in said[0][1]
    assert "accepted by waivers" in said[1][1]
    assert "broken.docx" in said[2][1]
    report = json.loads(capsys.readouterr().out)  # the failure is in the report too
    assert len(report["plans"]) == 2 and "broken.docx" in report["errors"][0]["path"]


def test_findings_decide_the_exit_code_as_configured(plans, capsys):
    assert run_check(check(f"plans/{MD}", isolated=True), Said()) == 1
    assert run_check(check(f"plans/{MD}", isolated=True, exit_zero=True), Said()) == 0
    capsys.readouterr()


def test_a_bad_setting_is_raised_for_the_command_line_to_say(plans, capsys):
    said = Said()
    with pytest.raises(PlanlintError) as raised:
        run_check(check("plans", isolated=True, select=("nonesuch",)), said)
    assert "nonesuch" in raised.value.render("en")
    assert said == [] and capsys.readouterr().out == ""


def test_usage_errors_are_said_and_exit_2_before_any_plan_is_read(plans, capsys):
    said = Said()
    request = check(f"plans/{TAB}", isolated=True, stdin_filename="x.txt")
    assert run_check(request, said) == 2
    assert said.levels() == ["error"] and "--stdin-filename" in said[0][1]
    said.clear()
    assert run_check(check("plans", isolated=True, fmt="text", output="/no/such/dir/r"), said) == 2
    assert said.levels() == ["error"] and "/no/such/dir/r" in said[0][1]
    assert capsys.readouterr().out == ""


def test_an_empty_folder_is_no_plans(tmp_path, capsys):
    said = Said()
    assert run_check(check(str(tmp_path), isolated=True), said) == 2
    assert said.levels() == ["error"]
    capsys.readouterr()


def test_parse_shows_what_was_read_and_says_what_was_not(plans, capsys):
    (plans / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    said = Said()
    request = ParseRequest(paths=("plans",), fmt="json", lang="en", workers=ONE)
    assert run_parse(request, said) == 2
    assert said.levels() == ["error"] and "broken.docx" in said[0][1]
    shown = json.loads(capsys.readouterr().out)
    assert shown["errors"] and len(shown["plans"]) == 2


def test_parse_refuses_a_format_it_has_not_after_the_files(plans, capsys):
    said = Said()
    request = ParseRequest(paths=(f"plans/{TAB}",), fmt="sarif", lang="en", workers=ONE)
    assert run_parse(request, said) == 2
    assert said.levels() == ["error"] and "sarif" in said[0][1]
    assert capsys.readouterr().out == ""


def test_the_pack_tooling_runs_without_click(capsys):
    said = Said()
    assert list_packs("en", said) == 0 and said == []
    assert "core\t" in capsys.readouterr().out
    assert show_rule("nonesuch", None, "en", said) == 2
    assert said.levels() == ["error"] and "nonesuch" in said[0][1]
