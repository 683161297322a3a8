"""A supervising office's batch: a folder of 200+ plans in every shape and format (issue 9).

The folder holds the example plans (tab dump, pipe dump, Markdown, numbered prose, a notice,
a GBK file, a flattened web page), Word, Excel, HTML and PDF plans made with the real libraries,
each written under many agencies' names, and a few files that are not plans or are broken. One
run through the real console script: every plan is checked, each broken file stands in the
report as a row saying it could not be checked, the summary's totals agree with the JSON report
of the same folder, and the exit code is 2 (input errors outrank findings).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest_formats import TITLE, build_docx, build_html, build_pdf, build_xlsx

ROOT = Path(__file__).resolve().parents[1]
COPIES = 20  # of each of the 11 shapes (7 example texts; Word, Excel, HTML, PDF): 220 plans


def _agency(n: int) -> str:
    return f"第{n}县政务服务局"


def _text_shapes() -> list[tuple[str, bytes]]:
    shapes = []
    for path in sorted((ROOT / "examples").iterdir()):
        if path.suffix in {".txt", ".md"} and path.name != "README.md":
            shapes.append((path.name, path.read_bytes()))
    return shapes


def _binary_shapes() -> list[tuple[str, bytes]]:
    shapes = [("plan.docx", build_docx()), ("plan.xlsx", build_xlsx()), ("plan.html", build_html())]
    with contextlib.suppress(ImportError):  # reportlab is a test dependency
        shapes.append(("plan.pdf", build_pdf()))
    return shapes


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> tuple[Path, int]:
    root = tmp_path_factory.mktemp("batch")
    count = 0
    for name, data in _text_shapes() + _binary_shapes():
        stem, suffix = name.rsplit(".", 1)
        for n in range(COPIES):
            body = data
            if suffix in {"txt", "md"} and b"\xe5" in data:  # UTF-8 text: a title of its own
                body = f"{_agency(n)}2025年政务公开工作要点分工方案\n\n".encode() + data
            elif suffix == "html":
                body = data.replace(TITLE.encode(), f"{_agency(n)}{TITLE}".encode())
            (root / f"{stem}-{n:02d}.{suffix}").write_bytes(body)
            count += 1
    (root / "broken-empty.txt").write_bytes(b"")
    (root / "broken-poem.txt").write_text("床前明月光，疑是地上霜。\n", encoding="utf-8")
    (root / "broken-zip.docx").write_bytes(b"PK\x03\x04" + os.urandom(200))
    return root, count


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planlint", "check", str(folder), *args],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "COLUMNS": "120"},
    )


def test_a_folder_of_two_hundred_plans(folder):
    root, count = folder
    assert count >= 200
    report_run = _run(root, "--format", "json")
    report = json.loads(report_run.stdout)
    assert report_run.returncode == 2
    assert len(report["plans"]) == count
    failed = sorted(Path(e["path"]).name for e in report["errors"])
    assert failed == ["broken-empty.txt", "broken-poem.txt", "broken-zip.docx"]

    terminal = _run(root, "--format", "terminal")
    assert terminal.returncode == 2
    out = terminal.stdout
    for name in failed:  # in the report itself, not only on standard error
        assert f"无法检查: {root / name}" in " ".join(out.split()) or name in out
    statuses = [r["status"] for p in report["plans"] for r in p["requirements"]]
    totals = (
        f"共检查 {count} 份方案，3 份无法读取；全部方案合计缺失要求 "
        f"{statuses.count('missing')} 项次，未明确责任 {statuses.count('unassigned')} 项次"
    )
    assert totals in out
    assert "汇总：各方案落实情况" in out
