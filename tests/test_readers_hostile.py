"""Hostile and broken files: each is refused with a one-line ReadError naming the file, quickly."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest

from conftest_formats import build_docx, build_html, build_xlsx, rezip, zip_member
from hostile_files import handmade_pdf
from planlint.errors import ReadError
from planlint.readers import Limits, read_document
from planlint.readers.doc import find_soffice
from planlint.readers.limits import has_dtd

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refused(tmp_path: Path, name: str, data: bytes, match: str, **kwargs) -> str:
    """Write the file, read it, and check the ReadError: names the file, one line, fast."""
    path = tmp_path / name
    path.write_bytes(data)
    start = time.monotonic()
    with pytest.raises(ReadError) as err:
        read_document(path, **kwargs)
    assert time.monotonic() - start < 10
    assert str(err.value).startswith(f"{path}: "), str(err.value)  # Chinese unless asked
    message = err.value.render("en")
    assert message.startswith(f"{path}: "), message
    assert "\n" not in message and "\n" not in str(err.value)
    assert match in message, message
    return message


def zeros_member(size: int) -> tuple[str, bytes]:
    return "word/media/zeros.bin", b"\0" * size


# --- zip containers ---------------------------------------------------------------------------


def test_docx_zip_bomb_by_ratio(tmp_path):
    data = rezip(build_docx(), add=dict([zeros_member(40 * 1024 * 1024)]))
    assert len(data) < 2 * 1024 * 1024
    refused(tmp_path, "bomb.docx", data, "zip bomb")


def test_xlsx_zip_bomb_by_total_size(tmp_path):
    """Members that inflate to more than the limit in all (each one compressing moderately)."""
    import random

    rng = random.Random(1)
    chunk = "".join(rng.choice("政务公开ABCDEF0123456789") for _ in range(300_000)).encode()
    add = {f"xl/media/m{i}.bin": chunk for i in range(4)}
    data = rezip(build_xlsx(), add=add)
    refused(
        tmp_path, "bomb.xlsx", data, "inflates to more than", limits=Limits(max_unzipped=1_000_000)
    )


def test_xlsx_zip_bomb_at_default_limits(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(build_xlsx())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info), zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo("xl/media/big.bin")
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(210):  # 210 MiB of zeros, about 200 KiB compressed
                member.write(block)
    refused(tmp_path, "bomb.xlsx", out.getvalue(), "zip bomb")


def test_too_many_members(tmp_path):
    add = {f"word/media/x{i}.txt": b"x" for i in range(60)}
    data = rezip(build_docx(), add=add)
    refused(tmp_path, "many.docx", data, "parts", limits=Limits(max_members=50))


def test_truncated_zip(tmp_path):
    data = build_docx()
    refused(tmp_path, "cut.docx", data[: len(data) // 2], "truncated or corrupt")
    data = build_xlsx()
    refused(tmp_path, "cut.xlsx", data[: len(data) - 100], "truncated or corrupt")


def test_encrypted_zip_member(tmp_path):
    data = bytearray(build_docx())
    # set the "encrypted" flag of every member in the central directory
    at = data.find(b"PK\x01\x02")
    while at != -1:
        data[at + 8] |= 0x1
        at = data.find(b"PK\x01\x02", at + 4)
    refused(tmp_path, "locked.docx", bytes(data), "password-protected")


def test_password_protected_ooxml(tmp_path):
    """Word and Excel save an encrypted .docx/.xlsx as an OLE2 file with an EncryptedPackage."""
    data = OLE2 + b"\0" * 1000 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 3000
    for name in ("secret.docx", "secret.xlsx", "secret.doc"):
        refused(tmp_path, name, data, "password-protected")


# --- XML entity attacks -----------------------------------------------------------------------

XXE = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">
<si><t>&lol4;</t></si></sst>"""


def test_xxe_in_document_xml(tmp_path):
    data = rezip(build_docx(), replace={"word/document.xml": XXE})
    msg = refused(tmp_path, "xxe.docx", data, "DOCTYPE or ENTITY")
    assert "word/document.xml" in msg


def test_billion_laughs_in_document_xml(tmp_path):
    body = LAUGHS.replace(b"<sst", b"<w:document").replace(b"</sst>", b"</w:document>")
    data = rezip(build_docx(), replace={"word/document.xml": body})
    refused(tmp_path, "laughs.docx", data, "DOCTYPE or ENTITY")


def test_billion_laughs_in_a_worksheet(tmp_path):
    original = build_xlsx()
    sheet = zip_member(original, "xl/worksheets/sheet1.xml")
    head, _, rest = sheet.partition(b"?>")
    bomb = head + b"?>" + LAUGHS.split(b"?>", 1)[1].split(b"<sst")[0] + rest
    data = rezip(original, replace={"xl/worksheets/sheet1.xml": bomb})
    refused(tmp_path, "laughs.xlsx", data, "xl/worksheets/sheet1.xml")


def test_dtd_in_utf16_part_is_seen():
    assert has_dtd(XXE.decode().encode("utf-16-le"))
    assert has_dtd(XXE.decode().encode("utf-16"))
    assert not has_dtd(zip_member(build_docx(), "word/document.xml"))


# --- size and claims --------------------------------------------------------------------------


def test_file_over_max_bytes(tmp_path):
    refused(tmp_path, "big.docx", build_docx(), "larger than the limit of 1000", max_bytes=1000)
    refused(tmp_path, "big.md", b"# x\n" * 400, "larger than the limit of 1000", max_bytes=1000)


def test_content_not_matching_extension(tmp_path):
    refused(
        tmp_path,
        "a.docx",
        "一、加强政策解读\n".encode(),
        "not a Word .docx file (content is plain text)",
    )
    refused(
        tmp_path, "b.docx", bytes(range(256)) * 4, "not a Word .docx file (content is binary data)"
    )
    refused(tmp_path, "c.pdf", "某某".encode("gbk") * 20, "not a PDF file (content is plain text)")
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as zf:
        zf.writestr("readme.txt", "hello")
    refused(tmp_path, "d.xlsx", plain_zip.getvalue(), "not a Excel .xlsx file (content is a zip")
    # an OLE2 file with no Word or Excel stream: the extension names it, LibreOffice refuses it
    message = refused(tmp_path, "e.xls", OLE2 + b"\0" * 100, "e.xls: legacy Excel .xls file: ")
    if find_soffice():
        assert re.search(r"\.xls file: LibreOffice could not convert it \([^()]+\)$", message)
    else:
        assert message.endswith(
            ": convert it to .xlsx with Excel or `soffice --headless --convert-to xlsx e.xls`"
        )


def test_empty_and_missing(tmp_path):
    refused(tmp_path, "empty.docx", b"", "empty file")
    with pytest.raises(ReadError, match=r"nope\.pdf"):
        read_document(tmp_path / "nope.pdf")


# --- PDF --------------------------------------------------------------------------------------


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
LOOPS = {
    # two objects that refer to each other: pdfminer alone follows them forever
    "refs": handmade_pdf([CATALOG, b"3 0 R", b"2 0 R"]),
    # a page tree that contains itself, and an xref section that is its own /Prev
    "tree": handmade_pdf(
        [
            CATALOG,
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>",
        ],
        b"<< /Root 1 0 R /Size {n} /Prev {xref} >>",
    ),
    # a form XObject that draws itself
    "form": handmade_pdf(
        [
            CATALOG,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /X 4 0 R >> >> "
            b"/Contents 5 0 R /MediaBox [0 0 100 100] >>",
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] "
            b"/Resources << /XObject << /X 4 0 R >> >> /Length 5 >>\nstream\n/X Do\nendstream",
            b"<< /Length 5 >>\nstream\n/X Do\nendstream",
        ],
    ),
    # the catalog is its own page tree
    "self": handmade_pdf([b"<< /Type /Catalog /Pages 1 0 R /Kids [1 0 R] >>"]),
}


@pytest.mark.parametrize("name", sorted(LOOPS))
def test_pdf_with_loops(tmp_path, name):
    refused(tmp_path, f"loop-{name}.pdf", LOOPS[name], "")


def test_truncated_and_garbage_pdf(tmp_path):
    pytest.importorskip("reportlab")
    from conftest_formats import build_pdf

    data = build_pdf()
    refused(tmp_path, "cut.pdf", data[: len(data) // 3], "")
    refused(tmp_path, "junk.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 20, "")


def test_scanned_pdf(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(50, 50, 400, 600, fill=1)  # an image of a page would do the same: no text objects
    c.showPage()
    c.save()
    refused(tmp_path, "scan.pdf", buf.getvalue(), "scanned PDF with no text layer; run OCR first")


def test_password_protected_pdf(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption("user", "owner"))
    c.drawString(100, 700, "secret plan")
    c.showPage()
    c.save()
    refused(tmp_path, "locked.pdf", buf.getvalue(), "password-protected PDF")


# A 0.1 ms alarm may fire inside a garbage-collector callback, where Python reports and drops
# the exception; the time limit then falls back on the clock. The report is expected noise.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_pdf_page_and_time_limits(tmp_path):
    pytest.importorskip("reportlab")
    from conftest_formats import build_pdf

    data = build_pdf()
    refused(
        tmp_path, "long.pdf", data, "2 pages, more than the limit of 1", limits=Limits(max_pages=1)
    )
    refused(tmp_path, "slow.pdf", data, "took longer than", limits=Limits(pdf_seconds=1e-4))


# --- HTML -------------------------------------------------------------------------------------


def test_html_huge_spans_are_capped(tmp_path):
    page = (
        b"<table><tr><td colspan=99999999 rowspan=99999999>x</td><td>y</td></tr>"
        + (b"<tr><td>a</td><td>b</td></tr>" * 50)
        + b"</table>"
    )
    path = tmp_path / "spans.html"
    path.write_bytes(page)
    start = time.monotonic()
    doc = read_document(path)
    assert time.monotonic() - start < 5
    assert doc.blocks


def test_deeply_nested_markup(tmp_path):
    path = tmp_path / "deep.html"
    path.write_bytes(b"<html>" + b"<table><tr><td>" * 5000 + b"x" + b"</td></tr></table>" * 5000)
    start = time.monotonic()
    try:
        read_document(path)
    except ReadError as err:
        assert str(err).startswith(str(path))
    assert time.monotonic() - start < 10


def test_html_with_wrong_charset_declaration(tmp_path):
    page = build_html("utf-8").replace(b"charset=utf-8", b"charset=gb2312")
    page = page.replace("某某县".encode(), "某某縣".encode())  # not valid GB18030 as a whole
    path = tmp_path / "wrong.html"
    path.write_bytes(page)
    doc = read_document(path)
    assert any("分工方案" in getattr(b, "text", "") for b in doc.blocks)
