"""The run's language (``language``: ``--lang``, else the locale), and the error sentences
put in it: ``Phrase`` is a sentence of the catalogue (``errors.py``) not yet in a language,
``error_text`` renders a key with its params, the format-spec tables said in the language.
"""

from __future__ import annotations

import os
import re
import string
from collections.abc import Mapping

from planlint.messages.errors import _ERRORS, _KINDS, _OS

LANGS = ("zh", "en")


def language(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The run's language: ``--lang`` when given, else the locale the way POSIX reads it
    (``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``; the first one set wins). Only an English
    locale (``en``, ``en_US.UTF-8`` …) gives English: Chinese is the default, also for an unset,
    ``C`` or ``C.UTF-8`` locale, since the readers are Chinese civil servants."""
    if explicit in LANGS:
        return explicit
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


# An error is a key and its params. A template may name a param with a format spec that is a
# table of errors.py: ``{kind:kind}`` is the file kind ``kind`` in the run's language,
# ``{reason:os}`` an operating-system error (its errno name, or the system's own words when not
# listed).


class Phrase:
    """A sentence of the error catalogue not yet in a language: ``Phrase(key, **params)``. It is
    a param of an error when the error wraps a smaller problem (a limit passed, a rule's key)."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params

    def __reduce__(self):
        return (_phrase, (self.key, self.params))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"Phrase({self.key!r}, **{self.params!r})"

    def render(self, lang: str = "zh") -> str:
        return error_text(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.render("zh")


def _phrase(key: str, params: dict) -> Phrase:
    return Phrase(key, **params)


class _Formatter(string.Formatter):
    """``str.format`` with the tables of errors.py as format specs, and Phrase params rendered."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if isinstance(value, Phrase):
            return value.render(self.lang)
        if format_spec == "kinds":  # a tuple of kind codes: "text or a list"
            joiner = " or " if self.lang == "en" else "或"
            return joiner.join(self.format_field(v, "kind") for v in value)  # type: ignore[attr-defined]
        table = {"kind": _KINDS, "os": _OS}.get(format_spec)
        if table is not None:
            entry = table.get(str(value))
            said = entry.get(self.lang, entry["zh"]) if entry else str(value)
            return _EDGE + said + _EDGE  # a word set in a Chinese sentence: see _spaced
        return super().format_field(value, format_spec)


_EDGE = "\x00"

_LATIN_EDGE = re.compile(
    "(?<=[\u3400-\u9fff])\x00(?=[A-Za-z])|(?<=[A-Za-z.])\x00(?=[\u3400-\u9fff])"
)


def _spaced(text: str) -> str:
    """A word from the tables set in with a space where Latin letters meet Chinese characters
    (不是 Word .docx 文件, 内容是 zip 压缩包), and nothing where Chinese meets Chinese."""
    return _LATIN_EDGE.sub(" ", text).replace(_EDGE, "")


def error_text(key: str, lang: str = "zh", /, **params: object) -> str:
    """The error sentence ``key`` in ``lang``, its params filled in. A key not in the catalogue
    is shown as it is (text written before the catalogue; tests/test_language.py finds
    any such raise site)."""
    entry = _ERRORS.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry["zh"]
    return _spaced(_Formatter(lang).format(template, **params))


def known_error(key: str) -> bool:
    return key in _ERRORS
