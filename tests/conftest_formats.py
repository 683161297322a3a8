"""Builders for real plan files (Word, Excel, HTML, PDF) made with the real libraries.

One small plan is written in every format: a title, a header row, vertically merged group,
unit and deadline cells, a multi-unit cell, and a requirement continued after a page break.
``None`` in a row means "merged with the cell above".
"""

from __future__ import annotations

import io
from collections.abc import Sequence

TITLE = "某某县2024年政务公开工作要点分工方案"
HEADER = ["序号", "工作任务", "具体要求", "责任单位", "完成时限"]
Row = Sequence[str | None]

PAGE1: list[Row] = [
    [
        "1",
        "一、强化政策解读",
        "加强重大政策解读，做好政策发布解读回应工作。",
        "县政府办公室",
        "2024年6月30日",
    ],
    ["2", None, "规范解读材料发布，确保同步起草同步审签同步发布。", "县发改局\n县财政局", None],
    [
        "3",
        "二、推进政务公开标准化",
        "持续完善基层政务公开标准目录，动态更新公开事项。",
        "县司法局",
        "2024年12月31日",
    ],
    ["4", None, "推动政务公开专区建设，在政务服务中心设置查阅点", None, None],
]
PAGE2: list[Row] = [
    ["", "", "并公布查阅点地址和开放时间。", "", ""],
    [
        "5",
        "二、推进政务公开标准化",
        "加强依申请公开办理，规范答复格式文书。",
        "县司法局",
        "2024年12月31日",
    ],
    [
        "6",
        "三、加强平台建设",
        "优化政府网站栏目设置，及时更新信息内容。",
        "县政府办公室、县数据局",
        "2024年9月30日",
    ],
]

EXPECTED = [
    ("1", "加强重大政策解读", ["县政府办公室"], "2024年6月30日"),
    ("2", "规范解读材料发布", ["县发改局", "县财政局"], "2024年6月30日"),
    ("3", "持续完善基层政务", ["县司法局"], "2024年12月31日"),
    ("4", "推动政务公开专区", ["县司法局"], "2024年12月31日"),
    ("5", "加强依申请公开办", ["县司法局"], "2024年12月31日"),
    ("6", "优化政府网站栏目", ["县政府办公室", "县数据局"], "2024年9月30日"),
]
FULL_4 = "推动政务公开专区建设，在政务服务中心设置查阅点并公布查阅点地址和开放时间。"


def filled(rows: list[Row]) -> list[list[str]]:
    """The rows as a reader of the printed table sees them: merged cells repeated."""
    out: list[list[str]] = []
    for row in rows:
        out.append([out[-1][j] if v is None else v for j, v in enumerate(row)])
    return out


def summary(plan) -> list[tuple[str, str, list[str], str | None]]:
    return [(i.id, i.text[:8], i.assignees, i.deadline) for i in plan.items]


# --- text -------------------------------------------------------------------------------------


def text_plan() -> str:
    def md(row: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("\n", "<br>") for c in row) + " |"

    lines = [f"# {TITLE}", "", md(HEADER), "| " + " | ".join("---" for _ in HEADER) + " |"]
    lines += [md(r) for r in filled(PAGE1)]
    lines += ["", "- 2 -", ""]
    lines += [md(r) for r in filled(PAGE2)]
    return "\n".join(lines) + "\n"


# --- Word -------------------------------------------------------------------------------------


def merged_runs(rows: list[Row]):
    """(column, first row, last row) of each cell merged down: a value followed by Nones."""
    for j in range(len(HEADER)):
        i = 0
        while i < len(rows):
            k = i
            while k + 1 < len(rows) and rows[k + 1][j] is None:
                k += 1
            if k > i:
                yield j, i, k
            i = k + 1


def docx_table(document, header: Sequence[str] | None, rows: list[Row], span_header=None):
    """A Word table; ``None`` cells merged down, ``span_header=(a, b)`` merges header cells."""
    n_head = 1 if header else 0
    table = document.add_table(rows=len(rows) + n_head, cols=len(HEADER))
    table.style = "Table Grid"
    if header:
        for j, name in enumerate(header):
            table.cell(0, j).text = name
        if span_header:
            a, b = span_header
            merged = table.cell(0, a).merge(table.cell(0, b))
            merged.text = header[a]
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is not None:
                table.cell(i + n_head, j).text = value
    for j, i, k in merged_runs(rows):
        merged = table.cell(i + n_head, j).merge(table.cell(k + n_head, j))
        merged.text = rows[i][j] or ""
    return table


def page_break(document) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def build_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    docx_table(document, HEADER, PAGE1)
    page_break(document)
    docx_table(document, None, PAGE2)
    return save_docx(document)


def save_docx(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def add_list(document, levels: Sequence[tuple[str, str]]) -> str:
    """Define a numbered list (numFmt, lvlText per level) in numbering.xml; its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    numbering = document.part.numbering_part.element
    aids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.iter(qn("w:abstractNum"))]
    nids = [int(n.get(qn("w:numId"))) for n in numbering.iter(qn("w:num"))]
    aid, nid = max(aids, default=0) + 1, max(nids, default=0) + 1
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">{lvls}</w:abstractNum>'
    )
    first_num = next(iter(numbering.iter(qn("w:num"))), None)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/></w:num>')
    )
    return str(nid)


def number(paragraph, num_id: str, ilvl: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


# --- Excel ------------------------------------------------------------------------------------


def _as_date(text: str):
    import datetime as dt
    import re

    m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text)
    return dt.datetime(int(m[1]), int(m[2]), int(m[3])) if m else text


def _sheet_rows(ws, rows: list[Row], first: int) -> None:
    from openpyxl.styles import Alignment

    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is None:
                continue
            cell = ws.cell(row=first + i, column=j + 1)
            cell.value = _as_date(value) if j == 4 else (int(value) if value.isdigit() else value)
            if isinstance(value, str) and "\n" in value:
                cell.alignment = Alignment(wrap_text=True)
    for j, i, k in merged_runs(rows):
        ws.merge_cells(start_row=first + i, start_column=j + 1, end_row=first + k, end_column=j + 1)


def build_xlsx() -> bytes:
    """Sheet 1: a merged title row, a blank row, the header, page 1; sheet 2: page 2."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "分工方案"
    ws["A1"] = TITLE
    ws.merge_cells("A1:E1")
    for j, name in enumerate(HEADER, 1):
        ws.cell(row=3, column=j, value=name)
    _sheet_rows(ws, PAGE1, 4)
    ws2 = wb.create_sheet("续表")
    _sheet_rows(ws2, PAGE2, 1)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- HTML -------------------------------------------------------------------------------------


def _html_rows(rows: list[Row], tag: str = "td") -> str:
    out = []
    for i, row in enumerate(rows):
        cells = []
        for j, value in enumerate(row):
            if value is None:
                continue
            span = 1
            while i + span < len(rows) and rows[i + span][j] is None:
                span += 1
            attr = f' rowspan="{span}"' if span > 1 else ""
            text = value.replace("\n", "<br>")
            cells.append(f"<{tag}{attr}><p>{text}</p></{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(out)


def build_html(encoding: str = "utf-8") -> bytes:
    head = "".join(f"<th>{h}</th>" for h in HEADER)
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">
<title>{TITLE} - 某某县人民政府</title>
<script>var x = "<table><tr><td>不是表格</td></tr></table>";</script>
<style>td {{ border: 1px solid }}</style></head>
<body><nav><a href="/">首页</a> &gt; 政务公开</nav>
<h1>{TITLE}</h1>
<table border="1">
<tr>{head}</tr>
{_html_rows(PAGE1)}
</table>
<p>- 2 -</p>
<table border="1">
{_html_rows(PAGE2)}
</table>
<footer>版权所有 某某县人民政府</footer>
</body></html>
"""
    return page.encode(encoding)


# --- PDF --------------------------------------------------------------------------------------


def _pdf_style():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return ParagraphStyle("cn", fontName="STSong-Light", fontSize=10, leading=14, wordWrap="CJK")


def _pdf_table(header: Sequence[str] | None, rows: list[Row]):
    from reportlab.platypus import Paragraph, Table, TableStyle

    style = _pdf_style()
    data: list[list[object]] = [list(header)] if header else []
    n_head = len(data)
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), "STSong-Light", 10),
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    for i, row in enumerate(rows):
        cells: list[object] = []
        for j, value in enumerate(row):
            if value is None:
                cells.append("")
            elif j in (2, 3):  # wraps inside the cell; a unit a line
                cells.append(Paragraph(value.replace("\n", "<br/>"), style))
            else:
                cells.append(value)
        data.append(cells)
        for j in range(len(row)):
            if row[j] is not None and i + 1 < len(rows) and rows[i + 1][j] is None:
                k = i + 1
                while k + 1 < len(rows) and rows[k + 1][j] is None:
                    k += 1
                commands.append(("SPAN", (j, i + n_head), (j, k + n_head)))
    table = Table(data, colWidths=[36, 120, 150, 110, 90])
    table.setStyle(TableStyle(commands))
    return table


def build_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    style = _pdf_style()

    def footer(canvas, doc) -> None:
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4)
    story = [
        Paragraph(TITLE, style),
        _pdf_table(HEADER, PAGE1),
        PageBreak(),
        _pdf_table(None, PAGE2),
    ]
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


BUILDERS = {
    ".docx": build_docx,
    ".xlsx": build_xlsx,
    ".html": build_html,
    ".pdf": build_pdf,
}


# --- tampering --------------------------------------------------------------------------------


def rezip(
    data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None
):
    """A copy of a zip container with some members replaced or added."""
    import zipfile

    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = replace.get(info.filename, None)
            dst.writestr(info, src.read(info) if body is None else body, zipfile.ZIP_DEFLATED)
        for name, body in (add or {}).items():
            dst.writestr(name, body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def zip_member(data: bytes, name: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(name)
