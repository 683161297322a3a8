"""What kind of text a cell holds: a numbering marker, a unit list, a deadline, a placeholder.

Readers ask these questions to tell a table's columns apart in a flattened dump (pdftotext's
blocks, passes, spaced rows); parse asks them again to put cells back into rows and items. Both
stages need the same answers, so the classifiers live here, below both, and readers never import
from parse. All functions take text as written and normalise it themselves; the busy ones are
cached because every reading asks again about the same cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from planlint.textnorm import normalize
from planlint.vocab import ends_sentence

CN_NUM = "一二三四五六七八九十百零〇"

# Heading / item numbering, by level: 一、  (一)  1.  (1)  ①
_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^\s*([{CN_NUM}]+)\s*[、.．,，]\s*")),
    (2, re.compile(rf"^\s*[(（]\s*([{CN_NUM}]+)\s*[)）]\s*[、.．]?\s*")),
    (3, re.compile(r"^\s*(\d{1,3})\s*(?:[、．,，]|\.(?!\d)|\.(?=\d{4}\s*年))\s*")),
    (4, re.compile(r"^\s*[(（]\s*(\d{1,3})\s*[)）]\s*[、.．]?\s*")),
    (5, re.compile(r"^\s*([①-⑳])\s*")),
)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True)
class Marker:
    level: int
    label: str  # the number as written: "一", "(一)", "1", "(1)", "①"
    value: int  # the number's value, for checking that numbering runs on
    end: int  # where the text after the marker starts


@lru_cache(maxsize=4096)
def marker(text: str) -> Marker | None:
    """The numbering marker a text starts with, if any."""
    for level, pattern in _MARKERS:
        m = pattern.match(text)
        if not m:
            continue
        raw = m.group(1)
        if level == 3 and re.match(r"\s*\d{1,3}\s*[,，]", text):
            continue  # "5,6" is a list of numbers, not a marker
        value = _value(raw)
        if value is None:
            continue
        label = f"({raw})" if level in (2, 4) else raw
        return Marker(level, label, value, m.end())
    return None


def _value(raw: str) -> int | None:
    if raw in _CIRCLED:
        return _CIRCLED.index(raw) + 1
    if raw.isascii() and raw.isdigit():
        return int(raw)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits["〇"] = 0
    if raw == "十":
        return 10
    if "百" in raw:
        return None
    if "十" in raw:
        tens, _, ones = raw.partition("十")
        t = digits.get(tens, 1) if tens else 1
        o = digits.get(ones, 0) if ones else 0
        return t * 10 + o
    if len(raw) == 1 and raw in digits:
        return digits[raw]
    return None


# --- units -------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(
    r"^[\-—–―─_/／\\~～·…、.]+$|^(无|無|暂无|暫無|不涉及|/|待定|待明确|待明確|未定|另行确定|另行確定)$"
)
_QUALIFIER = re.compile(
    r"(按照?(职能|职责|職能|職責)(分工)?(统筹|統籌)?(落实|落實|负责|負責)?)$"
    r"|(分工)?(牵头|牽頭|负责|負責|配合|协助|協助|协办|協辦|参与|參與|落实|落實|主责|主責|统筹|統籌){1,4}$"
    r"|等(部门|部門|单位|單位)?$"
)
_UNIT_SPLIT = re.compile(r"[、,，;；/／\n]+")
_UNIT_SUFFIX = re.compile(
    r"(科|室|股|局|司|处|办|中心|单位|部门|委|会|院|所|站|队|组|厅|部|馆|公司|集团|政府|街道|镇|乡"
    r"|机构|企业|学校|医院|县|区|市|省|署|社|团|办公室)$"
)


@lru_cache(maxsize=4096)
def is_placeholder(text: str) -> bool:
    t = normalize(text)
    return bool(t) and bool(_PLACEHOLDER.match(t))


CLOSING_PUNCT = "。．.；;，,、 \u3000"


_WRAP_PIECE = 8  # a line this short that names no unit may be the start of a wrapped name


def join_wrapped_names(raw: str) -> str:
    """A narrow cell wraps unit names mid-word ("法规" / "科", "登记注" / "册科"): a short line
    that is no unit name joins the next line when together they make one. Lines that are
    names of their own stay apart."""
    lines = [line.strip() for line in raw.split("\n") if line.strip()]
    out: list[str] = []
    for line in lines:
        if out:
            last = out[-1]
            tail = re.split(r"[、,，;；]", last)[-1]
            head = re.split(r"[、,，;；]", line)[0]
            if (
                tail
                and cjk_len(tail) <= _WRAP_PIECE
                and cjk_len(tail + head) <= 2 * _WRAP_PIECE
                and not _is_unit_name(drop_qualifiers(tail))
                and (
                    cjk_len(tail) <= _WRAP_PIECE // 2 or _is_unit_name(drop_qualifiers(tail + head))
                )
            ):
                out[-1] = last + line
                continue
        out.append(line)
    return "\n".join(out)


def split_parts(raw: str) -> list[str]:
    """Split at list punctuation and line breaks; at spaces only between whole unit names
    (a stray space inside "市政务服务 大厅管理中心" is not a separator)."""
    parts: list[str] = []
    for chunk in _UNIT_SPLIT.split(raw):
        pieces = chunk.split()
        if len(pieces) > 1 and not all(_is_unit_name(drop_qualifiers(p)) for p in pieces):
            parts.append("".join(pieces))
        else:
            parts.extend(pieces)
    return parts


def drop_qualifiers(part: str) -> str:
    name = part.strip()
    for _ in range(3):
        new = _QUALIFIER.sub("", name).strip()
        if new == name:
            break
        name = new
    return name


def _is_unit_name(name: str) -> bool:
    n = normalize(name)
    bare = re.sub(r"\([^()]{1,8}\)$", "", n)  # 各职能科(室), 规划信息处(爱卫办)
    return 1 < len(n) <= 24 and bool(_UNIT_SUFFIX.search(bare)) and marker(n) is None


@lru_cache(maxsize=4096)
def is_unit_like(text: str) -> bool:
    """A cell that lists organisational units (and nothing else)."""
    t = text.strip().rstrip(CLOSING_PUNCT)
    if not t or len(normalize(t)) > 150:
        return False
    if is_placeholder(t):
        return False
    parts = [drop_qualifiers(p) for p in split_parts(join_wrapped_names(t))]
    parts = [p for p in parts if p]
    if not parts:
        return False
    good = sum(1 for p in parts if _is_unit_name(p))
    return good * 10 >= len(parts) * 7


# --- deadlines -------------------------------------------------------------------------------

_DEADLINE = re.compile(
    r"\d{4}\s{0,3}年|\d{1,2}\s{0,3}月|年底|年末|月底|月末|年内|年前|底前|以前|之前|前$|长期|持续|常态|及时|"
    r"按时|定期|每年|每季|每月|每周|随时|立即|即时|日常|适时|全年|节点|时限|同步|动态|已完成|"
    r"\d{1,4}个?(工作日|日|天)(内|以内)|"
    r"^按.{0,12}(完成|安排|要求|推进)$|^(第[一二三四]季度|上半年|下半年|年度)"
)

_DATE = re.compile(
    r"\d{4}年|\d{1,2}月|年底|年末|月底|月末|上半年|下半年|季度|\d{1,4}个?(工作日|日|天|周|月)(内|以内)"
)


@lru_cache(maxsize=4096)
def is_deadline_like(text: str) -> bool:
    t = normalize(text)
    if not t or len(t) > 30 or is_unit_like(text) or marker(t):
        return False
    if t[-1] in "。；;！!？?" and not _DATE.search(t):
        return False  # a sentence that mentions 同步 or 及时 is a task, not a date
    if len(t) <= 14:
        return bool(_DEADLINE.search(t))
    return bool(_DATE.search(t)) and not re.search(r"[，,。；;]", t)


@lru_cache(maxsize=4096)
def cjk_len(text: str) -> int:
    return len(normalize(text))


# --- how well a cell fits a column -------------------------------------------------------------


@lru_cache(maxsize=16384)
def fit(text: str, role: str | None) -> float:
    """How well a cell's text fits a column role: positive fits, negative does not.
    (Cached: row recovery asks it of every cell for every column, and cells repeat.)

    Row recovery (parse/rows.py) and pdftotext's passes (readers/passes.py) sum these to choose
    where each cell of a flattened table belongs. An explicit empty cell (a bare ``|`` or tab in
    a dump) fits any column but a task.
    """
    if not text:
        return -1.0 if role in ("req", "seq") else 0.3
    n = cjk_len(text)
    unit = is_unit_like(text)
    deadline = is_deadline_like(text)
    mk = marker(text)
    if role == "seq":
        return 4 if text.isdigit() else -6
    if role == "group":
        if unit or deadline or text.isdigit():
            return -3
        if mk:
            return 3 if n <= 40 else -1
        return 1 if n <= 24 and not ends_sentence(text) else -2
    if role == "req":
        if ((unit or deadline or is_placeholder(text)) and n <= 30) or text.isdigit():
            return -3
        if n < 10 and not ends_sentence(text):
            return 0.5  # a few words with no full stop: a heading or a label more likely
        if mk and mk.level <= 2 and n <= 40:
            return 1.5  # 一、 (一): in a table, a task group far more often than a task
        return 2 + (1 if n > 20 else 0)
    if role in ("unit", "assist"):
        return 5 if unit else 4 if (role == "unit" and is_placeholder(text)) else -6
    if role == "deadline":
        return 5 if deadline else 2 if is_placeholder(text) else -6
    if role == "remark":
        return (2 if unit else 0.5) if n <= 40 else -1
    if role == "person":
        return 3 if normalize(text).endswith(("负责人", "长", "主任", "同志")) else -3
    return -1
