"""Readers: a file's bytes to a Document of cells and paragraphs, chosen by content."""

from __future__ import annotations

from pathlib import Path

from planlint.errors import ReadError
from planlint.model import Document

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
PLAN_SUFFIXES = TEXT_SUFFIXES


def read_document(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a plan file into a Document, or raise ReadError with a one-line reason."""
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(source, f"file is {size} bytes, larger than the limit of {max_bytes}")
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(source, exc.strerror or str(exc)) from None
    if not data.strip():
        raise ReadError(source, "empty file")
    from planlint.readers.text import read_text

    fmt = "markdown" if path.suffix.lower() in {".md", ".markdown"} else "text"
    return read_text(data, source, fmt)
