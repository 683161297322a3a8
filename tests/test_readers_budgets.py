"""Budgets, not hopes (issue 8): hostile binary files refused by a named limit, or read bounded.

Each file is real (made by python-docx/openpyxl or by hand, then patched as an attacker would),
small enough for the suite; ``benchmarks/attack_readers.py`` builds the full sizes and measures
time and memory. No timing asserts here.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest

import hostile_files as hostile
from planlint.errors import ReadError
from planlint.model import Table
from planlint.readers import Limits, read_document
from planlint.readers.limits import LIMIT_DOCS, parse_limit, with_limits

ROOT = Path(__file__).resolve().parents[1]


def refused(tmp_path: Path, name: str, data: bytes, limit: str, **changes) -> str:
    """Read the file under the default limits with ``changes``: a one-line ReadError that names
    the file and ``(limit NAME=VALUE)``."""
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError) as err:
        read_document(path, limits=dataclasses.replace(Limits(), **changes))
    assert re.search(rf"（限制 {limit}=[0-9.]+）$", str(err.value)), str(err.value)
    message = err.value.render("en")
    assert message.startswith(f"{path}: "), message
    assert "\n" not in message
    assert re.search(rf"\(limit {limit}=[0-9.]+\)$", message), message
    return message


def read(tmp_path: Path, name: str, data: bytes, **changes):
    path = tmp_path / name
    path.write_bytes(data)
    return read_document(path, limits=dataclasses.replace(Limits(), **changes))


# --- zip containers: real inflated sizes ------------------------------------------------------


def test_part_inflating_past_its_declared_size(tmp_path):
    """Declared 64 B, CRC of its first 64 B: zipfile alone would inflate it all to cut it."""
    path = tmp_path / "lie.docx"
    path.write_bytes(hostile.docx_size_lie(8 << 20))
    with pytest.raises(ReadError, match=r"解压后超过其声明的 64 字节"):
        read_document(path)


def test_parts_inflating_past_the_total_budget(tmp_path):
    import random

    from conftest_formats import build_docx, rezip

    noise = random.Random(8).randbytes(3 << 20)  # honest sizes, no ratio to speak of
    data = rezip(build_docx(), add={"word/media/noise.bin": noise})
    refused(tmp_path, "big.docx", data, "max_unzipped", max_unzipped=2 << 20)


def test_overlapping_parts(tmp_path):
    path = tmp_path / "overlap.docx"
    path.write_bytes(hostile.docx_overlapping(200))
    with pytest.raises(ReadError, match=r"部件相互重叠（zip 炸弹？）$"):
        read_document(path)


def test_xml_bytes_budget(tmp_path):
    """Paragraphs under the ratio limit: the XML parser's input is what is bounded."""
    data = hostile.docx_many_paragraphs(2)
    refused(tmp_path, "paragraphs.docx", data, "max_xml_bytes", max_xml_bytes=1 << 20)
    assert read(tmp_path, "paragraphs.docx", data).blocks  # within the defaults: read


def test_xml_nodes_budget(tmp_path):
    data = hostile.xlsx_styled_empty(20_000)
    refused(tmp_path, "styled.xlsx", data, "max_xml_nodes", max_xml_nodes=10_000)


# --- .docx ------------------------------------------------------------------------------------


def test_docx_huge_grid_spans_are_clamped(tmp_path):
    doc = read(tmp_path, "spans.docx", hostile.docx_huge_spans(40))
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert max(len(row) for row in table.rows) <= 2 * Limits().max_span + 5
    assert any("要求39做好公开工作" in c.text for row in table.rows for c in row)


def test_docx_spans_over_the_cell_budget(tmp_path):
    refused(tmp_path, "spans.docx", hostile.docx_huge_spans(40), "max_cells", max_cells=2000)


def test_docx_list_number_over_the_limit(tmp_path):
    message = refused(tmp_path, "list.docx", hostile.docx_list_start(), "max_list_number")
    assert "30000000000" in message


def test_docx_list_number_within_the_limit(tmp_path):
    doc = read(tmp_path, "list.docx", hostile.docx_list_start(start=28))
    assert doc.blocks[0].text.startswith("BB.做好")


def test_long_merged_heading_is_kept_once(tmp_path):
    doc = read(tmp_path, "heading.docx", hostile.docx_merged_heading(rows=50, chars=30_000))
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    long_cells = [c for row in table.rows for c in row if len(c.text) > 20_000]
    assert len(long_cells) == 1  # not once a row
    assert len(table.rows) == 51


def test_short_merged_cells_still_repeat(tmp_path):
    """Units and deadlines merged down are repeated as before (under max_repeat_chars)."""
    doc = read(tmp_path, "heading.docx", hostile.docx_merged_heading(rows=5, chars=30))
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert len({row[1].text for row in table.rows[1:]}) == 1


def test_characters_budget(tmp_path):
    data = hostile.docx_many_paragraphs(1)
    refused(tmp_path, "paragraphs.docx", data, "max_chars", max_chars=100_000)


# --- .xlsx ------------------------------------------------------------------------------------


@pytest.mark.parametrize("ref", ["A1:XFD1048576", "G1:CV100000"])
def test_xlsx_merged_range_is_clipped_to_the_used_range(tmp_path, ref):
    doc = read(tmp_path, "merge.xlsx", hostile.xlsx_merge(ref))
    cells = sum(len(row) for b in doc.blocks if isinstance(b, Table) for row in b.rows)
    assert cells < 200


def test_xlsx_used_range_over_the_cell_budget(tmp_path):
    refused(tmp_path, "rows.xlsx", hostile.xlsx_rows(400), "max_cells", max_cells=1000)


def test_xlsx_styled_empty_cells_do_not_count_as_used(tmp_path):
    doc = read(tmp_path, "styled.xlsx", hostile.xlsx_styled_empty(20_000), max_cells=500)
    assert doc.blocks


def test_xlsx_shared_strings_budget(tmp_path):
    data = hostile.xlsx_shared_strings(20_000)
    refused(tmp_path, "strings.xlsx", data, "max_xml_nodes", max_xml_nodes=20_000)
    assert read(tmp_path, "strings.xlsx", data).blocks


# --- PDF and HTML -----------------------------------------------------------------------------


def test_pdf_flate_bomb(tmp_path):
    message = refused(tmp_path, "bomb.pdf", hostile.pdf_flate_bomb(40 << 20), "max_pdf_stream")
    assert "PDF bomb" in message


def test_pdf_streams_in_all(tmp_path):
    data = hostile.pdf_flate_bomb(3 << 20)
    refused(tmp_path, "bomb.pdf", data, "max_unzipped", max_unzipped=2 << 20)


def test_pdf_page_objects(tmp_path):
    pytest.importorskip("reportlab")
    from conftest_formats import build_pdf

    refused(tmp_path, "plan.pdf", build_pdf(), "max_page_objects", max_page_objects=20)


def test_html_rowspan_is_capped(tmp_path):
    doc = read(tmp_path, "rowspan.html", hostile.html_rowspan(rowspan=400, chars=3000))
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    spanned = [row for row in table.rows if any(len(c.text) > 2000 for c in row)]
    assert len(spanned) == 1  # kept once, not repeated in 200 rows


# --- the table and the flag -------------------------------------------------------------------


def test_every_limit_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in LIMIT_DOCS:
        assert re.search(rf"^\| `{name}` \|", readme, re.M), name


def test_parse_limit():
    assert parse_limit("max_cells=500000") == ("max_cells", 500_000)
    assert parse_limit("pdf_seconds=2.5") == ("pdf_seconds", 2.5)
    assert with_limits(Limits(), ["max-span=300"]).max_span == 300
    for bad in ("nope=1", "max_cells", "max_cells=x", "max_cells=-3", "max_cells=1.5"):
        with pytest.raises(ValueError):
            parse_limit(bad)


def planlint(*args: str) -> subprocess.CompletedProcess:
    """The command line, in English (``--lang en`` given to planlint itself)."""
    return subprocess.run(
        [sys.executable, "-m", "planlint", "--lang", "en", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_limit_flag(tmp_path):
    path = tmp_path / "paragraphs.docx"
    path.write_bytes(hostile.docx_many_paragraphs(1))
    done = planlint("parse", "--limit", "max_chars=1000", str(path))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "(limit max_chars=1000)" in lines[0], done.stderr
    bad = planlint("check", "--limit", "max_chars=lots", str(path))
    assert bad.returncode == 2 and "--limit" in bad.stderr


def test_fifo_is_refused_unread(tmp_path):
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "plan.docx"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match="是命名管道（FIFO），不是普通文件"):
        read_document(fifo)
