"""What a run loads, and what it may skip: the shipped packs' index and the pack cache.

A run loads the year pack of each plan's year when that plan comes, and no other; a shipped
pack whose bytes the index lists is not checked against the schema again; a pack from the
cache, extended or not, is not checked again either. Each shortcut is observed from outside,
in a real child process: which cache entries a run leaves, whether JSON Schema was imported.
The index is only a shortcut: an edited pack, or a folder the index does not describe, is
loaded and checked in full.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pack_cli_support import run_check
from planlint import cache
from planlint.errors import PackError
from planlint.rules import builtin_dir, builtin_packs, load_pack
from planlint.rules.shipped import INDEX, index_text, years_by_index
from planlint.rules.years import shipped_years

# --- the index is the shipped packs' own ------------------------------------------------------


def test_the_index_describes_the_shipped_packs():
    written = (builtin_dir() / INDEX).read_text("utf-8")
    assert written == index_text(builtin_dir()), (
        "rules/index.json is stale: run `python -m planlint.rules.shipped` after changing a "
        "shipped pack or the schema"
    )


def test_the_index_gives_the_years_loading_every_pack_gives():
    by_loading: dict[int, str] = {}
    for name in builtin_packs():
        pack = load_pack(name)
        if pack.year is not None and not pack.extends:
            by_loading.setdefault(pack.year, name)
    assert years_by_index(builtin_dir()) == by_loading == shipped_years()
    assert sorted(by_loading) == [2019, 2020, 2021, 2022]


def _copy_shipped(folder: Path) -> Path:
    folder.mkdir()
    for path in builtin_dir().iterdir():
        if path.is_file():
            shutil.copy(path, folder / path.name)
    return folder


def test_an_index_that_no_longer_describes_its_folder_is_not_used(tmp_path):
    assert years_by_index(_copy_shipped(tmp_path / "same")) == years_by_index(builtin_dir())
    edited = _copy_shipped(tmp_path / "edited")
    text = (edited / "national-2021.yaml").read_text("utf-8")
    (edited / "national-2021.yaml").write_text(text.replace("year: 2021", "year: 2023"), "utf-8")
    assert years_by_index(edited) is None
    added = _copy_shipped(tmp_path / "added")
    shutil.copy(added / "national-2019.yaml", added / "national-2018.yaml")
    assert years_by_index(added) is None
    removed = _copy_shipped(tmp_path / "removed")
    (removed / "national-2020.yaml").unlink()
    assert years_by_index(removed) is None
    for name, text in (("broken", "{not json"), ("foreign", '{"format": "x"}'), ("empty", "")):
        folder = _copy_shipped(tmp_path / name)
        (folder / INDEX).write_text(text, "utf-8")
        assert years_by_index(folder) is None
    missing = _copy_shipped(tmp_path / "missing")
    (missing / INDEX).unlink()
    assert years_by_index(missing) is None


def test_an_edited_copy_of_a_shipped_pack_is_checked_against_the_schema(tmp_path):
    text = (builtin_dir() / "core.yaml").read_text("utf-8")
    bad = tmp_path / "core-edited.yaml"
    bad.write_text(text.replace("severity: error", "severity: fatal", 1), "utf-8")
    with pytest.raises(PackError) as info:
        load_pack(str(bad))
    assert "fatal" in info.value.render("en")


# --- what a run loads, seen from outside ------------------------------------------------------


def _plan(folder: Path, year: int) -> Path:
    path = folder / f"plan-{year}.txt"
    lines = [f"梅川市测试局{year}年政务公开工作要点", "一、加强政务公开"]
    lines += ["1.主要负责同志每年听取政务公开工作汇报（责任科室：办公室）"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _entries(folder: Path) -> list[str]:
    """The packs the cache entries in ``folder`` hold, by name."""
    return sorted(cache.get(p.stem)["pack"] for p in folder.glob("*.json"))


@pytest.mark.parametrize(
    ("year", "loaded"),
    [(2024, ["core"]), (2021, ["core", "national-2021"])],
)
def test_a_run_loads_only_the_year_pack_of_its_plans_year(tmp_path, monkeypatch, year, loaded):
    folder = tmp_path / "cache"
    plan = _plan(tmp_path, year)
    env = {**os.environ, "PLANLINT_CACHE_DIR": str(folder), "PYTHONIOENCODING": "utf-8"}
    env.pop("PLANLINT_NO_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-m", "planlint", "check", str(plan), "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    (result,) = json.loads(done.stdout)["plans"]
    assert result["packs"] == loaded
    monkeypatch.setenv("PLANLINT_CACHE_DIR", str(folder))
    assert _entries(folder) == loaded


_IMPORTS = """
import sys
from planlint.rules import load_pack
for spec in sys.argv[1:]:
    load_pack(spec)
print("jsonschema" in sys.modules, "yaml" in sys.modules)
"""


def _imports(folder: Path, *specs: str) -> tuple[bool, bool]:
    """Whether loading ``specs`` in a new process imported (JSON Schema, YAML)."""
    env = {**os.environ, "PLANLINT_CACHE_DIR": str(folder)}
    env.pop("PLANLINT_NO_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTS, *specs],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    schema, yaml = done.stdout.split()
    return schema == "True", yaml == "True"


def test_json_schema_is_never_imported_for_a_shipped_pack_or_a_cache_hit(tmp_path):
    folder = tmp_path / "cache"
    # an empty cache: the shipped packs (the extension too) are read, never checked again
    assert _imports(folder, "core", "prov-example-2022") == (False, True)
    # a warm cache: neither YAML nor JSON Schema, an extension like any other pack
    assert _imports(folder, "core", "prov-example-2022") == (False, False)


def test_a_packs_own_file_is_checked_once_then_cached(tmp_path):
    folder = tmp_path / "cache"
    base = tmp_path / "base.yaml"
    base.write_text((builtin_dir() / "national-2021.yaml").read_text("utf-8") + "\n", "utf-8")
    child = tmp_path / "child.yaml"
    child.write_text("pack: child\nextends: base.yaml\ndrop: [open-day-2021]\n", "utf-8")
    assert _imports(folder, str(child)) == (True, True)  # not the shipped bytes: checked
    assert _imports(folder, str(child)) == (False, False)


# --- an extension's cache entry is as untrusted as any other ------------------------------------

BASE = """pack: base
rules:
  - id: one
    title: 政务公开一
    severity: error
    match:
      any:
        - all: [[政务公开]]
  - id: two
    title: 开放日
    severity: error
    match:
      any:
        - all: [[开放日]]
"""

CHILD = """pack: child
extends: base.yaml
drop: [two]
rules:
  - id: three
    title: 演示三
    severity: warning
    match:
      any:
        - all: [[政务公开]]
"""

BAD_ENTRIES = {
    "not a pack": {"pack": 1, "rules": {"not": "a list"}},
    "extends nothing known": {"pack": "child", "extends": 5},
    "drops what the base lacks": {"pack": "child", "extends": "base.yaml", "drop": ["nine"]},
    "rules without ids": {"pack": "child", "extends": "base.yaml", "rules": [{"x": 1}]},
    "extends itself": {"pack": "child", "extends": "child.yaml"},
}


@pytest.mark.parametrize("kind", list(BAD_ENTRIES))
def test_a_bad_entry_for_an_extension_is_ignored_and_rewritten(tmp_path, monkeypatch, kind):
    (tmp_path / "base.yaml").write_text(BASE, "utf-8")
    child = tmp_path / "child.yaml"
    child.write_text(CHILD, "utf-8")
    folder = tmp_path / "cache"
    first = run_check(child, folder)
    assert first.returncode in (0, 1), first.stderr
    monkeypatch.setenv("PLANLINT_CACHE_DIR", str(folder))
    (entry,) = [p for p in folder.glob("*.json") if cache.get(p.stem)["pack"] == "child"]
    entry.write_bytes(cache.encode(entry.stem, BAD_ENTRIES[kind]))
    run = run_check(child, folder)
    assert "Traceback" not in run.stderr and "error" not in run.stderr, run.stderr[-2000:]
    assert run.stdout == first.stdout
    rules = [r["rule"] for r in json.loads(run.stdout)["plans"][0]["requirements"]]
    assert rules == ["one", "three"]
    assert cache.get(entry.stem)["pack"] == "child"  # the good entry is back


# --- the settings reach a year pack loaded late -------------------------------------------------


def _check_in(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PLANLINT_CACHE_DIR": str(folder / "cache"), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "planlint", "--lang", "en", "check", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=folder,
        timeout=120,
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_configured_severity_reaches_the_year_pack_of_a_plan(tmp_path, jobs):
    (tmp_path / "planlint.toml").write_text(
        '[severity]\n"national-2021/open-day-2021" = "info"\n"employment-2021" = "error"\n',
        "utf-8",
    )
    a, b = _plan(tmp_path, 2021), _plan(tmp_path, 2024)
    done = _check_in(tmp_path, str(a), str(b), "--format", "json", "--jobs", jobs)
    assert done.returncode in (0, 1), done.stderr
    plans = json.loads(done.stdout)["plans"]
    levels = {f["rule"]: f["severity"] for f in plans[0]["findings"]}
    assert levels["open-day-2021"] == "info" and levels["employment-2021"] == "error"
    assert plans[1]["year_pack"]["how"] == "missing"


def test_a_rule_name_no_pack_has_lists_the_year_packs_rules_too(tmp_path):
    plan = _plan(tmp_path, 2024)
    done = _check_in(tmp_path, str(plan), "--select", "open-dya-2021")
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert "open-dya-2021" in line and "epidemic-2020" in line and "annual-report" in line
    # a year rule is a name the settings may use, though no plan of its year is checked
    done = _check_in(tmp_path, str(plan), "--ignore", "open-day-2021", "--format", "json")
    assert done.returncode in (0, 1), done.stderr
