"""Legacy Office files through the real LibreOffice.

The builders' .docx and .xlsx are converted by ``soffice`` itself into .doc and .xls (once a
session, in a private profile); planlint must read those, and the same bytes named .wps and
.et, to the same items as the files they came from. Damaged ones are refused in one line with
exit code 2 by ``check`` and ``parse`` alike.

Tests that need LibreOffice skip when it is not on PATH (``.ci/run`` installs it).
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest_formats import EXPECTED, FULL_4, build_docx, build_xlsx, summary
from planlint.cli import app
from planlint.errors import ReadError
from planlint.parse import parse
from planlint.readers import Limits, read_document
from planlint.readers.doc import find_soffice, import_filter, read_legacy

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SOFFICE = find_soffice()
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not on PATH")
runner = CliRunner()


@dataclass(frozen=True)
class Made:
    """Files of one session: the sources and what LibreOffice made of them."""

    docx: Path
    xlsx: Path
    doc: Path
    xls: Path
    empty_doc: Path
    empty_xls: Path


def docx_ending_in_a_paragraph() -> bytes:
    """The builder's plan with an empty paragraph after its last table.

    Word always ends a body with a paragraph; python-docx lets a table end it, and LibreOffice
    (7.4) drops such a closing table when it saves a .doc, so the .doc would lack items 5-6.
    """
    import docx

    document = docx.Document(io.BytesIO(build_docx()))
    document.add_paragraph("")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def empty_docx() -> bytes:
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


def empty_xlsx() -> bytes:
    import openpyxl

    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


def soffice_convert(sources: list[Path], target: str, outdir: Path, profile: Path) -> None:
    """Convert with the real soffice, in its own profile so no user's LibreOffice interferes."""
    assert SOFFICE is not None
    cmd = [
        SOFFICE,
        "--headless",
        "--norestore",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        *map(str, sources),
    ]
    proc = subprocess.run(cmd, capture_output=True, timeout=300, start_new_session=True)
    for source in sources:
        made = outdir / f"{source.stem}.{target}"
        assert made.is_file(), f"soffice made no {made.name}: {proc.stderr.decode()[-500:]}"


@pytest.fixture(scope="session")
def made(tmp_path_factory) -> Made:
    """One soffice run per target for the whole session: each takes a second or two."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not on PATH")
    src = tmp_path_factory.mktemp("office-src")
    out = tmp_path_factory.mktemp("office-out")
    profile = tmp_path_factory.mktemp("lo-profile")
    files = {
        "plan.docx": docx_ending_in_a_paragraph(),
        "empty.docx": empty_docx(),
        "plan.xlsx": build_xlsx(),
        "empty.xlsx": empty_xlsx(),
    }
    for name, data in files.items():
        (src / name).write_bytes(data)
    soffice_convert([src / "plan.docx", src / "empty.docx"], "doc", out, profile)
    soffice_convert([src / "plan.xlsx", src / "empty.xlsx"], "xls", out, profile)
    return Made(
        docx=src / "plan.docx",
        xlsx=src / "plan.xlsx",
        doc=out / "plan.doc",
        xls=out / "plan.xls",
        empty_doc=out / "empty.doc",
        empty_xls=out / "empty.xls",
    )


def copy_as(source: Path, folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(source.read_bytes())
    return path


def items(plan) -> list[tuple[str, str, list[str], str | None]]:
    """What matters of each item: id, full text, assignees, deadline."""
    return [(i.id, i.text, i.assignees, i.deadline) for i in plan.items]


# --- reading ----------------------------------------------------------------------------------


@needs_soffice
def test_sources_read_as_the_reference_plan(made):
    assert summary(parse(read_document(made.docx))) == EXPECTED
    assert summary(parse(read_document(made.xlsx))) == EXPECTED


@needs_soffice
@pytest.mark.parametrize("name", ["plan.doc", "plan.wps"])
def test_doc_and_wps_read_like_the_docx(made, tmp_path, name):
    document = read_document(copy_as(made.doc, tmp_path, name))
    assert document.format == "doc"
    plan = parse(document)
    assert items(plan) == items(parse(read_document(made.docx)))
    assert summary(plan) == EXPECTED
    assert plan.items[3].text == FULL_4  # continued across the page break


@needs_soffice
@pytest.mark.parametrize("name", ["plan.xls", "plan.et"])
def test_xls_and_et_read_like_the_xlsx(made, tmp_path, name):
    document = read_document(copy_as(made.xls, tmp_path, name))
    assert document.format == "xls"
    plan = parse(document)
    assert items(plan) == items(parse(read_document(made.xlsx)))
    assert summary(plan) == EXPECTED


def run_planlint(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "planlint", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


@needs_soffice
def test_cli_on_converted_files_two_processes_at_once(made, tmp_path):
    """`parse` and `check` converting at the same time: each conversion has its own profile (a
    second soffice on one profile would hand its work to the first instance, or fail)."""
    et = copy_as(made.xls, tmp_path, "plan.et")
    doc = copy_as(made.doc, tmp_path, "plan.doc")
    parsing = run_planlint("parse", str(et), "--format", "json")
    checking = run_planlint("check", str(doc), "--format", "json")

    out, err = parsing.communicate(timeout=180)
    assert parsing.returncode == 0, err.decode()
    plan = json.loads(out)["plans"][0]
    assert plan["format"] == "xls"
    got = [(i["id"], i["text"][:8], i["assignees"], i["deadline"]) for i in plan["items"]]
    assert got == [tuple(e) for e in EXPECTED]

    out, err = checking.communicate(timeout=180)
    assert checking.returncode in (0, 1), err.decode()  # findings, never an input error
    report = json.loads(out)
    assert report["errors"] == []
    assert report["plans"][0]["format"] == "doc"
    assert [i["id"] for i in report["plans"][0]["items"]] == [e[0] for e in EXPECTED]


# --- refusing ---------------------------------------------------------------------------------


def junk(n: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(n)


def damaged_files(made: Made, folder: Path) -> list[Path]:
    """An OLE2 header followed by junk (one with a WordDocument name, so it sniffs as a .doc)
    and the first half of real files, for each of .xls and .doc."""
    word = "WordDocument".encode("utf-16-le")
    files = {
        "junk.xls": OLE2 + junk(6000, 1),
        "junk.doc": OLE2 + junk(3000, 2) + word + junk(3000, 3),
        "cut.xls": made.xls.read_bytes()[: made.xls.stat().st_size // 2],
        "cut.doc": made.doc.read_bytes()[: made.doc.stat().st_size // 2],
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in files]


@needs_soffice
@pytest.mark.parametrize("command", ["check", "parse"])
def test_damaged_legacy_files_are_one_line_conversion_errors(made, tmp_path, command):
    paths = damaged_files(made, tmp_path)
    result = runner.invoke(app, [command, *map(str, paths), "--lang", "en"])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == len(paths), result.stderr
    assert all(line.startswith("planlint: error: ") for line in lines)
    for path in paths:
        (line,) = [x for x in lines if f"error: {path}: " in x]
        kind = "Excel .xls" if path.suffix == ".xls" else "Word .doc"
        assert f"{path}: legacy {kind} file: LibreOffice could not convert it (" in line, line
    assert "Traceback" not in result.output


@needs_soffice
@pytest.mark.parametrize("attr", ["empty_doc", "empty_xls"])
def test_conversion_with_no_text_is_an_error(made, attr):
    with pytest.raises(ReadError) as err:
        read_document(getattr(made, attr))
    assert str(err.value).endswith("LibreOffice 未能转换（转换所得的文件没有文字）")
    assert err.value.render("en").endswith(
        "LibreOffice could not convert it (the converted file has no text)"
    )


@needs_soffice
def test_time_limit_kills_the_whole_conversion(made, tmp_path, monkeypatch):
    """Past the limit the process group is killed and its folder removed: nothing lingers."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    start = time.monotonic()
    with pytest.raises(ReadError, match=r"LibreOffice 转换用时超过 0\.3 秒"):
        read_document(made.doc, limits=Limits(convert_timeout=0.3))
    assert time.monotonic() - start < 10
    assert not list(tmp_path.glob("planlint-soffice-*"))
    assert not processes_mentioning(str(tmp_path))


def processes_mentioning(text: str) -> list[int]:
    """Processes whose command line contains ``text`` (Linux /proc; none elsewhere)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if text.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@needs_soffice
def test_converted_file_over_the_size_limit(made):
    with pytest.raises(ReadError, match=r"转换所得的 \.docx 有 \d+ 字节，超过上限 1000 字节"):
        read_legacy(made.doc.read_bytes(), str(made.doc), "doc", Limits(max_bytes=1000))


@needs_soffice
def test_converter_that_cannot_write_fails_in_one_line(made):
    """No file the converter writes may pass max_unzipped: a tiny cap makes soffice fail."""
    with pytest.raises(ReadError) as err:
        read_document(made.xls, limits=Limits(max_unzipped=4096))
    message = err.value.render("en")
    assert "LibreOffice could not convert it (" in message and "\n" not in message


@needs_soffice
def test_without_libreoffice_says_how_to_convert(made, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    path = copy_as(made.doc, tmp_path, "plan.wps")
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert err.value.render("en") == (
        f"{path}: WPS .wps file: convert it to .docx with Word or "
        "`soffice --headless --convert-to docx plan.wps`"
    )
    assert str(err.value) == (
        f"{path}: WPS .wps 文件：请用 Word 或 `soffice --headless --convert-to docx plan.wps`"
        " 将其转换为 .docx"
    )


# --- choosing the import filter (no LibreOffice needed) -------------------------------------


def fib_at(offset: int, ident: int, nfib: int) -> bytes:
    import struct

    data = bytearray(OLE2 + b"\0" * (offset + 64))
    struct.pack_into("<HH", data, offset, ident, nfib)
    return bytes(data)


def test_import_filter_by_kind_and_word_version():
    assert import_filter(OLE2, "xls") == "MS Excel 97"
    assert import_filter(b"{\\rtf1", "rtf") == "Rich Text Format"
    assert import_filter(fib_at(0x3400, 0xA5EC, 0xC1), "doc") == "MS Word 97"
    assert import_filter(fib_at(0x600, 0xA5DC, 0x65), "doc") == "MS WinWord 6.0"  # Word 6.0
    assert import_filter(fib_at(0x600, 0xA5EC, 0x68), "doc") == "MS WinWord 6.0"  # Word 95
    assert import_filter(OLE2 + b"\0" * 4096, "doc") == "MS Word 97"  # nothing recognisable
