"""A PDF page's text layer as lines in text-flow order, and as aligned text (pdftotext -layout).

Why not pdfplumber's lines: it clusters characters into lines by their vertical middles, so when
a spreadsheet prints a row whose wrapped text is taller than the row (LibreOffice Calc centres
it on the row and lets it spill over the rows above and below), two rows' characters a couple
of points apart become one line with their characters interleaved. Here a line is the
characters of one baseline; two baselines close together are one line only when their text
does not overlap (a superscript, a mixed font), never when it does (two rows' text drawn over
one another's band).

The characters come from pdfium's text page (pypdfium2): the page's text in one call, then two
C calls a character for its box and baseline, instead of pdfminer's Python objects a character
and pdfplumber's dictionaries, so a page costs a few milliseconds.

``layout_text`` lays the lines out as ``pdftotext -layout`` would: a character's column is its
x position in half-ems, CJK characters two columns wide, a gap wider than a word space two
spaces at least (the aligned-column reader's cell gap), a vertical rule between two characters a
gap too, and a blank line where the vertical gap between two lines is wider than the page's line
pitch (a row or paragraph ends) or a horizontal rule lies between them.
"""

from __future__ import annotations

import ctypes
import math
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple


class Char(NamedTuple):
    """One drawn character: its text, left and right edges (the advance, not the ink), its
    baseline and the top of its font box, in PDF points with y growing down the page (as
    pdfplumber's ``top``), its size (the height of its font box), and whether the file put a
    space before it (a word space the text says, however narrow it is drawn). A tuple: a page
    holds thousands."""

    text: str
    x0: float
    x1: float
    base: float
    top: float
    size: float
    spaced: bool = False


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0


class Line:
    """The characters of one baseline (or of a few close ones whose text does not overlap),
    left to right."""

    __slots__ = ("base", "bottom", "chars", "size", "top", "x0", "x1")

    def __init__(self, chars: list[Char]) -> None:
        chars.sort(key=lambda c: c.x0)
        self.chars = chars
        self.base = _median([c.base for c in chars])
        self.top = min(c.top for c in chars)
        self.bottom = max(c.top + c.size for c in chars)
        self.x0 = chars[0].x0
        self.x1 = max(c.x1 for c in chars)
        self.size = _median([c.size for c in chars])


# code points that are no text: controls, spaces (gaps are measured), BOM, pdfium's markers
_SKIP = {*range(0, 33), *range(0x7F, 0xA1), 0x3000, 0x200B, 0xFEFF, 0xFFFE, 0xFFFF}
_SPACES = {0x20, 0xA0, 0x3000}


def page_chars(textpage, height: float, budget: int) -> list[Char]:
    """The page's drawn characters, at most ``budget`` of them (ValueError past it). Spaces
    are no characters here: gaps are measured, and a space the file writes marks the next
    character (``Char.spaced``); pdfium's generated spaces and line breaks are left out."""
    import pypdfium2.raw as raw

    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    if count > budget:
        raise ValueError(count)
    if count <= 0:
        return []
    codes = _codes(raw, handle, count)
    rect = raw.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    loose, origin = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharOrigin
    px, py = ctypes.byref(x), ctypes.byref(y)
    generated, angle = raw.FPDFText_IsGenerated, raw.FPDFText_GetCharAngle
    out: list[Char] = []
    turns: list[int] = []
    spaced = False
    for i, code in enumerate(codes):
        if code in _SKIP or 0xD800 <= code < 0xE000:
            if code in _SPACES and not generated(handle, i):
                spaced = True
            continue
        loose(handle, i, rect)
        origin(handle, i, px, py)
        size = (rect.top - rect.bottom) or 10.0
        top = height - rect.top
        out.append(Char(chr(code), rect.left, rect.right, height - y.value, top, size, spaced))
        turns.append(_turn(angle(handle, i)))
        spaced = False
    return _upright(out, turns)


_QUARTER = math.pi / 2


def _turn(radians: float) -> int:
    """A character's direction in quarter turns (0 upright), or -1 when it is set at a slant
    (a watermark drawn across the page at 45 degrees)."""
    if radians < 0:  # pdfium: -1 when it cannot tell
        return 0
    quarters = radians / _QUARTER
    near = round(quarters)
    return near % 4 if abs(quarters - near) * _QUARTER < 0.05 else -1


def _upright(chars: list[Char], turns: list[int]) -> list[Char]:
    """The characters set in the page's own direction: a watermark across the page, or a
    column name turned on its side, would land one character a line in the middle of the
    text. A page whose text runs sideways throughout (a /Rotate'd scan of a landscape page)
    keeps all its characters."""
    if not chars or not any(turns):
        return chars
    counts = [turns.count(t) for t in range(4)]
    main = counts.index(max(counts))
    if main != 0:
        return chars
    return [c for c, t in zip(chars, turns, strict=True) if t == 0]


def _codes(raw, handle, count: int) -> list[int]:
    """Every character's code point: the page's text in one call when it has one UTF-16 unit
    a character (no surrogate pairs), else one call a character."""
    buffer = (ctypes.c_uint16 * (count + 1))()
    written = raw.FPDFText_GetText(handle, 0, count, buffer)
    units = list(buffer[: max(written - 1, 0)])
    if len(units) == count and not any(0xD800 <= u < 0xE000 for u in units):
        return units
    return [raw.FPDFText_GetUnicode(handle, i) for i in range(count)]


def _dedupe(chars: list[Char]) -> list[Char]:
    """A character drawn twice at (almost) the same place (fake bold, a shadow) counts once."""
    out: list[Char] = []
    seen: dict[tuple[str, int, int], None] = {}
    for c in chars:
        key = (c.text, round(c.x0), round(c.base))
        if key in seen:
            continue
        seen[key] = None
        out.append(c)
    return out


def _overlaps(a: list[tuple[float, float]], b: list[tuple[float, float]], slack: float) -> bool:
    """Whether two sorted lists of x intervals overlap anywhere (by more than ``slack``)."""
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i][1] - slack > b[j][0] and b[j][1] - slack > a[i][0]:
            return True
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return False


def _spans(chars: list[Char]) -> list[tuple[float, float]]:
    """The x intervals a line's characters cover, touching characters joined."""
    spans: list[tuple[float, float]] = []
    for c in sorted(chars, key=lambda c: c.x0):
        if spans and c.x0 <= spans[-1][1] + 0.5:
            spans[-1] = (spans[-1][0], max(spans[-1][1], c.x1))
        else:
            spans.append((c.x0, c.x1))
    return spans


_SAME_BASE = 0.3  # points: one baseline
_NEAR_BASE = 0.3  # of the font size: baselines this close may be one line


def page_lines(chars: list[Char]) -> list[Line]:
    """The page's lines, top to bottom: characters grouped by baseline, then close baselines
    merged when their text does not overlap (a raised or lowered run, another font)."""
    chars = _dedupe(chars)
    if not chars:
        return []
    chars = sorted(chars, key=lambda c: c.base)
    groups: list[list[Char]] = [[chars[0]]]
    for c in chars[1:]:
        if c.base - groups[-1][-1].base <= _SAME_BASE:
            groups[-1].append(c)
        else:
            groups.append([c])
    merged: list[list[Char]] = []
    spans: list[list[tuple[float, float]]] = []
    for group in groups:
        size = _median([c.size for c in group])
        own = _spans(group)
        into = None
        for k in range(len(merged) - 1, max(len(merged) - 3, -1), -1):
            if group[0].base - merged[k][-1].base > _NEAR_BASE * size:
                break
            if not _overlaps(spans[k], own, 0.2 * size):
                into = k
                break
        if into is None:
            merged.append(list(group))
            spans.append(own)
        else:
            merged[into].extend(group)
            spans[into] = _spans(merged[into])
    lines = [Line(m) for m in merged]
    lines.sort(key=lambda ln: ln.base)
    return lines


@dataclass(frozen=True)
class Rules:
    """A page's ruling lines: vertical rules as (x, top, bottom), horizontal as (y, x0, x1)."""

    vertical: list[tuple[float, float, float]] = field(default_factory=list)
    horizontal: list[tuple[float, float, float]] = field(default_factory=list)

    @property
    def grid(self) -> bool:
        """Enough rules for a ruled table: two of each direction at least."""
        return len(self.vertical) >= 2 and len(self.horizontal) >= 2


_THIN = 3.0  # points: a path thinner than this and longer than _LONG is a ruling line
_LONG = 5.0


class TooManyObjects(Exception):
    """The page draws more objects than its budget (forms counted with what they draw)."""


Matrix = tuple[float, float, float, float, float, float]  # a b c d e f, as PDF writes them
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(outer: Matrix, inner: Matrix) -> Matrix:
    """``inner`` applied first, then ``outer``."""
    a, b, c, d, e, f = outer
    p, q, r, s, t, u = inner
    return (
        a * p + c * q,
        b * p + d * q,
        a * r + c * s,
        b * r + d * s,
        a * t + c * u + e,
        b * t + d * u + f,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _matrix(raw, obj) -> Matrix | None:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return None
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def page_rules(page, height: float, budget: int) -> Rules:
    """The page's ruling lines: thin paths (a stroked line, a hairline rectangle filled) and
    the straight pieces of stroked paths (boxes, a grid drawn as one path), in page space,
    forms' included (some printers draw a whole page as one form); every object, forms' too,
    counts against ``budget`` (TooManyObjects past it)."""
    import pypdfium2.raw as raw

    vertical: list[tuple[float, float, float]] = []
    horizontal: list[tuple[float, float, float]] = []
    seen = 0
    # (form or None for the page, its object count, form space -> page space, next index)
    stack: list[list] = [[None, raw.FPDFPage_CountObjects(page.raw), _IDENTITY, 0]]
    while stack:
        frame = stack[-1]
        form, count, chain, at = frame
        if at >= count:
            stack.pop()
            continue
        frame[3] += 1
        seen += 1
        if seen > budget:
            raise TooManyObjects()
        obj = (
            raw.FPDFPage_GetObject(page.raw, at)
            if form is None
            else raw.FPDFFormObj_GetObject(form, at)
        )
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM and len(stack) < 16:
            inner = _matrix(raw, obj)
            if inner is not None:
                stack.append([obj, raw.FPDFFormObj_CountObjects(obj), _compose(chain, inner), 0])
            continue
        if kind == raw.FPDF_PAGEOBJ_PATH:
            _path_rules(raw, obj, chain, height, vertical, horizontal)
    vertical.sort()
    horizontal.sort()
    return Rules(vertical, horizontal)


def _path_rules(
    raw,
    obj,
    chain: Matrix,
    height: float,
    vertical: list[tuple[float, float, float]],
    horizontal: list[tuple[float, float, float]],
) -> None:
    """A path's rules: the path itself when it is thin (a line, a hairline box filled), else
    the straight pieces of a stroked path."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return
    corners = [
        _apply(chain, x, y) for x in (left.value, right.value) for y in (bottom.value, top.value)
    ]
    x0, x1 = min(x for x, _ in corners), max(x for x, _ in corners)
    y0, y1 = height - max(y for _, y in corners), height - min(y for _, y in corners)
    w, h = x1 - x0, y1 - y0
    if w <= _THIN and h >= _LONG:
        vertical.append(((x0 + x1) / 2, y0, y1))
    elif h <= _THIN and w >= _LONG:
        horizontal.append(((y0 + y1) / 2, x0, x1))
    elif w >= _LONG and h >= _LONG and _stroked(raw, obj):
        own = _matrix(raw, obj)
        if own is not None:
            _segment_rules(raw, obj, _compose(chain, own), height, vertical, horizontal)


def _stroked(raw, obj) -> bool:
    """A path that is stroked (borders drawn as lines or boxes), not only filled (a shaded
    background, whose edges are no rules)."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return False
    return bool(stroke.value)


_MAX_SEGMENTS = 4000  # a stroked path with more pieces than this is a drawing, not borders


def _segment_rules(
    raw,
    obj,
    m: Matrix,
    height: float,
    vertical: list[tuple[float, float, float]],
    horizontal: list[tuple[float, float, float]],
) -> None:
    """The straight horizontal and vertical pieces of a stroked path (a box, a whole grid
    drawn as one path), in page space (``m``: path space to page space)."""
    count = raw.FPDFPath_CountSegments(obj)
    if count <= 0 or count > _MAX_SEGMENTS:
        return
    fx, fy = ctypes.c_float(), ctypes.c_float()
    start = here = None
    for k in range(count):
        seg = raw.FPDFPath_GetPathSegment(obj, k)
        if not raw.FPDFPathSegment_GetPoint(seg, fx, fy):
            continue
        px, py = _apply(m, fx.value, fy.value)
        point = (px, height - py)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_LINETO and here is not None:
            _add_rule(here, point, vertical, horizontal)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = point
        here = point
        if raw.FPDFPathSegment_GetClose(seg) and start is not None:
            _add_rule(here, start, vertical, horizontal)
            here = start


def _add_rule(
    a: tuple[float, float],
    b: tuple[float, float],
    vertical: list[tuple[float, float, float]],
    horizontal: list[tuple[float, float, float]],
) -> None:
    (ax, ay), (bx, by) = a, b
    if abs(ax - bx) <= 0.5 and abs(ay - by) >= _LONG:
        vertical.append(((ax + bx) / 2, min(ay, by), max(ay, by)))
    elif abs(ay - by) <= 0.5 and abs(ax - bx) >= _LONG:
        horizontal.append(((ay + by) / 2, min(ax, bx), max(ax, bx)))


def _crosses_vertical(rules: Rules, xs: list[float], left: float, right: float, line: Line) -> bool:
    """Whether a vertical rule stands between ``left`` and ``right`` beside the line (a cell
    border between two characters: a cell gap however narrow). ``xs``: the rules' x, sorted
    as ``rules.vertical`` is."""
    lo, hi = bisect_right(xs, left), bisect_left(xs, right)
    mid = (line.top + line.bottom) / 2
    return any(rules.vertical[k][1] <= mid <= rules.vertical[k][2] for k in range(lo, hi))


_WORD_GAP = 0.3  # of the font box's height: a wider gap than this is a word space


def render_line(line: Line, left: float, unit: float, rules: Rules, xs: list[float]) -> str:
    """One line as text, each character at its x position in ``unit`` columns (display width,
    CJK two), words a space apart, cells two spaces at least."""
    out: list[str] = []
    col = 0
    prev: Char | None = None
    for c in line.chars:
        target = max(0, round((c.x0 - left) / unit))
        if prev is None:
            spaces = target
        else:
            gap = c.x0 - prev.x1
            size = max(c.size, prev.size)
            ruled = bool(xs) and _crosses_vertical(rules, xs, prev.x1 - 0.5, c.x0 + 0.5, line)
            if ruled or gap >= 0.8 * size:
                spaces = max(2, target - col)
            elif c.spaced or gap >= _WORD_GAP * size:
                spaces = 1
            else:
                spaces = 0
        out.append(" " * spaces)
        out.append(c.text)
        col += spaces + _width(c.text)
        prev = c
    return "".join(out)


def _width(ch: str) -> int:
    """Display width: 2 for East Asian wide and fullwidth characters."""
    if ch < "\u1100":
        return 1
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _ruled_between(rules: Rules, above: Line, below: Line) -> bool:
    """A horizontal rule in the gap between two lines, under both (a row's border). A rule
    that text is drawn across (a spreadsheet's text spilling over its row) is no gap."""
    lo, hi = above.bottom - 0.5, below.top + 0.5
    return any(
        lo < y < hi and x0 <= max(above.x0, below.x0) + 1 and x1 >= min(above.x1, below.x1) - 1
        for y, x0, x1 in rules.horizontal
    )


_PARAGRAPH = 1.3  # a step this many times the line pitch ends a row or paragraph


def _pitch(lines: list[Line]) -> float:
    """The page's line pitch: the step between lines of one paragraph or cell, the smaller
    steps between lines at least a line's height apart (steps between rows are larger; lines
    spilling over each other, smaller, say nothing about it)."""
    steps = sorted(
        b.base - a.base for a, b in pairwise(lines) if b.base - a.base >= 0.8 * max(a.size, b.size)
    )
    return steps[len(steps) // 4] if steps else float("inf")


def layout_text(pages: list[tuple[list[Line], Rules]]) -> tuple[list[str], list[tuple[int, int]]]:
    """The pages' lines as aligned text (pages after the first start with a form feed), and for
    each text line the (page, line on the page) it shows (an inserted blank: the next line's)."""
    sizes = [c.size for lines, _ in pages for ln in lines for c in ln.chars]
    if not sizes:
        return [], []
    wide = [
        c.x1 - c.x0 for lines, _ in pages for ln in lines for c in ln.chars if _width(c.text) == 2
    ]
    unit = (_median(wide) if len(wide) * 4 >= len(sizes) else _median(sizes)) / 2 or 5.0
    left = min(ln.x0 for lines, _ in pages for ln in lines)
    text: list[str] = []
    where: list[tuple[int, int]] = []
    for number, (lines, rules) in enumerate(pages, 1):
        xs = sorted(x for x, _, _ in rules.vertical)
        pitch = _pitch(lines)
        for k, line in enumerate(lines):
            if k:
                above = lines[k - 1]
                step = line.base - above.base
                if step > _PARAGRAPH * pitch or _ruled_between(rules, above, line):
                    text.append("")
                    where.append((number, 0))
            rendered = render_line(line, left, unit, rules, xs)
            if number > 1 and k == 0:
                rendered = "\f" + rendered
            text.append(rendered)
            where.append((number, k + 1))
    for i in range(len(where) - 2, -1, -1):  # an inserted blank line: where the next one is
        if where[i][1] == 0:
            where[i] = where[i + 1]
    return text, where
