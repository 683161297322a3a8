"""The plans a run reads, shared by ``check`` and ``parse``: the paths given searched and
standard input put in place of ``-``, the folder search's notices said, the reading limits."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from planlint.engine import Failure
    from planlint.globs import Search
    from planlint.readers.limits import Limits
    from planlint.run.say import Say


def stdin_name_alone(paths: Sequence[str], stdin_name: str | None) -> bool:
    """``--stdin-filename`` without ``-`` among the paths: a usage error (exit 2), since the
    name would silently go unused."""
    from planlint.stdin import STDIN

    return stdin_name is not None and STDIN not in paths


def reading_limits(max_size: int, specs: Sequence[str]) -> Limits:
    """The reader's Limits for this run: ``--max-size`` in MB, then each ``--limit`` over it
    (checked as the command line parsed them)."""
    from planlint.readers.limits import Limits, with_limits

    return with_limits(Limits(max_bytes=max_size * 1024 * 1024), list(specs))


def plans_given(
    paths: Sequence[str], max_bytes: int, stdin_name: str | None, search: Search | None
) -> tuple[list, list[Failure]]:
    """The files to read: folders searched, ``-`` read from standard input in its place
    (named ``stdin_name``)."""
    from planlint.stdin import expand_with_stdin

    return expand_with_stdin(list(paths), max_bytes, stdin_name, search)


def notices_said(
    files: list[Path], failures: list[Failure], lang: str, say: Say
) -> tuple[list[Path], list[Failure]]:
    """Say the folder search's warnings (entries skipped with nothing lost) and keep only the
    errors, which go into the report and make the exit code 2; all of them in ``lang``."""
    failures = [f.in_lang(lang) for f in failures]
    for failure in failures:
        if failure.severity != "error":
            say("warning", failure.message)
    return files, [f for f in failures if f.severity == "error"]
