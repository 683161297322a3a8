"""Issue 8's hostile binary files at full size: time and peak memory of reading each.

    python benchmarks/attack_readers.py [--only NAME] [--cli]

Each file is built in a temporary folder (tests/hostile_files.py), then read in a fresh process
under ``prlimit --as=4000000000`` (so a regression cannot take the machine down): the process
reads the file with ``read_document`` and reports its wall time and peak RSS. Files are built
in a process of their own: a child's ru_maxrss starts at its parent's peak. ``--cli`` also runs
``planlint check --jobs 1`` on it, end to end (parse and match included). Targets: under 10 s and
under 300 MB, a one-line refusal naming the limit or a correct read.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import hostile_files as hostile  # noqa: E402

CASES = {
    "docx-declared-64B-inflates-1.9GB": ("lie.docx", lambda: hostile.docx_size_lie(1900 << 20)),
    "docx-4900-overlapping-entries": ("overlap.docx", lambda: hostile.docx_overlapping(4900)),
    "docx-gridSpan-gridBefore-50M": ("spans.docx", lambda: hostile.docx_huge_spans(300)),
    "docx-upperLetter-start-3e10": ("list.docx", lambda: hostile.docx_list_start()),
    "docx-110k-heading-merged-300-rows": ("heading.docx", lambda: hostile.docx_merged_heading()),
    "docx-190MB-of-paragraphs": ("paragraphs.docx", lambda: hostile.docx_many_paragraphs(190)),
    "xlsx-merged-A1:XFD1048576": ("merge1.xlsx", lambda: hostile.xlsx_merge("A1:XFD1048576")),
    "xlsx-merged-G1:CV100000": ("merge2.xlsx", lambda: hostile.xlsx_merge("G1:CV100000")),
    "xlsx-7M-styled-empty-cells": ("styled.xlsx", lambda: hostile.xlsx_styled_empty(7_000_000)),
    "xlsx-4M-shared-strings": ("strings.xlsx", lambda: hostile.xlsx_shared_strings(4_000_000)),
    "xlsx-99000-rows": ("rows.xlsx", lambda: hostile.xlsx_rows(99_000)),
    "pdf-flate-4GB": ("bomb.pdf", lambda: hostile.pdf_flate_bomb(4096 << 20)),
    "html-rowspan-1000-110k-heading": ("rowspan.html", lambda: hostile.html_rowspan()),
}

READER = """
import resource, sys, time
start = time.monotonic()
from planlint.errors import ReadError
from planlint.readers import read_document
try:
    doc = read_document(sys.argv[1])
    outcome = f"read: {len(doc.blocks)} blocks"
except ReadError as exc:
    outcome = str(exc).split(": ", 1)[1]
except MemoryError:
    outcome = "MemoryError"
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{time.monotonic() - start:.2f}\\t{peak:.0f}\\t{outcome}")
"""

LIMIT = ["prlimit", "--as=4000000000", "--"]


def measure_reader(path: Path) -> str:
    done = subprocess.run(
        [*LIMIT, sys.executable, "-c", READER, str(path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode:
        return f"crashed ({done.returncode}): {done.stderr.strip()[-200:]}"
    seconds, peak, outcome = done.stdout.strip().split("\t", 2)
    return f"{float(seconds):6.2f} s {int(peak):5d} MB  {outcome}"


def measure_cli(path: Path) -> str:
    start = time.monotonic()
    proc = subprocess.Popen(
        [*LIMIT, sys.executable, "-m", "planlint", "check", "--jobs", "1", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.monotonic() - start
    err = proc.stderr.read().strip().splitlines() if proc.stderr else []
    code = os.waitstatus_to_exitcode(status)
    last = err[-1].split(": ", 2)[-1] if err else ""
    return f"{seconds:6.2f} s {usage.ru_maxrss / 1024:5.0f} MB exit {code}  {last[:110]}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only")
    parser.add_argument("--cli", action="store_true")
    parser.add_argument("--build", nargs=2, metavar=("CASE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:  # in a process of its own: a child inherits its parent's peak RSS figure
        name, path = args.build
        Path(path).write_bytes(CASES[name][1]())
        return
    with tempfile.TemporaryDirectory() as tmp:
        for name, (file_name, _) in CASES.items():
            if args.only and args.only not in name:
                continue
            path = Path(tmp) / file_name
            subprocess.run([sys.executable, __file__, "--build", name, str(path)], check=True)
            size = path.stat().st_size
            print(f"{name:36} {size / 1e6:7.2f} MB file | read {measure_reader(path)}", flush=True)
            if args.cli:
                print(f"{'':36} {'':10} | check {measure_cli(path)}", flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
