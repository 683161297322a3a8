"""A table flattened into a run of cells with no row boundaries (web pages saved as text).

The header's column names tell which kinds of cell to expect. Headings (一、 (一) …, often split
over several cells) set the section; requirement cells wait until a unit cell and a deadline cell
arrive, which they then share: several requirement paragraphs may share one owner and one date.
"""

from __future__ import annotations

from planlint.model import Cell, CellStream
from planlint.parse.builder import ItemBuilder, ends_sentence, squash_heading
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
from planlint.vocab import header_role

_HEADING_MAX = 40  # a numbered cell longer than this is a requirement, not a heading
_FRAGMENT_MAX = 30  # a heading continues over short cells


def read_stream(stream: CellStream, build: ItemBuilder) -> bool:
    """Add the stream's items; True when its header names a responsible-unit column."""
    cells = stream.cells
    start = 0
    while start < len(cells) and header_role(normalize(cells[start].text)):
        start += 1
    roles = [header_role(normalize(c.text)) for c in cells[:start]]
    has_deadline = "deadline" in roles
    body = cells[start:]
    pending: list[Cell] = []
    unit_cell: Cell | None = None
    heading_open = False  # the last cell was part of a heading that may go on
    heading_parts: list[Cell] = []
    has_seq = "seq" in roles
    seqs: dict[int, str] = {}  # id(pending cell) -> the row number before it

    def flush(deadline: Cell | None) -> None:
        nonlocal pending, unit_cell
        units = split_units(unit_cell.text) if unit_cell else None
        for cell in pending:
            seq = seqs.get(id(cell)) if len(pending) == 1 else None
            build.add(cell.text, cell.loc, units, deadline.text if deadline else None, seq=seq)
        pending, unit_cell = [], None

    next_seq: str | None = None

    for i, cell in enumerate(body):
        text = cell.text.strip()
        if not text:
            continue
        if is_chrome(text):
            build.keep(text, cell.loc, "chrome")
            continue
        nxt = _next_text(body, i)
        if has_seq and text.isdigit():  # a row number: the row before it is complete
            if unit_cell is not None:
                flush(None)
            next_seq = text
            heading_open = False
            continue
        if is_unit_like(text) or is_placeholder(text):
            if not pending and heading_parts and len(heading_parts) > 1:
                # the last "heading fragment" was in fact a short requirement
                pending.append(heading_parts.pop())
                build.sections.replace_deepest(_joined(heading_parts))
            unit_cell = cell
            heading_open = False
            if not has_deadline:
                flush(None)
            continue
        if is_deadline_like(text) and (unit_cell is not None or pending):
            flush(cell)
            heading_open = False
            continue
        mk = marker(text)
        looks_heading = (
            mk is not None
            and mk.level <= 4
            and cjk_len(text) <= _HEADING_MAX
            and nxt is not None
            and not (is_unit_like(nxt) or is_placeholder(nxt))
        )
        if looks_heading:
            if unit_cell is not None or pending:
                flush(None)
            build.heading(text, cell.loc)
            heading_parts = [cell]
            heading_open = not ends_sentence(text)
            continue
        if heading_open and cjk_len(text) <= _FRAGMENT_MAX and not pending:
            heading_parts.append(cell)
            build.extend_heading(text)
            heading_open = not ends_sentence(text)
            continue
        heading_open = False
        heading_parts = []
        if unit_cell is not None:  # a group with a unit but no deadline cell
            flush(None)
        if next_seq is not None:
            seqs[id(cell)] = next_seq
            next_seq = None
        pending.append(cell)
    if unit_cell is not None:
        flush(None)
    # what is left after the last owner: requirements only if they read like tasks
    for cell in pending:
        if cjk_len(cell.text) >= 15:
            build.add(cell.text, cell.loc, None, None)
        else:
            build.keep(cell.text, cell.loc)
    return "unit" in roles


def _joined(cells: list[Cell]) -> str:
    return squash_heading("".join(c.text for c in cells))


def _next_text(cells: list[Cell], i: int) -> str | None:
    for cell in cells[i + 1 :]:
        if cell.text.strip() and not is_chrome(cell.text):
            return cell.text
    return None
