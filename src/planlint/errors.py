"""The one error type planlint lets escape: a bad input, reported as one line, exit code 2."""

from __future__ import annotations


class PlanlintError(Exception):
    """A problem with an input (plan file, rule pack, option) that the user can fix.

    ``str(error)`` is the one-line message shown to the user: it names the file and the problem.
    """

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class ReadError(PlanlintError):
    """A plan file that cannot be read (encoding, format, size, hostile content)."""


class PackError(PlanlintError):
    """A rule pack that cannot be loaded or does not match the schema."""


class ConfigError(PlanlintError):
    """A configuration, waiver or baseline file (or a flag) that cannot be used."""
