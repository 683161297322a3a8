"""One line per finding, ``path:line:col: severity rule message``: for grep, and for editors
and terminals that jump to ``path:line:col`` (Vim's quickfix, VS Code's problem matchers).

The line and column are the finding's place in the file (report/places.py): a missing
requirement is at the plan's title line, a finding in a Word, Excel or PDF file at line 1 with
the table cell, sheet!cell or page in the message. The message is one line: control characters
and line breaks in plan text are written as escapes, so one finding is always one line.
"""

from __future__ import annotations

from planlint.checks import Result
from planlint.engine import Failure
from planlint.output import printable
from planlint.report.places import located
from planlint.report.stream import Joined, Out, collect


def render_concise(outcomes: list[Result | Failure], lang: str = "zh") -> str:
    parts: list[str] = []
    collect(ConciseWriter(parts.append, lang), outcomes)
    return "".join(parts)


class ConciseWriter:
    """The lines of each plan written as it arrives (report/stream.py); nothing is kept."""

    def __init__(self, out: Out, lang: str = "zh") -> None:
        self.line = Joined(out, "\n")
        self.lang = lang

    def add(self, outcome: Result | Failure) -> None:
        for at in located([outcome], self.lang):
            rule = f"{at.finding.pack}/{at.finding.rule}"
            self.line(
                printable(f"{at.path}:{at.where.line}:{at.where.column or 1}: ")
                + f"{at.finding.severity} {rule} {printable(at.text)}"
            )

    def finish(self) -> None:
        pass
