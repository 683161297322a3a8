"""Safety limits for hostile input: sizes, zip bombs, XML entity tricks, page counts.

Every check raises ReadError with a one-line reason naming the file. The zip checks run before
a container is handed to python-docx or openpyxl: Python's zipfile never inflates a member past
its declared size, so bounding the declared sizes bounds the memory the libraries can use.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from planlint.errors import ReadError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much a reader may take from one file before it refuses it."""

    max_bytes: int = DEFAULT_MAX_BYTES  # the file itself
    max_unzipped: int = 200 * 1024 * 1024  # all members of a .docx/.xlsx, inflated
    max_ratio: int = 200  # inflated/compressed size of one member (counted past 1 MiB only)
    max_members: int = 5000  # members of one zip container
    max_pages: int = 300  # pages of a PDF
    pdf_seconds: float = 120.0  # wall clock for one PDF (main thread on POSIX only)
    max_cells: int = 500_000  # cells of one spreadsheet (rows x columns of its used range)
    convert_timeout: float = 60.0  # seconds for soffice to convert a legacy .doc/.xls


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
    return bool(_DTD.search(data)) or any(p in data for p in _DTD16)


def check_zip(data: bytes, source: str, limits: Limits, label: str) -> None:
    """Refuse a corrupt, encrypted or oversized zip container before any library opens it."""
    import zipfile
    import zlib

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > limits.max_members:
                raise ReadError(
                    source,
                    f"{label} has {len(infos)} parts, more than the limit of "
                    f"{limits.max_members} (zip bomb?)",
                )
            total = 0
            for info in infos:
                if info.flag_bits & 0x1:
                    raise ReadError(source, f"password-protected {label} (encrypted zip member)")
                total += info.file_size
                if total > limits.max_unzipped:
                    raise ReadError(
                        source,
                        f"{label} inflates to more than {limits.max_unzipped} bytes (zip bomb?)",
                    )
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size > 1024 * 1024 and ratio > limits.max_ratio:
                    raise ReadError(
                        source,
                        f"{label} part {info.filename} is compressed {ratio:.0f}:1 (zip bomb?)",
                    )
            for info in infos:
                name = info.filename.lower()
                if name.endswith((".xml", ".rels")) and has_dtd(zf.read(info)):
                    raise ReadError(
                        source,
                        f"{label} part {info.filename} declares a DOCTYPE or ENTITY "
                        "(XML entity attack?)",
                    )
    except zipfile.BadZipFile as exc:
        raise ReadError(source, f"truncated or corrupt {label} ({exc})") from None
    except (EOFError, OSError, ValueError, NotImplementedError, RuntimeError, zlib.error) as exc:
        # RuntimeError: an encrypted member zipfile cannot read; ValueError/OSError: bad headers
        raise ReadError(source, f"truncated or corrupt {label} ({short_reason(exc)})") from None


def short_reason(exc: BaseException, width: int = 120) -> str:
    """A library exception as one short line: ``KeyError: 'word/document.xml'``."""
    while exc.args and isinstance(exc.args[0], BaseException):  # pdfplumber wraps pdfminer's
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

    expired = ReadError(source, f"{doing} took longer than {seconds:g} s (pathological file?)")
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
