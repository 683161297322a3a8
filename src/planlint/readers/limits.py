"""Safety limits for hostile input: one table of budgets, each refused with a one-line error.

Every limit a reader enforces is a field of ``Limits``: its default and what it bounds are
written next to it (``LIMIT_DOCS``), the README quotes the same table, and ``planlint check
--limit NAME=VALUE`` raises one. A file past a limit is refused with one line naming the file
and the limit (``over``), never read further: the budgets are counted while inflating, parsing
or walking, so the refusal comes in bounded time and memory.

Two kinds of field: budgets (sizes and counts; exceeding one refuses the file) and caps
(``max_span``, ``max_repeat_chars``): a value past a cap is clamped, as browsers clamp colspan,
because legitimate files carry such values and their text is still read in full.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from typing import Any

from planlint.errors import ReadError
from planlint.messages import Phrase

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MiB = 1024 * 1024


def _limit(default: float, doc: str) -> Any:
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True)
class Limits:
    """How much a reader may take from one file before it refuses it (see ``LIMIT_DOCS``)."""

    max_bytes: int = _limit(DEFAULT_MAX_BYTES, "size of the file itself (also `--max-size` MB)")
    max_members: int = _limit(5000, "parts (members) of one .docx/.xlsx zip container")
    max_unzipped: int = _limit(
        200 * MiB,
        "bytes all parts of a .docx/.xlsx really inflate to (counted while inflating, never "
        "the declared size); also all non-image Flate streams of a PDF",
    )
    max_ratio: int = _limit(200, "inflated/compressed size of one zip part past its first MiB")
    max_xml_bytes: int = _limit(
        32 * MiB, "bytes of XML parts in one .docx/.xlsx (what the XML parser holds)"
    )
    max_xml_nodes: int = _limit(
        500_000,
        "XML elements in one .docx/.xlsx, all parts (styled empty cells and unused shared "
        "strings count)",
    )
    max_cells: int = _limit(
        50_000,
        "cells of one table: a sheet's used range (rows × columns holding values, never a "
        "declared or merged range), a Word or HTML table's grid",
    )
    max_chars: int = _limit(
        2_000_000,
        "characters of text read from one file (a cell merged down counts in each row it is "
        "repeated in)",
    )
    max_list_number: int = _limit(
        10_000,
        "a Word list number (numbering start or counter; an `upperLetter` number n is n/26 "
        "letters)",
    )
    max_span: int = _limit(
        200, "cap: `gridSpan`, `gridBefore`, `colspan` and `rowspan` are clamped to this many"
    )
    max_repeat_chars: int = _limit(
        2000,
        "cap: a cell merged down is repeated in each row it covers only up to this length; "
        "longer text (a heading, a note) is kept once, in its first row",
    )
    max_pages: int = _limit(300, "pages of a PDF")
    max_pdf_stream: int = _limit(
        32 * MiB, "bytes one PDF stream (not an image) inflates to; a page's content in all"
    )
    max_page_objects: int = _limit(
        50_000, "characters, lines, rectangles, curves and images drawn on one PDF page"
    )
    pdf_seconds: float = _limit(120.0, "seconds for one PDF (main thread on POSIX only)")
    convert_timeout: float = _limit(60.0, "seconds for soffice to convert a legacy .doc/.xls")


LIMIT_DOCS: dict[str, str] = {f.name: f.metadata["doc"] for f in fields(Limits)}


def limit_note(name: str, limits: Limits) -> str:
    """How a refusal names its limit, so the user can raise it: ``(limit max_cells=200000)``."""
    value = getattr(limits, name)
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return f"(limit {name}={shown})"


def exceeded(source: str, what: Phrase, name: str, limits: Limits) -> ReadError:
    """A refusal for a file past a limit: ``source: what (limit name=value)``, one line."""
    value = getattr(limits, name)
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return ReadError(source, "over-limit", what=what, limit=name, value=shown)


def parse_limit(spec: str) -> tuple[str, float]:
    """``NAME=VALUE`` from the command line, checked; ValueError with a one-line reason (its
    argument a Phrase, said in the run's language by the command line)."""
    name, sep, raw = spec.partition("=")
    name = name.strip().replace("-", "_")
    if not sep or name not in LIMIT_DOCS:
        known = ", ".join(LIMIT_DOCS)
        raise ValueError(Phrase("limit-spec", known=known, spec=repr(spec[:60])))
    kind = next(f.type for f in fields(Limits) if f.name == name)
    try:
        value: float = float(raw) if kind in (float, "float") else int(raw.replace("_", ""))
    except ValueError:
        raise ValueError(Phrase("limit-not-number", name=name, value=repr(raw[:40]))) from None
    if not value > 0:
        raise ValueError(Phrase("limit-not-positive", name=name, value=raw[:40]))
    return name, value


def with_limits(base: Limits, specs: list[str]) -> Limits:
    """``base`` with each ``NAME=VALUE`` applied (ValueError on a bad one)."""
    return dataclasses.replace(base, **dict(parse_limit(spec) for spec in specs))


# XML declarations that enable external entities (XXE) and entity expansion (billion laughs).
# OOXML parts never carry a DTD, so any DOCTYPE or ENTITY is refused outright.
_DTD = re.compile(rb"<!\s*(doctype|entity)", re.I)
_DTD16 = [
    word.encode(enc)
    for word in ("<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity")
    for enc in ("utf-16-le", "utf-16-be")
]


def has_dtd(data: bytes) -> bool:
    """Whether an XML text (UTF-8 or UTF-16) declares a DOCTYPE or an ENTITY."""
    return bool(_DTD.search(data)) or (b"\x00" in data and any(p in data for p in _DTD16))


def check_zip(data: bytes, source: str, limits: Limits, label: str) -> None:
    """Refuse a corrupt, encrypted, overlapping or oversized zip container before any library
    opens it, judging every part by what it really inflates to (``zipguard.verify_zip``)."""
    from planlint.readers.zipguard import verify_zip

    verify_zip(data, source, limits, label)


def short_reason(exc: BaseException, width: int = 120) -> str:
    """A library exception as one short line: ``KeyError: 'word/document.xml'``."""
    while exc.args and isinstance(exc.args[0], BaseException):  # an error wrapping another
        exc = exc.args[0]
    text = " ".join(str(exc).split())
    text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return text if len(text) <= width else text[: width - 1] + "…"


class _Expired(BaseException):
    """Raised by the alarm; a BaseException so that no library's ``except Exception`` eats it."""


@contextmanager
def time_limit(seconds: float, source: str, doing: str) -> Iterator[None]:
    """Stop a pathological input after ``seconds`` of wall clock (ReadError).

    Uses SIGALRM, so it only works in the main thread on POSIX; elsewhere it does nothing and
    the page and size limits are the only bound.
    """
    import signal
    import threading

    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise _Expired()

    import time

    expired = ReadError(source, "took-too-long", doing=doing, seconds=f"{seconds:g}")
    previous = signal.signal(signal.SIGALRM, expire)
    start = time.monotonic()
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
        # the alarm's exception can be lost inside a __del__ or a C callback: check the clock too
        if time.monotonic() - start > seconds:
            raise expired
    except _Expired:
        raise expired from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if old_delay:  # someone else's alarm was pending: give it back what is left of it
            signal.setitimer(signal.ITIMER_REAL, old_delay, old_interval)
