"""Tables as ``pdftotext -raw`` writes a spreadsheet's PDF: plain cells first, wrapped after.

LibreOffice Calc draws a sheet in two passes: first every cell its plain text drawer can set
(one line in one script: a running number, a unit, ``每月``), row by row; then every cell that
needs its edit engine (wrapped text, or Chinese mixed with digits like ``2025年6月30日``), row
by row again. ``pdftotext -raw`` follows the drawing order and starts a new line wherever the
baseline changes, so the text comes in two runs after the header's names:

1. the rows' plain cells: each row opens with its running number, its plain cells follow a
   single space apart, on that line or, where a cell stands at another height (a merged cell,
   centred over several rows), on a line of their own;
2. the wrapped cells, in the same row-major order, each over as many lines as it wraps to,
   with no running numbers among them (a title row that mixes scripts comes first).

Each printed page is drawn that way on its own (pdftotext starts a page with a form feed),
with the header printed again at its top when the sheet has print titles.

This reading rebuilds the rows from run 1 (the running numbers anchor them) and lays run 2's
cells into the slots run 1 left empty, in order, by what each cell looks like
(``cellkinds.fit``): a dynamic programme over cells and slots that may skip a cell (kept as
a paragraph, never lost) or leave a slot empty (a blank or merged cell). No reading depends on
a cell count: a lost or extra cell costs its own slot.

A row's plain cells are all one line, set alike, so they stand level with the row's number;
a cell that does not (pdftotext broke the line before it) is merged down, centred over several
rows: it covers its row and at least the next, and when a task group's heading stands beside
it, the group's rows (``三、工作保障 办公室`` apart from ``6``: 办公室 is the lead of rows 6-8, and
``7 人事科`` is row 7's assisting unit). A new page prints a merged cell again. Where nothing
tells which of a lead and an assisting column a lone unit stands in, the reading says so
(doubt ``unit-column-unsure``) rather than guess. A blank under a cell that spans its own row
only stays blank; under any other (a wrapped cell, a merge of unknown reach) it takes the text
above, within the task group, as for every dump that writes a merged cell once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from planlint.cellkinds import cjk_len, fit, is_deadline_like, is_unit_like, marker
from planlint.model import Block, Cell, Doubt, Location, Paragraph, Reading, Table
from planlint.textnorm import normalize
from planlint.vocab import ends_sentence, header_role, resolve_text_roles

_HEADER_SCAN = 40  # lines into the text the header may start
_NAME_LEN = 8  # a column name is short
_MIN_ROWS = 3  # numbered rows below which the shape is not told apart from others
_LOST_ROWS = 3  # numbers a damaged text may skip: the rows between are kept, empty
_NUMBER = re.compile(r"^(\d{1,3})(?:\s+|$)")
_DEADLINE_TAIL = re.compile(r"^[\d\s年月日号前后底内以止个工作天周季度末起]+$")
_GROUP_TAIL = 8  # a wrapped heading's next line is short
_MAX_WORK = 60_000  # cells x slots the layout programme weighs at most (a band beyond)
_MIN_BAND = 8  # slots either side of a text's place in proportion that are always weighed
_MAX_CELLS = 20_000  # wrapped cells or open slots beyond any plan's table: not offered

# costs of laying run 2's cells into the open slots
_SKIP = 3.0  # a cell laid nowhere (kept as a paragraph)
_EMPTY = {"req": 4.0, "group": 0.0, "seq": 0.0}  # a slot left empty, by column; others:
_EMPTY_OTHER = 0.4
_LEFTMOST = 1e-4  # per slot: of two columns a text fits alike, the first (a lone unit: lead)


@dataclass
class _Piece:
    """A plain cell of run 1: its text, its line, and whether it stands on its row's number
    line (level with the row's middle)."""

    text: str
    line: int
    on_number_line: bool


@dataclass
class _Row:
    number: int
    line: int
    lines: list[list[_Piece]]  # the row's lines of plain cells, number line first
    page: int = 0  # Calc prints a merged cell again at the top of a new page
    cells: dict[int, Cell] = field(default_factory=dict)  # column -> cell
    covered: set[int] = field(default_factory=set)  # columns a merged cell above covers
    single: set[int] = field(default_factory=set)  # columns whose cell stands on the number
    # line: level with the row's own middle, so it spans this row only (merged with none)

    @property
    def pieces(self) -> list[_Piece]:
        return [p for line in self.lines for p in line]


def pass_readings(lines: list[str]) -> list[Reading]:
    """The table rebuilt from a spreadsheet PDF's two drawing passes, when the text has that
    shape: a header of names, rows of plain cells each opened by the next running number,
    then wrapped cells with no numbers among them."""
    head = _header(lines)
    if head is None:
        return []
    start, end, names = head
    roles = resolve_text_roles([header_role(normalize(n)) for n, _ in names])
    if "seq" not in roles:
        names, roles = [("", start), *names], ["seq", *roles]
    rows: list[_Row] = []
    runs: list[tuple[list[_Row], list[Cell]]] = []  # each page's rows and wrapped cells
    loose: list[int] = []  # lines of a page with no numbered rows: kept as paragraphs
    for a, b in _pages(lines, end):
        a = _past_header(lines, a, b, names)
        found = _plain_rows(lines, a, b, len(rows))
        if found is None:
            if not rows:
                return []  # the body opens with row 1
            loose.extend(range(a, b))
            continue
        page, rest = found
        for row in page:
            row.page = len(runs)
        rows.extend(page)
        runs.append((page, _wrapped_cells(lines, rest, b)))
    wrapped = [cell for _, cells in runs for cell in cells]
    if len(rows) < _MIN_ROWS or not any(fit(c.text, "req") >= 2 for c in wrapped):
        return []  # no wrapped task text: the rows are all there is (another reading's)
    seq = roles.index("seq")
    for row in rows:
        row.cells[seq] = Cell(str(row.number), Location(line=row.line + 1, column=1))
        _place_plain(row, roles)
    for page, cells in runs:  # first, for the task groups run 2 holds
        if _place_wrapped(page, cells, roles) is None:
            return []
    _spans(rows, roles)  # merged cells found, the rows' plain cells laid again around them
    skipped: list[Cell] = []
    for page, cells in runs:
        skipped.extend(_place_wrapped(page, cells, roles) or [])
    doubts = _unsure(rows, roles)
    _expand(rows, roles)
    loc = Location(line=start + 1, column=1)
    header = [Cell(n, Location(line=line + 1, column=1)) for n, line in names]
    body = [
        [
            row.cells.get(c) or Cell("", Location(line=row.line + 1, column=1))
            for c in range(len(roles))
        ]
        for row in rows
    ]
    before: list[Block] = [
        Paragraph(lines[i].strip(), Location(line=i + 1, column=1))
        for i in range(start)
        if lines[i].strip()
    ]
    first = _first_placed(runs[0][0], runs[0][1], skipped)
    lead = [c for c in skipped if (c.loc.line or 0) < first]
    after = [c for c in skipped if (c.loc.line or 0) >= first]
    after += [
        Cell(lines[i].strip(), Location(line=i + 1, column=1)) for i in loose if lines[i].strip()
    ]
    blocks: list[Block] = [
        *before,
        *(Paragraph(c.text, c.loc) for c in lead),
        Table([header, *body], loc, merges_expanded=True),
        *(Paragraph(c.text, c.loc) for c in after),
    ]
    return [Reading("spreadsheet-passes", blocks, 0.0, doubts)]


# --- the header: names standing alone, a few lines ------------------------------------------


def _header(lines: list[str]) -> tuple[int, int, list[tuple[str, int]]] | None:
    """The first run of lines made only of column names (a single space apart), three names
    or more, a task column and an owner or deadline among them: (first line, line after the
    run, the names in column order with their lines). A name spanning two sub-columns
    (责任分工 over 牵头单位 | 配合单位) gives its place to them."""
    k = 0
    while k < min(len(lines), _HEADER_SCAN):
        if not _name_line(lines[k]):
            k += 1
            continue
        end = k
        while end < len(lines) and _name_line(lines[end]):
            end += 1
        names = [(t, i) for i in range(k, end) for t in lines[i].split()]
        roles = {header_role(normalize(t)) for t, _ in names}
        if len(names) >= 3 and "req" in roles and roles & {"unit", "deadline"}:
            return k, end, _unfold(names)
        k = end
    return None


def _name_line(line: str) -> bool:
    tokens = line.split()
    return bool(tokens) and all(
        len(normalize(t)) <= _NAME_LEN and header_role(normalize(t)) for t in tokens
    )


def _unfold(names: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A two-row header: the second row's names (on the last line, owners' only) stand under
    the one owner name of the first row that spans them."""
    last = names[-1][1]
    subs = [n for n in names if n[1] == last]
    top = [n for n in names if n[1] != last]
    sub_roles = {header_role(normalize(t)) for t, _ in subs}
    spanning = [i for i, (t, _) in enumerate(top) if header_role(normalize(t)) == "unit"]
    if len(subs) < 2 or not sub_roles <= {"unit", "assist"} or len(spanning) != 1:
        return names
    i = spanning[0]
    return [*top[:i], *subs, *top[i + 1 :]]


# --- run 1: rows of plain cells, opened by their numbers ------------------------------------


def _pages(lines: list[str], start: int) -> list[tuple[int, int]]:
    """The body's pages: pdftotext starts each page after the first with a form feed, and
    Calc draws each page in its own two passes."""
    feeds = [i for i in range(start + 1, len(lines)) if lines[i].startswith("\f")]
    return list(pairwise([start, *feeds, len(lines)]))


def _past_header(lines: list[str], start: int, stop: int, names: list[tuple[str, int]]) -> int:
    """The first line of a page after the header repeated at its top (print titles)."""
    known = {normalize(n) for n, _ in names}
    i = start
    while i < stop and (
        not lines[i].strip()
        or (_name_line(lines[i]) and {normalize(t) for t in lines[i].split()} <= known)
    ):
        i += 1
    return i


def _plain_rows(
    lines: list[str], start: int, stop: int, before: int
) -> tuple[list[_Row], int] | None:
    """One page's numbered rows of run 1 (numbers going on from ``before``) and the line
    where its run 2 starts (after the last number line: the last row's plain cells all
    stand level with its number). None unless the page's first line opens the next row."""
    rows: list[_Row] = []
    last_number_line = -1
    for i in range(start, stop):
        text = lines[i].strip()
        if not text:
            continue
        m = _NUMBER.match(text)
        value = int(m.group(1)) - before if m else 0
        if len(rows) + 1 < value <= len(rows) + _LOST_ROWS:  # a number line lost:
            for number in range(len(rows) + 1, value):  # its row is there, its plain cells not
                rows.append(_Row(before + number, i, [[]]))
        if rows and value == len(rows) and text == lines[rows[-1].line].strip():
            continue  # a number line written twice (a damaged copy): one row
        if m and value == len(rows) + 1:
            pieces = [_Piece(t, i, True) for t in text[m.end() :].split()]
            rows.append(_Row(before + len(rows) + 1, i, [pieces]))
            last_number_line = i
        elif not rows:
            return None
        elif not _plain(text):
            break
        else:
            rows[-1].lines.append([_Piece(t, i, False) for t in text.split()])
    if not rows:
        return None
    # what follows the last number line is run 2, but for unit names (plain cells: a lead
    # merged from the page's last row down, centred apart from its number)
    last = rows[-1]
    units = 1
    while units < len(last.lines) and all(is_unit_like(p.text) for p in last.lines[units]):
        units += 1
    last.lines = last.lines[:units]
    rest = max([last_number_line, *(p.line for line in last.lines for p in line)]) + 1
    return rows, rest


def _plain(text: str) -> bool:
    """A line of plain cells: short pieces, none a wrapped sentence."""
    return all(cjk_len(t) <= 24 and not re.search(r"[，。；;,]$", t) for t in text.split())


# --- run 2: the wrapped cells, one after another ---------------------------------------------


def _wrapped_cells(lines: list[str], start: int, stop: int) -> list[Cell]:
    """Run 2's lines joined into cells: a heading and its short wrapped tail, a date and its
    tail (``收到申请后20个工作`` / ``日内``), task text up to the line that ends its sentence."""
    texts = [(lines[i].strip(), i) for i in range(start, stop) if lines[i].strip()]
    cells: list[Cell] = []
    parts: list[list[str]] = []  # each cell's lines, joined at the end (linear)
    kind = ""  # the kind of the cell being built: heading, date, text
    for k, (text, i) in enumerate(texts):
        nxt = texts[k + 1][0] if k + 1 < len(texts) else ""
        if parts and _goes_on(kind, parts[-1], text):
            parts[-1].append(text)
            kind = "text" if kind == "text" and not ends_sentence(text) else "done"
            continue
        parts.append([text])
        cells.append(Cell(text, Location(line=i + 1, column=1)))
        mk = marker(text)
        if mk is not None and mk.level <= 2 and not ends_sentence(text):
            kind = "heading"
        elif is_deadline_like(text) or (nxt and is_deadline_like(text + nxt)):
            kind = "date"
        elif not ends_sentence(text):
            kind = "text"
        else:
            kind = "done"
    for cell, lines_of in zip(cells, parts, strict=True):
        cell.text = "".join(lines_of)
    return cells


def _goes_on(kind: str, cell: list[str], text: str) -> bool:
    """Whether a line continues the cell before it (its lines so far)."""
    if marker(text) is not None:
        return False
    if kind == "heading":
        return cjk_len(text) <= _GROUP_TAIL and not ends_sentence(text)
    if kind == "date":
        joined = normalize(cell[-1] + text)
        return bool(_DEADLINE_TAIL.match(normalize(text))) and is_deadline_like(joined)
    if kind == "text":
        return not is_deadline_like(text)
    return False


# --- laying cells on the rows -----------------------------------------------------------------


def _place_plain(row: _Row, roles: list[str | None]) -> None:
    """A row's plain cells, in order, on its columns in order (the number's aside, and those
    a merged cell above covers), each where it fits best: a small programme over pieces and
    columns. A piece that fits nowhere goes to the column after the last one used."""
    seq = roles.index("seq")
    keep = {seq: row.cells[seq]}
    row.cells, row.single = keep, set()
    free = [c for c in range(len(roles)) if c != seq and c not in row.covered]
    pieces = row.pieces
    if not pieces or not free:
        return
    chosen = _align([p.text for p in pieces], [roles[c] for c in free], skip=None, empty=False)
    for piece, slot in zip(pieces, chosen, strict=True):
        column = free[slot]
        if piece.on_number_line:
            row.single.add(column)
        cell = row.cells.get(column)
        if cell is None:
            row.cells[column] = Cell(piece.text, Location(line=piece.line + 1, column=1))
        else:
            cell.text += " " + piece.text


def _place_wrapped(
    rows: list[_Row], wrapped: list[Cell], roles: list[str | None]
) -> list[Cell] | None:
    """Run 2's cells laid into the slots run 1 left open, in row-major order; the cells laid
    nowhere (a title, a stray line) are returned. None when the work would be too much."""
    seq = roles.index("seq")
    slots = [
        (r, c)
        for r, row in enumerate(rows)
        for c in range(len(roles))
        if c != seq and c not in row.cells and c not in row.covered
    ]
    if max(len(slots), len(wrapped)) > _MAX_CELLS:
        return None
    chosen = _align([c.text for c in wrapped], [roles[c] for _, c in slots], _SKIP, empty=True)
    skipped: list[Cell] = []
    for cell, slot in zip(wrapped, chosen, strict=True):
        if slot is None:
            skipped.append(cell)
            continue
        r, c = slots[slot]
        rows[r].cells[c] = Cell(cell.text, cell.loc)
    return skipped


def _align(texts: list[str], roles: list[str | None], skip: float | None, empty: bool) -> list:
    """Each text's slot (an index into ``roles``, in order, each slot used once), or None
    where it is skipped: the cheapest order-keeping layout, a text costing its misfit
    (``-fit``), a slot left empty its column's cost when ``empty`` (run 2 fills what run 1
    left: every row has its task; a row's plain cells leave any column empty at no cost).
    With ``skip`` None no text is skipped and texts beyond the slots share the last one.

    Both run in row order, so text i stands near slot i*m/n: only slots within a band
    around that are weighed, wide enough for the whole table unless it is large (the work
    stays within _MAX_WORK)."""
    n, m = len(texts), len(roles)
    band = max(_MIN_BAND, _MAX_WORK // (n + 1))
    # cost[i][j]: texts[:i] laid within roles[:j]; how[i][j]: the last move
    cost: list[dict[int, float]] = [{} for _ in range(n + 1)]
    how: list[dict[int, str]] = [{} for _ in range(n + 1)]
    gaps = [_EMPTY.get(r or "", _EMPTY_OTHER) if empty else 0.0 for r in roles]
    inf = float("inf")
    cost[0][0] = 0.0
    for i in range(n + 1):
        row, nxt = cost[i], cost[i + 1] if i < n else None
        centre = i * m // max(1, n)
        for j in range(max(0, centre - band), min(m, centre + band) + 1):
            here = row.get(j)
            if here is None:
                continue
            if j < m and here + gaps[j] < row.get(j + 1, inf):  # slot j left empty
                row[j + 1], how[i][j + 1] = here + gaps[j], "empty"
            if nxt is None:
                continue
            if j < m:  # text i laid in slot j
                step = here - fit(texts[i], roles[j]) + _LEFTMOST * j
                if step < nxt.get(j + 1, inf):
                    nxt[j + 1], how[i + 1][j + 1] = step, "lay"
            if skip is not None and here + skip < nxt.get(j, inf):  # text i laid nowhere
                nxt[j], how[i + 1][j] = here + skip, "skip"
            if skip is None and j == m and m:  # more texts than slots: they share the last
                step = here - fit(texts[i], roles[m - 1]) + _SKIP
                if step < nxt.get(j, inf):
                    nxt[j], how[i + 1][j] = step, "share"
    out: list = [None] * n
    i = n
    j = m if m in cost[n] else min(cost[n], key=lambda k: (cost[n][k], -k), default=0)
    while i > 0 or j > 0:
        move = how[i].get(j, "skip" if i > 0 else "empty")
        if move == "empty":
            j -= 1
        elif move == "lay":
            out[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif move == "share":
            out[i - 1] = m - 1
            i -= 1
        else:  # skip
            i -= 1
    return out


def _first_placed(rows: list[_Row], wrapped: list[Cell], skipped: list[Cell]) -> int:
    """The line of the first page's first wrapped cell that was laid in the table: cells laid
    nowhere before it stand before the table (a title row)."""
    left = {id(c) for c in skipped}
    laid = [c.loc.line or 0 for c in wrapped if id(c) not in left]
    return min(laid, default=rows[-1].line + 1)


# --- merged cells: centred level with a merged task-group heading -----------------------------


def _spans(rows: list[_Row], roles: list[str | None]) -> bool:
    """Cells merged down, found from where they stand, and the rows below they cover; each
    row's plain cells laid again, top down, around the columns covered from above. Whether
    any row's cover changed.

    Every plain cell of a row is one line set the same way in its row, so it stands level
    with the row's number; a cell that does not (the first line after the number line:
    pdftotext breaks the line where the height changes) is merged over this row and at
    least the next. When a task group's heading stands on that line too, the cells beside
    it are centred as it is, over the group's rows: down to the next row with a heading of
    its own. How far down any other merged cell goes the text does not show: one row more
    is sure, the rest is left open (and a lone unit there is a doubt, not a guess)."""
    group = roles.index("group") if "group" in roles else None
    heads = [r for r, row in enumerate(rows) if group is not None and _text(row, group)]
    before = [set(row.covered) for row in rows]
    for row in rows:
        row.covered = set()
    for r, row in enumerate(rows):
        _place_plain(row, roles)
        if len(row.lines) < 2:
            continue
        line = row.lines[1]  # the first line apart from the number: merged cells
        columns = {c for c in (_column_of(row, p) for p in line) if c is not None}
        end = r + 2
        if group is not None and group in columns:  # level with the group's heading
            end = next((h for h in heads if h > r), len(rows))
        for below in rows[r + 1 : end]:
            if below.page == row.page:  # a new page prints the merged text again
                below.covered |= columns - {group}
    return [row.covered for row in rows] != before


def _expand(rows: list[_Row], roles: list[str | None]) -> None:
    """Merged cells written into every row they cover, so that parse keeps the other blanks
    blank: a column a merged cell covers takes the text above; an empty slot under a cell
    that stands level with its own row's number is blank (that cell spans one row); under
    any other cell (a wrapped one, a merged one of unknown reach) it is read as the text
    dumps write a merged cell, once: it takes the text above, within the task group."""
    group = roles.index("group") if "group" in roles else None
    keep = {roles.index(r) for r in ("seq", "req") if r in roles} | {group}
    for above, row in pairwise(rows):
        new_group = group is not None and bool(_text(row, group))
        for column, cell in above.cells.items():
            if column in keep or _text(row, column) or not cell.text:
                continue
            unknown = column not in above.single and not new_group
            if column in row.covered or unknown:
                row.cells[column] = Cell(cell.text, cell.loc)


def _text(row: _Row, column: int) -> str:
    cell = row.cells.get(column)
    return cell.text if cell is not None else ""


def _column_of(row: _Row, piece: _Piece) -> int | None:
    for column, cell in row.cells.items():
        if cell.loc.line == piece.line + 1 and piece.text in cell.text:
            return column
    return None


def _unsure(rows: list[_Row], roles: list[str | None]) -> list[Doubt]:
    """Rows under a lead and an assisting unit column with a unit in only one of them, where
    nothing showed which: neither a merged cell above covers the other column, nor does the
    row start a merged cell whose rows below fill the column to its right."""
    if "unit" not in roles or "assist" not in roles:
        return []
    unit, assist = roles.index("unit"), roles.index("assist")
    out: list[Doubt] = []
    for r, row in enumerate(rows):
        filled = [bool(c in row.cells and row.cells[c].text) for c in (unit, assist)]
        if sum(filled) != 1 or row.covered & {unit, assist}:
            continue
        below = rows[r + 1] if r + 1 < len(rows) else None
        if below is not None and unit in below.covered and assist in below.cells:
            continue  # a lead merged down, the rows below show their assisting units
        out.append(Doubt("unit-column-unsure", Location(line=row.line + 1, column=1)))
    return out
