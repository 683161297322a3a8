"""``json.dumps(value, ensure_ascii=False, indent=2)``, character for character, faster.

With ``indent`` set, the standard library leaves its C encoder for a pure-Python one built of
nested generators; a batch's JSON report (tens of kilobytes a plan) then spends more time laid
out than matched. This encoder walks the plain data a report is made of (dicts, lists, tuples,
strings, numbers, booleans, None) with one function per container, escaping each string with
the standard library's own C routine. Anything else (another type, a circular structure) is
handed to ``json.dumps``, so the output and the errors are always the standard library's.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C routine where there is one
from typing import Any

_SEPARATORS = {n: ",\n" + " " * n for n in range(0, 64, 2)}


def dumps(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``."""
    try:
        parts: list[str] = []
        _value(value, parts, 0)
        return "".join(parts)
    except _Unplain:
        return json.dumps(value, ensure_ascii=False, indent=2)


class _Unplain(Exception):
    """A value this encoder leaves to the standard library."""


def _value(value: Any, out: list[str], depth: int) -> None:
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif kind is dict:
        _dict(value, out, depth)
    elif kind is list or kind is tuple:
        _list(value, out, depth)
    else:
        out.append(_scalar(value))
    return None


def _scalar(value: Any) -> str:
    kind = type(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float and value == value and value not in (float("inf"), float("-inf")):
        return float.__repr__(value)
    raise _Unplain  # NaN, infinities, subclasses, other types: as json.dumps has them


def _dict(value: dict, out: list[str], depth: int) -> None:
    if not value:
        out.append("{}")
        return
    if depth >= 60:
        raise _Unplain  # very deep (or circular): json.dumps says what it says
    inner = depth + 2
    sep = _SEPARATORS.get(inner) or ",\n" + " " * inner
    out.append("{\n" + " " * inner)
    first = True
    for key, item in value.items():
        if type(key) is not str:
            raise _Unplain  # json.dumps turns such keys into strings its own way
        if not first:
            out.append(sep)
        first = False
        out.append(encode_basestring(key))
        out.append(": ")
        _value(item, out, inner)
    out.append("\n" + " " * depth + "}")


def _list(value: list | tuple, out: list[str], depth: int) -> None:
    if not value:
        out.append("[]")
        return
    if depth >= 60:
        raise _Unplain
    inner = depth + 2
    sep = _SEPARATORS.get(inner) or ",\n" + " " * inner
    out.append("[\n" + " " * inner)
    first = True
    for item in value:
        if not first:
            out.append(sep)
        first = False
        _value(item, out, inner)
    out.append("\n" + " " * depth + "]")
