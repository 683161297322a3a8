"""Plain-text and Markdown plans: the dumps people make of Word tables and web pages.

The reader recognises the shape of the text and hands parse/ cells or paragraphs:

- Markdown tables (``| a | b |``), one Table each (parse/ joins the fragments of a table
  split at page breaks);
- tab-indented cell dumps (a Word table saved as text): every line that starts with a tab
  starts a cell, other lines continue it; rows are chunks of the header's width;
- pipe-terminated cell dumps (``cell |`` one per line, rows numbered 1, 2, 3 …, merged cells
  leaving runs of bare ``|``): rows split at the running number, cells aligned later by content;
- web pages flattened into blank-line separated paragraphs (or one cell a line) after a run of
  column names: one CellStream;
- anything else: one Paragraph per line (prose key points).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from planlint.errors import ReadError
from planlint.model import Block, Cell, CellStream, Document, Location, Paragraph, Table
from planlint.readers.decode import decode
from planlint.textnorm import normalize
from planlint.vocab import header_role, is_header_row

_MD_ROW = re.compile(r"^\s*\|.*\|\s*$")
_MD_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{0,}:?\s*)*\|?\s*$")
_BR = re.compile(r"<br\s*/?>", re.I)
_PIPES_ONLY = re.compile(r"^\s*\|+\s*$")


def read_text(data: bytes, path: str, fmt: str = "text") -> Document:
    text = decode(data, path)
    if fmt == "csv":
        return Document(path, fmt, _csv(text, path))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    for shape in (_markdown, _pipe_dump, _tab_dump, _tab_separated, _paragraph_stream):
        blocks = shape(lines)
        if blocks is not None:
            return Document(path, fmt, blocks)
    return Document(path, fmt, list(_paragraphs(lines, range(len(lines)))))


def _paragraphs(lines: list[str], indexes: Iterable[int]) -> Iterable[Paragraph]:
    for i in indexes:
        stripped = lines[i].strip()
        if stripped:
            col = len(lines[i]) - len(lines[i].lstrip()) + 1
            yield Paragraph(stripped, Location(line=i + 1, column=col))


# --- Markdown tables ---------------------------------------------------------------------------


def _split_md_row(line: str, lineno: int) -> list[Cell]:
    body = line.strip()
    start = line.index("|") + 1
    body = body[1:-1] if body.endswith("|") else body[1:]
    cells: list[Cell] = []
    offset = start
    for raw in re.split(r"(?<!\\)\|", body):
        lead = len(raw) - len(raw.lstrip())
        text = _BR.sub("\n", raw.strip().replace("\\|", "|"))
        cells.append(Cell(text, Location(line=lineno, column=offset + lead + 1)))
        offset += len(raw) + 1
    return cells


def _markdown(lines: list[str]) -> list[Block] | None:
    if not any(_MD_SEP.match(line) and "-" in line for line in lines):
        return None
    if sum(1 for line in lines if _MD_ROW.match(line)) < 3:
        return None
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if not _MD_ROW.match(lines[i]):
            blocks.extend(_paragraphs(lines, [i]))
            i += 1
            continue
        start = i
        rows: list[list[Cell]] = []
        while i < len(lines) and _MD_ROW.match(lines[i]):
            if not _MD_SEP.match(lines[i]):
                rows.append(_split_md_row(lines[i], i + 1))
            i += 1
        blocks.append(Table(rows, Location(line=start + 1, column=1)))
    return blocks


# --- pipe-terminated cell dumps ------------------------------------------------------------------


def _pipe_dump(lines: list[str]) -> list[Block] | None:
    filled = [line for line in lines if line.strip()]
    ending = [line for line in filled if line.rstrip().endswith("|")]
    if len(ending) < 8 or len(ending) * 10 < len(filled) * 4:
        return None
    first = next(i for i, line in enumerate(lines) if line.rstrip().endswith("|"))
    blocks: list[Block] = list(_paragraphs(lines, range(first)))
    cells: list[Cell] = []
    pending: list[str] = []
    pending_at: int | None = None
    for i in range(first, len(lines)):
        line = lines[i].rstrip()
        if not line.strip():
            continue
        if _PIPES_ONLY.match(line):
            cells.extend(Cell("", Location(line=i + 1, column=1)) for _ in line.strip())
            continue
        if not line.endswith("|"):
            pending.append(line.strip())
            pending_at = i if pending_at is None else pending_at
            continue
        body = line[:-1].strip()
        at = pending_at if pending_at is not None else i
        text = "\n".join([*pending, body]) if pending else body
        col = len(lines[at]) - len(lines[at].lstrip()) + 1
        cells.append(Cell(text, Location(line=at + 1, column=col), file_lines=True))
        pending, pending_at = [], None
    rows = _rows_by_running_number(cells)
    blocks.append(Table(rows, Location(line=first + 1, column=1), grid=False))
    if pending_at is not None:  # text after the last cell is not part of the table
        blocks.extend(_paragraphs(lines, range(pending_at, len(lines))))
    return blocks


def _rows_by_running_number(cells: list[Cell]) -> list[list[Cell]]:
    """Split cells into rows at the row numbers 1, 2, 3 … (the header row comes first)."""
    rows: list[list[Cell]] = [[]]
    expected = 1
    for cell in cells:
        if cell.text.strip() == str(expected):
            rows.append([])
            expected += 1
        rows[-1].append(cell)
    return [row for row in rows if row]


# --- tab-indented cell dumps ---------------------------------------------------------------------


def _tab_dump(lines: list[str]) -> list[Block] | None:
    tab_lines = [i for i, line in enumerate(lines) if line.startswith("\t")]
    filled = sum(1 for line in lines if line.strip())
    if len(tab_lines) < 6 or len(tab_lines) * 10 < filled * 3:
        return None
    first, last = tab_lines[0], tab_lines[-1]
    blocks: list[Block] = list(_paragraphs(lines, range(first)))
    cells: list[Cell] = []
    parts: list[str] = []
    start = first
    end = len(lines)
    for i in range(first, len(lines)):
        line = lines[i]
        if line.startswith("\t"):
            if i > first:
                cells.append(_tab_cell(parts, start))
            parts, start = [line[1:]], i
        elif i > last and not line.strip():
            end = i  # after the last cell a blank line ends the table
            break
        else:
            parts.append(line)
    cells.append(_tab_cell(parts, start))
    table = _chunk_rows(cells, lines, first)
    blocks.append(table)
    blocks.extend(_paragraphs(lines, range(end, len(lines))))
    return blocks


def _tab_cell(parts: list[str], start: int) -> Cell:
    lines = [p.strip() for p in parts]
    first = next((k for k, line in enumerate(lines) if line), 0)
    column = 2 if first == 0 else 1
    text = "\n".join(lines[first:]).rstrip()
    return Cell(text, Location(line=start + first + 1, column=column), file_lines=True)


def _chunk_rows(cells: list[Cell], lines: list[str], first: int) -> Table:
    """Rows are chunks of the header's width; the header ends at the first blank line."""
    width = 0
    for cell in cells:
        assert cell.loc.line is not None
        width += 1
        nxt = cell.loc.line  # the line after this cell's first line
        if nxt < len(lines) and not lines[nxt].strip():
            break
    loc = Location(line=first + 1, column=1)
    if width < 2 or len(cells) % width:
        return Table([cells[i : i + 1] for i in range(len(cells))], loc, grid=False)
    return Table([cells[i : i + width] for i in range(0, len(cells), width)], loc)


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
            blocks.append(Table(rows, Location(line=head + 1, column=1)))
            return blocks + blocks_after
        cells, offset = [], 0
        for raw in joined.split("\t"):
            first_line = raw.split("\n")[0]
            cells.append(Cell(raw.strip(), Location(line=start + 1, column=offset + 1)))
            offset += len(first_line) + 1
        rows.append(cells)
        i += 1
    blocks.append(Table(rows, Location(line=head + 1, column=1)))
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
        raise ReadError(path, f"broken CSV: {exc}") from None
    if rows:
        blocks.append(Table(rows, rows[0][0].loc))
    return blocks


# --- web pages flattened into paragraphs ---------------------------------------------------------


def _paragraph_stream(lines: list[str]) -> list[Block] | None:
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
    start = _header_run(paras)
    if start is None:
        # no blank lines between cells: one cell a line
        paras = [(line.strip(), i) for i, line in enumerate(lines) if line.strip()]
        start = _header_run(paras)
    if start is None:
        return None
    first_line = paras[start][1]
    blocks: list[Block] = list(_paragraphs(lines, range(first_line)))
    cells = [Cell(text, Location(line=i + 1, column=1)) for text, i in paras[start:]]
    blocks.append(CellStream(cells, Location(line=first_line + 1, column=1)))
    return blocks


def _header_run(paras: list[tuple[str, int]]) -> int | None:
    """Index of the first paragraph of a run of >= 3 column names, if any."""
    for i in range(len(paras)):
        run = 0
        while i + run < len(paras) and header_role(normalize(paras[i + run][0])):
            run += 1
        if run >= 3 and is_header_row([normalize(t) for t, _ in paras[i : i + run]]):
            return i
    return None
