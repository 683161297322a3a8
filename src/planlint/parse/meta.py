"""What a plan says about itself: title, issuing agency, work year (issuer.py), declared
placeholders."""

from __future__ import annotations

import re

from planlint.model import Paragraph
from planlint.parse.cells import placeholder_class
from planlint.parse.issuer import find_agency, find_title

_DECLARATION = re.compile(
    r"[“\"'‘「]?\s{0,3}(?P<ph>[-—–―─_/／]{1,8}|无|/)\s{0,3}[”\"'’」]?\s{0,3}(?:表示|代表|为|指|即)"
    r"(?P<meaning>[^。；;]*)"
)
_NOT_INVOLVED = re.compile(r"不涉及|无需|不需|仅需配合|仅配合|不承担|无此项|不适用|协助|配合")

__all__ = ["declared_meaning", "find_agency", "find_title", "placeholder_declarations"]


def placeholder_declarations(paras: list[Paragraph]) -> dict[str, str]:
    """Placeholders the plan explains, e.g. 注: “——” 表示不涉及此项任务 -> {"——": "not-involved"}."""
    declared: dict[str, str] = {}
    for p in paras:
        text = p.text
        if not re.search(r"注|说明|備註|备注|表示|代表", text):
            continue
        for m in _DECLARATION.finditer(text):
            ph = m.group("ph")
            meaning = "not-involved" if _NOT_INVOLVED.search(m.group("meaning")) else "declared"
            declared[ph] = meaning
    return declared


def declared_meaning(placeholder: str | None, declared: dict[str, str]) -> str | None:
    """What the plan says a placeholder means; dash variants (——, ---) count as one."""
    if not placeholder:
        return None
    if placeholder in declared:
        return declared[placeholder]
    cls = placeholder_class(placeholder)
    for ph, meaning in declared.items():
        if placeholder_class(ph) == cls:
            return meaning
    return None
