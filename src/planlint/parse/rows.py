"""Row recovery: cells to rows, each cell given the column it belongs to.

A real grid (Word, Excel, HTML, a complete Markdown table) is read by position. Every other
table-like text (a cell dump one cell a line, a row per line with merged cells dropped, a web
page flattened into paragraphs, a tab dump with a blank line lost) reaches this module as one
flat run of cells, with whatever the source says about row boundaries, and goes through one
decoder.

The decoder is a Viterbi pass over the cells. Its state is the column of the last cell; a cell
either continues the row in a later column (the columns in between are missing: merged or
blank), continues the same column (a second paragraph of a task cell, a second heading level),
starts a new row, or is left out of the table. Each choice has a cost, each cell a fit for each
column (``cellkinds.fit``), and the source's evidence about row boundaries (a line of its own in a
row-a-line dump: certain; a blank line in a tab dump: likely) biases the choice. The best path
is the reading that explains the cells best; a damaged or missing cell costs its own row at
most, because no step depends on counting cells. Time is linear in the number of cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from planlint.cellkinds import fit
from planlint.model import Cell, Location
from planlint.parse.cells import is_chrome

MUST = float("inf")  # the cell certainly starts a row (a new line of a row-a-line dump)
NEVER = float("-inf")  # the cell certainly continues its row (a later cell on the same line)

_NEW_ROW = -0.5
_CONTINUE = -0.3  # one more cell in the same column
_SKIP_CELL = -3.0  # leaving a cell with text out of the table
_SKIP_EMPTY = -0.1
# what it costs when a row has no cell for a column: group and unit cells are often merged
# with the row above, a task cell almost never is
_MISSING = {"seq": -1.0, "group": 0.0, "req": -2.5, "unit": -0.6, "deadline": -0.6}
_MISSING_OTHER = -0.1


class Placed(NamedTuple):
    """A cell in its column: the column's index and role (None: a column with no role)."""

    cell: Cell
    role: str | None
    col: int


@dataclass
class Row:
    """One table row: its cells in order, each placed in a column."""

    cells: list[Placed]
    loc: Location
    decoded: bool = False  # column roles inferred from content, not position
    cost: float = 0.0  # how much worse than a perfect fit the row's reading was
    extra: list[Cell] = field(default_factory=list)  # cells left out of the table

    def first(self, role: str) -> Cell | None:
        return next((p.cell for p in self.cells if p.role == role), None)

    def all(self, role: str) -> list[Placed]:
        return [p for p in self.cells if p.role == role]


def rows_by_position(
    rows: list[list[Cell]], roles: list[str | None], trusted: bool = True
) -> list[Row]:
    """Rows of a grid: the n-th cell is the n-th column. A row that does not fill the grid is
    read by content; so is a full row of a dump (``trusted`` False) when its cells fit their
    columns better that way (a dump pads rows with empty cells where merged ones were)."""
    out: list[Row] = []
    for cells in rows:
        live = [c for c in cells if not is_chrome(c.text)]
        breaks = [MUST] + [NEVER] * (len(live) - 1)
        if len(live) == len(roles):
            placed = [Placed(c, r, j) for j, (c, r) in enumerate(zip(live, roles, strict=True))]
            by_position = Row(placed, _row_loc(placed, cells))
            if trusted:
                out.append(by_position)
                continue
            filled = [c for c in live if c.text.strip()]
            by_content = decode_scored(filled, roles, breaks[: len(filled)])
            fits = sum(fit(p.cell.text.strip(), p.role) for p in placed if p.cell.text.strip())
            out.extend(by_content.rows if by_content.score > fits else [by_position])
        else:  # a row that does not fill the grid: read it by content
            out.extend(decode(live, roles, breaks))
    return out


class Decoding(NamedTuple):
    rows: list[Row]
    score: float  # the best path's total: how well the whole run fits the columns


def decode(cells: list[Cell], roles: list[str | None], breaks: list[float]) -> list[Row]:
    """Split a flat run of cells into rows and give each cell its column."""
    return decode_scored(cells, roles, breaks).rows


def decode_scored(
    cells: list[Cell], roles: list[str | None], breaks: list[float], pieces: bool = False
) -> Decoding:
    """Split a flat run of cells into rows and give each cell its column, with the score.

    ``breaks[i]`` is the evidence that cell i starts a row: MUST, NEVER, or a bias added to
    the score of starting a new row there (positive: likely, negative: unlikely). ``pieces``
    says the cells may be pieces of cells (lines), so an owner column may take several.
    """
    if not cells or not roles:
        return Decoding([], 0.0)
    width = len(roles)
    missing = [_MISSING.get(r or "", _MISSING_OTHER) for r in roles]
    leading = [sum(missing[:j]) for j in range(width)]  # columns skipped before column j
    # the columns after column j, to the row's end; nothing after a heading: a row that ends
    # on a task-group cell is a title row across the table
    trailing = [0.0 if roles[j] == "group" else sum(missing[j + 1 :]) for j in range(width)]
    between = [[sum(missing[a + 1 : j]) for j in range(width)] for a in range(width)]
    # a column that may take several cells in one row: heading levels, task paragraphs; and,
    # where cells come in pieces (``pieces``), a unit list one unit a line
    again = ("group", "req", "unit", "assist") if pieces else ("group", "req")
    repeatable = [r in again for r in roles]
    # per state a, the columns j the row may go on to and what that adds (same sums as ever)
    onward = [
        [
            (j, _CONTINUE if j == a else between[a][j])
            for j in range(a, width)
            if j != a or repeatable[j]
        ]
        for a in range(width)
    ]
    start = width  # the state before the first cell
    NEG = float("-inf")
    score = [NEG] * width + [0.0]
    back: list[list[tuple[int, str]]] = []
    for i, cell in enumerate(cells):
        text = cell.text.strip()
        fits = [fit(text, r) for r in roles]
        brk = breaks[i]
        new = [NEG] * (width + 1)
        step: list[tuple[int, str]] = [(-1, "")] * (width + 1)
        # leave the cell out: the state stays (page chrome is always left out)
        chrome = is_chrome(text)
        leave = 0.0 if chrome else _SKIP_EMPTY if not text else _SKIP_CELL
        if chrome:
            fits = [NEG] * width
        for a in range(width + 1):
            if score[a] > NEG and score[a] + leave > new[a]:
                new[a], step[a] = score[a] + leave, (a, "skip")
        # start a new row
        if brk != NEVER:
            best_a, best = -1, NEG
            for a in range(width):
                if score[a] > NEG and score[a] + trailing[a] > best:
                    best_a, best = a, score[a] + trailing[a]
            bias = 0.0 if brk == MUST else brk
            if best_a >= 0:
                for j in range(width):
                    s = best + _NEW_ROW + bias + leading[j] + fits[j]
                    if s > new[j]:
                        new[j], step[j] = s, (best_a, "new")
            if score[start] > NEG:
                for j in range(width):
                    s = score[start] + leading[j] + fits[j]
                    if s > new[j]:
                        new[j], step[j] = s, (start, "new")
        # continue the row
        if brk != MUST:
            for a in range(width):
                here = score[a]
                if here == NEG:
                    continue
                for j, add in onward[a]:
                    s = here + add + fits[j]
                    if s > new[j]:
                        new[j], step[j] = s, (a, "same")
        score = new
        back.append(step)
    return _backtrace(cells, roles, score, back, trailing)


def _backtrace(
    cells: list[Cell],
    roles: list[str | None],
    score: list[float],
    back: list[list[tuple[int, str]]],
    trailing: list[float],
) -> Decoding:
    width = len(roles)
    end = [score[a] + (trailing[a] if a < width else 0.0) for a in range(width + 1)]
    state = max(range(width + 1), key=lambda a: end[a])
    total = end[state]
    labels: list[tuple[int, str]] = []  # (column or -1, how the cell was reached)
    for i in range(len(cells) - 1, -1, -1):
        prev, kind = back[i][state]
        labels.append((state if kind != "skip" else -1, kind))
        state = prev
    labels.reverse()
    rows: list[Row] = []
    current: Row | None = None
    for cell, (col, kind) in zip(cells, labels, strict=True):
        if kind == "skip":
            if current is None:
                current = Row([], cell.loc, decoded=True)
                rows.append(current)
            if cell.text.strip():
                current.extra.append(cell)
            continue
        if kind == "new" or current is None:
            current = Row([], cell.loc, decoded=True)
            rows.append(current)
        current.cells.append(Placed(cell, roles[col], col))
    for row in rows:
        row.loc = _row_loc(row.cells, [p.cell for p in row.cells] + row.extra)
        row.cost = _row_cost(row, roles)
    return Decoding([r for r in rows if r.cells or r.extra], total)


def _row_loc(placed: list[Placed], cells: list[Cell]) -> Location:
    """A row stands where its task cell is, else where it starts."""
    req = next((p.cell for p in placed if p.role == "req" and p.cell.text.strip()), None)
    if req is not None:
        return req.loc
    return cells[0].loc if cells else Location()


def _row_cost(row: Row, roles: list[str | None]) -> float:
    """How far the row's reading is from a perfect one: cells that fit their column badly,
    cells left out of the table. Zero for a clean row."""
    bad = sum(1 for p in row.cells if p.cell.text.strip() and fit(p.cell.text.strip(), p.role) < 0)
    return bad + sum(1 for c in row.extra if not is_chrome(c.text))
