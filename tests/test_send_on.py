"""The documents a supervising office sends on: the HTML report, the xlsx matrix, ``--output``.

Each is made by the real command over the example plans, one plan with hostile text (``<script>``,
``[/b]``) and a file that cannot be read, and read back as its consumer would: the workbook with
openpyxl, the HTML with an XML parser and, when Debian's ``chromium`` is there, drawn in a
headless browser.
"""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planlint.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
runner = CliRunner()

HOSTILE = """某市某区司法局2024年政务公开工作要点分工方案

| 序号 | 工作任务 | 责任科室 | 完成时限 |
|---|---|---|---|
| 1 | 局主要负责同志每年至少听取1次政务公开工作汇报<script>alert(1)</script>[/b] | 办公室 | 2024年12月底前 |
| 2 | 年内组织一次政务公开业务培训，实现全员培训 | 办公室、法制科 | 2024年10月底前 |
| 3 | 建立2024年政务公开重点任务台账，逐项推动落实 | 办公室 | 2024年5月底前 |
"""


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    """The examples (the top folder's plans), a hostile plan (its file name hostile too) and an
    empty file."""
    folder = tmp_path_factory.mktemp("batch")
    for plan in EXAMPLES.iterdir():
        if plan.is_file() and plan.name != "README.md":
            shutil.copy(plan, folder / plan.name)
    (folder / "hostile<i>.md").write_text(HOSTILE, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def reports(batch, tmp_path_factory) -> dict[str, object]:
    """Each format run once through the CLI (exit code kept), plus the JSON to compare with."""
    out = tmp_path_factory.mktemp("out")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        runs = {}
        for fmt, name, lang in (
            ("html", "report.html", "zh"),
            ("html", "report-en.html", "en"),
            ("xlsx", "matrix.xlsx", "zh"),
            ("json", "report.json", "zh"),
        ):
            args = ["check", str(batch), "-f", fmt, "--lang", lang, "-o", str(out / name)]
            result = runner.invoke(app, args)
            runs[name] = (result.exit_code, out / name)
    return runs


def _doc(reports, name: str) -> tuple[int, Path]:
    code, path = reports[name]
    return code, path


def _json(reports) -> dict:
    return json.loads(_doc(reports, "report.json")[1].read_text(encoding="utf-8"))


# --- HTML ---------------------------------------------------------------------------------


class _Collect(HTMLParser):
    """Tags with their attributes, and the text, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parsed(path: Path) -> _Collect:
    collect = _Collect()
    collect.feed(path.read_text(encoding="utf-8"))
    return collect


def test_html_is_one_self_contained_file(reports):
    code, path = _doc(reports, "report.html")
    assert code == 2  # a file could not be read; the report is written all the same
    raw = path.read_text(encoding="utf-8")
    collect = _parsed(path)
    tags = [t for t, _ in collect.tags]
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert "http" not in raw and "@import" not in raw and "url(" not in raw
    for _, attrs in collect.tags:
        assert "src" not in attrs
        assert (attrs.get("href") or "#").startswith("#")  # only links within the page
    assert "style" in tags and "svg" in tags
    assert '<meta charset="utf-8" />' in raw
    assert "WenQuanYi Micro Hei" in raw and "Microsoft YaHei" in raw  # CJK system fonts


def test_html_structure_summary_chart_and_plans(reports):
    data = _json(reports)
    _, path = _doc(reports, "report.html")
    root = ET.fromstring(path.read_bytes())  # well-formed: any XML tool reads it
    matrix = next(t for t in root.iter("table") if t.get("class") == "matrix")
    body_rows = list(matrix.find("tbody"))
    assert len(body_rows) == len(data["plans"]) + len(data["errors"]) == 9
    header = [("".join(th.itertext())) for th in matrix.find("thead").iter("th")]
    assert (
        header[0] == "方案"
        and "回头看" in header
        and header[-4:]
        == [
            "已落实",
            "未明确责任",
            "不涉及",
            "缺失",
        ]
    )
    assert len(list(matrix.find("tfoot"))) == 4  # a totals row per status
    # the failed file is a row with its reason
    failed = [r for r in body_rows if r.get("class") == "failed"]
    assert len(failed) == 1 and "broken.txt" in "".join(failed[0].itertext())
    # per plan marks agree with the JSON
    marks = {"covered": "√", "unassigned": "△", "not-applicable": "○", "missing": "×"}
    first = data["plans"][0]
    row = body_rows[0]
    cells = [td for td in row if td.tag == "td"]
    assert [c.text for c in cells[:10]] == [marks[r["status"]] for r in first["requirements"]]
    # one line of totals
    text = "".join(root.itertext())
    missing = sum(p["summary"]["missing"] for p in data["plans"])
    unassigned = sum(p["summary"]["unassigned"] for p in data["plans"])
    totals = f"共检查 8 份方案，1 份无法读取；全部方案合计缺失要求 {missing} 项次，未明确责任 {unassigned} 项次"
    assert totals in text
    # the chart: one bar segment per status present, per requirement
    svg = next(root.iter("svg"))
    rects = [r for r in svg.iter("rect") if r.find("title") is not None]
    assert len(rects) >= 10
    # per plan: a section with the requirement table and the findings with their places
    sections = [s for s in root.iter("section") if s.get("class") == "plan"]
    assert len(sections) == 8
    md = next(s for s in sections if "markdown-split-tables.md" in "".join(s.itertext()))
    md_text = "".join(md.itertext())
    assert "第35行" in md_text and "未明确责任" in md_text and "办公室" in md_text


def test_html_escapes_plan_text_and_file_names(reports):
    _, path = _doc(reports, "report.html")
    raw = path.read_text(encoding="utf-8")
    assert "<script>" not in raw and "<i>" not in raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;[/b]" in raw
    assert "hostile&lt;i&gt;.md" in raw
    text = "".join(_parsed(path).text)
    assert "<script>alert(1)</script>[/b]" in text  # shown to the reader as written


def test_html_in_english(reports):
    _, path = _doc(reports, "report-en.html")
    root = ET.fromstring(path.read_bytes())
    assert root.get("lang") == "en"
    text = "".join(root.itertext())
    assert "Division plan check report" in text and "8 plans checked, 1 could not be read" in text
    assert "已落实" not in text and "missing" in text


# --- xlsx ---------------------------------------------------------------------------------


def test_xlsx_matrix_findings_and_failures(reports):
    from openpyxl import load_workbook

    data = _json(reports)
    code, path = _doc(reports, "matrix.xlsx")
    assert code == 2
    book = load_workbook(path)
    assert book.sheetnames == ["汇总矩阵", "问题清单", "无法检查"]
    for sheet in book.worksheets:
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        assert sheet.column_dimensions["A"].width >= 20
        assert all(c.font.bold for c in sheet[1] if c.value)
    matrix, findings, failed = book.worksheets
    assert matrix.freeze_panes == "B2" and findings.freeze_panes == "A2"
    header = [c.value for c in matrix[1]]
    assert header[:2] == ["方案", "文件"]
    assert header[2:5] == ["听取汇报：状态", "听取汇报：责任单位", "听取汇报：对应事项"]
    assert header[-4:] == ["已落实", "未明确责任", "不涉及", "缺失"]
    rows = {r[1].value: r for r in matrix.iter_rows(min_row=2)}
    gbk = next(r for path, r in rows.items() if path.endswith("gbk-encoded-plan.txt"))
    lookback = header.index("回头看：状态")
    assert gbk[lookback].value == "缺失"
    assert gbk[lookback].fill.fgColor.rgb.endswith("FFCDD2")
    leader = header.index("听取汇报：状态")
    assert gbk[leader].value == "已落实" and gbk[leader].fill.fgColor.rgb.endswith("C8E6C9")
    assert gbk[leader + 1].value == "党政办" and "听取" in gbk[leader + 2].value
    broken = next(r for path, r in rows.items() if path.endswith("broken.txt"))
    assert broken[0].value == "无法检查" and "空文件" in broken[2].value
    # one row per finding, with its location in the report's language
    expected = sum(len(p["findings"]) for p in data["plans"])
    assert findings.max_row - 1 == expected
    assert [c.value for c in findings[1]][:6] == ["方案", "文件", "规则", "级别", "说明", "位置"]
    located = [r for r in findings.iter_rows(min_row=2, values_only=True) if r[5] == "第35行"]
    assert located and located[0][2] == "lookback"
    assert failed["A2"].value.endswith("broken.txt")


# --- --output and the terminal -------------------------------------------------------------


def test_output_replaces_a_file_atomically_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("last week", encoding="utf-8")
    os.chmod(target, 0o640)
    result = runner.invoke(app, ["check", str(EXAMPLES), "-f", "json", "-o", str(target)])
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["plans"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
    assert target.stat().st_mode & 0o777 == 0o640  # the old file's permissions kept


def test_output_that_fails_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "report.html"
    target.write_text("last week", encoding="utf-8")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("planlint.output.os.replace", refuse)
    result = runner.invoke(app, ["check", str(EXAMPLES), "-f", "html", "-o", str(target)])
    assert result.exit_code == 2
    assert target.read_text(encoding="utf-8") == "last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]
    assert "无法写入输出文件" in result.stderr and len(result.stderr.splitlines()) == 1


def test_output_of_the_terminal_report_is_text(tmp_path):
    target = tmp_path / "report.txt"
    result = runner.invoke(app, ["check", str(EXAMPLES), "-o", str(target)])
    assert result.exit_code == 1 and result.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert "已落实" in text and "\x1b[" not in text


def test_xlsx_goes_down_a_pipe(tmp_path):
    result = runner.invoke(app, ["check", str(EXAMPLES / "gbk-encoded-plan.txt"), "-f", "xlsx"])
    assert result.exit_code == 1
    assert result.stdout_bytes.startswith(b"PK\x03\x04")


@pytest.mark.parametrize(("lang", "words"), [("zh", "不能写到终端"), ("en", "not to a terminal")])
def test_xlsx_is_not_written_to_a_terminal(lang, words, tmp_path):
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "planlint",
                "check",
                str(EXAMPLES),
                "-f",
                "xlsx",
                "--lang",
                lang,
            ],
            stdout=follower,
            stderr=subprocess.PIPE,
            timeout=120,
            env={**os.environ, "PLANLINT_CACHE_DIR": str(tmp_path)},
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert proc.returncode == 2
    lines = proc.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1 and words in lines[0] and "--output" in lines[0]


# --- drawn in a browser --------------------------------------------------------------------


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("chromium is not installed (.ci/run installs Debian's chromium)")


def _screenshot(browser: str, page: Path, png: Path, size: str, profile: Path) -> None:
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",  # root in a container has no user namespaces for the sandbox
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            f"--user-data-dir={profile}",
            f"--window-size={size}",
            f"--screenshot={png}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert png.is_file() and png.stat().st_size > 0


def test_html_is_drawn_in_headless_chromium(reports, tmp_path):
    browser = _chromium()
    Image = pytest.importorskip("PIL.Image")
    ImageStat = pytest.importorskip("PIL.ImageStat")
    from planlint.report.html import COLOURS, FONT_STACK

    _, report = _doc(reports, "report.html")
    png = tmp_path / "report.png"
    _screenshot(browser, report, png, "1280,1600", tmp_path / "profile")
    image = Image.open(png).convert("RGB")
    assert ImageStat.Stat(image.convert("L")).stddev[0] > 20  # not blank
    # the chart's bars are drawn: many pixels of the covered and missing colours
    pixels = image.getcolors(maxcolors=1 << 24) or []
    counts = {rgb: n for n, rgb in pixels}
    for status in ("covered", "missing"):
        rgb = tuple(int(COLOURS[status][i : i + 2], 16) for i in (1, 3, 5))
        assert counts.get(rgb, 0) > 500, status

    # Chinese is drawn with the report's fonts, not as empty boxes: two different strings of
    # the same length draw differently (missing glyphs would be the same box each time)
    if shutil.which("fc-list"):
        fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
        if not fonts.strip():
            pytest.skip("no Chinese font installed (.ci/run installs fonts-wqy-microhei)")
    page = tmp_path / "glyphs.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
        f"body {{ margin: 0; font-family: {FONT_STACK}; font-size: 60px; }}"
        "div { position: absolute; left: 10px; height: 100px; }"
        "</style></head><body>"
        '<div style="top: 10px">政务公开</div><div style="top: 130px">检查报告</div>'
        "</body></html>",
        encoding="utf-8",
    )
    png = tmp_path / "glyphs.png"
    _screenshot(browser, page, png, "400,260", tmp_path / "profile")
    glyphs = Image.open(png).convert("L")
    first = glyphs.crop((0, 0, 400, 120))
    second = glyphs.crop((0, 120, 400, 240))
    for crop in (first, second):
        assert ImageStat.Stat(crop).stddev[0] > 20  # ink on the page
    assert first.tobytes() != second.tobytes()
