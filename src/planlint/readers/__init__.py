"""Readers: a file's bytes to a Document of cells and paragraphs, chosen by content.

``read_document`` sniffs the content (``sniff.sniff``) and hands it to the reader for what it
is, whatever the extension says: a .doc that is really HTML is read as HTML, a .txt that is
really a .docx as a .docx. A file that claims a binary format by its extension but holds text
(or garbage) is refused: "not a Word .docx file (content is plain text)". Whatever goes wrong
inside a third-party library becomes a one-line ReadError; nothing else escapes.

The heavy libraries (python-docx, openpyxl, pdfplumber) are imported by the reader that needs
them, so reading a text plan does not load them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from planlint.errors import ReadError
from planlint.model import Document
from planlint.readers.limits import DEFAULT_MAX_BYTES, Limits, check_zip, short_reason
from planlint.readers.sniff import LABELS, SUFFIX_KIND, describe, sniff

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
    path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, *, limits: Limits | None = None
) -> Document:
    """Read a plan file into a Document, or raise ReadError with a one-line reason.

    ``limits`` sets the other safety limits (inflated zip size, pages …); its ``max_bytes`` is
    replaced by the ``max_bytes`` argument when that is not the default.
    """
    path = Path(path)
    source = str(path)
    if limits is None:
        limits = Limits(max_bytes=max_bytes)
    elif max_bytes != DEFAULT_MAX_BYTES:
        limits = replace(limits, max_bytes=max_bytes)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise ReadError(
                source, f"file is {size} bytes, larger than the limit of {limits.max_bytes}"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(source, exc.strerror or str(exc)) from None
    if len(data) > limits.max_bytes:  # grew since stat, or a special file
        raise ReadError(source, f"file is larger than the limit of {limits.max_bytes} bytes")
    if not data.strip():
        raise ReadError(source, "empty file")
    kind = sniff(data)
    suffix = path.suffix.lower()
    claimed = SUFFIX_KIND.get(suffix)
    if kind == "text" and claimed in _BINARY_CLAIMS:
        raise ReadError(source, f"not a {LABELS[claimed]} (content is {describe(data, kind)})")
    if kind == "text" and (claimed == "html" or _holds_html_table(data)):
        # a page fragment with no <html> up front, or Markdown with a raw HTML table (pandoc
        # writes one for a table its pipe syntax cannot hold)
        kind = "html"
    try:
        return _read(data, source, kind, claimed, suffix, limits)
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(
            source, f"cannot read {_label(kind)}: structure nested too deeply"
        ) from None
    except Exception as exc:
        raise ReadError(source, f"cannot read {_label(kind)}: {short_reason(exc)}") from None


_HTML_TABLE = re.compile(rb"<table\b[^>]*>.*?<t[dh]\b", re.I | re.S)


def _holds_html_table(data: bytes) -> bool:
    """Whether a text holds an HTML table with cells (ASCII tags, so any encoding shows them)."""
    return bool(_HTML_TABLE.search(data[:_HTML_SCAN]))


_HTML_SCAN = 1 << 20


def _label(kind: str) -> str:
    return LABELS.get(kind, kind)


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
        check_zip(data, source, limits, "Word .docx file")
        from planlint.readers.docx import read_docx

        return read_docx(data, source)
    if kind == "xlsx":
        check_zip(data, source, limits, "Excel .xlsx file")
        from planlint.readers.xlsx import read_xlsx

        return read_xlsx(data, source, limits)
    if kind == "html":
        from planlint.readers.html import read_html

        return read_html(data, source)
    if kind == "pdf":
        from planlint.readers.pdf import read_pdf

        return read_pdf(data, source, limits)
    if kind == "encrypted":
        raise ReadError(source, "password-protected Office file; save an unprotected copy")
    if kind == "ole2" and claimed in ("doc", "xls"):
        kind = claimed
    if kind in ("doc", "xls", "rtf"):
        from planlint.readers.doc import read_legacy

        return read_legacy(data, source, kind, limits)
    if kind == "odf":
        raise ReadError(source, "OpenDocument files are not supported; save it as .docx or .xlsx")
    if kind == "zip":
        what = f"not a {LABELS[claimed]}" if claimed in _BINARY_CLAIMS else "unsupported file"
        raise ReadError(source, f"{what} (content is a zip archive with no Word or Excel part)")
    raise ReadError(source, f"unsupported file (content is {describe(data, kind)})")
