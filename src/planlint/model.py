"""Plain data passed between the pipeline stages: documents, plans, items.

readers/ produce a Document (cells and paragraphs with their locations); parse/ turns it into a
Plan of Items. Nothing here knows how it was made or what will consume it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

SHORT_PLACE_WORDS = {
    "page": "p.{}",
    "table": "table {}",
    "row": "row {}",
    "cell": "cell {}",
    "line": "{}",
    "sep": " ",
}


@dataclass(frozen=True)
class Location:
    """Where something stands in its file, in the format's own terms.

    Text formats use line/column; Word tables table/row/cell; spreadsheets sheet and cell (B7);
    PDFs page (and line on the page). Unused fields stay None.
    """

    line: int | None = None
    column: int | None = None
    page: int | None = None
    sheet: str | None = None
    cell: str | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None

    def describe(self) -> str:
        """A short human form: ``12:3``, ``p.4``, ``Sheet1!B7``, ``table 2 row 5 cell 3``."""
        line = f"{self.line}:{self.column}" if self.line and self.column else "{}"
        return self.spelled(SHORT_PLACE_WORDS | {"line": line})

    def spelled(self, words: dict[str, str], empty: str = "?") -> str:
        """The place in the given words: one template per part (``page``, ``table``, ``row``,
        ``cell``, ``line``, and ``sep`` between parts), so every report spells places alike
        in its own language: 第2表第20行第3格, table 2 row 20 cell 3, 分工方案!B21."""
        parts: list[str] = []
        if self.sheet is not None:
            parts.append(f"{self.sheet}!{self.cell}" if self.cell else self.sheet)
        if self.page is not None:
            parts.append(words["page"].format(self.page))
        if self.table is not None:
            parts.append(words["table"].format(self.table))
            parts += [words["row"].format(self.row)] if self.row is not None else []
            parts += [words["cell"].format(self.col)] if self.col is not None else []
        if self.line is not None:
            parts.append(words["line"].format(self.line))
        return words.get("sep", " ").join(parts) or empty

    def to_dict(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


# --- what readers produce -------------------------------------------------------------------


@dataclass
class Cell:
    """One table cell's text as written (line breaks kept) and where it starts.

    ``file_lines`` is True when each line break in the text is a line break of the file (text
    dumps), so a numbered item inside the cell can be located on its own line.
    """

    text: str
    loc: Location
    file_lines: bool = False


@dataclass
class Table:
    """Rows of cells.

    ``grid`` is True when every row has one cell per column in order (a real table, Markdown,
    a complete dump); False when merged or empty cells were dropped so cells must be aligned
    to columns by their content. ``breaks`` holds the indexes of rows that start a new table
    fragment after a page break, where a row or sentence may continue the previous one.
    """

    rows: list[list[Cell]]
    loc: Location
    grid: bool = True
    breaks: set[int] = field(default_factory=set)
    # True when the reader wrote a vertically merged cell's text into every row it spans
    # (Word, Excel, HTML, w3m's boxes); text tables write it once and leave the rows below empty
    merges_expanded: bool = True


@dataclass
class CellStream:
    """A table flattened into a run of cells with no sure row boundaries (cell dumps, web
    pages). ``row_hints`` maps a cell's index to how likely the source makes it that a row
    starts there (a blank line before it in a tab dump): positive likely, negative unlikely."""

    cells: list[Cell]
    loc: Location
    row_hints: dict[int, float] = field(default_factory=dict)
    # True when a cell may come in several pieces (a dump one line or paragraph a cell writes
    # a unit list one unit a line); False when the source marks each cell (bars, tabs)
    pieces: bool = False
    # True when an empty cell leaves no trace in the source (pdftotext -raw): a row missing a
    # cell may have had it blank or merged with the row above, and parse says it is unsure
    blanks_hidden: bool = False


@dataclass
class Paragraph:
    """A line or paragraph outside any table."""

    text: str
    loc: Location


Block = Table | CellStream | Paragraph


@dataclass
class Reading:
    """One way of reading a text's layout: its name (``cells``, ``rows``, ``prose`` …) and
    the blocks it gives. parse/ keeps the reading that explains the text best."""

    name: str
    blocks: list[Block]
    prior: float = 0.0  # how sure the reader is of the shape alone (an explicit table syntax)
    # what the reader had to guess in this reading (a row it could not place a cell in): the
    # judge adds them to the reading's doubts, should it be kept
    doubts: list[Doubt] = field(default_factory=list)


@dataclass
class Document:
    """What a reader got out of a file: its blocks in order.

    ``alternatives`` are other plausible readings of the same text (a text dump whose shape
    is ambiguous); ``reading`` names the one in ``blocks``. ``notes`` are doubts the reader
    has whatever the layout (invalid bytes replaced, a declared charset overruled): parse adds
    them to the kept reading's doubts, so they reach the report as ``reading`` warnings.
    """

    path: str
    format: str
    blocks: list[Block]
    reading: str = "document"
    alternatives: Sequence[Reading] = field(default_factory=list)  # may be made lazily
    prior: float = 0.0
    notes: list[Doubt] = field(default_factory=list)
    # what the reader had to guess in the reading in ``blocks`` (see Reading.doubts)
    doubts: list[Doubt] = field(default_factory=list)


# --- what parse produces --------------------------------------------------------------------


Kind = Literal["division-plan", "key-points"]

# who issues the plan, for due dates that differ by issuer (parse/issuer_kind.py): a people's
# government or its general office, or a department of a government
IssuerKind = Literal["government", "department"]

DeadlineKind = Literal["date", "recurring", "ongoing", "unknown"]


@dataclass(frozen=True)
class Deadline:
    """A deadline as written and what parse/deadlines.py read it as, once, in the plan's year:
    a date (the last day it names, every day in ``dates``), a schedule, continuing work, or
    unknown words. ``date`` is None unless ``kind`` is ``date`` and the year is known.
    ``vague`` is True when the words name no day or period (持续推进, 常态化, 每月, 按要求), so
    the checks need not read them again to warn of it; a date is never vague."""

    text: str
    kind: DeadlineKind
    date: date | None = None
    dates: tuple[date, ...] = ()  # every day named, in the order written
    vague: bool = False

    @property
    def year_unknown(self) -> bool:
        """A date whose year neither the text nor the plan gives."""
        return self.kind == "date" and self.date is None


@dataclass
class Item:
    """One task of the plan.

    ``assignees`` are the units named in the responsible-unit cell, as listed (qualifiers such
    as 牵头/配合 dropped); ``leads`` those of them the cell marks as lead (牵头, or all of them
    in a 牵头单位 column); ``assisting`` those the cell marks as assisting (配合) and the units of
    a separate assisting column (配合单位). ``match_text`` is the normalised text
    the matcher reads: the item's text, after its ``title`` when it has one.
    """

    id: str
    section: str
    text: str
    loc: Location
    title: str = ""  # the item's own task cell, when it heads this item alone (not a group)
    assignees: list[str] = field(default_factory=list)
    assisting: list[str] = field(default_factory=list)
    leads: list[str] = field(default_factory=list)
    placeholder: str | None = None
    deadline: str | None = None
    match_text: str = ""
    # the deadline read in the plan's year (parse/deadlines.py), filled once the year is known;
    # None when the item has no deadline
    deadline_read: Deadline | None = None

    @property
    def owners(self) -> list[str]:
        """Who answers for the item: the leads if marked, else the units not marked as
        assisting, else whoever is named."""
        if self.leads:
            return list(self.leads)
        return [u for u in self.assignees if u not in self.assisting] or list(self.assignees)


@dataclass
class Fragment:
    """Text the parser kept but could not place as an item (never silently dropped)."""

    text: str
    loc: Location
    role: str = "unknown"  # title, preamble, heading, note, chrome, unknown


@dataclass
class Doubt:
    """Something about the reading that looks wrong, where, and what (``kind`` is a message
    key: owners-missing, unplaced-task, misaligned-row, bad-bytes …). ``params`` fill the
    message's placeholders beyond ``where`` and ``detail`` (an encoding, a byte offset)."""

    kind: str
    loc: Location | None
    detail: str = ""
    params: dict[str, str] = field(default_factory=dict)


@dataclass
class ReadingNote:
    """Which reading of the file parse kept, the evidence for it, and how sure it is (0 to 1).

    ``facts`` counts what the reading explains (items, owned, dated, not-task-like,
    lost-chars); ``score`` is its judged score and ``beaten`` the other readings' scores."""

    name: str
    score: float
    confidence: float = 1.0
    facts: dict[str, int] = field(default_factory=dict)
    beaten: dict[str, float] = field(default_factory=dict)
    doubts: list[Doubt] = field(default_factory=list)


@dataclass
class Plan:
    path: str
    format: str
    agency: str | None
    year: int | None
    kind: Kind
    items: list[Item]
    title: str | None = None
    unplaced: list[Fragment] = field(default_factory=list)
    # literal placeholder (as written) -> what the plan says it means, e.g. "not-involved"
    placeholders: dict[str, str] = field(default_factory=dict)
    reading: ReadingNote | None = None
    # what kind of body the agency is (parse/issuer_kind.py); None when unknown or no agency
    issuer_kind: IssuerKind | None = None
