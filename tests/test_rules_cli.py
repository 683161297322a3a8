"""``planlint rules list/show/test/validate``: the pack tooling, run as a user runs it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planlint.cli import app
from planlint.rules import builtin_packs

runner = CliRunner()


def _rules(*args: str):
    return runner.invoke(app, ["rules", *args])


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_pack_passes_its_embedded_tests():
    """What CI runs: ``planlint rules test`` over every shipped pack, exit 0."""
    result = _rules("test")
    assert result.exit_code == 0, result.stdout + result.stderr
    for name in builtin_packs():
        assert re.search(rf"^{name}：\d+ 条规则，\d+ 个用例，0 个未通过$", result.stdout, re.M)


def test_list_shows_versions_years_counts_and_bases():
    result = _rules("list", "--lang", "en")
    assert result.exit_code == 0
    rows = {line.split("\t")[0]: line.split("\t") for line in result.stdout.splitlines()}
    assert rows["pack"][:4] == ["pack", "version", "year", "rules"]
    assert rows["core"][1:4] == ["1", "-", "10"]
    assert rows["national-2021"][2] == "2021"
    assert rows["prov-example-2022"][4] == "national-2022"


def test_show_gives_title_source_patterns_and_tests():
    result = _rules("show", "tax-relief-2022")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("national-2022/tax-relief-2022\n")
    assert "国办发〔2022〕8号" in out and "留抵退税" in out
    assert "应匹配的用例" in out and "不应匹配的用例" in out
    english = _rules("show", "core/leader-briefing", "--lang", "en").stdout
    assert "principal leader" in english and "patterns (any one may hit)" in english
    assert "relayed by" in _rules("show", "employment-2021", "--lang", "en").stdout


def test_show_gives_the_due_date_by_kind_of_issuer():
    """The annual report's date differs by issuer (core.yaml ``due.issuers``): every date is
    shown, relative to the plan's year, with its basis and the date an unknown issuer gets."""
    zh = _rules("show", "core/annual-report").stdout.splitlines()
    at = zh.index("规定完成时限: 次年1月31日（依据：《中华人民共和国政府信息公开条例》第四十九条）")
    assert zh[at + 1 : at + 3] == [
        "  - 发文机关为人民政府或其办公厅（室）时: 次年3月31日",
        "  - 发文机关类别不明时（取各类中最晚的时限）: 次年3月31日",
    ]
    en = _rules("show", "core/annual-report", "--lang", "en").stdout.splitlines()
    at = next(i for i, line in enumerate(en) if line.startswith("due: "))
    assert en[at : at + 3] == [
        "due: 31 January of the next year (basis: 《中华人民共和国政府信息公开条例》第四十九条)",
        "  - when a people's government or its general office issues the plan: "
        "31 March of the next year",
        "  - when the issuer's kind is unknown (the latest date of any kind): "
        "31 March of the next year",
    ]
    assert "due: " not in _rules("show", "core/leader-briefing", "--lang", "en").stdout


def test_show_gives_a_due_month_end_in_the_plans_year(tmp_path):
    pack = _write(
        tmp_path,
        "due.yaml",
        "pack: due\nrules:\n  - id: ledger\n    title: 台账\n    severity: warning\n"
        "    due: {month: 6, issuers: {department: {month: 2, day: 29, year: next}}}\n"
        "    match:\n      any:\n        - all: [台账]\n",
    )
    zh = _rules("show", "ledger", "--pack", str(pack)).stdout.splitlines()
    assert "规定完成时限: 当年6月底" in zh
    assert "  - 发文机关为政府部门时: 次年2月29日" in zh
    assert "  - 发文机关类别不明时（取各类中最晚的时限）: 次年2月29日" in zh
    en = _rules("show", "ledger", "--pack", str(pack), "--lang", "en").stdout.splitlines()
    assert "due: the end of June of the plan's year" in en
    assert "  - when a government department issues the plan: 29 February of the next year" in en


def test_show_an_unknown_rule_is_exit_2():
    result = _rules("show", "no-such-rule")
    assert result.exit_code == 2 and "no-such-rule" in result.stderr


FAILING = """pack: failing
synonyms:
  act: [公开, 公布]
rules:
  - id: x
    title: X
    severity: info
    match:
      any:
        - all: [[培训], $act]
    tests:
      match: [组织培训工作]
      no_match: [公开培训计划]
"""


def test_a_failing_test_says_what_was_lacking_and_what_hit(tmp_path):
    pack = _write(tmp_path, "p.yaml", FAILING)
    result = _rules("test", str(pack), "--lang", "en")
    assert result.exit_code == 1
    assert "failing/x: should match but did not: 组织培训工作; lacking: #1 公开" in result.stdout
    assert "failing/x: should not match but did: 公开培训计划; matched: 培训、公开" in result.stdout
    assert "failing: 1 rules, 2 tests, 2 failed" in result.stdout


def test_a_pack_that_does_not_load_is_exit_2(tmp_path):
    pack = _write(tmp_path, "p.yaml", "pack: p\nrules: 5\n")
    assert _rules("test", str(pack)).exit_code == 2


RULE = """  - id: {id}
    title: T
    severity: error
    match:
{match}
"""


def _pack(*rules: tuple[str, str], head: str = "pack: p\n") -> str:
    body = "".join(RULE.format(id=rid, match=match) for rid, match in rules)
    return head + "rules:\n" + body


GOOD = "      any:\n        - all: [[政务公开], [培训]]\n          within: 20\n"


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        (_pack(("a", GOOD), ("a", GOOD)), 11, "rule a: id: duplicate rule id (first at line 3)"),
        (
            _pack(("a", GOOD), head="pack: p\nextends: nowhere\n"),
            2,
            "extends: no such pack 'nowhere'",
        ),
        (
            _pack(
                ("a", "      exclude: [分管领导]\n      any:\n        - all: [[分管领导同志]]\n")
            ),
            9,
            "the group ['分管领导同志'] can never match (every term is masked",
        ),
        (
            _pack(("a", "      any:\n        - all: [[培训]]\n          none: [[培]]\n")),
            8,
            "can never match (every term holds a veto term",
        ),
        (_pack(("a", "      any:\n        - all: [['  ']]\n")), 8, "empty once normalised"),
        (_pack(("a", GOOD.replace("20", "900"))), 9, "within 900 is too long"),
        (_pack(("a", GOOD.replace("20", "3"))), 9, "within 3 is shorter"),
        (_pack(("a", GOOD)).replace("    severity: error\n", ""), 3, "'severity' is a required"),
        (
            _pack(("a", GOOD)).replace("title: T", "title: T\n    colour: red"),
            3,
            "unknown key 'colour'",
        ),
        ("pack: p\nrules: [\n", 3, "line 3"),
    ],
)
def test_validate_reports_each_problem_as_file_line_message(tmp_path, text, line, expected):
    pack = _write(tmp_path, "p.yaml", text)
    result = _rules("validate", str(pack), "--lang", "en")
    assert result.exit_code == 2, result.stdout
    lines = result.stderr.splitlines()
    assert any(x.startswith(f"{pack}:{line}: ") and expected in x for x in lines), result.stderr


def test_validate_a_cycle_and_an_unknown_drop(tmp_path):
    _write(tmp_path, "d.yaml", "pack: d\nextends: c.yaml\n")
    c = _write(tmp_path, "c.yaml", "pack: c\nextends: d.yaml\n")
    result = _rules("validate", str(c), "--lang", "en")
    assert result.exit_code == 2 and f"{c}:2: extends: a cycle" in result.stderr
    e = _write(tmp_path, "e.yaml", "pack: e\nextends: national-2021\ndrop: [open-day-2021, nope]\n")
    result = _rules("validate", str(e), "--lang", "en")
    assert result.exit_code == 2
    assert f"{e}:3: drop: nope: no such rule in national-2021" in result.stderr


def test_validate_passes_every_shipped_pack_and_says_so_in_chinese():
    from planlint.rules import resolve

    paths = [str(resolve(name)) for name in builtin_packs()]
    result = _rules("validate", *paths)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("校验通过") == len(paths)
