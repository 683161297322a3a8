"""The rich console the terminal reports print to: literal, and quiet about a closed pipe."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console

from planlint.output import OutputClosed


class ReportConsole(Console):
    """A console that prints plan text literally and leaves a closed pipe to the guard.

    Markup, ``:emoji:`` codes and highlighting are off: reports pass plan text as ``Text``,
    and this is the second guard for any plain ``str`` that slips through. Rich's own answer
    to a broken pipe is ``SystemExit(1)``, and 1 means "findings"; raising ``OutputClosed``
    lets the guard exit 141 instead.
    """

    def __init__(self, file: TextIO | None = None) -> None:
        super().__init__(file=file, markup=False, emoji=False, highlight=False)

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise OutputClosed


def make_console(file: TextIO | None = None) -> Console:
    """The console for a terminal report on ``file`` (standard output when None)."""
    return ReportConsole(file)
