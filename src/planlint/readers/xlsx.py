"""Excel .xlsx plans, read with openpyxl (cached formula values, merged ranges kept).

- Every visible worksheet with content is read; hidden sheets (lookup lists, drafts) and chart
  sheets are skipped. Several sheets are sections of one plan, in workbook order: each sheet's
  table follows the previous one, so a sheet with no header of its own continues the previous
  sheet's columns (parse/ joins them as it joins table fragments). The sheet name is kept in
  every Location, not emitted as text.
- A merged range spreads its top-left value over the range; ``grid.grid_blocks`` then repeats
  it down (units, deadlines, headings shared by several rows), keeps it once across, and folds
  rows that share one merged requirement cell into one item.
- The header row is looked for in the sheet's first rows (not assumed to be row 1); the title
  block above it becomes Paragraphs.
- Values are rendered as a reader sees them: dates as "2024年6月30日", whole numbers without
  ".0".

Locations: ``Location(sheet=name, cell="B7")``.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings

from planlint.errors import ReadError
from planlint.model import Block, Document, Location
from planlint.readers.grid import Slot, clean, grid_blocks
from planlint.readers.limits import Limits


def read_xlsx(data: bytes, path: str, limits: Limits | None = None, fmt: str = "xlsx") -> Document:
    import openpyxl  # heavy: only when a workbook is read
    from openpyxl.utils import get_column_letter

    limits = limits or Limits()
    with warnings.catch_warnings():  # "unsupported extension", "invalid specification" …
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    blocks: list[Block] = []
    try:
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            blocks.extend(_sheet(ws, path, limits, get_column_letter))
    finally:
        wb.close()
    return Document(path, fmt, blocks)


def _used_range(ws) -> tuple[int, int, int, int] | None:
    """First/last row and column holding a value (styled empty cells do not count)."""
    cells = getattr(ws, "_cells", None)
    if cells is None:
        return (1, 1, ws.max_row, ws.max_column) if ws.max_row else None
    keys = [k for k, c in cells.items() if c.value is not None and str(c.value).strip()]
    if not keys:
        return None
    rows = [r for r, _ in keys]
    cols = [c for _, c in keys]
    return min(rows), min(cols), max(rows), max(cols)


def _sheet(ws, path: str, limits: Limits, letter) -> list[Block]:
    used = _used_range(ws)
    if used is None:
        return []
    r0, c0, r1, c1 = used
    if (r1 - r0 + 1) * (c1 - c0 + 1) > limits.max_cells:
        raise ReadError(path, f"sheet {ws.title} spans more than {limits.max_cells} cells")
    # every slot of a merged range shares the range as origin and its top-left value
    merged: dict[tuple[int, int], tuple[object, str]] = {}
    for rng in ws.merged_cells.ranges:
        top = ws.cell(rng.min_row, rng.min_col).value
        text = render(top)
        for r in range(max(rng.min_row, r0), min(rng.max_row, r1) + 1):
            for c in range(max(rng.min_col, c0), min(rng.max_col, c1) + 1):
                merged[(r, c)] = (rng, text)
    grid: list[list[Slot]] = []
    for r in range(r0, r1 + 1):
        row: list[Slot] = []
        for c in range(c0, c1 + 1):
            loc = Location(sheet=ws.title, cell=f"{letter(c)}{r}")
            if (r, c) in merged:
                origin, text = merged[(r, c)]
            else:
                origin, text = (r, c), render(ws.cell(row=r, column=c).value)
            row.append(Slot(text, loc, origin))
        grid.append(row)
    _share_origins(grid)
    return grid_blocks(grid, Location(sheet=ws.title, cell=f"{letter(c0)}{r0}"))


def _share_origins(grid: list[list[Slot]]) -> None:
    """Make the slots of one merged range share one origin object (grid compares identity)."""
    keys: dict[object, object] = {}
    for row in grid:
        for slot in row:
            slot.origin = keys.setdefault(_key(slot.origin), object())


def _key(origin: object) -> object:
    return origin if isinstance(origin, tuple) else ("range", str(origin))


def render(value: object) -> str:
    """A cell value as the sheet shows it, give or take number formats."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.hour or value.minute or value.second:
            return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.10g}"
    text = str(value)
    text = text.replace("_x000D_", "")
    return clean(text)
