"""A batch is reported as it streams (issue 8: a batch's memory does not grow with its files).

``planlint check`` writes each plan's part of the report as its outcome arrives and lets the
plan go. Checked here without any timing: through the real console script, a plan late in the
batch is read only after the first plan's report is on standard output (a spy around the real
reader notes how much of the report was written when it read each file); and each document
format's streamed layout is the same text as the document built whole (``json.dumps`` and
``ET.indent`` of everything at once). Peak memory for 200 and 2,000 plans is measured by
``benchmarks/bench_memory.py``, not here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from planlint import __version__
from planlint.engine import Failure, check_files, iter_check_files
from planlint.report.json import render_json, result_dict
from planlint.report.junit import _failure_suite, _plan_suite, render_junit
from planlint.report.sarif import render_sarif
from planlint.report.text import TextWriter

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHAPES = ["tab-dump-division-plan.txt", "markdown-split-tables.md", "numbered-list-inline.txt"]

# the console script with a spy around the real reader: each read is logged with the size the
# report (standard output, a file) had at that moment; forked workers inherit the spy
SPY = """
import os, sys
import planlint.engine as engine

real = engine.read_document

def spied(path, *args, **kwargs):
    size = os.path.getsize(os.environ["STREAM_OUT"])
    with open(os.environ["STREAM_LOG"], "a", encoding="utf-8") as log:
        log.write(f"{os.path.basename(str(path))}\\t{size}\\n")
    return real(path, *args, **kwargs)

engine.read_document = spied
sys.argv = ["planlint", *sys.argv[1:]]
from planlint.cli import main
main()
"""


def _agency(n: int) -> str:
    return f"第{n}县交通运输局"


@pytest.fixture
def batch(tmp_path) -> Path:
    """Twelve plans in three text shapes, each under its own agency's title, and one file
    that cannot be read."""
    folder = tmp_path / "plans"
    folder.mkdir()
    for n in range(12):
        name = SHAPES[n % len(SHAPES)]
        body = (EXAMPLES / name).read_text(encoding="utf-8")
        title = f"{_agency(n)}2024年政务公开工作要点分工方案\n\n"
        (folder / f"p{n:02d}-{name}").write_text(title + body, encoding="utf-8")
    (folder / "p05-broken.docx").write_bytes(b"not a zip")
    return folder


def test_a_late_plan_is_read_after_the_first_plans_are_reported(batch, tmp_path):
    out, log = tmp_path / "report.txt", tmp_path / "reads.log"
    env = {**os.environ, "CI": "1", "STREAM_OUT": str(out), "STREAM_LOG": str(log)}
    env["PYTHONIOENCODING"] = "utf-8"
    with out.open("wb") as stdout:
        run = subprocess.run(
            [sys.executable, "-c", SPY, "check", str(batch), "-f", "text", "--jobs", "1"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            env=env,
            timeout=300,
        )
    assert run.returncode == 2, run.stderr.decode("utf-8", "replace")  # the broken file
    report = out.read_text(encoding="utf-8")
    reads = dict(line.split("\t") for line in log.read_text(encoding="utf-8").splitlines())
    assert len(reads) == 13
    first_block = report.split("\n\n")[0]
    assert _agency(0) in first_block
    last = sorted(reads)[-1]
    assert last.startswith("p11-")
    # when the last plan was read, the first plan's block was already written out whole
    assert int(reads[last]) >= len(first_block.encode("utf-8"))
    assert int(reads[sorted(reads)[0]]) == 0  # and nothing before the first was read
    # the report is still the whole batch's, summary and all, in the files' order
    agencies = [report.index(_agency(n)) for n in range(12)]
    assert agencies == sorted(agencies)
    assert report.rstrip("\n").splitlines()[-1].startswith("共检查 12 份方案，1 份无法读取")


def _outcomes(batch: Path, core_pack) -> list:
    paths = sorted(batch.iterdir())
    return [*check_files(paths, [core_pack]), Failure("gone.txt", "gone.txt: no such file")]


def test_the_streamed_json_is_the_document_built_whole(batch, core_pack):
    outcomes = _outcomes(batch, core_pack)
    whole = {
        "version": __version__,
        "plans": [result_dict(o) for o in outcomes if not isinstance(o, Failure)],
        "errors": [
            {"path": o.path, "message": o.message} for o in outcomes if isinstance(o, Failure)
        ],
    }
    assert render_json(outcomes) == json.dumps(whole, ensure_ascii=False, indent=2)
    assert render_json([]) == json.dumps(
        {"version": __version__, "plans": [], "errors": []}, ensure_ascii=False, indent=2
    )


def test_the_streamed_junit_is_the_tree_indented_whole(batch, core_pack):
    outcomes = _outcomes(batch, core_pack)
    root = ET.Element("testsuites", name="planlint")
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for outcome in outcomes:
        suite = (
            _failure_suite(outcome) if isinstance(outcome, Failure) else _plan_suite(outcome, "zh")
        )
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", "0")
    ET.indent(root)
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    assert render_junit(outcomes) == head + ET.tostring(root, encoding="unicode")
    assert render_junit([]).endswith('time="0" />')


def test_the_streamed_sarif_names_each_rule_by_its_final_index(batch, core_pack):
    outcomes = _outcomes(batch, core_pack)
    doc = json.loads(render_sarif(outcomes))
    run = doc["runs"][0]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    # every pack rule first (the table is complete only once every plan is seen), then
    # planlint's own rules (the file that could not be read) after them
    assert ids[-1] == "planlint/input-error" and all(i.startswith("core/") for i in ids[:-1])
    assert len(run["results"]) > 12
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]


def test_a_writer_reports_each_plan_before_the_next_is_read(batch, core_pack):
    """The engine yields each plan as it is checked; the writer writes its block at once."""
    written: list[str] = []
    writer = TextWriter(written.append)
    paths = sorted(batch.iterdir())
    for n, outcome in enumerate(iter_check_files(paths, [core_pack])):
        writer.add(outcome)
        assert len(written) == n + 1  # this plan's block, before the next file is opened
    writer.finish()
    assert "共检查 12 份方案" in written[-1]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_output_to_a_fifo_writes_into_it_and_leaves_it_a_fifo(tmp_path):
    """``--output`` renames a finished file into place, but not over a device or a FIFO
    (``-o /dev/null`` as root would replace /dev/null): those are written to as they are."""
    import stat
    import threading

    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    plan = EXAMPLES / SHAPES[0]
    env = {**os.environ, "CI": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "planlint", "check", str(plan), "-f", "json", "-o", str(fifo)],
        capture_output=True,
        env=env,
        timeout=300,
    )
    reader.join(60)
    assert run.returncode in (0, 1), run.stderr.decode("utf-8", "replace")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(got[0])["plans"][0]["path"] == str(plan)
