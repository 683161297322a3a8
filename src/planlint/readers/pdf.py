"""PDF plans: pdfium's text layer, read as ruled tables and as laid-out text, kept by evidence.

- The text layer comes from pdfium (pypdfium2, a dependency): the characters of
  each page grouped into lines by baseline (``pdftext.py``: two rows' text drawn over one band
  stay two lines), and the page's ruling lines from its path objects.
- Readings offered to parse/, which keeps the one that explains the plan best:
  ``pdf``, the ruled tables (``pdfgrid.py``) with the lines outside them as paragraphs, when a
  page has ruling lines and no table's text crosses its row rules (Calc prints a wrapped cell
  over the rows above and below: its cells cannot say which row a line is in); and every
  reading of the pages laid out as ``pdftotext -layout`` writes them (``pdf-aligned``,
  ``pdf-prose``, ``pdf-prose-unwrapped`` … from ``text.readings_of``): an unruled table (a
  python-docx table has no borders, and LibreOffice prints it so) is read by its columns.
- A merged cell covers several grid positions with one origin, and ``grid.grid_blocks`` reads
  it like a merged Word cell. A table continued on the next page is a Table of its own whose
  first row is not a header; parse/ joins fragments of equal width.
- A PDF with no text at all is a scan (ReadError: run OCR first); one needing a password, or
  with more than ``Limits.max_pages`` pages, is refused.
- Budgets: before pdfium opens the file, every Flate stream that is not an image (pdfium never
  inflates images to read text) is inflated here in bounded steps and refused past
  ``max_pdf_stream`` each or ``max_unzipped`` in all; when the file has Flate images, each
  page's content streams are measured too (through pdfminer's page tree, so a stream marked as
  an image cannot be drawn as content unmeasured); each page's objects, forms' included, are
  counted to ``max_page_objects``, and the characters of all pages to ``max_chars``.

Locations: ``Location(page=N, line=L)``, L the line's number on its page (from 1, top to
bottom); a cell gets the number of the first line at or below its top edge.
"""

from __future__ import annotations

import io
import logging
import re
import sys
import time
import zlib
from collections.abc import Iterator
from dataclasses import replace

from planlint.errors import ReadError
from planlint.messages import Phrase
from planlint.model import Block, Cell, CellStream, Document, Location, Paragraph, Reading, Table
from planlint.readers.limits import Limits, exceeded, short_reason, time_limit
from planlint.readers.pdfgrid import Overflow, page_blocks
from planlint.readers.pdftext import (
    Line,
    Rules,
    TooManyObjects,
    layout_text,
    page_chars,
    page_lines,
    page_rules,
)


def read_pdf(data: bytes, path: str, limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    start = time.monotonic()
    with time_limit(limits.pdf_seconds, path, "reading the PDF"):
        if check_streams(data, path, limits):
            check_page_contents(data, path, limits)
        pages = _text_layer(data, path, limits)
        readings = _layout_readings(pages)
        ruled = _ruled_reading(pages) if any(rules.grid for _, rules in pages) else None
        first = ruled if ruled is not None else next(readings)
    from planlint.readers.text import Later

    left = limits.pdf_seconds - (time.monotonic() - start)
    # the rest as parse asks for them (text.Later): it stops at ruled tables read cleanly
    others = Later(_within(readings, left, path)) if limits.pdf_seconds > 0 else Later(readings)
    return Document(path, "pdf", first.blocks, first.name, others, first.prior, doubts=first.doubts)


def _within(readings: Iterator[Reading], seconds: float, path: str) -> Iterator[Reading]:
    """``readings`` made within what is left of the PDF's time budget (``pdf_seconds``): the
    budget counts the reading's own work, now and when parse asks for more."""
    while True:
        start = time.monotonic()
        # time_limit does nothing for 0 s: what is spent is given a moment, then refused
        with time_limit(max(seconds, 0.001), path, "reading the PDF"):
            reading = next(readings, None)
        if reading is None:
            return
        seconds -= time.monotonic() - start
        yield reading


def _text_layer(data: bytes, path: str, limits: Limits) -> list[tuple[list[Line], Rules]]:
    """Every page's lines and ruling lines, through pdfium: refused past the page, object and
    character budgets, or when there is no text at all (a scan)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except MemoryError:
        raise
    except Exception as exc:
        raise _open_error(exc, path) from None
    pages: list[tuple[list[Line], Rules]] = []
    try:
        count = len(pdf)
        if not count:
            raise ReadError(path, "pdf-no-pages")
        if count > limits.max_pages:
            raise ReadError(path, "pdf-too-many-pages", pages=count, limit=limits.max_pages)
        chars = 0
        for number in range(1, count + 1):
            try:
                page = pdf[number - 1]
            except Exception as exc:  # a page pdfium cannot load (a broken page tree)
                raise _open_error(exc, path) from None
            try:
                height = page.get_height()
                try:
                    rules = page_rules(page, height, limits.max_page_objects)
                except TooManyObjects:
                    budget = limits.max_page_objects
                    what = Phrase("pdf-too-many-objects", page=number, limit=budget)
                    raise exceeded(path, what, "max_page_objects", limits) from None
                textpage = page.get_textpage()
                try:
                    found = page_chars(textpage, height, limits.max_chars - chars)
                except ValueError:
                    found = None
                finally:
                    textpage.close()
            finally:
                page.close()
            if found is None or chars + len(found) > limits.max_chars:
                what = Phrase("pdf-too-many-chars", limit=limits.max_chars, page=number)
                raise exceeded(path, what, "max_chars", limits)
            chars += len(found)
            pages.append((page_lines(found), rules))
    finally:
        pdf.close()
    if not chars:
        raise ReadError(path, "pdf-scanned")
    return pages


def _layout_readings(pages: list[tuple[list[Line], Rules]]) -> Iterator[Reading]:
    """The pages laid out as ``pdftotext -layout`` writes them, and every reading the text
    readers find in that text (aligned columns, blocks, prose …), placed by page and line:
    each made when asked for (there is always one: every line a paragraph)."""
    from planlint.readers.text import each_reading

    lines, where = layout_text(pages)
    for reading in each_reading(lines):
        blocks = [_placed(block, where) for block in reading.blocks]
        doubts = [replace(d, loc=_place(d.loc, where)) if d.loc else d for d in reading.doubts]
        yield Reading(f"pdf-{reading.name}", blocks, reading.prior, doubts)


def _place(loc: Location, where: list[tuple[int, int]]) -> Location:
    """A place in the laid-out text (line, column) as the PDF's (page, line on the page)."""
    if loc.line is None or not where:
        return loc
    page, line = where[min(max(loc.line - 1, 0), len(where) - 1)]
    return Location(page=page, line=line)


def _placed(block: Block, where: list[tuple[int, int]]) -> Block:
    def cell(c: Cell) -> Cell:
        return Cell(c.text, _place(c.loc, where))

    if isinstance(block, Table):
        rows = [[cell(c) for c in row] for row in block.rows]
        return replace(block, rows=rows, loc=_place(block.loc, where))
    if isinstance(block, CellStream):
        cells = [cell(c) for c in block.cells]
        return replace(block, cells=cells, loc=_place(block.loc, where))
    return Paragraph(block.text, _place(block.loc, where))


def _ruled_reading(pages: list[tuple[list[Line], Rules]]) -> Reading | None:
    """The pages' ruled tables (pdfgrid.py) with the text around them as paragraphs; None
    when a table's text is drawn across its row rules (its cells do not hold their text)."""
    blocks: list[Block] = []
    for number, (lines, rules) in enumerate(pages, 1):
        try:
            blocks.extend(page_blocks(lines, rules, number))
        except Overflow:
            return None
    return Reading("pdf", blocks, _RULED)


# ruling lines are an explicit cell syntax, as a Markdown table's bars: read cleanly, no
# reading of the laid-out text can beat them (parse stops there)
_RULED = 2.0


_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_LOOKBACK = 4096  # bytes searched back from "stream" for the stream's own dictionary
_STEP = 1 << 20


def check_streams(data: bytes, path: str, limits: Limits) -> bool:
    """Inflate every Flate stream but images, in bounded steps, before pdfium can: refuse
    one that passes ``max_pdf_stream`` or all of them passing ``max_unzipped``. True when a
    Flate stream was let through as an image (it might be drawn as a page's content).

    Streams are found by their keyword and inflated from there to the end of their zlib data,
    whatever ``/Length`` says, so no stream pdfium reads inflates to more than measured here.
    """
    total = 0
    images = False
    for m in _STREAM.finditer(data):
        if _is_image(data, m.start()):
            images = images or _inflated_size(data, m.end(), 1) > 0
            continue
        size = _inflated_size(data, m.end(), limits.max_pdf_stream + 1)
        if size > limits.max_pdf_stream:
            what = Phrase("pdf-stream-bomb", at=m.end(), limit=limits.max_pdf_stream)
            raise exceeded(path, what, "max_pdf_stream", limits)
        total += size
        if total > limits.max_unzipped:
            what = Phrase("pdf-streams-bomb", limit=limits.max_unzipped)
            raise exceeded(path, what, "max_unzipped", limits)
    return images


def check_page_contents(data: bytes, path: str, limits: Limits) -> None:
    """Measure every page's content streams (``_check_contents``), found through pdfminer's
    page tree: a stream marked as an image that a page draws as its content is measured too.
    Only for files with Flate images: pdfminer costs more to load than pdfium to read a plan."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    _bound_reference_chains()
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        pages = PDFPage.create_pages(document)
        for number, page in enumerate(pages, 1):
            if number > limits.max_pages:
                break
            _check_contents(page, number, path, limits)
    except (ReadError, MemoryError):
        raise
    except Exception as exc:
        raise _open_error(exc, path) from None


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
    pdfium inflates them whole; a stream marked as an image is measured here too)."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

    total = 0
    for item in page.contents:
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
            what = Phrase("pdf-page-too-large", page=number, limit=limits.max_pdf_stream)
            raise exceeded(path, what, "max_pdf_stream", limits)


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
        if "Password" in name or "Encrypt" in name or "password" in str(cause).lower():
            return ReadError(path, "pdf-encrypted")
        cause = (
            cause.args[0]
            if cause.args and isinstance(cause.args[0], BaseException)
            else (cause.__cause__ or cause.__context__)
        )
    return ReadError(path, "pdf-unreadable", reason=short_reason(exc))
