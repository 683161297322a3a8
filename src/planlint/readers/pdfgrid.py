"""Ruled tables of a PDF page: cells from the ruling lines, characters put in them in one pass.

Why not pdfplumber's tables: it builds cells from every pair of rule intersections and then
scans every character for every cell (cells x characters), in Python objects per character;
here the cells come from the rules' positions (a grid of column and row bounds) and each
character finds its cell by two binary searches.

- Rules a couple of points apart are one rule (a double border, a line drawn in pieces); rules
  that touch or cross make one table; a table needs two column bounds and two row bounds.
- Between two neighbouring grid cells with no rule where their border would be, the cells are
  one merged cell: every grid position it covers shares its text and origin, and
  ``grid.grid_blocks`` reads it as it reads a merged Word cell.
- A character belongs to the cell its middle falls in. When a table's text is drawn across its
  rules (LibreOffice Calc prints a wrapped cell centred on a row lower than its text, spilling
  over the rows above and below; a spreadsheet's long unwrapped text runs on into the next
  columns), the cells cannot say which row or column a line is in: the ruled reading is not
  offered (``Overflow``), and the reading of the laid-out text (the row a line's number stands
  in) is left to decide.
- Within a cell, a line that runs to the cell's right edge is wrapped and joined to the next
  (with a space after a Latin letter or digit); a short line ends with "\\n", so units written
  one a line stay apart.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from planlint.model import Block, Location, Paragraph
from planlint.readers.grid import Slot, clean, grid_blocks
from planlint.readers.pdftext import _WORD_GAP, Char, Line, Rules

_SNAP = 2.0  # points: rules closer than this are one
_MAX_SEGMENTS = 4000  # more rules than this on a page is no table (and bounds the work)
_OVERFLOW_SHARE = 0.05  # characters drawn across a rule: past this share the cells are unsure


class Overflow(Exception):
    """A table's text is drawn across its row rules: its cells do not hold their text."""


@dataclass
class _Seg:
    pos: float  # x of a vertical rule, y of a horizontal one
    lo: float  # its extent along the other axis
    hi: float


@dataclass
class _Table:
    xs: list[float]  # column bounds, left to right
    ys: list[float]  # row bounds, top to bottom
    group: list[list[int]]  # the merged cell each grid position belongs to
    ruled: list[list[tuple[float, float]]]  # per row bound, the x extents its rules cover
    walls: list[list[tuple[float, float]]]  # per column bound, the y extents its rules cover

    def rule_at(self, r: int, x: float) -> bool:
        """Whether a rule runs along row bound ``r`` under ``x``."""
        return any(lo - _SNAP <= x <= hi + _SNAP for lo, hi in self.ruled[r])

    def wall_at(self, k: int, y: float) -> bool:
        """Whether a rule runs along column bound ``k`` beside ``y``."""
        return any(lo - _SNAP <= y <= hi + _SNAP for lo, hi in self.walls[k])

    def crossed(self, c: Char, x: float, y: float) -> bool:
        """Whether a character's body is drawn across one of the table's rules (text spilling
        out of its cell, over a row or into the next column)."""
        ys, xs = self.ys, self.xs
        lo, hi = bisect_right(ys, c.top + 0.25 * c.size), bisect_left(ys, c.base)
        if any(self.rule_at(r, x) for r in range(lo, hi)):
            return True
        quarter = (c.x1 - c.x0) / 4
        lo, hi = bisect_right(xs, c.x0 + quarter), bisect_left(xs, c.x1 - quarter)
        return any(self.wall_at(k, y) for k in range(lo, hi))

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]

    def position(self, x: float, y: float) -> tuple[int, int]:
        i = min(max(bisect_right(self.ys, y) - 1, 0), len(self.ys) - 2)
        j = min(max(bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        return i, j


def _merge(segs: list[_Seg]) -> list[_Seg]:
    """Rules at (nearly) one position joined into as few segments as they cover."""
    out: list[_Seg] = []
    for s in sorted(segs, key=lambda s: (s.pos, s.lo)):
        into = None
        for o in reversed(out):
            if s.pos - o.pos > _SNAP:
                break
            if s.lo <= o.hi + _SNAP and o.lo <= s.hi + _SNAP:
                into = o
                break
        if into is None:
            out.append(_Seg(s.pos, s.lo, s.hi))
        else:
            into.lo, into.hi = min(into.lo, s.lo), max(into.hi, s.hi)
    return out


def _bounds(positions: list[float]) -> list[float]:
    out: list[float] = []
    for p in sorted(positions):
        if not out or p - out[-1] > _SNAP:
            out.append(p)
    return out


def _covers(segs: list[_Seg], pos: float, at: float) -> bool:
    return any(abs(s.pos - pos) <= _SNAP and s.lo - _SNAP <= at <= s.hi + _SNAP for s in segs)


def find_tables(rules: Rules) -> list[_Table]:
    """The page's ruled tables: connected rules with two column and two row bounds at least."""
    vs = _merge([_Seg(x, top, bottom) for x, top, bottom in rules.vertical])
    hs = _merge([_Seg(y, x0, x1) for y, x0, x1 in rules.horizontal])
    if len(vs) + len(hs) > _MAX_SEGMENTS:
        return []
    parent = list(range(len(vs) + len(hs)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, v in enumerate(vs):
        for b, h in enumerate(hs):
            touch = v.lo - _SNAP <= h.pos <= v.hi + _SNAP and h.lo - _SNAP <= v.pos <= h.hi + _SNAP
            if touch:
                parent[root(a)] = root(len(vs) + b)
    components: dict[int, tuple[list[_Seg], list[_Seg]]] = {}
    for a, v in enumerate(vs):
        components.setdefault(root(a), ([], []))[0].append(v)
    for b, h in enumerate(hs):
        components.setdefault(root(len(vs) + b), ([], []))[1].append(h)
    tables = []
    for cv, ch in components.values():
        table = _grid(cv, ch)
        if table is not None:
            tables.append(table)
    tables.sort(key=lambda t: t.ys[0])
    return tables


def _grid(vs: list[_Seg], hs: list[_Seg]) -> _Table | None:
    xs, ys = _bounds([v.pos for v in vs]), _bounds([h.pos for h in hs])
    if len(xs) < 3 or len(ys) < 3:  # two columns and two rows at least
        return None
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i in range(rows):
        mid_y = (ys[i] + ys[i + 1]) / 2
        for j in range(cols):
            mid_x = (xs[j] + xs[j + 1]) / 2
            if j + 1 < cols and not _covers(vs, xs[j + 1], mid_y):
                parent[root(i * cols + j)] = root(i * cols + j + 1)
            if i + 1 < rows and not _covers(hs, ys[i + 1], mid_x):
                parent[root(i * cols + j)] = root((i + 1) * cols + j)
    group = [[root(i * cols + j) for j in range(cols)] for i in range(rows)]
    ruled = [[(h.lo, h.hi) for h in hs if abs(h.pos - y) <= _SNAP] for y in ys]
    walls = [[(v.lo, v.hi) for v in vs if abs(v.pos - x) <= _SNAP] for x in xs]
    return _Table(xs, ys, group, ruled, walls)


def page_blocks(lines: list[Line], rules: Rules, number: int) -> list[Block]:
    """The page's ruled tables and the text outside them, in reading order (Overflow when a
    table's text crosses its row rules)."""
    tables = find_tables(rules)
    tops = [ln.top for ln in lines]
    # grid cell (table, group) -> its characters, by line
    cells: dict[tuple[int, int], list[tuple[int, Char]]] = {}
    outside: list[list[Char]] = [[] for _ in lines]
    crossing = inside = 0
    for k, line in enumerate(lines):
        for c in line.chars:
            x, y = (c.x0 + c.x1) / 2, c.top + c.size / 2
            t = next((t for t, table in enumerate(tables) if table.contains(x, y)), None)
            if t is None:
                outside[k].append(c)
                continue
            table = tables[t]
            i, j = table.position(x, y)
            inside += 1
            if table.crossed(c, x, y):
                crossing += 1
            cells.setdefault((t, table.group[i][j]), []).append((k, c))
    if inside and crossing > _OVERFLOW_SHARE * inside:
        raise Overflow()
    placed: list[tuple[float, int, list[Block]]] = []
    for t, table in enumerate(tables):
        grid = _slots(table, t, cells, lines, tops, number)
        top = table.ys[0]
        where = Location(page=number, line=_line_at(tops, top))
        placed.append((top, t, grid_blocks(grid, where)))
    for k, chars in enumerate(outside):
        text = line_text(chars).strip()
        if text:
            placed.append((lines[k].top, -1, [Paragraph(text, Location(page=number, line=k + 1))]))
    placed.sort(key=lambda p: (p[0], p[1]))
    return [b for _, _, blocks in placed for b in blocks]


def _slots(
    table: _Table,
    t: int,
    cells: dict[tuple[int, int], list[tuple[int, Char]]],
    lines: list[Line],
    tops: list[float],
    number: int,
) -> list[list[Slot]]:
    origins: dict[int, object] = {}
    firsts: dict[int, tuple[int, int]] = {}
    last_col: dict[int, int] = {}
    for i, row in enumerate(table.group):
        for j, g in enumerate(row):
            if g not in origins:
                origins[g] = object()
                firsts[g] = (i, j)
            last_col[g] = max(last_col.get(g, j), j)
    texts = {
        g: cell_text(cells.get((t, g), []), table.xs[j], table.xs[last_col[g] + 1])
        for g, (_, j) in firsts.items()
    }
    grid: list[list[Slot]] = []
    for row in table.group:
        slots = []
        for g in row:
            fi = firsts[g][0]
            loc = Location(page=number, line=_line_at(tops, table.ys[fi]))
            slots.append(Slot(texts[g], loc, origins[g]))
        grid.append(slots)
    return grid


def _line_at(tops: list[float], top: float) -> int:
    """The number (from 1) of the first line at or below ``top``."""
    return min(bisect_left(tops, top - 1.0), max(len(tops) - 1, 0)) + 1


def line_text(chars: list[Char]) -> str:
    """Characters of one line as text: a space where the gap between two is a word space."""
    out: list[str] = []
    prev: Char | None = None
    for c in sorted(chars, key=lambda c: c.x0):
        if prev is not None and (c.spaced or c.x0 - prev.x1 > _WORD_GAP * max(c.size, prev.size)):
            out.append(" ")
        out.append(c.text)
        prev = c
    return "".join(out)


def cell_text(chars: list[tuple[int, Char]], x0: float, x1: float) -> str:
    """A cell's text: lines that run to the right edge are wrapped, short lines end with \\n."""
    if not chars:
        return ""
    by_line: dict[int, list[Char]] = {}
    for k, c in chars:
        by_line.setdefault(k, []).append(c)
    lines = [by_line[k] for k in sorted(by_line)]
    widths = sorted(c.x1 - c.x0 for _, c in chars)
    char_w = widths[len(widths) // 2] or 5.0
    pad = max(min(min(c.x0 for c in ln) for ln in lines) - x0, 0.0)
    out = ""
    for k, ln in enumerate(lines):
        text = line_text(ln).strip()
        right = max(c.x1 for c in ln)
        out += text
        if k < len(lines) - 1:
            wrapped = x1 - right <= pad + 1.2 * char_w
            if not wrapped:
                out += "\n"
            elif text and text[-1].isascii() and text[-1].isalnum():
                out += " "
    return clean(out)
