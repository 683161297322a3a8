"""Fuzzing the readers: random bytes and damaged copies of valid files of every format.

Whatever the bytes, ``read_document`` returns a Document or raises ReadError; nothing else may
escape. Budgets are small (the module runs in well under a minute on two cores).
"""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest_formats import build_docx, build_html, build_xlsx, rezip, text_plan, zip_member
from planlint.errors import ReadError
from planlint.model import Document
from planlint.readers import Limits, read_document

SUFFIXES = [".docx", ".xlsx", ".pdf", ".html", ".doc", ".xls", ".md", ".txt", ""]
LIMITS = Limits(pdf_seconds=20.0)  # a damaged PDF must not hang the run
FUZZ = settings(
    max_examples=int(os.environ.get("PLANLINT_FUZZ_EXAMPLES", "30")),  # more for a long hunt
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
_DIR = tempfile.TemporaryDirectory(prefix="planlint-fuzz-")


@functools.cache
def seeds() -> dict[str, bytes]:
    out = {
        ".docx": build_docx(),
        ".xlsx": build_xlsx(),
        ".html": build_html("gb2312"),
        ".md": text_plan().encode(),
    }
    try:
        from conftest_formats import build_pdf

        out[".pdf"] = build_pdf()
    except ImportError:  # reportlab missing: fuzz the other formats
        pass
    return out


def check(data: bytes, suffix: str) -> None:
    path = Path(_DIR.name) / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        result = read_document(path, limits=LIMITS)
    except ReadError as err:
        message = str(err)
        assert message.startswith(str(path)) and "\n" not in message
        return
    assert isinstance(result, Document)


def mutate(data: bytes, flips: list[tuple[float, int]], cut: float | None) -> bytes:
    buf = bytearray(data)
    for where, value in flips:
        if buf:
            buf[int(where * (len(buf) - 1))] = value
    if cut is not None:
        buf = buf[: int(cut * len(buf))]
    return bytes(buf)


flips = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=8)
cuts = st.none() | st.floats(0, 1)


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(data, suffix):
    check(data, suffix)


@FUZZ
@given(
    prefix=st.sampled_from(
        [
            b"PK\x03\x04",
            b"%PDF-1.4\n",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            b"<html>",
            b"<table>",
            b"{\\rtf1",
        ]
    ),
    data=st.binary(max_size=2048),
    suffix=st.sampled_from(SUFFIXES),
)
def test_random_bytes_behind_magic(prefix, data, suffix):
    check(prefix + data, suffix)


@pytest.mark.parametrize("fmt", [".docx", ".xlsx", ".pdf", ".html", ".md"])
@FUZZ
@given(flip=flips, cut=cuts, as_suffix=st.sampled_from([None, ".txt", ".docx", ".pdf"]))
def test_damaged_files(fmt, flip, cut, as_suffix):
    data = seeds().get(fmt)
    if data is None:
        pytest.skip("reportlab is not installed")
    check(mutate(data, flip, cut), as_suffix or fmt)


XML_PARTS = {
    ".docx": ["word/document.xml", "word/styles.xml", "[Content_Types].xml"],
    ".xlsx": ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/styles.xml"],
}


@pytest.mark.parametrize("fmt", sorted(XML_PARTS))
@FUZZ
@given(part=st.integers(0, 2), flip=flips, cut=cuts)
def test_damaged_xml_inside_valid_zip(fmt, part, flip, cut):
    """Damage one XML part and zip it up again, so the XML parsers see the damage."""
    data = seeds()[fmt]
    name = XML_PARTS[fmt][part]
    check(rezip(data, replace={name: mutate(zip_member(data, name), flip, cut)}), fmt)


@FUZZ
@given(
    html=st.lists(
        st.sampled_from(
            [
                "<table>",
                "</table>",
                "<tr>",
                "</tr>",
                "<td>",
                "</td>",
                "<th>",
                "<td rowspan=3>",
                "<td colspan=0>",
                "<td rowspan=-1>",
                "<br>",
                "<p>",
                "</p>",
                "<script>",
                "</script>",
                "<nav>",
                "序号",
                "具体要求",
                "责任单位",
                "完成时限",
                "一、",
                "1",
                "县司法局",
                "年底前",
                "&nbsp;",
                "<meta charset=gbk>",
                "\n",
            ]
        ),
        max_size=60,
    )
)
def test_html_soup(html):
    check("".join(html).encode(), ".html")
