"""Each file is read in a worker process with a wall-clock and a memory limit.

planlint reads untrusted files. A time limit by SIGALRM works only on Unix and in the main
thread, and nothing in-process survives a crash inside a C library or an allocation that takes
the machine's memory. So every file is handed to a worker process: past its time the worker is
killed and a fresh one takes the next file; its address space is capped (``RLIMIT_AS``, where
the platform has it), so a file that wants more fails alone, as a one-line error. The same
workers run a batch in parallel.

Results come back in the order the files were given, whatever order the workers finish in.
Only a few files beyond the one the batch waits on are handed out (``REORDER_WINDOW`` per
worker), so the results kept back for ordering stay few while one slow file holds the line:
a batch's memory does not grow with the number of files.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

DEFAULT_SECONDS = 120.0
DEFAULT_MEMORY_MB = 512
REORDER_WINDOW = 8
"""Files a worker may be ahead of the first one not yet done (see the module's docstring)."""


@dataclass(frozen=True)
class WorkerLimits:
    """What one file may take: wall-clock seconds, address space in MB, and workers at once."""

    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB
    jobs: int = 0  # 0: one per CPU, at most one per file


@dataclass(frozen=True)
class Crashed:
    """What came back instead of a result: the one-line reason (``kind`` names the limit)."""

    path: str
    kind: str  # "timeout", "memory", "crash"
    detail: str = ""


Job = Callable[[Path], Any]
Progress = Callable[[int, int], None]
"""Told ``(files done, files in all)`` in the parent as each result is yielded (a progress bar)."""


def run_each(
    paths: list[Path], job: Job, limits: WorkerLimits, on_done: Progress | None = None
) -> Iterator[Any | Crashed]:
    """``job(path)`` for every path, each in a worker under ``limits``, yielded in order.

    ``job`` must be a picklable top-level callable (a function or a functools.partial of one)
    and must return picklable data; its own errors it turns into data (engine.Failure).
    ``on_done`` runs in this process, never in a worker, so it need not be picklable; it is
    called as results are yielded, in order, so ``paths[done]`` is the file the batch waits on.
    """
    if not paths:
        return
    pool = _Pool(job, limits, min(_workers(limits.jobs), len(paths)))
    try:
        for done, outcome in enumerate(pool.run(paths), 1):
            yield outcome
            if on_done is not None:
                on_done(done, len(paths))
    finally:
        pool.close()


def _workers(jobs: int) -> int:
    return jobs if jobs > 0 else max(1, os.cpu_count() or 1)


def _context() -> Any:
    """fork where it is safe and fast (Linux); spawn elsewhere (macOS, Windows)."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


@dataclass
class _Worker:
    process: Any
    conn: Connection
    index: int | None = None  # the file it is working on
    deadline: float = 0.0


class _Pool:
    """A few worker processes, each given one file at a time; a stuck one is replaced."""

    def __init__(self, job: Job, limits: WorkerLimits, size: int) -> None:
        self.job = job
        self.limits = limits
        self.context = _context()
        self.workers = [self._start() for _ in range(size)]
        self.window = REORDER_WINDOW * size

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(
            target=_serve, args=(child, self.job, self.limits.memory_mb), daemon=True
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def run(self, paths: list[Path]) -> Iterator[Any | Crashed]:
        done: dict[int, Any] = {}
        queue = list(range(len(paths)))[::-1]
        emitted = 0
        while emitted < len(paths):
            self._hand_out(paths, queue, emitted)
            busy = [w for w in self.workers if w.index is not None]
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout)
            for slot, worker in enumerate(self.workers):
                if worker.index is None:
                    continue
                outcome = self._outcome(worker, ready, paths[worker.index])
                if outcome is _PENDING:
                    continue
                done[worker.index] = outcome
                worker.index = None
                if isinstance(outcome, Crashed):
                    self._stop(worker)
                    self.workers[slot] = self._start()
            # the next files go out before the results are yielded: the workers read on while
            # this process reports (a worker left idle for that costs the batch's wall time)
            self._hand_out(paths, queue, emitted)
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1

    def _hand_out(self, paths: list[Path], queue: list[int], emitted: int) -> None:
        """A file to each idle worker, within ``window`` of the first one not yet yielded."""
        for worker in self.workers:
            if worker.index is None and queue and queue[-1] < emitted + self.window:
                worker.index = queue.pop()
                worker.deadline = time.monotonic() + self.limits.seconds
                worker.conn.send(paths[worker.index])

    def _outcome(self, worker: _Worker, ready: list[Any], path: Path) -> Any:
        """The worker's answer, a Crashed, or _PENDING while it is still within its time."""
        if worker.conn in ready:
            try:
                kind, value = pickle.loads(worker.conn.recv_bytes())
            except (EOFError, OSError):
                return self._died(worker, path)
            return Crashed(str(path), "memory") if kind == "memory" else value
        if worker.process.sentinel in ready or not worker.process.is_alive():
            return self._died(worker, path)
        if time.monotonic() >= worker.deadline:
            return Crashed(str(path), "timeout", f"{self.limits.seconds:g}")
        return _PENDING

    def _died(self, worker: _Worker, path: Path) -> Crashed:
        worker.process.join(1)
        code = worker.process.exitcode
        return Crashed(str(path), "crash", str(code))

    def _stop(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()

    def close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        for worker in self.workers:
            worker.process.join(2)
            self._stop(worker)


_PENDING = object()


def _serve(conn: Connection, job: Job, memory_mb: int) -> None:
    """A worker: cap the address space, then take paths until told to stop (None)."""
    _cap_memory(memory_mb)
    _collect_less()
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return
        if path is None:
            return
        conn.send_bytes(_answer(job, path))


_OUT_OF_MEMORY = pickle.dumps(("memory", None))


def _answer(job: Job, path: Any) -> bytes:
    """The job's result pickled, or ("memory", None) when the memory cap stopped it. The
    answer is made before anything is sent: by then the failed job's frames and data are
    released, so there is memory to say so; a result too big to pickle under the cap counts
    too."""
    try:
        return pickle.dumps(("ok", job(path)), protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        return _OUT_OF_MEMORY


GC_THRESHOLD = (10_000, 10, 10)
"""The worker's cyclic garbage collector runs after this many allocations (Python's default
is 700): reading and parsing a plan allocates millions of short-lived objects, few of them in
cycles, and collecting every 700 cost about 7% of a batch's CPU. Memory stays bounded: the
collector still runs, only less often, and the address space is capped anyway."""


def _collect_less() -> None:
    """Collect garbage less often in a worker (``GC_THRESHOLD``), and never scan again what it
    inherited from the parent (the packs, their automata): ``gc.freeze`` sets it aside, which
    also spares those pages from being copied on the collector's writes after the fork."""
    import gc

    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


def _cap_memory(memory_mb: int) -> None:
    """Cap this process's address space, where the platform allows it (not on Windows)."""
    try:
        import resource
    except ImportError:
        return
    limit = memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
