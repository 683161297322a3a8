"""Column roles: which column of a table holds the task, the owner, the deadline.

Roles come from the header row's names when there is one (vocab.header_role), else from what
the cells of each column look like. Flattened dumps with no header at all fall back on the
column order division plans use (序号, 工作任务, 具体要求, 责任单位, 完成时限).
"""

from __future__ import annotations

from dataclasses import dataclass

from planlint.cellkinds import is_deadline_like, is_placeholder, is_unit_like
from planlint.model import Cell
from planlint.textnorm import normalize
from planlint.vocab import header_role, is_header_row, resolve_text_roles

# The usual column order of a division plan, for a flattened table whose header is not there.
DEFAULT_ROLES: tuple[str, ...] = ("seq", "group", "req", "unit", "deadline")


@dataclass
class Columns:
    roles: list[str | None]
    header: list[str]

    @property
    def has_units(self) -> bool:
        return "unit" in self.roles

    @property
    def has_deadlines(self) -> bool:
        return "deadline" in self.roles

    @property
    def unit_is_lead(self) -> bool:
        """A column named 牵头单位 names leads, whatever its cells say."""
        return any(
            r == "unit" and "牵头" in h for r, h in zip(self.roles, self.header, strict=False)
        )

    @classmethod
    def default(cls) -> Columns:
        return cls(list(DEFAULT_ROLES), [""] * len(DEFAULT_ROLES))


def header_key(cells: list[Cell]) -> list[str]:
    return [normalize(c.text.replace("\n", "")) for c in cells]


def find_header(rows: list[list[Cell]], limit: int = 6) -> int | None:
    for i, row in enumerate(rows[:limit]):
        if is_header_row(header_key(row)):
            return i
    return None


def columns_from_header(row: list[Cell], below: list[Cell] | None = None) -> Columns:
    """Roles from the header row; a second header row under a merged cell (责任分工 over
    牵头单位 | 配合单位) names the columns it splits."""
    header = header_key(row)
    if below is not None:
        for i, name in enumerate(header_key(below)[: len(header)]):
            if name:
                header[i] = name
    roles: list[str | None] = [header_role(h) if h else None for h in header]
    # a run of empty header cells at the end is the dump's row terminator, not a column
    while roles and roles[-1] is None and not header[-1]:
        roles.pop()
        header.pop()
    return Columns(resolve_text_roles(roles), header)


def header_rows(rows: list[list[Cell]], first: int) -> int:
    """How many rows the header takes: 2 when the row under it only names columns too."""
    if first + 1 >= len(rows):
        return 1
    texts = [t for t in header_key(rows[first + 1]) if t]
    named = [t for t in texts if header_role(t)]
    return 2 if named and len(named) == len(texts) else 1


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
    return Columns(resolve_text_roles(roles), [""] * width)
