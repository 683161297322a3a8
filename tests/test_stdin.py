"""``planlint check -``: a plan on standard input, as an editor or a pipeline hands it over.

Run as a real process (``python -m planlint``) so the bytes go through a real pipe into
``sys.stdin.buffer`` and on to the worker process, as they do for a user.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest_formats import build_docx
from planlint.stdin import DEFAULT_NAME, StdinPlan, read_stdin

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PLAN = "numbered-list-inline.txt"  # leader-briefing missing: exit 1


def planlint(
    *args: str, stdin: bytes = b"", cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "planlint", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=120,
    )


def _report(proc: subprocess.CompletedProcess[bytes]) -> dict:
    return json.loads(proc.stdout.decode("utf-8"))


def test_stdin_gives_the_same_report_as_the_file(tmp_path):
    shutil.copy(EXAMPLES / PLAN, tmp_path / PLAN)
    data = (tmp_path / PLAN).read_bytes()
    piped = planlint("check", "-", "--stdin-filename", PLAN, "-f", "json", stdin=data, cwd=tmp_path)
    named = planlint("check", PLAN, "-f", "json", cwd=tmp_path)
    assert piped.returncode == named.returncode == 1, piped.stderr
    assert _report(piped) == _report(named)
    assert _report(piped)["plans"][0]["path"] == PLAN


def test_stdin_without_a_name_is_sniffed_and_called_stdin(tmp_path):
    data = (EXAMPLES / "gbk-encoded-plan.txt").read_bytes()  # GB18030: the reader decodes it
    proc = planlint("check", "-", "-f", "json", stdin=data, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    plan = _report(proc)["plans"][0]
    assert plan["path"] == DEFAULT_NAME
    missing = {r["rule"] for r in plan["requirements"] if r["status"] == "missing"}
    assert missing == {"lookback", "normative-documents"}


def test_a_docx_on_stdin_is_read_from_its_bytes(tmp_path):
    data = build_docx()
    (tmp_path / "plan.docx").write_bytes(data)
    named = planlint("check", "plan.docx", "-f", "json", cwd=tmp_path)
    piped = planlint(
        "check", "-", "--stdin-filename", "plan.docx", "-f", "json", stdin=data, cwd=tmp_path
    )
    assert piped.returncode == named.returncode, piped.stderr
    assert _report(piped) == _report(named)
    assert _report(piped)["plans"][0]["format"] == "docx"
    # without a name the content still says what it is
    sniffed = planlint("check", "-", "-f", "json", stdin=data, cwd=tmp_path)
    assert _report(sniffed)["plans"][0]["format"] == "docx"


def test_the_name_claims_a_format_the_content_must_have(tmp_path):
    """The name's suffix is a claim as a file's is: text named .docx is refused, as on disk."""
    data = (EXAMPLES / PLAN).read_bytes()
    proc = planlint("check", "-", "--stdin-filename", "plan.docx", stdin=data, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == (
        "planlint: 错误: plan.docx: 不是 Word .docx 文件（内容是纯文本）"
    )


def test_stdin_over_the_size_limit_is_refused_in_one_line(tmp_path):
    data = (EXAMPLES / PLAN).read_bytes()
    proc = planlint(
        "check", "-", "--limit", "max_bytes=100", "--lang", "en", stdin=data, cwd=tmp_path
    )
    assert proc.returncode == 2
    lines = proc.stderr.decode().splitlines()
    assert lines == [
        "planlint: error: <stdin>: input is larger than the limit of 100 bytes"
        " (limit max_bytes=100)"
    ]


def test_an_endless_stdin_stops_at_the_limit():
    """Only ``limit + 1`` bytes are taken, so a stream that never ends cannot exhaust memory."""

    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            buffer[:] = b"x" * len(buffer)
            return len(buffer)

    plan = read_stdin(3 << 20, "big.txt", io.BufferedReader(Endless()))
    assert plan == StdinPlan("big.txt", b"x" * ((3 << 20) + 1))
    assert str(plan) == "big.txt"


def test_stdin_between_files_keeps_its_place(tmp_path):
    for name in (PLAN, "tab-dump-division-plan.txt"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    data = (EXAMPLES / "traditional-pipe-dump.txt").read_bytes()
    args = ["check", PLAN, "-", "tab-dump-division-plan.txt", "-f", "json"]
    proc = planlint(*args, "--stdin-filename", "piped.txt", stdin=data, cwd=tmp_path)
    paths = [plan["path"] for plan in _report(proc)["plans"]]
    assert paths == [PLAN, "piped.txt", "tab-dump-division-plan.txt"]


def test_stdin_given_twice_is_an_error(tmp_path):
    data = (EXAMPLES / PLAN).read_bytes()
    proc = planlint("check", "-", "-", "-f", "json", stdin=data, cwd=tmp_path)
    assert proc.returncode == 2
    assert "标准输入（-）给了不止一次" in proc.stderr.decode()
    assert [plan["path"] for plan in _report(proc)["plans"]] == [DEFAULT_NAME]


def test_empty_stdin_is_an_input_error(tmp_path):
    proc = planlint("check", "-", stdin=b"", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == ["planlint: 错误: <stdin>: 空文件"]


def test_stdin_filename_without_dash_is_a_usage_error(tmp_path):
    shutil.copy(EXAMPLES / PLAN, tmp_path / PLAN)
    proc = planlint("check", PLAN, "--stdin-filename", "x.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "请把 - 作为路径给出" in proc.stderr.decode()


def test_parse_reads_stdin_too(tmp_path):
    data = (EXAMPLES / PLAN).read_bytes()
    piped = planlint("parse", "-", "--stdin-filename", PLAN, "-f", "json", stdin=data, cwd=tmp_path)
    shutil.copy(EXAMPLES / PLAN, tmp_path / PLAN)
    named = planlint("parse", PLAN, "-f", "json", cwd=tmp_path)
    assert piped.returncode == named.returncode == 0, piped.stderr
    assert _report(piped) == _report(named)


@pytest.mark.parametrize("fmt", ["sarif", "gitlab", "concise"])
def test_ci_formats_name_the_stdin_file(tmp_path, fmt):
    """A CI job that pipes a plan still gets findings pointing at the name it gave."""
    data = (EXAMPLES / PLAN).read_bytes()
    proc = planlint(
        "check", "-", "--stdin-filename", f"plans/{PLAN}", "-f", fmt, stdin=data, cwd=tmp_path
    )
    assert proc.returncode == 1, proc.stderr
    assert f"plans/{PLAN}" in proc.stdout.decode("utf-8")
