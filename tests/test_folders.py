"""Folder search on real trees: every skipped entry named once with why, nothing opened that
could hang, no recursion limit. Run through the real command line, in a subprocess with a
timeout, so a FIFO that was opened would fail the test instead of hanging it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from planlint.engine import expand

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PLAN = EXAMPLES / "prose-key-points.txt"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def _planlint(*args: str, cwd: Path, user: list[str] | None = None) -> subprocess.CompletedProcess:
    """The installed command line, as a user runs it (``user`` prefixes a command such as
    setpriv to run it as someone else), in English."""
    command = [*(user or []), sys.executable, "-m", "planlint", "--lang", "en", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60)


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("planlint: error:")]


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("planlint: warning:")]


@needs_fifo
def test_a_folder_names_each_special_entry_once_and_opens_none(tmp_path):
    tree = tmp_path / "plans"
    (tree / "sub").mkdir(parents=True)
    shutil.copy(PLAN, tree / "sub" / "plan.txt")
    os.mkfifo(tree / "pipe.txt")  # named like a plan: a plan may be lost, an error
    os.mkfifo(tree / "pipe")  # not named like a plan: a warning
    os.symlink("nowhere.md", tree / "dangling.md")
    os.symlink("loop-b", tree / "loop-a")
    os.symlink("loop-a", tree / "loop-b")
    os.symlink("..", tree / "sub" / "up")  # back to a folder already searched

    run = _planlint("check", "plans", "--format", "json", cwd=tmp_path)

    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    report = json.loads(run.stdout)
    assert [p["path"] for p in report["plans"]] == ["plans/sub/plan.txt"]
    errors = {e["path"]: e["message"] for e in report["errors"]}
    assert set(errors) == {"plans/pipe.txt", "plans/dangling.md"}
    assert "a FIFO" in errors["plans/pipe.txt"]
    assert "dangling symbolic link" in errors["plans/dangling.md"]
    assert len(_errors(run.stderr)) == 2
    warnings = _warnings(run.stderr)
    assert len(warnings) == 4, warnings  # pipe, loop-a, loop-b, sub/up: once each
    assert any("plans/pipe:" in w and "a FIFO" in w for w in warnings)
    assert sum("symbolic link loop" in w for w in warnings) == 2
    assert any("plans/sub/up" in w and "already searched" in w for w in warnings)


def test_warnings_alone_do_not_make_an_input_error(tmp_path):
    tree = tmp_path / "plans"
    tree.mkdir()
    shutil.copy(PLAN, tree / "plan.txt")
    os.symlink(".", tree / "self")
    run = _planlint("check", "plans", cwd=tmp_path)
    assert run.returncode == 1, run.stderr  # the example's findings, not an input error
    assert _errors(run.stderr) == []
    assert len(_warnings(run.stderr)) == 1


@needs_fifo
def test_special_files_given_directly_say_what_they_are(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink("gone.txt", tmp_path / "dangling.txt")
    os.symlink("loop.txt", tmp_path / "loop.txt")
    run = _planlint("parse", "pipe.txt", "dangling.txt", "loop.txt", "absent.txt", cwd=tmp_path)
    assert run.returncode == 2
    errors = _errors(run.stderr)
    assert errors == [
        "planlint: error: pipe.txt: a FIFO, not a file or folder; not opened",
        "planlint: error: dangling.txt: a dangling symbolic link (its target gone.txt does not exist)",
        "planlint: error: loop.txt: a symbolic link loop (following it never reaches a file)",
        "planlint: error: absent.txt: no such file or folder",
    ]


def test_a_device_is_named_not_read():
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    files, failures = expand(["/dev/zero"])
    assert files == []
    assert [f.message for f in failures] == ["/dev/zero: 是字符设备，不是文件或文件夹；未打开"]
    assert [f.in_lang("en").message for f in failures] == [
        "/dev/zero: a character device, not a file or folder; not opened"
    ]


def test_a_tree_1500_folders_deep_is_searched(tmp_path):
    deepest = tmp_path / "deep"
    deepest.mkdir()
    for _ in range(1500):  # os.makedirs recurses once per missing folder
        deepest = deepest / "d"
        deepest.mkdir()
    shutil.copy(PLAN, deepest / "plan.txt")
    try:
        files, failures = expand([str(tmp_path / "deep")])
        assert files == [deepest / "plan.txt"]
        assert failures == []
        run = _planlint("parse", "deep", "--format", "json", cwd=tmp_path)
        assert run.returncode == 0, run.stderr[-500:]
        assert len(json.loads(run.stdout)["plans"]) == 1
    finally:
        _remove_deep(tmp_path / "deep", deepest)


def _remove_deep(top: Path, deepest: Path) -> None:
    """Remove a deep chain of folders bottom up (shutil.rmtree recurses on Python < 3.12)."""
    for entry in deepest.iterdir():
        entry.unlink()
    folder = deepest
    while folder != top.parent:
        folder.rmdir()
        folder = folder.parent


def _tree_with_locked_folder(base: Path) -> Path:
    tree = base / "plans"
    (tree / "open").mkdir(parents=True)
    (tree / "locked").mkdir()
    shutil.copy(PLAN, tree / "open" / "plan.txt")
    shutil.copy(PLAN, tree / "locked" / "plan.txt")
    (tree / "locked").chmod(0)
    return tree


def _assert_locked_folder_reported(run: subprocess.CompletedProcess) -> None:
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert _errors(run.stderr) == [
        "planlint: error: plans/locked: folder not searched: permission denied"
    ]
    report = json.loads(run.stdout)
    assert [p["path"] for p in report["plans"]] == ["plans/open/plan.txt"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads all")
def test_an_unreadable_folder_is_an_error_and_the_rest_is_checked(tmp_path):
    tree = _tree_with_locked_folder(tmp_path)
    try:
        _assert_locked_folder_reported(_planlint("check", "plans", "-f", "json", cwd=tmp_path))
    finally:
        (tree / "locked").chmod(0o755)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="as root: needs setpriv to run as an unprivileged user",
)
def test_an_unreadable_folder_as_an_unprivileged_user(tmp_path):
    """Root ignores permissions, so the command runs as nobody (uid 65534) on a tree that
    user can reach; the test above covers it when the suite does not run as root."""
    base = Path(tempfile.mkdtemp(prefix="planlint-perm-"))
    try:
        base.chmod(0o755)
        _tree_with_locked_folder(base)
        nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        probe = _planlint("--version", cwd=base, user=nobody)
        if probe.returncode != 0:
            pytest.skip(f"planlint cannot run as nobody here: {probe.stderr[-200:]}")
        _assert_locked_folder_reported(
            _planlint("check", "plans", "-f", "json", cwd=base, user=nobody)
        )
    finally:
        (base / "plans" / "locked").chmod(0o755)
        shutil.rmtree(base)
