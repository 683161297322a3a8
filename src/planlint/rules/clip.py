"""Short, single-line renderings of values from a pack, for error messages.

A pack error is one line a person reads in a terminal or a CI log. The offending value may be a
79 KB string, a list of a million items or text with newlines in it; it is shown as a bounded
``repr`` (quotes, escapes, ``...`` where it was cut) so the line stays short and a line break in
the value can never start a forged second line.
"""

from __future__ import annotations

import reprlib

_REPR = reprlib.Repr()
_REPR.maxlevel = 2
_REPR.maxstring = 40
_REPR.maxother = 40
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 4
_REPR.maxlong = 24

MAX_PROBLEM = 200


def show(value: object) -> str:
    """A value as a short repr: ``'说明…'``, ``[1, 2, ...]``, ``{'a': ...}``."""
    return _REPR.repr(value)


def name(value: object) -> str:
    """A key or rule id: plain when it is short ordinary text, a short repr otherwise."""
    if isinstance(value, str) and value.isprintable() and 0 < len(value) <= 40:
        return value
    return show(value)


def one_line(text: str, limit: int = MAX_PROBLEM) -> str:
    """``text`` with control characters escaped and cut to ``limit`` characters."""
    flat = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text[: limit + 1])
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."
