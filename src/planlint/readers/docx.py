"""Word .docx plans, read with python-docx: paragraphs and tables in document order.

The body XML is walked directly (python-docx opens the package and gives the parts) so that
paragraphs and tables keep their order and merged cells can be told apart:

- a cell merged across (``w:gridSpan``) and a cell merged down (``w:vMerge``) fill every grid
  slot they cover with one shared origin; ``grid.grid_blocks`` decides what that means;
- a table nested in a cell is flattened into the cell's text, one inner cell a line; a table of
  one column that holds tables (a layout frame) is unwrapped instead, its content read as body;
- line breaks (``w:br``, ``w:cr``) stay "\\n", paragraphs of one cell are joined with "\\n";
  deleted text (tracked changes) and field codes are left out; a ``w:altChunk`` importing an
  HTML page (how some systems export plans) is read with the HTML reader;
- automatic numbering (``w:numPr``, directly or through the paragraph style) is rendered from
  numbering.xml and put before the text, so "一、" or "（1）" that Word draws but does not store
  are seen as written. Counters run per abstract list (Word continues a list across its
  ``w:num`` instances) unless a ``w:num`` overrides a level's start, which gives it counters of
  its own; a paragraph at one level resets the deeper levels.

Locations: cells ``Location(table=N, row=R, col=C)`` (body tables, rows and grid columns from 1);
paragraphs ``Location(line=N)``, N the paragraph's number among the body's paragraphs (from 1,
table cells not counted).
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass, field

from planlint.messages import Phrase
from planlint.model import Block, Document, Location, Paragraph
from planlint.readers.grid import Slot, clean, grid_blocks
from planlint.readers.limits import Limits, exceeded

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el, tag: str) -> str | None:
    """The w:val of a child element, if the child is there."""
    if el is None:
        return None
    child = el.find(q(tag))
    if child is None:
        return None
    return child.get(q("val"))


def read_docx(
    data: bytes, path: str, fmt: str = "docx", *, limits: Limits | None = None
) -> Document:
    """Read a .docx whose container ``limits.check_zip`` has verified.

    The walk is bounded too: spans (``gridSpan``, ``gridBefore``) are clamped to ``max_span``,
    a table's grid may hold ``max_cells`` slots, a list number may reach ``max_list_number``
    (Word's own limit is 32767; an "upperLetter" number n is n/26 letters long)."""
    import docx  # heavy: only when a .docx is read

    limits = limits or Limits()
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    numbering = Numbering(_numbering_element(document), _styles_element(document))
    walker = _Walker(numbering, document.part, path, limits)
    try:
        walker.walk(body)
    except NumberTooLarge as exc:
        what = Phrase("list-number-too-large", number=exc.value)
        raise exceeded(path, what, "max_list_number", limits) from None
    return Document(path, fmt, walker.blocks)


class NumberTooLarge(ValueError):
    """A list number past ``Limits.max_list_number`` (its rendering would be unbounded)."""

    def __init__(self, value: int) -> None:
        super().__init__(value)
        self.value = value


def _related_element(document, reltype: str):
    """A related part's XML, without python-docx creating a default part when it is missing."""
    try:
        return document.part.part_related_by(reltype).element
    except (KeyError, AttributeError):
        return None


def _numbering_element(document):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    return _related_element(document, RT.NUMBERING)


def _styles_element(document):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    return _related_element(document, RT.STYLES)


# --- text ------------------------------------------------------------------------------------

_SKIP = {
    q("del"),
    q("moveFrom"),
    q("pPr"),
    q("rPr"),
    q("instrText"),
    q("delText"),
    q("txbxContent"),
    f"{{{MC}}}Fallback",
}


def para_text(p) -> str:
    out: list[str] = []
    _collect(p, out)
    return "".join(out)


def _collect(el, out: list[str]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == q("t"):
            out.append(child.text or "")
        elif tag == q("tab") or tag == q("ptab"):
            out.append("\t")
        elif tag == q("br"):
            if child.get(q("type")) not in ("page", "column"):
                out.append("\n")
        elif tag == q("cr"):
            out.append("\n")
        elif tag == q("noBreakHyphen"):
            out.append("-")
        else:
            _collect(child, out)


# --- numbering -------------------------------------------------------------------------------


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    legal: bool = False
    suffix: str = "tab"


@dataclass
class Numbering:
    """Word's automatic list numbers, rendered as a reader sees them."""

    numbering: object = None
    styles: object = None
    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, set[int]]] = field(default_factory=dict)
    overrides: dict[tuple[str, int], Level] = field(default_factory=dict)
    style_num: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)
    counters: dict[object, dict[int, int]] = field(default_factory=dict)
    max_number: int = Limits.max_list_number

    def __post_init__(self) -> None:
        if self.styles is not None:
            self._read_styles(self.styles)
        if self.numbering is not None:
            self._read_numbering(self.numbering)

    def _read_styles(self, styles) -> None:
        based: dict[str, str] = {}
        own: dict[str, tuple[str | None, int | None]] = {}
        for style in styles.iter(q("style")):
            sid = style.get(q("styleId"))
            if not sid:
                continue
            parent = _val(style, "basedOn")
            if parent:
                based[sid] = parent
            num_pr = style.find(f"{q('pPr')}/{q('numPr')}")
            if num_pr is not None:
                ilvl = _val(num_pr, "ilvl")
                own[sid] = (_val(num_pr, "numId"), int(ilvl) if ilvl and ilvl.isdigit() else None)
        for sid in set(own) | set(based):
            seen, cur = set(), sid
            while cur and cur not in own and cur not in seen:
                seen.add(cur)
                cur = based.get(cur)
            if cur in own:
                self.style_num[sid] = own[cur]

    def _read_numbering(self, numbering) -> None:
        links: dict[str, str] = {}
        for absn in numbering.iter(q("abstractNum")):
            aid = absn.get(q("abstractNumId"))
            if aid is None:
                continue
            self.abstract[aid] = {
                int(lvl.get(q("ilvl"), "0")): _level(lvl)
                for lvl in absn.iter(q("lvl"))
                if (lvl.get(q("ilvl")) or "0").isdigit()
            }
            link = _val(absn, "numStyleLink")
            if link:
                links[aid] = link
        for num in numbering.iter(q("num")):
            nid = num.get(q("numId"))
            aid = _val(num, "abstractNumId")
            if nid is None or aid is None:
                continue
            restarted: set[int] = set()
            for ov in num.iter(q("lvlOverride")):
                ilvl = int(ov.get(q("ilvl"), "0")) if (ov.get(q("ilvl")) or "0").isdigit() else 0
                lvl = ov.find(q("lvl"))
                start = _val(ov, "startOverride")
                if lvl is not None:
                    self.overrides[(nid, ilvl)] = _level(lvl)
                    restarted.add(ilvl)
                if start is not None and start.isdigit():
                    base = self.overrides.get((nid, ilvl)) or self.abstract.get(aid, {}).get(ilvl)
                    level = Level(**vars(base)) if base else Level()
                    level.start = int(start)
                    self.overrides[(nid, ilvl)] = level
                    restarted.add(ilvl)
            self.nums[nid] = (aid, restarted)
        # an abstract list that only links to a numbering style takes that style's list
        for aid, style in links.items():
            nid = self.style_num.get(style, (None, None))[0]
            target = self.nums.get(nid or "", (None, set()))[0]
            if target and target != aid and target in self.abstract:
                self.abstract[aid] = self.abstract[target]

    def label(self, p) -> tuple[str, str] | None:
        """The rendered number of a paragraph and what separates it from the text."""
        ppr = p.find(q("pPr"))
        if ppr is None:
            return None
        num_pr = ppr.find(q("numPr"))
        style = _val(ppr, "pStyle")
        nid, ilvl = self.style_num.get(style or "", (None, None))
        if num_pr is not None:
            nid = _val(num_pr, "numId") or nid
            own = _val(num_pr, "ilvl")
            ilvl = int(own) if own and own.isdigit() else ilvl
        if not nid or nid == "0" or nid not in self.nums:
            return None
        ilvl = min(max(ilvl or 0, 0), 8)
        aid, restarted = self.nums[nid]
        key: object = ("num", nid) if restarted else aid
        counts = self.counters.setdefault(key, {})
        level = self._level(nid, aid, ilvl)
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else level.start
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        if level.fmt in ("bullet", "none"):
            return None
        text = level.text
        for k in range(ilvl, -1, -1):  # %10 is not a thing: levels are 1..9
            placeholder = f"%{k + 1}"
            if placeholder not in text:
                continue
            lv = self._level(nid, aid, k)
            value = counts.get(k, lv.start)
            if abs(value) > self.max_number:
                raise NumberTooLarge(value)
            number = format_number(value, "decimal" if level.legal else lv.fmt)
            text = text.replace(placeholder, number)
        return text, level.suffix

    def _level(self, nid: str, aid: str, ilvl: int) -> Level:
        return self.overrides.get((nid, ilvl)) or self.abstract.get(aid, {}).get(ilvl) or Level()


def _level(lvl) -> Level:
    start = _val(lvl, "start")
    text_el = lvl.find(q("lvlText"))
    return Level(
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        fmt=_val(lvl, "numFmt") or "decimal",
        text=text_el.get(q("val"), "") if text_el is not None else "",
        legal=lvl.find(q("isLgl")) is not None,
        suffix=_val(lvl, "suff") or "tab",
    )


_CN_DIGITS = "零一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_count(n: int, digits: str = _CN_DIGITS, ten: str = "十") -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五 (up to 9999)."""
    if n <= 0 or n >= 10000:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 20:
        return ten + (digits[n % 10] if n % 10 else "")
    units = [(1000, "千"), (100, "百"), (10, ten), (1, "")]
    out, zero = "", False
    for size, name in units:
        d = n // size % 10
        if d:
            if zero:
                out += digits[0]
            out += digits[d] + name
            zero = False
        elif out:
            zero = True
    return out


def _letters(n: int) -> str:
    if n <= 0:
        return str(n)
    letter = chr(ord("A") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += sym
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "japaneseDigitalTenThousand",
        "koreanCounting",
    ):
        return chinese_count(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        return chinese_count(n, _LEGAL_DIGITS, "拾")
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[n - 1] if 0 < n <= 10 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[n - 1] if 0 < n <= 12 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _CIRCLED[n - 1] if 0 < n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2", "decimalHalfWidth"):
        return str(n)  # normalised to ASCII digits: markers are matched on them
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


# --- walking the body ------------------------------------------------------------------------


class _Walker:
    def __init__(
        self, numbering: Numbering, part=None, path: str = "", limits: Limits | None = None
    ) -> None:
        self.numbering = numbering
        self.part = part
        self.path = path
        self.limits = limits or Limits()
        numbering.max_number = self.limits.max_list_number
        self.blocks: list[Block] = []
        self.paragraphs = 0
        self.tables = 0
        self._origins = itertools.count()

    def walk(self, container) -> None:
        for child in _content(container):
            if child.tag == q("p"):
                self.paragraphs += 1
                text = self.paragraph(child).strip()
                if text:
                    self.blocks.append(Paragraph(text, Location(line=self.paragraphs)))
            elif child.tag == q("tbl"):
                self.table(child)
            elif child.tag == q("altChunk"):
                self.alt_chunk(child)

    def alt_chunk(self, el) -> None:
        """Content imported as a whole HTML page (some systems export plans this way)."""
        rid = el.get(f"{{{R}}}id")
        try:
            part = self.part.related_parts[rid]
            content_type, blob = part.content_type, part.blob
        except (AttributeError, KeyError):
            return
        if "html" in content_type:
            from planlint.readers.html import read_html

            self.blocks.extend(read_html(blob, self.path, limits=self.limits).blocks)
        elif content_type.startswith("text/plain"):
            for line in blob.decode("utf-8", "replace").splitlines():
                self.paragraphs += 1
                if line.strip():
                    self.blocks.append(Paragraph(line.strip(), Location(line=self.paragraphs)))

    def paragraph(self, p) -> str:
        text = para_text(p)
        label = self.numbering.label(p)
        if label is None:
            return text
        number, suffix = label
        if not number:
            return text
        sep = "" if suffix == "nothing" or number[-1] in "、.．)）:：" else " "
        return f"{number}{sep}{text.lstrip()}"

    def table(self, tbl) -> None:
        rows = _rows(tbl)
        if _is_frame(rows):
            for tc in _frame_cells(rows):
                self.walk(tc)
            return
        self.tables += 1
        n = self.tables
        grid: list[list[Slot]] = []
        cap = self.limits.max_span
        filled = 0
        for r, tr in enumerate(rows):
            slots: list[Slot] = []
            col = min(_int(_val(tr.find(q("trPr")), "gridBefore")), cap)
            for _ in range(col):
                slots.append(Slot("", Location(table=n, row=r + 1, col=len(slots) + 1), object()))
            for tc in _cells(tr):
                tcpr = tc.find(q("tcPr"))
                span = min(max(1, _int(_val(tcpr, "gridSpan")) or 1), cap)
                vmerge = tcpr.find(q("vMerge")) if tcpr is not None else None
                above = grid[-1][col] if grid and col < len(grid[-1]) else None
                if vmerge is not None and vmerge.get(q("val")) != "restart" and above is not None:
                    text, origin = above.text, above.origin  # Word shows nothing of tc
                else:
                    text, origin = self.cell_text(tc), next(self._origins)
                for k in range(span):
                    loc = Location(table=n, row=r + 1, col=col + k + 1)
                    slots.append(Slot(text, loc, origin))
                col += span
                if filled + len(slots) > self.limits.max_cells:
                    what = Phrase("docx-too-many-cells", table=n, limit=self.limits.max_cells)
                    raise exceeded(self.path, what, "max_cells", self.limits)
            filled += len(slots)
            grid.append(slots)
        self.blocks.extend(grid_blocks(grid, Location(table=n, row=1, col=1), self.limits))

    def cell_text(self, tc) -> str:
        parts: list[str] = []
        for child in _content(tc):
            if child.tag == q("p"):
                parts.append(self.paragraph(child))
            elif child.tag == q("tbl"):
                for tr in _rows(child):
                    seen: list[str] = []
                    for inner in _cells(tr):
                        text = clean(self.cell_text(inner))
                        if text and (not seen or seen[-1] != text):
                            seen.append(text)
                    parts.extend(seen)
        return clean("\n".join(parts))


def _content(container):
    """Block-level children, looking through content controls and custom XML wrappers."""
    for child in container:
        tag = child.tag
        if tag in (q("p"), q("tbl"), q("altChunk")):
            yield child
        elif tag == q("sdt"):
            content = child.find(q("sdtContent"))
            if content is not None:
                yield from _content(content)
        elif tag == q("customXml"):
            yield from _content(child)


def _children(parent, tag: str) -> list:
    """The ``tag`` children of a table or row, looking through content controls and custom
    XML wrappers (w:sdt, w:customXml) that Word puts around rows and cells."""
    out = []
    for child in parent:
        if child.tag == q(tag):
            out.append(child)
        elif child.tag in (q("sdt"), q("customXml")):
            inner = child.find(q("sdtContent")) if child.tag == q("sdt") else child
            if inner is not None:
                out.extend(c for c in inner if c.tag == q(tag))
    return out


def _rows(tbl) -> list:
    return _children(tbl, "tr")


def _cells(tr) -> list:
    return _children(tr, "tc")


def _is_frame(rows: list) -> bool:
    """A one-column table that holds tables: page layout, not data."""
    if not rows or any(len(_cells(tr)) > 1 for tr in rows):
        return False
    return any(tc.find(f".//{q('tbl')}") is not None for tr in rows for tc in _cells(tr))


def _frame_cells(rows: list) -> list:
    return [tc for tr in rows for tc in _cells(tr)]


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0
