"""The one error type planlint lets escape: a bad input, reported as one line, exit code 2.

An error carries a catalogue key and its parameters, not a sentence: the command line renders it
in the run's language (``messages.error_text``), Chinese unless asked for English. The file's
name (``source``) stays apart so that the line's shape, ``source: problem``, is the same in both.
"""

from __future__ import annotations

from planlint.messages import Phrase, error_text


class PlanlintError(Exception):
    """A problem with an input (plan file, rule pack, option) that the user can fix.

    ``PlanlintError(source, key, **params)``: ``key`` names a sentence of the error catalogue
    (``messages._ERRORS``), ``params`` fill it in (a ``Phrase`` param is itself a sentence).
    ``render(lang)`` is the one-line message shown to the user; ``str(error)`` is it in Chinese.
    """

    def __init__(self, source: str, key: str, /, **params: object) -> None:
        super().__init__(source, key)
        self.source = source
        self.key = key
        self.params = params

    def __reduce__(self):  # travels from a worker process whole, params included
        return (_rebuild, (type(self), self.source, self.key, self.params))

    @property
    def phrase(self) -> Phrase:
        """The problem without the file's name, for a message that wraps it."""
        return Phrase(self.key, **self.params)

    def problem(self, lang: str = "zh") -> str:
        """The problem in ``lang``, without the file's name."""
        return error_text(self.key, lang, **self.params)

    def render(self, lang: str = "zh") -> str:
        """``source: problem`` in ``lang``; just the problem when no file is named."""
        problem = self.problem(lang)
        return f"{self.source}: {problem}" if self.source else problem

    def at(self, source: str) -> PlanlintError:
        """The same problem of the same kind, named after ``source`` (a pack's path filled in
        where the parser that found the problem did not know it)."""
        return type(self)(source, self.key, **self.params)

    def __str__(self) -> str:
        return self.render("zh")


def _rebuild(cls: type[PlanlintError], source: str, key: str, params: dict) -> PlanlintError:
    return cls(source, key, **params)


class ReadError(PlanlintError):
    """A plan file that cannot be read (encoding, format, size, hostile content)."""


class PackError(PlanlintError):
    """A rule pack that cannot be loaded or does not match the schema."""


class ConfigError(PlanlintError):
    """A configuration, waiver or baseline file (or a flag) that cannot be used."""
