"""Readers for real document formats: Word, Excel, HTML, PDF, legacy files, dispatch by content."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest_formats import (
    BUILDERS,
    EXPECTED,
    FULL_4,
    HEADER,
    PAGE1,
    TITLE,
    add_list,
    build_docx,
    build_html,
    build_xlsx,
    docx_table,
    number,
    save_docx,
    summary,
    text_plan,
)
from planlint.errors import ReadError
from planlint.model import Location, Paragraph, Table
from planlint.parse import parse
from planlint.readers import PLAN_SUFFIXES, read_document
from planlint.readers.docx import chinese_count, format_number
from planlint.readers.sniff import sniff

ROOT = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def read_plan(tmp_path: Path, name: str, data: bytes | str):
    return parse(read_document(write(tmp_path, name, data)))


def _builder(suffix: str):
    if suffix == ".pdf":
        pytest.importorskip("reportlab")
    return BUILDERS[suffix]


# --- one plan, every format -------------------------------------------------------------------


def test_text_version_is_the_reference(tmp_path):
    plan = read_plan(tmp_path, "plan.md", text_plan())
    assert summary(plan) == EXPECTED
    assert plan.items[3].text == FULL_4
    assert plan.title == TITLE


@pytest.mark.parametrize("suffix", sorted(BUILDERS))
def test_every_format_reads_like_the_text_version(tmp_path, suffix):
    reference = summary(read_plan(tmp_path, "plan.md", text_plan()))
    plan = read_plan(tmp_path, "plan" + suffix, _builder(suffix)())
    assert summary(plan) == reference
    assert plan.items[3].text == FULL_4  # the requirement continued after the page break
    assert plan.title == TITLE
    assert plan.kind == "division-plan"
    assert plan.items[0].section == "一、强化政策解读"
    assert plan.items[1].section == "一、强化政策解读"  # from the merged group cell


def test_locations_in_format_terms(tmp_path):
    docx = read_plan(tmp_path, "p.docx", build_docx())
    assert docx.items[0].loc == Location(table=1, row=2, col=3)
    assert docx.items[4].loc == Location(table=2, row=2, col=3)
    xlsx = read_plan(tmp_path, "p.xlsx", build_xlsx())
    assert xlsx.items[0].loc == Location(sheet="分工方案", cell="C4")
    assert xlsx.items[5].loc == Location(sheet="续表", cell="C3")
    html = build_html()
    page = read_plan(tmp_path, "p.html", html)
    lines = html.decode().split("\n")
    first = page.items[0].loc.line
    assert first is not None and "加强重大政策解读" in lines[first - 1]


def test_pdf_locations(tmp_path):
    pytest.importorskip("reportlab")
    plan = read_plan(tmp_path, "p.pdf", BUILDERS[".pdf"]())
    assert [i.loc.page for i in plan.items] == [1, 1, 1, 1, 2, 2]
    assert all(i.loc.line and i.loc.line > 1 for i in plan.items)
    lines = [i.loc.line for i in plan.items[:4]]
    assert lines == sorted(lines) and len(set(lines)) == 4


# --- Word -------------------------------------------------------------------------------------


def test_docx_merged_header_folded_requirement_nested_table(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    header = ["序号", "工作任务", "工作任务", "责任单位", "完成时限"]
    rows = [
        ["1", "一、强化政策解读", "加强政策解读。", "县政府办公室", "2024年6月30日"],
        # one requirement over two rows with different units: one item, both units
        ["2", None, "规范解读材料发布。", "县发改局", "2024年6月30日"],
        [None, None, None, "县财政局", None],
        ["3", "二、加强平台建设", "优化网站栏目。", "县数据局牵头\n县政府办公室配合", "长期"],
    ]
    table = docx_table(document, header, rows, span_header=(1, 2))
    inner = table.cell(4, 4).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "2024年9月底"
    inner.cell(0, 1).text = "年底前"
    path = write(tmp_path, "merged.docx", save_docx(document))
    doc = read_document(path)
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    head = [c.text for c in tables[0].rows[0]]
    assert head == ["序号", "工作任务", "工作任务", "责任单位", "完成时限"]
    plan = parse(doc)
    assert [i.id for i in plan.items] == ["1", "2", "3"]
    assert plan.items[1].assignees == ["县发改局", "县财政局"]
    assert plan.items[1].section == "一、强化政策解读"
    assert plan.items[2].assignees == ["县数据局", "县政府办公室"]
    assert plan.items[2].leads == ["县数据局"]
    assert plan.items[2].deadline is not None
    assert "2024年9月底" in plan.items[2].deadline and "年底前" in plan.items[2].deadline
    cell = tables[0].rows[3][3]
    assert cell.text == "县数据局牵头\n县政府办公室配合"


def test_docx_automatic_numbering(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    outline = add_list(
        document,
        [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")],
    )
    items = add_list(document, [("decimal", "%1.")])
    texts = [
        (0, "加强政策解读"),
        (1, "做好政策发布"),
        (2, "规范解读材料发布。"),
        (2, "健全解读回应机制。"),
        (1, "加强回应关切"),
        (2, "及时回应社会关切。"),
        (0, "推进平台建设"),
        (1, "优化政府网站"),
        (2, "优化栏目设置。"),
    ]
    for level, text in texts:
        number(document.add_paragraph(text), outline, level)
    seen = [
        "一、加强政策解读",
        "（一）做好政策发布",
        "1.规范解读材料发布。",
        "2.健全解读回应机制。",
        "（二）加强回应关切",
        "1.及时回应社会关切。",
        "二、推进平台建设",
        "（一）优化政府网站",
        "1.优化栏目设置。",
    ]
    table = document.add_table(rows=3, cols=3)
    for j, name in enumerate(["具体要求", "责任单位", "完成时限"]):
        table.cell(0, j).text = name
    for i in (1, 2):
        paragraph = table.cell(i, 0).paragraphs[0]
        paragraph.add_run(f"事项{i}。")
        number(paragraph, items, 0)
        table.cell(i, 1).text = "县司法局"
        table.cell(i, 2).text = "年底前"
    doc = read_document(write(tmp_path, "numbered.docx", save_docx(document)))
    paras = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert paras == [TITLE, *seen]
    assert [b.loc.line for b in doc.blocks if isinstance(b, Paragraph)] == list(range(1, 11))
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert [r[0].text for r in table.rows[1:]] == ["1.事项1。", "2.事项2。"]
    plan = parse(doc)
    assert [i.id for i in plan.items] == ["1", "2"]
    assert [i.text for i in plan.items] == ["事项1。", "事项2。"]


def test_docx_style_numbering_and_page_break_paragraph(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("甲", style="List Number")
    document.add_paragraph("乙", style="List Number")
    document.add_paragraph().add_run("第一行").add_break()
    document.paragraphs[-1].add_run("第二行")
    doc = read_document(write(tmp_path, "style.docx", save_docx(document)))
    assert [b.text for b in doc.blocks] == ["1.甲", "2.乙", "第一行\n第二行"]


def test_docx_layout_frame_is_unwrapped(tmp_path):
    import docx

    document = docx.Document()
    frame = document.add_table(rows=1, cols=1)
    cell = frame.cell(0, 0)
    cell.paragraphs[0].add_run(TITLE)
    inner = cell.add_table(rows=2, cols=3)
    for j, name in enumerate(["具体要求", "责任单位", "完成时限"]):
        inner.cell(0, j).text = name
    for j, value in enumerate(["加强政策解读。", "县政府办公室", "年底前"]):
        inner.cell(1, j).text = value
    plan = read_plan(tmp_path, "frame.docx", save_docx(document))
    assert plan.title == TITLE
    assert [(i.text, i.assignees) for i in plan.items] == [("加强政策解读。", ["县政府办公室"])]


def test_docx_alt_chunk_html_is_read(tmp_path):
    """Some systems export a plan as a .docx that only wraps an HTML page (w:altChunk)."""
    import docx
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    page = build_html()
    part = Part(PackURI("/word/afchunk.htm"), "text/html", page, document.part.package)
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
    rid = document.part.relate_to(part, rel)
    chunk = parse_xml(f'<w:altChunk {nsdecls("w", "r")} r:id="{rid}"/>')
    document.element.body.insert(0, chunk)
    plan = read_plan(tmp_path, "chunk.docx", save_docx(document))
    assert summary(plan) == EXPECTED


@pytest.mark.parametrize(
    ("n", "fmt", "want"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (12, "chineseCountingThousand", "十二"),
        (20, "chineseCounting", "二十"),
        (105, "chineseCounting", "一百零五"),
        (3, "ideographTraditional", "丙"),
        (2, "decimalEnclosedCircle", "②"),
        (4, "upperRoman", "IV"),
        (28, "lowerLetter", "bb"),
        (7, "decimalZero", "07"),
    ],
)
def test_number_formats(n, fmt, want):
    assert format_number(n, fmt) == want
    assert chinese_count(11) == "十一"


# --- Excel ------------------------------------------------------------------------------------


def test_xlsx_header_below_title_block_and_merged_heading_row(tmp_path):
    import datetime as dt

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    preamble = [
        TITLE,
        "（2024年3月1日印发）",
        "",
        "各乡镇人民政府，县政府各部门：",
        "现将分工方案印发给你们。",
        "",
        "请认真贯彻执行。",
    ]
    for i, text in enumerate(preamble, 1):
        ws.cell(row=i, column=1, value=text or None)
    ws.merge_cells("A1:E1")
    for j, name in enumerate(HEADER, 1):
        ws.cell(row=8, column=j, value=name)
    ws.cell(row=9, column=1, value="一、强化政策解读")
    ws.merge_cells("A9:E9")  # a heading row spanning the table
    ws.append(
        [1.0, "（一）做好政策发布", "加强重大政策解读。", "县政府办公室", dt.datetime(2024, 6, 30)]
    )
    ws.append(
        [2, "（一）做好政策发布", "规范解读材料发布。", "县发改局\n县财政局", dt.date(2024, 12, 31)]
    )
    hidden = wb.create_sheet("下拉选项")
    hidden["A1"] = "县司法局"
    hidden.sheet_state = "hidden"
    buf = __import__("io").BytesIO()
    wb.save(buf)
    doc = read_document(write(tmp_path, "plan.xlsx", buf.getvalue()))
    paras = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert [p.text for p in paras][:2] == [TITLE, "（2024年3月1日印发）"]
    assert paras[0].loc == Location(sheet="Sheet1", cell="A1")
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert [c.text for c in table.rows[0]] == HEADER
    # a heading merged across the table goes to the group column
    assert [c.text for c in table.rows[1]] == ["", "一、强化政策解读", "", "", ""]
    plan = parse(doc)
    assert plan.title == TITLE
    assert [(i.id, i.deadline, i.assignees) for i in plan.items] == [
        ("1", "2024年6月30日", ["县政府办公室"]),
        ("2", "2024年12月31日", ["县发改局", "县财政局"]),
    ]
    assert plan.items[0].section == "一、强化政策解读 （一）做好政策发布"
    assert plan.items[1].loc == Location(sheet="Sheet1", cell="C11")
    assert all(p.loc.sheet == "Sheet1" for p in paras)  # the hidden sheet was not read


# --- HTML -------------------------------------------------------------------------------------


def test_html_gbk_with_meta_charset(tmp_path):
    page = build_html("gb2312")
    assert b"\xc4\xb3" in page  # 某 in GB2312: really not UTF-8
    plan = read_plan(tmp_path, "plan.htm", page)
    assert summary(plan) == EXPECTED


def test_html_spans_breaks_chrome_and_layout(tmp_path):
    page = textwrap.dedent(
        """\
        <html><head><meta charset="utf-8"></head><body>
        <div class="crumbs">您现在所在的位置：首页 &gt; 政务公开</div>
        <table width="100%"><tr><td>
          <p>某某县2024年政务公开工作要点分工方案</p>
          <table border="1">
            <tr><th>序号</th><th colspan="2">工作任务</th><th>责任单位</th><th>完成时限</th></tr>
            <tr><td colspan="5">一、强化政策解读</td></tr>
            <tr><td>1</td><td rowspan="2">（一）做好政策发布</td><td>加强重大
                政策解读。</td><td rowspan="2">县发改局<br/>县财政局</td><td>6月底前</td></tr>
            <tr><td>2</td><td>规范解读材料&nbsp;发布。</td><td>年底前</td></tr>
          </table>
        </td></tr></table>
        <script>document.write("<p>不是正文</p>")</script>
        </body></html>
        """
    )
    doc = read_document(write(tmp_path, "page.html", page))
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert table.grid
    assert [c.text for c in table.rows[0]] == [
        "序号",
        "工作任务",
        "工作任务",
        "责任单位",
        "完成时限",
    ]
    assert [c.text for c in table.rows[1]] == ["", "一、强化政策解读", "", "", ""]
    assert [c.text for c in table.rows[3]][1:4] == [
        "（一）做好政策发布",
        "规范解读材料 发布。",
        "县发改局\n县财政局",
    ]
    assert all("不是正文" not in getattr(b, "text", "") for b in doc.blocks)
    plan = parse(doc)
    assert plan.title == "某某县2024年政务公开工作要点分工方案"
    assert [(i.id, i.text, i.assignees, i.deadline) for i in plan.items] == [
        ("1", "加强重大政策解读。", ["县发改局", "县财政局"], "6月底前"),
        ("2", "规范解读材料 发布。", ["县发改局", "县财政局"], "年底前"),
    ]
    assert plan.items[0].section == "一、强化政策解读 （一）做好政策发布"
    assert plan.items[0].loc.line == 8


# --- PDF --------------------------------------------------------------------------------------


def test_pdf_unruled_table_falls_back_to_text_strategy(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate
    from reportlab.platypus import Table as RLTable

    from conftest_formats import _pdf_style

    _pdf_style()
    data = [HEADER] + [
        [r[0], r[1] or "", r[2][:12], (r[3] or "").split("\n")[0], r[4] or ""] for r in PAGE1
    ]
    table = RLTable(data, colWidths=[36, 130, 150, 90, 90])
    table.setStyle([("FONT", (0, 0), (-1, -1), "STSong-Light", 9)])  # no grid lines
    buf = __import__("io").BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build([table])
    plan = read_plan(tmp_path, "unruled.pdf", buf.getvalue())
    assert [i.id for i in plan.items] == ["1", "2", "3", "4"]
    assert plan.items[0].assignees == ["县政府办公室"]
    assert plan.items[2].deadline == "2024年12月31日"


# --- dispatch by content ----------------------------------------------------------------------


def test_plan_suffixes():
    for suffix in (
        ".docx",
        ".doc",
        ".wps",
        ".xlsx",
        ".xls",
        ".et",
        ".html",
        ".htm",
        ".pdf",
        ".txt",
        ".md",
    ):
        assert suffix in PLAN_SUFFIXES


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"\xef\xbb\xbf  <!DOCTYPE html><html>", "html"),
        (b"\n<meta charset='gbk'>", "html"),
        (b"<?xml version='1.0'?>\n<!-- x --><html xmlns='x'>", "html"),
        (b"<TABLE border=1><tr>", "html"),
        (b"{\\rtf1\\ansi", "rtf"),
        (b"| a | b |\n", "text"),
        (b"<tablet>", "text"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"), "doc"),
    ],
)
def test_sniff(data, kind):
    assert sniff(data) == kind


def test_sniff_zip_kinds():
    assert sniff(build_docx()) == "docx"
    assert sniff(build_xlsx()) == "xlsx"
    assert sniff(build_docx()[:3000]) == "docx"  # truncated: names from the local headers


def test_content_wins_over_extension(tmp_path):
    assert summary(read_plan(tmp_path, "plan.txt", build_docx())) == EXPECTED
    assert summary(read_plan(tmp_path, "plan.doc", build_html())) == EXPECTED
    assert summary(read_plan(tmp_path, "plan.xls", build_xlsx())) == EXPECTED
    assert summary(read_plan(tmp_path, "plan.xlsx", build_docx())) == EXPECTED
    assert summary(read_plan(tmp_path, "plan", build_xlsx())) == EXPECTED
    assert read_document(write(tmp_path, "plan.docx", build_docx())).format == "docx"


def test_text_claiming_binary_format_is_refused(tmp_path):
    for name, label in [
        ("a.docx", "Word .docx"),
        ("a.xlsx", "Excel .xlsx"),
        ("a.pdf", "PDF"),
        ("a.doc", "Word .doc"),
    ]:
        path = write(tmp_path, name, text_plan())
        with pytest.raises(ReadError) as err:
            read_document(path)
        assert err.value.render("en") == f"{path}: not a {label} file (content is plain text)"
        assert str(err.value) == f"{path}: 不是 {label} 文件（内容是纯文本）"


def test_legacy_doc_without_soffice_says_how_to_convert(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "WordDocument".encode("utf-16-le")
    path = write(tmp_path, "old.doc", data + b"\0" * 1000)
    with pytest.raises(ReadError) as err:
        read_document(path)
    msg = str(err.value)
    assert msg.startswith(str(path)) and "\n" not in msg
    assert "soffice --headless --convert-to docx old.doc" in msg
    path = write(tmp_path, "old.et", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    with pytest.raises(ReadError, match=r"convert-to xlsx old\.et"):
        read_document(path)


def test_legacy_doc_converted_with_soffice(tmp_path, monkeypatch):
    """A stand-in soffice that "converts" by copying a prepared .docx to the output folder."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    prepared = write(tmp_path, "prepared.docx", build_docx())
    script = bindir / "soffice"
    script.write_text(
        "#!/bin/sh\n"
        'while [ $# -gt 1 ]; do [ "$1" = "--outdir" ] && out="$2"; shift; done\n'
        f'cp "{prepared}" "$out/input.docx"\n'
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\0" * 512
    doc = read_document(write(tmp_path, "old.wps", data))
    assert doc.format == "doc"
    assert summary(parse(doc)) == EXPECTED


def test_text_plan_does_not_import_heavy_libraries(tmp_path):
    path = write(tmp_path, "plan.md", text_plan())
    code = (
        "import sys\n"
        "from planlint.readers import read_document\n"
        f"read_document({str(path)!r})\n"
        "heavy = ('docx', 'openpyxl', 'pdfplumber', 'pdfminer', 'pypdfium2')\n"
        "heavy = [m for m in heavy if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=60)


def test_page1_rows_unchanged():
    assert len(PAGE1) == 4  # the builders and EXPECTED agree on the plan's shape
