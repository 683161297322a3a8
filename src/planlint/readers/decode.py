"""Bytes to text: BOMs, UTF-8, UTF-16 without BOM, GB18030/GBK or Big5, then detection.

Plans arrive by mail, through web forms and old office PCs, so their bytes are sometimes a little
damaged and their encoding is not always the one the file claims. Two rules follow:

- a few invalid bytes do not refuse the plan: each run of them becomes U+FFFD and a ``bad-bytes``
  note (a reading doubt, so a ``reading`` warning in the report) names its line, column and byte
  offset; only text with more damage than ``_max_damage`` allows is refused;
- GB18030 accepts almost any byte pairs, Big5 text included, so a clean decode proves nothing.
  Candidate encodings are compared by how plausible their text is (the share of common Chinese
  characters and punctuation, invalid bytes counting against), and the most plausible wins.
  Valid UTF-8 with non-ASCII bytes is UTF-8: other encodings almost never validate as it.

An HTML page's declared charset is one more candidate: kept when it decodes cleanly and reads
as well as detection, overruled (with a ``charset-overruled`` note) otherwise.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from functools import lru_cache

from planlint.errors import ReadError
from planlint.model import Doubt, Location

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# the encodings Chinese plans come in, in order of preference on a tie; cp950 is Big5 as
# Windows writes it, big5hkscs adds the Hong Kong characters
_CANDIDATES = ("utf-8", "gb18030", "cp950", "big5hkscs")
_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "gb18030": "GB18030",
    "cp950": "Big5",
    "big5hkscs": "Big5-HKSCS",
    "utf-16": "UTF-16",
    "utf-32": "UTF-32",
}
_FAMILIES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5",
    "cp950": "big5",
    "big5hkscs": "big5",
    "utf_8": "utf-8",
    "utf-8": "utf-8",
}
# bytes the decoder could not read (escaped by surrogateescape), and NULs, which no text has
_ESCAPED = re.compile("[\udc80-\udcff\x00]+")
_SAMPLE = 256 * 1024  # bytes scored per candidate: enough to tell, cheap on a 50 MB file
_SHOWN = 3  # damaged lines reported one by one; the rest in one summary note
_OVERRULE_MARGIN = 0.25  # how much more plausible detection must be to overrule a clean charset
_DAMAGED_MIN = 0.5  # a damaged decoding is kept only if it reads at least this plausibly
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


@dataclass
class Decoded:
    """A plan's text, the encoding it was read in, and notes on damage or a wrong charset."""

    text: str
    encoding: str
    notes: list[Doubt] = field(default_factory=list)


def decode(data: bytes, source: str) -> str:
    """Decode a plan's bytes to text, or raise ReadError saying the file is not text."""
    return decode_text(data, source).text


def decode_text(
    data: bytes, source: str, declared: str | None = None, declared_line: int | None = None
) -> Decoded:
    """Decode a plan's bytes with notes on what was damaged, or raise ReadError.

    ``declared`` is the charset the file itself names (an HTML meta tag) and ``declared_line``
    the line that names it, if any."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _decode_bom(data, enc)
    if b"\x00" in data[:4000]:
        text = _utf16_without_bom(data)
        if text is not None and _is_texty(text):
            return Decoded(text, "utf-16")
        if data.count(b"\x00") > _max_damage(len(data)):  # a few are damage, many binary
            raise ReadError(source, "binary-content")
    if declared is not None:
        return _decode_declared(data, source, declared, declared_line)
    return _detect(data, source)


# --- detection ------------------------------------------------------------------------------


def _detect(data: bytes, source: str) -> Decoded:
    """The most plausible candidate decoding, damage replaced and noted; else detection by
    charset-normalizer for the rare plan in another encoding; else a refusal."""
    if b"\x00" not in data:  # NULs are damage, noted below
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if _is_texty(text):
                return Decoded(text, "utf-8")
    scores = _scores(_sample(data))
    best = max(_CANDIDATES, key=scores.__getitem__)  # the first of equals on a tie
    decoded = _decode_damaged(data, best)
    if _acceptable(decoded, scores[best]):
        return decoded
    fallback = _normalizer_guess(data)
    if fallback is not None:
        return fallback
    raise ReadError(source, "unknown-encoding")


def _acceptable(decoded: Decoded | None, score: float) -> bool:
    """Whether a candidate's decoding is text: a clean one whatever it reads like (rare
    characters are not a reason to refuse a plan), a damaged one only if it reads plausibly."""
    if decoded is None or not _is_texty(decoded.text, decoded.notes):
        return False
    return not decoded.notes or score >= _DAMAGED_MIN


def _scores(sample: bytes) -> dict[str, float]:
    """Each candidate encoding's plausibility on the sample."""
    return {enc: _plausibility(sample, enc) for enc in _CANDIDATES}


def _normalizer_guess(data: bytes) -> Decoded | None:
    """charset-normalizer's guess, for plans in none of the usual encodings (it is slow to
    import and weak on damaged or Big5 text, so it only gets the files the candidates fail)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    return Decoded(text, best.encoding) if _is_texty(text) else None


def _sample(data: bytes) -> bytes:
    """The head of the data, cut where no multi-byte character can straddle the cut: a byte
    below 0x30 is never part of a UTF-8, GB18030 or Big5 sequence."""
    if len(data) <= _SAMPLE:
        return data
    head = data[:_SAMPLE]
    cut = max(head.rfind(bytes([b])) for b in b"\n\r\t ,.")
    return head[: cut + 1] if cut > 0 else head


def _plausibility(sample: bytes, enc: str) -> float:
    """How much the sample decoded with ``enc`` reads like Chinese text, at most 1: the share
    of its non-ASCII characters that are common characters or punctuation, each invalid byte
    counting against it twice. ASCII reads the same in every candidate, so it does not count."""
    text = sample.decode(enc, "surrogateescape")
    common = _common_characters()
    wide = bad = good = 0
    for ch in text:
        if ch < "\x80":
            continue
        wide += 1
        if "\udc80" <= ch <= "\udcff" or ch == "\ufffd":
            bad += 1
        elif ch in common:
            good += 1
    return 1.0 if wide == 0 else (good - 2 * bad) / wide


@lru_cache(maxsize=1)
def _common_characters() -> frozenset[str]:
    """The frequent characters of both scripts: GB2312's level 1 (3,755 simplified hanzi),
    Big5's frequent set (5,401 traditional), and the punctuation, full-width forms, numbering
    and box drawing plans use. A wrong decoding scatters over the rare rest."""
    gb_level1 = _pairs(range(0xB0, 0xD8), range(0xA1, 0xFF)).decode("gb2312", "ignore")
    trail = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    big5_frequent = _pairs(range(0xA4, 0xC6), trail).decode("big5", "ignore")
    big5_frequent += _pairs([0xC6], range(0x40, 0x7F)).decode("big5", "ignore")
    ranges = (
        (0x3000, 0x303F),  # CJK punctuation
        (0xFF00, 0xFFEF),  # full-width forms
        (0x2010, 0x203B),  # dashes, quotes, ellipsis
        (0x2160, 0x217F),  # Roman numerals
        (0x2460, 0x24FF),  # circled numbers
        (0x2500, 0x257F),  # box drawing (w3m tables)
    )
    extra = "".join(chr(c) for lo, hi in ranges for c in range(lo, hi + 1))
    return frozenset(gb_level1 + big5_frequent + extra + "·×÷°±")


def _pairs(leads, trails) -> bytes:
    """Every two-byte sequence of a lead and a trail byte."""
    return b"".join(bytes((lead, t)) for lead in leads for t in trails)


# --- damage ---------------------------------------------------------------------------------


def _max_damage(size: int) -> int:
    """How many invalid bytes a plan may have and still be read: a few flipped bytes, not a
    file in another encoding (those have invalid bytes everywhere)."""
    return max(16, size // 50)


def _decode_damaged(data: bytes, enc: str) -> Decoded | None:
    """Decode with each run of invalid bytes replaced by U+FFFD and noted with its place, or
    None when there are more invalid bytes than a few."""
    escaped = data.decode(enc, "surrogateescape")
    runs = list(_ESCAPED.finditer(escaped))
    if not runs:
        return Decoded(escaped, enc)
    if sum(len(m.group()) for m in runs) > _max_damage(len(data)):
        return None
    text = _ESCAPED.sub("\ufffd", escaped)
    return Decoded(text, enc, _damage_notes(escaped, text, runs, enc))


def _damage_notes(escaped: str, text: str, runs: list[re.Match[str]], enc: str) -> list[Doubt]:
    """One note per damaged line (the first few), then one summary note for the rest.
    ``escaped`` is the text with the invalid bytes escaped, ``text`` with them replaced."""
    notes: list[Doubt] = []
    lines: set[int | None] = set()
    rest_bytes = rest_lines = 0
    shift = 0  # characters the replacement removed before this run
    for run in runs:
        loc = _location(text, run.start() - shift)
        shift += len(run.group()) - 1
        new_line = loc.line not in lines
        lines.add(loc.line)
        if len(notes) < _SHOWN and new_line:
            offset = len(escaped[: run.start()].encode(enc, "surrogateescape"))
            notes.append(_bad_bytes_note(loc, run.group(), offset, enc))
        elif len(notes) >= _SHOWN:
            rest_lines += new_line
            rest_bytes += len(run.group())
    if rest_bytes:
        params = {"lines": str(rest_lines), "count": str(rest_bytes)}
        detail = f"{rest_bytes} more invalid bytes on {rest_lines} more lines"
        notes.append(Doubt("bad-bytes-more", None, detail, params))
    return notes


def _bad_bytes_note(loc: Location, run: str, offset: int, enc: str) -> Doubt:
    """A note naming the place of one run of invalid bytes, the bytes and the encoding."""
    shown = " ".join(f"{ord(ch) & 0xFF:02x}" for ch in run[:8])
    params = {
        "count": str(len(run)),
        "offset": str(offset),
        "encoding": _NAMES.get(enc, enc),
        "bytes": shown,
    }
    detail = f"{len(run)} invalid {params['encoding']} bytes ({shown}) at byte {offset}"
    return Doubt("bad-bytes", loc, detail, params)


def _location(text: str, pos: int) -> Location:
    """Line and column of ``pos`` as the readers count them (\\n, \\r\\n and a lone \\r
    end a line)."""
    line = text.count("\n", 0, pos) + text.count("\r", 0, pos) - text.count("\r\n", 0, pos) + 1
    start = max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1
    return Location(line=line, column=pos - start + 1)


def _decode_bom(data: bytes, enc: str) -> Decoded:
    """Text with a BOM is in the BOM's encoding; damage is replaced and noted at its first
    place (UTF-16/32 cannot be escaped byte by byte, so one note stands for all of it)."""
    try:
        return Decoded(data.decode(enc), enc)
    except UnicodeDecodeError as exc:
        text = data.decode(enc, "replace")
        head = data[: exc.start].decode(enc, "replace")
        name = _NAMES.get(enc, enc)
        params = {
            "count": str(exc.end - exc.start),
            "offset": str(exc.start),
            "encoding": name,
            "bytes": data[exc.start : exc.end].hex(" "),
        }
        detail = f"invalid {name} bytes from byte {exc.start}"
        return Decoded(text, enc, [Doubt("bad-bytes", _location(head, len(head)), detail, params)])


# --- a declared charset ---------------------------------------------------------------------


def _decode_declared(data: bytes, source: str, declared: str, line: int | None) -> Decoded:
    """A page's declared charset when it decodes cleanly and reads no worse than detection;
    otherwise detection, with a note that the declaration was overruled."""
    enc = _codec(declared)
    sample = _sample(data)
    if enc is not None:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            pass
        else:
            if max(_scores(sample).values()) <= _plausibility(sample, enc) + _OVERRULE_MARGIN:
                return Decoded(text, enc)
    decoded = _detect(data, source)
    if _family(decoded.encoding) != _family(enc or declared):
        params = {"declared": declared, "encoding": _NAMES.get(decoded.encoding, decoded.encoding)}
        detail = f"declared {declared}, read as {params['encoding']}"
        loc = Location(line=line) if line else None
        decoded.notes.insert(0, Doubt("charset-overruled", loc, detail, params))
    return decoded


def _codec(name: str) -> str | None:
    """The codec for a declared charset name (GB2312 and GBK read as their superset
    GB18030), or None for a name Python does not know."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "gb18030" if _family(codec) == "gb18030" else codec


def _family(enc: str) -> str:
    """Encodings that are one another's subsets count as one (GB2312 < GBK < GB18030)."""
    try:
        name = codecs.lookup(enc).name
    except LookupError:
        return enc.lower()
    return _FAMILIES.get(name, name)


# --- UTF-16 without a BOM, and whether text is text -----------------------------------------


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


def _is_texty(text: str, notes: list[Doubt] | None = None) -> bool:
    """Whether decoded text is text: at most 1% control characters, and (unless its damage was
    already measured and noted) replacement characters."""
    if not text:
        return True
    bad = len(_CONTROL.findall(text))
    if not notes:
        bad += text.count("\ufffd")
    return bad <= len(text) * 0.01
