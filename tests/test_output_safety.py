"""Output that survives what it prints (issue 8, point 6): plan text is never rich markup,
characters the stream cannot encode are replaced (or JSON-escaped), file names cannot forge
error lines, a bug is one line and exit 2, and a closed pipe exits 141 without a word.

Every test runs the real console script in a child process, on files written here, with the
child's standard streams set up as a user's would be (an ASCII pipe, a GBK console, `| head`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from planlint.output import ERROR_LINE_MAX, json_for_encoding, one_line

HEADER = "某市某区司法局2024年政务公开工作要点分工方案\n\n| 序号 | 工作任务 | 责任科室 | 完成时限 |\n|---|---|---|---|\n"
ROWS = [
    "| 1 | 局主要负责同志每年至少听取1次政务公开工作汇报 | 办公室 | 2024年12月底前 |",
    "| 2 | 年内组织一次政务公开业务培训，实现全员培训 | 办公室、法制科 | 2024年10月底前 |",
    "| 3 | 对上一年度工作要点落实情况开展“回头看” | 办公室 | 2024年6月底前 |",
    "| 4 | 将本要点落实情况纳入政府信息公开工作年度报告予以公开 | 办公室 | 2025年1月31日前 |",
    "| 5 | 建立2024年政务公开重点任务台账，逐项推动落实 | 办公室 | 2024年5月底前 |",
    "| 6 | 落实政策解读“三同步”，政策文件与解读材料同步发布 | 法制科 | 持续推进 |",
    "| 7 | 加强政务舆情监测研判，及时回应社会关切 | 办公室 | 持续推进 |",
    "| 8 | 集中公开现行有效的行政规范性文件并动态更新 | 法制科 | 2024年9月底前 |",
    "| 9 | 依法依规办理政府信息公开申请，按时答复 | 办公室 | 持续推进 |",
    "| 10 | 确保政府网站和政务新媒体安全平稳运行 | 信息中心 | 持续推进 |",
]
ROOT = Path(__file__).resolve().parents[1]

# an emoji and a CJK Extension B character: neither is in GBK (cp936), nor, of course, ASCII
RARE = "😀𠀀"


def _plan(tmp_path: Path, name: str, edits: dict[str, str]) -> Path:
    text = HEADER + "\n".join(ROWS) + "\n"
    for old, new in edits.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _run(
    *args: str, encoding: str = "utf-8", stdout=subprocess.PIPE
) -> subprocess.CompletedProcess:
    """The console script as a user runs it, its streams in ``encoding``, wide enough that no
    cell is cut (so what is printed can be looked for)."""
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "1000", "NO_COLOR": "1"}
    env.pop("PYTHONUTF8", None)
    return subprocess.run(
        [sys.executable, "-m", "planlint", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def _no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")


@pytest.fixture
def markup_plan(tmp_path: Path) -> Path:
    """Rich markup in a task, a unit, a deadline; a rich emoji code in another task."""
    return _plan(
        tmp_path,
        "markup.md",
        {
            "听取1次": "听取[/b]1次",
            "开展“回头看”": "开展“回头看”[/]",
            "| 法制科 | 持续推进 |": "| 法制科[bold] | 持续推进[/] |",
            "按时答复": "按时答复:smile:",
        },
    )


@pytest.mark.parametrize(
    "args",
    [("check",), ("check", "--explain"), ("parse",), ("check", "--lang", "en", "--explain")],
    ids=["check", "explain", "parse", "explain-en"],
)
def test_plan_text_is_never_markup(markup_plan, args):
    proc = _run(*args, str(markup_plan))
    _no_traceback(proc)
    out = proc.stdout.decode("utf-8")
    assert "听取[/b]1次" in out  # shown as written, the tag neither applied nor dropped
    assert "按时答复:smile:" in out  # nor an emoji code
    if args[0] == "parse":
        assert "开展“回头看”[/]" in out and "持续推进[/]" in out and "法制科[bold]" in out


@pytest.mark.parametrize("encoding", ["ascii", "gbk"])
@pytest.mark.parametrize("args", [("check",), ("check", "--explain"), ("parse",)])
def test_terminal_reports_replace_what_the_stream_cannot_encode(tmp_path, encoding, args):
    plan = _plan(tmp_path, f"rare{RARE}.md", {"信息中心": f"信息中心{RARE}", "回头看": "回头看é"})
    proc = _run(*args, str(plan), encoding=encoding)
    _no_traceback(proc)
    out = proc.stdout.decode(encoding)  # strictly: the stream holds only what it can encode
    assert "?" in out
    if encoding == "gbk":
        assert "信息中心" in out  # what GBK holds is kept


@pytest.mark.parametrize("encoding", ["ascii", "gbk", "utf-8"])
@pytest.mark.parametrize(
    "args", [("check", "-f", "json"), ("check", "-f", "sarif"), ("parse", "-f", "json")]
)
def test_json_escapes_what_the_stream_cannot_encode_and_loses_nothing(tmp_path, encoding, args):
    plan = _plan(tmp_path, f"rare{RARE}.md", {"信息中心": f"信息中心{RARE}", ROWS[2]: ""})
    proc = _run(*args, str(plan), encoding=encoding)
    _no_traceback(proc)
    doc = json.loads(proc.stdout.decode(encoding))
    text = json.dumps(doc, ensure_ascii=False)
    # SARIF names the file (as a percent-encoded URI, issue 10); it quotes no item
    assert f"rare{RARE}.md" in urllib.parse.unquote(text)
    assert f"信息中心{RARE}" in text or args[2] == "sarif"
    if encoding != "ascii":
        assert "政务公开".encode(encoding) in proc.stdout  # not needlessly escaped


@pytest.mark.parametrize("encoding", ["ascii", "gbk"])
def test_github_annotations_survive_an_unencodable_character(tmp_path, encoding):
    plan = _plan(tmp_path, f"rare{RARE}.md", {"信息中心": f"信息中心{RARE}", ROWS[2]: ""})
    proc = _run("check", "-f", "github", str(plan), encoding=encoding)
    _no_traceback(proc)
    assert proc.returncode == 1 and proc.stdout.decode(encoding).startswith("::error file=")


def test_a_file_name_cannot_forge_error_lines(tmp_path):
    name = "x\nplanlint: error: forged\r\x1b[31mred\u2028.txt"
    (tmp_path / name).write_text("这不是工作方案，只有一句话。\n", encoding="utf-8")
    proc = _run("--lang", "en", "check", str(tmp_path / name))
    assert proc.returncode == 2
    lines = proc.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("planlint: error: ")
    assert "x\\nplanlint: error: forged\\r\\x1b[31mred\\u2028.txt" in lines[0]


def test_a_file_name_that_is_not_utf8_is_escaped(tmp_path):
    if sys.platform == "win32" or sys.getfilesystemencoding() != "utf-8":
        pytest.skip("needs a POSIX file system with UTF-8 names")
    raw = os.fsencode(tmp_path) + b"/\xff\xfe.txt"
    with open(raw, "wb") as f:
        f.write("这不是工作方案。\n".encode())
    name = os.fsdecode(raw)
    proc = _run("check", name)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert "\\udcff\\udcfe.txt" in proc.stderr.decode("utf-8")
    proc = _run("check", "-f", "json", name)
    assert proc.returncode == 2 and json.loads(proc.stdout)["errors"][0]["path"] == name
    proc = _run("parse", name)  # one unplaced sentence: read, so shown, name and all
    assert proc.returncode == 0 and "\\udcff\\udcfe.txt" in proc.stdout.decode("utf-8")


def test_an_error_line_is_one_short_line(tmp_path):
    deep = tmp_path.joinpath(*(["甲" * 60] * 20), "plan.md")  # long, but under PATH_MAX
    proc = _run("--lang", "en", "check", str(deep))
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    (line,) = proc.stderr.decode("utf-8").splitlines()
    assert line.startswith("planlint: error: ") and line.endswith("…")
    assert len(line) == len("planlint: error: ") + ERROR_LINE_MAX


def test_one_line_escapes_every_line_break_python_knows():
    breaks = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
    line = one_line(f"a{breaks}b")
    assert len(line.splitlines()) == 1 and line.startswith("a\\n\\r") and line.endswith("b")


def test_json_for_encoding_keeps_the_document_valid():
    text = json.dumps({"t": f"局{RARE}é\udcff", RARE: ["x"]}, ensure_ascii=False)
    for encoding in ("ascii", "gbk", "latin-1", "utf-8", "no-such-codec"):
        safe = json_for_encoding(text, encoding)
        codec = "ascii" if encoding == "no-such-codec" else encoding
        assert json.loads(safe.encode(codec).decode(codec)) == json.loads(text)


BUG = """
import sys
import planlint.engine
from planlint.cli import main

def expand(paths, *_):
    raise RuntimeError("boom\\nplanlint: error: forged")

planlint.engine.expand = expand
sys.argv = ["planlint", *sys.argv[1:]]
main()
"""


def _run_with_bug(*args: str) -> subprocess.CompletedProcess:
    """The real console entry with a bug planted in the engine (the guard is what is tested)."""
    return subprocess.run(
        [sys.executable, "-c", BUG, *args],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        cwd=ROOT,
        timeout=120,
    )


def test_a_bug_is_one_line_in_chinese_and_exit_2(markup_plan):
    proc = _run_with_bug("check", str(markup_plan))
    assert proc.returncode == 2 and proc.stdout == b""
    (line,) = proc.stderr.decode("utf-8").splitlines()
    assert line.startswith("planlint: 内部错误") and "请报告" in line
    assert "RuntimeError: boom\\nplanlint: error: forged" in line


def test_a_bug_in_english_and_with_its_traceback_on_debug(markup_plan):
    proc = _run_with_bug("check", "--lang", "en", str(markup_plan))
    assert proc.returncode == 2
    (line,) = proc.stderr.decode("utf-8").splitlines()
    assert line.startswith("planlint: internal error (RuntimeError") and "please report" in line

    proc = _run_with_bug("--debug", "parse", str(markup_plan))
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2 and "Traceback" in err and "RuntimeError: boom" in err
    assert err.splitlines()[-1].startswith("planlint: 内部错误")


def test_usage_errors_stay_exit_2():
    proc = _run("check", "--format", "xml", "examples")
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert _run().returncode == 2  # no arguments: the help, as a usage error
    assert _run("--version").returncode == 0


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pipe")
@pytest.mark.parametrize(
    "args", [("check", "examples"), ("check", "examples", "-f", "json"), ("parse", "examples")]
)
def test_a_closed_pipe_exits_141_quietly(args):
    """`planlint check examples/ | head -1`: the reader is gone before planlint writes."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = _run(*args, stdout=write_end)
    finally:
        os.close(write_end)
    assert proc.returncode == 141, proc.stderr.decode("utf-8", "replace")
    assert proc.stderr == b""
