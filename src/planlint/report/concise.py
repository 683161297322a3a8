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


def render_concise(outcomes: list[Result | Failure], lang: str = "zh") -> str:
    lines: list[str] = []
    for at in located(outcomes, lang):
        rule = f"{at.finding.pack}/{at.finding.rule}"
        lines.append(
            printable(f"{at.path}:{at.where.line}:{at.where.column or 1}: ")
            + f"{at.finding.severity} {rule} {printable(at.text)}"
        )
    return "\n".join(lines)
