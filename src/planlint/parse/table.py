"""Tables to items: find the header, map columns to roles, read each row.

Rows of a real grid are read by position. Rows of a flattened dump (merged cells dropped, empty
cells moved) are aligned to the columns by content: a small dynamic programme picks the
monotone assignment of cells to columns whose cells fit their column best.
"""

from __future__ import annotations

from dataclasses import dataclass

from planlint.model import Cell, Location, Table
from planlint.parse.builder import ItemBuilder, ends_sentence, join_lines
from planlint.parse.cells import (
    cjk_len,
    is_chrome,
    is_deadline_like,
    is_placeholder,
    is_unit_like,
    marker,
    split_units,
)
from planlint.textnorm import normalize
from planlint.vocab import header_role, is_header_row


@dataclass
class Columns:
    roles: list[str | None]
    header: list[str]

    @property
    def has_units(self) -> bool:
        return "unit" in self.roles

    @property
    def unit_is_lead(self) -> bool:
        """A column named 牵头单位 names leads, whatever its cells say."""
        return any(
            r == "unit" and "牵头" in h for r, h in zip(self.roles, self.header, strict=False)
        )


def find_header(rows: list[list[Cell]], limit: int = 6) -> int | None:
    for i, row in enumerate(rows[:limit]):
        if is_header_row([normalize(c.text) for c in row]):
            return i
    return None


def columns_from_header(row: list[Cell], below: list[Cell] | None = None) -> Columns:
    """Roles from the header row; a second header row under a merged cell (责任分工 over
    牵头单位 | 配合单位) names the columns it splits."""
    header = [normalize(c.text.replace("\n", "")) for c in row]
    if below is not None:
        for i, cell in enumerate(below[: len(header)]):
            name = normalize(cell.text.replace("\n", ""))
            if name:
                header[i] = name
    roles: list[str | None] = [header_role(h) if h else None for h in header]
    return Columns(_resolve_text_roles(roles), header)


def header_rows(rows: list[list[Cell]], first: int) -> int:
    """How many rows the header takes: 2 when the row under it only names columns too."""
    if first + 1 >= len(rows):
        return 1
    texts = [normalize(c.text.replace("\n", "")) for c in rows[first + 1] if c.text.strip()]
    named = [t for t in texts if header_role(t)]
    return 2 if named and len(named) == len(texts) else 1


def _resolve_text_roles(roles: list[str | None]) -> list[str | None]:
    """The requirement is the last text column before the owner; text columns before it group."""
    text_cols = [i for i, r in enumerate(roles) if r == "req"]
    if not text_cols:
        return roles
    owner = next((i for i, r in enumerate(roles) if r in ("unit", "deadline")), len(roles))
    before = [i for i in text_cols if i < owner] or text_cols
    req = before[-1]
    return ["group" if (r == "req" and i != req) else r for i, r in enumerate(roles)]


def infer_columns(rows: list[list[Cell]]) -> Columns | None:
    """Roles for a table with no header row, from what its cells look like."""
    width = max((len(r) for r in rows), default=0)
    if width < 2:
        return None
    roles: list[str | None] = []
    for col in range(width):
        texts = [r[col].text for r in rows if col < len(r) and r[col].text.strip()]
        if not texts:
            roles.append(None)
            continue
        share = len(texts)
        if sum(t.strip().isdigit() for t in texts) * 10 >= share * 8:
            roles.append("seq")
        elif sum(is_unit_like(t) or is_placeholder(t) for t in texts) * 10 >= share * 6:
            roles.append("unit")
        elif sum(is_deadline_like(t) for t in texts) * 10 >= share * 6:
            roles.append("deadline")
        else:
            roles.append("req")
    if "req" not in roles or not ({"unit", "deadline"} & set(roles)):
        return None
    return Columns(_resolve_text_roles(roles), [""] * width)


# --- aligning cells of a flattened row to the columns ------------------------------------------


def _fit(text: str, role: str | None) -> float:
    n = cjk_len(text)
    unit = is_unit_like(text)
    deadline = is_deadline_like(text)
    mk = marker(text)
    if role == "seq":
        return 4 if text.strip().isdigit() else -6
    if role == "group":
        if unit or deadline:
            return -3
        if mk:
            return 3 if n <= 40 else -1
        return 1 if n <= 24 and not ends_sentence(text) else -2
    if role == "req":
        if (unit or deadline) and n <= 30:
            return -3
        return 2 + (1 if n > 20 else 0)
    if role in ("unit", "assist"):
        return 5 if unit else 4 if (role == "unit" and is_placeholder(text)) else -6
    if role == "deadline":
        return 5 if deadline else -6
    if role == "remark":
        return (2 if unit else 0.5) if n <= 40 else -1
    if role == "person":
        return 3 if normalize(text).endswith(("负责人", "长", "主任", "同志")) else -3
    return -1


_SKIP = -3.0  # the cost of leaving a cell out (a row with more cells than columns)


def align(texts: list[str], roles: list[str | None]) -> list[int]:
    """Column index for each cell (-1: left out): monotone, one cell a column except group
    columns, maximising how well each cell fits its column."""
    fits = [[_fit(text, role) for role in roles] for text in texts]
    states: dict[int, tuple[float, list[int]]] = {-1: (0.0, [])}
    for fit in fits:
        new: dict[int, tuple[float, list[int]]] = {}
        for last, (score, path) in states.items():
            skipped = (score + _SKIP, [*path, -1])
            if last not in new or skipped[0] > new[last][0]:
                new[last] = skipped
            for j in range(max(last, 0), len(roles)):
                if j == last and roles[j] != "group":
                    continue
                s = score + fit[j]
                if j not in new or s > new[j][0]:
                    new[j] = (s, [*path, j])
        states = new
    req = [i for i, r in enumerate(roles) if r == "req"]

    def total(entry: tuple[float, list[int]]) -> float:
        score, path = entry
        return score - (4 if req and req[0] not in path else 0)

    return max(states.values(), key=total)[1]


# --- reading rows ------------------------------------------------------------------------------


@dataclass
class RowCells:
    seq: str | None
    groups: list[tuple[int, Cell]]
    req: Cell | None
    unit: Cell | None
    assist: Cell | None
    deadline: Cell | None
    loc: Location
    other: list[Cell]


def _split_row(row: list[Cell], cols: Columns, grid: bool) -> RowCells:
    loc = row[0].loc if row else Location()
    cells = [c for c in row if not is_chrome(c.text)]
    if grid and len(cells) == len(cols.roles):
        pairs = list(zip(cells, cols.roles, strict=True))
    else:
        filled = [c for c in cells if c.text.strip()]
        roles = cols.roles
        columns = align([c.text for c in filled], roles)
        pairs = [(c, roles[j] if j >= 0 else None) for c, j in zip(filled, columns, strict=True)]
    out = RowCells(None, [], None, None, None, None, loc, [])
    group_index = 0
    for cell, role in pairs:
        if role == "seq":
            out.seq = cell.text.strip() or None
        elif role == "group":
            group_index += 1
            if cell.text.strip():
                out.groups.append((group_index, cell))
        elif role == "req" and out.req is None:
            out.req = cell
        elif role == "unit" and out.unit is None:
            out.unit = cell
        elif role == "assist" and out.assist is None:
            out.assist = cell
        elif role == "deadline" and out.deadline is None:
            out.deadline = cell
        elif role is None and cell.text.strip():
            out.other.append(cell)
    req_loc = out.req.loc if out.req and out.req.text.strip() else None
    out.loc = req_loc or loc
    return out


def read_table(table: Table, cols: Columns, body: list[list[Cell]], build: ItemBuilder) -> None:
    """Add the items of a table's body rows (header already removed) to the builder."""
    header_key = cols.header
    for index, row in enumerate(body):
        if [normalize(c.text.replace("\n", "")) for c in row] == header_key:
            continue  # a header repeated after a page break
        cells = _split_row(row, cols, table.grid)
        after_break = index in table.breaks
        for level, cell in cells.groups:
            text = cell.text.strip()
            if after_break and not marker(text) and build.sections.levels:
                build.extend_heading(text)
            else:
                build.heading(text, cell.loc, default_level=level)
        units = split_units(cells.unit.text) if cells.unit else None
        if units and cols.unit_is_lead and not units.leads:
            units.leads = [n for n in units.names if n not in units.assisting]
        deadline = cells.deadline.text if cells.deadline else None
        assisting = split_units(cells.assist.text).names if cells.assist else []
        req = cells.req.text.strip() if cells.req else ""
        if not req:
            for cell in cells.other:
                build.keep(cell.text, cell.loc)
            continue
        if after_break and _continues(req, build):
            build.continue_last(req, units, deadline)
            continue
        if _heading_row(req, cells):
            build.heading(req, cells.loc)
            continue
        seq = cells.seq if cells.seq and cells.seq.isdigit() else None
        file_lines = bool(cells.req and cells.req.file_lines)
        build.add(req, cells.loc, units, deadline, seq, assisting, file_lines=file_lines)


def _heading_row(text: str, cells: RowCells) -> bool:
    """A row holding only a short 一、/(一) title in the requirement column is a heading
    (a task group written as a row across the table)."""
    mk = marker(text)
    empty = not any(c and c.text.strip() for c in (cells.unit, cells.deadline, cells.assist))
    return bool(
        mk
        and mk.level <= 2
        and empty
        and not cells.seq
        and cjk_len(text) <= 30
        and not ends_sentence(text)
    )


def _continues(text: str, build: ItemBuilder) -> bool:
    """Whether a requirement cell right after a page break continues the previous item."""
    if not build.items or marker(text):
        return False
    last = build.items[-1].text
    return build.numbered or not ends_sentence(join_lines(last))
