"""Safety limits for hostile input: sizes, zip bombs, XML entity tricks, page counts.

Every check raises ReadError with a one-line reason naming the file. The zip checks run before
a container is handed to python-docx or openpyxl: Python's zipfile never inflates a member past
its declared size, so bounding the declared sizes bounds the memory the libraries can use.
"""

from __future__ import annotations

import io
import re
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
    max_cells: int = 500_000  # cells of one spreadsheet (rows x columns of its used range)
    convert_timeout: float = 60.0  # seconds for soffice to convert a legacy .doc/.xls

    @classmethod
    def for_size(cls, max_bytes: int) -> Limits:
        return cls(max_bytes=max_bytes)


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
                    source, f"{label} has {len(infos)} parts, more than the limit of "
                    f"{limits.max_members} (zip bomb?)"
                )
            total = 0
            for info in infos:
                if info.flag_bits & 0x1:
                    raise ReadError(source, f"password-protected {label} (encrypted zip member)")
                total += info.file_size
                if total > limits.max_unzipped:
                    raise ReadError(
                        source, f"{label} inflates to more than {limits.max_unzipped} bytes "
                        "(zip bomb?)"
                    )
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size > 1024 * 1024 and ratio > limits.max_ratio:
                    raise ReadError(
                        source, f"{label} part {info.filename} is compressed {ratio:.0f}:1 "
                        "(zip bomb?)"
                    )
            for info in infos:
                name = info.filename.lower()
                if name.endswith((".xml", ".rels")) and has_dtd(zf.read(info)):
                    raise ReadError(
                        source, f"{label} part {info.filename} declares a DOCTYPE or ENTITY "
                        "(XML entity attack?)"
                    )
    except zipfile.BadZipFile as exc:
        raise ReadError(source, f"truncated or corrupt {label} ({exc})") from None
    except (EOFError, OSError, ValueError, NotImplementedError, RuntimeError, zlib.error) as exc:
        # RuntimeError: an encrypted member zipfile cannot read; ValueError/OSError: bad headers
        raise ReadError(source, f"truncated or corrupt {label} ({short_reason(exc)})") from None


def short_reason(exc: BaseException, width: int = 120) -> str:
    """A library exception as one short line: ``KeyError: 'word/document.xml'``."""
    text = " ".join(str(exc).split())
    text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return text if len(text) <= width else text[: width - 1] + "…"
