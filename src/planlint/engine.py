"""The linter core: read -> parse -> match -> check, one plan at a time."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from planlint.checks import Result, evaluate
from planlint.errors import PlanlintError, ReadError
from planlint.globs import Search
from planlint.match import match_plan
from planlint.messages import Phrase, os_reason
from planlint.model import Document, Plan
from planlint.parse import parse
from planlint.readers import DEFAULT_MAX_BYTES, PLAN_SUFFIXES, Limits, read_document
from planlint.regularfile import kind_code
from planlint.rules import Pack, Rule
from planlint.rules.years import YearPacks
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
    # the message's catalogue key and params (errors.py), so it can be said in the run's language
    error: PlanlintError | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, path: str, error: PlanlintError, severity: str = "error") -> Failure:
        """The failure ``error`` describes, its message in Chinese until ``in_lang``."""
        return cls(path, error.render(), severity, error)

    def in_lang(self, lang: str) -> Failure:
        """This failure with its message in ``lang`` (the command line's ``--lang``)."""
        return self if self.error is None else replace(self, message=self.error.render(lang))


def check_file(
    path: str | Path | StdinPlan,
    packs: list[Pack],
    max_bytes: int = DEFAULT_MAX_BYTES,
    reading: Limits | None = None,
    placeholders: dict[str, str] | None = None,
    years: YearPacks | None = None,
) -> Result:
    """``reading``: the reader's budgets (``readers/limits.py``; None for the defaults).
    ``placeholders``: the project's meanings (config.py) for placeholders the plan does not
    declare itself; the plan's own declaration wins. ``years``: ``--year`` (rules/years.py),
    which may add the year pack of the plan's year after ``packs``."""
    plan = parse(_read(path, max_bytes, reading))
    if not plan.items:
        raise ReadError(str(path), "no-items")
    if placeholders:
        plan.placeholders = {**placeholders, **plan.placeholders}
    extra, choice = years.choose(plan.year) if years is not None else (None, None)
    used = [*packs, extra] if extra is not None else packs
    matches = [m for pack in used for m in match_plan(plan, pack)]
    result = evaluate(plan, matches, [p.name for p in used])
    result.year = choice
    return result


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
        return Failure.of(str(path), exc)
    except MemoryError:
        raise  # the worker reports it as the memory limit
    except Exception as exc:  # a bug must not cost the rest of the batch
        detail = f"{type(exc).__name__}: {exc}"
        return Failure.of(str(path), PlanlintError(str(path), "internal-file", detail=detail))


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
    return list(iter_each_file(paths, work, limits, on_done))


def iter_each_file(
    paths: list[Path],
    work: Callable[[Path], T],
    limits: WorkerLimits | None = None,
    on_done: Progress | None = None,
) -> Iterator[T | Failure]:
    """:func:`each_file` as a stream: each outcome yielded, in the files' order, as soon as it
    and all before it are done, so a batch can report a plan and let it go before the next
    arrives (its memory then does not grow with the number of files)."""
    if limits is None:
        for done, path in enumerate(paths, 1):
            yield guarded(work, path)
            if on_done is not None:
                on_done(done, len(paths))
        return
    for out in run_each(paths, partial(guarded, work), limits, on_done):
        yield _crash_failure(out, limits) if isinstance(out, Crashed) else out


def _crash_failure(crash: Crashed, limits: WorkerLimits) -> Failure:
    if crash.kind == "timeout":
        error = ReadError(crash.path, "crash-timeout", seconds=f"{limits.seconds:g}")
    elif crash.kind == "memory":
        error = ReadError(crash.path, "crash-memory", mb=limits.memory_mb)
    else:
        error = ReadError(crash.path, "crash-exit", code=crash.detail)
    return Failure.of(crash.path, error)


def check_files(
    paths: list[Path | StdinPlan],
    packs: list[Pack],
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: WorkerLimits | None = None,
    reading: Limits | None = None,
    placeholders: dict[str, str] | None = None,
    on_done: Progress | None = None,
    years: YearPacks | None = None,
) -> list[Result | Failure]:
    return list(
        iter_check_files(paths, packs, max_bytes, limits, reading, placeholders, on_done, years)
    )


def iter_check_files(
    paths: list[Path | StdinPlan],
    packs: list[Pack],
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: WorkerLimits | None = None,
    reading: Limits | None = None,
    placeholders: dict[str, str] | None = None,
    on_done: Progress | None = None,
    years: YearPacks | None = None,
) -> Iterator[Result | Failure]:
    """Each file checked (``check_file``) or its Failure, yielded in the files' order as it
    arrives (:func:`iter_each_file`): what ``planlint check`` reports plan by plan."""
    work = partial(
        _check_detached,
        packs=packs,
        max_bytes=max_bytes,
        reading=reading,
        placeholders=placeholders,
        years=years,
    )
    rules = {(rule.pack, rule.id): rule for pack in packs for rule in pack.rules}
    for out in iter_each_file(paths, work, limits, on_done):
        # a year pack is loaded when a plan of its year comes (rules/years.py), here too
        extra = years.pack_of(out.year) if years is not None and isinstance(out, Result) else None
        if extra is not None:
            rules.update({(rule.pack, rule.id): rule for rule in extra.rules})
        yield _attached(out, rules)


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
            failures.append(_failed(raw, _unreachable(path, exc)))
            continue
        if stat.S_ISDIR(mode):
            files.extend(_search(path, failures, search or Search()))
        elif stat.S_ISREG(mode):
            files.append(path)
        else:
            failures.append(_failed(raw, Phrase("not-file-or-folder", what=kind_code(mode))))
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
            why = Phrase("os-error", reason=os_reason(exc))
            failures.append(_failed(str(folder), Phrase("folder-not-searched", why=why)))
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
                    twice = Phrase("link-searched", target=os.path.realpath(path))
                    failures.append(_failed(str(path), twice, "warning"))
                    continue
                searched.add((info.st_dev, info.st_ino))
                stack.append(path)
            elif not _looks_like_plan(path):
                if not (stat.S_ISREG(info.st_mode) or entry.name.startswith(".")):
                    irregular = Phrase("not-regular", what=kind_code(info.st_mode))
                    failures.append(_skipped(path, irregular))
            elif stat.S_ISREG(info.st_mode):
                found.append(path)
            else:
                irregular = Phrase("not-regular", what=kind_code(info.st_mode))
                failures.append(_skipped(path, irregular))
    return sorted(found)


def _failed(path: str, problem: Phrase, severity: str = "error") -> Failure:
    """A path the folder search could not take, ``problem`` said in the run's language."""
    return Failure.of(path, ReadError(path, problem.key, **problem.params), severity)


def _skipped(path: Path, reason: Phrase) -> Failure:
    """A folder entry skipped unread: an error if it is named like a plan (a plan may be lost),
    a warning otherwise (nothing planlint would have read is lost)."""
    severity = "error" if _looks_like_plan(path) else "warning"
    return _failed(str(path), Phrase("skipped", why=reason), severity)


def _identity(folder: Path) -> tuple[int, int]:
    """A folder's device and inode: the same folder reached by two paths has one identity."""
    info = folder.stat()
    return info.st_dev, info.st_ino


def _unreachable(path: Path, exc: OSError) -> Phrase:
    """Why a path cannot be reached, in the words a user needs: a link that loops or points
    nowhere is named as such, not as a missing file."""
    if exc.errno == errno.ELOOP:
        return Phrase("link-loop")
    if exc.errno == errno.ENOENT and path.is_symlink():
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return Phrase("dangling-link", target=target)
    return Phrase("os-error", reason=os_reason(exc))
