"""Tables of real documents (Word, Excel, HTML, PDF) to Tables parse/ can read.

Each reader lays its table out as a full grid of slots, one per row and grid column, where the
slots of one merged cell share an ``origin`` (and its text). ``grid_blocks`` then decides what a
merged cell means, the same way for every format:

- a cell merged down (rowspan, vMerge, a merged Excel range) repeats its text in every row it
  covers: rows sharing a unit or deadline cell share the owner, and a repeated heading only sets
  the same section again;
- except in the requirement column: rows that share one requirement cell are one item, so they
  are folded into the first of them, the other columns' distinct texts joined with a line break
  (a requirement with two unit rows gets both units);
- a cell merged across (colspan, gridSpan) is kept once in body rows (the row is shorter than
  the header and parse aligns it by content), but repeated in the header row so the header
  names every grid column (a "工作任务" over two columns names a group and a requirement column);
- a row that is one cell merged across the requirement column and more (a heading spanning the
  table) is a heading: when the table has a group column the text goes there, the other cells
  left empty, so it sets the section instead of becoming an item;
- rows above the header row (a title row inside the table, an Excel title block) become
  Paragraphs before the table; entirely blank rows are dropped;
- a cell merged down whose text is longer than ``Limits.max_repeat_chars`` (a heading or note,
  never a unit or a deadline) is kept in its first row only: repeating 110,000 characters in
  each of 300 rows would hand parse/ and every rule 33 million characters to re-read.
"""

from __future__ import annotations

from dataclasses import dataclass

from planlint.model import Block, Cell, Location, Paragraph, Table
from planlint.readers.limits import Limits
from planlint.textnorm import normalize
from planlint.vocab import header_role, is_header_row

HEADER_SEARCH = 30  # rows searched for the header (Excel title blocks can be tall)


@dataclass
class Slot:
    text: str
    loc: Location
    origin: object  # equal for every slot of one (merged) cell


def clean(text: str) -> str:
    """Cell text: unified line breaks, no blank or padded lines, no NBSPs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _distinct(row: list[Slot]) -> list[Slot]:
    """The row's cells, a cell merged across kept once."""
    out: list[Slot] = []
    for slot in row:
        if out and slot.origin is out[-1].origin:
            continue
        out.append(slot)
    return out


def _texts(row: list[Slot]) -> list[str]:
    return [normalize(s.text.replace("\n", "")) for s in _distinct(row)]


def find_header_row(rows: list[list[Slot]], limit: int = HEADER_SEARCH) -> int | None:
    for i, row in enumerate(rows[:limit]):
        if is_header_row(_texts(row)):
            return i
    return None


def _text_columns(header: list[Slot]) -> tuple[int | None, int | None]:
    """Grid columns of the first group and of the requirement (the last text column before the
    owner columns)."""
    # as parse/ sees it: a header cell merged across names every column it covers, so that
    # "工作任务" over two columns is a group column and then the requirement column
    roles = [header_role(normalize(s.text.replace("\n", ""))) if s.text else None for s in header]
    text_cols = [j for j, r in enumerate(roles) if r == "req"]
    if not text_cols:
        return None, None
    owner = next((j for j, r in enumerate(roles) if r in ("unit", "deadline")), len(roles))
    before = [j for j in text_cols if j < owner] or text_cols
    req = before[-1]
    group = before[0] if before[0] != req else None
    return group, req


def grid_blocks(rows: list[list[Slot]], loc: Location, limits: Limits | None = None) -> list[Block]:
    """Paragraphs (rows above the header) and the Table for one grid of slots."""
    repeat = (limits or Limits()).max_repeat_chars
    rows = [row for row in rows if any(s.text.strip() for s in row)]
    if not rows:
        return []
    head = find_header_row(rows)
    blocks: list[Block] = []
    if head:
        for row in rows[:head]:
            texts = [s.text.replace("\n", " ") for s in _distinct(row) if s.text.strip()]
            blocks.append(Paragraph(" ".join(texts), row[0].loc))
    group, req = _text_columns(rows[head]) if head is not None else (None, None)
    body: list[list[Slot]] = []
    start = (head + 1) if head is not None else 0
    for index, row in enumerate(rows[start:], start):
        prev = body[-1] if body and index > start else None
        if (
            prev is not None
            and req is not None
            and req < len(row)
            and req < len(prev)
            and row[req].origin is prev[req].origin
        ):
            _fold(prev, row, rows[index - 1])
            continue
        body.append(list(row))
    out_rows: list[list[Cell]] = []
    if head is not None:
        out_rows.append([Cell(s.text, s.loc) for s in rows[head]])
    above: list[Slot] | None = None
    for row in body:
        row, above = _unrepeated(row, above, repeat), row
        cells = [Cell(s.text, s.loc) for s in _distinct(row)]
        if group is not None and req is not None and _is_heading_row(row, req):
            # a heading merged across the requirement and more: it belongs in the group column
            cells = [Cell(s.text if j == group else "", s.loc) for j, s in enumerate(row)]
        out_rows.append(cells)
    blocks.append(Table(out_rows, loc, grid=True))
    return blocks


def _unrepeated(row: list[Slot], above: list[Slot] | None, repeat: int) -> list[Slot]:
    """The row with each long text merged down from the row above left out (kept once)."""
    if above is None:
        return row
    out = list(row)
    for j, slot in enumerate(row):
        same = j < len(above) and slot.origin is above[j].origin
        if same and len(slot.text) > repeat:
            out[j] = Slot("", slot.loc, slot.origin)
    return out


def _is_heading_row(row: list[Slot], req: int) -> bool:
    """One cell, merged across the requirement column and at least one other column."""
    filled = {id(s.origin) for s in row if s.text.strip()}
    if len(filled) != 1 or req >= len(row) or not row[req].text.strip():
        return False
    origin = row[req].origin
    return sum(1 for s in row if s.origin is origin) > 1


def _fold(target: list[Slot], row: list[Slot], above: list[Slot]) -> None:
    """Fold a row into the previous one (they share one requirement cell)."""
    for j, slot in enumerate(row):
        if j >= len(target) or not slot.text.strip():
            continue
        if j < len(above) and slot.origin is above[j].origin:
            continue  # the same merged cell again
        have = target[j].text
        if slot.text in have.split("\n"):
            continue
        target[j] = Slot(
            f"{have}\n{slot.text}" if have else slot.text, target[j].loc, target[j].origin
        )
