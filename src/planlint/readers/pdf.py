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
- Budgets (pdfminer inflates a Flate stream in one call, however large): before pdfminer opens
  the file, every Flate stream that is not an image (pdfminer never inflates images to read
  text) is inflated here in bounded steps and refused past ``max_pdf_stream`` each or
  ``max_unzipped`` in all; a page's content streams are measured again when the page is read
  (so a stream marked as an image cannot be drawn as content); the page is laid out by a
  device that stops at ``max_page_objects`` objects, and the characters of all pages are held
  to ``max_chars``.

Locations: ``Location(page=N, line=L)``, L the line's number on its page (from 1); a cell gets
the number of the first line at or below its top edge.
"""

from __future__ import annotations

import bisect
import io
import logging
import re
import sys
import zlib

from planlint.errors import ReadError
from planlint.model import Block, Document, Location, Paragraph, Reading
from planlint.readers.grid import Slot, clean, grid_blocks
from planlint.readers.limits import Limits, exceeded, short_reason, time_limit
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
        check_streams(data, path, limits)
        return _read(pdfplumber, data, path, limits)


def _read(pdfplumber, data: bytes, path: str, limits: Limits) -> Document:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except MemoryError:
        raise
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
        chars = 0
        for number, page in enumerate(pages, 1):
            _check_contents(page, number, path, limits)
            page._layout = _bounded_layout(page, number, path, limits)
            chars += len(page.chars)
            if chars > limits.max_chars:
                what = f"PDF holds more than {limits.max_chars} characters (by page {number})"
                raise exceeded(path, what, "max_chars", limits)
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


_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_LOOKBACK = 4096  # bytes searched back from "stream" for the stream's own dictionary
_STEP = 1 << 20


def check_streams(data: bytes, path: str, limits: Limits) -> None:
    """Inflate every Flate stream but images, in bounded steps, before pdfminer can: refuse
    one that passes ``max_pdf_stream`` or all of them passing ``max_unzipped``.

    Streams are found by their keyword and inflated from there to the end of their zlib data,
    whatever ``/Length`` says, so no stream pdfminer reads inflates to more than measured here.
    """
    total = 0
    for m in _STREAM.finditer(data):
        if _is_image(data, m.start()):
            continue
        size = _inflated_size(data, m.end(), limits.max_pdf_stream + 1)
        if size > limits.max_pdf_stream:
            what = f"PDF stream at byte {m.end()} inflates to more than {limits.max_pdf_stream}"
            raise exceeded(path, f"{what} bytes (PDF bomb?)", "max_pdf_stream", limits)
        total += size
        if total > limits.max_unzipped:
            what = f"PDF streams inflate to more than {limits.max_unzipped} bytes (PDF bomb?)"
            raise exceeded(path, what, "max_unzipped", limits)


def _is_image(data: bytes, at: int) -> bool:
    """Whether the dictionary just before ``stream`` (from its ``obj``) says /Subtype /Image."""
    head = data[max(0, at - _LOOKBACK) : at]
    return bool(_IMAGE.search(head[head.rfind(b"obj") + 1 :]))


def _inflated_size(data: bytes | memoryview, start: int, cap: int) -> int:
    """How many bytes the zlib data at ``start`` inflates to, counting no further than ``cap``;
    0 if it is not zlib data (another filter, or none)."""
    head = bytes(data[start : start + 2])
    if len(head) < 2 or head[0] & 0x0F != 8 or (head[0] << 8 | head[1]) % 31:
        return 0
    inflater = zlib.decompressobj()
    view = memoryview(data)[start:]
    made = 0
    try:
        for at in range(0, len(view), 1 << 16):
            pending = bytes(view[at : at + (1 << 16)])
            while pending and made < cap:
                made += len(inflater.decompress(pending, min(_STEP, cap - made)))
                pending = inflater.unconsumed_tail
                if inflater.eof:
                    return made
            if made >= cap:
                return made
    except zlib.error:
        return made  # pdfminer stops where the data breaks, as here
    return made


def _check_contents(page, number: int, path: str, limits: Limits) -> None:
    """A page's content streams inflate to ``max_pdf_stream`` at most in all (measured before
    pdfminer inflates them whole; a stream marked as an image is measured here too)."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

    total = 0
    for item in page.page_obj.contents:
        stream = resolve1(item)
        if not isinstance(stream, PDFStream):
            continue
        if stream.rawdata is None:
            total += len(stream.data or b"")
            continue
        raw = stream.rawdata
        if stream.decipher and stream.objid is not None:
            raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
        filters = stream.get_filters()
        flate = bool(filters) and filters[0][0] in LITERALS_FLATE_DECODE
        cap = limits.max_pdf_stream + 1 - total
        total += _inflated_size(raw, 0, cap) if flate else len(raw)
        if total > limits.max_pdf_stream:
            what = f"PDF page {number} has more than {limits.max_pdf_stream} bytes of content"
            raise exceeded(path, what, "max_pdf_stream", limits)


class _TooManyObjects(Exception):
    """Raised by the bounded device: the page draws more than ``max_page_objects`` objects."""


def _bounded_layout(page, number: int, path: str, limits: Limits):
    """The page's layout, as pdfplumber makes it, by a device that counts what it is given and
    stops at ``max_page_objects``: a form drawn a thousand times, or a content stream of
    millions of glyphs, costs at most that many objects before the page is refused."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    budget = limits.max_page_objects

    class Bounded(PDFPageAggregatorWithMarkedContent):
        drawn = 0

        def _count(self) -> None:
            self.drawn += 1
            if self.drawn > budget:
                raise _TooManyObjects()

        def render_char(self, *args, **kwargs) -> float:  # type: ignore[override]
            self._count()
            return super().render_char(*args, **kwargs)

        def render_image(self, *args, **kwargs) -> None:  # type: ignore[override]
            self._count()
            super().render_image(*args, **kwargs)

        def paint_path(self, *args, **kwargs) -> None:  # type: ignore[override]
            self._count()
            super().paint_path(*args, **kwargs)

    device = Bounded(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    try:
        PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    except _TooManyObjects:
        what = f"PDF page {number} draws more than {budget} objects"
        raise exceeded(path, what, "max_page_objects", limits) from None
    return device.get_result()


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
