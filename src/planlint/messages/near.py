"""Near misses (``match/near.py``): where a missing requirement's words do appear, what was
found and lacked there, and what ruled it out, as the terminal and text reports say it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planlint.messages.places import location_text

if TYPE_CHECKING:
    from planlint.match.near import NearMiss


_ROLES: dict[str, dict[str, str]] = {
    "preamble": {"zh": "前言", "en": "preamble"},
    "note": {"zh": "附注", "en": "note"},
    "title": {"zh": "标题", "en": "title"},
    "heading": {"zh": "标题", "en": "heading"},
    "column": {"zh": "表格中未作事项读入的一栏", "en": "a table column not read as the task"},
    "unknown": {"zh": "未读入事项的文字", "en": "text not read into any item"},
}

_NEAR = {
    "zh": {
        "item": "第{item}项",
        "heading": "第{item}项的所属标题",
        "line": "第{line}行",
        "role": "{place}（{role}）",
        "mention": "提到 {found}（各组词齐全，但不在任何事项内）",
        "found": "命中 {found}",
        "nothing": "无命中词",
        "lacking": "未命中 {lacking}",
        "excluded": "排除: {terms}",
        "vetoed": "否决: {terms}",
        "apart": "命中词不在同一句或相距过远",
        "share": "{hit}/{total}组",
        "sep": "；",
        "none": "计划中没有相近的文字（该要求的关键用词均未出现）",
    },
    "en": {
        "item": "item {item}",
        "heading": "the heading of item {item}",
        "line": "line {line}",
        "role": "{place} ({role})",
        "mention": "mentions {found} (every group, but outside any item)",
        "found": "found {found}",
        "nothing": "nothing found",
        "lacking": "not found {lacking}",
        "excluded": "look-alike masked: {terms}",
        "vetoed": "ruled out by: {terms}",
        "apart": "the terms found are not together in one sentence",
        "share": "{hit}/{total} groups",
        "sep": "; ",
        "none": "nothing in the plan comes close (none of its telling terms appear)",
    },
}


def near_place(near: NearMiss, lang: str = "zh") -> str:
    """Where a near miss stands: 第3项, 第3项的所属标题, 第12行（前言）."""
    w = _NEAR.get(lang, _NEAR["zh"])
    if near.role in ("item", "heading") and near.item is not None:
        return w[near.role].format(item=near.item)
    place = w["line"].format(line=near.loc.line) if near.loc.line else location_text(near.loc, lang)
    role = _ROLES.get(near.role, _ROLES["unknown"])
    return w["role"].format(place=place, role=role.get(lang, role["zh"]))


def near_detail(near: NearMiss, lang: str = "zh") -> str:
    """What a near miss found and lacked, and what ruled it out, in one line."""
    w = _NEAR.get(lang, _NEAR["zh"])
    found = " + ".join(near.found)
    if near.kind == "mention":
        return w["mention"].format(found=found)
    total = len(near.found) + len(near.lacking)
    parts = [w["share"].format(hit=len(near.found), total=total)]
    parts.append(w["found"].format(found=found) if near.found else w["nothing"])
    if near.lacking:
        groups = "、".join("[" + "/".join(g) + "]" for g in near.lacking)
        parts.append(w["lacking"].format(lacking=groups))
    if near.excluded:
        parts.append(w["excluded"].format(terms="、".join(near.excluded)))
    if near.vetoed:
        parts.append(w["vetoed"].format(terms="、".join(near.vetoed)))
    if near.apart:
        parts.append(w["apart"])
    return w["sep"].join(parts)


def near_none(lang: str = "zh") -> str:
    return _NEAR.get(lang, _NEAR["zh"])["none"]
