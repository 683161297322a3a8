"""Who a plan is from and which year it is for.

A plan names itself in three places: its title (``X局2023年政务公开工作要点``, or a covering
notice ``X办公室关于印发…的通知``), its signature block (an organisation line, then a date
line) and, on a web page, the page's metadata (``发布机构: …``). Its preamble also quotes the
higher bodies it answers to (``根据《国务院办公厅关于印发…的通知》``, ``按照市政府…要求``) and its
notice is addressed to the units that carry it out (``各县(市、区)人民政府:``); neither of those
is the issuer, so neither is read here.

How the sources are weighed (``choose_agency``):

1. The title's name wins when it is an organisation (``生态环境部`` over the signature's
   ``生态环境部办公厅``, which signs for the ministry). Only the same body written out more
   fully replaces it (``广东省卫生健康委`` -> ``广东省卫生健康委员会`` from the page metadata).
2. A title that names only a place (``2022年荆门市政务公开…``, ``潍坊市2017年…``) is refined by
   a signature, then page metadata, naming an organisation of that place
   (``荆门市人民政府办公室``); with none, the place is the answer, as the plan writes it.
3. With no name in the title: the signature, then the page metadata.
4. With no evidence at all the agency stays empty: a plan's host site or its units' names
   are guesses, not the plan's word.

The year is the work year of the title (``2023年政务公开工作要点``, or the year of the key points
a notice carries out); when no title names one, the year of the signature's date. A page's
publication or upload date and the years of quoted higher documents are never used.

Names come back normalised (NFKC, simplified characters, no spaces): a traditional-character
plan's ``湘潭市交通運輸局`` is reported as ``湘潭市交通运输局``.

Every pattern here is bounded: no unbounded repetition meets a long line or a long run of
spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from planlint.model import Paragraph
from planlint.parse.deadlines import cn_number
from planlint.textnorm import normalize

# A title of an openness plan: the subject, then the kind of document.
TITLE = re.compile(
    r"(政务公开|政府信息公开|政務公開).{0,20}?(要点|要點|方案|分工|清单|清單|台账|臺賬|计划|計劃|安排|任务|任務)"
)
YEAR = re.compile(r"(20\d{2})[ \t\u3000]{0,3}年")

# Endings of an organisation's name (longest first, so 委员会 is not read as 会).
_ORG_END = r"(?:委员会|办公室|办公厅|管理局|服务中心|人民政府|办事处|政府|分局|局|委|厅|办|中心|院|署|馆|所|处|部|会)"
_NAME_CHARS = r"[^\s:：,，。;；、()（）《》〈〉\[\]【】|/\"“”'‘’]"
# A whole string that is an organisation's name: 中山市医疗保障局, 生态环境部办公厅.
# A notice's addressees (各乡镇人民政府, 全市各部门) are not a name.
ORG = re.compile(rf"(?!各|全|本|我|该|相关|有关){_NAME_CHARS}{{1,40}}?{_ORG_END}")
# A whole string that is a place only: 潍坊市, 红谷滩区, 中都街道 (全县, 本市 are no names).
PLACE = re.compile(
    r"(?!全|本|我|各|该|县级|市级|区级)[\u4e00-\u9fff]{1,12}?"
    r"(?:自治区|自治州|自治县|街道|新区|省|市|县|区|州|盟|旗|镇|乡)"
)
# Where the issuer's name in a title ends: what the plan is about, or what it carries out.
_NAME_END = re.compile(r"贯彻|落实|关于|印发|转发|政务公开|政府信息公开|信息公开|进一步|全面推进")

# Page metadata labels that come before a title on a web page or a document-sharing site.
_LABEL = re.compile(
    r"^[-•#*>]{0,6}(?:附件\d{0,2}[:：]?|(?:标题|名称|题名|文件名称|内容概述)[:：]?|关于印发)?"
)
# Metadata labels that follow a title on the same line (标题 … 有效性 有效).
_TRAILING_LABEL = re.compile(r"(?:有效性|生成日期|发布日期|发文日期|成文日期|索引号|文号|主题分类)")
# A file name, not a title: 潍坊政务公开工作要点实施方案.docx
_FILE_NAME = re.compile(r"\.(?:docx?|wps|pdf|xlsx?|et|ofd)$")
# A sentence that begins like a preamble or an item, not like a title.
_PREAMBLE_START = re.compile(
    r"^(?:根据|按照|依据|遵照|为|贯彻|落实|近日|近来|经|请|各|现将|结合|对照"
    r"|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,3}[.、．])"
)
# A quoted document the plan itself made: 特制定《…》, 现将《…》印发, 组织制定了《…》.
_QUOTE = re.compile(r"《([^《》]{4,80})》")
_OWN_CUE = re.compile(r"(?:制定|制订|印发|现将|出台|编制|拟定)了?$")
_OWN_AFTER = re.compile(r"^[^。；;]{0,16}?(?:现予印发|现印发给|印发给你们|现印发你们)")
# The plan named without quotes: 特制定中都街道政务公开工作实施方案。
_OWN_UNQUOTED = re.compile(
    r"(?:制定|制订)了?(?!本|此|该|如下)"
    r"([^，。,;；：:《》\s]{2,30}?(?:政务公开|政府信息公开|政務公開)[^，。,;；：:《》\s]{0,16}?"
    r"(?:要点|要點|方案|清单|清單|台账|臺賬|计划|計劃|安排))"
)
_SCAN = 3000  # a paragraph's self-naming sentence is near its start: a one-line document is not read whole

# Signature dates: 2019年6月12日, 二〇二二年七月二十五日.
_DATE = re.compile(r"(20\d{2})年\d{1,2}月\d{1,2}日")
_CN_DATE = re.compile(
    r"([〇○零一二三四五六七八九]{4})年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日"
)
# A unit named the way a table cell abbreviates it (市财政局, 局办公室), not a signer's full name.
_ABBREVIATED = re.compile(r"[局市县区省镇乡]")
# What a signature stands under: the end of the notice's last sentence (or a contact line).
_SENTENCE_END = ("。", "！", "!", "；", ";", "：", ":", ")", "）")
# A bare office line under the body it belongs to (山东省人力资源和社会保障厅 / 办公室 / date).
_OFFICE = frozenset({"办公室", "办公厅", "秘书处", "综合科", "综合处"})

# Page metadata: 发布机构: 广东省卫生健康委员会 / 信息来源:中山市医疗保障局 发布日期:…
_PAGE_ISSUER = re.compile(
    r"(?:发布机构|發布機構|发文机关|發文機關|发文单位|發文單位|发布单位|發布單位|信息来源|信息來源|来源|來源)[ \t\u3000]{0,8}[:：]?[ \t\u3000]{0,8}"
    r"([^\s:：|]{2,40})"
)
# A fuller writing of the same body: 广东省卫生健康委 -> 广东省卫生健康委员会, 市政府办 -> 市政府办公室.
_COMPLETIONS = {"委": ("员会",), "办": ("公室", "公厅")}


@dataclass(frozen=True)
class Title:
    """One line (or self-quotation) that reads as the plan's title."""

    text: str
    year: int | None
    name: str | None


def find_title(paras: list[Paragraph]) -> tuple[str | None, int | None]:
    """The plan's title and its work year; the signature date's year when no title names one."""
    titles = list(_titles(paras))
    dated = next((t for t in titles if t.year), None)
    best = dated or (titles[0] if titles else None)
    year = dated.year if dated else signature(paras)[1]
    return (best.text if best else None), year


def find_agency(title: str | None, paras: list[Paragraph]) -> str | None:
    """The issuing body: the title's name, refined by the signature or the page metadata."""
    names = [t.name for t in _titles(paras) if t.name]
    if title:
        names.insert(0, _name_in_title(title))
    named = next((n for n in names if n), None)
    return choose_agency(named, signature(paras)[0], page_issuer(paras))


def choose_agency(titled: str | None, signed: str | None, page: str | None) -> str | None:
    """Weigh the three sources (see the module docstring for why in this order)."""
    if titled and not PLACE.fullmatch(titled):
        return next((n for n in (signed, page) if n and _fuller(titled, n)), titled)
    if titled:
        return next(
            (n for n in (signed, page) if n and n.startswith(titled) and n != titled), titled
        )
    return signed or page


def _fuller(short: str, long: str) -> bool:
    """``long`` writes out the abbreviated ending of ``short`` (委 -> 委员会), nothing more:
    生态环境部办公厅 is the ministry's office, not a fuller name of 生态环境部."""
    rest = long[len(short) :] if long.startswith(short) else None
    return bool(rest) and rest in _COMPLETIONS.get(short[-1], ())


# --- titles ----------------------------------------------------------------------------------


def _titles(paras: list[Paragraph]) -> Iterator[Title]:
    """Everything in the first paragraphs that reads as the plan's own title, in order."""
    head = paras[:40]
    for i, p in enumerate(head):
        text = _clean(p.text)
        if _FILE_NAME.search(text):
            continue
        nxt = _clean(head[i + 1].text) if i + 1 < len(head) else ""
        line = _title_line(text, nxt)
        if line:
            yield _read(line)
        else:
            for own in _self_named(text):
                yield _read(own)


def _clean(raw: str) -> str:
    """Normalised text without the page labels around a title (附件:, 标题, 名称:, 关于印发)."""
    text = _LABEL.sub("", normalize(raw[:_SCAN]))
    cut = _TRAILING_LABEL.search(text, 6)
    return text[: cut.start()] if cut else text


def _title_line(text: str, nxt: str) -> str | None:
    """The line as a title, joined with the next when the title wraps over two lines."""
    if len(text) > 80 or "。" in text or _PREAMBLE_START.match(text):
        return None
    if TITLE.search(text):
        return text
    if _date_year(text):
        return None  # a signature's date above the title, not its first half
    wraps = "政务公开" in text or YEAR.search(text) or YEAR.match(nxt)
    joined = text + nxt
    if wraps and not re.search(r"[:：>]", text) and len(joined) <= 90 and TITLE.search(joined):
        return joined
    return None


def _self_named(text: str) -> Iterator[str]:
    """Titles a preamble gives its own plan (特制定《…》, 现将《…》印发, a paragraph opening with
    《…》已经…同意，现印发给你们); a quoted document after 根据 / 按照 / 贯彻落实 is a higher
    body's and is skipped."""
    for m in _QUOTE.finditer(text):
        own = _OWN_CUE.search(text[max(0, m.start() - 6) : m.start()]) or (
            m.start() == 0 and _OWN_AFTER.search(text[m.end() : m.end() + 24])
        )
        if own and TITLE.search(m.group(1)):
            yield m.group(1)
    for m in _OWN_UNQUOTED.finditer(text):
        yield m.group(1)


def _read(text: str) -> Title:
    """A title's work year and the name it gives its issuer."""
    year = YEAR.search(text)
    return Title(text, int(year.group(1)) if year else None, _name_in_title(text))


def _name_in_title(title: str) -> str | None:
    """The issuer a title names.

    ``X关于印发Y的通知``: Y's own name when Y names an organisation (the plan is Y's), else X,
    else the place Y names. ``X关于贯彻落实
    《…》的通知`` or ``X关于转发…``: X only, the quoted document is the higher body's. A plan's own
    title: the name before its year, else the name between its year and its subject.
    """
    text = re.sub(r"[《》〈〉“”\"]", "", title)
    if "关于" in text:
        issuer, _, about = text.partition("关于")
        inner = _name_in_plan(about[2:]) if about.startswith(("印发", "制定")) else None
        if inner and not PLACE.fullmatch(inner):
            return inner
        return _name(issuer) or inner  # 荆门市人民政府办公室关于印发荆门市…: the office
    return _name_in_plan(text)


def _name_in_plan(text: str) -> str | None:
    """The name in a plan title: 湘潭市交通运输局贯彻落实…2019年…, 2022年红谷滩区政务公开…"""
    year = YEAR.search(text)
    chunks = [text[: year.start()], text[year.end() :].removeprefix("度")] if year else [text]
    for chunk in chunks:
        name = _name(_NAME_END.split(chunk, maxsplit=1)[0])
        if name:
            return name
    return None


def _name(text: str) -> str | None:
    """``text`` when the whole of it is an organisation's or a place's name."""
    if ORG.fullmatch(text) or PLACE.fullmatch(text):
        return text
    return None


# --- signature and page metadata ---------------------------------------------------------------


def signature(paras: list[Paragraph]) -> tuple[str | None, int | None]:
    """The first signature block: the organisation line just above a date line, and the year.

    An address line (ending in a colon) or an attachment line is not an organisation, so a
    notice with its signer removed (a mirror that overwrote the name) gives no agency. A unit
    cell above a deadline cell in a table read line by line is not a signature either: a
    signature stands under the end of a sentence, an attachment line or nothing, and names its
    body in full (梅川市财政局), where a cell abbreviates (市财政局, 局办公室).
    """
    texts = [normalize(p.text[:200]) for p in paras]
    for i, (above, line) in enumerate(pairwise(texts)):
        year = _date_year(line)
        if year is None:
            continue
        org, start = above, i
        if above in _OFFICE and i > 0:
            org, start = texts[i - 1] + above, i - 1  # 山东省人力资源和社会保障厅 / 办公室
        if _signs(org, texts[start - 1] if start > 0 else None):
            return org, year
    return None, None


def _signs(org: str, before: str | None) -> bool:
    """``org`` reads as a signature's organisation line, given the line ``before`` it."""
    if not ORG.fullmatch(org) or _ABBREVIATED.match(org):
        return False
    return before is None or before.endswith(_SENTENCE_END) or before.startswith("附件")


def _date_year(line: str) -> int | None:
    """The year of a line that is only a date (2019年6月12日, 二〇二二年七月二十五日)."""
    m = _DATE.fullmatch(line)
    if m:
        return int(m.group(1))
    m = _CN_DATE.fullmatch(line)
    if m:
        return cn_number(m.group(1))
    return None


def page_issuer(paras: list[Paragraph]) -> str | None:
    """The issuing body a web page's metadata names (发布机构: …); labels with no value are
    skipped (发布机构 生成日期)."""
    for p in paras[:40]:
        for m in _PAGE_ISSUER.finditer(p.text[:_SCAN]):
            value = normalize(m.group(1))
            if ORG.fullmatch(value):
                return value
    return None
