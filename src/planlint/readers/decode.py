"""Bytes to text: BOMs, UTF-8, UTF-16 without BOM, GB18030/GBK, then detection."""

from __future__ import annotations

import codecs

from planlint.errors import ReadError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: of the two byte orders, the one that reads as Chinese text."""
    if len(data) < 4 or len(data) % 2:
        return None
    best, best_share = None, 0.0
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        share = sum(map(_plausible, text[:4000])) / max(1, min(len(text), 4000))
        if share > best_share:
            best, best_share = text, share
    return best if best_share >= 0.9 else None


def _plausible(ch: str) -> bool:
    o = ord(ch)
    return (
        0x20 <= o < 0x7F
        or ch in "\t\r\n"
        or 0x4E00 <= o <= 0x9FFF
        or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
        or 0x2010 <= o <= 0x2027
    )


def _is_texty(text: str) -> bool:
    if not text:
        return True
    bad = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\r\n\f"))
    return bad <= len(text) * 0.01


def decode(data: bytes, source: str) -> str:
    """Decode a plan's bytes, or raise ReadError saying the file is not text."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as exc:
                raise ReadError(source, f"broken {enc} text ({exc.reason})") from None
    if b"\x00" in data[:4000]:
        text = _utf16_without_bom(data)
        if text is not None and _is_texty(text):
            return text
        raise ReadError(source, "binary content, not a text plan")
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _is_texty(text):
            return text
    from charset_normalizer import from_bytes  # slow import, only for unusual files

    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if _is_texty(text):
            return text
    raise ReadError(source, "cannot detect the text encoding (not UTF-8, UTF-16 or GB18030)")
