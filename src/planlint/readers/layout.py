"""Layout recovery: tables drawn with characters in plain text, turned into cells.

``find_tables(lines)`` finds the table regions of a text (a list of lines without their line
breaks) and returns one :class:`TableSpan` per table, in line order. Lines outside every span
are left to the caller. Pure functions: no I/O, no state but a cache of character widths;
linear in the number of lines and characters; a damaged line costs at most its own row; it
never raises (a detector that fails on a region gives up that region only).

Shapes (``TableSpan.shape``):

``"markdown"``
    Pipe tables: a header row, a ``|---|:--:|`` delimiter row, body rows. A body row that starts
    with ``|`` but has fewer cells than the delimiter row continues on the following lines
    (joined with ``"\\n"``) until it has them; a row that never gets them before a blank line,
    the next full row or the next table keeps its first line only and the rest is left out.
    ``<br>`` is a line break, ``\\|`` a literal pipe. Each table (header + delimiter) is its
    own span.
``"grid"``
    Tables ruled with ASCII ``+---+---+`` / ``+===+`` lines and ``|`` separators (pandoc grid
    tables, w3m with ASCII borders), and pandoc's simple and multiline tables (column bounds
    from the dash groups of the ``------ ------`` rule; a multiline table's rows are separated
    by blank lines, a simple table has one row a line).
``"box"``
    The same ruled layout drawn with box-drawing characters (light, heavy, double and mixed:
    ``┌─┬─┐ │ ├─┼─┤ └─┴─┘``, ``┏━┳━┓ ┃``, ``╔═╦═╗ ║`` …) as w3m and other dumpers write them.
    In ruled tables (grid and box) a row is the run of lines between two rules; the text of a
    cell on several lines is joined with ``"\\n"``. Column bounds are the separator positions
    that recur over the table; a bar one column off (a wide character that did not fit) still
    counts, and one line that lost its bars between two lines of the table is read by the
    bounds of the others. As ``readers/grid.py`` does: a cell merged across (no separator on
    any of its lines) is kept once in body rows, so the row is shorter than the header, and
    repeated in the first row so the header names every column; a cell merged down (a rule
    interrupted by its text) repeats its text in every row it covers.
``"aligned"``
    Space-aligned columns as ``pdftotext -layout`` (and w3m without borders, or a person with
    an editor) writes them. A gap is 2+ spaces or an ideographic space. Positions are display
    widths (East Asian wide/fullwidth characters count 2) or character counts, whichever lines
    the page's columns up better: pdftotext places text by character count, the others by
    display width. Column starts are clusters of chunk starts that line up over several lines
    (±2 positions of jitter); two clusters are one column when they never hold text on the
    same line, their lines interleave and one starts inside the other's text (centred cells).
    A single space between two CJK characters that recurs at one position down the page is a
    gap too (pdftotext narrows the gap after a full column to one space). Rows:

    - with running numbers (1, 2, 3 … in one of the first two columns; a number one space
      or a jitter away from the next column's text is parted from it): a row starts at each
      line with a number, the lines above the first number are the header row; when the cells
      are centred vertically (a tall cell has text just above and below the number line but
      not on it, or the task's text began on the line above the number), the header ends
      where the column names end, each row is its number line with lines above and below it,
      the cut between two numbers chosen to keep both halves of a row balanced without
      cutting a wrapped line of the task from the rest of its cell, and the other columns'
      cells go to the row whose middle is theirs (``readers/centred.py``: a cell merged down
      straddles rows; it goes to the first row it covers);
    - otherwise a row starts at a line that has text in a column that was empty on the line
      before (cells are top-aligned, so a cell never resumes after a gap), after a blank line,
      when every cell the two lines share ended above (short of its column's width, or with a
      sentence end), or at a line with text in every column unless every cell above wraps
      onto it; when nine lines in ten fill every usual column, each line is a row.

    A line that lost its gaps (one run across two column bounds or more, between two lines of
    the table and no wider) is a row of its own; a run across a bound is split at a single
    space there if it has one. A table continued after a form feed joins the table of the
    page before when only page furniture (page numbers, up to two running-head lines) lies
    between them and the column count agrees: a repeated header is dropped; the row rules go
    on across the break (with running numbers, the lines before the page's first number
    continue the last row), and without running numbers a row that starts a page is listed in
    ``Table.breaks`` for parse to decide. A page that goes on with the table may start with
    the rest of the last row and a blank line below it (Writer pads its cells): those lines
    are the row's. A page whose own lines show fewer columns than the table (a column with
    text on one line of the page, such as a task group named once, is no cluster) is read by
    the columns of the page before when every run of its text starts at one of them, else
    with the missing columns put where a run starts inside a column after another run of the
    same line (pdftotext lays out each page afresh, so positions may move between pages), else,
    when its first row goes on with the table's running numbers and nothing on it shows where
    (one row, its empty cells squeezed out), with the columns the table leaves empty most
    often left empty.
    Page numbers after the last row are left out of the span; furniture inside it is listed
    in ``TableSpan.skipped``. Lines holding a tab are never part of an aligned table
    (tab-separated text is another shape).

Cells: ``Cell.loc`` is the 1-based line and 1-based character column of the cell's first
text character (an empty cell: where its column starts). Each physical line of a cell is one
``"\\n"``-separated line of ``Cell.text`` (stripped; wrapped CJK is not joined here, no spaces
are inserted); ``Cell.file_lines`` is True when the text has line breaks and each is a line
break of the file (lines of a cell that a row skips, such as a page break inside a cell, are
kept as empty lines so the count stays exact). ``Table.grid`` is True: full rows are read by
position; rows kept short (a merged-across cell, a damaged Markdown row) are aligned by content
in parse, as for the other readers.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate

from planlint.model import Cell, Location, Table
from planlint.readers.centred import Rows, header_lines, place_cells

MAX_COLS = 60  # more columns than this is not a plan table (and bounds the work per row)
MAX_ROW_LINES = 40  # a Markdown row broken over more physical lines than this is damaged
TOL = 2  # display columns of jitter allowed in pdftotext's column positions
MAX_FURNITURE = 2  # running-head lines allowed between two pages of one aligned table

Shape = str  # "markdown" | "grid" | "box" | "aligned"


@dataclass(frozen=True)
class TableSpan:
    """One table region: lines ``start`` (0-based) up to ``end`` (exclusive) and its cells.

    ``skipped`` lists the 0-based indexes of lines inside the span that hold text no cell
    holds: page numbers and running heads between two pages of one table, a repeated header
    row that was dropped. The caller may keep them as unplaced text.
    """

    start: int
    end: int
    table: Table
    shape: Shape
    skipped: tuple[int, ...] = ()


def find_tables(lines: list[str]) -> list[TableSpan]:
    """The tables of a text, in line order; spans never overlap."""
    lines = [_clean_line(line) for line in lines]
    claimed = [False] * len(lines)
    spans: list[TableSpan] = []
    detectors: tuple[Callable[[list[str], list[bool]], list[TableSpan]], ...] = (
        _ruled_tables,
        _markdown_tables,
        _dashed_tables,
        _aligned_tables,
    )
    for detect in detectors:
        try:
            found = detect(lines, claimed)
        except Exception:  # a bug in one detector must not cost the others  # pragma: no cover
            found = []
        for span in found:
            if any(claimed[span.start : span.end]):  # pragma: no cover - detectors check
                continue
            for i in range(span.start, span.end):
                claimed[i] = True
            spans.append(span)
    spans.sort(key=lambda s: s.start)
    return spans


def _clean_line(line: object) -> str:
    if not isinstance(line, str):
        return ""
    return line.rstrip("\r\n")


# --- display width -----------------------------------------------------------------------------


def _wide(ch: str) -> int:
    """Display width of one character: 2 for East Asian wide/fullwidth, 0 for controls and
    combining marks, else 1."""
    if " " <= ch <= "~":
        return 1
    if ch < " " or ch == "\x7f" or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class _Widths(dict):
    """Each character's width, worked out once (the layout readers ask millions of times a
    batch: a dict lookup in C instead of a Python call). Kept to ``_WIDTHS_KEPT`` characters,
    so a file of every code point cannot grow it without bound; past that it still answers."""

    def __missing__(self, ch: str) -> int:
        width = _wide(ch)
        if len(self) < _WIDTHS_KEPT:
            self[ch] = width
        return width


_WIDTHS_KEPT = 1 << 16
_cw = _Widths().__getitem__  # display width of one character (see _wide)


def display_width(text: str) -> int:
    """Columns a text takes in a terminal or a text dump: wide CJK characters take two."""
    return sum(map(_cw, text))


def _positions(line: str) -> list[int]:
    """Display column where each character starts (plus the total width at the end)."""
    return list(accumulate(map(_cw, line), initial=0))


# --- cells ---------------------------------------------------------------------------------------

Part = tuple[int, int, str]  # (0-based line, 0-based char column where raw starts, raw text)


def _cell(parts: list[Part], where: Location, *, fill_gaps: bool = True) -> Cell:
    """A cell from the raw pieces of its physical lines (in line order).

    Each piece is stripped; lines between the first and the last piece that have none become
    empty lines (so line k of the text is file line loc.line + k); leading and trailing empty
    lines are dropped. ``where`` locates an empty cell.
    """
    rows: list[tuple[int, int, str]] = []
    for line, col, raw in parts:
        text = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        rows.append((line, col + lead, text))
    filled = [r for r in rows if r[2]]
    if not filled:
        return Cell("", where)
    first, last = filled[0], filled[-1]
    out: list[str] = []
    prev: int | None = None
    for line, _col, text in rows:
        if line < first[0] or line > last[0]:
            continue
        if fill_gaps and prev is not None and line > prev + 1:
            out.extend([""] * (line - prev - 1))
        out.append(text)
        prev = line
    body = "\n".join(out)
    loc = Location(line=first[0] + 1, column=first[1] + 1)
    return Cell(body, loc, file_lines="\n" in body)


# --- ruled tables: grid (+---+) and box drawing (┌─┬─┐) --------------------------------------

_H = frozenset("-=─━═┄┅┈┉╌╍╼╾╴╶╸╺")
_V = frozenset("|│┃║╎╏┆┇┊┋╽╿╵╷╹╻")


def _is_j(ch: str) -> bool:
    """A junction or corner: ``+`` or a box-drawing character that is not a plain line."""
    return ch == "+" or ("\u2500" <= ch <= "\u257f" and ch not in _H and ch not in _V)


def _is_border(ch: str) -> bool:
    return ch in _V or _is_j(ch)


def _ruled_kind(line: str) -> str | None:
    """'rule' (only border characters, with a horizontal line), 'content' (between two
    vertical borders) or None."""
    body = line.strip().lstrip("\f").strip()
    if len(body) < 2 or not _is_border(body[0]) or not _is_border(body[-1]):
        return None
    has_h = False
    for ch in body:
        if ch in _H:
            has_h = True
        elif not (ch == ":" or ch == " " or _is_border(ch)):
            return "content"
    return "rule" if has_h else "content"


def _is_top_rule(line: str) -> bool:
    body = line.strip().lstrip("\f").strip()
    return (
        len(body) >= 3
        and _is_j(body[0])
        and _is_j(body[-1])
        and any(ch in _H for ch in body)
        and _ruled_kind(line) == "rule"
    )


def _ruled_tables(lines: list[str], claimed: list[bool]) -> list[TableSpan]:
    n = len(lines)
    kinds = [None if claimed[i] else _ruled_kind(lines[i]) for i in range(n)]
    spans: list[TableSpan] = []
    i = 0
    while i < n:
        if kinds[i] != "rule" or not _is_top_rule(lines[i]):
            i += 1
            continue
        j = i + 1
        while j < n:
            kind = kinds[j]
            if kind == "rule" and kinds[j - 1] == "rule" and _is_top_rule(lines[j]):
                break  # a bottom rule right above the next table's top rule
            if kind is not None:
                j += 1
                continue
            # one damaged line (its bars lost) between two lines of the table stays in it;
            # between two rules only if they are the same row separator (else it may be a
            # line of text between two tables)
            if (
                j + 1 < n
                and lines[j].strip()
                and not claimed[j]
                and kinds[j - 1] is not None
                and kinds[j + 1] is not None
                and (
                    kinds[j - 1] == "content"
                    or kinds[j + 1] == "content"
                    or lines[j - 1].strip() == lines[j + 1].strip()
                )
            ):
                j += 1
                continue
            break
        span = None
        try:
            span = _parse_ruled(lines, i, j, kinds)
        except Exception:  # pragma: no cover - damaged beyond repair: leave it as text
            span = None
        if span is not None:
            spans.append(span)
        i = max(j, i + 1)
    return spans


@dataclass
class _Seg:
    first: int = -1  # char index of the column's first character on the line
    last: int = -1  # … and of its last


class _CellAcc:
    """A cell being collected: its raw pieces and where it starts."""

    __slots__ = ("parts", "where")

    def __init__(self, where: Location) -> None:
        self.parts: list[Part] = []
        self.where = where


def _parse_ruled(lines: list[str], a: int, b: int, kinds: list[str | None]) -> TableSpan | None:
    nlines = b - a
    if nlines < 3:
        return None
    pos = [_positions(lines[i]) for i in range(a, b)]
    count: dict[int, int] = {}
    rules = 0
    for k, i in enumerate(range(a, b)):
        line = lines[i]
        is_rule = kinds[i] == "rule"
        rules += is_rule
        seen: set[int] = set()
        for c, ch in enumerate(line):
            if ch in _V or (is_rule and _is_j(ch)):
                p = pos[k][c]
                if p not in seen:
                    seen.add(p)
                    count[p] = count.get(p, 0) + 1
    if rules < 2:
        return None
    need = max(2, -(-nlines // 5))
    bounds = sorted(p for p, c in count.items() if c >= need)
    if len(bounds) < 3 or len(bounds) > MAX_COLS + 1:
        return None
    ncols = len(bounds) - 1

    # per line: each column's char range, and which boundaries carry a border character
    segs: list[list[_Seg]] = []
    flags: list[list[bool]] = []
    for k, i in enumerate(range(a, b)):
        line = lines[i]
        row = [_Seg() for _ in range(ncols)]
        flag = [False] * (ncols + 1)
        bi = 0
        for c, ch in enumerate(line):
            p = pos[k][c]
            while bi < len(bounds) and bounds[bi] < p:
                bi += 1
            if bi < len(bounds) and bounds[bi] == p and _is_border(ch):
                flag[bi] = True
                continue
            if ch in _V:
                # a bar pushed one column off its place by a wide character that did not fit
                near = bi - 1 if bi > 0 and bounds[bi - 1] == p - 1 else bi
                if near < len(bounds) and abs(bounds[near] - p) == 1 and not flag[near]:
                    flag[near] = True
                    continue
            if ch == "\f" or ((p < bounds[0] or p > bounds[-1]) and ch.isspace()):
                continue
            col = min(max(bi - 1 if (bi == len(bounds) or bounds[bi] > p) else bi, 0), ncols - 1)
            seg = row[col]
            if seg.first < 0:
                seg.first = c
            seg.last = c
        segs.append(row)
        flags.append(flag)

    def raw(k: int, j1: int, j2: int) -> tuple[int, str]:
        firsts = [s.first for s in segs[k][j1 : j2 + 1] if s.first >= 0]
        if not firsts:
            return 0, ""
        lo = min(firsts)
        hi = max(s.last for s in segs[k][j1 : j2 + 1])
        text = lines[a + k][lo : hi + 1]
        return lo, text

    def is_rule_seg(k: int, j: int) -> bool:
        s = segs[k][j]
        if s.first < 0:
            return False
        text = lines[a + k][s.first : s.last + 1]
        return any(ch in _H for ch in text) and all(ch in _H or ch == ":" for ch in text)

    # bands of content lines between rule lines (a rule may be interrupted by a merged cell)
    rows: list[list[_CellAcc]] = []
    row_spans: list[list[tuple[int, int]]] = []
    prev_groups: dict[tuple[int, int], _CellAcc] = {}
    sep: int | None = None  # index k of the separator line above the current band
    band: list[int] = []
    shape = "grid"
    for k in range(nlines + 1):
        rule_cols = None
        if k < nlines:
            line = lines[a + k]
            if any("\u2500" <= ch <= "\u257f" for ch in line):
                shape = "box"
            rule_cols = [is_rule_seg(k, j) for j in range(ncols)]
            if not any(rule_cols):
                band.append(k)
                continue
        if band:
            groups = _band_groups(band, flags, ncols)
            row: list[_CellAcc] = []
            cur: dict[tuple[int, int], _CellAcc] = {}
            for j1, j2 in groups:
                acc = None
                # a rule interrupted over these columns: the cell above goes on down
                if (
                    sep is not None
                    and (j1, j2) in prev_groups
                    and not any(is_rule_seg(sep, j) for j in range(j1, j2 + 1))
                ):
                    acc = prev_groups[(j1, j2)]
                    acc.parts.append((a + sep, *_trim_bars(*raw(sep, j1, j2))))
                if acc is None:
                    col0 = segs[band[0]][j1].first
                    where = Location(line=a + band[0] + 1, column=max(col0, 0) + 1)
                    acc = _CellAcc(where)
                for kk in band:
                    col, text = raw(kk, j1, j2)
                    acc.parts.append((a + kk, *_trim_bars(col, text)))
                cur[(j1, j2)] = acc
                row.append(acc)
            rows.append(row)
            row_spans.append(groups)
            prev_groups = cur
            band = []
        sep = k
    built: list[list[Cell]] = []
    made: dict[int, Cell] = {}
    for row, spans in zip(rows, row_spans, strict=True):
        cells = []
        for acc, (j1, j2) in zip(row, spans, strict=True):
            key = id(acc)
            if key not in made:
                made[key] = _cell(acc.parts, acc.where)
            cell = made[key]
            # the first row (the header) names every column a merged cell covers
            times = j2 - j1 + 1 if not built else 1
            cells.extend(Cell(cell.text, cell.loc, cell.file_lines) for _ in range(times))
        if any(c.text for c in cells):
            built.append(cells)
    if not built or max(len(r) for r in built) < 2:
        return None
    table = Table(built, Location(line=a + 1, column=1), grid=True)
    return TableSpan(a, b, table, shape)


def _trim_bars(col: int, text: str) -> tuple[int, str]:
    """A piece of a damaged line may carry a shifted vertical bar at its ends: drop it (and
    move the start column past it)."""
    s, e = 0, len(text)
    while s < e and (text[s].isspace() or text[s] in _V):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in _V):
        e -= 1
    return col + s, text[s:e]


def _band_groups(band: list[int], flags: list[list[bool]], ncols: int) -> list[tuple[int, int]]:
    """Columns of one band, merged where no line of the band has the separator between them."""
    present = [False] * (ncols + 1)
    for k in band:
        for bi, f in enumerate(flags[k]):
            if f:
                present[bi] = True
    if not present[0] and not present[ncols]:
        present = [True] * (ncols + 1)  # no bars at all, not even outside: damage, not a merge
    groups = []
    start = 0
    for j in range(1, ncols):
        if present[j]:
            groups.append((start, j - 1))
            start = j
    groups.append((start, ncols - 1))
    return groups


# --- Markdown pipe tables ----------------------------------------------------------------------

_BR = re.compile(r"<br\s*/?>", re.I)


def _body(line: str) -> str:
    return line.strip().lstrip("\f").strip()


def _pipes(text: str) -> int:
    """Unescaped pipes in a line."""
    count = 0
    escaped = False
    for ch in text:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "|":
            count += 1
    return count


def _ends_with_pipe(text: str) -> bool:
    return text.endswith("|") and not text.endswith("\\|")


def _delimiter_cells(line: str) -> int:
    """Number of cells of a Markdown delimiter row (``|---|:--:|``), 0 if it is not one."""
    body = _body(line)
    if "-" not in body or ("|" not in body and "+" not in body):
        return 0
    for ch in body:
        if ch not in "|-:+ ":
            return 0
    inner = body
    if inner.startswith(("|", "+")):
        inner = inner[1:]
    if inner.endswith(("|", "+")):
        inner = inner[:-1]
    parts = inner.replace("+", "|").split("|")
    for part in parts:
        p = part.strip()
        if p.startswith(":"):
            p = p[1:]
        if p.endswith(":"):
            p = p[:-1]
        if not p or p.strip("-"):
            return 0
    return len(parts)


def markdown_cells(lines: list[str], first: int, last: int) -> list[Cell]:
    """The cells of one Markdown row written on lines first..last (inclusive)."""
    cells: list[Cell] = []
    current: list[Part] = []
    started = False
    for i in range(first, last + 1):
        line = lines[i]
        c = 0
        piece_start = 0
        buf: list[str] = []
        n = len(line)
        if i == first:
            lead = len(line) - len(line.lstrip(" \t\f"))
            c = lead
            if line[c : c + 1] == "|":
                c += 1
            piece_start = c
            started = True
        while c < n:
            ch = line[c]
            if ch == "\\" and c + 1 < n and line[c + 1] == "|":
                buf.append("|")
                c += 2
                continue
            if ch == "|":
                current.append((i, piece_start, "".join(buf)))
                cells.append(_md_cell(current))
                current, buf = [], []
                c += 1
                piece_start = c
                continue
            buf.append(ch)
            c += 1
        text = "".join(buf)
        if text.strip() or i < last:
            current.append((i, piece_start, text))
    if started and current and any(p[2].strip() for p in current):
        cells.append(_md_cell(current))
    return cells


def _md_cell(parts: list[Part]) -> Cell:
    """A Markdown cell: physical pieces, each possibly holding ``<br>`` line breaks."""
    line0, col0, raw0 = parts[0]
    where = Location(line=line0 + 1, column=col0 + len(raw0) - len(raw0.lstrip()) + 1)
    br = any(_BR.search(p[2]) for p in parts)
    if not br:
        return _cell(parts, where, fill_gaps=False)
    # <br> breaks: the text's line breaks are no longer the file's
    lines_out: list[str] = []
    loc: Location | None = None
    for line, col, raw in parts:
        for piece in _BR.split(raw):
            text = piece.strip()
            if text and loc is None:
                lead = len(raw) - len(raw.lstrip())
                loc = Location(line=line + 1, column=col + lead + 1)
            lines_out.append(text)
    while lines_out and not lines_out[0]:
        lines_out.pop(0)
    while lines_out and not lines_out[-1]:
        lines_out.pop()
    return Cell("\n".join(lines_out), loc or where, file_lines=False)


def _markdown_tables(lines: list[str], claimed: list[bool]) -> list[TableSpan]:
    n = len(lines)
    delim = [0] * n
    pipes = [0] * n
    for i in range(n):
        if claimed[i]:
            continue
        if "|" in lines[i]:
            pipes[i] = _pipes(lines[i])
            delim[i] = _delimiter_cells(lines[i])
        elif "-" in lines[i] and "+" in lines[i]:
            delim[i] = _delimiter_cells(lines[i])
    spans: list[TableSpan] = []
    i = 1
    while i < n:
        ncols = delim[i]
        head = i - 1
        if (
            ncols < 2
            or ncols > MAX_COLS
            or claimed[head]
            or not _body(lines[head])
            or pipes[head] == 0
            or delim[head]
        ):
            i += 1
            continue
        try:
            span, i = _markdown_table(lines, claimed, head, ncols, delim, pipes)
        except Exception:  # pragma: no cover
            span, i = None, i + 1
        if span is not None:
            spans.append(span)
    return spans


def _md_count(body: str, pipes: int) -> int:
    """Cells so far in a row's text that starts with ``|``."""
    return pipes - 1 if _ends_with_pipe(body) else pipes


def _markdown_table(
    lines: list[str],
    claimed: list[bool],
    head: int,
    ncols: int,
    delim: list[int],
    pipes: list[int],
) -> tuple[TableSpan | None, int]:
    n = len(lines)
    head_body = _body(lines[head])
    leading = head_body.startswith("|")
    trailing = _ends_with_pipe(head_body)
    rows: list[list[Cell]] = [markdown_cells(lines, head, head)]
    i = head + 2
    end = i

    def starts_table(k: int) -> bool:
        return k + 1 < n and delim[k + 1] >= 2 and not claimed[k + 1]

    def count_of(k: int) -> int:
        body = _body(lines[k])
        own = pipes[k] if body.startswith("|") else pipes[k] + 1
        return _md_count(body, own)

    while i < n and not claimed[i]:
        body = _body(lines[i])
        if not body or delim[i] or starts_table(i):
            break
        if (leading and not body.startswith("|")) or (not leading and pipes[i] == 0):
            break
        count = count_of(i)
        closed = _ends_with_pipe(body)
        j = i
        # a row broken over several lines: join lines until it has all its cells
        while (count < ncols or (trailing and not closed)) and j - i < MAX_ROW_LINES:
            k = j + 1
            if k >= n or claimed[k]:
                break
            nb = _body(lines[k])
            if not nb or delim[k] or starts_table(k):
                break
            if nb.startswith("|") and count_of(k) >= ncols:
                break  # the next line is a row of its own
            new_closed = _ends_with_pipe(nb)
            new_count = count + (1 if closed else 0) + pipes[k] - (1 if new_closed else 0)
            if new_count > ncols:
                break
            count, closed, j = new_count, new_closed, k
        complete = count >= ncols and (closed or not trailing)
        last = j if complete else i  # a damaged row: its first line only
        rows.append(markdown_cells(lines, i, last))
        end = i = last + 1
    if len(rows) < 2:
        return None, head + 2
    table = Table(rows, Location(line=head + 1, column=1), grid=True)
    return TableSpan(head, end, table, "markdown"), end


# --- pandoc simple and multiline tables ------------------------------------------------------


def _dash_groups(line: str) -> list[tuple[int, int]] | None:
    """Column groups ``[start, end)`` of a ``------ -----`` rule (2+ groups), else None."""
    body = line.rstrip()
    if "-" not in body:
        return None
    groups: list[tuple[int, int]] = []
    start = -1
    for c, ch in enumerate(body):
        if ch == "-":
            if start < 0:
                start = c
        elif ch == " ":
            if start >= 0:
                groups.append((start, c))
                start = -1
        else:
            return None
    if start >= 0:
        groups.append((start, len(body)))
    if len(groups) < 2 or len(groups) > MAX_COLS:
        return None
    return groups


def _full_dash(line: str) -> bool:
    body = line.strip()
    return len(body) >= 3 and not body.strip("-")


def _slice_cols(line: str, cuts: list[int]) -> list[tuple[int, str]]:
    """Split a line at display columns ``cuts``: (char start, raw text) per column."""
    k = len(cuts) + 1
    firsts = [-1] * k
    lasts = [-1] * k
    x = 0
    col = 0
    for c, ch in enumerate(line):
        while col < len(cuts) and x >= cuts[col]:
            col += 1
        if ch != "\f":
            if firsts[col] < 0:
                firsts[col] = c
            lasts[col] = c
        x += _cw(ch)
    out = []
    for j in range(k):
        if firsts[j] < 0:
            out.append((0, ""))
        else:
            out.append((firsts[j], line[firsts[j] : lasts[j] + 1]))
    return out


def _clear_at(line: str, cuts: list[int]) -> bool:
    """Whether every display column in ``cuts`` is a space (or past the end) on the line."""
    x = 0
    j = 0
    for ch in line:
        w = _cw(ch)
        while j < len(cuts) and cuts[j] < x:
            j += 1
        if j == len(cuts):
            return True
        if cuts[j] < x + max(w, 1) and not ch.isspace():
            return False
        x += w
    return True


def _dashed_tables(lines: list[str], claimed: list[bool]) -> list[TableSpan]:
    n = len(lines)
    spans: list[TableSpan] = []
    i = 0
    while i < n:
        groups = None if claimed[i] else _dash_groups(lines[i])
        if groups is None:
            i += 1
            continue
        try:
            span = _dashed_table(lines, claimed, i, groups)
        except Exception:  # pragma: no cover
            span = None
        if span is None:
            i += 1
            continue
        spans.append(span)
        for k in range(span.start, span.end):
            claimed[k] = True  # so a closing rule is not read as the next table's rule
        i = span.end
    for span in spans:
        for k in range(span.start, span.end):
            claimed[k] = False  # find_tables claims them again
    return spans


def _blank(line: str) -> bool:
    return not line.strip().lstrip("\f").strip()


def _dashed_table(
    lines: list[str], claimed: list[bool], i: int, groups: list[tuple[int, int]]
) -> TableSpan | None:
    n = len(lines)
    ok = lambda k: 0 <= k < n and not claimed[k]  # noqa: E731
    header: list[int] = []
    top = i
    multiline = False
    above = i - 1
    if (
        ok(above)
        and not _blank(lines[above])
        and not _full_dash(lines[above])
        and not _dash_groups(lines[above])
    ):
        t = i - 1
        while ok(t) and not _blank(lines[t]) and not _full_dash(lines[t]) and i - t <= 8:
            if _dash_groups(lines[t]):
                break
            t -= 1
        if ok(t) and _full_dash(lines[t]):
            multiline = True
            header = list(range(t + 1, i))
            top = t
        else:
            header = [i - 1]
            top = i - 1
    headerless = not header
    cuts = [(groups[j - 1][1] + groups[j][0]) // 2 for j in range(1, len(groups))]
    # the body: up to the closing rule (multiline, headerless) or the first blank (simple)
    body: list[int] = []
    end = i + 1
    closed = False
    k = i + 1
    blanks = 0
    while ok(k):
        line = lines[k]
        if _full_dash(line) or _dash_groups(line):
            closed = True
            end = k + 1
            break
        if _blank(line):
            if not multiline and not headerless:
                break
            blanks += 1
            if blanks >= 2:
                break
        else:
            blanks = 0
            body.append(k)
            end = k + 1
        k += 1
    if not body:
        return None
    if headerless and not closed:
        return None  # a multiline table not closed keeps the rows read so far
    row_lines: list[list[int]] = []
    if multiline or (headerless and any(_blank(lines[x]) for x in range(i + 1, end))):
        for x in body:
            if row_lines and x == row_lines[-1][-1] + 1:
                row_lines[-1].append(x)
            else:
                row_lines.append([x])
    else:
        row_lines = [[x] for x in body]
    if header:
        row_lines.insert(0, header)
    rows: list[list[Cell]] = []
    for group in row_lines:
        per_col: list[list[Part]] = [[] for _ in range(len(groups))]
        for x in group:
            for j, (col, text) in enumerate(_slice_cols(lines[x], cuts)):
                per_col[j].append((x, col, text))
        first = group[0]
        rows.append(
            [
                _cell(parts, Location(line=first + 1, column=groups[j][0] + 1))
                for j, parts in enumerate(per_col)
            ]
        )
    # conservative: text keeps out of the gaps between the dash groups on nine lines in ten,
    # and some row below the header fills two columns (a dashed rule under prose is no table)
    used = [x for group in row_lines for x in group]
    clear = sum(1 for x in used if _clear_at(lines[x], cuts))
    body_rows = rows[1:] if header else rows
    if clear * 10 < len(used) * 9 or not any(sum(1 for c in r if c.text) >= 2 for r in body_rows):
        return None
    table = Table(rows, Location(line=top + 1, column=1), grid=True)
    return TableSpan(top, end, table, "grid")


# --- space-aligned columns (pdftotext -layout) ----------------------------------------------

Chunk = tuple[int, int, int, int]  # display start, display end, char start, char end


def _chunks(line: str) -> list[Chunk] | None:
    """Runs of text separated by gaps (2+ spaces or an ideographic space); None if the line
    holds a tab."""
    if "\t" in line:
        return None
    out: list[Chunk] = []
    x = 0
    start = -1
    dstart = cstart = 0
    dend = cend = 0
    spaces = 0
    gap = False
    for c, ch in enumerate(line):
        w = _cw(ch)
        if ch == " " or ch == "\xa0":
            spaces += 1
            if spaces >= 2:
                gap = True
        elif ch == "\u3000":
            spaces += 1
            gap = True
        elif ch == "\f" or (w == 0 and ch < " "):
            pass
        else:
            if start < 0 or gap:
                if start >= 0:
                    out.append((dstart, dend, cstart, cend))
                start = c
                dstart, cstart = x, c
            dend, cend = x + w, c + 1
            spaces = 0
            gap = False
        x += w
    if start >= 0:
        out.append((dstart, dend, cstart, cend))
    return out


@dataclass
class _Model:
    """Columns of one aligned region: each column's cluster of chunk starts."""

    lo: list[int]
    hi: list[int]
    cuts: list[int]  # a chunk starting at or after cuts[j-1] is in column j
    by_chars: bool = False  # positions count characters (pdftotext), not display columns
    right: int = 0  # where the table's widest line with text in two columns ends

    @property
    def k(self) -> int:
        return len(self.lo)

    def column(self, dstart: int) -> int:
        return bisect_right(self.cuts, dstart)


def _model(
    lines: list[str],
    ch: list[list[Chunk] | None],
    idx: list[int],
    by_chars: bool,
    min_multi: int = 3,
) -> _Model | None:
    multi = [i for i in idx if ch[i] and len(ch[i]) >= 2]  # type: ignore[arg-type]
    if len(multi) < min_multi or not multi:
        return None
    top = max(c[0] for i in multi for c in ch[i])  # type: ignore[union-attr]
    cnt = [0] * (top + 1)
    for i in multi:
        for c in ch[i]:  # type: ignore[union-attr]
            cnt[c[0]] += 1
    clusters: list[list[int]] = []  # [lo, hi, support]
    for p in range(top + 1):
        if cnt[p]:
            if clusters and p - clusters[-1][1] <= TOL:
                clusters[-1][1] = p
                clusters[-1][2] += cnt[p]
            else:
                clusters.append([p, p, cnt[p]])
    need = max(min(2, len(multi)), -(-len(multi) * 8 // 100))
    kept = [c for c in clusters if c[2] >= need]
    if len(kept) < 2 or len(kept) > 4 * MAX_COLS:
        return None
    # which kept cluster each chunk of a multi line falls in, and how far its text reaches
    los = [c[0] for c in kept]
    lines_of: list[list[int]] = [[] for _ in kept]
    reach = [0] * len(kept)
    for i in multi:
        last = -1
        for c in ch[i]:  # type: ignore[union-attr]
            m = max(bisect_right(los, c[0] + TOL) - 1, 0)
            reach[m] = max(reach[m], c[1])
            if m != last:
                lines_of[m].append(i)
                last = m
    # neighbouring clusters are one column (centred cells, jitter) when they never hold text
    # on the same line, their lines interleave, and the right one starts inside the text of
    # the left one; lines of one cluster all above the other's are another layout (a few
    # aligned lines next to the table), text entirely right of the other another column
    allowed = len(multi) // 20
    group_of = {}
    groups: list[list[int]] = []  # [lo, hi, first line, last line, reach]
    for m, c in enumerate(kept):
        mine = lines_of[m]
        if groups and mine:
            g = len(groups) - 1
            co = sum(1 for i in mine if group_of.get(i) == g)
            if (
                co <= allowed
                and mine[0] < groups[g][3]
                and groups[g][2] < mine[-1]
                and c[0] < groups[g][4]
            ):
                groups[g][1] = c[1]
                groups[g][2] = min(groups[g][2], mine[0])
                groups[g][3] = max(groups[g][3], mine[-1])
                groups[g][4] = max(groups[g][4], reach[m])
                for i in mine:
                    group_of[i] = g
                continue
        groups.append([c[0], c[1], mine[0] if mine else 0, mine[-1] if mine else 0, reach[m]])
        for i in mine:
            group_of[i] = len(groups) - 1
    if len(groups) < 2 or len(groups) > MAX_COLS:
        return None
    lo = [g[0] for g in groups]
    hi = [g[1] for g in groups]
    cuts = [max(lo[j] - TOL, hi[j - 1] + 1) for j in range(1, len(groups))]
    model = _Model(lo, hi, cuts, by_chars)
    model.right = max(ch[i][-1][1] for i in multi)  # type: ignore[index]
    return model


@dataclass
class _Piece:
    cstart: int
    cend: int
    dstart: int
    dend: int


def _assign(line: str, chunks: list[Chunk], model: _Model) -> tuple[list[_Piece | None], bool]:
    """The line's text per column, and whether a chunk runs into the next column (crosses).

    A run that crosses into the next column is split at a single space where that column
    starts, if there is one; what follows goes to the next column.
    """
    out: list[_Piece | None] = [None] * model.k
    crossing = False
    pos: list[int] | None = None

    def place(j: int, ds: int, de: int, cs: int, ce: int) -> None:
        cur = out[j]
        if cur is None:
            out[j] = _Piece(cs, ce, ds, de)
        else:
            cur.cend, cur.dend = ce, de

    for ds, de, cs, ce in chunks:
        floor = 0
        while True:
            j = max(model.column(ds), floor)
            if j + 1 >= model.k or de <= model.lo[j + 1] + TOL:
                place(j, ds, de, cs, ce)
                break
            if pos is None:
                pos = _piece_positions(line, model.by_chars)
            target = model.lo[j + 1]
            best = -1
            for c in range(cs + 1, ce - 1):
                if line[c] == " " and target - TOL - 1 <= pos[c] <= target + TOL:
                    best = c
            if best < 0:
                crossing = True
                place(j, ds, de, cs, ce)
                break
            cut = best
            place(j, ds, pos[cut], cs, cut)
            ds, cs, floor = pos[cut + 1], cut + 1, j + 1
    return out, crossing


def _fits(lines: list[str], ch: list[list[Chunk] | None], i: int, model: _Model) -> bool:
    """A line with text that keeps to the columns."""
    c = ch[i]
    return bool(c) and not _assign(lines[i], c, model)[1]  # type: ignore[arg-type]


def _multi(pieces: list[_Piece | None]) -> bool:
    """Text in two columns or more."""
    return sum(1 for p in pieces if p is not None) >= 2


_PAGE_NO = re.compile(
    r"(?:第?\d{1,4}页?(?:共\d{1,4}页)?|\d{1,4}/\d{1,4}|(?:page|p\.)\d{1,4})", re.I
)


def _page_number(line: str) -> bool:
    """A page number as footers write it: 3, - 3 -, — 3 —, 第3页, 第3页共9页, 3/9, Page 3."""
    s = "".join(line.split())
    if not s or len(s) > 24:
        return False
    s = s.strip("-—－–~·.,，")
    return bool(s) and _PAGE_NO.fullmatch(s) is not None


@dataclass
class _Frag:
    """One aligned region on one page: its lines' text per column."""

    start: int
    end: int
    model: _Model
    pieces: dict[int, list[_Piece | None]] = field(default_factory=dict)
    damaged: set[int] = field(default_factory=set)  # lines that lost their gaps


def _aligned_tables(lines: list[str], claimed: list[bool]) -> list[TableSpan]:
    n = len(lines)
    spans: list[TableSpan] = []
    ch: list[list[Chunk] | None] = [None] * n  # one list for every stretch: no n per stretch
    i = 0
    while i < n:
        if claimed[i]:
            i += 1
            continue
        j = i
        while j < n and not claimed[j]:
            j += 1
        with contextlib.suppress(Exception):  # a failed region is left as text
            spans.extend(_aligned_run(lines, i, j, ch))
        i = j
    return spans


def _aligned_run(
    lines: list[str], a: int, b: int, ch: list[list[Chunk] | None] | None = None
) -> list[TableSpan]:
    """The aligned tables of lines a..b (``ch``, indexed by line, receives their runs)."""
    if ch is None:
        ch = [None] * len(lines)
    for i in range(a, b):
        ch[i] = _chunks(lines[i])
    if sum(1 for i in range(a, b) if ch[i] and len(ch[i]) >= 2) < 2:  # type: ignore[arg-type]
        return []
    # pages: a line starting with a form feed starts a page
    pages: list[tuple[int, int]] = []
    ps = a
    for i in range(a + 1, b):
        if lines[i].startswith("\f"):
            pages.append((ps, i))
            ps = i
    pages.append((ps, b))
    chains: list[list[_Frag]] = []
    tail: _Frag | None = None  # a region that reached the end of the page before
    for ps, pe in pages:
        by_chars = _by_chars(lines, ch, ps, pe, tail.model.by_chars if tail else False)
        if by_chars:
            for i in range(ps, pe):
                c = ch[i]
                if c:
                    f = _feeds(lines[i])
                    ch[i] = [(cs - f, ce - f, cs, ce) for _, _, cs, ce in c]
        _split_rivers(lines, ch, ps, pe, by_chars)
        frags = _page_frags(lines, ch, ps, pe, by_chars, tail)
        head = _top_frag(lines, ch, ps, frags)
        if tail is not None and (head is None or head.model.k != tail.model.k):
            # a page holding only a row or two of the table: read it with fewer lines
            relaxed = _relaxed_top(lines, ch, ps, pe, tail, frags, by_chars)
            if relaxed is None and tail.model.by_chars == by_chars:
                relaxed = _inherited_top(lines, ch, ps, pe, tail, head)
            if relaxed is None:
                relaxed = _completed_top(lines, ch, ps, pe, tail, head, by_chars)
            if relaxed is None:
                relaxed = _padded_top(lines, ch, ps, pe, chains[-1], head, by_chars)
            if relaxed is not None:
                frags = [relaxed, *(f for f in frags if f.start >= relaxed.end)]
                head = relaxed
        for f in frags:
            if f is head and tail is not None and f.model.k == tail.model.k:
                chains[-1].append(f)
            else:
                chains.append([f])
        tail = frags[-1] if frags and _reaches_end(lines, ch, frags[-1], pe) else None
    out = []
    for chain in chains:
        span = _build_aligned(lines, chain)
        if span is not None:
            out.append(span)
    return out


def _by_chars(
    lines: list[str], ch: list[list[Chunk] | None], ps: int, pe: int, tie: bool = False
) -> bool:
    """Whether the page's columns line up by character count rather than display width.

    ``pdftotext -layout`` places text by character count (a CJK character takes one
    position), while w3m, pandoc and text typed in an editor align by display width. Whichever
    measure gives the multi-column lines fewer distinct chunk starts lines them up; a page
    whose few lines cannot tell (``tie``) is measured as the page before it was. A form feed
    takes no place (pdftotext writes it before the first character of a page).
    """
    by_width: set[int] = set()
    by_count: set[int] = set()
    for i in range(ps, pe):
        c = ch[i]
        if c and len(c) >= 2:
            f = _feeds(lines[i])
            by_width.update(x[0] for x in c)
            by_count.update(x[2] - f for x in c)
    return len(by_count) < len(by_width) or (tie and len(by_count) == len(by_width))


def _feeds(line: str) -> int:
    """How many form feeds the line starts with: they take no place in its layout."""
    return len(line) - len(line.lstrip("\f")) if line.startswith("\f") else 0


def _piece_positions(line: str, by_chars: bool) -> list[int]:
    """The position of each character of a line (and of its end), by character count or by
    display width (leading form feeds take none either way)."""
    if not by_chars:
        return _positions(line)
    f = _feeds(line)
    return [max(c - f, 0) for c in range(len(line) + 1)]


def _split_rivers(
    lines: list[str], ch: list[list[Chunk] | None], ps: int, pe: int, by_chars: bool
) -> None:
    """Split runs at a one-space gap that lines up down the page.

    pdftotext leaves a single space where a full column meets the next one. CJK text has no
    spaces of its own (only around Latin letters and digits, which the two neighbours being
    CJK rules out), so a space between two CJK characters at one position on three lines or
    more, and on most of the multi-column lines whose runs reach over that position, is a gap.
    """

    def cjk_space(line: str, c: int) -> bool:
        return line[c] == " " and not line[c - 1].isascii() and not line[c + 1].isascii()

    count: dict[int, int] = {}
    width = 0
    pos_of: dict[int, list[int]] = {}
    for i in range(ps, pe):
        c = ch[i]
        if not c or len(c) < 2:
            continue
        line = lines[i]
        width = max(width, c[-1][1])
        for _, _, cs, ce in c:
            if " " not in line[cs:ce]:
                continue
            pos = pos_of.get(i)
            if pos is None:
                pos = pos_of[i] = _piece_positions(line, by_chars)
            for x in range(cs + 1, ce - 1):
                if cjk_space(line, x):
                    count[pos[x]] = count.get(pos[x], 0) + 1
    rivers = {p for p, n in count.items() if n >= 3}
    if not rivers:
        return
    reach = [0] * (width + 2)  # multi-column lines whose runs reach over each position
    for i in range(ps, pe):
        c = ch[i]
        if c and len(c) >= 2:
            for ds, de, _, _ in c:
                if de - ds > 2:
                    reach[ds + 1] += 1
                    reach[de - 1] -= 1
    for p in range(1, len(reach)):
        reach[p] += reach[p - 1]
    rivers = {p for p in rivers if count[p] * 10 >= reach[min(p, width)] * 6}
    if not rivers:
        return
    for i in range(ps, pe):
        c = ch[i]
        if not c:
            continue
        line = lines[i]
        out: list[Chunk] = []
        pos = pos_of.get(i)
        for ds, de, cs, ce in c:
            if " " in line[cs:ce]:
                if pos is None:
                    pos = _piece_positions(line, by_chars)
                start_d, start_c = ds, cs
                for x in range(cs + 1, ce - 1):
                    if pos[x] in rivers and cjk_space(line, x):
                        out.append((start_d, pos[x], start_c, x))
                        start_d, start_c = pos[x + 1], x + 1
                out.append((start_d, de, start_c, ce))
            else:
                out.append((ds, de, cs, ce))
        ch[i] = out


def _page_frags(
    lines: list[str],
    ch: list[list[Chunk] | None],
    ps: int,
    pe: int,
    by_chars: bool,
    cont: _Frag | None = None,
) -> list[_Frag]:
    """The aligned regions of one page: columns from the whole range, then again from each
    part left between lines that cannot be in a table (at most three rounds). ``cont``: the
    region that reached the end of the page before, if one did (the page may start with the
    rest of its last row)."""
    frags: list[_Frag] = []
    work = [(ps, pe, 0)]
    while work:
        a, b, depth = work.pop()
        model = _model(lines, ch, list(range(a, b)), by_chars)
        if model is None:
            continue
        subs = _split(lines, ch, a, b, model)
        if subs == [(a, b)] or depth >= 2:
            for sa, sb in subs:
                f = _finish(lines, ch, sa, sb, model, ps, cont=cont)
                if f is not None:
                    frags.append(f)
        else:
            work.extend((sa, sb, depth + 1) for sa, sb in reversed(subs))
    frags.sort(key=lambda f: f.start)
    return frags


def _split(
    lines: list[str], ch: list[list[Chunk] | None], a: int, b: int, model: _Model
) -> list[tuple[int, int]]:
    """Split a range at lines that cannot be in the table: a tab, a single run of text that
    crosses a column bound (prose, a title), the third blank line in a row."""
    subs: list[tuple[int, int]] = []
    start = a
    blanks = 0
    block: set[int] = set()  # columns (but the first) used since the last blank line
    above: set[int] = set()  # … and in the block before it
    for i in range(a, b):
        c = ch[i]
        breaker = False
        if c is None:
            breaker = True
        elif not c:
            blanks += 1
            breaker = blanks >= 3
            if block:
                above, block = block, set()
        else:
            blanks = 0
            pieces, crossing = _assign(lines[i], c, model)
            if len(c) == 1 and crossing:
                # a run across two column bounds or more, right between two lines of the
                # table and no wider, is a row that lost its gaps: it stays, as a row of its
                # own
                breaker = not (
                    model.column(c[0][1] - 1) - model.column(c[0][0]) >= 2
                    and c[0][1] <= model.right + TOL  # no wider than the table (prose is)
                    and a < i < b - 1
                    and _fits(lines, ch, i - 1, model)
                    and _fits(lines, ch, i + 1, model)
                    and max(len(ch[i - 1] or ()), len(ch[i + 1] or ())) >= 2
                )
            elif _multi(pieces):
                used = {j for j, p in enumerate(pieces) if p is not None and j}
                if not block and above and used and not (used & above) and i > start:
                    # a block after a blank line sharing no column with the one before
                    subs.append((start, i))
                    start = i
                    above = set()
                block |= used
        if breaker:
            if i > start:
                subs.append((start, i))
            start = i + 1
            block, above = set(), set()
    if b > start:
        subs.append((start, b))
    return subs


def _finish(
    lines: list[str],
    ch: list[list[Chunk] | None],
    a: int,
    b: int,
    model: _Model,
    ps: int,
    min_multi: int = 3,
    cont: _Frag | None = None,
) -> _Frag | None:
    """Trim a range to its table lines (from the first line with text in two columns to the
    last, plus header pieces above and the last row's wrapped lines below) and check it holds
    enough of them. ``cont``: the region that reached the end of the page before, if one did
    (the page may start with the rest of its last row)."""
    assigned: dict[int, tuple[list[_Piece | None], bool]] = {}

    def get(i: int) -> tuple[list[_Piece | None], bool]:
        if i not in assigned:
            assigned[i] = _assign(lines[i], ch[i] or [], model)
        return assigned[i]

    def aligned(i: int) -> bool:
        pieces, crossing = get(i)
        return not crossing and all(
            model.lo[j] - TOL <= p.dstart <= model.hi[j] + TOL
            for j, p in enumerate(pieces)
            if p is not None
        )

    multi = [i for i in range(a, b) if ch[i] and len(ch[i]) >= 2 and _multi(get(i)[0])]  # type: ignore[arg-type]
    if len(multi) < min_multi or not multi:
        return None
    start, end = multi[0], multi[-1] + 1
    # lines above the first full line that keep to the column starts: a header's first
    # pieces (two lines at most), or a row continued from the page before (up to the top)
    k = start - 1
    while k >= a and ch[k] and not _page_number(lines[k]) and aligned(k):
        k -= 1
    if cont and (top := _continued_top(lines, ch, ps, a, k, cont, model, get)) is not None:
        start = top
    elif _near_top(lines, ch, ps, k + 1):
        start = k + 1
    else:
        start = max(k + 1, start - 2)
    # the last row's wrapped lines below the last full line, up to a blank line
    k = end
    while k < b and ch[k] and not _page_number(lines[k]) and not get(k)[1]:
        k += 1
    end = k
    frag = _Frag(start, end, model)
    for i in range(start, end):
        if ch[i]:
            pieces, crossing = get(i)
            frag.pieces[i] = pieces
            if crossing and len(ch[i]) == 1:  # type: ignore[arg-type]
                frag.damaged.add(i)
    return frag


def _continued_top(
    lines: list[str],
    ch: list[list[Chunk] | None],
    ps: int,
    a: int,
    k: int,
    tail: _Frag,
    model: _Model,
    get: Callable[[int], tuple[list[_Piece | None], bool]],
) -> int | None:
    """Where a page starts that goes on with the last row of the page before when a blank
    line stands between that row's rest and the next row (Writer pads its cells, and
    pdftotext writes the padding as a blank line): the first line of the run of lines above
    line ``k``, blank lines between them allowed, if only furniture stands above that run and
    its text keeps to the columns that still held text on the last line of the page before
    (``tail``'s: top-aligned cells that go on; a running head is none of them). None when
    more than furniture does."""
    if tail.model.k != model.k or not tail.pieces:
        return None
    going = {j for j, p in enumerate(tail.pieces[max(tail.pieces)]) if p is not None}
    top = None
    while k >= a and ch[k] is not None and not (ch[k] and _page_number(lines[k])):
        if ch[k]:
            pieces, crossing = get(k)
            if crossing or any(
                p is not None
                and (j not in going or not model.lo[j] - TOL <= p.dstart <= model.hi[j] + TOL)
                for j, p in enumerate(pieces)
            ):
                break  # no part of the row (a running head, say): furniture at most
            top = k
        k -= 1
    return top if top is not None and _near_top(lines, ch, ps, top) else None


def _near_top(lines: list[str], ch: list[list[Chunk] | None], ps: int, at: int) -> bool:
    """Whether only furniture (page numbers, two lines of running head) stands between the
    top of the page and line ``at`` (scanning up, it stops at the third line of text)."""
    seen = 0
    for i in range(at - 1, ps - 1, -1):
        if ch[i] is None or (ch[i] and not _page_number(lines[i])):
            seen += 1
            if seen > MAX_FURNITURE:
                return False
    return True


def _top_frag(
    lines: list[str], ch: list[list[Chunk] | None], ps: int, frags: list[_Frag]
) -> _Frag | None:
    """The page's first region if only furniture (page numbers, two lines of running head)
    stands above it."""
    if not frags:
        return None
    return frags[0] if _near_top(lines, ch, ps, frags[0].start) else None


def _reaches_end(lines: list[str], ch: list[list[Chunk] | None], f: _Frag, pe: int) -> bool:
    return all(
        ch[i] is not None and (not ch[i] or _page_number(lines[i])) for i in range(f.end, pe)
    )


def _relaxed_top(
    lines: list[str],
    ch: list[list[Chunk] | None],
    ps: int,
    pe: int,
    tail: _Frag,
    frags: list[_Frag],
    by_chars: bool,
) -> _Frag | None:
    """The top of a page that continues a table (``tail``: its region on the page before),
    when it holds too few lines for the full check: one line with text in two columns is
    enough if the column count agrees."""
    stop = pe
    for f in frags:
        if f.start > ps:
            stop = f.start
            break
    idx = [i for i in range(ps, stop) if ch[i] is not None]
    model = _model(lines, ch, idx, by_chars, min_multi=1)
    if model is None or model.k != tail.model.k:
        return None
    return _first_top(lines, ch, ps, ps, stop, model, tail)


def _first_top(
    lines: list[str],
    ch: list[list[Chunk] | None],
    ps: int,
    a: int,
    b: int,
    model: _Model,
    tail: _Frag,
) -> _Frag | None:
    """The first region of lines a..b that holds table lines by ``model`` (one line with text
    in two columns is enough: it continues ``tail``), if it is the page's top region."""
    for sa, sb in _split(lines, ch, a, b, model):
        f = _finish(lines, ch, sa, sb, model, ps, min_multi=1, cont=tail)
        if f is not None:
            return f if _top_frag(lines, ch, ps, [f]) else None
    return None


def _inherited_top(
    lines: list[str],
    ch: list[list[Chunk] | None],
    ps: int,
    pe: int,
    tail: _Frag,
    head: _Frag | None,
) -> _Frag | None:
    """The top of a page that continues a table but shows fewer columns (a column empty on
    every line of a short page has no cluster of its own, so a lone cell in it joins its
    neighbour), read by the columns of the page before. Kept only on evidence: every run of
    text on its lines starts where a column of the page before starts, while the page's own
    columns leave some run off every column start, and it holds all of the page's own top
    region."""
    f = _top_by(lines, ch, ps, ps, pe, tail.model, head, tail)
    if f is None or (head is not None and all(_at_column(c[0], head.model) for c in _runs(ch, f))):
        return None  # the page's own columns read it as well
    return f


def _top_by(
    lines: list[str],
    ch: list[list[Chunk] | None],
    ps: int,
    a: int,
    b: int,
    model: _Model,
    head: _Frag | None,
    tail: _Frag,
) -> _Frag | None:
    """The first region of lines a..b read by the given columns, if it is the page's top
    region, holds at least the page's own (``head``) and every run of text on its lines
    starts where one of the columns does."""
    f = _first_top(lines, ch, ps, a, b, model, tail)
    if f is None or (head is not None and f.end < head.end):
        return None
    return f if all(_at_column(c[0], model) for c in _runs(ch, f)) else None


def _runs(ch: list[list[Chunk] | None], f: _Frag) -> list[Chunk]:
    return [c for i in f.pieces for c in ch[i] or ()]


def _completed_top(
    lines: list[str],
    ch: list[list[Chunk] | None],
    ps: int,
    pe: int,
    tail: _Frag,
    head: _Frag | None,
    by_chars: bool,
) -> _Frag | None:
    """The top of a page that continues a table (``tail``: its region on the page before)
    but shows fewer columns, read with the columns it lacks put back where its lines show
    them: a run of text that starts well inside a column after another run of the same line
    (a task group's name, set once on the page, that the column finder took for part of its
    neighbour). pdftotext lays each page out afresh, so the page before's positions need not
    hold here; the column count does. Kept when the runs give exactly the missing columns
    and every run then starts at one."""
    k = tail.model.k
    a, b, own = _own_columns(lines, ch, ps, pe, head, by_chars)
    if own is None or own.k >= k:
        return None
    extra: list[int] = []
    for i in range(a, b):
        c = ch[i]
        if not c or len(c) < 2:
            continue
        last = -1
        for ds, *_ in c:
            j = own.column(ds)
            if j == last and ds > own.hi[j] + TOL:
                extra.append(ds)
            last = j
    clusters: list[list[int]] = []
    for x in sorted(extra):
        if clusters and x - clusters[-1][1] <= TOL:
            clusters[-1][1] = x
        else:
            clusters.append([x, x])
    if len(clusters) != k - own.k:
        return None
    bounds = sorted([*zip(own.lo, own.hi, strict=True), *((lo, hi) for lo, hi in clusters)])
    lo = [x for x, _ in bounds]
    hi = [y for _, y in bounds]
    cuts = [max(lo[j] - TOL, hi[j - 1] + 1) for j in range(1, len(lo))]
    return _top_by(lines, ch, ps, a, b, _Model(lo, hi, cuts, by_chars, own.right), head, tail)


def _padded_top(
    lines: list[str],
    ch: list[list[Chunk] | None],
    ps: int,
    pe: int,
    chain: list[_Frag],
    head: _Frag | None,
    by_chars: bool,
) -> _Frag | None:
    """The top of a page that continues a table but shows fewer columns with nothing on the
    page to tell which are missing (a page of one row: pdftotext squeezes out the columns it
    leaves empty, so no position of the page before holds and no run stands inside another
    column). The missing columns are taken to be those the table leaves empty most often,
    when it clearly does (on at most half as many of its lines with text in two columns as
    any other column), and only when the page's first row goes on with the table's running
    numbers (the number after the last one before the page): a new table with fewer columns
    that starts at the top of a page stays a table of its own."""
    k = chain[-1].model.k
    a, b, own = _own_columns(lines, ch, ps, pe, head, by_chars)
    if own is None or own.k >= k:
        return None
    first = next((i for i in range(a, b) if ch[i] and len(ch[i]) >= 2), None)  # type: ignore[arg-type]
    last = _last_number(lines, chain)
    if first is None or last is None:
        return None
    _, _, cs, ce = ch[first][0]  # type: ignore[index]
    if _number_value(lines[first][cs:ce]) != last + 1:
        return None
    filled = [0] * k
    for f in chain:
        for pieces in f.pieces.values():
            if _multi(pieces):
                for j, piece in enumerate(pieces):
                    filled[j] += piece is not None
    order = sorted(range(k), key=lambda j: filled[j])
    missing = set(order[: k - own.k])
    if max(filled[j] for j in missing) * 2 > min(filled[j] for j in order[k - own.k :]):
        return None
    # the page's columns in order, an empty one (starting where the next one starts, so no
    # text falls in it) in each missing place
    lo: list[int] = []
    hi: list[int] = []
    cuts: list[int] = []
    real = iter(range(own.k))
    slots = [None if j in missing else next(real) for j in range(k)]
    end = own.right + 4 * TOL
    for j, r in enumerate(slots):
        nxt = next((x for x in slots[j:] if x is not None), None)
        lo.append(end if nxt is None else own.lo[nxt])
        hi.append(end if nxt is None else own.hi[nxt] if r is not None else own.lo[nxt])
        if j:
            cuts.append(end if nxt is None else (own.cuts[nxt - 1] if nxt else 0))
    model = _Model(lo, hi, cuts, by_chars, own.right)
    return _top_by(lines, ch, ps, a, b, model, head, chain[-1])


def _own_columns(
    lines: list[str],
    ch: list[list[Chunk] | None],
    ps: int,
    pe: int,
    head: _Frag | None,
    by_chars: bool,
) -> tuple[int, int, _Model | None]:
    """The page's top region and its own columns: the top fragment's, or those of the page's
    lines however few (one line with text in two columns is enough)."""
    if head is not None:
        return head.start, head.end, head.model
    idx = [i for i in range(ps, pe) if ch[i] is not None]
    return ps, pe, _model(lines, ch, idx, by_chars, 1)


def _number_value(text: str) -> int | None:
    """The running number a run of text starts with, if it is one."""
    t = text.strip()
    if not _is_number(t):
        return None
    digits = t.split(" ", 1)[0].rstrip(".、．")
    return int(digits.translate(_FULLWIDTH))


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def _last_number(lines: list[str], chain: list[_Frag]) -> int | None:
    """The last running number of a table so far: the first run of the last line of its last
    fragment that starts with one."""
    f = chain[-1]
    for i in sorted(f.pieces, reverse=True):
        c = next((p for p in f.pieces[i] if p is not None), None)
        if c is not None and (n := _number_value(lines[i][c.cstart : c.cend])) is not None:
            return n
    return None


def _at_column(start: int, model: _Model) -> bool:
    """Whether a run starting at ``start`` starts where a column of the model does."""
    j = model.column(start)
    return model.lo[j] - TOL <= start <= model.hi[j] + TOL


def _is_number(text: str) -> bool:
    """A running number (1, 12., 3、), alone or followed by one space and the text of the
    next column (pdftotext leaves a single space when the columns are close)."""
    t = text.strip()
    head = t.split(" ", 1)[0] if " " in t and "  " not in t else t
    head = head.rstrip(".、．")
    return 0 < len(head) <= 3 and all(c in "0123456789０１２３４５６７８９" for c in head)


_LEAD_NUMBER = re.compile(r"[0-9０-９]{1,3}[.、．]?(?= \S|$)")


def _number_band(lines: list[str], chain: list[_Frag], j: int) -> int | None:
    """Where another column starts inside column ``j`` when the column holds running numbers
    at its left and, right of them, text of the next column (a task group) that the column
    finder took in because only one space, or a jitter of a position or two, parts them (w3m
    and pdftotext set a right-aligned number close to the next column). None when it does not.

    The band is the column's text that starts right of every number: after a number and one
    space on the number's line, or alone on lines without one. Text starting left of that is
    allowed on a few lines (the header: 序 above 号, 序号 next to 重点任务)."""
    ends: list[int] = []  # where each leading number ends (display or char position)
    right: list[int] = []  # where text right of a number starts
    others: list[int] = []  # where a piece that is not a number starts
    for f in chain:
        for i, pieces in f.pieces.items():
            p = pieces[j]
            if p is None:
                continue
            raw = lines[i][p.cstart : p.cend]
            m = _LEAD_NUMBER.match(raw)
            if m is None:
                others.append(p.dstart)
                continue

            ends.append(_offset(raw, m.end(), p, f.model.by_chars))
            if m.end() < len(raw):
                right.append(_offset(raw, m.end() + 1, p, f.model.by_chars))
    if len(ends) < 2 or not (right or others):
        return None
    edge = max(ends)
    right += [d for d in others if d > edge]
    left = sum(1 for d in others if d <= edge)
    if len(right) < 2 or len(ends) * 10 < (len(ends) + left) * 6:
        return None
    return min(right)


def _offset(raw: str, c: int, p: _Piece, by_chars: bool) -> int:
    """The position of character ``c`` of a piece's text ``raw``."""
    return p.dstart + (c if by_chars else display_width(raw[:c]))


def _split_piece(
    line: str, p: _Piece, at: int, by_chars: bool
) -> tuple[_Piece | None, _Piece | None]:
    """A piece of text cut where position ``at`` begins a run after a space: (left, right)."""
    m = _LEAD_NUMBER.match(line[p.cstart : p.cend])
    if m is None and p.dstart >= at - TOL:
        return None, p
    pos = _piece_positions(line, by_chars)
    for c in range(p.cstart + 1, p.cend):
        starts_run = line[c - 1] == " " and line[c] != " "
        if starts_run and (pos[c] >= at - TOL or (m is not None and c == p.cstart + m.end() + 1)):
            end = c
            while end > p.cstart and line[end - 1] == " ":
                end -= 1
            return _Piece(p.cstart, end, p.dstart, pos[end]), _Piece(c, p.cend, pos[c], p.dend)
    return p, None


def _split_numbers(lines: list[str], chain: list[_Frag]) -> list[_Frag]:
    """The fragments with a running-number column parted from the column its numbers were
    read into (see :func:`_number_band`), or as they are."""
    for j in range(min(2, chain[0].model.k)):
        at = _number_band(lines, chain, j)
        if at is None:
            continue
        out = []
        for f in chain:
            m = f.model
            model = _Model(
                [*m.lo[: j + 1], at, *m.lo[j + 1 :]],
                [*m.hi[: j + 1], at, *m.hi[j + 1 :]],
                [*m.cuts[:j], at - TOL, *m.cuts[j:]],
                m.by_chars,
                m.right,
            )
            pieces = {}
            for i, ps in f.pieces.items():
                cut = (
                    (None, None) if ps[j] is None else _split_piece(lines[i], ps[j], at, m.by_chars)
                )
                pieces[i] = [*ps[:j], *cut, *ps[j + 1 :]]
            out.append(_Frag(f.start, f.end, model, pieces, set(f.damaged)))
        return out
    return chain


def _build_aligned(lines: list[str], chain: list[_Frag]) -> TableSpan | None:
    chain = _split_numbers(lines, chain)
    k = chain[0].model.k

    def text(i: int, p: _Piece | None) -> str:
        return lines[i][p.cstart : p.cend] if p is not None else ""

    # a column of running numbers (one of the first two) marks where rows start
    number_col: int | None = None
    for j in range(min(2, k)):
        filled = nums = 0
        for f in chain:
            for i, pieces in f.pieces.items():
                t = text(i, pieces[j])
                if t.strip():
                    filled += 1
                    nums += _is_number(t)
        if nums >= 2 and nums * 10 >= filled * 6:
            number_col = j
            break
    piece_of: dict[int, list[_Piece | None]] = {}
    frag_of: dict[int, _Frag] = {}
    for f in chain:
        piece_of.update(f.pieces)
        for i in f.pieces:
            frag_of[i] = f

    def numbered(i: int) -> bool:
        return number_col is not None and _is_number(text(i, piece_of[i][number_col]))

    # the header: the lines above the first number, or the first row
    first = [(i, False) for i in sorted(chain[0].pieces)]
    if number_col is not None:
        header = [i for i in _until(first, numbered)]
    else:
        groups, _ = _group_rows(lines, first, piece_of, frag_of, None)
        header = groups[0] if groups else []
    # every page's lines in order, a header repeated at the top of a page left out
    seq: list[tuple[int, bool]] = []
    for n_frag, f in enumerate(chain):
        idx = sorted(f.pieces)
        if n_frag:
            idx = idx[_header_prefix(lines, idx, header) :]
        seq.extend((i, n_frag > 0 and pos == 0) for pos, i in enumerate(idx))
    members: list[list[list[int]]] | None = None  # per row, per column: the cell's lines
    head = header_lines([[text(i, p) or None for p in piece_of[i]] for i in header])
    wraps = _wrapping(lines, seq[head or 0 :], piece_of, frag_of)
    if number_col is not None and _centred(seq, piece_of, number_col, numbered, wraps):
        rows = _centred_rows(lines, seq, piece_of, frag_of, number_col, numbered, head, wraps)
        members = _centred_cells(lines, rows, piece_of, number_col, numbered)
        breaks: set[int] = set()
    else:
        rows, breaks = _group_rows(
            lines, seq, piece_of, frag_of, numbered if number_col is not None else None
        )
    if len(rows) < 2 or (number_col is not None and not any(numbered(i) for g in rows for i in g)):
        return None
    table_rows: list[list[Cell]] = []
    for r, group in enumerate(rows):
        cells = []
        at = group[0]
        model = frag_of[at].model
        for j in range(k):
            parts: list[Part] = []
            for i in group if members is None else members[r][j]:
                p = piece_of[i][j]
                if p is not None:
                    parts.append((i, p.cstart, lines[i][p.cstart : p.cend]))
            if any(part[2].strip() for part in parts):
                where = Location(line=at + 1)  # not used: the cell has text
            else:
                lo = model.lo[j]
                col = (
                    min(lo + _feeds(lines[at]), len(lines[at]))
                    if model.by_chars
                    else _char_col(lines[at], lo)
                )
                where = Location(line=at + 1, column=col + 1)
            cells.append(_cell(parts, where))
        table_rows.append(cells)
    start, end = chain[0].start, chain[-1].end
    used = {i for group in rows for i in group}
    skipped = tuple(i for i in range(start, end) if i not in used and not _blank(lines[i]))
    table = Table(table_rows, Location(line=start + 1, column=1), grid=True, breaks=breaks)
    return TableSpan(start, end, table, "aligned", skipped)


def _until(seq: list[tuple[int, bool]], stop: Callable[[int], bool]) -> list[int]:
    out = []
    for i, _ in seq:
        if stop(i):
            break
        out.append(i)
    return out


def _header_prefix(lines: list[str], idx: list[int], header: list[int]) -> int:
    """How many of a page's first lines repeat the header's first lines, as text."""
    n = 0
    while (
        n < len(idx)
        and n < len(header)
        and "".join(lines[idx[n]].split()) == "".join(lines[header[n]].split())
    ):
        n += 1
    return n


def _column_extents(
    seq: list[tuple[int, bool]],
    piece_of: dict[int, list[_Piece | None]],
    frag_of: dict[int, _Frag],
) -> dict[int, list[int]]:
    """For each page fragment (by id), how far right each column's text reaches: a line that
    reaches it is a full, wrapped line."""
    colmax: dict[int, list[int]] = {}
    for i, _ in seq:
        f = frag_of[i]
        m = colmax.setdefault(id(f), [0] * f.model.k)
        for j, p in enumerate(piece_of[i]):
            if p is not None:
                m[j] = max(m[j], p.dend)
    return colmax


def _group_rows(
    lines: list[str],
    seq: list[tuple[int, bool]],
    piece_of: dict[int, list[_Piece | None]],
    frag_of: dict[int, _Frag],
    numbered: Callable[[int], bool] | None,
) -> tuple[list[list[int]], set[int]]:
    """Lines (each with whether it is the first of a new page) grouped into rows, and the
    rows that start a page where the rows cannot tell whether it continues the row above."""
    colmax = _column_extents(seq, piece_of, frag_of)
    rows: list[list[int]] = []
    breaks: set[int] = set()
    prev_line = -1
    single = numbered is None and _single_line_rows(seq, piece_of)
    for i, page_first in seq:
        pieces = piece_of[i]
        if not rows or single or i in frag_of[i].damaged or prev_line in frag_of[i].damaged:
            new = True
        elif numbered is not None:
            new = numbered(i)
        else:
            prev = piece_of[prev_line]
            f = frag_of[prev_line]
            top = colmax[id(f)]
            slack = TOL if f.model.by_chars else 2 * TOL  # how short a wrapped line may stop
            # the cells the two lines share: does the one above wrap onto this line (full
            # width, no sentence end) or did it end there?
            wraps = [
                p.dend >= top[j] - slack and lines[prev_line][p.cend - 1] not in _SENTENCE_END
                for j, (p, q) in enumerate(zip(prev, pieces, strict=True))
                if p is not None and q is not None
            ]
            new = (
                # a column starts again: cells are top-aligned and never resume after a gap
                any(q is not None and p is None for p, q in zip(prev, pieces, strict=True))
                or (i > prev_line + 1 and not page_first)  # a blank line between
                or (bool(wraps) and not any(wraps))  # every shared cell ended above
                # a line with text in every column, unless every cell above goes on
                or (all(q is not None for q in pieces) and not all(wraps))
            )
            if new and page_first:
                breaks.add(len(rows))
        if new:
            rows.append([i])
        else:
            rows[-1].append(i)
        prev_line = i
    return rows, breaks


def _centred(
    seq: list[tuple[int, bool]],
    piece_of: dict[int, list[_Piece | None]],
    number_col: int,
    numbered: Callable[[int], bool],
    wraps: Callable[[int, int], bool],
) -> bool:
    """Whether the cells are centred vertically: the running number then stands on the
    middle line of its row, so a tall cell has lines above and below it while its own line
    is empty there (a straddle), or a cell's text began on the line above the number (that
    line wraps, full width and no sentence end, onto the number's line). A top-aligned table
    shows neither: the line above a number ends the row before. The first number is not
    counted (the line above it may be the header's)."""
    marks = [p for p, (i, _) in enumerate(seq) if numbered(i)]
    straddles = 0
    for p in marks:
        if p == 0 or p + 1 >= len(seq) or numbered(seq[p - 1][0]) or numbered(seq[p + 1][0]):
            continue
        above, here, below = (piece_of[seq[q][0]] for q in (p - 1, p, p + 1))
        if any(
            j != number_col and above[j] is not None and below[j] is not None and here[j] is None
            for j in range(len(here))
        ):
            straddles += 1
    if (straddles >= 2 and straddles * 3 >= len(marks)) or (len(marks) <= 2 and straddles >= 1):
        return True
    begun = 0
    for p in marks[1:]:
        above, here = seq[p - 1][0], seq[p][0]
        if numbered(above):
            continue
        begun += any(
            j != number_col and piece_of[here][j] is not None and wraps(above, j)
            for j in range(len(piece_of[here]))
        )
    return begun >= 2 and begun * 3 >= len(marks)


def _wrapping(
    lines: list[str],
    seq: list[tuple[int, bool]],
    piece_of: dict[int, list[_Piece | None]],
    frag_of: dict[int, _Frag],
) -> Callable[[int, int], bool]:
    """A test of whether line i's text in column j wraps onto the next line: it reaches as
    far right as the column's text ever does and does not end a sentence."""
    colmax = _column_extents(seq, piece_of, frag_of)

    def wraps(i: int, j: int) -> bool:
        p = piece_of[i][j]
        if p is None:
            return False
        f = frag_of[i]
        top = colmax.get(id(f))
        if top is None:  # a page with header lines only
            return False
        # a wrapped line stops short of the column's reach by at most one character
        slack = TOL if f.model.by_chars else 2
        text = lines[i][p.cstart : p.cend].rstrip()
        return p.dend >= top[j] - slack and not (text and text[-1] in _SENTENCE_END)

    return wraps


_SENTENCE_END = frozenset("。；;！!？?")


_LOW = 0.1  # a row whose number stands below its middle: dumps round a centred cell up


def _imbalance(up: int, down: int) -> float:
    """The cost of a centred row with ``up`` lines above its number and ``down`` below: none
    when the number is on the middle line, or just above the middle of an even row (w3m
    rounds a centred cell up); one a line further off, a little more below the middle."""
    if up > down:
        return (up - down) * (1 + _LOW)
    return max(0, down - up - 1)


def _imbalance_transform(cost: list[float], size: int) -> tuple[list[float], list[int]]:
    """For each d < size: the least ``cost[u] + _imbalance(u, d)`` and the u that gives it,
    in two passes (a distance transform), linear in size."""
    inf = float("inf")
    base = [cost[u] if u < len(cost) else inf for u in range(size)]
    # u < d: free for d - u = 1, then 1 a line (near[x]: the best u < x)
    fwd = list(base)
    src = list(range(size))
    near, near_src = inf, -1
    for x in range(1, size):
        if base[x - 1] <= near + 1:
            near, near_src = base[x - 1], x - 1
        else:
            near += 1
        if near < fwd[x]:
            fwd[x], src[x] = near, near_src
    # u > d: 1 + _LOW a line
    back = list(base)
    bsrc = list(range(size))
    for x in range(size - 2, -1, -1):
        if back[x + 1] + 1 + _LOW < back[x]:
            back[x], bsrc[x] = back[x + 1] + 1 + _LOW, bsrc[x + 1]
    for x in range(size):
        if back[x] < fwd[x]:
            fwd[x], src[x] = back[x], bsrc[x]
    return fwd, src


def _centred_rows(
    lines: list[str],
    seq: list[tuple[int, bool]],
    piece_of: dict[int, list[_Piece | None]],
    frag_of: dict[int, _Frag],
    number_col: int,
    numbered: Callable[[int], bool],
    head: int | None,
    wraps: Callable[[int, int], bool],
) -> list[list[int]]:
    """Rows of a table with vertically centred cells: each row is its number line with the
    lines above and below it (``head``, when known, is how many lines above the first number
    are the header's: the rest are the first row's). Where one row ends between two numbers
    is chosen by a small dynamic programme that keeps the lines above a number about as many
    as those below it (:func:`_imbalance`) and avoids cutting a cell of the task column (of
    every column when no column holds most of the text) after a full-width wrapped line
    without a sentence end (cost 2 a column). A distance transform keeps it linear in the
    number of lines."""
    n = len(seq)
    marks = [p for p, (i, _) in enumerate(seq) if numbered(i)]
    k = len(piece_of[seq[0][0]])

    # cut[p]: how many cells a row starting at seq position p would cut; only the tall text
    # counts when there is one (short cells straddle rows when they are merged)
    spine = _spine([i for i, _ in seq[head or 0 :]], piece_of, number_col)
    counted = [j for j in range(k) if j != number_col and spine in (None, j)]
    # (a row may start on any line from the one after the wrapped line to where it goes on)
    steps = [0] * (n + 2)
    last: list[int | None] = [None] * k
    for p, (i, _) in enumerate(seq):
        pieces = piece_of[i]
        for j in counted:
            if pieces[j] is not None:
                q = last[j]
                if q is not None and wraps(seq[q][0], j):
                    steps[q + 1] += 1
                    steps[p + 1] -= 1
                last[j] = p
    cut = [0] * (n + 1)
    running = 0
    for p in range(n + 1):
        running += steps[p]
        cut[p] = running
    w = 2
    inf = float("inf")
    # gap sizes: before the first number, between numbers, after the last
    gaps = [marks[0]] + [marks[r] - marks[r - 1] - 1 for r in range(1, len(marks))]
    tail = n - marks[-1] - 1
    # cost[u]: best cost so far with u lines above the current number
    g0 = gaps[0]
    cost = [w * cut[marks[0] - u] + (0.5 if u == g0 and g0 else 0) for u in range(g0 + 1)]
    if head is not None and head <= g0:
        cost = [c if u == g0 - head else inf for u, c in enumerate(cost)]
    choices: list[list[int]] = []  # per gap after a number: best u for each d
    for r in range(1, len(marks)):
        g = gaps[r]
        dist, src = _imbalance_transform(cost, max(len(cost), g + 1))
        start = marks[r - 1] + 1
        new_cost = []
        pick = []
        for u2 in range(g + 1):
            d = g - u2  # lines below the previous number
            new_cost.append(dist[d] + w * cut[start + d])
            pick.append(src[d])
        choices.append(pick)
        cost = new_cost
    u = min(range(len(cost)), key=lambda x: cost[x] + _imbalance(x, tail))
    ups = [u]
    for r in range(len(marks) - 1, 0, -1):
        u = choices[r - 1][ups[-1]]
        ups.append(u)
    ups.reverse()
    rows: list[list[int]] = []
    if marks[0] - ups[0] > 0:
        rows.append([seq[q][0] for q in range(marks[0] - ups[0])])
    for r, p in enumerate(marks):
        top = p - ups[r]
        bottom = (marks[r + 1] - ups[r + 1]) if r + 1 < len(marks) else n
        rows.append([seq[q][0] for q in range(top, bottom)])
    return rows


def _spine(idx: list[int], piece_of: dict[int, list[_Piece | None]], number_col: int) -> int | None:
    """The column of a centred table's tall text (the task): the one with text on most of
    the lines, two in three or more. Its cells fill their rows, so it tells where rows end."""
    if not idx:
        return None
    k = len(piece_of[idx[0]])
    filled = [sum(1 for i in idx if piece_of[i][j] is not None) for j in range(k)]
    spine = max((j for j in range(k) if j != number_col), key=lambda j: filled[j], default=None)
    return spine if spine is not None and filled[spine] * 3 >= len(idx) * 2 else None


def _centred_cells(
    lines: list[str],
    rows: list[list[int]],
    piece_of: dict[int, list[_Piece | None]],
    number_col: int,
    numbered: Callable[[int], bool],
) -> list[list[list[int]]]:
    """The lines of each row's cells in a table with centred cells: the number column and
    the task column (:func:`_spine`, the tall text the rows were cut by) as the rows were
    cut, every other column placed by where its text sits vertically
    (:func:`centred.place_cells`): a short cell straddling two rows' lines, or a merged cell
    in the middle of the rows it covers, goes to its row. A header row (the lines above the
    first row) keeps its lines."""
    k = len(piece_of[rows[0][0]])
    members = [[list(group) for _ in range(k)] for group in rows]
    body = [r for r, group in enumerate(rows) if any(numbered(i) for i in group)]
    if not body:
        return members
    tops = [rows[r][0] for r in body]
    lasts = [rows[r][-1] for r in body]
    ends = [
        nxt if all(_blank(lines[x]) for x in range(last + 1, nxt)) else last + 1
        for last, nxt in zip(lasts, [*tops[1:], lasts[-1] + 1], strict=True)
    ]
    spans = Rows(tops, lasts, ends)
    spine = _spine([i for r in body for i in rows[r]], piece_of, number_col)
    for j in range(k):
        if j in (number_col, spine):
            continue  # the numbers, and the tall text the rows were cut by, stay as cut
        column = [[i for i in rows[r] if piece_of[i][j] is not None] for r in body]
        for r, cell in zip(body, place_cells(spans, column), strict=True):
            members[r][j] = cell
    return members


def _single_line_rows(
    seq: list[tuple[int, bool]], piece_of: dict[int, list[_Piece | None]]
) -> bool:
    """Whether no cell wraps: nine lines in ten have text in every column that most lines
    fill (a wrapped cell leaves the other columns empty on its extra lines)."""
    if not seq:
        return False
    k = len(piece_of[seq[0][0]])
    filled = [0] * k
    for i, _ in seq:
        for j, p in enumerate(piece_of[i]):
            if p is not None and j < k:
                filled[j] += 1
    usual = [j for j in range(k) if filled[j] * 2 >= len(seq)]
    if len(usual) < 2:
        return False
    full = sum(1 for i, _ in seq if all(piece_of[i][j] is not None for j in usual))
    return full * 10 >= len(seq) * 9


def _char_col(line: str, dcol: int) -> int:
    """The char index at display column ``dcol`` (or the line's length)."""
    x = 0
    for c, ch in enumerate(line):
        if x >= dcol:
            return c
        x += _cw(ch)
    return len(line)
