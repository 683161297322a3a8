"""Turning rows of text into Items: sections, numbering, multi-item cells, ids.

Every plan shape (table, flattened stream, prose) ends up calling ``ItemBuilder.add`` with a
requirement text and what it knows of the owner and deadline; the builder does the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from planlint.cellkinds import Marker, marker
from planlint.model import Fragment, Item, Location
from planlint.parse.cells import Units
from planlint.textnorm import normalize, squash

# where one numbered item may start inside a cell: a new line, or after a sentence end
_ITEM_START = re.compile(
    r"(?:\n|(?<=[。；;]))\s{0,8}(?=(?:\d{1,3}|[(（]\d{1,3}[)）])\s{0,3}[.．、)）])"
)


def join_lines(text: str) -> str:
    """Join a cell's wrapped lines: no space between Chinese characters or inside a wrapped
    number, one space between other ASCII words."""
    lines = [line.strip() for line in text.split("\n")]
    out = ""
    for line in lines:
        if not line:
            continue
        wrapped_number = out[-1:].isdigit() and line[0].isdigit()  # "1" / "2.": 12.
        if out and out[-1].isascii() and line[0].isascii() and out[-1].isalnum():
            out += "" if wrapped_number else " "
        out += line
    return out


def split_heading_levels(text: str) -> list[tuple[Marker | None, str]]:
    """A heading cell may hold two levels: "三、强化公开 (一)围绕…" -> two headings."""
    text = squash_heading(text)
    cuts = [0]
    for m in re.finditer(r"\s(?=[(（][一二三四五六七八九十]+[)）]|\d{1,2}、)", text):
        cuts.append(m.end())
    cuts.append(len(text))
    out: list[tuple[Marker | None, str]] = []
    for a, b in pairwise(cuts):
        chunk = text[a:b].strip()
        if chunk:
            out.append((marker(chunk), chunk))
    return out


def squash_heading(text: str) -> str:
    """Headings wrap mid-word in dumps ("加强<br>配套制度建设", "公 开申请"): join the pieces."""
    return squash(text.replace("\n", ""))


@dataclass
class Sections:
    """The current heading at each level; a new heading clears the deeper ones."""

    levels: dict[int, str] = field(default_factory=dict)
    markers: dict[int, str] = field(default_factory=dict)

    def set(self, level: int, text: str, label: str | None = None) -> None:
        for deeper in [k for k in self.levels if k >= level]:
            del self.levels[deeper]
            self.markers.pop(deeper, None)
        self.levels[level] = text
        if label:
            self.markers[level] = label

    def extend_last(self, text: str) -> bool:
        """Continue the deepest heading (a heading split over a page break)."""
        if not self.levels:
            return False
        last = max(self.levels)
        self.levels[last] = squash_heading(self.levels[last] + text)
        return True

    def path(self) -> str:
        return " ".join(self.levels[k] for k in sorted(self.levels))

    def label_path(self) -> str:
        """The numbering of the enclosing headings, e.g. "一(一)"."""
        return "".join(self.markers[k] for k in sorted(self.markers))


@dataclass
class ItemBuilder:
    """Accumulates the plan's items and what could not be placed."""

    sections: Sections = field(default_factory=Sections)
    items: list[Item] = field(default_factory=list)
    unplaced: list[Fragment] = field(default_factory=list)
    headings: list[Fragment] = field(default_factory=list)  # every heading set, for judging
    _running: int = 0
    _ids: set[str] = field(default_factory=set)
    _repeats: dict[str, int] = field(default_factory=dict)  # qualified id -> last #n given
    _bare: dict[str, str] = field(default_factory=dict)  # qualified id -> the number alone
    numbered: bool = False  # whether the plan numbers its items itself

    def extend_heading(self, text: str) -> None:
        """A heading continued after a page break: items already under it follow it."""
        old = self.sections.path()
        if not self.sections.extend_last(text):
            return
        new = self.sections.path()
        for item in self.items:
            if item.section == old:
                item.section = new

    def heading(self, text: str, loc: Location, default_level: int = 1) -> None:
        self.headings.append(Fragment(text, loc, "heading"))
        for mk, chunk in split_heading_levels(text):
            level = mk.level if mk else default_level
            self.sections.set(level, chunk, mk.label if mk else None)

    def add(
        self,
        text: str,
        loc: Location,
        units: Units | None = None,
        deadline: str | None = None,
        seq: str | None = None,
        assisting: list[str] | None = None,
        id_prefix: str = "",
        file_lines: bool = False,
    ) -> list[Item]:
        """Add one requirement cell; a cell holding several numbered items yields several,
        each located on its own line when the cell's lines are the file's (``file_lines``)."""
        units = units or Units([], [], [], None)
        deadline = squash(deadline) if deadline and deadline.strip() else None
        pieces = split_numbered(text)
        made: list[Item] = []
        cursor = 0
        for piece in pieces:
            at = text.find(piece, cursor)
            cursor = max(cursor, at)
            item_loc = loc
            if file_lines and at > 0 and loc.line is not None:
                item_loc = replace(loc, line=loc.line + text.count("\n", 0, at), column=1)
            body = join_lines(piece)
            if not body:
                continue
            mk = marker(body)
            body_text = body[mk.end :].strip() if mk else body
            if seq and len(pieces) == 1:
                ident = seq
            elif mk:
                ident = id_prefix + mk.label
                self._bare[ident] = mk.label
                self.numbered = True
            else:
                self._running += 1
                ident = f"r{self._running}"
            item = Item(
                id=self._unique(ident),
                section=self.sections.path(),
                text=body_text,
                loc=item_loc,
                assignees=list(units.names),
                leads=list(units.leads),
                assisting=list(dict.fromkeys([*units.assisting, *(assisting or [])])),
                placeholder=units.placeholder,
                deadline=deadline,
                match_text=normalize(body_text),
            )
            self.items.append(item)
            made.append(item)
        return made

    def continue_last(self, text: str, units: Units | None, deadline: str | None) -> bool:
        """Append a fragment that continues the previous item across a page break: every
        cell of the row goes on, the deadline ("2025年9月30日" / "前") and the unit list too."""
        if not self.items:
            return False
        last = self.items[-1]
        last.text = join_lines(last.text + "\n" + text)
        last.match_text = normalize(last.text)
        if units and units.names:
            last.assignees = list(dict.fromkeys([*last.assignees, *units.names]))
            last.leads = list(dict.fromkeys([*last.leads, *units.leads]))
            last.placeholder = None
        if deadline and deadline.strip():
            last.deadline = squash((last.deadline or "") + deadline)
        return True

    def simplify_ids(self) -> None:
        """Drop the heading numbers from ids ("一(一)1" -> "1") where the plan numbers its items
        1, 2, 3 … right through, so that the bare numbers are already unique. Items numbered
        (一)(二) restart under every heading by convention and keep "一(二)"."""
        ids = [i.id for i in self.items]
        bare = [self._bare.get(i, "") for i in ids]
        if len(set(bare)) == len(bare) and all(b.isdigit() for b in bare):
            for item, short in zip(self.items, bare, strict=True):
                item.id = short

    def keep(self, text: str, loc: Location, role: str = "unknown") -> None:
        if text.strip():
            self.unplaced.append(Fragment(text.strip(), loc, role))

    def _unique(self, ident: str) -> str:
        """The id, qualified by the top heading's number and then counted (#2, #3 …) when the
        plan repeats it; the count per id is kept, so a thousand repeats cost no rescans."""
        if ident in self._ids:
            top = self.sections.markers.get(min(self.sections.markers, default=0), "")
            qualified = f"{top}.{ident}" if top else ident
            candidate = qualified
            n = self._repeats.get(qualified, 1)
            while candidate in self._ids:
                n += 1
                candidate = f"{qualified}#{n}"
            self._repeats[qualified] = n
            ident = candidate
        self._ids.add(ident)
        return ident


def split_numbered(text: str) -> list[str]:
    """Split a cell into its numbered items when it holds a run 7. … 8. … (consecutive)."""
    text = text.strip()
    first = marker(text)
    if not first or first.level not in (3, 4):
        return [text]
    pieces: list[str] = []
    start = 0
    expected = first.value + 1
    for m in _ITEM_START.finditer(text):
        at = m.end()
        mk = marker(text[at:])
        if mk and mk.level == first.level and mk.value == expected:
            pieces.append(text[start:at])
            start = at
            expected += 1
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]
