"""How a run speaks on standard error: one line at a time, through a callable it is given.

A run says warnings before its report, errors after it, notes in between (check.py), so it
cannot hand them back at the end; it calls ``say(level, message)`` as it goes instead. The
command line gives it :func:`stderr_say`; anything else (a test, another front end) may give
it a list's ``append``.
"""

from __future__ import annotations

from collections.abc import Callable

Say = Callable[[str, str], None]
"""``say(level, message)``: ``level`` is ``"error"``, ``"warning"`` or ``"note"`` (the line
``planlint: 错误: …`` with the word in the run's language), or :data:`PLAIN` (the message
alone, ``file:line: message``, the form editors and CI logs link to); ``message`` is already
in the run's language."""

PLAIN = "plain"
LEVELS = ("error", "warning", "note", PLAIN)

EXIT_INPUT = 2
"""The exit code of a run that said an error about its input or its usage (guard.py's too)."""


def stderr_say(lang: str) -> Say:
    """The :data:`Say` of the command line: each message one escaped, cut line on standard
    error (output.write_error), its level word in ``lang``."""

    def say(level: str, message: str) -> None:
        if level == PLAIN:
            import click

            from planlint.output import one_line

            click.echo(one_line(message), err=True)
            return
        from planlint.messages import word
        from planlint.output import write_error

        write_error(message, level=word(level, lang))

    return say
