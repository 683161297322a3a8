"""Reports written plan by plan, so a batch's memory does not grow with its plans.

``planlint check`` hands each outcome to the report as it arrives (in the batch's order) and
lets it go; a report keeps only what its closing part needs (the summary's compact rows, the
failures, a rule table). A format that is one document whose head depends on the whole batch
(SARIF's rule table, JUnit's totals, the Markdown summary table, the HTML matrix) writes the
plans' parts to a :class:`Spool` on disk and copies it into place at the end.

Every format has a writer with the same two calls: ``add(outcome)`` and ``finish()``; it
sends its text (or, for xlsx, bytes) to the ``out`` callable it was made with. Each format's
``render_…`` function, which returns the whole report at once, is its writer run over a list:
one code path, so the streamed report is the same bytes as the rendered one.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from planlint.checks import Result
    from planlint.engine import Failure

Out = Callable[[str], None]
"""Where a writer sends its text, piece by piece (standard output, a file, a list)."""

_CHUNK = 1 << 16


class Writer(Protocol):
    def add(self, outcome: Result | Failure) -> None: ...

    def finish(self) -> None: ...


def collect(writer: Writer, outcomes: Iterable[Result | Failure]) -> None:
    """Run ``writer`` over ``outcomes``: what each ``render_…`` function does."""
    for outcome in outcomes:
        writer.add(outcome)
    writer.finish()


class Joined:
    """Text pieces joined by ``sep`` as they come, as ``sep.join`` would join them at once."""

    def __init__(self, out: Out, sep: str) -> None:
        self.out = out
        self.sep = sep
        self.count = 0

    def __call__(self, piece: str) -> None:
        self.out(self.sep + piece if self.count else piece)
        self.count += 1


class Spool:
    """Text kept in a temporary file until the report's head can be written: the part of a
    report that grows with the batch waits on disk, not in memory. UTF-8 with lone surrogates
    passed through (an undecodable file name), line ends as written."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile(  # noqa: SIM115 - closed by copy_to or close
            "w+", encoding="utf-8", errors="surrogatepass", newline=""
        )
        self.empty = True

    def write(self, text: str) -> None:
        if text:
            self.empty = False
            self.file.write(text)

    def lines(self) -> Iterable[str]:
        """What was written, line by line (for spools of one record a line)."""
        self.file.seek(0)
        yield from self.file

    def copy_to(self, out: Out) -> None:
        """Send everything written to ``out``, in pieces, and close the spool."""
        self.file.seek(0)
        while piece := self.file.read(_CHUNK):
            out(piece)
        self.close()

    def close(self) -> None:
        self.file.close()


def reindented(text: str, indent: int) -> str:
    """A JSON value serialized with ``indent=2`` at the top, moved ``indent`` spaces right, as
    it stands inside a bigger document (JSON text has no line break inside a string)."""
    return text.replace("\n", "\n" + " " * indent)


def json_array(out: Out, indent: int) -> Callable[[str | None], None]:
    """Write a JSON array's items (each serialized with ``indent=2``) one at a time, as
    ``json.dumps(..., indent=2)`` lays out an array ``indent`` spaces in; called with None
    to close it. An empty array is ``[]``."""
    pad = " " * indent
    state = {"count": 0}

    def item(text: str | None) -> None:
        if text is None:
            out(f"\n{pad}]" if state["count"] else "[]")
            return
        lead = ",\n" if state["count"] else "[\n"
        out(f"{lead}{pad}  {reindented(text, indent + 2)}")
        state["count"] += 1

    return item
