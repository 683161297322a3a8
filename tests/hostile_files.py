"""Builders for hostile .docx, .xlsx, .pdf and .html files, at any size.

Each builds a real file with the real library (python-docx, openpyxl) or by hand, then patches
its XML or zip headers the way an attacker would. The tests use small sizes with lowered limits;
``benchmarks/attack_readers.py`` builds the full sizes of issue 8 and measures them.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from conftest_formats import build_docx, build_xlsx, rezip, zip_member

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# --- zip headers -----------------------------------------------------------------------------


def _central_entries(data: bytes) -> list[int]:
    """Offsets of the central directory entries of a (non-zip64) archive, in order."""
    end = data.rfind(b"PK\x05\x06")
    count, _, start = struct.unpack("<HII", data[end + 10 : end + 20])
    offsets, at = [], start
    for _ in range(count):
        offsets.append(at)
        n, m, k = struct.unpack("<HHH", data[at + 28 : at + 34])
        at += 46 + n + m + k
    return offsets


def docx_size_lie(real: int) -> bytes:
    """A .docx with a part declared 64 bytes (with the CRC of its first 64) that inflates to
    ``real`` bytes of zeros: zipfile inflates all of it before cutting it to 64."""
    zeros = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = b"".join(zeros.compress(b"\0" * (1 << 20)) for _ in range(real >> 20))
    body += zeros.compress(b"\0" * (real & ((1 << 20) - 1))) + zeros.flush()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(build_docx())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info), zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo("word/media/image1.bin")
        info.compress_type = zipfile.ZIP_DEFLATED
        dst.writestr(info, b"\0" * 64)  # placeholder, its headers patched below
    data = bytearray(out.getvalue())
    entry = _central_entries(bytes(data))[-1]
    local = struct.unpack("<I", data[entry + 42 : entry + 46])[0]
    name_len = struct.unpack("<H", data[local + 26 : local + 28])[0]
    extra_len = struct.unpack("<H", data[local + 28 : local + 30])[0]
    old_size = struct.unpack("<I", data[entry + 20 : entry + 24])[0]
    start = local + 30 + name_len + extra_len
    data[start : start + old_size] = body
    shift = len(body) - old_size
    crc = zlib.crc32(b"\0" * 64)
    for at in (local + 14, entry + shift + 16):  # CRC, compressed size, size
        data[at : at + 12] = struct.pack("<III", crc, len(body), 64)
    end = bytes(data).rfind(b"PK\x05\x06")
    cd_start = struct.unpack("<I", data[end + 16 : end + 20])[0]
    data[end + 16 : end + 20] = struct.pack("<I", cd_start + shift)
    return bytes(data)


def docx_overlapping(entries: int, payload: int = 10_000) -> bytes:
    """A .docx with ``entries`` stored parts each declared to run to the end of the last one:
    their data overlap, so the whole inflates to about entries² x payload / 2 bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(build_docx())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info), zipfile.ZIP_DEFLATED)
        for i in range(entries):
            dst.writestr(f"word/media/o{i}.bin", b"A" * payload, zipfile.ZIP_STORED)
    data = bytearray(out.getvalue())
    central = _central_entries(bytes(data))[-entries:]
    last = central[-1]
    last_local = struct.unpack("<I", data[last + 42 : last + 46])[0]
    n = struct.unpack("<H", data[last_local + 26 : last_local + 28])[0]
    data_end = last_local + 30 + n + payload
    for entry in central:
        local = struct.unpack("<I", data[entry + 42 : entry + 46])[0]
        name_len = struct.unpack("<H", data[local + 26 : local + 28])[0]
        start = local + 30 + name_len
        size = data_end - start
        crc = zlib.crc32(bytes(data[start:data_end]))
        data[entry + 16 : entry + 28] = struct.pack("<III", crc, size, size)
    return bytes(data)


# --- docx XML --------------------------------------------------------------------------------


def _document(body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    ).encode()


def _cell(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


HEADER = ["序号", "工作任务", "具体要求", "责任单位", "完成时限"]


def _table(rows: list[str]) -> str:
    head = "<w:tr>" + "".join(_cell(h) for h in HEADER) + "</w:tr>"
    return f"<w:tbl>{head}{''.join(rows)}</w:tbl>"


def docx_huge_spans(rows: int = 300, span: int = 50_000_000) -> bytes:
    """Rows with ``gridBefore`` and cells with ``gridSpan`` of ``span`` columns."""
    body = []
    for i in range(rows):
        before = f'<w:trPr><w:gridBefore w:val="{span}"/></w:trPr>' if i % 2 else ""
        cells = _cell(str(i + 1), f'<w:gridSpan w:val="{span}"/>') + "".join(
            _cell(t)
            for t in ("一、公开", f"要求{i}做好公开工作。", "县政府办公室", "2024年6月30日")
        )
        body.append(f"<w:tr>{before}{cells}</w:tr>")
    return rezip(build_docx(), replace={"word/document.xml": _document(_table(body))})


NUMBERING = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0">'
    '<w:start w:val="{start}"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/>'
    '</w:lvl></w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="7"/></w:num>'
    "</w:numbering>"
)


def docx_list_start(start: int = 30_000_000_000, paragraphs: int = 3) -> bytes:
    """Paragraphs numbered by an upperLetter list that starts at ``start``."""
    import docx

    document = docx.Document()
    for i in range(paragraphs):
        document.add_paragraph(f"做好第{i}项政务公开工作", style="List Number")
    buf = io.BytesIO()
    document.save(buf)
    data = buf.getvalue()
    xml = zip_member(data, "word/document.xml").decode()
    numbered = xml.replace(
        "<w:pPr>", '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr>'
    )
    numbering = NUMBERING.replace("{start}", str(start)).encode()
    return rezip(
        data, replace={"word/document.xml": numbered.encode(), "word/numbering.xml": numbering}
    )


def docx_merged_heading(rows: int = 300, chars: int = 110_000) -> bytes:
    """A table whose group column is one cell merged down over ``rows`` rows, holding a heading
    of ``chars`` characters (the 40 KB file of issue 8)."""
    heading = "一、" + "加强政务公开" * (chars // 6)
    body = []
    for i in range(rows):
        merge = '<w:vMerge w:val="restart"/>' if i == 0 else "<w:vMerge/>"
        group = _cell(heading if i == 0 else "", merge)
        cells = [
            _cell(str(i + 1)),
            group,
            _cell(f"做好第{i}项公开工作。"),
            _cell("县政府办公室"),
            _cell("2024年6月30日"),
        ]
        body.append(f"<w:tr>{''.join(cells)}</w:tr>")
    return rezip(build_docx(), replace={"word/document.xml": _document(_table(body))})


def docx_many_paragraphs(megabytes: int) -> bytes:
    """About ``megabytes`` MB of varied paragraphs (compressing well under the ratio limit)."""
    import random

    rng = random.Random(8)
    words = ["政务", "公开", "工作", "要点", "分工", "方案", "落实", "责任", "单位", "加强"]
    paragraph = []
    target = megabytes << 20
    size = 0
    while size < target:
        text = "".join(rng.choice(words) for _ in range(60)) + str(rng.random())
        p = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
        paragraph.append(p)
        size += len(p.encode())
    return rezip(build_docx(), replace={"word/document.xml": _document("".join(paragraph))})


# --- xlsx XML --------------------------------------------------------------------------------


def xlsx_merge(ref: str) -> bytes:
    """The small plan workbook with one more merged range ``ref`` (e.g. A1:XFD1048576)."""
    data = build_xlsx()
    name = "xl/worksheets/sheet1.xml"
    sheet = zip_member(data, name).decode()
    merge = f'<mergeCell ref="{ref}"/>'
    if "<mergeCells" in sheet:
        sheet = sheet.replace("</mergeCells>", merge + "</mergeCells>")
    else:
        sheet = sheet.replace("</sheetData>", f"</sheetData><mergeCells>{merge}</mergeCells>")
    return rezip(data, replace={name: sheet.encode()})


def _sheet_xml(rows: str) -> bytes:
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{ns}">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()


def _column(n: int) -> str:
    name = ""
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name


def xlsx_styled_empty(cells: int, width: int = 100) -> bytes:
    """The plan workbook's sheet followed by ``cells`` styled empty cells."""
    rows = []
    for r in range(1, cells // width + 1):
        row = "".join(f'<c r="{_column(c)}{r + 20}" s="1"/>' for c in range(1, width + 1))
        rows.append(f'<row r="{r + 20}">{row}</row>')
    return _with_rows(rows)


def _with_rows(rows: list[str]) -> bytes:
    data = build_xlsx()
    name = "xl/worksheets/sheet1.xml"
    sheet = zip_member(data, name).decode()
    sheet = sheet.replace("</sheetData>", "".join(rows) + "</sheetData>")
    return rezip(data, replace={name: sheet.encode()})


def xlsx_shared_strings(count: int) -> bytes:
    """The plan workbook with a shared-string table of ``count`` strings (none used)."""
    data = build_xlsx()
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    strings = "".join(f"<si><t>s{i}</t></si>" for i in range(count))
    table = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{ns}">{strings}</sst>'
    types = (
        zip_member(data, "[Content_Types].xml")
        .decode()
        .replace(
            "</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{kind}"/></Types>'
        )
    )
    rels = (
        zip_member(data, "xl/_rels/workbook.xml.rels")
        .decode()
        .replace(
            "</Relationships>",
            f'<Relationship Id="rIdSst" Type="{rel}" Target="sharedStrings.xml"/></Relationships>',
        )
    )
    replace = {"[Content_Types].xml": types.encode(), "xl/_rels/workbook.xml.rels": rels.encode()}
    return rezip(data, replace=replace, add={"xl/sharedStrings.xml": table.encode()})


def xlsx_rows(rows: int) -> bytes:
    """The plan workbook with ``rows`` more rows of five inline-string cells."""
    body = []
    for r in range(21, rows + 21):
        cells = "".join(
            f'<c r="{_column(c)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
            for c, v in enumerate(
                (str(r), "一、公开", f"做好第{r}项工作", "县政府办公室", "6月"), 1
            )
        )
        body.append(f'<row r="{r}">{cells}</row>')
    return _with_rows(body)


# --- PDF and HTML ----------------------------------------------------------------------------


def handmade_pdf(objects: list[bytes], trailer: bytes = b"<< /Root 1 0 R /Size {n} >>") -> bytes:
    """A PDF of these objects (numbered from 1, the catalog first) with a correct xref table;
    ``trailer`` may name ``{n}`` (the table's size) and ``{xref}`` (where the table starts)."""
    out = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = trailer.replace(b"{n}", b"%d" % (len(objects) + 1)).replace(b"{xref}", b"%d" % xref)
    out += b"trailer\n%s\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
    return out


def pdf_flate_bomb(inflated: int, image: bool = False) -> bytes:
    """A one-page PDF whose content stream inflates to ``inflated`` bytes of spaces; ``image``
    marks the stream /Image, a disguise (it is still the page's content)."""
    packer = zlib.compressobj(9)
    block = b" " * (1 << 20)
    body = b"".join(packer.compress(block) for _ in range(inflated >> 20)) + packer.flush()
    marked = b" /Subtype /Image" if image else b""
    stream = b"<< /Length %d%s /Filter /FlateDecode >>\nstream\n%s\nendstream"
    return handmade_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R >>",
            stream % (len(body), marked, body),
        ]
    )


def html_rowspan(rowspan: int = 1000, chars: int = 110_000) -> bytes:
    """A table whose group cell spans ``rowspan`` rows and holds ``chars`` characters."""
    heading = "一、" + "加强政务公开" * (chars // 6)
    rows = ["<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"]
    for i in range(rowspan):
        group = f'<td rowspan="{rowspan}">{heading}</td>' if i == 0 else ""
        rows.append(
            f"<tr><td>{i + 1}</td>{group}<td>做好第{i}项公开工作。</td>"
            "<td>县政府办公室</td><td>2024年6月30日</td></tr>"
        )
    page = "<html><body><p>某某县政务公开工作要点分工方案</p><table>"
    return (page + "".join(rows) + "</table></body></html>").encode()
