"""Benchmark: a batch's memory does not grow with the number of plans (issue 8).

    python benchmarks/bench_memory.py [--plans 200,2000] [--formats text,json,sarif,html,xlsx]

Generates N plans (bench_batch.py's generator: tab dump, pipe dump, Markdown, numbered prose,
blank-line web page, .docx, .xlsx and .html in turn, 20-60 items each), runs one
``planlint check DIR --format F`` for each N and format, the report going to a pipe (or, for
xlsx, to a file), and prints the peak resident memory of the parent process (the one that
collects the outcomes and writes the report; the workers that read the files are bounded by
``--memory`` each). The parent reports plan by plan and keeps only compact summary rows, so
its peak should be about the same for 200 and 2,000 plans; before streaming it grew by about
45 KB a plan.

The peak is the parent's own high-water mark (``VmHWM`` on Linux, else ``ru_maxrss``), written
by a small wrapper around planlint's console entry at exit (the workers are forked and leave
without running exit handlers). On Linux ``ru_maxrss`` will not do: it keeps the high-water
mark of the process before ``exec``, here the benchmark itself, which grows as it writes plans.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_batch import write_plan  # run as a script: benchmarks/ is on sys.path

SHAPES = ["tab", "pipe", "md", "prose", "web", "docx", "xlsx", "html"]

_WRAPPER = """
import atexit, os, resource, sys

def _peak():
    try:  # Linux: this process's own high-water mark; ru_maxrss would also count the
        # benchmark's, from before the exec, so every run would show the generator's size
        with open("/proc/self/status") as status:
            peak = next(int(s.split()[1]) * 1024 for s in status if s.startswith("VmHWM:"))
    except (OSError, StopIteration):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak *= 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KB elsewhere
    with open(os.environ["PLANLINT_BENCH_PEAK"], "w") as out:
        out.write(str(peak))

atexit.register(_peak)
sys.argv = ["planlint", *sys.argv[1:]]
from planlint.cli import main
main()
"""


def run(folder: Path, fmt: str, work: Path, jobs: int) -> tuple[float, int, float]:
    """Wall seconds, exit code and the parent's peak RSS in MB of one ``planlint check``."""
    peak_file = work / "peak"
    peak_file.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update({"CI": "1", "PLANLINT_CACHE_DIR": str(work / "cache")})
    env["PLANLINT_BENCH_PEAK"] = str(peak_file)
    args = [sys.executable, "-c", _WRAPPER, "check", str(folder), "--format", fmt]
    args += ["--jobs", str(jobs)] if jobs else []
    if fmt == "xlsx":
        args += ["--output", str(work / "report.xlsx")]
    start = time.perf_counter()
    proc = subprocess.run(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    wall = time.perf_counter() - start
    if not peak_file.exists():
        sys.exit(f"planlint did not finish: {proc.stderr.decode(errors='replace')[-500:]}")
    return wall, proc.returncode, int(peak_file.read_text()) / 2**20


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--plans", default="200,2000", help="batch sizes, comma-separated")
    ap.add_argument("--formats", default="text,json,sarif,html,xlsx", help="report formats")
    ap.add_argument("--jobs", type=int, default=0, help="planlint --jobs (0: its default)")
    args = ap.parse_args()
    sizes = [int(n) for n in args.plans.split(",") if n]
    formats = [f for f in args.formats.split(",") if f]
    work = Path(tempfile.mkdtemp(prefix="planlint-memory-"))
    try:
        batch = work / "batch"
        batch.mkdir()
        made = 0
        print(
            f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]},"
            f" {time.strftime('%Y-%m-%d')}; shapes {'/'.join(SHAPES)}, 20-60 items a plan"
        )
        print(f"{'plans':>6}  {'format':<8}{'wall s':>8}{'exit':>6}{'parent peak MB':>16}")
        peaks: dict[str, list[float]] = {f: [] for f in formats}
        for size in sorted(sizes):
            while made < size:  # the bigger batch holds the smaller one
                write_plan(batch, SHAPES[made % len(SHAPES)], 20 + (made * 7) % 41, made, [])
                made += 1
            for fmt in formats:
                wall, code, peak = run(batch, fmt, work, args.jobs)
                peaks[fmt].append(peak)
                print(f"{size:>6}  {fmt:<8}{wall:8.1f}{code:6d}{peak:16.1f}", flush=True)
        if len(sizes) > 1:
            print()
            low, high = min(sizes), max(sizes)
            for fmt, got in peaks.items():
                per_plan = (got[-1] - got[0]) * 1024 / (high - low)
                print(f"{fmt:<8} growth {low} -> {high} plans: {per_plan:+.1f} KB a plan")
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        print(f"\n(CPU seconds of all runs: {usage.ru_utime + usage.ru_stime:.0f})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
