"""The linter core: read -> parse -> match -> check, one plan at a time."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from planlint.checks import Result, evaluate
from planlint.errors import PlanlintError, ReadError
from planlint.globs import Search
from planlint.match import match_plan
from planlint.model import Document, Plan
from planlint.parse import parse
from planlint.readers import DEFAULT_MAX_BYTES, PLAN_SUFFIXES, Limits, read_document
from planlint.regularfile import kind
from planlint.rules import Pack, Rule
from planlint.stdin import StdinPlan
from planlint.workers import Crashed, Progress, WorkerLimits, run_each

T = TypeVar("T")


@dataclass
class Failure:
    """A file that could not be checked, with the one-line reason.

    ``severity`` is "error" for input that could not be read (exit code 2) and "warning" for a
    folder entry skipped with nothing lost (a link back to a folder already searched, a FIFO or
    dangling link whose name is not a plan's): it is reported, and the exit code ignores it.
    """

    path: str
    message: str
    severity: str = "error"


def check_file(
    path: str | Path | StdinPlan,
    packs: list[Pack],
    max_bytes: int = DEFAULT_MAX_BYTES,
    reading: Limits | None = None,
    placeholders: dict[str, str] | None = None,
) -> Result:
    """``reading``: the reader's budgets (``readers/limits.py``; None for the defaults).
    ``placeholders``: the project's meanings (config.py) for placeholders the plan does not
    declare itself; the plan's own declaration wins."""
    plan = parse(_read(path, max_bytes, reading))
    if not plan.items:
        raise ReadError(
            str(path), "no task items found: not a work plan, or a shape planlint cannot read"
        )
    if placeholders:
        plan.placeholders = {**placeholders, **plan.placeholders}
    matches = [m for pack in packs for m in match_plan(plan, pack)]
    return evaluate(plan, matches, [p.name for p in packs])


def _read(path: str | Path | StdinPlan, max_bytes: int, reading: Limits | None) -> Document:
    """A file read from disk, or standard input's bytes (``planlint check -``) read alike."""
    if isinstance(path, StdinPlan):
        return read_document(path.name, max_bytes, limits=reading, data=path.data)
    return read_document(path, max_bytes=max_bytes, limits=reading)


def guarded(work: Callable[[Path], T], path: Path) -> T | Failure:
    """``work(path)``, or the Failure that says why not: a bad file never costs the batch."""
    try:
        return work(path)
    except PlanlintError as exc:
        return Failure(str(path), str(exc))
    except MemoryError:
        raise  # the worker reports it as the memory limit
    except Exception as exc:  # a bug must not cost the rest of the batch
        reason = f"internal error ({type(exc).__name__}: {exc}); please report it"
        return Failure(str(path), f"{path}: {reason}")


def each_file(
    paths: list[Path],
    work: Callable[[Path], T],
    limits: WorkerLimits | None = None,
    on_done: Progress | None = None,
) -> list[T | Failure]:
    """Run ``work`` on every file; a bad file becomes a Failure and the others still run.

    With ``limits``, each file is read in a worker process under them (``workers.py``): a file
    that takes too long, too much memory, or crashes its reader fails alone. ``work`` must then
    be picklable (a top-level function or a partial of one). ``on_done(done, total)`` is
    called here, in order, after each file (a progress bar); it stays out of ``work``."""
    if limits is None:
        outcomes: list[T | Failure] = []
        for path in paths:
            outcomes.append(guarded(work, path))
            if on_done is not None:
                on_done(len(outcomes), len(paths))
        return outcomes
    return [
        _crash_failure(out, limits) if isinstance(out, Crashed) else out
        for out in run_each(paths, partial(guarded, work), limits, on_done)
    ]


def _crash_failure(crash: Crashed, limits: WorkerLimits) -> Failure:
    if crash.kind == "timeout":
        reason = f"took longer than the time limit ({limits.seconds:g} s; raise it with --timeout)"
    elif crash.kind == "memory":
        reason = f"needs more memory than the limit ({limits.memory_mb} MB; raise it with --memory)"
    else:
        reason = f"the reader stopped unexpectedly (exit code {crash.detail}); please report it"
    return Failure(crash.path, f"{crash.path}: {reason}")


def check_files(
    paths: list[Path | StdinPlan],
    packs: list[Pack],
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: WorkerLimits | None = None,
    reading: Limits | None = None,
    placeholders: dict[str, str] | None = None,
    on_done: Progress | None = None,
) -> list[Result | Failure]:
    work = partial(
        _check_detached,
        packs=packs,
        max_bytes=max_bytes,
        reading=reading,
        placeholders=placeholders,
    )
    rules = {(rule.pack, rule.id): rule for pack in packs for rule in pack.rules}
    return [_attached(out, rules) for out in each_file(paths, work, limits, on_done)]


@dataclass(frozen=True)
class _RuleKey:
    """A verdict's rule named, not carried: see ``_check_detached``."""

    pack: str
    id: str


def _check_detached(path: Path | StdinPlan, packs: list[Pack], **options: Any) -> Result:
    """``check_file`` for a worker process: the result travels back without its Rule objects,
    which the parent already holds. Pickled, every result would carry its own copy of every
    pack (about 30 KB a plan), and a batch's memory would grow by that for each file."""
    result = check_file(path, packs, **options)
    for verdict in result.verdicts:
        verdict.rule = _RuleKey(verdict.rule.pack, verdict.rule.id)  # type: ignore[assignment]
    return result


def _attached(outcome: Result | Failure, rules: dict[tuple[str, str], Rule]) -> Result | Failure:
    """A detached result given back the parent's own Rule objects."""
    if isinstance(outcome, Result):
        for verdict in outcome.verdicts:
            key = verdict.rule
            if isinstance(key, _RuleKey):
                verdict.rule = rules[(key.pack, key.id)]
    return outcome


def parse_files(
    paths: list[Path | StdinPlan],
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: WorkerLimits | None = None,
    reading: Limits | None = None,
) -> list[Plan | Failure]:
    """What `planlint parse` shows: each file read and parsed, or its Failure."""
    return each_file(paths, partial(parse_file, max_bytes=max_bytes, reading=reading), limits)


def parse_file(
    path: Path | StdinPlan, max_bytes: int = DEFAULT_MAX_BYTES, reading: Limits | None = None
) -> Plan:
    return parse(_read(path, max_bytes, reading))


_NOT_PLANS = ("readme", "changelog", "license", "contributing")


def _looks_like_plan(path: Path) -> bool:
    """Plan files by suffix, leaving out hidden files and a folder's README and the like."""
    name = path.name.lower()
    return (
        path.suffix.lower() in PLAN_SUFFIXES
        and not name.startswith((".", "~$"))
        and not name.startswith(_NOT_PLANS)
    )


def expand(paths: list[str], search: Search | None = None) -> tuple[list[Path], list[Failure]]:
    """Files as given; folders searched recursively for plan files, in a stable order.

    Nothing is opened here: a FIFO or device is named, never read (reading a FIFO waits for a
    writer forever). Every path given that is not a file or folder, and every folder entry
    skipped for what it is rather than for its name, comes back as one Failure saying why.
    ``search`` (the configuration's include/exclude globs) narrows the folder search only.
    """
    files: list[Path] = []
    failures: list[Failure] = []
    for raw in paths:
        path = Path(raw)
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            failures.append(Failure(raw, f"{raw}: {_unreachable(path, exc)}"))
            continue
        if stat.S_ISDIR(mode):
            files.extend(_search(path, failures, search or Search()))
        elif stat.S_ISREG(mode):
            files.append(path)
        else:
            failures.append(Failure(raw, f"{raw}: {kind(mode)}, not a file or folder; not opened"))
    return files, failures


def _search(root: Path, failures: list[Failure], search: Search) -> list[Path]:
    """The plan files under ``root``, sorted; skipped entries are added to ``failures``.

    The walk keeps its own stack, so a tree thousands of folders deep costs no recursion.
    Linked folders are followed once: each folder is known by its device and inode, and a link
    to one already searched (a loop, or a second way in) is reported and not entered again.
    """
    found: list[Path] = []
    searched = {_identity(root)}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            failures.append(Failure(str(folder), f"{folder}: folder not searched: {_why(exc)}"))
            continue
        for entry in entries:
            path = Path(entry.path)
            try:
                info = entry.stat()  # follows a link: what a reader would open
            except OSError as exc:
                failures.append(_skipped(path, _unreachable(path, exc)))
                continue
            if not (search.enters(path) if stat.S_ISDIR(info.st_mode) else search.takes(path)):
                continue  # excluded by the configuration: not entered, nothing said
            if stat.S_ISDIR(info.st_mode):
                if (info.st_dev, info.st_ino) in searched:
                    reason = f"a link to {os.path.realpath(path)}, a folder already searched"
                    failures.append(Failure(str(path), f"{path}: skipped: {reason}", "warning"))
                    continue
                searched.add((info.st_dev, info.st_ino))
                stack.append(path)
            elif not _looks_like_plan(path):
                if not (stat.S_ISREG(info.st_mode) or entry.name.startswith(".")):
                    failures.append(_skipped(path, f"{kind(info.st_mode)}, not a regular file"))
            elif stat.S_ISREG(info.st_mode):
                found.append(path)
            else:
                failures.append(_skipped(path, f"{kind(info.st_mode)}, not a regular file"))
    return sorted(found)


def _skipped(path: Path, reason: str) -> Failure:
    """A folder entry skipped unread: an error if it is named like a plan (a plan may be lost),
    a warning otherwise (nothing planlint would have read is lost)."""
    severity = "error" if _looks_like_plan(path) else "warning"
    return Failure(str(path), f"{path}: skipped: {reason}; not opened", severity)


def _identity(folder: Path) -> tuple[int, int]:
    """A folder's device and inode: the same folder reached by two paths has one identity."""
    info = folder.stat()
    return info.st_dev, info.st_ino


def _unreachable(path: Path, exc: OSError) -> str:
    """Why a path cannot be reached, in the words a user needs: a link that loops or points
    nowhere is named as such, not as a missing file."""
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop (following it never reaches a file)"
    if exc.errno == errno.ENOENT and path.is_symlink():
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return f"a dangling symbolic link (its target {target} does not exist)"
    if exc.errno == errno.ENOENT:
        return "no such file or folder"
    return _why(exc)


def _why(exc: OSError) -> str:
    """An OSError's reason in lower case, as the other one-line messages are written."""
    reason = exc.strerror or type(exc).__name__
    return reason[:1].lower() + reason[1:]
