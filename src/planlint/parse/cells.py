"""What a cell names and parse's own tests of it: units, placeholder classes, vague deadlines, chrome.

The classifiers readers share with parse (numbering markers, unit lists, deadlines, placeholders,
how well a cell fits a column) live below both stages in ``planlint.cellkinds``; what is here is
asked only once cells have become rows and items. All functions take text as written and
normalise it themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from planlint.cellkinds import (
    CLOSING_PUNCT,
    drop_qualifiers,
    is_placeholder,
    join_wrapped_names,
    split_parts,
)
from planlint.textnorm import normalize

# --- units -------------------------------------------------------------------------------------

_ASSIST_MARK = re.compile(r"(配合|协助|協助|协办|協辦|参与|參與)$")
_LEAD_MARK = re.compile(r"(牵头|牽頭|主责|主責)$")


def placeholder_class(text: str) -> str:
    """Dash-like placeholders (——, ---, –) are one class; others stand for themselves."""
    t = normalize(text)
    if re.fullmatch(r"[\-—–―─_~～·…]+", t):
        return "dash"
    return t


@dataclass
class Units:
    names: list[str]
    leads: list[str]
    assisting: list[str]
    placeholder: str | None


def split_units(text: str) -> Units:
    """Unit names from a responsible-unit cell, as written, with qualifiers dropped."""
    raw = text.strip().rstrip(CLOSING_PUNCT)
    if not raw:
        return Units([], [], [], None)
    if is_placeholder(raw):
        return Units([], [], [], re.sub(r"\s+", "", raw))
    raw = join_wrapped_names(raw)
    names: list[str] = []
    leads: list[str] = []
    assisting: list[str] = []
    for clause in re.split(r"[,，;；\n]+", raw):
        parts = split_parts(clause)
        roles = [_role(p) for p in parts]
        # "运输科、水运科、基建科配合": a mark after the last name covers the unmarked ones before it
        if roles and roles[-1] and not any(roles[:-1]):
            roles = [roles[-1]] * len(roles)
        for part, role in zip(parts, roles, strict=True):
            name = drop_qualifiers(part)
            if not name or is_placeholder(name) or name in names:
                continue
            names.append(name)
            if role == "lead":
                leads.append(name)
            elif role == "assist":
                assisting.append(name)
    return Units(names, leads, assisting, None)


def _role(part: str) -> str:
    return "assist" if _ASSIST_MARK.search(part) else "lead" if _LEAD_MARK.search(part) else ""


# --- deadlines -------------------------------------------------------------------------------

VAGUE_DEADLINE = re.compile(
    r"^(持续|长期|常态|及时|按时|定期|随时|日常|适时|全年|动态|同步|按要求|按需)"
    r"|(持续推进|长期推进|长期坚持|常态化|持续开展|及时公开|动态更新|长期)"
)


def is_vague_deadline(text: str) -> bool:
    """A deadline that names no date: 持续推进, 长期推进, 常态化, 及时公开 …"""
    t = normalize(text)
    if re.search(r"\d{1,4}\s{0,3}(年|月|日|季度)|年底|年末|月底|上半年|下半年|季度", t):
        return False
    return bool(VAGUE_DEADLINE.search(t)) or not re.search(r"\d", t)


# --- page chrome -----------------------------------------------------------------------------

_CHROME = re.compile(
    r"分享到|扫一扫|手机打开|打印本页|打印此页|关闭窗口|【字体|字号[:：]|您访问的链接将离开|是否继续|"
    r"您现在所在的位置|当前位置[:：]|^首页\s*>|上一篇|下一篇|返回顶部|版权所有|网站标识码|ICP备|"
    r"公网安备|浏览次数|访问量|^【?打印】?$|^【?关闭】?$|^[\s•]{0,8}来源[:：]|^[\s•]{0,8}发布时间"
)


@lru_cache(maxsize=4096)
def is_chrome(text: str) -> bool:
    """Web-page furniture around a plan: share buttons, breadcrumbs, footers."""
    t = text.strip()
    if not t:
        return False
    n = normalize(t)
    if _CHROME.search(n) or _CHROME.search(t):
        return True
    # short lines of Latin letters only (map widgets, "Baidu") in a Chinese page
    return t.isascii() and len(t) <= 24 and bool(re.fullmatch(r"[A-Za-z][A-Za-z .:|-]*", t))
