"""Readers: a file's bytes to a Document of cells and paragraphs, chosen by content.

``read_document`` sniffs the content (``sniff.sniff``) and hands it to the reader for what it
is, whatever the extension says: a .doc that is really HTML is read as HTML, a .txt that is
really a .docx as a .docx. A file that claims a binary format by its extension but holds text
(or garbage) is refused: "not a Word .docx file (content is plain text)". Whatever goes wrong
inside a third-party library becomes a one-line ReadError; nothing else escapes.

The heavy libraries (python-docx, openpyxl, pypdfium2) are imported by the reader that needs
them, so reading a text plan does not load them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from planlint.errors import ReadError
from planlint.messages import Phrase, os_reason
from planlint.model import CellStream, Document, Table
from planlint.readers.limits import (
    DEFAULT_MAX_BYTES,
    Limits,
    check_zip,
    exceeded,
    short_reason,
)
from planlint.readers.sniff import SUFFIX_KIND, describe, sniff
from planlint.regularfile import FileTooLarge, NotRegularFile, read_regular

__all__ = [
    "DEFAULT_MAX_BYTES",
    "PLAN_SUFFIXES",
    "TEXT_SUFFIXES",
    "Limits",
    "read_document",
]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".csv", ".tsv"}
OFFICE_SUFFIXES = {".docx", ".doc", ".wps", ".xlsx", ".xls", ".et", ".html", ".htm", ".pdf"}
PLAN_SUFFIXES = TEXT_SUFFIXES | OFFICE_SUFFIXES

_BINARY_CLAIMS = {"docx", "doc", "xlsx", "xls", "pdf"}


def read_document(
    path: str | Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    limits: Limits | None = None,
    data: bytes | None = None,
) -> Document:
    """Read a plan file into a Document, or raise ReadError with a one-line reason.

    ``limits`` sets the other safety limits (inflated zip size, pages …); its ``max_bytes`` is
    replaced by the ``max_bytes`` argument when that is not the default. ``data``: the plan's
    bytes when they came from elsewhere (standard input, ``planlint check -``); ``path`` then
    only names them (reports, and the format its suffix claims) and is never opened.
    """
    path = Path(path)
    source = str(path)
    if limits is None:
        limits = Limits(max_bytes=max_bytes)
    elif max_bytes != DEFAULT_MAX_BYTES:
        limits = replace(limits, max_bytes=max_bytes)
    data = _read_bytes(path, source, limits) if data is None else _given_bytes(data, source, limits)
    if not data.strip():
        raise ReadError(source, "empty-file")
    kind = sniff(data)
    suffix = path.suffix.lower()
    claimed = SUFFIX_KIND.get(suffix)
    if kind == "text" and claimed in _BINARY_CLAIMS:
        raise ReadError(source, "not-a-kind", claimed=claimed, content=describe(data, kind))
    if kind == "text" and (claimed == "html" or _holds_html_table(data)):
        # a page fragment with no <html> up front, or Markdown with a raw HTML table (pandoc
        # writes one for a table its pipe syntax cannot hold)
        kind = "html"
    try:
        document = _read(data, source, kind, claimed, suffix, limits)
    except (ReadError, MemoryError):  # the worker names the memory limit
        raise
    except RecursionError:
        raise ReadError(source, "nested-too-deeply", kind=kind) from None
    except Exception as exc:
        raise ReadError(source, "cannot-read-kind", kind=kind, reason=short_reason(exc)) from None
    check_chars(document, source, limits)
    return document


def _read_bytes(path: Path, source: str, limits: Limits) -> bytes:
    """The file's bytes, read only if it is a regular file and never past ``max_bytes``: a FIFO
    or device swapped in for the file is refused unread instead of hanging the run."""
    try:
        return read_regular(path, limits.max_bytes)
    except FileTooLarge as exc:
        what = Phrase("file-too-large", size=exc.size, limit=limits.max_bytes)
        raise exceeded(source, what, "max_bytes", limits) from None
    except NotRegularFile as exc:
        raise ReadError(source, "not-regular", what=exc.kind) from None
    except OSError as exc:
        raise ReadError(source, "os-error", reason=os_reason(exc)) from None


def _given_bytes(data: bytes, source: str, limits: Limits) -> bytes:
    """Bytes handed over rather than read, under the same size limit as a file's: the caller
    reads at most one byte past it (stdin.py), so the true size is not known, only that it is
    over."""
    if len(data) > limits.max_bytes:
        what = Phrase("input-too-large", limit=limits.max_bytes)
        raise exceeded(source, what, "max_bytes", limits)
    return data


def check_chars(document: Document, source: str, limits: Limits) -> None:
    """Refuse a document whose text is over ``max_chars``, counted as parse/ will see it (a cell
    merged down counts in every row that repeats it), so no later stage gets an unbounded
    amount of text to split and match."""
    total = 0
    for block in document.blocks:
        total += _block_chars(block)
        if total > limits.max_chars:
            what = Phrase("too-many-chars", kind=document.format, limit=limits.max_chars)
            raise exceeded(source, what, "max_chars", limits)


def _block_chars(block: object) -> int:
    """The characters of one block's text: a paragraph, a table's cells, a stream's cells."""
    if isinstance(block, Table):
        return sum(len(cell.text) for row in block.rows for cell in row)
    if isinstance(block, CellStream):
        return sum(len(cell.text) for cell in block.cells)
    return len(getattr(block, "text", ""))


_HTML_TABLE = re.compile(rb"<table\b[^>]*>.*?<t[dh]\b", re.I | re.S)


def _holds_html_table(data: bytes) -> bool:
    """Whether a text holds an HTML table with cells (ASCII tags, so any encoding shows them)."""
    return bool(_HTML_TABLE.search(data[:_HTML_SCAN]))


_HTML_SCAN = 1 << 20


def _read(
    data: bytes, source: str, kind: str, claimed: str | None, suffix: str, limits: Limits
) -> Document:
    if kind == "text":
        from planlint.readers.text import read_text

        fmt = (
            "markdown"
            if suffix in {".md", ".markdown"}
            else "csv"
            if suffix in {".csv", ".tsv"}
            else "text"
        )
        return read_text(data, source, fmt)
    if kind == "docx":
        check_zip(data, source, limits, "docx")
        from planlint.readers.docx import read_docx

        return read_docx(data, source, limits=limits)
    if kind == "xlsx":
        check_zip(data, source, limits, "xlsx")
        from planlint.readers.xlsx import read_xlsx

        return read_xlsx(data, source, limits)
    if kind == "html":
        from planlint.readers.html import read_html

        return read_html(data, source, limits=limits)
    if kind == "pdf":
        from planlint.readers.pdf import read_pdf

        return read_pdf(data, source, limits)
    if kind == "encrypted":
        raise ReadError(source, "encrypted-office")
    if kind == "ole2" and claimed in ("doc", "xls"):
        kind = claimed
    if kind in ("doc", "xls", "rtf"):
        from planlint.readers.doc import read_legacy

        return read_legacy(data, source, kind, limits)
    if kind == "odf":
        raise ReadError(source, "odf-unsupported")
    if kind == "zip":
        if claimed in _BINARY_CLAIMS:
            raise ReadError(source, "not-a-kind-zip", claimed=claimed)
        raise ReadError(source, "unsupported-zip")
    raise ReadError(source, "unsupported-file", content=describe(data, kind))
