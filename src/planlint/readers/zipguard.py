"""Verify a .docx/.xlsx zip container by what its parts really inflate to, before any library.

Python's zipfile trusts the sizes a zip declares: reading a part declared 64 bytes inflates all
of its compressed data first (up to 2 GB in one call) and only then cuts it to 64. So the
declared sizes bound nothing. ``verify_zip`` reads the container once, itself, in bounded
streaming steps, and refuses it unless every part is what zipfile will later see:

- parts whose compressed data overlap (one compressed body shared by thousands of entries, the
  "overlapping zip bomb"), two parts of one name, and data outside the file are refused from
  the directory alone, before anything is inflated;
- each part is inflated in 1 MiB steps, never more than the remaining budget: inflating stops
  as soon as the real total passes ``max_unzipped``, a part passes ``max_ratio`` or inflates to
  more than it declares (zipfile would inflate all of it to cut it); its CRC is checked;
- XML parts (by content, not by name) are scanned as they stream: a DOCTYPE or ENTITY is refused
  (XXE, billion laughs), and their bytes and elements count against ``max_xml_bytes`` and
  ``max_xml_nodes``, which bound what the XML parser of python-docx or openpyxl will hold.

A part that passes inflates to exactly its declared size from exactly the bytes zipfile reads
(same local header, same compressed range), so python-docx and openpyxl only see verified data.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from planlint.errors import ReadError
from planlint.messages import Phrase
from planlint.readers.limits import _DTD, _DTD16, Limits, exceeded, short_reason

STEP = 1 << 20  # bytes inflated per step
_IN_STEP = 1 << 16  # compressed bytes fed per step
_LOCAL = struct.Struct("<4sHHHHHIIIHH")  # a local file header, 30 bytes
_LOCAL_SIG = b"PK\x03\x04"
_TAIL = 32  # bytes kept between chunks so a DOCTYPE split across two is still seen
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# an imported page (w:altChunk) is read by planlint's HTML reader, which ignores a DTD
_PAGES = (".htm", ".html", ".mht", ".mhtml", ".xhtml")


@dataclass
class _Budget:
    """What the whole container has used so far."""

    inflated: int = 0
    xml_bytes: int = 0
    xml_nodes: int = 0


def verify_zip(data: bytes, source: str, limits: Limits, label: str) -> None:
    """Refuse the container (ReadError, one line) unless every part passes; see the module."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile as exc:
        raise ReadError(source, "zip-corrupt", label=label, reason=str(exc)) from None
    except (EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise ReadError(source, "zip-corrupt", label=label, reason=short_reason(exc)) from None
    if len(infos) > limits.max_members:
        what = Phrase("zip-too-many-parts", label=label, parts=len(infos))
        raise exceeded(source, what, "max_members", limits)
    spans = [_data_span(data, info, source, label) for info in infos]
    _refuse_overlaps(infos, spans, source, label)
    budget = _Budget()
    for info, (start, end) in zip(infos, spans, strict=True):
        _verify_member(data, info, start, end, budget, source, limits, label)


def _data_span(data: bytes, info: zipfile.ZipInfo, source: str, label: str) -> tuple[int, int]:
    """Where a part's compressed bytes are, read from its local header as zipfile reads them."""
    if info.flag_bits & 0x1:
        raise ReadError(source, "zip-encrypted", label=label)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ReadError(
            source, "zip-method", label=label, part=info.filename, method=info.compress_type
        )
    at = info.header_offset
    header = data[at : at + _LOCAL.size]
    if len(header) < _LOCAL.size or header[:4] != _LOCAL_SIG:
        raise ReadError(source, "zip-bad-header", label=label)
    fields = _LOCAL.unpack(header)
    start = at + _LOCAL.size + fields[9] + fields[10]
    end = start + info.compress_size
    if end > len(data):
        raise ReadError(source, "zip-past-end", label=label)
    return start, end


def _refuse_overlaps(
    infos: list[zipfile.ZipInfo], spans: list[tuple[int, int]], source: str, label: str
) -> None:
    """Two entries sharing compressed bytes, or one name: a crafted container, never Office's."""
    names: set[str] = set()
    for info in infos:
        if info.filename in names:
            raise ReadError(source, "zip-twin-parts", label=label, part=info.filename)
        names.add(info.filename)
    ordered = sorted(zip((info.header_offset for info in infos), spans, strict=True))
    previous_end = 0
    for header, (_, end) in ordered:
        if header < previous_end:
            raise ReadError(source, "zip-overlap", label=label)
        previous_end = end


def _verify_member(
    data: bytes,
    info: zipfile.ZipInfo,
    start: int,
    end: int,
    budget: _Budget,
    source: str,
    limits: Limits,
    label: str,
) -> None:
    """Inflate one part in bounded steps, checking every budget as the bytes come."""
    size, crc = 0, 0
    scan: _XmlScan | None = None
    room = max(limits.max_unzipped - budget.inflated, 0)
    cap = min(room, info.file_size) + 1  # one byte past either limit is enough to refuse
    for chunk in _inflate(data, start, end, info.compress_type, cap, source, label):
        if scan is None:
            scan = _XmlScan(xml=_looks_xml(chunk), page=info.filename.lower().endswith(_PAGES))
        size += len(chunk)
        crc = zlib.crc32(chunk, crc)
        scan.feed(chunk, info.filename, budget, source, limits, label)
        if budget.inflated + size > limits.max_unzipped:
            what = Phrase("zip-inflates", label=label, limit=limits.max_unzipped)
            raise exceeded(source, what, "max_unzipped", limits)
        if size > info.file_size:
            raise ReadError(
                source, "zip-part-lies", label=label, part=info.filename, size=info.file_size
            )
        _check_ratio(info, size, source, limits, label)
    budget.inflated += size
    if size != info.file_size or crc != info.CRC:
        raise ReadError(source, "zip-part-damaged", label=label, part=info.filename)


def _check_ratio(info: zipfile.ZipInfo, size: int, source: str, limits: Limits, label: str) -> None:
    ratio = size / max(info.compress_size, 1)
    if size > STEP and ratio > limits.max_ratio:
        what = Phrase("zip-ratio", label=label, part=info.filename, ratio=f"{ratio:.0f}")
        raise exceeded(source, what, "max_ratio", limits)


def _inflate(
    data: bytes, start: int, end: int, method: int, cap: int, source: str, label: str
) -> Iterator[bytes]:
    """A part's real bytes, at most STEP at a time and at most ``cap`` in all, exactly as
    zipfile would produce them (raw deflate of the compressed range, stopping at its end)."""
    view = memoryview(data)[start:end]
    if method == zipfile.ZIP_STORED:
        for at in range(0, min(len(view), cap), STEP):
            yield bytes(view[at : min(at + STEP, cap)])
        return
    inflater = zlib.decompressobj(-15)
    made = 0
    try:
        for at in range(0, len(view), _IN_STEP):
            pending = bytes(view[at : at + _IN_STEP])
            while pending and made < cap:
                chunk = inflater.decompress(pending, min(STEP, cap - made))
                pending = inflater.unconsumed_tail
                made += len(chunk)
                if chunk:
                    yield chunk
                if inflater.eof:
                    return
            if made >= cap:
                return
        tail = inflater.flush()[: max(cap - made, 0)]
        if tail:
            yield tail
    except zlib.error as exc:
        raise ReadError(source, "zip-corrupt", label=label, reason=short_reason(exc)) from None


def _looks_xml(first: bytes) -> bool:
    """An XML part by its content: ``<`` after an optional BOM and spaces (UTF-8 or UTF-16)."""
    head = first[:64]
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    head = head.replace(b"\x00", b"").lstrip()
    return head.startswith(b"<")


def _has_dtd16(window: bytes) -> bool:
    """A UTF-16 DOCTYPE or ENTITY: every one has NUL bytes, which UTF-8 XML never holds, so
    one memchr settles the common case."""
    return b"\x00" in window and any(p in window for p in _DTD16)


class _XmlScan:
    """Counts an XML part's bytes and elements and looks for a DTD, chunk by chunk."""

    def __init__(self, xml: bool = True, page: bool = False) -> None:
        self.xml = xml
        self.page = page
        self.tail = b""

    def feed(
        self,
        chunk: bytes,
        name: str,
        budget: _Budget,
        source: str,
        limits: Limits,
        label: str,
    ) -> None:
        if not self.xml:
            return
        window = self.tail + chunk
        if not self.page and (_DTD.search(window) or _has_dtd16(window)):
            raise ReadError(source, "zip-dtd", label=label, part=name)
        self.tail = chunk[-_TAIL:]
        budget.xml_bytes += len(chunk)
        budget.xml_nodes += chunk.count(b"<") - chunk.count(b"</")
        if budget.xml_bytes > limits.max_xml_bytes:
            what = Phrase("zip-xml-bytes", label=label, limit=limits.max_xml_bytes)
            raise exceeded(source, what, "max_xml_bytes", limits)
        if budget.xml_nodes > limits.max_xml_nodes:
            what = Phrase("zip-xml-nodes", label=label, limit=limits.max_xml_nodes)
            raise exceeded(source, what, "max_xml_nodes", limits)
