"""HTML plans (saved web pages, Word "web page" exports), read with the stdlib html.parser.

- The charset comes from a BOM, else the page's ``<meta charset>`` or ``http-equiv`` content
  (GB2312/GBK read as GB18030, their superset), else the text reader's detection.
- Tables become grids: rowspan and colspan are expanded so every row has one slot per column
  and ``grid.grid_blocks`` treats the spans like merged Word cells. ``<br>`` and block elements
  (``<p>``, ``<div>`` …) inside a cell become "\\n".
- Old sites lay pages out with tables: a table that holds other tables, or has one column, is
  layout, and its cells' text is read as paragraphs around the tables inside it.
- Text outside tables becomes one Paragraph per block (``<p>``, ``<h1>``, ``<div>``, ``<br>`` …).
  Scripts, styles, forms and navigation (``<nav>``, ``<footer>``, ``<aside>``) are skipped.

Locations: ``Location(line=N)``, the source line where a cell's ``<td>`` or a paragraph's text
starts.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from planlint.errors import ReadError
from planlint.model import Block, Document, Location, Paragraph
from planlint.readers.decode import Decoded, decode_text
from planlint.readers.grid import Slot, clean, grid_blocks
from planlint.readers.limits import Limits

_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "title",
    "nav",
    "footer",
    "aside",
    "select",
    "button",
    "iframe",
    "svg",
    "object",
    "textarea",
    "math",
}
_BLOCK = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "dl",
    "form",
    "center",
    "address",
    "figure",
    "figcaption",
    "caption",
    "main",
    "fieldset",
    "tr",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "body",
    "html",
}
_GB = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "csgb2312", "euc-cn", "hz-gb-2312"}
_META = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([-\w.:]+)", re.I)
_CJK_WRAP = re.compile(r"(?<=[^\x00-\x7f])[ \t\r\f]*\n\s*(?=[^\x00-\x7f])")
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")
MAX_SPAN = Limits.max_span  # the defaults; ``read_html(limits=…)`` raises them
MAX_CELLS = Limits.max_cells


def decode_html(data: bytes, path: str) -> Decoded:
    """A page's text: its BOM, else its declared charset when that decodes cleanly and reads as
    well as detection, else detection (decode.py notes the overruled declaration). A page broken
    in every encoding is read in the declared one with replacements, as browsers do."""
    m = _META.search(data[:8192])
    if m is None:
        return decode_text(data, path)
    declared = m.group(1).decode("ascii", "ignore").lower()
    line = data.count(b"\n", 0, m.start()) + 1
    try:
        return decode_text(data, path, declared, line)
    except ReadError:
        enc = "gb18030" if declared in _GB or not _known(declared) else declared
        return Decoded(data.decode(enc, "replace"), enc)


def _known(enc: str) -> bool:
    try:
        codecs.lookup(enc)
    except LookupError:
        return False
    return True


def read_html(
    data: bytes, path: str, fmt: str = "html", *, limits: Limits | None = None
) -> Document:
    limits = limits or Limits()
    decoded = decode_html(data, path)
    parser = _Parser(limits.max_span)
    parser.feed(decoded.text)
    parser.close()
    blocks: list[Block] = []
    _emit(parser.root.finish(), blocks, limits)
    return Document(path, fmt, blocks, notes=decoded.notes)


# --- the tree ------------------------------------------------------------------------------


@dataclass
class _Container:
    """Text split into lines at block boundaries, with tables in between."""

    parts: list[object] = field(default_factory=list)  # (text, line) tuples and _Tables
    cur: list[str] = field(default_factory=list)
    cur_line: int | None = None
    pre: int = 0

    def add(self, text: str, line: int) -> None:
        if self.cur_line is None:
            stripped = text.lstrip()
            if not stripped:
                return
            line += text[: len(text) - len(stripped)].count("\n")
            self.cur_line = line
        self.cur.append(text)

    def newline(self) -> None:
        if self.cur_line is not None:
            text = "".join(self.cur)
            text = _SPACE.sub(" ", _CJK_WRAP.sub("", text)).strip()
            if text:
                self.parts.append((text, self.cur_line))
        self.cur, self.cur_line = [], None

    def add_table(self, table: _Table) -> None:
        self.newline()
        self.parts.append(table)

    def finish(self) -> _Container:
        self.newline()
        return self

    def text(self) -> str:
        lines: list[str] = []
        for part in self.parts:
            if isinstance(part, tuple):
                lines.append(part[0])
            else:  # a table inside a data cell: its text, a cell a line
                lines.extend(part.flat_lines())
        return clean("\n".join(lines))


@dataclass
class _Cell(_Container):
    line: int = 0
    rowspan: int = 1
    colspan: int = 1


@dataclass
class _Table:
    line: int
    parent: _Container
    rows: list[list[_Cell]] = field(default_factory=list)
    cell: _Cell | None = None

    def is_layout(self) -> bool:
        cells = [c for row in self.rows for c in row]
        if any(isinstance(p, _Table) for c in cells for p in c.parts):
            return True
        return bool(cells) and all(
            c.colspan <= 1 and len(row) <= 1 for row in self.rows for c in row
        )

    def flat_lines(self) -> list[str]:
        out: list[str] = []
        for row in self.rows:
            for cell in row:
                text = cell.text()
                if text:
                    out.append(text)
        return out


def _attr_int(attrs: list[tuple[str, str | None]], name: str, cap: int) -> int:
    for key, value in attrs:
        if key == name and value:
            m = re.match(r"\s*(\d+)", value)
            if m:
                return max(0, min(int(m.group(1)), cap))
    return 1


class _Parser(HTMLParser):
    def __init__(self, max_span: int = MAX_SPAN) -> None:
        super().__init__(convert_charrefs=True)
        self.max_span = max_span
        self.root = _Container()
        self.tables: list[_Table] = []
        self.skip: list[str] = []

    @property
    def container(self) -> _Container:
        if self.tables:
            top = self.tables[-1]
            return top.cell if top.cell is not None else top.parent
        return self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.append(tag)
            return
        if tag in _SKIP:
            self.skip.append(tag)
            return
        line = self.getpos()[0]
        if tag == "table":
            table = _Table(line, self.container)
            self.container.add_table(table)
            self.tables.append(table)
        elif tag == "tr" and self.tables:
            top = self.tables[-1]
            self._close_cell(top)
            top.rows.append([])
        elif tag in ("td", "th") and self.tables:
            top = self.tables[-1]
            self._close_cell(top)
            if not top.rows:
                top.rows.append([])
            cell = _Cell(
                line=line,
                rowspan=_attr_int(attrs, "rowspan", self.max_span),
                colspan=_attr_int(attrs, "colspan", self.max_span),
            )
            top.rows[-1].append(cell)
            top.cell = cell
        elif tag == "br":
            self.container.newline()
        elif tag in _BLOCK:
            self.container.newline()
            if tag == "pre":
                self.container.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr", "p", "div") and not self.skip:
            self.container.newline()
        elif tag not in _SKIP:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag == "table" and self.tables:
            top = self.tables.pop()
            self._close_cell(top)
            self.container.newline()
        elif tag in ("td", "th") and self.tables:
            self._close_cell(self.tables[-1])
        elif tag in _BLOCK or tag == "br":
            self.container.newline()
            if tag == "pre" and self.container.pre:
                self.container.pre -= 1

    def _close_cell(self, table: _Table) -> None:
        if table.cell is not None:
            table.cell.finish()
            table.cell = None

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        container = self.container
        if container.pre and "\n" in data:
            line = self.getpos()[0]
            pieces = data.split("\n")
            for k, piece in enumerate(pieces):
                if k:
                    container.newline()
                container.add(piece, line + k)
            return
        container.add(data, self.getpos()[0])

    def close(self) -> None:
        super().close()
        while self.tables:
            self._close_cell(self.tables.pop())


# --- blocks ----------------------------------------------------------------------------------


def _emit(container: _Container, blocks: list[Block], limits: Limits) -> None:
    for part in container.parts:
        if isinstance(part, tuple):
            text, line = part
            blocks.append(Paragraph(text, Location(line=line)))
        elif isinstance(part, _Table):
            if part.is_layout():
                for row in part.rows:
                    for cell in row:
                        _emit(cell.finish(), blocks, limits)
            else:
                grid = _grid(part, limits)
                blocks.extend(grid_blocks(grid, Location(line=part.line), limits))


def _grid(table: _Table, limits: Limits) -> list[list[Slot]]:
    """Expand rowspan/colspan into a full grid of slots.

    Spans are clamped to ``max_span`` (rowspan="0", to the end of the table, too) and a cell's
    text is made once, however many slots it fills: a long cell spanning many rows must cost
    its length once, not once per row."""
    pending: dict[int, list] = {}  # column -> [rows left, cell]
    grid: list[list[Slot]] = []
    nrows = len(table.rows)
    total = 0
    for r, row in enumerate(table.rows):
        slots: list[Slot] = []
        col = _place_pending(pending, slots, 0)
        for cell in row:
            if col >= limits.max_span:
                break
            rowspan = cell.rowspan or (nrows - r)  # rowspan="0": to the end of the table
            rowspan = min(max(rowspan, 1), nrows - r, limits.max_span)
            text = cell.text()
            for k in range(max(cell.colspan, 1)):
                slots.append(Slot(text, Location(line=cell.line), cell))
                if rowspan > 1:
                    pending[col + k] = [rowspan - 1, cell, text]
            col = _place_pending(pending, slots, col + max(cell.colspan, 1))
        while pending and col <= max(pending):
            if col not in pending:
                slots.append(Slot("", Location(line=row[0].line if row else table.line), object()))
                col += 1
            col = _place_pending(pending, slots, col)
        total += len(slots)
        if total > limits.max_cells:
            raise ValueError(f"a table with more than {limits.max_cells} cells (max_cells)")
        grid.append(slots)
    width = max((len(r) for r in grid), default=0)
    for slots in grid:
        line = slots[-1].loc.line if slots else table.line
        while len(slots) < width:
            slots.append(Slot("", Location(line=line), object()))
    return grid


def _place_pending(pending: dict[int, list], slots: list[Slot], col: int) -> int:
    """Fill the columns from ``col`` on that cells spanning down from above still cover."""
    while col in pending:
        left, cell, text = pending[col]
        slots.append(Slot(text, Location(line=cell.line), cell))
        if left <= 1:
            del pending[col]
        else:
            pending[col][0] = left - 1
        col += 1
    return col
