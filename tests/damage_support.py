"""One-line damage to a text example plan, and which items that damage may cost.

Used by tests/test_damage.py (and ``damage_lines``, hypothesis's line damage, by the layout
tests); the definitions (what "touched" and "kept" mean) are documented
in that module's docstring. Everything here works on the pristine file and its pristine parse:
the lines of each item's region, of the header it sits under, of its section headings and of
its row number are found once, and a damage "touches" the items whose set holds its line.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from planlint.model import Item, Plan
from planlint.parse import parse
from planlint.readers import read_document
from planlint.textnorm import normalize

ROOT = Path(__file__).resolve().parents[1]
TEXT_EXAMPLES = sorted(
    p
    for p in (ROOT / "examples").iterdir()
    if p.suffix in {".txt", ".md"} and p.name.lower() != "readme.md"
)
KINDS = ("delete", "blank", "duplicate", "split")

# --- the file as lines, in its own encoding -------------------------------------------------------


@dataclass(frozen=True)
class Source:
    path: Path
    encoding: str
    newline: str
    lines: tuple[str, ...]  # without the newline; no empty last "line" after a final newline
    final_newline: bool

    def render(self, lines: list[str]) -> bytes:
        text = self.newline.join(lines) + (self.newline if self.final_newline else "")
        return text.encode(self.encoding)


def _encoding(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for enc in ("utf-8", "gbk", "gb18030"):
        try:
            data.decode(enc)
        except UnicodeDecodeError:
            continue
        return enc
    raise AssertionError("example in an encoding the damage test does not know")


@functools.cache
def load_source(path: Path) -> Source:
    data = path.read_bytes()
    enc = _encoding(data)
    text = data.decode(enc)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    final = lines[-1] == ""
    if final:
        lines.pop()
    src = Source(path, enc, newline, tuple(lines), final)
    assert src.render(list(src.lines)) == data, f"{path.name}: does not round-trip as {enc}"
    return src


# --- damage ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Damage:
    kind: str  # delete | blank | duplicate | split
    line: int  # 1-based line of the pristine file
    at: int = 0  # split: the second line starts at this character of the line

    def apply(self, lines: tuple[str, ...]) -> list[str]:
        out = list(lines)
        i = self.line - 1
        if self.kind == "delete":
            del out[i]
        elif self.kind == "blank":
            out[i] = ""
        elif self.kind == "duplicate":
            out.insert(i, out[i])
        elif self.kind == "split":
            assert 0 < self.at < len(out[i])
            out[i : i + 1] = [out[i][: self.at], out[i][self.at :]]
        else:
            raise ValueError(self.kind)
        return out

    def describe(self, lines: tuple[str, ...]) -> str:
        text = lines[self.line - 1]
        if self.kind == "split":
            return (
                f"split line {self.line} at character {self.at}: "
                f"{_clip(text[: self.at], tail=True)!r} / {_clip(text[self.at :])!r}"
            )
        return f"{self.kind} line {self.line} {_clip(text)!r}"


def _clip(text: str, n: int = 24, tail: bool = False) -> str:
    if len(text) <= n:
        return text
    return "…" + text[-n:] if tail else text[:n] + "…"


def damage_lines(data: st.DataObject, lines: list[str], mark: str) -> list[str]:
    """Up to six lines drawn by hypothesis, each cut to its head or tail, emptied, or split by
    ``mark`` (what the format puts between cells: spaces, a box-drawing bar): the damage a
    layout reader must survive, costing rows at most (tests/test_layout*.py)."""
    for _ in range(data.draw(st.integers(0, 6))):
        i = data.draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        cut = data.draw(st.integers(0, len(line)))
        lines[i] = data.draw(
            st.sampled_from([line[:cut], line[cut:], line[:cut] + mark + line[cut:], ""])
        )
    return lines


def all_damages(src: Source) -> list[Damage]:
    """Every one-line damage that changes the file (blanking a blank line does not)."""
    out: list[Damage] = []
    for n, text in enumerate(src.lines, 1):
        out.append(Damage("delete", n))
        if text:
            out.append(Damage("blank", n))
        out.append(Damage("duplicate", n))
        out.extend(Damage("split", n, k) for k in range(1, len(text)))
    return out


# --- what an item is, for "kept" ------------------------------------------------------------------


def key(item: Item) -> tuple[str, frozenset[str], str | None]:
    """Same text prefix (first 10 characters, whitespace removed), assignees and deadline."""
    return re.sub(r"\s+", "", item.text)[:10], frozenset(item.assignees), item.deadline


def describe_item(item: Item) -> str:
    prefix, units, deadline = key(item)
    return f"{item.id} (line {item.loc.line}) {prefix}… / {'、'.join(sorted(units)) or '-'} / {deadline}"


def lost_items(expected: list[Item], plan: Plan) -> list[Item]:
    """The expected items with no counterpart in ``plan`` (counting duplicates of a key)."""
    have = Counter(key(i) for i in plan.items)
    lost = []
    for item in expected:
        k = key(item)
        if have[k]:
            have[k] -= 1
        else:
            lost.append(item)
    return lost


def read_plan(path: Path) -> Plan:
    return parse(read_document(path))


# --- which lines touch which item -----------------------------------------------------------------

_CELL_SPLIT = re.compile(r"[|\t]")
_BR = re.compile(r"<br\s*/?>", re.I)
_HEADER_NAME = re.compile(
    r"序号|编号|工作任务|重点任务|主要任务|工作要求|具体要求|具体任务|具体措施|工作措施|任务内容"
    r"|工作内容|工作事项|(责任|牵头|落实|配合|协办|牵头落实|主办|承办)(单位|科室|部门|股室|处室)"
    r"|(科室|单位|部门)?(负责人|责任人)|完成时限|完成时间|时限要求|时间节点|备注"
)
_LEVEL1 = re.compile(r"^[一二三四五六七八九十百]+、")
_LEVEL2 = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
_NUMBER = re.compile(r"^\d{1,3}[.、．]?$")
_FILLER = re.compile(r"^[\s|:\-]*$")  # blank, bare pipes, a Markdown separator row


def cells(line: str) -> list[str]:
    """A line's non-empty cells: Markdown and pipe-dump cells, tab-started cells, or the line."""
    return [c.strip() for c in _CELL_SPLIT.split(_BR.sub(" ", line)) if c.strip()]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _is_header_cell(cell: str) -> bool:
    text = re.sub(r"[（(].*?[)）]", "", normalize(cell))
    return bool(text) and _HEADER_NAME.fullmatch(text) is not None


@dataclass(frozen=True)
class Regions:
    """For each item (in parse order), the 1-based lines whose damage touches it."""

    touching: tuple[frozenset[int], ...]

    def touched(self, index: int, damage: Damage) -> bool:
        return damage.line in self.touching[index]


def regions(lines: tuple[str, ...], items: list[Item]) -> Regions:
    n = len(lines)
    text_of = {i + 1: line for i, line in enumerate(lines)}
    first_lines: dict[int, list[Item]] = {}
    for item in items:
        assert item.loc.line is not None, f"item {item.id} has no line"
        first_lines.setdefault(item.loc.line, []).append(item)

    def own_cell(cell: str, line: int) -> bool:
        """The cell holds the text of an item that starts on this line."""
        return any(_squash(i.text)[:6] in _squash(cell) for i in first_lines.get(line, []))

    # header blocks: runs of column-name lines with the blank/separator lines inside and after
    header_blocks: list[range] = []
    ln = 1
    while ln <= n:
        row = cells(text_of[ln])
        if row and all(_is_header_cell(c) for c in row) and ln not in first_lines:
            start, names = ln, len(row)
            ln += 1
            while ln <= n and ln not in first_lines:
                row = cells(text_of[ln])
                if row and all(_is_header_cell(c) for c in row):
                    names += len(row)
                elif not _FILLER.match(text_of[ln]):
                    break
                ln += 1
            if names >= 2:
                header_blocks.append(range(start, ln))
            continue
        ln += 1

    # section headings (一、 level 1, （一） level 2) and bare row numbers (1 |)
    level: dict[int, int] = {}
    numbers: set[int] = set()
    for ln in range(1, n + 1):
        row = cells(text_of[ln])
        for cell in row:
            if own_cell(cell, ln):
                continue
            if _LEVEL1.match(cell):
                level[ln] = 1
            elif _LEVEL2.match(cell) and ln not in level:
                level[ln] = 2
        if len(row) == 1 and _NUMBER.match(row[0]) and ln not in first_lines:
            numbers.add(ln)
    starts = sorted(set(first_lines) | set(level) | numbers)

    def next_start(after: int) -> int:
        return next((s for s in starts if s > after), n + 1)

    def extent(line: int) -> set[int]:
        return set(range(line, next_start(line)))

    def section_end(line: int) -> int:
        return next((h for h in sorted(level) if h > line and level[h] == 1), n + 1)

    # each item's region: from its first line to the next start, stretched over a unit or
    # deadline cell it shares with the rows below it; items whose regions overlap form one
    # row group, and each of them gets the whole group's region
    spans: list[tuple[int, int]] = []
    for item in items:
        first = item.loc.line
        assert first is not None
        far = first
        for needle in (s for s in (item.deadline, *item.assignees) if s):
            for ln in range(first, section_end(first)):
                if ln != first and ln in first_lines:
                    continue
                if needle in text_of[ln]:
                    far = max(far, ln)
                    break
        spans.append((first, next_start(far)))
    group: dict[int, tuple[int, int]] = {}
    order = sorted(range(len(items)), key=lambda k: spans[k])
    members: list[int] = []
    lo = hi = 0
    for k in [*order, None]:
        if k is not None and members and spans[k][0] < hi:
            members.append(k)
            hi = max(hi, spans[k][1])
            continue
        for m in members:
            group[m] = (lo, hi)
        if k is not None:
            members, (lo, hi) = [k], spans[k]

    touching: list[frozenset[int]] = []
    for index, item in enumerate(items):
        first = item.loc.line
        assert first is not None
        lines_ = set(range(*group[index]))
        # the header it sits under
        header = [b for b in header_blocks if b.start < first]
        if header:
            lines_ |= set(header[-1])
        # its section headings: the nearest level-1 heading, a level-2 one after it, and
        # cells that continue the section's name (a heading cut at a page break)
        top = max((h for h, lv in level.items() if lv == 1 and h <= first), default=0)
        if top:
            lines_ |= extent(top)
        sub = max((h for h, lv in level.items() if lv == 2 and top < h <= first), default=0)
        if sub:
            lines_ |= extent(sub)
        section = _squash(normalize(item.section or ""))
        for ln in range(top or 1, first + 1):
            for cell in cells(text_of[ln]):
                part = _squash(normalize(cell))
                if len(part) >= 4 and part in section and not own_cell(cell, ln):
                    lines_.add(ln)
        # its row number
        before = max((i.loc.line for i in items if (i.loc.line or 0) < first), default=0)
        number = max((ln for ln in numbers if before < ln <= first), default=0)
        if number:
            lines_.add(number)
        touching.append(frozenset(lines_))
    return Regions(tuple(touching))


@functools.cache
def pristine(path: Path) -> tuple[Source, Plan, Regions]:
    src = load_source(path)
    plan = read_plan(path)
    return src, plan, regions(src.lines, plan.items)


def check_damage(path: Path, damage: Damage, scratch: Path) -> str | None:
    """Apply ``damage`` to a copy of ``path`` in ``scratch``; the problem found, or None."""
    src, plan, reg = pristine(path)
    copy = scratch / path.name  # same name, so same suffix
    copy.write_bytes(src.render(damage.apply(src.lines)))
    what = f"{path.name}: {damage.describe(src.lines)}"
    try:
        damaged = read_plan(copy)
    except Exception as exc:
        return f"{what}: raised {type(exc).__name__}: {exc}"
    if not damaged.items:
        return f"{what}: no items at all (pristine parse has {len(plan.items)})"
    expected = [it for n, it in enumerate(plan.items) if not reg.touched(n, damage)]
    lost = lost_items(expected, damaged)
    if not lost:
        return None
    touched = [it.id for n, it in enumerate(plan.items) if reg.touched(n, damage)]
    return (
        f"{what}: lost {len(lost)} of the {len(expected)} items it did not touch "
        f"(touched: {', '.join(touched) or 'none'}; damaged parse has {len(damaged.items)} items):\n"
        + "\n".join(f"    {describe_item(it)}" for it in lost)
    )
