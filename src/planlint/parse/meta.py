"""What a plan says about itself: title, issuing agency, work year, declared placeholders."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from planlint.model import Paragraph
from planlint.parse.cells import placeholder_class
from planlint.textnorm import normalize

_TITLE = re.compile(
    r"(政务公开|政府信息公开|政務公開).{0,20}(要点|要點|方案|分工|清单|清單|台账|臺賬|计划|計劃|安排|任务|任務)"
)
_YEAR = re.compile(r"(20\d{2})\s*年")
_ORG = re.compile(
    r"^(.{2,40}?(?:委员会|办公室|管理局|服务中心|人民政府|政府|局|委|厅|办|中心|院|署|馆|所|处|部|会))"
    r"(?=$|关于|贯彻|落实|印发|转发|根据|政务公开|政府信息公开|\d)"
)
_DROP_PREFIX = re.compile(r"^(?:[-•#*\s]*)(?:附件\d*[:：]?|标题[:：]|关于印发)?")
_DECLARATION = re.compile(
    r"[“\"'‘「]?\s*(?P<ph>[-—–―─_/／]+|无|/)\s*[”\"'’」]?\s*(?:表示|代表|为|指|即)"
    r"(?P<meaning>[^。；;]*)"
)
_NOT_INVOLVED = re.compile(r"不涉及|无需|不需|仅需配合|仅配合|不承担|无此项|不适用|协助|配合")


def find_title(paras: list[Paragraph]) -> tuple[str | None, int | None]:
    """The plan's title (joining a title wrapped over two lines) and its year."""
    for i, p in enumerate(paras[:40]):
        text = _DROP_PREFIX.sub("", normalize(p.text))
        quoted = re.search(r"《([^》]{6,60})》", text)
        if quoted and _TITLE.search(quoted.group(1)):
            text = quoted.group(1)  # 现将《…工作要点分工方案》印发给你们
        if len(text) > 80:
            continue
        joined = text
        wrapped = ("政务公开" in text or _YEAR.search(text)) and not re.search(r"[:：>]", text)
        if i + 1 < len(paras) and not _TITLE.search(text) and wrapped:
            joined = text + _DROP_PREFIX.sub("", normalize(paras[i + 1].text))
        if _TITLE.search(joined) and len(joined) <= 90:
            year = _YEAR.search(joined)
            return joined, int(year.group(1)) if year else None
    return None, None


def find_agency(title: str | None, paras: list[Paragraph]) -> str | None:
    if title:
        year = _YEAR.search(title)
        chunks = [title.split("关于")[0]] if "关于" in title else []
        if year:
            chunks += [title[: year.start()], title[year.end() :]]
        for chunk in chunks:
            m = _ORG.match(chunk)
            if m:
                return m.group(1)
    for p in paras[:40]:
        m = re.search(r"(?:发布机构|发文机关|来源)[:：]\s*(\S+)", normalize(p.text))
        if m:
            org = _ORG.match(m.group(1))
            return org.group(1) if org else m.group(1)
    # a signature: an organisation on the line before a date
    for a, b in pairwise(paras):
        if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", normalize(b.text)):
            m = _ORG.match(normalize(a.text))
            if m:
                return m.group(1)
    return None


def guess_year(texts: list[str]) -> int | None:
    years = Counter(int(m.group(1)) for t in texts for m in _YEAR.finditer(t))
    return years.most_common(1)[0][0] if years else None


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
