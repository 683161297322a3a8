"""Tables as ``pdftotext`` writes them without ``-layout``: in blocks, a column's text apart.

pdftotext's default mode groups a page's words into lines, lines into blocks and blocks into
flows, and writes flow after flow. For a table that means each cell's lines come out wrapped at
the cell's width, column by column or in bands of rows, with blank lines between blocks; a
short line may share its line with the cell to its right (``…同步部署 法规科、办公室``), and the
column names stand on lines of their own, scattered among the cells. Row boundaries are not
written at all.

What survives is the order *within* a column: the task column's lines come out top to bottom,
and so (mostly) do the lines of every other column. This module rebuilds rows from that:

1. every line after the first column names is cut into shards (a line joined to its right-hand
   neighbour is cut at the space between them) and each shard is given a kind by what it looks
   like: running number, task group, task text, unit list, deadline, or the tail of one of
   these wrapped onto the next line (``前``, ``查科``, ``读回应``);
2. the task column's lines are the table's line grid; its cells end where a sentence ends, where
   an owner stands on the line after, or where a line stops short, as many as the running
   numbers say there are rows;
3. every other column's pieces are laid on that grid in order (never backwards), each near the
   task line it follows in the text, exactly on it when the two shared a line; a piece that
   starts a cell in the middle of a row, or two in one row, costs a little. When a column was
   written as a section of its own (after all the task text), its pieces are spread over the
   rows in order instead.

Nothing counts on an exact number of cells: a merged or blank cell leaves its row empty (parse
gives it the row above's value within its group, as for any text dump), and a lost or extra
shard moves at most its own row. The reading is offered beside the others; the judge keeps it
only when it explains the text better.

What the text cannot settle, the reading says rather than guesses (``Reading.doubts``, shown as
``reading`` warnings if it is kept): blocks written out of the rows' order, the task column's
too (a running number before a smaller one, beside another row's first task line); task cells
not as many as the running numbers; a column written apart with more or fewer cells than rows
(Calc centres merged cells, a blank cell leaves no trace); a lead and an assisting unit column,
which this reading, having no positions, writes as one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from planlint.cellkinds import cjk_len, is_deadline_like, is_unit_like, marker
from planlint.model import Block, Cell, Doubt, Location, Paragraph, Reading, Table
from planlint.readers.centred import Rows, place_cells
from planlint.textnorm import normalize
from planlint.vocab import ends_sentence, header_role, is_header_row

_KINDS = ("seq", "group", "task", "unit", "assist", "deadline")
_COLUMN_NAMES = {
    "seq": "序号",
    "group": "任务类别",
    "task": "工作任务",
    "unit": "责任单位",
    "assist": "配合单位",
    "deadline": "完成时限",
}


@dataclass
class Shard:
    """One piece of a line: its text, where it stands, and what column it looks like."""

    text: str
    line: int  # 0-based line of the file
    pos: int = 0  # order in the text, among shards
    kind: str = "task"
    cont: bool = False  # the wrapped tail of the previous shard of its kind
    beside: int | None = None  # index of the shard it shared a line with, to its left
    band: int = 0  # which run of the table: the header's names start a new one (a new page)
    section: str | None = None  # the column name the text last wrote above it (normalised)


@dataclass
class Piece:
    """A run of shards of one column that belong to one cell: a shard and its tails."""

    shards: list[Shard]
    est: int = 0  # the task line it most likely stands on
    anchored: bool = False  # it shared a line with that task line: sure
    spread: bool = False  # its column was written apart and spread over the rows in order

    @property
    def kind(self) -> str:
        return self.shards[0].kind


@dataclass
class Grid:
    """The task column's lines and the rows they make."""

    lines: list[Shard]
    starts: list[int]  # index of each row's first task line
    row_of: list[int] = field(default_factory=list)  # each task line's row
    first: set[int] = field(default_factory=set)  # the lines that start a row
    numbers: int = 0  # the rows the running numbers say there are (0: no numbers to go by)
    # columns spread over a run's rows in order with more or fewer pieces than rows: (column,
    # line of the file where its section starts)
    spread_unsure: list[tuple[str, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.first = set(self.starts)
        self.row_of = []
        for r, start in enumerate(self.starts):
            end = self.starts[r + 1] if r + 1 < len(self.starts) else len(self.lines)
            self.row_of.extend([r] * (end - start))


# --- where the table starts -----------------------------------------------------------------


def block_readings(lines: list[str]) -> list[Reading]:
    """The table rebuilt from pdftotext's blocks, when the text looks like such a dump."""
    head = _first_header(lines)
    if head is None:
        return []
    shards = _shards(lines, head)
    tasks = [s for s in shards if s.kind == "task"]
    if len(tasks) < 4 or not _wrapped(tasks):
        return []
    grid = _grid(shards)
    if grid is None:
        return []
    rows = _rows(shards, grid)
    names = _column_names(lines, head)
    kinds = [k for k in _KINDS if k in ("task", "unit", "deadline") or any(_filled(rows, k))]
    header = [
        Cell(names.get(k, _COLUMN_NAMES[k]), Location(line=head + 1, column=1)) for k in kinds
    ]
    body = [[row.get(k) or Cell("", row["task"].loc) for k in kinds] for row in rows]
    table = Table([header, *body], Location(line=head + 1, column=1), merges_expanded=False)
    fragments = _name_fragments(lines, head)
    before: list[Block] = [
        Paragraph(line.strip(), Location(line=i + 1, column=1))
        for i, line in enumerate(lines[:head])
        if line.strip() and i not in fragments
    ]
    doubts = _guesses(shards, grid, lines, head)
    return [Reading("pdftotext-blocks", [*before, table], _prior(shards, grid), doubts)]


def _prior(shards: list[Shard], grid: Grid) -> float:
    """How sure the shape is before the judge weighs what it explains. Nothing in the text
    marks it, except this: the running numbers, written anywhere among the blocks, run 1..n
    without a gap, and the task column's cells, cut where sentences end and lines stop
    short, are exactly n. Two independent counts that agree are evidence of the rows, as
    rules are of a drawn table; a reading that cuts the same text one cell a line explains
    more "items" but not those. Without that agreement, the judge decides."""
    values = sorted(int(s.text) for s in shards if s.kind == "seq")
    n = len(grid.starts)
    if n >= _MIN_AGREE and grid.numbers == n and sorted(set(values)) == list(range(1, n + 1)):
        return _AGREED
    return 0.0


_AGREED = 5.0  # as sure as a table drawn with rules (text.py's Markdown, grid, box)
_MIN_AGREE = 4  # rows below which two counts agree by chance too easily


def _guesses(shards: list[Shard], grid: Grid, lines: list[str], head: int) -> list[Doubt]:
    """What this reading had to guess, for the report to say so rather than pass a guess off
    as the plan: the text's order is not the rows' order (a running number after a greater
    one: pdftotext wrote the blocks of lower rows first, so any column's cells may sit in the
    wrong row, the task column's too); the task cells are not as many as the running numbers; a column written apart
    has more or fewer cells than its rows (which row is blank or merged, the text does not
    show); the header names a lead and an assisting unit column, which this reading, having
    no positions, writes as one."""
    out: list[Doubt] = []
    early = _early_number(shards, grid)
    if early is not None:
        where = Location(line=early.line + 1, column=1)
        out.append(Doubt("blocks-out-of-order", where, early.text))
    if grid.numbers and len(grid.starts) != grid.numbers:
        where = Location(line=grid.lines[0].line + 1, column=1)
        out.append(Doubt("blocks-rows-unsure", where, f"{len(grid.starts)}/{grid.numbers}"))
    for kind, line in grid.spread_unsure[:1]:
        out.append(Doubt("blocks-spread", Location(line=line + 1, column=1), _COLUMN_NAMES[kind]))
    roles = {
        header_role(normalize(line))
        for line in lines[head : head + 4 * _HEAD_SPAN]
        if _is_name(line.strip())
    }
    if {"unit", "assist"} <= roles and not any(s.kind == "assist" for s in shards):
        out.append(Doubt("unit-columns-joined", Location(line=head + 1, column=1)))
    return out


def _early_number(shards: list[Shard], grid: Grid) -> Shard | None:
    """A running number written before a smaller one that stands right before the first
    line of a task cell the grid counts as another row: the task column came out of the
    rows' order, and the grid, which keeps the text's order, put that cell in the wrong row.
    A number merely written early (at a page's header, beside the row above's tail) stands
    beside no cell's start and says nothing of the cells' order."""
    seqs = [s for s in shards if s.kind == "seq" and 0 < int(s.text) <= grid.numbers]
    task_index = {s.pos: k for k, s in enumerate(grid.lines)}
    nexts: dict[int, int] = {}  # each number's next task line, found in one pass backwards
    upcoming: int | None = None
    for shard in reversed(shards):
        if shard.pos in task_index:
            upcoming = task_index[shard.pos]
        elif shard.kind == "seq" and upcoming is not None:
            nexts[shard.pos] = upcoming
    low = grid.numbers + 1
    for shard in reversed(seqs):  # the smallest number after each: linear
        value = int(shard.text)
        k = nexts.get(shard.pos)
        if low < value and k is not None and k in grid.first and grid.row_of[k] + 1 != value:
            return shard
        low = min(low, value)
    return None


def _filled(rows: list[dict[str, Cell]], kind: str) -> list[Cell]:
    """The filled cells of one column."""
    return [row[kind] for row in rows if kind in row and row[kind].text]


def _is_name(line: str) -> bool:
    t = normalize(line)
    if not t or len(t) > _NAME_LEN or re.search(r"[。，,；;、：:]", t):
        return False
    role = header_role(t)
    return role is not None and bool(_NAME_END.get(role, _ANY).search(t))


# a name, not a wrapped line that happens to hold the word (对未完成事项 is no deadline column)
_ANY = re.compile("")
_NAME_END = {
    "deadline": re.compile(r"(时限|时间|期限|节点|安排|日期|进度)$"),
    "unit": re.compile(r"(单位|科室|部门|股室|处室|主体|中心|分工)$"),
    "assist": re.compile(r"(单位|科室|部门|股室|处室)$"),
}


_NAME_LEN = 6  # column names are short; a longer line that matches one is wrapped text


def _first_header(lines: list[str]) -> int | None:
    """The first of three or more column names standing on lines of their own within a few
    lines of each other, among them a task column and an owner or a deadline column."""
    names = [i for i, line in enumerate(lines) if _is_name(line)]
    for k, first in enumerate(names):
        near = [i for i in names[k:] if i - first <= _HEAD_SPAN]
        texts = [normalize(lines[i]) for i in near]
        roles = {header_role(t) for t in texts}
        if len(near) >= 3 and is_header_row(texts) and "req" in roles and roles & _OWN_OR_DATE:
            return first
    return None


_OWN_OR_DATE = {"unit", "deadline"}
_HEAD_SPAN = 400  # lines over which one header's names may be spread: a column apiece


def _column_names(lines: list[str], head: int) -> dict[str, str]:
    """The dump's own names for the columns, where it gives them: the last task-like name is
    the task column, an earlier one the task group."""
    found: dict[str, list[str]] = {}
    for line in lines[head : head + 4 * _HEAD_SPAN]:
        t = line.strip()
        if _is_name(t):
            role = header_role(normalize(t))
            if role and t not in found.setdefault(role, []):
                found[role].append(t)
    out: dict[str, str] = {}
    if found.get("seq"):
        out["seq"] = found["seq"][0]
    reqs = found.get("req", [])
    if reqs:
        out["task"] = reqs[-1]
        if len(reqs) > 1:
            out["group"] = reqs[0]
    if found.get("unit"):
        out["unit"] = found["unit"][0]
    if found.get("assist"):
        out["assist"] = found["assist"][0]
    if found.get("deadline"):
        out["deadline"] = found["deadline"][0]
    return out


def _wrapped(tasks: list[Shard]) -> bool:
    """Task text wrapped at a cell's width: many task lines stop mid-sentence, and many are
    as long as the column is wide (within a character or two: digits and punctuation are
    narrower). A dump one cell a line (LibreOffice's text export) ends nearly every task line
    with a full stop; a web page's paragraphs have any length."""
    open_lines = sum(1 for s in tasks if not ends_sentence(s.text))
    if open_lines * 10 < len(tasks) * 3:
        return False
    widths = sorted(w for s in tasks if (w := cjk_len(s.text)) >= _NARROW)
    if not widths:
        return False
    upper = Counter(widths[len(widths) // 2 :])
    full = max(upper, key=lambda w: _near(upper, w))  # counted per width: linear in lines
    at_full = _near(Counter(widths), full)
    return at_full >= max(_MIN_FULL, len(widths) * 3 // 10)


def _near(counts: Counter[int], width: int) -> int:
    """How many lines are within _SLACK characters of ``width``."""
    return sum(counts[w] for w in range(width - _SLACK, width + _SLACK + 1))


_SLACK = 2  # characters a full line may fall short of the column's width
_MIN_FULL = 5
_NARROW = 4  # the narrowest column width looked for: shorter shards are tails or marks


# --- shards: lines cut where two cells share one, each given a kind --------------------------

# a space between two Chinese characters: pdftotext writes none inside one cell's text
_GAP = re.compile(r"(?<=[^\x00-\x7f])[ \u3000]+(?=[^\x00-\x7f\d])")
_LEAD_NUMBER = re.compile(r"^(\d{1,3})\s+(?=[^\x00-\x7f])")
_YEAR_GAP = re.compile(r"(?<=[^\x00-\x7f])[ \u3000](?=\d{4}\s*年)")  # one space: linear
_DEADLINE_TAIL = re.compile(r"^[\d\s年月日号前后底内以止个工作天周季度末起]+$")
_ROLE_WORDS = re.compile(r"^(牵头|配合|协助|参与|负责|协办|等)+$")
_TIME_WORD = re.compile(r"[年月日天时周季起止前后内底]")
_SHORT = 8  # a line this short, no unit and no date, is a wrapped tail more likely than a task


def _shards(lines: list[str], head: int) -> list[Shard]:
    """Every line from the header on, cut into shards and classified in text order; then, for
    a column written as a section of its own under its name, the name's word over the look."""
    out: list[Shard] = []
    band, seen, section = 0, set(), None
    fragments = _name_fragments(lines, head)
    for i in range(head, len(lines)):
        line = lines[i].strip()
        if lines[i].startswith("\f") and out and out[-1].band == band:
            band, seen, section = band + 1, set(), None  # a new page: pdftotext's form feed
        if not line or i in fragments:
            continue
        if _is_name(line):
            name = normalize(line)
            if name in seen:  # the header again: the next page's run of the table
                band, seen = band + 1, set()
            seen.add(name)
            section = name
            continue
        left: int | None = None
        for text in _cut(line):
            shard = Shard(text, i, len(out), beside=left, band=band, section=section)
            _classify(shard, out)
            left = shard.pos if shard.kind == "task" else left
            out.append(shard)
    _claim_date_heads(out)
    _obey_sections(out)
    return out


def _name_fragments(lines: list[str], head: int) -> set[int]:
    """The lines of a column name wrapped in a narrow column (序 / 号), which pdftotext may
    write apart, the other names between them: short lines near the header that, joined in
    order, make a name. They are the header's, not a cell's text."""
    near = range(max(0, head - _FRAGMENT_REACH), min(len(lines), head + _FRAGMENT_REACH))
    short = [i for i in near if 0 < cjk_len(lines[i].strip()) <= _FRAGMENT]
    out: set[int] = set()
    for a, b in pairwise(short):
        joined = normalize(lines[a].strip() + lines[b].strip())
        if a not in out and not re.search(r"\d", joined) and header_role(joined):
            out.update((a, b))
    return out


_FRAGMENT = 2  # characters a narrow column's name wraps at
_FRAGMENT_REACH = 12  # lines from the header's first name a wrapped name may stand


_SECTION_KINDS = {"seq": ("seq",), "req": ("task", "group"), "unit": ("unit",)}
_SECTION_KINDS |= {"assist": ("unit",), "deadline": ("deadline",)}
_SECTION_SHARE = 0.7  # of a section's shards that must look like its column to trust it


def _obey_sections(shards: list[Shard]) -> None:
    """A column dumped whole under its name (narrow tables: pdftotext writes column after
    column) is that column, whatever a wrapped line of it looks like alone (``做好网站日常``
    is no date). Only where most of the section looks the part: in a dump whose columns are
    interleaved, the text under a name is a mix, and each shard keeps its own kind."""
    groups: dict[tuple[int, str], list[Shard]] = {}
    for shard in shards:
        if shard.section is not None:
            groups.setdefault((shard.band, shard.section), []).append(shard)
    for (_, name), members in groups.items():
        role = header_role(name)
        if role not in _SECTION_KINDS:
            continue
        looks = [s.kind for s in members if not s.cont]
        kind = max(_SECTION_KINDS[role], key=looks.count)
        if looks.count(kind) < len(looks) * _SECTION_SHARE:
            continue
        for k, shard in enumerate(members):
            if shard.kind != kind:
                shard.kind, shard.cont = kind, _tail_of(kind, shard, members[:k])
        if role == "assist":
            _assisting_section(shards, members)
    for band in {s.band for s in shards}:
        _smooth([s for s in shards if s.band == band])


def _assisting_section(shards: list[Shard], members: list[Shard]) -> None:
    """The assisting units written as a section of their own, under their name (配合单位):
    a column apart from the lead units, when no lead unit comes after it in its run of the
    table. Where units follow it, the two columns' cells interleave and cannot be told
    apart (the reading then says it joined them)."""
    last = members[-1]
    for shard in shards[last.pos + 1 :]:
        if shard.band != last.band:  # shards run band after band: the run ends here
            break
        if shard.kind == "unit" and shard.section != last.section:
            return
    for shard in members:
        if shard.kind == "unit":
            shard.kind = "assist"


def _smooth(band: list[Shard]) -> None:
    """Where a column is written whole, a line or two of one kind amid long runs of another
    belong to that run: a wrapped task line that mentions 日常 is no date. Where columns are
    interleaved, runs are short and shards keep their look."""
    runs: list[list[Shard]] = []
    for shard in band:
        if runs and runs[-1][0].kind == shard.kind:
            runs[-1].append(shard)
        else:
            runs.append([shard])
    for k in range(1, len(runs) - 1):
        run, before, after = runs[k], runs[k - 1], runs[k + 1]
        kind = before[0].kind
        if after[0].kind == kind and len(run) <= _STRAY and min(len(before), len(after)) >= _FLANK:
            for shard in run:
                shard.kind, shard.cont = kind, _tail_of(kind, shard, before)


_FLANK = 4  # lines of one kind on either side that show a column dumped whole
_STRAY = 2  # lines that may stray from their column's run


def _tail_of(kind: str, shard: Shard, before: list[Shard]) -> bool:
    """Whether a shard forced into a column continues the cell above it."""
    t = normalize(shard.text)
    if not before or kind in ("seq", "task"):
        return False
    if kind == "deadline":
        return bool(_DEADLINE_TAIL.match(t)) and not re.match(r"\d{4}", t)
    if kind in ("unit", "assist"):
        return bool(_ROLE_WORDS.match(t)) or _completes(_last_piece(before, kind), t)
    return marker(t) is None


def _claim_date_heads(shards: list[Shard]) -> None:
    """A short line taken for a wrapped heading may be a deadline's first line, which its tail
    shows (``收到申请之日起`` then ``20 个工作日内``): together they read as one deadline."""
    for k, shard in enumerate(shards):
        if shard.kind != "deadline" or not shard.cont:
            continue
        for head in reversed(shards[max(0, k - _GROUP_REACH) : k]):
            if head.kind == "deadline":
                break
            if (
                head.kind == "group"
                and head.cont
                and _TIME_WORD.search(head.text)
                and is_deadline_like(head.text + shard.text)
            ):
                head.kind, head.cont = "deadline", False
                break


def _cut(line: str) -> list[str]:
    """A line cut where pdftotext set two cells side by side: a leading running number, a
    space between Chinese characters, a space before a date that reads as a whole deadline."""
    parts: list[str] = []
    m = _LEAD_NUMBER.match(line)
    if m and not _DEADLINE_TAIL.match(normalize(line)):  # "20 个工作日内" is one date
        parts.append(m.group(1))
        line = line[m.end() :]
    pieces = [p for p in _GAP.split(line) if p.strip()]
    for piece in pieces:
        year = _YEAR_GAP.search(piece)
        if year and is_deadline_like(piece[year.end() :]):
            parts.extend([piece[: year.start()], piece[year.end() :]])
        else:
            parts.append(piece)
    return [p.strip() for p in parts if p.strip()]


def _classify(shard: Shard, before: list[Shard]) -> None:
    """A shard's column by its look, and whether it is the tail of a shard before it."""
    text = shard.text
    t = normalize(text)
    last_unit = _last_piece(before, "unit")
    if re.fullmatch(r"\d{1,3}", t):
        shard.kind = "seq"
    elif _DEADLINE_TAIL.match(t) and not re.match(r"\d{4}", t) and _has(before, "deadline"):
        shard.kind, shard.cont = "deadline", True
    elif last_unit and (_ROLE_WORDS.match(t) or _completes(last_unit, t)):
        shard.kind, shard.cont = "unit", True
    elif (mk := marker(t)) is not None and mk.level <= 2 and cjk_len(t) <= 20:
        shard.kind = "group" if not ends_sentence(text) else "task"
    elif is_deadline_like(text):
        shard.kind = "deadline"
    elif _unit_list(text):
        shard.kind = "unit"
    elif cjk_len(t) < _SHORT and not ends_sentence(text) and _group_open(before):
        shard.kind, shard.cont = "group", True
    else:
        shard.kind = "task"


def _last_piece(before: list[Shard], kind: str) -> str:
    """The text of the last cell begun in a column so far, its wrapped tails joined."""
    parts: list[str] = []
    for shard in reversed(before):
        if shard.kind != kind:
            continue
        parts.append(shard.text)
        if not shard.cont:
            break
    return "".join(reversed(parts))


def _has(before: list[Shard], kind: str) -> bool:
    return any(s.kind == kind for s in before)


def _names(text: str) -> list[str]:
    return [p for p in re.split(r"[、,，;；\s]+", normalize(text)) if p]


def _unit_list(text: str) -> bool:
    """Unit names, the last perhaps wrapped (``综合执法大队、登记``): all but the last are
    names, and there is no sentence in it."""
    if is_unit_like(text):
        return True
    parts = _names(text)
    if len(parts) < 2 or re.search(r"[。；;]", text) or cjk_len(text) > 30:
        return False
    return all(is_unit_like(p) for p in parts[:-1])


def _completes(previous: str, t: str) -> bool:
    """A line that finishes the unit name the previous unit line broke off (``办公`` ``室``)."""
    tail = _names(previous)[-1:] or [""]
    head = _names(t)[:1] or [""]
    if not tail[0] or not head[0] or is_unit_like(tail[0]):
        return False
    return is_unit_like(tail[0] + head[0]) and cjk_len(tail[0] + head[0]) <= 16


def _group_open(before: list[Shard]) -> bool:
    """A task group heading was begun a few shards ago and may be wrapping on."""
    recent = before[-_GROUP_REACH:]
    starts = [s for s in recent if s.kind == "group"]
    return bool(starts) and sum(1 for s in starts if s.cont) < 2


_GROUP_REACH = 6


# --- the task column's cells: the table's rows ------------------------------------------------


def _grid(shards: list[Shard]) -> Grid | None:
    """The task lines and where their cells end: as many cells as the running numbers say
    there are rows, at the likeliest ends; with no numbers, at the sure ends only."""
    lines = [s for s in shards if s.kind == "task"]
    scores = _end_scores(shards, lines)
    numbers = sorted({int(s.text) for s in shards if s.kind == "seq"})
    n = numbers[-1] if numbers and len(numbers) * 10 >= numbers[-1] * 7 else 0
    if n > len(lines):
        return None
    if n:
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        ends = sorted(i for i in order[: n - 1] if scores[i] > 0)
    else:
        ends = [i for i, score in enumerate(scores) if score >= _SURE_END]
    starts = [0, *(i + 1 for i in ends)]
    return Grid(lines, starts, numbers=n)


_SURE_END = 3.0


def _end_scores(shards: list[Shard], lines: list[Shard]) -> list[float]:
    """How likely each task line (but the last) ends its cell: a full stop, an owner or date
    on the next line's right (cells are top-aligned), a line that stops short of the column's
    width, a running number between it and the next."""
    if not lines:
        return []
    widths = sorted(cjk_len(s.text) for s in lines)
    full = widths[len(widths) * 3 // 4]
    beside = {s.beside for s in shards if s.beside is not None}
    scores: list[float] = []
    for k in range(len(lines) - 1):
        here, after = lines[k], lines[k + 1]
        score = 3.0 if ends_sentence(here.text) else 0.0
        score += 2.0 if after.pos in beside else 0.0
        score += 1.0 if cjk_len(here.text) < full * 0.75 else 0.0
        between = shards[here.pos + 1 : after.pos]
        score += 0.5 if any(s.kind == "seq" for s in between) else 0.0
        scores.append(score)
    return scores


# --- other columns laid on the grid -------------------------------------------------------------


def _rows(shards: list[Shard], grid: Grid) -> list[dict[str, Cell]]:
    """Every column's pieces placed on the rows the task column makes."""
    rows: list[dict[str, Cell]] = []
    for r, start in enumerate(grid.starts):
        end = grid.starts[r + 1] if r + 1 < len(grid.starts) else len(grid.lines)
        task_lines = grid.lines[start:end]
        text = _join([s.text for s in task_lines])
        rows.append({"task": Cell(text, Location(line=task_lines[0].line + 1, column=1))})
    _place_numbers(shards, rows)
    centred = _centred(shards, grid)
    for kind in ("group", "unit", "assist", "deadline"):
        pieces = _pieces(shards, grid, kind)
        if centred and pieces and not any(p.spread for p in pieces):
            placed = _place_centred(shards, pieces, grid)
        else:
            placed = _lay(pieces, grid, kind)
        for piece, row in zip(pieces, placed, strict=True):
            cell = rows[row].get(kind)
            text = _piece_text(piece)
            if cell is None:
                rows[row][kind] = Cell(text, Location(line=piece.shards[0].line + 1, column=1))
            else:
                cell.text += "\n" + text
    return rows


def _place_numbers(shards: list[Shard], rows: list[dict[str, Cell]]) -> None:
    """Running numbers in value order, one a row, when they are as many as the rows; in
    pdftotext's order a number may come before the row above's."""
    numbers = sorted((int(s.text), s) for s in shards if s.kind == "seq")
    values = [v for v, _ in numbers]
    if values != list(range(1, len(rows) + 1)):
        return
    for row, (value, shard) in zip(rows, numbers, strict=True):
        row["seq"] = Cell(str(value), Location(line=shard.line + 1, column=1))


def _join(texts: list[str]) -> str:
    """Wrapped lines joined: nothing between Chinese characters, a space between words."""
    out = ""
    for text in texts:
        if out and out[-1].isascii() and text[0].isascii() and out[-1].isalnum():
            out += " "
        out += text
    return out


def _piece_text(piece: Piece) -> str:
    """A piece's shards joined: a unit name broken over two lines is one name again, whole
    names stay on lines of their own."""
    out = piece.shards[0].text
    for shard in piece.shards[1:]:
        whole = piece.kind in ("unit", "assist") and not _completes(out, shard.text)
        whole = whole and not _ROLE_WORDS.match(normalize(shard.text))
        out += ("\n" if whole else "") + shard.text
    return out


def _pieces(shards: list[Shard], grid: Grid, kind: str) -> list[Piece]:
    """A column's shards with their tails, each with the task line it most likely stands on:
    the one it shares a line with, else the task line pdftotext wrote just before it (for a
    column to the task's right) or just after it (to its left: a group heading comes before
    its row's text); or, for a column written apart from the task text, a line in proportion
    to its order."""
    task_index = {s.pos: k for k, s in enumerate(grid.lines)}
    pieces: list[Piece] = []
    last_task = 0
    left = kind in _LEFT
    for shard in shards:
        if shard.pos in task_index:
            last_task = task_index[shard.pos]
        if shard.kind != kind:
            continue
        if shard.cont and pieces:
            pieces[-1].shards.append(shard)
            continue
        if shard.beside is not None and shard.beside in task_index:
            pieces.append(Piece([shard], task_index[shard.beside], anchored=True))
        else:
            seen = shard.pos > grid.lines[last_task].pos
            ahead = left and seen and last_task + 1 < len(grid.lines)
            pieces.append(Piece([shard], last_task + 1 if ahead else last_task))
    for band in sorted({p.shards[0].band for p in pieces}):
        _spread(grid, [p for p in pieces if p.shards[0].band == band], band)
    return pieces


def _spread(grid: Grid, pieces: list[Piece], band: int) -> None:
    """A column written as a section of its own, apart from the task text of its run of the
    table (a narrow table, column after column): its pieces spread over that run's rows in
    order, for the text says nothing of where each one stands."""
    lines = [k for k, s in enumerate(grid.lines) if s.band == band]
    if not pieces or not lines:
        return
    first, last = grid.lines[lines[0]].pos, grid.lines[lines[-1]].pos
    apart = [p for p in pieces if not first < p.shards[0].pos < last]
    if len(apart) * 10 < len(pieces) * 8:
        return
    starts = [b for b in grid.starts if lines[0] <= b <= lines[-1]] or [lines[0]]
    # a blank or merged cell somewhere: which, the text hides (a task group spans its rows:
    # fewer groups than rows is its nature, and its heading comes before them)
    if len(pieces) != len(starts) and pieces[0].kind not in _LEFT:
        grid.spread_unsure.append((pieces[0].kind, pieces[0].shards[0].line))
    for k, piece in enumerate(pieces):
        piece.est = starts[min(len(starts) - 1, k * len(starts) // len(pieces))]
        piece.anchored, piece.spread = False, True


_LEFT = {"group"}  # columns to the left of the task column


# --- cells centred vertically (Calc): a merged cell stands in the middle of its rows -----------


def _centred(shards: list[Shard], grid: Grid) -> bool:
    """Whether the table's cells are centred vertically, as Calc sets them: a row's running
    number comes after the row's first task line and before its last (the number stands on
    the row's middle), where a word processor's top-aligned cells put it before the first."""
    if not grid.numbers or len(grid.starts) != grid.numbers:
        return False
    task_index = {s.pos: k for k, s in enumerate(grid.lines)}
    ends = [*grid.starts[1:], len(grid.lines)]
    inside = tall = 0
    last = -1  # the last task line written so far
    for shard in shards:
        if shard.pos in task_index:
            last = task_index[shard.pos]
        elif shard.kind == "seq" and 0 < int(shard.text) <= len(grid.starts):
            r = int(shard.text) - 1
            if ends[r] - grid.starts[r] < 2:  # a row of one line has no middle apart
                continue
            tall += 1
            inside += grid.starts[r] <= last < ends[r] - 1
    return tall >= _MIN_CENTRED and inside * 2 > tall


_MIN_CENTRED = 3  # rows of two or more lines whose numbers show how cells are aligned


def _place_centred(shards: list[Shard], pieces: list[Piece], grid: Grid) -> list[int]:
    """Each piece's row in a table whose cells are centred: a cell stands in the middle of
    the rows it covers, so a cell merged over rows 6-8 stands on row 7 and rows 6 and 8 show
    none. Where each piece stands is known to half a line: on a task line (beside it) or
    between two. centred.place_cells picks the cells and the rows they cover by their middles
    (a piece centred as well over its empty neighbours as on its own row covers them), and
    gives a merged cell to its first row: parse fills the rows below, as for any dump that
    writes a merged cell once.

    Positions in half lines ("slots"): task line k is slot 2k+1, the gap after it 2k+2. A row
    owns its lines and the gap after its last: a short cell centred on a one-line row is
    written right after that line. The gap may also hold the next row's cell, a little
    dearer (place_cells moves a row's last line to the cell below)."""
    slot_of = _slots(shards, grid)
    ends = [*grid.starts[1:], len(grid.lines)]
    rows = Rows(
        tops=[2 * f + 1 for f in grid.starts],
        lasts=[2 * e for e in ends],
        ends=[2 * e + 1 for e in ends],
    )
    bounds = [2 * f + 1 for f in grid.starts]  # row r owns slots bounds[r] .. bounds[r+1]-1
    spans = []
    column: list[set[int]] = [set() for _ in grid.starts]
    for piece in pieces:
        slots = [slot_of[s.pos] for s in piece.shards]
        span = range(min(slots), max(slots) + 1)  # one cell's lines are one block
        spans.append(span)
        for slot in span:
            column[_row_at(bounds, slot)].add(slot)
    cells = place_cells(rows, [sorted(c) for c in column])
    row_of_slot = {slot: r for r, cell in enumerate(cells) for slot in cell}
    return [row_of_slot.get(span[0], _row_at(bounds, span[0])) for span in spans]


def _slots(shards: list[Shard], grid: Grid) -> dict[int, int]:
    """Every shard's position in half lines: beside a task line, on it; else just after the
    task line written last before it."""
    task_index = {s.pos: k for k, s in enumerate(grid.lines)}
    out: dict[int, int] = {}
    last = -1
    for shard in shards:
        if shard.pos in task_index:
            last = task_index[shard.pos]
            out[shard.pos] = 2 * last + 1
        elif shard.beside is not None and shard.beside in task_index:
            out[shard.pos] = 2 * task_index[shard.beside] + 1
        else:
            out[shard.pos] = 2 * last + 2
    return out


def _row_at(bounds: list[int], slot: int) -> int:
    return max(0, bisect_right(bounds, slot) - 1)


# costs of laying a column's pieces on the task lines
_FAR = 1.0  # per line away from where the text puts a piece
_OFF_ANCHOR = 50.0  # a piece moved off the line it shared with a task line
_MID_ROW = 1.5  # a cell that starts below its row's first line (cells are top-aligned)
_SAME_ROW = {"unit": 0.3, "assist": 0.3, "deadline": 1.5, "group": 2.0}  # a second piece in one row
_SAME_LINE = 3.0  # two pieces of one column on one line
_REACH = 8  # lines either side of its estimate a piece may move


def _lay(pieces: list[Piece], grid: Grid, kind: str) -> list[int]:
    """Each piece's row: the cheapest placement on the task lines that keeps the column's
    order (a column's lines come out top to bottom), by dynamic programming over pieces."""
    if not pieces:
        return []
    n = len(grid.lines)
    cands = [_candidates(p, n) for p in pieces]
    cost: list[dict[int, float]] = [{b: _at(pieces[0], b, grid) for b in cands[0]}]
    back: list[dict[int, int]] = [{}]
    for k in range(1, len(pieces)):
        here: dict[int, float] = {}
        link: dict[int, int] = {}
        for b in cands[k]:
            best, arg = float("inf"), -1
            for a, c in cost[-1].items():
                if a > b:
                    continue
                step = c + _step(a, b, grid, kind)
                if step < best:
                    best, arg = step, a
            if arg < 0:  # nowhere to go after the previous piece: it stays on its line
                best, arg = min((c, a) for a, c in cost[-1].items())
                best += _SAME_LINE + abs(b - pieces[k].est)
            here[b] = best + _at(pieces[k], b, grid)
            link[b] = arg
        cost.append(here)
        back.append(link)
    line = min(cost[-1], key=lambda b: cost[-1][b])
    chosen = [line]
    for k in range(len(pieces) - 1, 0, -1):
        line = back[k][line]
        chosen.append(line)
    return [grid.row_of[b] for b in reversed(chosen)]


def _candidates(piece: Piece, n: int) -> list[int]:
    if piece.anchored:
        return [piece.est]
    return list(range(max(0, piece.est - _REACH), min(n, piece.est + _REACH + 1)))


def _at(piece: Piece, line: int, grid: Grid) -> float:
    """What it costs to stand a piece on a line, alone."""
    cost = _OFF_ANCHOR if piece.anchored and line != piece.est else 0.0
    cost += _FAR * abs(line - piece.est)
    return cost + (_MID_ROW if line not in grid.first else 0.0)


def _step(a: int, b: int, grid: Grid, kind: str) -> float:
    """What it costs to put the next piece on line b after one on line a: another row is
    free, the same row costs by column, the same line more."""
    if a == b:
        return _SAME_LINE
    if grid.row_of[a] == grid.row_of[b]:
        return _SAME_ROW[kind] - (_MID_ROW if b not in grid.first else 0.0)
    return 0.0
