"""A plan on standard input: ``planlint check -`` (``--stdin-filename NAME`` names it).

An editor, a pre-receive hook or a pipeline (``curl … | planlint check -``) hands over bytes, not
a file. They are read here, in the main process, once and bounded (at most the size limit plus
one byte, so an endless stream stops at the limit), and travel to the worker inside the job
(``StdinPlan`` pickles), where ``readers.read_document`` reads them as it reads a file's bytes:
the same sniffing, limits and errors. The name is what reports and messages show and what the
reader takes the claimed format from (its suffix); without one the content alone decides.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from pathlib import Path

    from planlint.engine import Failure
    from planlint.globs import Search

STDIN = "-"
DEFAULT_NAME = "<stdin>"


@dataclass(frozen=True)
class StdinPlan:
    """Standard input's bytes and the name the plan is reported under.

    ``str()`` is the name, so a Failure, a worker crash or a ReadError names it as it names a
    file; ``data`` may be one byte over the limit, which the reader then refuses.
    """

    name: str
    data: bytes = field(repr=False)

    def __str__(self) -> str:
        return self.name


def read_stdin(
    max_bytes: int, name: str | None = None, stream: BinaryIO | None = None
) -> StdinPlan:
    """Standard input as bytes (never decoded here: the reader sniffs the encoding), at most
    ``max_bytes + 1`` of them so that too much is seen and refused without reading it all."""
    if stream is None:
        stream = sys.stdin.buffer if sys.stdin is not None else None
    data = _read_at_most(stream, max_bytes + 1) if stream is not None else b""
    return StdinPlan(name or DEFAULT_NAME, data)


def _read_at_most(stream: BinaryIO, count: int) -> bytes:
    """Up to ``count`` bytes, looping: a raw pipe may return fewer than asked before its end."""
    chunks: list[bytes] = []
    left = count
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def expand_with_stdin(
    paths: list[str], max_bytes: int, name: str | None, search: Search | None = None
) -> tuple[list[Path | StdinPlan], list[Failure]]:
    """``engine.expand`` over ``paths`` with each ``-`` replaced by standard input, in place, so
    the report keeps the order the paths were given. Standard input can be read once: a second
    ``-`` is an error naming it."""
    from planlint.engine import Failure, expand  # the engine imports this module
    from planlint.errors import ReadError

    files: list[Path | StdinPlan] = []
    failures: list[Failure] = []
    given = False
    run: list[str] = []

    def flush() -> None:
        if run:
            found, missed = expand(run, search)
            files.extend(found)
            failures.extend(missed)
            run.clear()

    for raw in paths:
        if raw != STDIN:
            run.append(raw)
            continue
        flush()
        if given:
            failures.append(Failure.of(STDIN, ReadError(STDIN, "stdin-twice")))
            continue
        given = True
        files.append(read_stdin(max_bytes, name))
    flush()
    return files, failures
