"""Tables and cell streams to items: find the header, recover the rows, read each row.

Every table-like block takes one way: header -> column roles (columns.py) -> rows with each cell
in its column (rows.py) -> items (here). A real grid is read by position; a flattened dump or
stream is decoded by content. Cells the plan puts in columns with no role (备注, 科室负责人) and
cells left out of the table are kept as unplaced text, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from planlint.cellkinds import cjk_len, marker
from planlint.model import Cell, CellStream, Location, Table
from planlint.parse.builder import ItemBuilder, join_lines
from planlint.parse.cells import is_chrome, split_units
from planlint.parse.columns import (
    Columns,
    columns_from_header,
    find_header,
    header_key,
    header_rows,
    infer_columns,
)
from planlint.parse.rows import Placed, Row, decode_scored, rows_by_position
from planlint.textnorm import normalize
from planlint.vocab import ends_sentence, header_role, is_header_row

_WRAP_MAX = 30  # a heading goes on over short pieces only
_HEADER_SCAN = 60  # how far into a stream its header may stand (after a title, a notice)


@dataclass
class TableReading:
    """What reading a table or stream showed about it, for judging the reading: its columns,
    how badly its cells fitted their columns (summed row costs), and the rows that fitted
    worst."""

    columns: Columns | None
    cost: float = 0.0
    costly: list[Location] = field(default_factory=list)
    # rows whose units may stand in the other unit column (lead or assisting): see _unsure
    unsure: list[Location] = field(default_factory=list)


def read_table(table: Table, previous: Columns | None, build: ItemBuilder) -> TableReading:
    """Add a table's items; ``previous`` are the columns of the table before it, which a
    table with no header of its own continues (a table split at a page break)."""
    header = find_header(table.rows)
    breaks = set(table.breaks)
    if header is not None:
        span = header_rows(table.rows, header)
        below = table.rows[header + 1] if span == 2 else None
        cols: Columns | None = columns_from_header(table.rows[header], below)
        for row in table.rows[:header]:
            for cell in row:
                build.keep(cell.text, cell.loc, "title")
        body = table.rows[header + span :]
        breaks = {b - header - span for b in breaks if b >= header + span}
    else:
        same_width = previous is not None and all(
            len(r) == len(previous.roles) for r in table.rows if r
        )
        cols = previous if same_width else infer_columns(table.rows)
        if cols is None and not table.grid:
            cols = Columns.default()
        body = table.rows
    if cols is None:
        for row in table.rows:
            for cell in row:
                build.keep(cell.text, cell.loc)
        return TableReading(None)
    # a row that fills the grid is read by position, any other by content
    rows = rows_by_position(body, cols.roles, trusted=table.grid)
    read_rows(rows, cols, build, breaks, fill_merged=not table.merges_expanded)
    return _reading(cols, rows)


_COSTLY_ROW = 2  # cells that fit their column badly, or were left out, in one row


def _reading(cols: Columns, rows: list[Row]) -> TableReading:
    costly = [r.loc for r in rows if r.cost >= _COSTLY_ROW]
    return TableReading(cols, sum(r.cost for r in rows), costly)


def read_stream(stream: CellStream, build: ItemBuilder) -> TableReading:
    """Add the items of a table flattened into a run of cells with no row boundaries."""
    cells = stream.cells
    head, width = _stream_header(cells)
    if head is None:
        cols = Columns.default()
        body_start = 0
    else:
        cols = columns_from_header(_unfold_header(cells[head : head + width]))
        for cell in cells[:head]:
            build.keep(cell.text, cell.loc, "preamble" if not is_chrome(cell.text) else "chrome")
        body_start = head + width
    body = cells[body_start:]
    starts = [stream.row_hints.get(body_start + i, 0.0) for i in range(len(body))]
    cols, decoded = max(
        (
            (c, decode_scored(body, c.roles, starts, stream.pieces))
            for c in _with_running_numbers(cols, body)
        ),
        key=lambda pair: pair[1].score,
    )
    rows = decoded.rows
    read_rows(rows, cols, build, set())
    reading = _reading(cols, rows)
    if stream.blanks_hidden:
        reading.unsure = _unsure(rows, cols)
    return reading


def _unsure(rows: list[Row], cols: Columns) -> list[Location]:
    """Rows of a stream that shows no empty cells, under a lead and an assisting unit column,
    with units in only one of the two: whether the other was blank, merged with the row
    above, or the units belong in it, the text does not say."""
    if not {"unit", "assist"} <= set(cols.roles):
        return []
    out: list[Location] = []
    for row in rows:
        if not any(p.cell.text.strip() for p in row.all("req")):
            continue
        filled = [any(p.cell.text.strip() for p in row.all(r)) for r in ("unit", "assist")]
        if sum(filled) == 1:
            out.append(row.loc)
    return out


def _unfold_header(cells: list[Cell]) -> list[Cell]:
    """A two-row header flattened into a stream: "责任分工" spans 牵头单位 | 配合单位, which the
    dump writes after the last column of the first row. The sub-names take the spanning
    name's place: 序号 工作任务 责任分工 完成时限 牵头单位 配合单位 -> … 牵头单位 配合单位 完成时限."""
    roles = [header_role(normalize(c.text)) for c in cells]
    tail = len(roles)
    while tail > 0 and roles[tail - 1] in ("unit", "assist"):
        tail -= 1
    subs = cells[tail:]
    spanning = [i for i in range(tail) if roles[i] == "unit"]
    if len(subs) < 2 or len(spanning) != 1 or not any(r == "deadline" for r in roles[:tail]):
        return cells
    i = spanning[0]
    return [*cells[:i], *subs, *cells[i + 1 : tail]]


def _with_running_numbers(cols: Columns, body: list[Cell]) -> list[Columns]:
    """The columns, and where the header names no number column but the rows are numbered
    (a blank or merged header cell), the same with one: at the front, or right before the
    task column. The decoding that explains the cells best (the decoder's score) tells which."""
    numbers = sum(1 for c in body[: _HEADER_SCAN * 4] if c.text.strip().isdigit())
    if "seq" in cols.roles or numbers < 2:
        return [cols]
    out = [cols, Columns(["seq", *cols.roles], ["", *cols.header])]
    if "req" in cols.roles:
        at = cols.roles.index("req")
        roles = [*cols.roles[:at], "seq", *cols.roles[at:]]
        out.append(Columns(roles, [*cols.header[:at], "", *cols.header[at:]]))
    return out


def _stream_header(cells: list[Cell]) -> tuple[int | None, int]:
    """Where a stream's header starts and how many cells it has: the first run of column
    names that makes a header row (empty cells inside the run are its blank header cells)."""
    i = 0
    limit = min(len(cells), _HEADER_SCAN)
    while i < limit:
        run = 0
        while i + run < len(cells) and (
            header_role(normalize(cells[i + run].text)) or not cells[i + run].text.strip()
        ):
            run += 1
        texts = [normalize(c.text) for c in cells[i : i + run]]
        if run >= 2 and is_header_row(texts):
            while run and not texts[run - 1]:  # trailing empties belong to the body
                run -= 1
            return i, run
        i += max(run, 1)
    return None, 0


def read_rows(
    rows: list[Row],
    cols: Columns,
    build: ItemBuilder,
    breaks: set[int],
    fill_merged: bool = True,
) -> None:
    """Add the items of the rows: headings from group cells, one item per task cell (a
    cell holding several numbered tasks gives several), sharing the row's owner and date.

    A decoded row with no cell, or an empty one, for the owner or the deadline had it merged
    with the row above (dumps write a vertically merged cell once, and leave its other rows
    empty or out): it takes the row above's, within the same task group. Text tables do the
    same (``fill_merged``) for a row inside a merged task group (the table has a group column
    and the row's group cell is blank too): pandoc, LibreOffice, Calc's CSV write a merged cell
    on its first row only. A row whose cells after the task are all empty is blank, not
    merged: there nobody owns the task. Tables whose reader expanded merges keep blanks blank.
    """
    key = cols.header
    group_cols = [j for j, r in enumerate(cols.roles) if r == "group"]
    above: dict[str, Cell | None] = {"unit": None, "deadline": None, "assist": None}
    own_task: _OwnTask | None = None
    for index, row in enumerate(rows):
        texts = header_key([p.cell for p in row.cells])
        if texts == key or is_header_row([t for t in texts if t]):
            for placed in row.cells:  # the header repeated after a page break
                build.keep(placed.cell.text, placed.cell.loc, "header")
            continue
        after_break = index in breaks
        groups = _join_wrapped(p for p in row.all("group") if p.cell.text.strip())
        if groups:
            above = dict.fromkeys(above)
            last = groups[-1].cell.text.strip()
            if own_task and after_break and not marker(last) and build.sections.levels:
                own_task.text += last  # the task cell goes on after a page break
            else:
                _title_single_row_task(own_task, build)
                own_task = _OwnTask(last, len(build.items))
        for placed in groups:
            text = placed.cell.text.strip()
            level = group_cols.index(placed.col) + 1 if placed.col in group_cols else 1
            if after_break and not marker(text) and build.sections.levels:
                build.extend_heading(text)
            else:
                build.heading(text, placed.cell.loc, default_level=level)
        found = {role: _joined(row.all(role)) for role in above}
        blank_row = _blank_after_task(row)
        merged = row.decoded or (fill_merged and bool(group_cols) and not groups)
        for role, cell in found.items():
            if merged and (cell is None or (not cell.text.strip() and not blank_row)):
                found[role] = above[role]
        reqs = [p.cell for p in row.all("req") if p.cell.text.strip()]
        for placed in row.cells:
            if placed.role not in ("seq", "group", "req", *above) and placed.cell.text.strip():
                build.keep(placed.cell.text, placed.cell.loc, "column")
        for cell in row.extra:
            build.keep(cell.text, cell.loc, "chrome" if is_chrome(cell.text) else "unknown")
        if not reqs:  # owner or date cells with no task to go with: kept, not dropped
            for placed in row.cells:
                if placed.role in above and placed.cell.text.strip():
                    build.keep(placed.cell.text, placed.cell.loc, "unknown")
            continue
        above.update({r: c for r, c in found.items() if c is not None})
        _add_row_items(row, reqs, found, cols, build, after_break)
    _title_single_row_task(own_task, build)


@dataclass
class _OwnTask:
    """A task-group cell and where its items begin in the builder."""

    text: str
    first: int


def _title_single_row_task(task: _OwnTask | None, build: ItemBuilder) -> None:
    """A task cell that spans one row only, over a single item, is that item's own title, not
    a heading over several: "加强政务公开业务培训 | 每年组织不少于1次" is one task, and the item
    asks for what its title names. A heading merged over several rows only confirms what each
    of its items is about (see match)."""
    if task is None or len(build.items) - task.first != 1:
        return
    item = build.items[task.first]
    item.title = task.text
    item.match_text = normalize(task.text + "，" + item.text)


def _blank_after_task(row: Row) -> bool:
    """Whether the row has cells after its task and every one of them is empty."""
    req = next((p.col for p in row.cells if p.role == "req"), None)
    after = [p for p in row.cells if req is not None and p.col > req]
    return bool(after) and not any(p.cell.text.strip() for p in after)


def _joined(pieces: list[Placed]) -> Cell | None:
    """One cell from the pieces a dump wrote a cell in (a unit list one unit a line)."""
    if len(pieces) <= 1:
        return pieces[0].cell if pieces else None
    texts = [p.cell.text for p in pieces if p.cell.text.strip()]
    return Cell("\n".join(texts), pieces[0].cell.loc, pieces[0].cell.file_lines)


def _join_wrapped(groups: Iterable[Placed]) -> list[Placed]:
    """A heading wrapped over two cells of one column ("二、提升政策解读和" + "回应关切水平")
    is one heading: an unnumbered piece after an unfinished one continues it."""
    out: list[Placed] = []
    for placed in groups:
        text = placed.cell.text.strip()
        if out and out[-1].col == placed.col and not marker(text):
            last = out[-1]
            if not ends_sentence(last.cell.text) and cjk_len(text) <= _WRAP_MAX:
                joined = Cell(last.cell.text.rstrip() + text, last.cell.loc, last.cell.file_lines)
                out[-1] = Placed(joined, last.role, last.col)
                continue
        out.append(placed)
    return out


def _add_row_items(
    row: Row,
    reqs: list[Cell],
    found: dict[str, Cell | None],
    cols: Columns,
    build: ItemBuilder,
    after_break: bool,
) -> None:
    unit, deadline_cell, assist = found["unit"], found["deadline"], found["assist"]
    units = split_units(unit.text) if unit else None
    if units and cols.unit_is_lead and not units.leads:
        units.leads = [n for n in units.names if n not in units.assisting]
    deadline = deadline_cell.text if deadline_cell else None
    assisting = split_units(assist.text).names if assist else []
    seq_cell = row.first("seq")
    seq_text = re.sub(r"\s+", "", seq_cell.text) if seq_cell else ""  # "1\n0": a wrapped 10
    seq = seq_text if seq_text.isdigit() else None
    for k, cell in enumerate(reqs):
        req = cell.text.strip()
        if after_break and k == 0 and _continues(req, build):
            build.continue_last(req, units, deadline)
            continue
        if len(reqs) == 1 and _heading_row(req, seq, unit, deadline_cell, assist):
            build.heading(req, cell.loc)
            continue
        build.add(
            req,
            cell.loc,
            units,
            deadline,
            seq if len(reqs) == 1 else None,
            assisting,
            file_lines=cell.file_lines,
        )


def _heading_row(
    text: str, seq: str | None, unit: Cell | None, deadline: Cell | None, assist: Cell | None
) -> bool:
    """A row holding only a short 一、/(一) title in the requirement column is a heading
    (a task group written as a row across the table)."""
    mk = marker(text)
    empty = not any(c and c.text.strip() for c in (unit, deadline, assist))
    return bool(
        mk
        and mk.level <= 2
        and empty
        and not seq
        and cjk_len(text) <= 30
        and not ends_sentence(text)
    )


def _continues(text: str, build: ItemBuilder) -> bool:
    """Whether a requirement cell right after a page break continues the previous item."""
    if not build.items or marker(join_lines(text)):  # "1" / "2. …": a wrapped 12.
        return False
    last = build.items[-1].text
    return build.numbered or not ends_sentence(join_lines(last))
