"""Plans written as numbered paragraphs: key points (一、 (一) 1.) or numbered task lists.

A numbered paragraph followed by deeper-numbered ones is a heading; the deepest numbered
paragraphs are items, and unnumbered paragraphs after an item continue it. Owners and deadlines
come from inline labels (（责任单位：办公室；完成时限：6月底前）) when the plan has them, else
from an explicit lead in the text (局办公室牵头…); otherwise the item has no owner.
"""

from __future__ import annotations

import re

from planlint.model import Paragraph
from planlint.parse.builder import ItemBuilder, ends_sentence
from planlint.parse.cells import (
    Units,
    cjk_len,
    is_chrome,
    is_deadline_like,
    is_unit_like,
    marker,
    split_units,
)
from planlint.textnorm import normalize

_LABEL = re.compile(
    r"[(（]?\s*(?P<key>牵头单位|牽頭單位|责任单位|責任單位|责任科室|責任科室|责任部门|責任部門|责任处室"
    r"|责任股室|牵头部门|配合单位|配合部門|配合部门|协办单位|完成时限|完成時限|完成时间|完成時間"
    r"|时限要求|時限要求|时间节点|办结时限)\s*[:：]\s*(?P<value>[^；;）)\n]*)[；;]?\s*[)）]?"
)
_LEAD = re.compile(r"(?:^|[。；;,，])\s*(?:由|请|應由|应由)?([^。；;,，]{2,16}?)(?:牵头|牽頭)")
_CLOSING = re.compile(
    r"^(附件\d*[:：]?.*|[(（]此件.*[)）]|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|抄送.*|印发.*"
    r"|(注|说明|备注|備註)\s*\d*\s*[:：].*)$"
)


def read_prose(paras: list[Paragraph], build: ItemBuilder) -> bool | None:
    """Add the items of numbered prose.

    Returns None when no numbered body was found, else whether items carry assignment labels
    (a numbered division plan) or not (key points).
    """
    marks = [marker(p.text) for p in paras]
    start = next((i for i, m in enumerate(marks) if m and m.level == 1), None)
    if start is None:
        start = next((i for i, m in enumerate(marks) if m), None)
    if start is None:
        return None
    for p in paras[:start]:
        build.keep(p.text, p.loc, "preamble")
    current = None  # the item unnumbered paragraphs continue
    labelled = False
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
            current.text = current.text + "\n" + text  # a label line: 责任单位：办公室
            _apply_labels(current)
            labelled = True
            continue
        if mk is None and current is not None:
            if _closing(text):
                build.keep(text, para.loc, _closing_role(text))
                current = None
                continue
            current.text = current.text + text
            _apply_labels(current)
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
    if not labelled:
        for item in build.items:
            _lift_lead(item)
    build.simplify_ids()
    return labelled


def _is_heading(i: int, paras: list[Paragraph], marks: list) -> bool:
    mk = marks[i]
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


def _apply_labels(item) -> None:
    """Move inline 责任单位/完成时限 labels out of the text into the item's fields; the
    matcher's copy of the text follows."""
    found = False
    for m in _LABEL.finditer(item.text):
        key, value = normalize(m.group("key")), m.group("value").strip()
        if not value:
            continue
        found = True
        if key.startswith(("完成", "时限", "时间", "办结")):
            item.deadline = value
        elif key.startswith(("配合", "协办")):
            item.assisting = split_units(value).names
        else:
            units = split_units(value)
            leads = units.names if key.startswith("牵头") else units.leads
            item.assignees, item.leads, item.placeholder = (
                units.names,
                leads,
                units.placeholder,
            )
    if found:
        item.text = _LABEL.sub("", item.text).strip()
    _apply_trailing_note(item)
    item.match_text = normalize(item.text)


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
