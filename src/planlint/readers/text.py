"""Plain-text plans: the dumps people and tools make of Word tables, web pages and PDFs.

The reader does not guess one shape: it offers every reading the text plausibly has, and
parse/ keeps the one that explains the plan best (parse/judge.py). The readings:

- tables with a layout of their own, recovered by layout.py: Markdown, grid (pandoc), box
  drawing (w3m), columns aligned with spaces (pdftotext -layout);
- pipe dumps, tokenised once: a cell is the text between two bars; read as a stream of cells
  (``cell |`` one a line, ``|`` on its own line) and, when most lines hold several cells, as
  rows a line (``a | b | c |``);
- tab dumps (a Word table saved as text): a tab starts a cell, a blank line hints at a row;
  and rows pasted with tabs between cells;
- one cell a line or a paragraph after a run of column names (web pages, LibreOffice's text
  export, where a blank line is an empty cell);
- prose: one paragraph a line, and the same with hard-wrapped lines joined (unwrap.py).

Row recovery for every stream of cells is parse/rows.py's; nothing here counts cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from planlint.errors import ReadError
from planlint.model import (
    Block,
    Cell,
    CellStream,
    Document,
    Location,
    Paragraph,
    Reading,
    Table,
)
from planlint.readers.blocks import block_readings
from planlint.readers.decode import decode_text
from planlint.readers.layout import find_tables, markdown_cells
from planlint.readers.passes import pass_readings
from planlint.readers.spaced import spaced_cells
from planlint.readers.unwrap import unwrap
from planlint.textnorm import normalize
from planlint.vocab import header_role, is_header_row

_BR = re.compile(r"<br\s*/?>", re.I)


def read_text(data: bytes, path: str, fmt: str = "text") -> Document:
    decoded = decode_text(data, path)  # damage replaced; its places are decoded.notes
    text = decoded.text
    if fmt == "csv":
        return Document(path, fmt, _csv(text, path), notes=decoded.notes)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    readings = _each_reading(lines)
    first = next(readings)  # reading each line as a paragraph is always one: there is a first
    later = Later(readings)
    return Document(
        path, fmt, first.blocks, first.name, later, first.prior, decoded.notes, first.doubts
    )


class Later(Sequence[Reading]):
    """Readings made when first asked for, in order. parse stops at the first reading of an
    explicit cell syntax (tabs, Markdown, a grid) that reads cleanly; the readings after it
    (pdftotext blocks, line streams, prose), the costlier half of reading such a text, are
    then never made."""

    def __init__(self, readings: Iterator[Reading]) -> None:
        self._made: list[Reading] = []
        self._more = readings

    def __iter__(self) -> Iterator[Reading]:
        i = 0
        while True:
            if i == len(self._made):
                reading = next(self._more, None)
                if reading is None:
                    return
                self._made.append(reading)
            yield self._made[i]
            i += 1

    def _all(self) -> list[Reading]:
        self._made.extend(self._more)
        return self._made

    def __len__(self) -> int:
        return len(self._all())

    def __getitem__(self, index):  # type: ignore[override]
        return self._all()[index]

    def __repr__(self) -> str:
        return repr(self._all())


def readings_of(lines: list[str]) -> list[Reading]:
    """Every plausible reading of a text given as lines, the likeliest first: the PDF reader
    lays its pages out as text (``pdftotext -layout`` style) and reads them through here."""
    return _readings(lines)


def _readings(lines: list[str]) -> list[Reading]:
    return list(_each_reading(lines))


def each_reading(lines: list[str]) -> Iterator[Reading]:
    """:func:`readings_of`, each reading made when asked for (the PDF reader's, as
    ``read_text``'s own, are made as parse asks)."""
    return _each_reading(lines)


def _each_reading(lines: list[str]) -> Iterator[Reading]:
    """Every plausible reading of the text's layout, the likeliest first; parse keeps the one
    that explains the text best. Reading each line as a paragraph is always one of them."""
    laid_out = _layout_reading(lines)
    if laid_out is not None:
        yield laid_out
    if laid_out is None or laid_out.prior == 0:  # a drawn table's bars are its syntax
        yield from _pipe_readings(lines)
    # tabs that start or separate cells are a cell syntax of their own: stronger evidence
    # than lines and blank lines, which every text has
    for name, shape in (("tab-cells", _tab_dump), ("tab-rows", _tab_separated)):
        blocks = shape(lines)
        if blocks is not None:
            yield Reading(name, blocks, _TABS)
    spaced = spaced_cells(lines)  # pdftotext -raw: cells a single space apart
    if spaced is not None:
        yield Reading("spaced-cells", spaced)
    yield from block_readings(lines)  # pdftotext's default mode: columns in blocks
    yield from pass_readings(lines)  # pdftotext -raw of a spreadsheet: two passes
    yield from _line_streams(lines)
    yield Reading("prose", list(_paragraphs(lines, range(len(lines)))))
    unwrapped = unwrap(list(_paragraphs(lines, range(len(lines)))))
    if unwrapped is not None:
        yield Reading("prose-unwrapped", list(unwrapped))


def _paragraphs(lines: list[str], indexes: Iterable[int]) -> Iterable[Paragraph]:
    for i in indexes:
        stripped = lines[i].strip()
        if stripped:
            col = len(lines[i]) - len(lines[i].lstrip()) + 1
            yield Paragraph(stripped, Location(line=i + 1, column=col))


# --- tables with a layout of their own: Markdown, grid, box drawing, aligned columns -------------

_SHAPE_PRIOR = {"markdown": 5.0, "grid": 5.0, "box": 5.0, "aligned": 0.0}


def _layout_reading(lines: list[str]) -> Reading | None:
    """The tables layout.py recovers, with the lines around them as paragraphs. A table
    syntax with rules of its own is rarely wrong; columns found from aligned spaces may be."""
    spans = find_tables(lines)
    if not spans:
        return None
    blocks: list[Block] = []
    pos = 0
    markdown = any(span.shape == "markdown" for span in spans)
    for span in spans:
        blocks.extend(_between(lines, pos, span.start, markdown))
        # w3m repeats a merged cell in every row it spans; other tools write it once
        blocks.append(replace(span.table, merges_expanded=span.shape == "box"))
        blocks.extend(_paragraphs(lines, span.skipped))  # page numbers, repeated heads
        pos = span.end
    blocks.extend(_between(lines, pos, len(lines), markdown))
    shapes = sorted({span.shape for span in spans})
    prior = min(_SHAPE_PRIOR.get(shape, 0.0) for shape in shapes)
    return Reading("+".join(shapes), blocks, prior)


def _between(lines: list[str], start: int, end: int, markdown: bool) -> list[Block]:
    """The lines between two recovered tables. In a Markdown document, runs of rows of bars
    there are table fragments a blank line cut off (a header whose body was lost, body rows
    whose separator row was lost): they are kept as tables, separator rows left out, and
    parse joins them to their neighbours as it joins fragments split at a page break."""
    if not markdown:
        return list(_paragraphs(lines, range(start, end)))
    blocks: list[Block] = []
    rows: list[list[Cell]] = []
    for i in range(start, end):
        if _MD_LINE.match(lines[i]):
            if not _is_md_rule(lines[i]):
                rows.append(markdown_cells(lines, i, i))
            continue
        if lines[i].strip():
            blocks.extend(_fragment(rows))
            rows = []
            blocks.extend(_paragraphs(lines, [i]))
    blocks.extend(_fragment(rows))
    return blocks


def _fragment(rows: list[list[Cell]]) -> list[Block]:
    if not rows:
        return []
    return [Table(rows, Location(line=rows[0][0].loc.line, column=1), merges_expanded=False)]


_MD_LINE = re.compile(r"^\s*\|[^\n]*\|\s*$")


def _is_md_rule(line: str) -> bool:
    """A Markdown separator row (|---|:--|): only bars, colons, dashes and spaces. A set test,
    not a regular expression, so a long run of dashes costs one pass."""
    return "-" in line and not line.strip().strip("|:- \t\u3000")


# --- pipe-separated dumps: a cell a line, or a row a line ---------------------------------------


def _pipe_cells(lines: list[str]) -> tuple[int, list[tuple[Cell, bool]]] | None:
    """Cells of a dump whose cells end in ``|``, with whether a line ends right after each.

    One tokenizer serves every pipe dump: a cell is the text between two bars, over as many
    lines as it takes (``cell |`` one a line, ``|`` on a line of its own after the cell,
    ``a | b | c |`` a row a line); a bar right after a bar is an empty cell (merged cells).
    """
    filled = [line for line in lines if line.strip()]
    barred = [line for line in filled if "|" in line]
    if len(barred) < 3 or len(barred) * 10 < len(filled) * 4:
        return None
    if len(barred) < 6 and sum(line.count("|") for line in barred) < 3 * len(barred):
        return None  # a few lines: only when they hold rows of cells
    first = next(i for i, line in enumerate(lines) if "|" in line)
    if first > 0 and lines[first].strip() == "|" and lines[first - 1].strip():
        first -= 1  # the first cell stands above its bar, on a line of its own
    cells: list[tuple[Cell, bool]] = []
    parts: list[str] = []
    at: tuple[int, int] | None = None
    for i in range(first, len(lines)):
        line = lines[i]
        pos = 0
        for piece in line.split("|"):
            end = pos + len(piece)
            if at is None and piece.strip():
                at = (i, pos + len(piece) - len(piece.lstrip()))
            parts.append(piece)
            if end < len(line):  # a bar closes the cell
                text = _BR.sub("\n", "\n".join(p.strip() for p in parts)).strip()
                where = at or (i, pos)
                row_ends = not line[end + 1 :].strip()
                cell = Cell(text, Location(line=where[0] + 1, column=where[1] + 1), True)
                cells.append((cell, row_ends))
                parts, at = [], None
            pos = end + 1
        parts.append("")  # the line break
    return first, cells  # text after the last bar (a page cut mid-cell) is not a cell


def _pipe_readings(lines: list[str]) -> list[Reading]:
    found = _pipe_cells(lines)
    if found is None:
        return []
    first, cells = found
    last_line = max((c.loc.line or 0 for c, _ in cells), default=first)
    before = list(_paragraphs(lines, range(first)))
    tail = _unclosed_tail(lines)
    after = tail + list(_paragraphs(lines, range(_after_cell(lines, last_line), len(lines))))
    loc = Location(line=first + 1, column=1)
    stream = CellStream([c for c, _ in cells], loc)
    readings = [Reading("cells", [*before, stream, *after])]
    rows: list[list[Cell]] = [[]]
    for cell, row_ends in cells:
        rows[-1].append(cell)
        if row_ends:
            rows.append([])
    rows = [r for r in rows if any(c.text for c in r)]
    if sum(len(r) >= 3 for r in rows) * 2 >= len(rows):  # most lines hold several cells
        readings.insert(
            0,
            Reading("rows", [*before, Table(rows, loc, grid=False, merges_expanded=False), *after]),
        )
    return readings


def _after_cell(lines: list[str], last_line: int) -> int:
    """The line after the last cell: text after the table that is not part of it."""
    i = last_line
    while i < len(lines) and "|" not in lines[i - 1]:
        i += 1
    return i


def _unclosed_tail(lines: list[str]) -> list[Paragraph]:
    """Text after the last bar: a cell the text stops inside (a page cut off mid-row). It is
    kept as a paragraph after the table, for its owner and date are not known."""
    for i in range(len(lines) - 1, -1, -1):
        if "|" in lines[i]:
            tail = lines[i][lines[i].rindex("|") + 1 :]
            if not tail.strip():
                return []
            column = len(lines[i]) - len(tail) + len(tail) - len(tail.lstrip()) + 1
            return [Paragraph(tail.strip(), Location(line=i + 1, column=column))]
    return []


# --- tab-indented cell dumps ---------------------------------------------------------------------

_BLANK_ROW_HINT = 2.0  # a blank line in a tab dump: a row probably ends there
_NO_BLANK_ROW_HINT = -1.5


def _tab_dump(lines: list[str]) -> list[Block] | None:
    """A Word table saved as text: every line that starts with a tab starts a cell (a bare tab
    is an empty cell), other lines continue it, and a blank line usually ends a row."""
    tab_lines = [i for i, line in enumerate(lines) if line.startswith("\t")]
    filled = sum(1 for line in lines if line.strip())
    if len(tab_lines) < 6 or len(tab_lines) * 10 < filled * 3:
        return None
    first, last = tab_lines[0], tab_lines[-1]
    blocks: list[Block] = list(_paragraphs(lines, range(first)))
    cells: list[Cell] = []
    hints: dict[int, float] = {}
    parts: list[str] = []
    start = first
    end = len(lines)
    blank_before = False
    for i in range(first, len(lines)):
        line = lines[i]
        if line.startswith("\t"):
            if i > first:
                cells.append(_tab_cell(parts, start))
            if blank_before:
                hints[len(cells)] = _BLANK_ROW_HINT
            parts, start, blank_before = [line[1:]], i, False
        elif i > last and not line.strip():
            end = i  # after the last cell a blank line ends the table
            break
        elif not line.strip():
            blank_before = True
            parts.append("")  # kept so the cell's lines stay the file's lines
        else:
            parts.append(line)
    cells.append(_tab_cell(parts, start))
    if hints:  # rows are set apart by blank lines: a row rarely starts without one
        hints = {i: hints.get(i, _NO_BLANK_ROW_HINT) for i in range(1, len(cells))}
    blocks.append(CellStream(cells, Location(line=first + 1, column=1), hints))
    blocks.extend(_paragraphs(lines, range(end, len(lines))))
    return blocks


def _tab_cell(parts: list[str], start: int) -> Cell:
    lines = [p.strip() for p in parts]
    first = next((k for k, line in enumerate(lines) if line), 0)
    column = 2 if first == 0 else 1
    text = "\n".join(lines[first:]).rstrip()
    return Cell(text, Location(line=start + first + 1, column=column), file_lines=True)


# --- rows of tab-separated cells (a Word table pasted into a text editor), CSV ------------------


def _header_cells(cells: list[str]) -> bool:
    return is_header_row([normalize(c) for c in cells])


def _tab_separated(lines: list[str]) -> list[Block] | None:
    """One row a line, cells separated by tabs; a cell with a line break carries the rest of
    its row onto the next line, so physical lines join until the row has all its tabs."""
    head = next(
        (
            i
            for i, line in enumerate(lines[:60])
            if "\t" in line and _header_cells(line.split("\t"))
        ),
        None,
    )
    if head is None:
        return None
    width = len(lines[head].rstrip("\t").split("\t"))
    blocks: list[Block] = list(_paragraphs(lines, range(head)))
    rows: list[list[Cell]] = []
    i = head
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        start, parts = i, [lines[i]]
        while (
            "\t".join(parts).count("\t") < width - 1 and i + 1 < len(lines) and lines[i + 1].strip()
        ):
            i += 1
            parts.append(lines[i])
        joined = "\n".join(parts)
        if "\t" not in joined and rows:
            blocks_after = list(_paragraphs(lines, range(start, len(lines))))
            blocks.append(Table(rows, Location(line=head + 1, column=1), merges_expanded=False))
            return blocks + blocks_after
        cells, offset = [], 0
        for raw in joined.split("\t"):
            first_line = raw.split("\n")[0]
            cells.append(Cell(raw.strip(), Location(line=start + 1, column=offset + 1)))
            offset += len(first_line) + 1
        rows.append(cells)
        i += 1
    blocks.append(Table(rows, Location(line=head + 1, column=1), merges_expanded=False))
    return blocks


def _csv(text: str, path: str) -> list[Block]:
    """A task ledger saved as CSV (or TSV): the csv module handles quotes and line breaks."""
    import csv
    import io

    sample = text[:4000]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[list[Cell]] = []
    blocks: list[Block] = []
    line = 1
    try:
        for record in reader:
            cells = [
                Cell(v.strip(), Location(line=line, column=n + 1)) for n, v in enumerate(record)
            ]
            line = reader.line_num + 1
            if not any(c.text for c in cells):
                continue
            if not rows and not _header_cells([c.text for c in cells]):
                # a title row above the header: keep it as a paragraph
                blocks.append(Paragraph(" ".join(c.text for c in cells if c.text), cells[0].loc))
                continue
            rows.append(cells)
    except csv.Error as exc:
        raise ReadError(path, "broken-csv", reason=str(exc)) from None
    if rows:
        blocks.append(Table(rows, rows[0][0].loc, merges_expanded=False))
    return blocks


# --- web pages flattened into paragraphs ---------------------------------------------------------


def _line_streams(lines: list[str]) -> list[Reading]:
    """A table dumped one cell a line or one cell a paragraph, after a run of column names.

    Blank lines mean different things to different tools: between paragraphs of a web page
    they separate cells, in LibreOffice's text export each one is an empty (merged) cell, in
    a copy-paste they are nothing. Each meaning is one reading; parse keeps the best.
    """
    readings: list[Reading] = []
    paras: list[tuple[str, int]] = []
    buf: list[str] = []
    at = 0
    for i, line in enumerate([*lines, ""]):
        if line.strip():
            if not buf:
                at = i
            buf.append(line.strip())
        elif buf:
            paras.append(("".join(buf), at))
            buf = []
    filled = sum(1 for line in lines if line.strip())
    blank = len(lines) - filled
    # blank lines between most lines separate paragraphs; a few here and there are cells
    separators = blank * 2 >= filled
    if len(paras) < filled:
        readings.extend(_stream_reading("paragraph-cells", lines, paras, _HINT * separators))
    every = [(line.strip(), i) for i, line in enumerate(lines)]
    readings.extend(_stream_reading("line-cells", lines, [p for p in every if p[0]]))
    readings.extend(
        _stream_reading("line-cells-with-blanks", lines, every, _HINT * (not separators))
    )
    return readings


_HINT = 1.0  # what the share of blank lines says about what they are
_TABS = 2.0


def _stream_reading(
    name: str, lines: list[str], paras: list[tuple[str, int]], prior: float = 0.0
) -> list[Reading]:
    start = _header_run([p for p in paras if p[0]])
    if start is None:
        return []
    head = [p for p in paras if p[0]][start]
    start = paras.index(head)
    first_line = paras[start][1]
    blocks: list[Block] = list(_paragraphs(lines, range(first_line)))
    cells = [Cell(text, Location(line=i + 1, column=1)) for text, i in paras[start:]]
    while cells and not cells[-1].text:
        cells.pop()
    blocks.append(CellStream(cells, Location(line=first_line + 1, column=1), pieces=True))
    return [Reading(name, blocks, prior)]


def _header_run(paras: list[tuple[str, int]]) -> int | None:
    """Index of the first paragraph of a run of >= 3 column names, if any."""
    for i in range(len(paras)):
        run = 0
        while i + run < len(paras) and header_role(normalize(paras[i + run][0])):
            run += 1
        if run >= 3 and is_header_row([normalize(t) for t, _ in paras[i : i + run]]):
            return i
    return None
