"""Running the real ``planlint check --pack`` in a child process, timed and memory-capped.

A hostile pack must fail *fast*, in *bounded memory* and with *one line*: only a separate process
shows all three (an in-process call hides a hang behind pytest's own timeout and shares the
interpreter's recursion limit and memory). On POSIX the child's address space is capped, so an
alias bomb that got through would die with MemoryError (a traceback the caller sees) instead of
taking the machine down.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "examples" / "prose-key-points.txt"
MAX_SECONDS = 10.0
MEMORY_CAP = 1536 * 1024 * 1024

MINIMAL_PACK = """pack: demo
rules:
  - id: demo
    title: 演示
    severity: error
    match:
      any:
        - all: [[政务公开]]
"""


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def error_lines(self) -> list[str]:
        return self.stderr.splitlines()


def _cap_memory() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_check(pack: Path | str, cache_dir: Path, *extra: str) -> Run:
    """``planlint check --pack PACK --format json PLAN`` in a child process, in English."""
    env = {**os.environ, "PLANLINT_CACHE_DIR": str(cache_dir), "PYTHONIOENCODING": "utf-8"}
    env.pop("PLANLINT_NO_CACHE", None)
    args = [sys.executable, "-m", "planlint", "--lang", "en", "check", "--pack", str(pack)]
    args += ["--format", "json", *extra, str(PLAN)]
    start = time.monotonic()
    done = subprocess.run(
        args,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=60,
        preexec_fn=_cap_memory if os.name == "posix" else None,
    )
    return Run(done.returncode, done.stdout, done.stderr, time.monotonic() - start)


def assert_refused(run: Run, *expected: str) -> str:
    """Exit 2, quickly, with exactly one short error line that contains every ``expected``."""
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.returncode == 2, (run.returncode, run.stderr[-2000:])
    assert run.seconds < MAX_SECONDS, run.seconds
    assert len(run.error_lines) == 1, run.stderr[:2000]
    line = run.error_lines[0]
    assert line.startswith("planlint: error: "), line
    assert len(line) < 400, len(line)
    for part in expected:
        assert part in line, (part, line)
    return line
