"""Decoding that tolerates damage and tells: a few invalid bytes are replaced and reported
with their place, Big5 is told from GB18030 by how plausible the text is, and a page's wrong
charset declaration is overruled. Real files in tmp_path, read through the real readers and
the command line."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from planlint.errors import ReadError
from planlint.parse import parse
from planlint.readers import read_document
from planlint.readers.decode import decode_text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# an invented traditional-Chinese plan (Big5 has every character of it)
TRADITIONAL = """某縣衛生健康局2024年政務公開工作要點分工方案

一、加強政策解讀
（一）落實政策解讀“三同步”，政策文件與解讀材料同步發佈。（責任單位：辦公室；完成時限：2024年12月底前）
（二）加強政務輿情回應，及時回應社會關切。（責任單位：宣傳科；完成時限：持續推進）
二、強化工作落實
（一）局主要負責同志每年至少聽取一次政務公開工作彙報。（責任單位：辦公室；完成時限：2024年12月底前）
（二）組織開展政務公開業務培訓，提升工作人員業務能力。（責任單位：人事科；完成時限：2024年10月底前）
"""


def _planlint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "planlint", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)


def _items(path: Path) -> list[tuple[str, str, list[str], str | None]]:
    plan = parse(read_document(path))
    return [(i.id, i.text, i.assignees, i.deadline) for i in plan.items]


def _flip(data: bytes, positions: list[int]) -> bytes:
    damaged = bytearray(data)
    for pos in positions:
        damaged[pos] ^= 0x40
    return bytes(damaged)


# --- Big5 ------------------------------------------------------------------------------------


def test_a_big5_plan_reads_as_the_same_plan_in_utf8(tmp_path):
    (tmp_path / "utf8.txt").write_text(TRADITIONAL, encoding="utf-8")
    (tmp_path / "big5.txt").write_bytes(TRADITIONAL.encode("big5"))
    expected = _items(tmp_path / "utf8.txt")
    assert len(expected) == 4
    assert _items(tmp_path / "big5.txt") == expected


def test_a_big5_plan_through_the_command_line(tmp_path):
    (tmp_path / "plan.txt").write_bytes(TRADITIONAL.encode("big5"))
    run = _planlint("check", "plan.txt", "--format", "json", cwd=tmp_path)
    assert run.returncode in (0, 1), run.stderr
    plan = json.loads(run.stdout)["plans"][0]
    assert "健康局2024年" in plan["title"]
    assert plan["items"][2]["text"] == "局主要負責同志每年至少聽取一次政務公開工作彙報。"
    assert plan["reading"]["doubts"] == []  # a clean file: nothing to doubt
    assert [i["assignees"] for i in plan["items"]] == [
        ["辦公室"],
        ["宣傳科"],
        ["辦公室"],
        ["人事科"],
    ]


def test_a_simplified_gbk_plan_is_still_gbk():
    data = (EXAMPLES / "gbk-encoded-plan.txt").read_bytes()
    assert decode_text(data, "plan.txt").encoding == "gb18030"


# --- damaged bytes ---------------------------------------------------------------------------


def _multibyte_inside_line(data: bytes, line: int) -> int:
    """The offset of a character's first byte a few characters into a 1-based line (not its
    numbering marker, whose damage would change how the line is read)."""
    start = 0
    for _ in range(line - 1):
        start = data.index(b"\n", start) + 1
    return next(i for i in range(start + 12, len(data)) if data[i] >= 0xC0)


def test_flipped_bytes_are_replaced_and_reported_with_their_line(tmp_path):
    data = (EXAMPLES / "tab-dump-division-plan.txt").read_bytes()
    pos = _multibyte_inside_line(data, 13)
    (tmp_path / "plan.txt").write_bytes(_flip(data, [pos]))
    run = _planlint("check", "plan.txt", "--format", "json", cwd=tmp_path)
    assert run.returncode in (0, 1), run.stderr  # read, not refused
    plan = json.loads(run.stdout)["plans"][0]
    damage = [f for f in plan["findings"] if f["kind"] == "reading" and "\ufffd" in f["message"]]
    assert len(damage) == 1
    assert damage[0]["severity"] == "warning"
    assert damage[0]["line"] == 13
    assert f"第{pos}字节" in damage[0]["message"]
    assert "UTF-8" in damage[0]["message"]
    doubts = plan["reading"]["doubts"]
    assert doubts[0]["kind"] == "bad-bytes" and doubts[0]["location"]["line"] == 13
    clean = _items(EXAMPLES / "tab-dump-division-plan.txt")
    assert len(_items(tmp_path / "plan.txt")) == len(clean)


def test_english_report_names_the_place_too(tmp_path):
    data = (EXAMPLES / "gbk-encoded-plan.txt").read_bytes()
    pos = _multibyte_inside_line(data, 5)
    (tmp_path / "plan.txt").write_bytes(data[:pos] + b"\xff" + data[pos + 1 :])
    run = _planlint("check", "plan.txt", "--format", "json", "--lang", "en", cwd=tmp_path)
    assert run.returncode in (0, 1), run.stderr
    findings = json.loads(run.stdout)["plans"][0]["findings"]
    damage = [f for f in findings if f["kind"] == "reading" and "U+FFFD" in f["message"]]
    assert damage and damage[0]["line"] == 5
    assert "GB18030" in damage[0]["message"] and f"offset {pos}" in damage[0]["message"]


@pytest.mark.parametrize("name", ["prose-key-points.txt", "gbk-encoded-plan.txt"])
def test_a_few_flipped_bytes_never_refuse_a_plan(tmp_path, name):
    """The issue's measurement, kept: 1–8 flipped bits anywhere in an example plan."""
    data = (EXAMPLES / name).read_bytes()
    expected = decode_text(data, name).encoding
    rng = random.Random(8)
    for trial in range(60):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
        path = tmp_path / f"{trial}.txt"
        path.write_bytes(bytes(damaged))
        doc = read_document(path)  # raises on a refusal
        assert decode_text(bytes(damaged), name).encoding == expected
        assert parse(doc).items


def test_a_nul_byte_is_damage_not_binary(tmp_path):
    data = (EXAMPLES / "prose-key-points.txt").read_bytes()
    pos = data.index(b"\n", 200)
    decoded = decode_text(data[:pos] + b"\x00" + data[pos:], "plan.txt")
    assert "\x00" not in decoded.text
    assert [n.kind for n in decoded.notes] == ["bad-bytes"]
    assert decoded.notes[0].params["bytes"] == "00"


def test_many_damaged_lines_are_summed_up():
    text = "\n".join(f"第{i}项工作任务由办公室负责落实。" for i in range(40))
    data = text.encode("utf-8")
    lines = data.split(b"\n")
    damaged = b"\n".join(line[:3] + b"\xff" + line[3:] for line in lines[:6]) + b"\n"
    damaged += b"\n".join(lines[6:])
    decoded = decode_text(damaged, "plan.txt")
    kinds = [n.kind for n in decoded.notes]
    assert kinds == ["bad-bytes", "bad-bytes", "bad-bytes", "bad-bytes-more"]
    assert [n.loc.line for n in decoded.notes[:3]] == [1, 2, 3]
    assert decoded.notes[3].params == {"lines": "3", "count": "3"}


def test_text_in_another_encoding_everywhere_is_still_refused():
    data = ("政务公开工作要点" * 50).encode("utf-16-le")[1:]  # misaligned, no BOM
    with pytest.raises(ReadError):
        decode_text(data + b"\xff" * 400, "plan.txt")


# --- a declared charset ----------------------------------------------------------------------

PAGE = """<html><head><meta charset="{charset}"><title>某县民政局2024年政务公开工作要点分工方案</title></head>
<body><table>
<tr><td>序号</td><td>工作任务</td><td>责任单位</td><td>完成时限</td></tr>
<tr><td>1</td><td>局主要负责同志每年至少听取1次政务公开工作汇报</td><td>办公室</td><td>2024年12月底前</td></tr>
<tr><td>2</td><td>组织开展政务公开业务培训</td><td>人事科</td><td>2024年10月底前</td></tr>
</table></body></html>
"""


@pytest.mark.parametrize(
    ("declared", "actual", "read_as"),
    [("gb2312", "utf-8", "UTF-8"), ("utf-8", "gbk", "GB18030"), ("iso-8859-1", "gbk", "GB18030")],
)
def test_a_wrong_declared_charset_is_overruled_and_said(tmp_path, declared, actual, read_as):
    (tmp_path / "page.html").write_bytes(PAGE.format(charset=declared).encode(actual))
    run = _planlint("check", "page.html", "--format", "json", "--lang", "en", cwd=tmp_path)
    assert run.returncode in (0, 1), run.stderr
    plan = json.loads(run.stdout)["plans"][0]
    assert [i["assignees"] for i in plan["items"]] == [["办公室"], ["人事科"]]
    overruled = [f for f in plan["findings"] if "declared charset" in f["message"]]
    assert len(overruled) == 1
    assert declared in overruled[0]["message"] and read_as in overruled[0]["message"]
    assert overruled[0]["line"] == 1


def test_a_right_declared_charset_is_kept_without_a_word(tmp_path):
    (tmp_path / "page.html").write_bytes(PAGE.format(charset="gb2312").encode("gbk"))
    doc = read_document(tmp_path / "page.html")
    assert doc.notes == []
    assert [i.assignees for i in parse(doc).items] == [["办公室"], ["人事科"]]
