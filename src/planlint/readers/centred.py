"""Rows of space-aligned tables whose cells are centred vertically (w3m without borders,
Calc's PDF through ``pdftotext -layout``).

Such a dump sets every cell on the middle lines of its row, so only the tallest cell of a row
fills it from top to bottom: a short cell (a running number, a unit, a deadline) sits on the
row's middle line(s), and a cell merged down over several rows sits in the middle of all of
them, often straddling the line between two rows. Reading such a table line by line puts the
first row's top lines in the header and gives a merged cell's halves to two rows.

``layout.py`` finds the columns and the running numbers and cuts the lines into rows; this
module does the parts that only centred tables need, on plain data (line numbers and texts),
so it stays independent of the column finder:

- :func:`header_lines`: where the header ends, from the column names it holds (the lines
  between the header and the first running number belong to the first row);
- :func:`place_cells`: which row each line of one column belongs to, by where the text sits
  vertically: a cell belongs to the row (or the run of rows, for a merged cell) whose middle
  is nearest its own middle. A merged cell goes to the first row it covers; parse fills the
  rows below it, as it does for the other dumps that write a merged cell once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planlint.textnorm import normalize
from planlint.vocab import header_role

MAX_MERGE = 16  # rows one merged cell may cover (bounds the work per row)

# Costs of a column's cells, in lines of distance between a cell's middle and its rows' (half
# a line is free: a tool rounds a cell with an odd number of lines to spare up or down):
_ROUNDING = 0.5
_GAP = 0.1  # a line without text inside a cell (a unit list with an empty paragraph)
_MOVE = 0.15  # a line moved across a row bound (a tool set it on the next row's first line)
# … and the tie-breakers: the better centred reading within the rounding; then text that
# fits two rows as well as one merged cell is two cells; then a cell centred as well over its
# empty neighbours as on its own row covers them (a merged cell)
_OFF = 0.05
_SPLIT = 0.01
_ROW = 0.001

_BODY_MARK = re.compile(r"[，。；;：:、,]")
_HEADER_MAX = 12  # a column name is shorter than this (a task's text is not)


def header_lines(texts: list[list[str | None]]) -> int | None:
    """How many of the lines above the first running number make the header: the lines, from
    the top, that join into column names per column, up to the first line that reads as a
    task (punctuation, long text) or that turns a column name into something else. None when
    the lines name fewer than two columns (the caller then decides by other means).

    ``texts`` holds each line's text per column (None where the column is empty)."""
    if not texts:
        return None
    cells = [""] * len(texts[0])
    named = 0
    count = 0
    for row in texts:
        if any(t and (_BODY_MARK.search(t) or len(normalize(t)) >= _HEADER_MAX) for t in row):
            break
        joined = [c + (t or "") for c, t in zip(cells, row, strict=False)]
        score = sum(1 for c in joined if c and header_role(normalize(c)))
        if score < named:
            break
        cells, named, count = joined, score, count + 1
    return count if named >= 2 else None


@dataclass(frozen=True)
class Rows:
    """The body rows of a table: each row's first line, its last line with text, and the
    line after its end (blank lines after a row's text, before the next row, are part of it:
    a cell's empty line)."""

    tops: list[int]
    lasts: list[int]
    ends: list[int]

    def middle(self, a: int, b: int) -> float:
        """The middle of rows a..b, in lines."""
        return (self.tops[a] + self.ends[b]) / 2


Extent = tuple[int, int, int]  # first line, last line, number of lines


def _join(upper: Extent | None, lower: Extent | None) -> Extent | None:
    """The extent of two runs of lines, one above the other."""
    if upper is None:
        return lower
    if lower is None:
        return upper
    return upper[0], lower[1], upper[2] + lower[2]


@dataclass(frozen=True)
class _Column:
    """One column's lines per row, and the moves a bound between two rows allows.

    A bound is crossed in state 0 (nothing moves), 1 (the lower row's first line belongs to
    the cell above) or 2 (the upper row's last line belongs to the cell below)."""

    rows: Rows
    lines: list[list[int]]

    def lines_of(self, r: int, state_in: int, state_out: int) -> list[int]:
        """Row r's lines given how the bounds above and below it are crossed."""
        own = self.lines[r]
        out = own[(1 if state_in == 1 else 0) : (len(own) - 1 if state_out == 2 else len(own))]
        if state_in == 2:
            out = [self.lines[r - 1][-1], *out]
        if state_out == 1:
            out = [*out, self.lines[r + 1][0]]
        return out

    def extent(self, r: int, state_in: int, state_out: int) -> Extent | None:
        """The first and last of row r's lines and how many, in O(1)."""
        own = self.lines[r]
        lo = 1 if state_in == 1 else 0
        hi = len(own) - 1 if state_out == 2 else len(own)
        body: Extent | None = (own[lo], own[hi - 1], hi - lo) if lo < hi else None
        if state_in == 2:
            line = self.lines[r - 1][-1]
            body = _join((line, line, 1), body)
        if state_out == 1:
            line = self.lines[r + 1][0]
            body = _join(body, (line, line, 1))
        return body

    def can_cross(self, b: int, state: int) -> bool:
        """Whether the bound below row b may be crossed that way: a line that moves sits on
        the first line of the row below (state 1) or on the last line of its own row (2)."""
        if state == 0:
            return True
        if b + 1 >= len(self.lines):
            return False
        if state == 1:
            below = self.lines[b + 1]
            return bool(below) and below[0] == self.rows.tops[b + 1]
        return bool(self.lines[b]) and self.lines[b][-1] == self.rows.lasts[b]

    def cost(self, a: int, b: int, ext: Extent, moved: bool) -> float | None:
        """What reading lines ``ext`` as one cell over rows a..b costs (None: it cannot be)."""
        first, last, count = ext
        gaps = last - first + 1 - count
        if gaps and a < b:  # a merged cell's text is one block
            return None
        off = abs((first + last + 1) / 2 - self.rows.middle(a, b))
        return (
            max(0.0, off - _ROUNDING)
            + _OFF * off
            + _GAP * gaps
            - _SPLIT
            - _ROW * (b - a + 1)
            + (_MOVE if moved else 0.0)
        )


@dataclass(frozen=True)
class _Step:
    cost: float
    start: int  # first row of the cell (or the row left empty)
    state_in: int  # how the bound above it is crossed
    covered: bool  # a cell, not a row left empty


def place_cells(rows: Rows, column: list[list[int]]) -> list[list[int]]:
    """The lines of one column that make each row's cell.

    ``column[r]`` lists the lines of row r that hold text in this column. A cell is the text
    of one row or of several (a merged cell); its middle should be its rows' middle. A small
    dynamic programme over the rows picks the cells and their rows: a cell costs the distance
    between the middles beyond half a line (rounding), a little per empty line inside it, and
    tie-breakers (see the constants); a merged cell's text is one block. A row with no text
    in the column may stay empty. The first line of a row may belong to the cell above and the
    last to the cell below, at a small cost: ``pdftotext`` sets a cell's line on a
    neighbouring row's line when the rows overlap on the page.

    Linear in the number of rows: a merged cell covers at most ``MAX_MERGE`` rows, and each
    candidate costs O(1)."""
    col = _Column(rows, column)
    n = len(column)
    inf = float("inf")
    # best[b][s]: the cheapest reading of rows 0..b with the bound below b crossed in state s
    best: list[list[_Step | None]] = [[None] * 3 for _ in range(n)]

    def before(a: int, s: int) -> float:
        if a == 0:
            return 0.0 if s == 0 else inf
        step = best[a - 1][s]
        return step.cost if step is not None else inf

    for b in range(n):
        for s_out in range(3):
            if not col.can_cross(b, s_out):
                continue
            choice: _Step | None = None
            for s_in in (0, 1):  # the row left empty: nothing left in it, nothing moved in
                base = before(b, s_in)
                empty = s_out == 0 and col.extent(b, s_in, 0) is None
                if empty and base < inf and (choice is None or base < choice.cost):
                    choice = _Step(base, b, s_in, False)
            below: Extent | None = None  # rows a+1..b, the bound below b crossed as s_out
            for a in range(b, max(-1, b - MAX_MERGE), -1):
                for s_in in range(3):
                    base = before(a, s_in)
                    if base == inf:  # (a bound crossed in a state its rows do not allow)
                        continue
                    ext = col.extent(a, s_in, s_out) if a == b else col.extent(a, s_in, 0)
                    ext = ext if a == b else _join(ext, below)
                    cost = None if ext is None else col.cost(a, b, ext, s_out > 0)
                    if cost is not None and (choice is None or base + cost < choice.cost):
                        choice = _Step(base + cost, a, s_in, True)
                below = _join(col.extent(a, 0, s_out if a == b else 0), below)
            best[b][s_out] = choice
    return _backtrack(best, col)


def _cell_lines(col: _Column, a: int, b: int, s_in: int, s_out: int) -> list[int]:
    """The lines of a cell over rows a..b with the given bounds above and below it."""
    if a == b:
        return col.lines_of(a, s_in, s_out)
    out = col.lines_of(a, s_in, 0)
    for r in range(a + 1, b):
        out.extend(col.lines_of(r, 0, 0))
    out.extend(col.lines_of(b, 0, s_out))
    return out


def _backtrack(best: list[list[_Step | None]], col: _Column) -> list[list[int]]:
    """Each row's lines in the cheapest reading: a cell's lines go to its first row."""
    n = len(best)
    out: list[list[int]] = [[] for _ in range(n)]
    b, s_out = n - 1, 0
    while b >= 0:
        step = best[b][s_out]
        if step is None:  # cannot happen: a row can always be a cell of its own or empty
            break
        if step.covered:
            out[step.start] = _cell_lines(col, step.start, b, step.state_in, s_out)
        b, s_out = step.start - 1, step.state_in
    return out
