"""Year packs: packs that extend others (extends, drop, override by id) and ``--year``.

The plans are invented, in the shapes real ones take: a title naming the work year, numbered
items with the responsible unit in brackets.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planlint.cli import app
from planlint.errors import PackError
from planlint.rules import builtin_packs, load_pack
from planlint.rules.years import YearPacks, shipped_year_packs, year_packs

runner = CliRunner()

CORE = "core"


def _plan(tmp_path: Path, year: int | None, *items: str) -> Path:
    title = f"梅川市测试局{year}年政务公开工作要点" if year else "梅川市测试局政务公开工作要点"
    lines = [title, "一、加强政务公开"]
    lines += [f"{n}.{text}（责任科室：办公室）" for n, text in enumerate(items, 1)]
    path = tmp_path / f"plan-{year}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _check(*args: str) -> tuple[int, dict]:
    result = runner.invoke(app, ["check", *args, "--format", "json"])
    return result.exit_code, json.loads(result.stdout)


# --- the shipped year packs -----------------------------------------------------------------


def test_a_national_pack_for_each_year_2019_to_2022():
    packs = shipped_year_packs()
    assert sorted(packs) == [2019, 2020, 2021, 2022]
    core_ids = {r.id for r in load_pack(CORE).rules}
    for year, pack in packs.items():
        assert pack.name == f"national-{year}" and pack.year == year
        assert 8 <= len(pack.rules) <= 20, pack.name
        for rule in pack.rules:
            # goldscore and reports key requirements by id: a year rule never reuses a core id
            assert rule.id not in core_ids
            assert rule.source_document and rule.source_section, rule.id
            assert f"〔{year}〕" in rule.source_document, rule.id
            assert rule.tests_match and rule.tests_no_match, rule.id


def test_the_provincial_example_extends_drops_and_overrides():
    base = load_pack("national-2022")
    prov = load_pack("prov-example-2022")
    assert prov.extends == ("national-2022",) and prov.year == 2022
    ids = [r.id for r in prov.rules]
    assert "competition-enforcement-2022" not in ids  # dropped
    assert {"livelihood-projects-2022", "openness-community-2022"} <= set(ids)  # added
    # overridden in place: same id, the province's own wording, the base's position
    base_ids = [r.id for r in base.rules if r.id != "competition-enforcement-2022"]
    assert ids[: len(base_ids)] == base_ids
    library = next(r for r in prov.rules if r.id == "policy-library-2022")
    assert library.severity == "error" and library.pack == "prov-example-2022"
    assert "虚构" in prov.title


# --- extends, drop and overrides in packs of one's own ---------------------------------------

BASE = """pack: base
year: 2030
synonyms:
  act: [公开, 公布]
rules:
  - id: one
    title: 一
    severity: error
    match:
      any:
        - all: [[政策文件库], $act]
  - id: two
    title: 二
    severity: error
    match:
      any:
        - all: [[开放日]]
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_extension_uses_the_base_synonyms_and_keeps_its_year(tmp_path):
    _write(tmp_path, "base.yaml", BASE)
    child = _write(
        tmp_path,
        "child.yaml",
        """pack: child
extends: base.yaml
drop: [two]
rules:
  - id: one
    title: 一（覆盖）
    severity: warning
    match:
      any:
        - all: [[文件库], $act]
  - id: three
    title: 三
    severity: info
    match:
      any:
        - all: [[民生实事], $act]
""",
    )
    pack = load_pack(str(child))
    assert [(r.id, r.severity) for r in pack.rules] == [("one", "warning"), ("three", "info")]
    assert pack.year == 2030 and pack.extends == ("base",)
    assert all(r.pack == "child" for r in pack.rules)
    assert ("公开", "公布") in pack.rules[1].match.patterns[0].groups


def test_an_extension_of_a_shipped_pack_by_name(tmp_path):
    child = _write(
        tmp_path, "c.yaml", "pack: mine\nextends: national-2021\ndrop: [open-day-2021]\n"
    )
    pack = load_pack(str(child))
    assert len(pack.rules) == len(load_pack("national-2021").rules) - 1


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"c.yaml": "pack: c\nextends: nowhere\n"}, "nowhere"),
        (
            {"c.yaml": "pack: c\nextends: d.yaml\n", "d.yaml": "pack: d\nextends: c.yaml\n"},
            "c -> d",
        ),
        ({"c.yaml": "pack: c\nextends: c.yaml\n"}, "c -> c.yaml"),
        ({"c.yaml": "pack: c\nextends: national-2021\ndrop: [no-such]\n"}, "no-such"),
        ({"c.yaml": "pack: c\n"}, "rules"),  # neither rules nor extends
    ],
)
def test_bad_extensions_are_pack_errors(tmp_path, files, expected):
    for name, text in files.items():
        _write(tmp_path, name, text)
    with pytest.raises(PackError) as info:
        load_pack(str(tmp_path / "c.yaml"))
    assert expected in info.value.render("en")
    assert "\n" not in info.value.render("en")


# --- choosing a year pack --------------------------------------------------------------------


def test_auto_picks_by_the_plans_year_and_says_so(tmp_path):
    plan = _plan(tmp_path, 2021, "推进政府网站适老化和无障碍改造", "及时公开就业创业扶持政策")
    _, data = _check(str(plan))
    (result,) = data["plans"]
    assert result["packs"] == ["core", "national-2021"]
    assert result["year_pack"] == {"how": "auto", "year": 2021, "pack": "national-2021"}
    status = {r["rule"]: r["status"] for r in result["requirements"]}
    assert status["elderly-friendly-2021"] == "covered"
    assert status["employment-2021"] == "covered"
    assert status["open-day-2021"] == "missing"
    assert "leader-briefing" in status  # the core pack still applies


def test_a_year_without_a_pack_is_core_only_and_said(tmp_path):
    plan = _plan(tmp_path, 2024, "主要负责同志每年听取政务公开工作汇报")
    _, data = _check(str(plan))
    (result,) = data["plans"]
    assert result["packs"] == ["core"]
    assert result["year_pack"] == {"how": "missing", "year": 2024, "pack": None}
    text = runner.invoke(app, ["check", str(plan), "--format", "text"]).stdout
    assert "无 2024 年度规则包" in text
    english = runner.invoke(app, ["check", str(plan), "--format", "text", "--lang", "en"]).stdout
    assert "year pack: none for 2024" in english


def test_forced_and_off(tmp_path):
    plan = _plan(tmp_path, 2024, "推进政府网站适老化和无障碍改造")
    _, forced = _check(str(plan), "--year", "2021")
    assert forced["plans"][0]["packs"] == ["core", "national-2021"]
    assert forced["plans"][0]["year_pack"]["how"] == "forced"
    _, off = _check(str(plan), "--year", "none")
    assert off["plans"][0]["packs"] == ["core"]
    assert off["plans"][0]["year_pack"] == {"how": "off", "year": None, "pack": None}
    text = runner.invoke(app, ["check", str(plan), "--format", "text", "--year", "none"]).stdout
    assert "年度规则包" not in text  # nothing to say


@pytest.mark.parametrize("value", ["2017", "soon"])
def test_a_year_without_a_pack_or_not_a_year_is_exit_2(tmp_path, value):
    plan = _plan(tmp_path, 2021, "推进政府网站适老化改造")
    result = runner.invoke(app, ["check", str(plan), "--year", value])
    assert result.exit_code == 2
    assert "--year" in result.stderr and "2019" in result.stderr


def test_a_year_pack_named_with_pack_is_not_doubled(tmp_path):
    plan = _plan(tmp_path, 2022, "年底前建成本级政策文件库并与省政策库对接")
    _, data = _check(str(plan), "--pack", "core", "--pack", "prov-example-2022")
    (result,) = data["plans"]
    assert result["packs"] == ["core", "prov-example-2022"]
    assert result["year_pack"]["how"] == "configured"


def test_the_core_pack_can_be_deselected_and_year_rules_ignored(tmp_path):
    plan = _plan(tmp_path, 2021, "推进政府网站适老化和无障碍改造")
    _, data = _check(str(plan), "--select", "national-2021/elderly-friendly-2021")
    rules = [r["rule"] for r in data["plans"][0]["requirements"]]
    assert rules == ["elderly-friendly-2021"]
    _, data = _check(str(plan), "--ignore", "open-day-2021")
    rules = [r["rule"] for r in data["plans"][0]["requirements"]]
    assert "open-day-2021" not in rules and "leader-briefing" in rules


def test_a_batch_of_several_years_gets_each_its_own_pack(tmp_path):
    a = _plan(tmp_path, 2019, "及时更新政府信息公开指南")
    b = _plan(tmp_path, 2022, "持续做好疫情防控信息公开")
    _, data = _check(str(a), str(b), "--jobs", "1")
    assert [p["year_pack"]["pack"] for p in data["plans"]] == ["national-2019", "national-2022"]


def test_year_packs_helper_without_a_run():
    assert year_packs("none", []) == YearPacks("none")
    auto = year_packs("auto", [load_pack(CORE)])
    assert auto.choose(None)[1].how == "unknown"
    assert auto.choose(2020)[0].name == "national-2020"
    assert set(builtin_packs()) >= {f"national-{y}" for y in range(2019, 2023)}
