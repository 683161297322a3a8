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
import re
import warnings
from collections.abc import Iterator

from planlint.messages import Phrase
from planlint.model import Block, Document, Location
from planlint.readers.grid import Slot, clean, grid_blocks
from planlint.readers.limits import Limits, exceeded

Box = tuple[int, int, int, int]  # first row, first column, last row, last column


def read_xlsx(data: bytes, path: str, limits: Limits | None = None, fmt: str = "xlsx") -> Document:
    """Read a workbook whose container ``limits.check_zip`` has verified.

    openpyxl runs in read-only (streaming) mode: its normal mode creates an object for every
    cell of every merged range, 17 billion for a range A1:XFD1048576, before planlint sees a
    single one. Streaming, only cells holding a value are kept, the used range they span is
    held to ``max_cells``, and merged ranges (read from the sheet XML) are clipped to it.
    """
    import openpyxl  # heavy: only when a workbook is read
    from openpyxl.utils import get_column_letter

    limits = limits or Limits()
    with warnings.catch_warnings():  # "unsupported extension", "invalid specification" …
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        blocks: list[Block] = []
        try:
            for ws in wb.worksheets:
                if ws.sheet_state != "visible":
                    continue
                blocks.extend(_sheet(wb, ws, path, limits, get_column_letter))
        finally:
            wb.close()
    return Document(path, fmt, blocks)


def _cells(wb, ws) -> Iterator[tuple[int, int, object]]:
    """Row, column and value of every cell the sheet XML holds, streamed, none invented.

    ``iter_rows`` would pad each row out to its last cell (16,384 slots for one styled cell in
    column XFD), so the sheet's own parser is driven directly, as ``iter_rows`` drives it.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    with ws._get_source() as src:
        parser = WorkSheetParser(
            src,
            ws._shared_strings,
            data_only=True,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        for _, row in parser.parse():
            for cell in row:
                yield cell["row"], cell["column"], cell["value"]


def _values(wb, ws, path: str, limits: Limits) -> dict[tuple[int, int], str]:
    """The rendered text of every cell holding a value (styled empty cells do not count)."""
    values: dict[tuple[int, int], str] = {}
    for r, c, value in _cells(wb, ws):
        if value is None:
            continue
        text = render(value)
        if text:
            values[(r, c)] = text
            if len(values) > limits.max_cells:
                what = Phrase("sheet-too-many-values", sheet=ws.title, limit=limits.max_cells)
                raise exceeded(path, what, "max_cells", limits)
    return values


_MERGE = re.compile(
    rb"<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref\s*=\s*[\"']\s*([A-Za-z]{1,3}[0-9]{1,7})"
    rb"(?::([A-Za-z]{1,3}[0-9]{1,7}))?\s*[\"']"
)


def _merged_ranges(wb, ws) -> list[Box]:
    """The sheet's merged ranges as written (``<mergeCell ref="B2:D9"/>``), not yet clipped."""
    from openpyxl.utils.cell import coordinate_to_tuple

    xml = wb._archive.read(ws._worksheet_path)  # verified: at most max_xml_bytes
    boxes: list[Box] = []
    for m in _MERGE.finditer(xml):
        first = coordinate_to_tuple(m.group(1).decode().upper())
        last = coordinate_to_tuple((m.group(2) or m.group(1)).decode().upper())
        r0, r1 = sorted((first[0], last[0]))
        c0, c1 = sorted((first[1], last[1]))
        boxes.append((r0, c0, r1, c1))
    return boxes


def _used_range(values: dict[tuple[int, int], str]) -> Box | None:
    """First/last row and column holding a value."""
    if not values:
        return None
    rows = [r for r, _ in values]
    cols = [c for _, c in values]
    return min(rows), min(cols), max(rows), max(cols)


def _merged_slots(
    boxes: list[Box], used: Box, values: dict[tuple[int, int], str]
) -> dict[tuple[int, int], tuple[object, str]]:
    """Every slot of a merged range, clipped to the used range, with the range's top-left
    text: a range A1:XFD1048576 over a 20 x 5 table costs 100 slots, not 17 billion."""
    r0, c0, r1, c1 = used
    merged: dict[tuple[int, int], tuple[object, str]] = {}
    for box in boxes:
        text = values.get((box[0], box[1]), "")
        for r in range(max(box[0], r0), min(box[2], r1) + 1):
            for c in range(max(box[1], c0), min(box[3], c1) + 1):
                merged[(r, c)] = (("range", box), text)
    return merged


def _sheet(wb, ws, path: str, limits: Limits, letter) -> list[Block]:
    values = _values(wb, ws, path, limits)
    used = _used_range(values)
    if used is None:
        return []
    r0, c0, r1, c1 = used
    area = (r1 - r0 + 1) * (c1 - c0 + 1)
    if area > limits.max_cells:
        span = f"{letter(c0)}{r0}:{letter(c1)}{r1}"
        what = Phrase("sheet-too-large", sheet=ws.title, area=area, span=span)
        raise exceeded(path, what, "max_cells", limits)
    # every slot of a merged range shares the range as origin and its top-left value
    merged = _merged_slots(_merged_ranges(wb, ws), used, values)
    grid: list[list[Slot]] = []
    for r in range(r0, r1 + 1):
        row: list[Slot] = []
        for c in range(c0, c1 + 1):
            loc = Location(sheet=ws.title, cell=f"{letter(c)}{r}")
            if (r, c) in merged:
                origin, text = merged[(r, c)]
            else:
                origin, text = (r, c), values.get((r, c), "")
            row.append(Slot(text, loc, origin))
        grid.append(row)
    _share_origins(grid)
    return grid_blocks(grid, Location(sheet=ws.title, cell=f"{letter(c0)}{r0}"), limits)


def _share_origins(grid: list[list[Slot]]) -> None:
    """Make the slots of one merged range share one origin object (grid compares identity)."""
    keys: dict[object, object] = {}
    for row in grid:
        for slot in row:
            slot.origin = keys.setdefault(_key(slot.origin), object())


def _key(origin: object) -> object:
    return origin


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
