"""Line breaking for Chinese text on a terminal, by the rules a Chinese reader expects.

Rich wraps at spaces and folds a word that does not fit at whatever character meets the edge.
A Chinese sentence has no spaces, so to rich it is one long word: it is cut anywhere, and a
line can start with ``，`` or ``。``, which Chinese typesetting never allows (避头尾: closing
punctuation may not start a line, opening punctuation may not end one). This module finds the
break points itself: between any two Chinese characters, at spaces, never inside a number or a
Latin word when it can help it, and never before closing or after opening punctuation. Where a
break would leave a closing mark at the start of a line, the character before it goes down
with it, so no line is wider than it may be.

``Wrapped`` is the rich renderable the terminal report uses for any text that may wrap; plain
``str`` functions serve layouts that compute their own column widths.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

NO_LINE_START = frozenset("，。、；：？！）」』”’》〉】〕〗］｝,.;:?!)]}%‰°℃·・ー～…—％）")
"""Characters that may not start a line: closing punctuation and the marks that follow a word."""

NO_LINE_END = frozenset("（「『“‘《〈【〔〖［｛([{")
"""Characters that may not end a line: opening punctuation."""

STARTS_FORBIDDEN = "，。、；：）」”！？"
"""The closing marks of the issue's rule (a line of the report never starts with one)."""

_WORD_CHAR = re.compile(r"[0-9A-Za-z_\u00c0-\u024f'’.\-]")


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _may_break_before(text: str, i: int, by_spaces: bool = False) -> bool:
    """Whether a line may start at ``text[i]`` (a break between ``text[i-1]`` and it);
    ``by_spaces``: only after two spaces (a line of ``label: value`` fields kept whole)."""
    if i <= 0 or i >= len(text):
        return False
    before, ch = text[i - 1], text[i]
    if by_spaces:  # between fields: after a run of spaces ("单位: X   年度: 2024")
        return text[i - 2 : i] == "  " and ch != " "
    if ch in NO_LINE_START or before in NO_LINE_END:
        return False
    if before.isspace() or ch.isspace():
        return True
    if _is_wide(before) or _is_wide(ch):
        return True
    if before in "-/、":
        return True
    # inside a number or a Latin word ("2025", "B21", "leader-briefing")
    return not (_WORD_CHAR.match(before) and _WORD_CHAR.match(ch))


def break_points(text: str, width: int, by_spaces: bool = False) -> list[int]:
    """The offsets at which ``text`` (one paragraph, no newlines) starts a new line when set
    ``width`` cells wide. Greedy: each line takes as much as fits, then goes back to the last
    allowed break; a run with no allowed break (a long file name) is cut at the edge, but
    still not right before a closing mark when a character can go down with it."""
    width = max(width, 2)
    points: list[int] = []
    start, n = 0, len(text)
    while True:
        used, end = 0, start
        while end < n and used + cell_len(text[end]) <= width:
            used += cell_len(text[end])
            end += 1
        if end >= n:
            break
        cut = end
        if text[end] != " ":
            while cut > start and not _may_break_before(text, cut, by_spaces):
                cut -= 1
            if cut <= start:  # nothing allowed: cut at the edge, a character down with a mark
                cut = end
                while cut - 1 > start and text[cut] in NO_LINE_START:
                    cut -= 1
        while cut < n and text[cut] == " ":  # the spaces at a break vanish
            cut += 1
        if cut >= n:
            break
        points.append(cut)
        start = cut
    return points


def wrap_lines(text: str, width: int) -> list[str]:
    """``text`` broken into lines no wider than ``width`` cells (existing newlines kept)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_pieces(paragraph, break_points(paragraph, width)))
    return lines


def _pieces(text: str, points: list[int]) -> Iterator[str]:
    start = 0
    for point in points:
        yield text[start:point].rstrip(" ")
        start = point
    yield text[start:]


def wrap_text(
    text: Text, width: int, max_lines: int | None = None, by_spaces: bool = False
) -> Text:
    """A styled ``Text`` with line breaks put where Chinese rules allow, for ``width`` cells.

    With ``max_lines``, the lines past it are dropped and the last kept one ends in ``…``;
    ``by_spaces`` breaks only between fields set apart by two spaces or more."""
    lines: list[Text] = []
    offset = 0
    for paragraph in text.plain.split("\n"):
        piece = text[offset : offset + len(paragraph)]
        offset += len(paragraph) + 1
        points = break_points(paragraph, width, by_spaces)
        for part in piece.divide(points) if points else [piece]:
            part.rstrip()
            lines.append(part)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last.cell_len + 1 > width and len(last.plain) > 1:
            last = last[: len(last.plain) - 1]
        if last.plain and last.plain[-1] in NO_LINE_END:
            last = last[: len(last.plain) - 1]
        last.append("…")
        lines[-1] = last
    result = Text("\n", style=text.style).join(lines)
    result.no_wrap = True
    result.overflow = "fold"
    return result


class Wrapped:
    """A ``Text`` that wraps by Chinese line-breaking rules at the width it is given.

    Measured like text: at least its longest unbreakable run (capped at a few cells, since
    anything can be cut), at most its longest line. ``max_lines`` cuts what would run longer.
    """

    def __init__(
        self,
        text: Text | str,
        max_lines: int | None = None,
        min_width: int = 4,
        by_spaces: bool = False,
    ) -> None:
        self.text = text if isinstance(text, Text) else Text(text)
        self.max_lines = max_lines
        self.min_width = min_width
        self.by_spaces = by_spaces

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield wrap_text(self.text, options.max_width, self.max_lines, self.by_spaces)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(line) for line in self.text.plain.split("\n")), default=0)
        return Measurement(min(self.min_width, widest), widest).with_maximum(options.max_width)
