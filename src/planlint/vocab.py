"""Domain vocabulary shared by readers (to spot a table's header) and parse (to map columns).

Header patterns apply to normalised (simplified, whitespace-free) text; ``ends_sentence`` reads
text as written. Both stages ask the same questions of a cell, so the answers live here, below
both, and readers never import from parse.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Column roles, tried in order; the first whose pattern matches a header cell wins.
_HEADER_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("seq", re.compile(r"^(序号|编号|序|No\.?)$", re.I)),
    # what the higher level assigned (市里落实单位, 上级责任单位): a note, not this plan's owner
    (
        "remark",
        re.compile(r"^(市里|市级|上级|省里|省级|国家|中央|区级|县级|市)(落实|责任|牵头|安排)"),
    ),
    ("person", re.compile(r"(负责人|责任人|联系人|经办人|股长|科长)$")),
    ("assist", re.compile(r"(配合|协办|协助|参与)(单位|部门|科室|处室|股室)?")),
    (
        "unit",
        re.compile(
            r"(责任|牵头|承办|主办|落实|实施|主责|负责)[^时限间]{0,6}(单位|科室|部门|股室|处室|主体|中心)"
            r"|^(责任|牵头|承办|主办)(单位|部门|科室|处室)?"
        ),
    ),
    (
        "deadline",
        re.compile(r"(完成|办结|时间节点|时限|期限|进度安排|完成时间|截止)"),
    ),
    ("remark", re.compile(r"^(备注|说明|市级安排|上级安排|附注)|备注")),
    (
        "req",
        re.compile(
            r"^(具体要求|具体任务|具体措施|工作措施|任务要求|工作要求|主要措施|具体内容|任务内容"
            r"|工作内容|主要内容|重点任务|工作任务|主要任务|任务|内容|要求|措施|工作事项|重点工作"
            r"|工作要点|任务名称|事项|项目|类别|任务类别|要点|[一二三四]级(要点|任务|指标|事项))$"
        ),
    ),
)


@lru_cache(maxsize=4096)
def header_role(text: str) -> str | None:
    """The column role a header cell names, or None when it is not a known column name.
    Cached like the cell classifiers: every reading of a file asks again about the same cells."""
    text = re.sub(r"[（(][^（()）]{0,40}[)）]|[\s\u3000:：*]", "", text)
    if not text or len(text) > 16:
        return None
    for role, pattern in _HEADER_ROLES:
        if pattern.search(text):
            return role
    return None


def is_header_row(texts: list[str]) -> bool:
    """A row that names columns: at least two known names, one of them an owner or deadline."""
    roles = [header_role(t) for t in texts if t.strip()]
    known = [r for r in roles if r]
    return (
        len(known) >= 2
        and bool({"unit", "deadline", "req"} & set(known))
        and (len(known) * 2 >= len(roles))
    )


def resolve_text_roles(roles: list[str | None]) -> list[str | None]:
    """The requirement is the last text column before the owner; text columns before it group."""
    text_cols = [i for i, r in enumerate(roles) if r == "req"]
    if not text_cols:
        return roles
    owner = next((i for i, r in enumerate(roles) if r in ("unit", "deadline")), len(roles))
    before = [i for i in text_cols if i < owner] or text_cols
    req = before[-1]
    return ["group" if (r == "req" and i != req) else r for i, r in enumerate(roles)]


_TERMINAL = "。；;！!？?"


def ends_sentence(text: str) -> bool:
    """Whether text as written ends a sentence (。；！？): a task's text does, a heading or a
    task group's name does not."""
    t = text.rstrip()
    return bool(t) and t[-1] in _TERMINAL
