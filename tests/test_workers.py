"""Each file is read in a worker process under a time and a memory limit (issue 8).

Run through the real console script on real files: a plan too big for the limit fails alone,
with one line naming the limit, and the other plans of the batch are still checked; results
come back in the order of the files, whatever the number of workers.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SMALL = EXAMPLES / "tab-dump-division-plan.txt"

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the memory cap is RLIMIT_AS (Linux here)"
)


def _planlint(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planlint", "--lang", "en", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """A small plan and a big one: the same numbered plan written out 2,000 times (8 MB)."""
    shutil.copy(SMALL, tmp_path / "a-small.txt")
    text = (EXAMPLES / "numbered-list-inline.txt").read_text(encoding="utf-8")
    (tmp_path / "b-big.txt").write_text(text * 2000, encoding="utf-8")
    return tmp_path


def _report(run: subprocess.CompletedProcess[str]) -> dict:
    return json.loads(run.stdout)


def test_a_file_over_the_memory_limit_fails_alone(batch):
    run = _planlint(
        "check", str(batch), "--memory", "96", "--limit", "max_chars=100000000", "-f", "json"
    )
    assert run.returncode == 2
    errors = [line for line in run.stderr.splitlines() if line.startswith("planlint: error:")]
    assert len(errors) == 1 and "b-big.txt" in errors[0] and "96 MB" in errors[0]
    assert "Traceback" not in run.stderr
    checked = [p["path"] for p in _report(run)["plans"]]
    assert checked == [str(batch / "a-small.txt")]


def test_a_file_over_the_time_limit_fails_alone(batch):
    # past the character budget the file would be refused, in about a second: it is raised so
    # that only the time limit can stop it
    run = _planlint(
        "check", str(batch), "--timeout", "1", "--limit", "max_chars=100000000", "-f", "json"
    )
    assert run.returncode == 2
    errors = [line for line in run.stderr.splitlines() if line.startswith("planlint: error:")]
    assert len(errors) == 1 and "b-big.txt" in errors[0] and "--timeout" in errors[0]
    assert [p["path"] for p in _report(run)["plans"]] == [str(batch / "a-small.txt")]


def test_parallel_workers_give_the_same_report_in_the_same_order():
    one = _planlint("check", str(EXAMPLES), "--jobs", "1", "--format", "json")
    three = _planlint("check", str(EXAMPLES), "--jobs", "3", "--format", "json")
    assert one.returncode == three.returncode == 1
    assert _report(one) == _report(three)
    paths = [p["path"] for p in _report(one)["plans"]]
    assert paths == sorted(paths) and len(paths) >= 5


def test_parse_runs_in_workers_too(batch):
    big = str(batch / "b-big.txt")
    run = _planlint("parse", big, "--timeout", "1", "--limit", "max_chars=100000000")
    assert run.returncode == 2
    assert run.stderr.count("planlint: error:") == 1 and "--timeout" in run.stderr
