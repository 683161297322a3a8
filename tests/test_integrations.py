"""The integrations run as their platforms run them (README "Use in CI"):

- the pre-commit hook through the real ``pre-commit try-repo``, which installs planlint from a
  git repository into its own virtualenv (``pip install .``) and passes it the staged files;
- the GitHub Action's check step, its bash script run with the environment the runner gives it;
- the GitLab job's script lines, run in one shell as a GitLab runner runs them.

The try-repo test needs git, pre-commit (a test dependency) and a package index for planlint's
dependencies; without git or pre-commit it skips, and a failed install that is plainly a network
problem skips with pip's reason, while any other failure fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from planlint.readers import PLAN_SUFFIXES

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FAILING = "numbered-list-inline.txt"  # leader-briefing missing: exit 1
PASSING = ("tab-dump-division-plan.txt", "traditional-pipe-dump.txt")  # all ten covered
BIN = Path(sys.executable).parent  # where this environment's `planlint` script is


def _hook() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "planlint"]
    return hook


# --- the pre-commit hook ----------------------------------------------------------------------


def test_hook_takes_every_plan_suffix_and_nothing_else():
    """The hook's ``files`` pattern is ``PLAN_SUFFIXES``, so pre-commit hands over exactly what
    the folder search would read; READMEs, hidden and Office lock files are left alone."""
    hook = _hook()
    assert hook["entry"] == "planlint check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True and hook["require_serial"] is False
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    for suffix in PLAN_SUFFIXES:
        for name in (f"plans/第1方案{suffix}", f"PLAN{suffix.upper()}"):
            assert files.search(name) and not exclude.search(name), name
    for name in ("setup.py", "data.json", "ci.yml", "plans/plan.docx.bak", "plan.odt"):
        assert not files.search(name), name
    for name in ("README.md", "docs/readme.txt", "CHANGELOG.md", "LICENSE.txt", ".notes.md"):
        assert exclude.search(name), name
    assert exclude.search("plans/~$分工方案.docx")


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={**os.environ, **_GIT_IDENTITY},
    )


_GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "planlint tests",
    "GIT_AUTHOR_EMAIL": "tests@planlint.invalid",
    "GIT_COMMITTER_NAME": "planlint tests",
    "GIT_COMMITTER_EMAIL": "tests@planlint.invalid",
}


def _repo(path: Path) -> Path:
    _git("init", "-q", cwd=path)
    _git("add", "-A", cwd=path)
    _git("commit", "-q", "-m", "snapshot", cwd=path)
    return path


# What `pip install .` needs of the working tree: the build, the package, the packs, the readme.
_HOOK_SOURCE = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src", "rules")

_NETWORK = re.compile(
    r"NewConnectionError|Temporary failure in name resolution|Network is unreachable|"
    r"ProxyError|Could not find a version that satisfies|No matching distribution found|"
    r"Max retries exceeded|Connection refused|SSLError"
)


@pytest.fixture(scope="module")
def try_repo(tmp_path_factory):
    """``pre-commit try-repo HOOK planlint --files …`` in a repository of plans.

    The hook repository is a git snapshot of this working tree (try-repo takes a repository's
    committed state, or its tracked changes, never its untracked files), so the test checks the
    hook as the tree under test defines it, not as some earlier commit did. pre-commit's own
    home is private to the module: the hook's environment is built once for all the runs."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pre_commit = BIN / "pre-commit"
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    base = tmp_path_factory.mktemp("pre-commit")
    hook = base / "hook"
    hook.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in _HOOK_SOURCE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, hook / name, ignore=ignore)
        else:
            shutil.copy2(source, hook / name)
    _repo(hook)
    plans = base / "plans"
    (plans / "plans").mkdir(parents=True)
    for name in (FAILING, *PASSING):
        shutil.copy2(EXAMPLES / name, plans / "plans" / name)
    shutil.copy2(EXAMPLES / "README.md", plans / "plans" / "README.md")  # no plan: skipped
    _repo(plans)
    env = {**os.environ, **_GIT_IDENTITY, "PRE_COMMIT_HOME": str(base / "home")}
    env.pop("PRE_COMMIT", None)  # not inside someone else's pre-commit run
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        args = [str(pre_commit), "try-repo", str(hook), "planlint", "--verbose", "--files"]
        proc = subprocess.run(
            [*args, *files],
            cwd=plans,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=900,
        )
        if proc.returncode not in (0, 1) or "An unexpected error" in proc.stdout:
            log = base / "home" / "pre-commit.log"
            text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
            found = _NETWORK.search(text + proc.stdout + proc.stderr)
            if found:
                pytest.skip(f"pre-commit could not install the hook's dependencies: {found[0]}")
            pytest.fail(f"pre-commit try-repo failed:\n{proc.stdout}\n{proc.stderr}\n{text}")
        return proc

    return run


def test_pre_commit_hook_fails_a_plan_missing_a_requirement(try_repo):
    proc = try_repo(f"plans/{FAILING}", "plans/README.md", f"plans/{PASSING[0]}")
    assert proc.returncode == 1, proc.stdout
    out = proc.stdout
    assert re.search(r"^planlint\.+Failed$", out, re.M), out
    assert f"plans/{FAILING}:1:1: error core/leader-briefing" in out
    assert "README" not in out.split("Failed", 1)[1]  # the README was not handed to planlint


def test_pre_commit_hook_passes_plans_that_cover_every_requirement(try_repo):
    proc = try_repo(*(f"plans/{name}" for name in PASSING))
    assert proc.returncode == 0, proc.stdout
    assert re.search(r"^planlint\.+Passed$", proc.stdout, re.M), proc.stdout


# --- the GitHub Action ------------------------------------------------------------------------


def _action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_installs_from_its_own_path_and_uploads_sarif():
    action = _action()
    assert action["runs"]["using"] == "composite"
    steps = {step["name"]: step for step in action["runs"]["steps"]}
    install = steps["Install planlint"]
    assert install["env"]["PLANLINT_SOURCE"] == "${{ github.action_path }}"
    upload = steps["Upload SARIF to code scanning"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert "inputs.sarif == 'true'" in upload["if"]
    text = json.dumps(action)
    used = set(re.findall(r"inputs\.([\w-]+)", text))
    assert used == set(action["inputs"]), "every input used, none used that is not declared"
    for step in action["runs"]["steps"]:  # no input spliced into a script: env only
        assert "${{" not in step.get("run", ""), step["name"]


def _run_check_step(workdir: Path, **inputs: str) -> tuple[subprocess.CompletedProcess, dict]:
    """The action's check step as the runner runs it: its script under bash, its env filled
    from the inputs (defaults as the action declares them), $GITHUB_OUTPUT a file."""
    action = _action()
    (step,) = [s for s in action["runs"]["steps"] if s.get("id") == "check"]
    values = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    values.update(inputs)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    for key, expression in step["env"].items():
        (name,) = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", expression).groups()
        env[key] = values[name]
    outputs = workdir / "github-output"
    env["GITHUB_OUTPUT"] = str(outputs)
    env["GITHUB_STEP_SUMMARY"] = str(workdir / "step-summary.md")
    proc = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    lines = outputs.read_text(encoding="utf-8").splitlines() if outputs.exists() else []
    return proc, dict(line.split("=", 1) for line in lines)


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_action_check_step_writes_sarif_annotations_and_exit_code(tmp_path):
    folder = tmp_path / "政务 公开"  # a path with a space stays one path
    folder.mkdir()
    shutil.copy2(EXAMPLES / FAILING, folder / FAILING)
    shutil.copy2(EXAMPLES / PASSING[0], tmp_path / PASSING[0])
    paths = f"政务 公开\n{PASSING[0]}\n"
    proc, outputs = _run_check_step(tmp_path, paths=paths, packs="core", args="--lang en")
    assert proc.returncode == 0, proc.stderr  # the step records; the last step fails the job
    assert outputs == {"exit-code": "1", "sarif-file": "planlint.sarif"}
    sarif = json.loads((tmp_path / "planlint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert any(uri.endswith(FAILING) for uri in uris)
    assert "::error file=政务 公开/numbered-list-inline.txt,line=1" in proc.stdout
    assert (tmp_path / "step-summary.md").exists()


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_action_check_step_clean_plans_and_input_errors(tmp_path):
    shutil.copy2(EXAMPLES / PASSING[0], tmp_path / PASSING[0])
    proc, outputs = _run_check_step(tmp_path, paths=PASSING[0], sarif="false")
    assert proc.returncode == 0 and outputs == {"exit-code": "0", "sarif-file": ""}, proc.stderr
    assert not (tmp_path / "planlint.sarif").exists()
    proc, outputs = _run_check_step(tmp_path, paths="missing.docx", annotations="false")
    assert outputs["exit-code"] == "2", proc.stderr
    assert "missing.docx: 文件或文件夹不存在" in proc.stderr


# --- the GitLab job ---------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_gitlab_job_writes_code_quality_and_junit_reports(tmp_path):
    job = yaml.safe_load((ROOT / "docs" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))[
        "planlint"
    ]
    (tmp_path / "plans").mkdir()
    for name in (FAILING, PASSING[0]):
        shutil.copy2(EXAMPLES / name, tmp_path / "plans" / name)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    env["PLANLINT_PATHS"] = job["variables"]["PLANLINT_PATHS"]
    script = "\n".join(job["script"])  # one shell, as the runner joins the lines
    proc = subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert proc.returncode == 1, proc.stderr  # findings fail the job
    reports = job["artifacts"]["reports"]
    quality = json.loads((tmp_path / reports["codequality"]).read_text(encoding="utf-8"))
    assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(quality[0])
    assert any(issue["location"]["path"] == f"plans/{FAILING}" for issue in quality)
    suites = ET.parse(tmp_path / reports["junit"]).getroot()
    assert len(suites.findall(".//testsuite")) == 2
    assert f"plans/{FAILING}:1:1: error core/leader-briefing" in proc.stdout
