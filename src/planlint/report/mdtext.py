"""Plan text inside Markdown: written so it reads as the plan wrote it, never as Markdown.

Plans, file names and packs are untrusted text. In a PR/MR comment or a rule's help, a ``|``
would end a table cell, a backtick open code, ``<`` start an HTML tag (``<details>`` closed
early, an ``<img>``), ``*`` or ``_`` turn on emphasis and ``[..](..)`` make a link. So every
ASCII punctuation character Markdown gives a meaning to is backslash-escaped (CommonMark lets
any ASCII punctuation be escaped), and line breaks become spaces so a cell stays one cell.
"""

from __future__ import annotations

import html
import re

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def md_escape(text: str) -> str:
    """``text`` as literal Markdown inline text, on one line."""
    return _SPECIAL.sub(r"\\\1", _BREAKS.sub(" ", text))


def html_escape(text: str) -> str:
    """``text`` inside raw HTML (``<summary>``), where backslashes are not escapes."""
    return html.escape(_BREAKS.sub(" ", text), quote=True)
