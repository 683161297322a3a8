"""Plans written as numbered paragraphs: key points (一、 (一) 1.) or numbered task lists.

A numbered paragraph followed by deeper-numbered ones is a heading; the deepest numbered
paragraphs are items, and unnumbered paragraphs after an item continue it. Owners and deadlines
come from inline labels (（责任单位：办公室；完成时限：6月底前）) when the plan has them, else
from an explicit lead in the text (局办公室牵头…); otherwise the item has no owner.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from planlint.cellkinds import cjk_len, is_deadline_like, is_unit_like, marker
from planlint.model import Item, Paragraph
from planlint.parse.builder import ItemBuilder
from planlint.parse.cells import Units, is_chrome, split_units
from planlint.textnorm import normalize
from planlint.vocab import ends_sentence

_KEY = (
    r"(?:[牵牽][头頭]|[责責]任|配合|[协協][办辦]|主[办辦]|承[办辦])"
    r"(?:[单單]位|[部][门門]|科室|[处處]室|股室)|完成[时時][限间間]|[时時]限要求|[时時][间間][节節]点"
    r"|[办辦][结結][时時]限"
)
# a label's value runs to a semicolon or bracket, or to the next label after a comma
# ("牵头单位:办公室,责任单位:各处室"); the lookahead is tried once per character: linear
_LABEL = re.compile(
    rf"[(（]?\s{{0,4}}(?P<key>{_KEY})\s{{0,4}}[:：]\s{{0,4}}"
    rf"(?P<value>(?:(?![,，]\s{{0,4}}(?:{_KEY})\s{{0,4}}[:：])[^；;）)\n])*)[；;,，]?\s{{0,4}}[)）]?"
)
_LEAD = re.compile(r"(?:^|[。；;,，])\s{0,4}(?:由|请|應由|应由)?([^。；;,，]{2,16}?)(?:牵头|牽頭)")
_CLOSING = re.compile(
    r"^(附件\d*[:：]?.*|[(（]此件.*[)）]|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|抄送.*|印发.*"
    r"|(注|说明|备注|備註)\s*\d*\s*[:：].*)$"
)


def read_prose(paras: list[Paragraph], build: ItemBuilder) -> bool | None:
    """Add the items of numbered prose.

    Returns None when no numbered body was found, else whether items carry assignment labels
    (a numbered division plan) or not (key points).
    """
    paras = [piece for p in paras for piece in split_inline(p)]
    marks = [marker(p.text) for p in paras]
    start = next((i for i, m in enumerate(marks) if m and m.level == 1), None)
    if start is None:
        start = next((i for i, m in enumerate(marks) if m), None)
    if start is None:
        return _read_unnumbered(paras, build)
    for p in paras[:start]:
        build.keep(p.text, p.loc, "preamble")
    current = None  # the item unnumbered paragraphs continue
    labelled = False
    grown = _Grown()
    for i in range(start, len(paras)):
        para, mk = paras[i], marks[i]
        text = para.text
        if is_chrome(text):
            build.keep(text, para.loc, "chrome")
            continue
        if mk and _is_heading(i, paras, marks):
            build.heading(text, para.loc)
            current = None
            continue
        if mk is None and current is not None and _LABEL.match(text):
            grown.add(current, "\n", text)  # a label line: 责任单位：办公室
            labelled = True
            continue
        if mk is None and current is not None:
            if _closing(text):
                build.keep(text, para.loc, _closing_role(text))
                current = None
                continue
            if (current.assignees or current.deadline) and _LABEL.search(text):
                # owner labels of its own after an item that has them: a new task whose
                # number was lost, not a continuation
                made = build.add(text, para.loc, id_prefix=build.sections.label_path())
                for item in made:
                    _apply_labels(item)
                current = made[-1] if made else None
                continue
            grown.add(current, "", text)
            labelled = labelled or bool(current.assignees or current.deadline)
            continue
        if mk is None and (_closing(text) or not build.sections.levels):
            build.keep(text, para.loc, _closing_role(text) if _closing(text) else "unknown")
            continue
        made = build.add(text, para.loc, id_prefix=build.sections.label_path())
        for item in made:
            _apply_labels(item)
            labelled = labelled or bool(item.assignees or item.deadline)
        current = made[-1] if made else None
    grown.finish()
    if not labelled:
        for item in build.items:
            _lift_lead(item)
    build.simplify_ids()
    return labelled


# a numbering marker inside a line, after a sentence, a bracket or a space: where a document
# flattened onto one line ("……。 (一)强化… 1、数字经济…") had its paragraph breaks
_INLINE = re.compile(
    r"(?<=[。；;！!？?)）\s])\s{0,8}(?=(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]"
    r"|\d{1,2}[、．]|\d{1,2}\.(?!\d)|[(（]\d{1,2}[)）]|[①-⑳]))"
)


def split_inline(para: Paragraph) -> list[Paragraph]:
    """A paragraph holding several numbered paragraphs is split before each marker."""
    text = para.text
    cuts = [m.end() for m in _INLINE.finditer(text) if m.end() > 0]
    cuts = [c for c in cuts if marker(text[c:])]
    if not cuts:
        return [para]
    out: list[Paragraph] = []
    bounds = [0, *cuts, len(text)]
    for a, b in pairwise(bounds):
        piece = text[a:b].strip()
        if piece:
            column = (para.loc.column or 1) + a
            out.append(Paragraph(piece, replace(para.loc, column=column)))
    return out


_NOTICE = re.compile(
    r"印发给你们|印发你们|现印发|请结合实际|请认真|贯彻执行|抓好落实|遵照执行|[:：]$|^(各|局机关|机关)"
)
_MIN_PARAGRAPH = 30  # an unnumbered paragraph shorter than this is a title or a line of chrome


def _read_unnumbered(paras: list[Paragraph], build: ItemBuilder) -> bool | None:
    """A notice or plan with no numbering: each requirement paragraph is an item (r1, r2 …);
    the address line, the covering sentences, the signature, the date and the page chrome
    stay unplaced. None when no paragraph reads like a requirement."""
    tasks = [_requirement_paragraph(p.text) for p in paras]
    if not any(tasks):
        return None
    labelled = False
    for para, task in zip(paras, tasks, strict=True):
        if not task:
            role = "chrome" if is_chrome(para.text) else _closing_role(para.text)
            build.keep(para.text, para.loc, "preamble" if role == "closing" else role)
            continue
        for item in build.add(para.text, para.loc):
            _apply_labels(item)
            labelled = labelled or bool(item.assignees or item.deadline)
    return labelled


def _requirement_paragraph(text: str) -> bool:
    t = text.strip()
    return (
        cjk_len(t) >= _MIN_PARAGRAPH
        and not is_chrome(t)
        and not _closing(t)
        and not _NOTICE.search(normalize(t))
        and bool(re.search(r"[。；;]", t))
    )


def _is_heading(i: int, paras: list[Paragraph], marks: list) -> bool:
    mk = marks[i]
    if not any(ch.isalnum() for ch in paras[i].text[mk.end :]):
        return False  # "10. “ ”": a number whose words went to the next line starts an item
    for j in range(i + 1, len(paras)):
        nxt = marks[j]
        if nxt is None:
            if is_chrome(paras[j].text) or _closing(paras[j].text):
                continue
            # an unnumbered paragraph right under it: a short title is a heading
            return cjk_len(paras[i].text) <= 40 and not ends_sentence(paras[i].text)
        return nxt.level > mk.level
    return False


def _closing(text: str) -> bool:
    t = text.strip()
    return bool(_CLOSING.match(normalize(t))) or (cjk_len(t) <= 24 and is_unit_like(t))


def _closing_role(text: str) -> str:
    return "note" if re.match(r"\s*(注|说明|备注|備註)", text) else "closing"


_LABEL_MARKS = ":：)）"  # a label has its colon, a bracket or a trailing note its closing bracket


class _Grown:
    """Items that unnumbered paragraphs continue, each paragraph's labels applied as it comes.

    Applying them means re-reading the item's text, so a reading that runs thousands of
    paragraphs into one item (a long page with one heading, read as prose) would cost time
    quadratic in its length. So only the last ``LIVE`` characters of an item longer than
    twice that stay live (what a label, a bracket or a trailing note can still reach; no real
    task is that long), the older text is set aside as it is, and the matcher's normalised
    copy is made once, at the end."""

    LIVE = 2000

    def __init__(self) -> None:
        self.items: dict[int, tuple[Item, list[str]]] = {}  # id -> the item, its set-aside text

    def add(self, item: Item, joiner: str, text: str) -> None:
        _, done = self.items.setdefault(id(item), (item, []))
        item.text = item.text + joiner + text
        if len(item.text) > 2 * self.LIVE:
            cut = len(item.text) - self.LIVE
            done.append(item.text[:cut])
            item.text = item.text[cut:]
        if any(mark in item.text for mark in _LABEL_MARKS):  # else nothing to apply
            _apply_labels(item, normalise=False)

    def finish(self) -> None:
        for item, done in self.items.values():
            item.text = "".join([*done, item.text])
            item.match_text = normalize(item.text)


def _apply_labels(item: Item, normalise: bool = True) -> None:
    """Move inline 牵头单位/责任单位/完成时限 labels out of the text into the item's fields
    (several labels add up: 牵头单位 gives leads, 责任单位 the rest); the matcher's copy of
    the text follows (``normalise``; a caller that will change the text again makes it later)."""
    found = False
    for m in _LABEL.finditer(item.text):
        key, value = normalize(m.group("key")), m.group("value").strip()
        if not value:
            continue
        found = True
        if key.startswith(("完成", "时限", "时间", "办结")):
            item.deadline = value
            continue
        units = split_units(value)
        names = [n for n in units.names if is_unit_like(n)] or units.names
        if key.startswith(("配合", "协办")):
            item.assisting = _union(item.assisting, names)
            continue
        item.assignees = _union(item.assignees, names)
        leads = names if key.startswith("牵头") else units.leads
        item.leads = _union(item.leads, leads)
        item.placeholder = units.placeholder if not item.assignees else None
    if found:
        item.text = _LABEL.sub("", item.text).strip()
    _apply_unit_brackets(item)
    _apply_trailing_note(item)
    if normalise:
        item.match_text = normalize(item.text)


def _union(first: list[str], more: list[str]) -> list[str]:
    return list(dict.fromkeys([*first, *more]))


# an owner bracket closes a clause: "…工作力度（大气司、水司）。"; "各村（社区）村务" is a noun
_BRACKET = re.compile(r"[(（]([^()（）]{2,80})[)）](?=\s*(?:[。；;，,]|$))")


def _apply_unit_brackets(item) -> None:
    """Owners named in brackets that close a clause inside the text ("…三大保卫战（大气司、
    水司），…") add up: the item's owners are all of them. The brackets leave the text."""
    names: list[str] = []

    def take(m: re.Match[str]) -> str:
        inner = re.sub(r"[&＆*#]+", "", m.group(1))  # stray marks a page left in a name
        if not is_unit_like(inner):
            return m.group(0)
        units = split_units(inner)
        names.extend(units.names)
        item.leads = _union(item.leads, units.leads)
        item.assisting = _union(item.assisting, units.assisting)
        return ""

    text = _BRACKET.sub(take, item.text)
    if names:
        item.assignees, item.placeholder = _union(item.assignees, names), None
        item.text = text.strip()


_TRAILING = re.compile(r"[(（]([^()（）]{2,80})[)）]\s*[。；;]?\s*$")


def _apply_trailing_note(item) -> None:
    """A closing parenthesis that names units or a date assigns the item:
    "…做好解读工作。（局办公室牵头，各科室配合）" or "（2024年6月底前）"."""
    while m := _TRAILING.search(item.text):
        note = m.group(1).strip()
        if is_unit_like(note):
            units = split_units(note)
            item.assignees, item.leads, item.placeholder = units.names, units.leads, None
            item.assisting = list(dict.fromkeys([*item.assisting, *units.assisting]))
        elif is_deadline_like(note):
            item.deadline = note
        else:
            return
        item.text = item.text[: m.start()].rstrip()


def _lift_lead(item) -> None:
    """Key points with no assignment: an explicit "X牵头" names the owner of the paragraph."""
    for m in _LEAD.finditer(item.text):
        units: Units = split_units(m.group(1))
        if units.names and all(is_unit_like(n) for n in units.names):
            item.assignees, item.leads = units.names, units.names
            return
