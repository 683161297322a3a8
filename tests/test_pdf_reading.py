"""How PDFs are read: pdfium's text layer as lines (readers/pdftext.py), ruled tables from the
ruling lines (readers/pdfgrid.py), and the reading kept by evidence (readers/pdf.py).

Files are made by real tools: LibreOffice's PDFs of our own plans (``fixtures/tools``) and
PDFs drawn with reportlab (ruled, unruled over several pages, a grid drawn as one path).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from hostile_files import pdf_flate_bomb
from planlint.errors import ReadError
from planlint.parse import parse
from planlint.readers import Limits, read_document
from planlint.readers.pdftext import layout_text, page_chars, page_lines, page_rules

TOOLS = Path(__file__).resolve().parent / "fixtures" / "tools"
CALC = TOOLS / "ledger" / "ledger.lo.pdf"  # LibreOffice Calc: text spills over its rows
WRITER = TOOLS / "table" / "plan.lo.pdf"  # LibreOffice Writer: ruled, merged cells, 2 pages

UNITS = ["县政府办公室", "县发改局", "县财政局", "县司法局", "县数据局", "县教育局"]
DEADLINES = ["2024年6月30日", "2024年9月30日", "2024年12月31日", "长期坚持"]


def _pages(path: Path):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        out = []
        for page in pdf:
            height = page.get_height()
            rules = page_rules(page, height, 100_000)
            out.append((page_lines(page_chars(page.get_textpage(), height, 10**6)), rules))
        return out
    finally:
        pdf.close()


def _texts(path: Path) -> list[str]:
    return ["".join(c.text for c in line.chars) for lines, _ in _pages(path) for line in lines]


# --- lines in text-flow order ------------------------------------------------------------------


def test_calc_rows_spilling_over_each_other_stay_apart():
    """Calc centres a wrapped cell on a row lower than its text: the last line of row 1's
    measure and the first of row 2's are drawn two points apart, over one band. Each is a
    line of its own, not one line of interleaved characters."""
    texts = _texts(CALC)
    assert "短视频等解读产品，做好政策解读。" in texts
    assert "建立教育舆情监测和回应机制，对涉及学生安全、招生考试的" in texts
    assert "舆情在24小时内作出回应。" in texts


def test_calc_pdf_reads_from_the_laid_out_text():
    """The ruled reading is not offered when the text crosses its row rules; the aligned
    columns of the laid-out text give every row its own number, units and deadline."""
    doc = read_document(CALC)
    names = [doc.reading, *(r.name for r in doc.alternatives)]
    assert "pdf" not in names
    plan = parse(doc)
    assert plan.reading is not None and plan.reading.name == "pdf-aligned"
    assert [i.id for i in plan.items] == [str(n) for n in range(1, 9)]
    assert plan.items[2].deadline == "收到申请后20个工作日内"
    assert plan.items[4].assignees == ["信息中心"]
    assert plan.items[4].assisting == ["办公室", "基础教育科"]


def test_layout_text_lines_up_like_pdftotext():
    """Laid-out text puts each column at one display position on every line."""
    lines, where = layout_text(_pages(CALC))
    assert len(lines) == len(where)
    head = next(line for line in lines if "序号" in line)
    row = next(line for line in lines if "政策法规科" in line and "2025" in line)
    assert head.index("序号") < row.index("1")
    assert all(page == 1 for page, _ in where)


# --- ruled tables --------------------------------------------------------------------------------


def test_writer_ruled_table_is_read_from_its_cells():
    doc = read_document(WRITER)
    assert doc.reading == "pdf"
    plan = parse(doc)
    assert plan.reading is not None and plan.reading.name == "pdf"
    assert len(plan.items) == 12
    assert [i.loc.page for i in plan.items][:8] == [1] * 8
    assert plan.items[11].loc.page == 2
    # merged task-group cells give every row its section; a merged deadline both rows
    assert plan.items[1].section == plan.items[0].section
    assert plan.items[0].deadline == plan.items[1].deadline == "2025年12月底前"
    # row 8 goes on over the page break
    assert plan.items[7].text.endswith("方便群众现场查询办事指南。")
    # Latin and CJK set apart by a narrow gap stay one word, as the file writes them
    assert plan.items[4].text.startswith("编制发布2024年度")


def _style():
    pytest.importorskip("reportlab")
    from conftest_formats import _pdf_style

    return _pdf_style()


def _rows(count: int) -> list[list[str]]:
    rows = []
    for n in range(1, count + 1):
        group = f"{'一二三四五六七八九十'[(n - 1) // 5 % 10]}、第{n}组任务" if n % 5 == 1 else ""
        task = f"第{n}项：做好政务公开第{n}项重点工作，按要求及时公开并持续更新相关信息。"
        rows.append([str(n), group, task, UNITS[n % len(UNITS)], DEADLINES[n % len(DEADLINES)]])
    return rows


def _watermark(canvas, doc) -> None:
    """A watermark across the page, as offices stamp drafts: big, pale, at 45 degrees."""
    canvas.saveState()
    canvas.setFont("STSong-Light", 60)
    canvas.setFillGray(0.85)
    canvas.translate(150, 250)
    canvas.rotate(45)
    canvas.drawString(0, 0, "内部资料注意保存")
    canvas.restoreState()


def _table_pdf(rows: list[list[str]], grid: bool, watermark: bool = False) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    style = _style()
    header = ["序号", "工作任务", "具体要求", "责任单位", "完成时限"]
    data = [header] + [[r[0], r[1], Paragraph(r[2], style), r[3], r[4]] for r in rows]
    commands = [("FONT", (0, 0), (-1, -1), "STSong-Light", 10), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if grid:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, "black"))
    table = Table(data, colWidths=[36, 110, 200, 80, 90], style=commands)
    buf = io.BytesIO()
    stamp = {"onFirstPage": _watermark, "onLaterPages": _watermark} if watermark else {}
    SimpleDocTemplate(buf, pagesize=A4).build(
        [Paragraph("某某县2024年政务公开工作要点分工方案", style), table], **stamp
    )
    return buf.getvalue()


@pytest.mark.parametrize(
    ("grid", "count"),
    [(True, 45), (False, 50), (False, 45)],
    ids=["ruled", "unruled", "unruled-short-last-page"],
)
def test_table_over_several_pages_reads_every_row(tmp_path, grid, count):
    """A table over three pages, ruled or not (python-docx's default table has no borders,
    and LibreOffice prints it so): every row is an item, with its unit and deadline. With 45
    rows the last page holds six, the second of them starting a task group: the page's own
    lines show four columns (the group column has one cell), so it is read by the columns of
    the page before."""
    rows = _rows(count)
    path = tmp_path / "plan.pdf"
    path.write_bytes(_table_pdf(rows, grid))
    plan = parse(read_document(path))
    assert len({i.loc.page for i in plan.items}) >= 3
    assert [i.id for i in plan.items] == [r[0] for r in rows]
    assert [i.assignees for i in plan.items] == [[r[3]] for r in rows]
    assert [i.deadline for i in plan.items] == [r[4] for r in rows]


@pytest.mark.parametrize("grid", [True, False], ids=["ruled", "unruled"])
def test_watermark_across_the_page_is_left_out(tmp_path, grid):
    """A slanted watermark's characters would land one a line between the rows, or inside
    the cells: characters not set in the page's direction are no part of its text."""
    rows = _rows(12)
    path = tmp_path / "stamped.pdf"
    path.write_bytes(_table_pdf(rows, grid, watermark=True))
    plan = parse(read_document(path))
    assert [i.id for i in plan.items] == [r[0] for r in rows]
    assert [i.text for i in plan.items] == [r[2] for r in rows]
    assert [i.assignees for i in plan.items] == [[r[3]] for r in rows]


@pytest.mark.parametrize("in_form", [False, True], ids=["page", "form"])
def test_grid_drawn_as_one_path(tmp_path, in_form):
    """Some producers stroke a table's borders as one path of many lines, and some printers
    draw the whole page as one form, placed by its matrix: the path's straight pieces are
    the rules, where the form puts them."""
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _style()
    rows = [["序号", "具体要求", "责任单位", "完成时限"]] + [
        [r[0], r[2][:14], r[3], r[4]] for r in _rows(6)
    ]
    xs = [50, 90, 330, 430, 540]
    top, height = 780, 24
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    if in_form:
        c.beginForm("page")
    c.setFont("STSong-Light", 10)
    c.drawString(50, 800, "某某县2024年政务公开工作要点分工方案")
    path = c.beginPath()
    for k in range(len(rows) + 1):
        path.moveTo(xs[0], top - k * height)
        path.lineTo(xs[-1], top - k * height)
    for x in xs:
        path.moveTo(x, top)
        path.lineTo(x, top - len(rows) * height)
    c.drawPath(path, stroke=1, fill=0)
    for k, row in enumerate(rows):
        for x, text in zip(xs, row, strict=False):
            c.drawString(x + 3, top - (k + 1) * height + 8, text)
    if in_form:
        c.endForm()
        c.saveState()
        c.translate(10, -20)  # the form placed a little off its own origin
        c.doForm("page")
        c.restoreState()
    c.showPage()
    c.save()
    file = tmp_path / "one-path.pdf"
    file.write_bytes(buf.getvalue())
    doc = read_document(file)
    assert doc.reading == "pdf"
    plan = parse(doc)
    assert [i.id for i in plan.items] == [r[0] for r in rows[1:]]
    assert [i.deadline for i in plan.items] == [r[3] for r in rows[1:]]


# --- budgets -------------------------------------------------------------------------------------


def test_content_stream_marked_as_an_image_is_measured(tmp_path):
    """Images are not inflated to measure them (pdfium never decodes them to read text), but
    a page can name a stream marked /Image as its content: it is measured as content."""
    path = tmp_path / "disguised.pdf"
    path.write_bytes(pdf_flate_bomb(3 << 20, image=True))
    with pytest.raises(ReadError) as err:
        read_document(path, limits=Limits(max_pdf_stream=1 << 20))
    assert err.value.params.get("limit") == "max_pdf_stream"
