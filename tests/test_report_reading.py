"""The reports people read (issue 9, point 3): the terminal table never cuts status, owners or
deadline, no line starts with closing punctuation, the text format cuts nothing, scraper glosses
are not shown, locations read in Chinese; and the progress bar appears only on a terminal.

Every case runs the real console script on plans written here, through pipes or a pty.
"""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from planlint.report.cjkwrap import STARTS_FORBIDDEN, wrap_lines

LONG_OWNERS = "区政府办公室、区政务服务数据管理局、区司法局、区融媒体中心、各街道办事处"
LONG_DEADLINE = "2025年12月31日前"

# Long Chinese sentences full of punctuation, so a naive wrap at any width lands on a mark.
_TASKS = [
    "区政府主要负责同志每年至少听取1次政务公开工作汇报，研究解决工作中的重大问题，"
    "推动各项任务落到实处；分管负责同志定期调度，确保工作有序推进、取得实效。",
    "组织开展全区政务公开业务培训，全年不少于2次，覆盖各部门、各街道（乡镇）的政务公开"
    "工作人员，切实提升“一把手”和具体工作人员的业务能力、政策水平！",
    "对上一年度政务公开工作要点落实情况开展“回头看”，逐项梳理、逐条核查，对未完成事项"
    "列出清单、明确时限、限期整改，确保问题清零。",
    "将本年度工作要点落实情况纳入政府信息公开工作年度报告，并按要求于次年1月31日前"
    "向社会公开，接受社会监督？",
    "建立本年度政务公开重点任务台账，实行清单化管理、项目化推进、销号式落实，"
    "每季度末对照台账通报一次进展情况。",
    "落实政策解读“三同步”要求，政策文件与解读材料同步组织、同步审签、同步部署，"
    "通过图解、视频、问答等形式进行多元化解读。",
    "加强政务舆情监测研判，对涉及本区的热点问题和社会关切，及时发布权威信息，"
    "主动回应、正面引导，避免负面舆情发酵。",
    "集中公开现行有效的行政规范性文件并实行动态更新，对已失效、废止的文件在原发布位置"
    "作出明确标注（标注“失效”或“废止”字样）。",
    "依法依规办理政府信息公开申请，严格按照法定时限规范答复，不断提高答复质量；"
    "对复杂申请加强会商研判，降低行政复议和诉讼风险。",
    "确保政府网站和政务新媒体安全平稳运行，落实信息发布审核制度，严防错字、"
    "错链、断链和泄密等问题发生。",
]


def _plan(owners: str = LONG_OWNERS, deadline: str = LONG_DEADLINE) -> str:
    rows = "\n".join(
        f"| {n} | {task} | {owners if n % 2 else '区政府办公室'} | {deadline} |"
        for n, task in enumerate(_TASKS, 1)
    )
    return (
        "某市某区人民政府2025年政务公开工作要点分工方案\n\n"
        "| 序号 | 工作任务 | 责任单位 | 完成时限 |\n|---|---|---|---|\n" + rows + "\n"
    )


@pytest.fixture
def long_plan(tmp_path: Path) -> Path:
    path = tmp_path / "long.md"
    path.write_text(_plan(), encoding="utf-8")
    return path


def _run(*args: str, cwd: Path | None = None, columns: int = 80) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["COLUMNS"] = str(columns)
    return subprocess.run(
        [sys.executable, "-m", "planlint", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
        env=env,
    )


_BOX = re.compile(r"[│┃║|]")


def _line_starts(out: str) -> list[str]:
    """Every line of a report, and in a table every cell's line, stripped of borders."""
    starts = []
    for line in out.splitlines():
        for cell in _BOX.split(line):
            cell = cell.strip(" ╭╮╰╯─━┏┓┗┛┡┩└┘┌┐╇╋┳┻┼┬┴")
            if cell:
                starts.append(cell)
    return starts


def test_narrow_terminal_keeps_status_owners_and_deadline_whole(long_plan):
    run = _run("check", str(long_plan), "--format", "terminal", columns=80)
    out = run.stdout
    assert run.returncode in (0, 1), run.stderr
    assert max(len(line) for line in out.splitlines()) <= 80
    lines = out.splitlines()
    assert any(LONG_DEADLINE in line for line in lines)  # on one line, not "2025…"
    for unit in LONG_OWNERS.split("、"):
        assert any(unit in line for line in lines), unit  # each unit whole
    assert "2025…" not in out and "区政…" not in out
    assert "已落实" in out and "要求" in out and "完成时限" in out


def test_no_line_starts_with_closing_punctuation(long_plan):
    reports = [
        _run("check", str(long_plan), "--format", "terminal", "--explain", columns=c).stdout
        for c in (80, 67, 100)
    ]
    reports.append(_run("check", str(long_plan), "--format", "text", "--explain").stdout)
    for out in reports:
        assert out.strip()
        bad = [s for s in _line_starts(out) if s[0] in STARTS_FORBIDDEN]
        assert not bad, bad


def test_wrap_keeps_closing_marks_on_the_line_before():
    text = "".join(_TASKS)
    for width in range(8, 41):  # narrower, a pair of marks (”，) cannot stay up
        lines = wrap_lines(text, width)
        assert "".join(lines) == text
        assert not [line for line in lines if line and line[0] in STARTS_FORBIDDEN], width
        assert all(_cells(line) <= width for line in lines), width
    assert wrap_lines("截至2025年12月31日前完成", 11)[0] == "截至2025年"  # "12" stays whole


def _cells(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)


def test_text_format_cuts_nothing_and_draws_no_boxes(long_plan, tmp_path):
    other = tmp_path / "short.md"
    other.write_text(_plan(owners="办公室", deadline="持续推进"), encoding="utf-8")
    run = _run("check", str(long_plan), str(other), "--format", "text")
    out = run.stdout
    for task in _TASKS:  # each item's full text, on one line
        assert task in out
    assert LONG_OWNERS in out and LONG_DEADLINE in out
    assert not re.search(r"[─━│┃┏┓┗┛╭╮╰╯┡┩]", out)
    assert "\x1b[" not in out and "…" not in out
    assert "汇总：各方案落实情况" in out and "共检查 2 份方案" in out
    header = out.splitlines()[0]
    assert header.startswith("文件: ") and "单位: 某市某区人民政府" in header


def test_text_is_the_default_when_piped(long_plan):
    piped = _run("check", str(long_plan)).stdout
    text = _run("check", str(long_plan), "--format", "text").stdout
    assert piped == text
    assert _TASKS[0] in piped


def test_glosses_are_not_shown(tmp_path):
    plan = (
        "某市某區人民政府2025年政務公開工作要點分工方案\n\n"
        "| 序號 | 工作任務 | 責任單位 | 完成時限 |\n|---|---|---|---|\n"
        "| 1 | 區主要負責同志每年至少聽取1次政務公開工作匯報 | 區政府辦(bàn)公室 | 長(cháng)期堅持 |\n"
        "| 2 | 加強政府網(wǎng)站和政務新媒體管理，確保安全平穩運行 | 網(wǎng)站管理科 | 2025年6月底前 |\n"
    )
    path = tmp_path / "trad.md"
    path.write_text(plan, encoding="utf-8")
    for fmt in ("terminal", "text"):
        out = _run("check", str(path), "--format", fmt, columns=120).stdout
        assert "區政府辦公室" in out and "網站管理科" in out and "長期堅持" in out, out
        assert "(bàn)" not in out and "(wǎng)" not in out and "(cháng)" not in out


def test_locations_read_in_chinese(long_plan, tmp_path):
    missing = tmp_path / "gaps.md"
    rows = [line for line in _plan().splitlines() if "台账" not in line]
    missing.write_text("\n".join(rows).replace(LONG_DEADLINE, "", 1), encoding="utf-8")
    for fmt in ("terminal", "text"):
        out = _run("check", str(missing), "--format", fmt, columns=120).stdout
        assert re.search(r"第\d+行", out), out
        assert not re.search(r"\b\d+:\d+\b", out)  # not the machine form "12:3"
    english = _run("check", str(missing), "--format", "text", "--lang", "en").stdout
    assert re.search(r"line \d+", english)


def test_locations_in_a_spreadsheet(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "分工方案"
    sheet.append(["某市某区人民政府2025年政务公开工作要点分工方案"])
    sheet.append(["序号", "工作任务", "责任单位", "完成时限"])
    for n, task in enumerate(_TASKS[:4], 1):
        sheet.append([n, task, "区政府办公室", "" if n == 2 else "2025年6月底前"])
    path = tmp_path / "plan.xlsx"
    book.save(path)
    out = _run("check", str(path), "--format", "text").stdout
    assert re.search(r"分工方案!B\d+", out), out


# --- the progress bar ---------------------------------------------------------------------


def _batch(tmp_path: Path, n: int = 3) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    for i in range(n):
        (folder / f"plan{i}.md").write_text(_plan(), encoding="utf-8")
    return folder


def _run_on_pty(args: list[str], env_extra: dict[str, str]) -> tuple[str, str, int]:
    """The CLI with standard output and standard error each on its own pseudo-terminal."""
    out_master, out_slave = pty.openpty()
    err_master, err_slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update({"COLUMNS": "100", "LINES": "40", "TERM": "xterm-256color", **env_extra})
    proc = subprocess.Popen(
        [sys.executable, "-m", "planlint", *args],
        stdout=out_slave,
        stderr=err_slave,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    os.close(out_slave)
    os.close(err_slave)
    got = {out_master: b"", err_master: b""}
    open_fds = [out_master, err_master]
    while open_fds:
        ready, _, _ = select.select(open_fds, [], [], 120)
        if not ready:
            break
        for fd in ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # the other end closed (Linux: EIO)
                data = b""
            if data:
                got[fd] += data
            else:
                open_fds.remove(fd)
    code = proc.wait(timeout=120)
    for fd in got:
        os.close(fd)
    return got[out_master].decode(), got[err_master].decode(), code


def test_progress_bar_on_a_terminal_only(tmp_path):
    folder = _batch(tmp_path)
    args = ["check", str(folder), "--jobs", "2"]
    out, err, code = _run_on_pty(args, {})
    assert "检查" in err and "/3" in err and "plan" in err  # files done / total, a file name
    quiet_out, quiet_err, quiet_code = _run_on_pty(args, {"CI": "1"})
    assert quiet_err == ""
    assert out == quiet_out and code == quiet_code  # the report is the same either way
    assert "汇总：各方案落实情况" in out and "━" in out  # the rich layout on a terminal
    piped = _run(*args)
    assert piped.stderr == "" and "汇总：各方案落实情况" in piped.stdout
