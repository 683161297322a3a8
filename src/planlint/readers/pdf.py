"""PDF plans, read with pdfplumber: ruled tables per page, the other text line by line.

- Tables are found with pdfplumber's default (ruled lines) settings. A page with no ruled table
  whose text looks tabular (a line of column names, or the previous page held an unruled
  table) is tried with the text strategy; the rows of such a table that have no first-column
  value (wrapped lines) are joined to the row above.
- A merged cell is one bbox covering several grid positions; every position it covers gets its
  text and one origin, and ``grid.grid_blocks`` handles it like a merged Word cell.
- Within a cell, a line that runs to the cell's right edge is wrapped and joined to the next;
  a short line ends with "\\n" (unit lists written one a line stay split).
- A table continued on the next page is a Table of its own whose first row is not a header;
  parse/ joins fragments of equal width. Text outside tables is one Paragraph per line, in
  reading order with the tables of its page.
- A PDF with no text at all is a scan (ReadError: run OCR first); one needing a password, or
  with more than ``Limits.max_pages`` pages, is refused.

Locations: ``Location(page=N, line=L)``, L the line's number on its page (from 1); a cell gets
the number of the first line at or below its top edge.
"""

from __future__ import annotations

import bisect
import io
import logging
import re
import sys

from planlint.errors import ReadError
from planlint.model import Block, Document, Location, Paragraph, Reading
from planlint.readers.grid import Slot, clean, grid_blocks
from planlint.readers.limits import Limits, short_reason, time_limit
from planlint.readers.unwrap import unwrap
from planlint.textnorm import normalize
from planlint.vocab import is_header_row

_TEXT_SETTINGS = {"vertical_strategy": "text", "horizontal_strategy": "text"}


def read_pdf(data: bytes, path: str, limits: Limits | None = None) -> Document:
    import pdfplumber  # heavy: only when a PDF is read

    limits = limits or Limits()
    _bound_reference_chains()
    # pdfminer logs every oddity of a damaged file as a warning: our ReadError says enough
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with time_limit(limits.pdf_seconds, path, "reading the PDF"):
        return _read(pdfplumber, data, path, limits)


def _read(pdfplumber, data: bytes, path: str, limits: Limits) -> Document:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        raise _open_error(exc, path) from None
    blocks: list[Block] = []
    with pdf:
        pages = pdf.pages
        if not pages:
            raise ReadError(path, "PDF has no pages (damaged file?)")
        if len(pages) > limits.max_pages:
            raise ReadError(
                path, f"PDF has {len(pages)} pages, more than the limit of {limits.max_pages}"
            )
        any_text = False
        unruled_width: int | None = None
        for number, page in enumerate(pages, 1):
            if page.chars:
                any_text = True
            page_blocks, unruled_width = _page(page, number, unruled_width)
            blocks.extend(page_blocks)
            page.close()
    if not any_text:
        raise ReadError(path, "scanned PDF with no text layer; run OCR first")
    alternatives = []
    if all(isinstance(b, Paragraph) for b in blocks):  # prose: its lines may be hard-wrapped
        unwrapped = unwrap([b for b in blocks if isinstance(b, Paragraph)])
        if unwrapped is not None:
            alternatives.append(Reading("prose-unwrapped", list(unwrapped)))
    return Document(path, "pdf", blocks, "pdf", alternatives)


class CircularReference(ValueError):
    """An indirect object that (through others) refers to itself."""


_MAX_HOPS = 64


def _bound_reference_chains() -> None:
    """pdfminer's resolve1 follows indirect references until it meets a direct object, forever
    when two objects refer to each other ("2 0 obj 3 0 R", "3 0 obj 2 0 R"). Put a bounded
    resolve1 in its place in every pdfminer/pdfplumber module that imported it."""
    import pdfminer.pdftypes as pdftypes

    bounded = getattr(pdftypes, "_planlint_resolve1", None)
    if bounded is None:
        original = pdftypes.resolve1
        ref = pdftypes.PDFObjRef

        def bounded(x: object, default: object = None):
            for _ in range(_MAX_HOPS):
                if not isinstance(x, ref):
                    return x
                x = x.resolve(default=default)
            if isinstance(x, ref):
                raise CircularReference(f"reference chain longer than {_MAX_HOPS} (a loop?)")
            return x

        bounded.__doc__ = original.__doc__
        pdftypes._planlint_resolve1 = bounded
        pdftypes._planlint_original_resolve1 = original
    original = pdftypes._planlint_original_resolve1
    for name, module in list(sys.modules.items()):
        pdf_module = name.startswith(("pdfminer", "pdfplumber")) and module is not None
        if pdf_module and getattr(module, "resolve1", None) is original:
            module.resolve1 = bounded


def _open_error(exc: Exception, path: str) -> ReadError:
    cause: BaseException | None = exc
    while cause is not None:
        name = type(cause).__name__
        if "Password" in name or "Encrypt" in name:
            return ReadError(path, "password-protected PDF; save an unprotected copy")
        cause = (
            cause.args[0]
            if cause.args and isinstance(cause.args[0], BaseException)
            else (cause.__cause__ or cause.__context__)
        )
    return ReadError(path, f"cannot read PDF file: {short_reason(exc)}")


def _page(page, number: int, unruled_width: int | None) -> tuple[list[Block], int | None]:
    lines = page.extract_text_lines()
    tops = [ln["top"] for ln in lines]
    tables = page.find_tables()
    unruled = False
    if not tables and (unruled_width is not None or _looks_tabular(page)):
        found = [t for t in page.find_tables(_TEXT_SETTINGS) if len(t.columns) >= 3]
        if found and (
            unruled_width is None or len(found[0].columns) == unruled_width or _looks_tabular(page)
        ):
            tables, unruled = found, True
    placed: list[tuple[float, int, list[Block]]] = []
    width = None
    for k, table in enumerate(tables):
        grid = _table_grid(page, table, number, tops)
        if unruled:
            grid = _join_wrapped_rows(grid)
            width = len(grid[0]) if grid else None
        top = table.bbox[1]
        placed.append((top, k, grid_blocks(grid, Location(page=number, line=_line_at(tops, top)))))
    boxes = [t.bbox for t in tables]
    for i, ln in enumerate(lines):
        cx, cy = (ln["x0"] + ln["x1"]) / 2, (ln["top"] + ln["bottom"]) / 2
        if any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes):
            continue
        text = ln["text"].strip()
        if text:
            para: list[Block] = [Paragraph(text, Location(page=number, line=i + 1))]
            placed.append((ln["top"], -1, para))
    placed.sort(key=lambda p: (p[0], p[1]))
    return [b for _, _, blocks in placed for b in blocks], width


def _line_at(tops: list[float], top: float) -> int:
    return min(bisect.bisect_left(tops, top - 1.0), max(len(tops) - 1, 0)) + 1


def _looks_tabular(page) -> bool:
    """A line of the page's laid-out text that names table columns."""
    try:
        text = page.extract_text(layout=True)
    except Exception:
        return False
    for line in text.split("\n"):
        parts = [p for p in re.split(r"\s{2,}", line.strip()) if p]
        if len(parts) >= 3 and is_header_row([normalize(p) for p in parts]):
            return True
    return False


def _table_grid(page, table, number: int, tops: list[float]) -> list[list[Slot]]:
    cells = list(table.cells)
    texts = {cell: _cell_text(page, cell) for cell in cells}
    grid: list[list[Slot]] = []
    xs = sorted({c[0] for c in cells})
    for row in table.rows:
        y = row.bbox[1]
        slots: list[Slot] = []
        for j, cell in enumerate(row.cells):
            if cell is None:
                x = xs[j] if j < len(xs) else row.bbox[0]
                cell = _covering(cells, x + 0.5, y + 0.5)
            if cell is None:
                loc = Location(page=number, line=_line_at(tops, y))
                slots.append(Slot("", loc, object()))
                continue
            loc = Location(page=number, line=_line_at(tops, cell[1]))
            slots.append(Slot(texts.get(cell, ""), loc, cell))
        grid.append(slots)
    return grid


def _covering(cells: list, x: float, y: float):
    for c in cells:
        if c[0] <= x < c[2] and c[1] <= y < c[3]:
            return c
    return None


def _cell_text(page, bbox) -> str:
    """A cell's text: lines that run to the right edge are wrapped, short lines end with \\n."""
    from pdfplumber.utils import cluster_objects, extract_text

    x0, top, x1, bottom = bbox
    chars = [
        c
        for c in page.chars
        if x0 <= (c["x0"] + c["x1"]) / 2 < x1 and top <= (c["top"] + c["bottom"]) / 2 < bottom
    ]
    if not chars:
        return ""
    lines = cluster_objects(chars, lambda c: (c["top"] + c["bottom"]) / 2, 2)
    lines.sort(key=lambda ln: min(c["top"] for c in ln))
    widths = sorted(c["x1"] - c["x0"] for c in chars)
    char_w = widths[len(widths) // 2] or 5.0
    pad = max(min(min(c["x0"] for c in ln) for ln in lines) - x0, 0.0)
    out = ""
    for k, ln in enumerate(lines):
        ln.sort(key=lambda c: c["x0"])
        text = extract_text(ln).replace("\n", " ").strip()
        right = max(c["x1"] for c in ln)
        out += text
        if k < len(lines) - 1:
            wrapped = x1 - right <= pad + 1.2 * char_w
            if not wrapped:
                out += "\n"
            elif text and text[-1].isascii() and text[-1].isalnum():
                out += " "
    return clean(out)


def _join_wrapped_rows(grid: list[list[Slot]]) -> list[list[Slot]]:
    """Unruled tables give a row per text line: rows with no first cell continue the row above."""
    out: list[list[Slot]] = []
    for row in grid:
        if out and row and not row[0].text.strip() and not _is_header(out[-1]):
            prev = out[-1]
            for j, slot in enumerate(row):
                if j < len(prev) and slot.text.strip():
                    joined = f"{prev[j].text}\n{slot.text}" if prev[j].text else slot.text
                    prev[j] = Slot(joined, prev[j].loc, prev[j].origin)
            continue
        out.append(list(row))
    return out


def _is_header(row: list[Slot]) -> bool:
    return is_header_row([normalize(s.text) for s in row])
