"""Layout recovery (readers/layout.py): tables drawn with characters, turned into cells.

Each shape is checked on what the real tool writes: pandoc (pipe, grid, simple and multiline
tables), w3m (box drawing, with a cell merged across and one merged down), LibreOffice +
``pdftotext -layout`` (space-aligned columns over three pages with a repeated header and page
numbers, and a table with vertically centred cells). The outputs are generated into tmp_path
when the tools are here (skipped otherwise) and one of each is kept under
tests/fixtures/layout/ (see its README) so the tests run without the tools. Then hand-written
edge cases: rows broken over lines, wrapped CJK cells, damaged rows, prose that is not a table,
and adversarial lines that must come back fast.

Regenerate the fixtures with ``python tests/test_layout.py --regenerate``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from damage_support import damage_lines
from planlint.model import Cell
from planlint.readers import centred, layout
from planlint.readers.centred import Rows, header_lines, place_cells
from planlint.readers.layout import TableSpan, find_tables

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "layout"

HEADER = ["序号", "工作任务", "责任单位", "完成时限"]
MULTILINE_ROWS = [
    [
        "1",
        "加强政策解读工作，做好重要政策发布解读，提升解读质量。",
        "县政府办公室、县财政局",
        "2024年6月底前",
    ],
    ["2", "主要负责同志每年至少听取1次政务公开工作汇报。", "县政府办公室", "长期坚持"],
    [
        "3",
        "组织开展政务公开业务培训，提升工作人员业务能力。",
        "县政务服务中心、各乡镇人民政府",
        "2024年10月底前",
    ],
]
SIMPLE_ROWS = [
    ["1", "加强政策解读工作", "县政府办公室", "2024年6月底前"],
    ["2", "做好依申请公开", "县司法局", "长期坚持"],
    ["3", "建立任务台账", "县政府办公室", "2024年3月底前"],
]
# the rows of source-span.html as a reader of the page sees them: the heading merged across
# is kept once, the unit merged down repeats, the task merged across the unit is kept once
SPAN_ROWS = [
    HEADER,
    ["一、加强政策解读"],
    ["1", "加强政策解读工作，做好重要政策发布解读。", "县政府办公室、县财政局", "2024年6月底前"],
    ["2", "主要负责同志每年至少听取1次政务公开工作汇报。", "县政府办公室、县财政局", "长期坚持"],
    ["3", "组织开展政务公开业务培训，提升工作人员业务能力。", "2024年10月底前"],
]
# the Word documents converted to PDF: tasks long enough to wrap in their column
DOC_TASKS = [
    (
        "加强政策解读工作，做好重要政策发布解读，提升解读质量，丰富解读形式。",
        "县政府办公室、县财政局",
        "2024年6月底前",
    ),
    ("主要负责同志每年至少听取1次政务公开工作汇报，研究解决重大问题。", "县政府办公室", "长期坚持"),
    (
        "组织开展政务公开业务培训，提升工作人员业务能力。",
        "县政务服务中心、各乡镇人民政府",
        "2024年10月底前",
    ),
    ("做好依申请公开工作，规范答复格式，依法按时答复。", "县司法局", "长期坚持"),
    ("建立政务公开工作任务台账，逐项明确责任和时限。", "县政府办公室", "2024年3月底前"),
]
PAGED_ROWS = 30  # three pages of the aligned fixture
CENTRED_ROWS = 5


def doc_rows(n: int) -> list[list[str]]:
    return [[str(i + 1), *DOC_TASKS[i % len(DOC_TASKS)]] for i in range(n)]


# --- generating the tool outputs -----------------------------------------------------------------


def _run(cmd: list[str], **kw) -> str:
    proc = subprocess.run(cmd, capture_output=True, timeout=300, check=True, **kw)
    return proc.stdout.decode("utf-8")


def build_docx(path: Path, rows: list[list[str]], *, centred: bool) -> None:
    """A Word plan: title, a bordered table (header repeated on each page), a note, and a
    page number ("- 1 -") in the footer."""
    from docx import Document
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document()
    footer = doc.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    footer.add_run(" -")
    doc.add_paragraph("某县2024年政务公开工作要点分工方案")
    table = doc.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for cell, value in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = value
    for values in rows:
        for j, (cell, value) in enumerate(zip(table.add_row().cells, values, strict=True)):
            cell.text = value
            if centred:
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                if j != 1:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("注：各单位于每季度末报送工作进展情况。")
    doc.save(str(path))


def generate(out: Path) -> dict[str, Path]:
    """Run the real tools over the sources in tests/fixtures/layout; skip what is missing."""
    made: dict[str, Path] = {}
    src = FIXTURES
    if shutil.which("pandoc"):
        outputs = {
            "pipe.md": ["-t", "gfm", str(src / "source-multiline.md")],
            "grid.txt": [
                "-t",
                "markdown-simple_tables-multiline_tables-pipe_tables",
                "--columns=60",
                str(src / "source-multiline.md"),
            ],
            "multiline.txt": ["-t", "markdown", "--columns=60", str(src / "source-multiline.md")],
            "simple.txt": ["-t", "markdown", str(src / "source-simple.md")],
        }
        for name, args in outputs.items():
            (out / name).write_text(_run(["pandoc", "-f", "markdown", *args]), encoding="utf-8")
            made[name] = out / name
    if shutil.which("w3m"):
        html = str(src / "source-span.html")
        base = ["w3m", "-dump", "-T", "text/html", "-O", "UTF-8", "-cols", "72"]
        (out / "box.txt").write_text(_run([*base, html]), encoding="utf-8")
        made["box.txt"] = out / "box.txt"
        ascii_cmd = [*base, "-o", "graphic_char=2", html]
        (out / "box-ascii.txt").write_text(_run(ascii_cmd), encoding="utf-8")
        made["box-ascii.txt"] = out / "box-ascii.txt"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice and shutil.which("pdftotext"):
        pytest.importorskip("docx")
        work = out / "office"
        work.mkdir(exist_ok=True)
        build_docx(work / "aligned.docx", doc_rows(PAGED_ROWS), centred=False)
        build_docx(work / "aligned-centred.docx", doc_rows(CENTRED_ROWS), centred=True)
        profile = (work / "profile").resolve()
        cmd = [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(work / "aligned.docx"),
            str(work / "aligned-centred.docx"),
        ]
        subprocess.run(cmd, capture_output=True, timeout=300, start_new_session=True)
        for name in ("aligned", "aligned-centred"):
            pdf = work / f"{name}.pdf"
            if pdf.is_file():
                _run(["pdftotext", "-layout", str(pdf), str(out / f"{name}.txt")])
                made[f"{name}.txt"] = out / f"{name}.txt"
    return made


@pytest.fixture(scope="module")
def live(tmp_path_factory) -> dict[str, Path]:
    return generate(tmp_path_factory.mktemp("layout-tools"))


# --- helpers -------------------------------------------------------------------------------------


def spans_of(text: str) -> list[TableSpan]:
    return find_tables(text.split("\n"))


def flat(cell: Cell) -> str:
    """A cell's text with every space and line break removed (tools wrap and pad freely)."""
    return "".join(cell.text.split())


def flat_rows(span: TableSpan) -> list[list[str]]:
    return [[flat(c) for c in row] for row in span.table.rows]


def squash(rows: list[list[str]]) -> list[list[str]]:
    return [["".join(v.split()) for v in row] for row in rows]


def only_table(text: str) -> TableSpan:
    spans = spans_of(text)
    assert len(spans) == 1, [(s.shape, s.start, s.end) for s in spans]
    return spans[0]


def read_output(name: str, live: dict[str, Path] | None) -> str:
    path = FIXTURES / name
    if live is not None:
        if name not in live:
            pytest.skip(f"the tool that writes {name} is not installed")
        path = live[name]
    return path.read_text(encoding="utf-8")


def check_cells_located(text: str, span: TableSpan) -> None:
    """Every cell's location points at its first text character; with file_lines, every line
    of the text is that many lines further down."""
    lines = text.split("\n")
    for row in span.table.rows:
        for cell in row:
            assert cell.loc.line is not None and cell.loc.column is not None
            if not cell.text:
                continue
            line = lines[cell.loc.line - 1]
            first = cell.text.split("\n")[0]
            assert line[cell.loc.column - 1 :].startswith(first[:1]), (cell, line)
            if cell.file_lines:
                for k, part in enumerate(cell.text.split("\n")):
                    if part:
                        assert part in lines[cell.loc.line - 1 + k], (cell, k)


SOURCES = ["fixture", "live"]


def _which(source: str, live_outputs: dict[str, Path]) -> dict[str, Path] | None:
    return None if source == "fixture" else live_outputs


# --- the real tools' outputs ---------------------------------------------------------------------


@pytest.mark.parametrize("source", SOURCES)
def test_pandoc_pipe_table(source, request):
    outputs = request.getfixturevalue("live") if source == "live" else None
    text = read_output("pipe.md", outputs)
    span = only_table(text)
    assert span.shape == "markdown"
    assert flat_rows(span) == squash([HEADER, *MULTILINE_ROWS])
    assert span.table.grid
    check_cells_located(text, span)


@pytest.mark.parametrize("source", SOURCES)
def test_pandoc_grid_table_with_wrapped_cells(source, request):
    outputs = request.getfixturevalue("live") if source == "live" else None
    text = read_output("grid.txt", outputs)
    span = only_table(text)
    assert span.shape == "grid"
    assert flat_rows(span) == squash([HEADER, *MULTILINE_ROWS])
    task = span.table.rows[1][1]
    assert task.file_lines and "\n" in task.text  # one cell, several physical lines
    assert " " not in task.text  # wrapped CJK: no spaces put in
    check_cells_located(text, span)


@pytest.mark.parametrize("source", SOURCES)
def test_pandoc_multiline_table(source, request):
    outputs = request.getfixturevalue("live") if source == "live" else None
    text = read_output("multiline.txt", outputs)
    span = only_table(text)
    assert span.shape == "grid"
    assert flat_rows(span) == squash([HEADER, *MULTILINE_ROWS])
    assert span.table.rows[1][3].text == "2024年6月\n底前"
    check_cells_located(text, span)


@pytest.mark.parametrize("source", SOURCES)
def test_pandoc_simple_table(source, request):
    outputs = request.getfixturevalue("live") if source == "live" else None
    text = read_output("simple.txt", outputs)
    span = only_table(text)
    assert span.shape == "grid"
    assert flat_rows(span) == squash([HEADER, *SIMPLE_ROWS])
    check_cells_located(text, span)


@pytest.mark.parametrize("name", ["box.txt", "box-ascii.txt"])
@pytest.mark.parametrize("source", SOURCES)
def test_w3m_box_table_with_merged_cells(source, name, request):
    outputs = request.getfixturevalue("live") if source == "live" else None
    text = read_output(name, outputs)
    span = only_table(text)
    assert span.shape == ("box" if name == "box.txt" else "grid")
    assert flat_rows(span) == squash(SPAN_ROWS)
    # the unit merged down is one cell: both rows point at where its text starts
    assert span.table.rows[2][2].loc == span.table.rows[3][2].loc
    check_cells_located(text, span)


@pytest.mark.parametrize("source", SOURCES)
def test_pdftotext_layout_over_three_pages(source, request):
    outputs = request.getfixturevalue("live") if source == "live" else None
    text = read_output("aligned.txt", outputs)
    lines = text.split("\n")
    span = only_table(text)
    assert span.shape == "aligned"
    # one table over the page breaks: the repeated headers dropped, the rows whole
    assert flat_rows(span) == squash([HEADER, *doc_rows(PAGED_ROWS)])
    assert sum(1 for line in lines[span.start : span.end] if line.startswith("\f")) == 2
    # page numbers and repeated headers are not in any cell, and are listed
    skipped = [lines[i] for i in span.skipped]
    assert sum(1 for s in skipped if "".join(s.split()).strip("\f-") in ("1", "2")) == 2
    assert sum(1 for s in skipped if "工作任务" in s) == 2
    # the note and the last page's number are outside the span
    assert all("注：" not in line for line in lines[span.start : span.end])
    last_number = max(i for i, line in enumerate(lines) if "".join(line.split()) == "-3-")
    assert last_number >= span.end
    assert not span.table.breaks  # running numbers: the rows continued over a page are joined
    check_cells_located(text, span)


@pytest.mark.parametrize("source", SOURCES)
def test_pdftotext_layout_vertically_centred_cells(source, request):
    """Cells centred vertically put the running number on the middle line of its row."""
    outputs = request.getfixturevalue("live") if source == "live" else None
    text = read_output("aligned-centred.txt", outputs)
    span = only_table(text)
    assert flat_rows(span) == squash([HEADER, *doc_rows(CENTRED_ROWS)])
    check_cells_located(text, span)


def test_live_outputs_match_the_fixtures(live):
    """The committed fixtures are what the installed tools write (modulo tool versions: only
    the cells are compared)."""
    if not live:
        pytest.skip("none of the tools is installed")
    for name, path in live.items():
        fixture = (FIXTURES / name).read_text(encoding="utf-8")
        made = path.read_text(encoding="utf-8")
        assert [flat_rows(s) for s in spans_of(made)] == [flat_rows(s) for s in spans_of(fixture)]


# --- Markdown edge cases -------------------------------------------------------------------------

MD_HEAD = "| 序号 | 工作任务 | 责任单位 | 完成时限 |\n|---|:---|:---:|---:|\n"


def test_markdown_row_broken_over_lines():
    text = (
        MD_HEAD
        + "| 1 | 加强政策解读工作，\n"
        + "做好重要政策发布解读。 | 县政府办公室、县财政局 | 2024年6月底前 |\n"
        + "| 2 | 组织开展政务公开业务培训。\n"
        + "| 县政务服务中心 | 2024年10月底前 |\n"
        + "| 3 | 主要负责同志每年至少听取1次政务公开工作汇报。 | 县政府办公室 | 长期坚持 |\n"
    )
    span = only_table(text)
    rows = span.table.rows
    assert [[c.text for c in r] for r in rows[1:]] == [
        [
            "1",
            "加强政策解读工作，\n做好重要政策发布解读。",
            "县政府办公室、县财政局",
            "2024年6月底前",
        ],
        ["2", "组织开展政务公开业务培训。", "县政务服务中心", "2024年10月底前"],
        ["3", "主要负责同志每年至少听取1次政务公开工作汇报。", "县政府办公室", "长期坚持"],
    ]
    task = rows[1][1]
    assert task.file_lines and (task.loc.line, task.loc.column) == (3, 7)
    assert rows[2][2].loc.line == 6
    assert (span.start, span.end) == (0, 7)
    check_cells_located(text, span)


def test_markdown_br_and_escaped_pipe():
    text = MD_HEAD + "| 1 | 公开 A\\|B 两类信息 | 县政府办公室<br>县财政局 | 长期坚持 |\n"
    row = only_table(text).table.rows[1]
    assert row[1].text == "公开 A|B 两类信息"
    assert row[2].text == "县政府办公室\n县财政局" and not row[2].file_lines


def test_markdown_tables_one_after_another_are_separate_spans():
    one = MD_HEAD + "| 1 | 加强政策解读工作。 | 县政府办公室 | 长期坚持 |\n"
    two = MD_HEAD + "| 2 | 做好依申请公开工作。 | 县司法局 | 2024年6月底前 |\n"
    spans = spans_of(one + two + "\n- 2 -\n\n" + two)
    assert [(s.start, s.end) for s in spans] == [(0, 3), (3, 6), (9, 12)]
    assert all(s.shape == "markdown" and len(s.table.rows) == 2 for s in spans)


def test_markdown_damaged_row_costs_only_itself():
    text = (
        MD_HEAD
        + "| 1 | 加强政策解读工作。 | 县政府办公室 | 长期坚持 |\n"
        + "| 2 | 只写了任务\n"
        + "| 3 | 做好依申请公开工作。 | 县司法局 | 2024年6月底前 |\n"
        + "| 4 | 建立任务台账。 | 县政府办公室 | 2024年3月底前 |\n"
    )
    rows = only_table(text).table.rows
    assert [[c.text for c in r] for r in rows[1:]] == [
        ["1", "加强政策解读工作。", "县政府办公室", "长期坚持"],
        ["2", "只写了任务"],
        ["3", "做好依申请公开工作。", "县司法局", "2024年6月底前"],
        ["4", "建立任务台账。", "县政府办公室", "2024年3月底前"],
    ]


def test_markdown_unfinished_last_row_does_not_swallow_the_text_after_it():
    text = MD_HEAD + "| 1 | 加强政策解读工作。 | 县政府办公室\n注：本表由县政府办公室负责解释。\n"
    span = only_table(text)
    assert (span.start, span.end) == (0, 3)
    assert [c.text for c in span.table.rows[1]] == ["1", "加强政策解读工作。", "县政府办公室"]


# --- ruled tables: damage ------------------------------------------------------------------------

GRID = """\
+------+--------------------+--------------+
| 序号 | 工作任务           | 责任单位     |
+======+====================+==============+
| 1    | 加强政策解读工作， | 县政府办公室 |
|      | 做好重要政策发布。 |              |
+------+--------------------+--------------+
| 2    | 做好依申请公开。   | 县司法局     |
+------+--------------------+--------------+
| 3    | 建立任务台账。     | 县政府办公室 |
+------+--------------------+--------------+"""


def test_grid_table_by_hand():
    span = only_table(GRID)
    assert [[c.text for c in r] for r in span.table.rows] == [
        ["序号", "工作任务", "责任单位"],
        ["1", "加强政策解读工作，\n做好重要政策发布。", "县政府办公室"],
        ["2", "做好依申请公开。", "县司法局"],
        ["3", "建立任务台账。", "县政府办公室"],
    ]
    assert span.table.rows[1][1].loc.column == 10
    check_cells_located(GRID, span)


def test_grid_table_damaged_line_costs_only_its_row():
    lines = GRID.split("\n")
    lines[6] = "| 2    | 做好依申请公开。 | 县司法局     |"  # a bar two columns early
    lines[8] = "  3      建立任务台账。       县政府办公室"  # the bars lost
    span = only_table("\n".join(lines))
    rows = [[c.text for c in r] for r in span.table.rows]
    assert rows[0] == ["序号", "工作任务", "责任单位"]
    assert rows[1] == ["1", "加强政策解读工作，\n做好重要政策发布。", "县政府办公室"]
    assert "".join(rows[2]).replace(" ", "") == "2做好依申请公开。|县司法局"
    assert rows[3] == ["3", "建立任务台账。", "县政府办公室"]


def test_box_heavy_and_double_lines():
    text = """\
╔════╦══════════════════╦══════════╗
║序号║工作任务          ║完成时限  ║
╠════╬══════════════════╬══════════╣
║1   ║加强政策解读工作，║长期坚持  ║
║    ║做好重要政策发布。║          ║
╟────╫──────────────────╫──────────╢
║2   ║做好依申请公开。  ║2024年6月 ║
║    ║                  ║底前      ║
╚════╩══════════════════╩══════════╝
┏━━━━┳━━━━━━━━━━━━━━━━━━┓
┃序号┃工作任务          ┃
┣━━━━╋━━━━━━━━━━━━━━━━━━┫
┃3   ┃建立任务台账。    ┃
┗━━━━┻━━━━━━━━━━━━━━━━━━┛"""
    spans = spans_of(text)
    assert [(s.shape, s.start, s.end) for s in spans] == [("box", 0, 9), ("box", 9, 14)]
    assert [[c.text for c in r] for r in spans[0].table.rows] == [
        ["序号", "工作任务", "完成时限"],
        ["1", "加强政策解读工作，\n做好重要政策发布。", "长期坚持"],
        ["2", "做好依申请公开。", "2024年6月\n底前"],
    ]
    assert spans[0].table.rows[2][2].loc.column == 18  # a character column, not a display one
    check_cells_located(text, spans[0])


# --- aligned columns by hand ---------------------------------------------------------------------


def ideographic_row(cells: list[str], starts: list[int]) -> str:
    """Cells placed at display columns with ideographic spaces, as typed in a CJK editor."""
    out = ""
    width = 0
    for text, start in zip(cells, starts, strict=True):
        if text:
            gap = start - width
            assert gap >= 0 and gap % 2 == 0, (text, start, width)
            out += "\u3000" * (gap // 2) + text
            width = start + sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    return out


def test_aligned_with_ideographic_spaces_and_wrapped_cjk():
    starts = [0, 6, 28, 42]
    rows = [
        ["序号", "工作任务", "责任单位", "完成时限"],
        ["１", "加强政策解读工作，", "县政府办公室", "2024年6月底前"],
        ["", "做好重要政策解读。", "", ""],
        ["２", "做好依申请公开工作。", "县司法局", "长期坚持"],
        ["３", "建立政务公开工作任", "县政府办公室", "2024年3月底前"],
        ["", "务台账。", "", ""],
    ]
    text = "\n".join(ideographic_row(r, starts) for r in rows)
    span = only_table(text)
    assert [[c.text for c in r] for r in span.table.rows] == [
        ["序号", "工作任务", "责任单位", "完成时限"],
        ["１", "加强政策解读工作，\n做好重要政策解读。", "县政府办公室", "2024年6月底前"],
        ["２", "做好依申请公开工作。", "县司法局", "长期坚持"],
        ["３", "建立政务公开工作任\n务台账。", "县政府办公室", "2024年3月底前"],
    ]
    check_cells_located(text, span)


NO_NUMBERS = """\
工作任务                    责任单位            完成时限
加强政策解读工作，做好重要  县政府办公室、      2024年6月底前
政策发布解读。              县财政局
主要负责同志每年至少听取1   县政府办公室        长期坚持
次政务公开工作汇报。
组织开展业务培训。          县政务服务中心      2024年10月底前
做好依申请公开工作。        县司法局            长期坚持"""


def test_aligned_rows_without_running_numbers():
    span = only_table(NO_NUMBERS)
    assert [[c.text for c in r] for r in span.table.rows] == [
        ["工作任务", "责任单位", "完成时限"],
        ["加强政策解读工作，做好重要\n政策发布解读。", "县政府办公室、\n县财政局", "2024年6月底前"],
        ["主要负责同志每年至少听取1\n次政务公开工作汇报。", "县政府办公室", "长期坚持"],
        ["组织开展业务培训。", "县政务服务中心", "2024年10月底前"],
        ["做好依申请公开工作。", "县司法局", "长期坚持"],
    ]


def test_aligned_table_over_a_page_break_without_numbers():
    """A row that may continue after the break is its own row, listed in Table.breaks; the
    page number between is skipped, the repeated header dropped."""
    lines = NO_NUMBERS.split("\n")
    text = "\n".join(
        [*lines[:5], "", "                         - 1 -", "\f" + lines[0], *lines[5:], "", "- 2 -"]
    )
    span = only_table(text)
    assert len(span.table.rows) == 5
    assert span.table.breaks == {3}
    assert [text.split("\n")[i].strip("\f ") for i in span.skipped] == ["- 1 -", lines[0]]
    assert span.end == 10  # the last page number is outside


def test_aligned_damaged_line_costs_only_its_row():
    lines = NO_NUMBERS.split("\n")
    lines[5] = "组织开展业务培训。县政务服务中心 2024年10月底前"  # the gaps lost
    span = only_table("\n".join(lines))
    rows = [[c.text for c in r] for r in span.table.rows]
    assert rows[1][1] == "县政府办公室、\n县财政局"
    assert rows[-1] == ["做好依申请公开工作。", "县司法局", "长期坚持"]
    assert any("组织开展业务培训" in c for r in rows for c in r)


def test_aligned_one_space_gap_of_a_full_column():
    """pdftotext leaves a single space where a full column meets the next one: the space
    that recurs at one place on every row of the column splits it."""
    text = """\
序号   工作任务                   责任单位        完成时限
1      加强政策解读工作，做好重要 县政府办公室    2024年6月底前
       政策发布解读。
2      组织开展政务公开业务培训， 县政务服务中心  长期坚持
       提升业务能力。
3      建立政务公开工作任务台账， 县政府办公室    2024年3月底前
       逐项明确责任。"""
    span = only_table(text)
    assert [[c.text for c in r] for r in span.table.rows][1:] == [
        ["1", "加强政策解读工作，做好重要\n政策发布解读。", "县政府办公室", "2024年6月底前"],
        ["2", "组织开展政务公开业务培训，\n提升业务能力。", "县政务服务中心", "长期坚持"],
        ["3", "建立政务公开工作任务台账，\n逐项明确责任。", "县政府办公室", "2024年3月底前"],
    ]
    check_cells_located(text, span)


def spaced_row(cells: list[str], starts: list[int]) -> str:
    """One line of a space-aligned table: each text at its display column (CJK is 2 wide)."""
    out = ""
    width = 0
    for text, start in zip(cells, starts, strict=True):
        if text:
            out += " " * max(start - width, 1 if out else 0) + text
            width = len(out) + sum(1 for ch in out if ord(ch) > 0x2E80)
    return out


# A table as w3m draws one without borders: every cell centred vertically in its row (an odd
# spare line goes below), so the first row starts above its number, and cells merged down
# (类别 over rows 1-2 and 3-4, 完成时限 over 1-2, 责任单位 over 3-4) straddle two rows' lines.
CENTRED = [
    ["序", "类别", "工作任务", "责任单位", "完成时限"],
    ["号", "", "", "", ""],
    ["", "", "建立健全信息发布审核", "", ""],
    ["1", "一、信息", "机制，明确审核责任，", "县政府办公室", ""],
    ["", "发布与解", "定期公开。", "", "2024年6月"],
    ["", "读", "做好政策文件解读工作", "", "底前"],
    ["2", "", "，提升解读材料质量，", "县财政局", ""],
    ["", "", "及时回应关切。", "", ""],
    ["3", "", "规范依申请公开办理流", "", "长期坚持"],
    ["", "二、依申", "程，按时答复。", "", ""],
    ["", "请公开", "加强政府网站和政务新", "县司法局", ""],
    ["4", "", "媒体管理，确保内容安", "", "每季度"],
    ["", "", "全。", "", ""],
]
CENTRED_READ = [
    ["序\n号", "类别", "工作任务", "责任单位", "完成时限"],
    [
        "1",
        "一、信息\n发布与解\n读",
        "建立健全信息发布审核\n机制，明确审核责任，\n定期公开。",
        "县政府办公室",
        "2024年6月\n底前",
    ],
    ["2", "", "做好政策文件解读工作\n，提升解读材料质量，\n及时回应关切。", "县财政局", ""],
    ["3", "二、依申\n请公开", "规范依申请公开办理流\n程，按时答复。", "县司法局", "长期坚持"],
    ["4", "", "加强政府网站和政务新\n媒体管理，确保内容安\n全。", "", "每季度"],
]


def test_aligned_vertically_centred_cells_with_merged_cells():
    """The header ends where the column names end; a short or merged cell goes to the row
    (the first of the rows) whose middle is its middle, not to the rows its lines fall in."""
    text = "\n".join(spaced_row(r, [0, 4, 14, 36, 50]) for r in CENTRED)
    span = only_table(text)
    assert [[c.text for c in r] for r in span.table.rows] == CENTRED_READ
    check_cells_located(text, span)


def test_aligned_centred_running_number_one_space_from_the_next_column():
    """A right-aligned number one space before the group column (w3m, pdftotext) is a
    column of its own."""
    rows = [[f"{r[0]:>2}" if r[0].isdigit() else r[0], *r[1:]] for r in CENTRED]
    text = "\n".join(spaced_row(r, [0, 3, 14, 36, 50]) for r in rows)
    span = only_table(text)
    assert [[c.text for c in r] for r in span.table.rows] == CENTRED_READ


def test_centred_cells_placed_by_their_middle():
    """place_cells on plain line numbers: three rows of three lines each (0-2, 3-5, 6-8)."""
    rows = Rows(tops=[0, 3, 6], lasts=[2, 5, 8], ends=[3, 6, 9])
    # one line in the middle of three empty-looking rows is a cell merged over all three: it
    # goes to the first row it covers
    assert place_cells(rows, [[], [4], []]) == [[4], [], []]
    # a two-line cell whose second line a tool set on the next row's first line (rows that
    # overlap on a PDF page): the line goes back up, the next row keeps its own middle line
    assert place_cells(rows, [[0], [3, 4], [7]]) == [[0, 3], [4], [7]]
    # cells on their own rows' middles stay there
    assert place_cells(rows, [[1], [4], [7]]) == [[1], [4], [7]]


def test_centred_header_ends_where_the_column_names_end():
    lines = [
        ["序", "工作任务", None, "完成时限"],
        ["号", None, "责任单位", None],
        [None, "建立健全信息发布审核", None, None],
    ]
    assert header_lines(lines) == 2
    assert header_lines([["a", "b"], ["c", "d"]]) is None


def test_aligned_tables_with_prose_between_stay_apart():
    table = [
        "序号  工作任务        责任单位",
        "1     加强政策解读    县政府办公室",
        "2     做好依申请公开  县司法局",
    ]
    prose = "各单位要高度重视，明确分管领导和具体工作人员，加强统筹协调，确保各项任务落到实处。"
    spans = spans_of("\n".join([*table, prose, *table]))
    assert [(s.start, s.end) for s in spans] == [(0, 3), (4, 7)]


# --- what is not a table -------------------------------------------------------------------------

PROSE = """\
某县2024年政务公开工作要点

一、总体要求
以公开为常态、不公开为例外，围绕 政策解读 | 回应关切 | 平台建设 三项重点推进。
各单位要明确分管领导  和具体工作人员，  确保任务落实。 Some English prose puts two
spaces after a full stop.  It should  not look like  columns  at all.  Really  not.
二、重点任务
（一）加强政策解读。做好重要政策发布解读，提升解读质量。|
（二）回应社会关切。|完善舆情监测机制。
联系人：张三        联系电话：0771-1234567

                                            某县人民政府办公室
                                              2024年3月1日
-----
| 单独一行 |
+--------+
某县政务公开工作要点
------ ------
一、总体要求：以公开为常态、不公开为例外。
"""


def test_prose_is_not_a_table():
    assert spans_of(PROSE) == []


def test_two_aligned_lines_are_not_a_table():
    assert spans_of("联系人：张三    电话：1234567\n联系人：李四    电话：7654321\n") == []


def test_one_column_is_not_a_table():
    assert spans_of("+------+\n| 序号 |\n+------+\n| 1    |\n+------+") == []
    assert spans_of("| 序号 |\n|---|\n| 1 |\n") == []


# --- adversarial input ---------------------------------------------------------------------------

N = 100_000
ADVERSARIAL = {
    "pipes": ["|" * N] * 3,
    "pipe table header": ["|" * N, "|" + "-|" * (N // 2), "| a " * (N // 4)],
    "dashes": ["-" * N] * 3,
    "dash groups": ["-- " * (N // 3)] * 3,
    "pluses": ["+" * N] * 3,
    "grid": ["+" + "-+" * (N // 2), "|" + " |" * (N // 2), "+" + "-+" * (N // 2)],
    "box": ["┌" + "─┬" * (N // 2) + "┐", "│" + " │" * (N // 2), "└" + "─┴" * (N // 2) + "┘"],
    "spaces": [" " * N] * 3,
    "spaced words": ["a  " * (N // 3)] * 5,
    "words with single spaces": ["a b  " * (N // 5)] * 5,
    "spaced CJK": ["中\u3000" * (N // 2)] * 5,
    "mixed": ["+-|  " * (N // 5)] * 4,
    "form feeds": ["\f" * N] * 3,
    "many short rows": ["| a | b | c |", "|---|---|---|"] + ["| x"] * 20_000,
    "many aligned lines": ["a  b  c"] * 20_000,
    "many numbered lines": [f"{i % 999 + 1}  任务  单位" for i in range(20_000)],
    "many pages": ["a  b  c", "d  e  f", "g  h  i", "\f- 1 -"] * 5_000,
    "many grid rows": ["+---+---+"] + ["| a | b |", "+---+---+"] * 10_000,
    "many small tables": [
        "序号  工作任务  责任单位",
        "1  加强政策解读  县政府办公室",
        "2  做好依申请公开  县司法局",
        "这是一段很长的说明文字，用来把两张表格隔开，它横跨所有的栏，不是表格的一行。",
    ]
    * 4_000,
    "long blank runs": (["a  b  c"] * 3 + [""] * 50) * 2_000,
    "many small markdown tables": ["| a | b |", "|---|---|", "| 1 | 2 |", "说明"] * 10_000,
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial_lines_return_fast(name):
    """A hang guard, not a speed target (those are in benchmarks/): each input takes about a
    second, while a quadratic pass over its 10,000-40,000 lines would take many minutes, so the
    bound is wide enough for a loaded machine and still catches that."""
    start = time.perf_counter()
    spans = find_tables(ADVERSARIAL[name])
    assert time.perf_counter() - start < 30.0
    for span in spans:
        assert 0 <= span.start < span.end <= len(ADVERSARIAL[name])


def _steps(lines: list[str]) -> int:
    """Lines of readers/layout.py and readers/centred.py executed while finding the tables: a
    count of the work done, the same on every run and under any load (no clock)."""
    files = {layout.__file__, centred.__file__}
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename in files else None

    before = sys.gettrace()
    sys.settrace(calls)
    try:
        find_tables(lines)
    finally:
        sys.settrace(before)
    return count


def _numbered_lines(n: int) -> list[str]:
    return ["序号  工作任务  责任单位", *(f"{i}  加强政策解读  县政府办公室" for i in range(n))]


def _paged_lines(n: int) -> list[str]:
    """Rows of wrapped cells over pages: page numbers, form feeds, a row going on at the top
    of the next page after a blank line."""
    out = ["序号    工作任务        责任单位    完成时限", ""]
    for i in range(1, n + 1):
        if i % 12 == 0:
            out += ["", f"- {i // 12} -", "\f        按要求及时公开", ""]
        row = f"{i:<8}加强政策解读工作，    县政府办公室  2024年6月底前"
        out += [row, "        做好重要政策发布", "        解读。", ""]
    return out


@pytest.mark.parametrize("make", [_numbered_lines, _paged_lines], ids=["numbered", "paged"])
def test_work_grows_linearly(make):
    """Four times the rows cost about four times the work (a quadratic step would cost 16
    times): counted in executed lines, so the check does not depend on the machine's load.
    Speed itself is measured in benchmarks/."""
    small, large = _steps(make(250)), _steps(make(1000))
    assert large < small * 6, (small, large)


TABLE_CHARS = "|-+=:  \u3000\f\t─│┌┐└┘├┤┬┴┼━┃═║╬中文1a\\<br>"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=TABLE_CHARS, max_size=40), max_size=30))
def test_never_raises_and_spans_are_sound(lines):
    spans = find_tables(lines)
    last = 0
    for span in spans:
        assert last <= span.start < span.end <= len(lines)
        last = span.end
        assert span.shape in ("markdown", "grid", "box", "aligned")
        assert all(span.start <= i < span.end for i in span.skipped)
        for row in span.table.rows:
            for cell in row:
                assert cell.loc.line is not None and 1 <= cell.loc.line <= len(lines)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_damaged_real_outputs_never_raise(data):
    name = data.draw(st.sampled_from(sorted(p.name for p in FIXTURES.glob("*.txt"))))
    lines = (FIXTURES / name).read_text(encoding="utf-8").split("\n")
    find_tables(damage_lines(data, lines, "│"))


if __name__ == "__main__":
    if "--regenerate" in sys.argv:
        made = generate(FIXTURES)
        for name in sorted(made):
            print("wrote", FIXTURES / name)
        shutil.rmtree(FIXTURES / "office", ignore_errors=True)
