"""A plan's deadline, as written, read into a date where it names one.

Plans write deadlines in a few dozen ways: ``2022年底前``, ``6月底前``, ``11月20日前``,
``十一月底前``, ``次年1月``, ``第一季度``, ``上半年``, ``4月底前、9月底前``, ``每季度``,
``持续推进``, ``按上级要求``. A check that compares a deadline with a due date needs the date;
the report keeps showing the words. So the result keeps the text and adds what was understood,
read once per item when the plan is built (``read_deadlines``, into ``Item.deadline_read``):

- ``date``: a day (``date``) by which the task is due; every day the text names is in
  ``dates``, and ``date`` is the last of them (a range ``4月至6月`` or a list ``4月底前、9月底前``
  is done when its last part is). ``date`` is None when the text names a day but neither it nor
  the plan says which year: the year is never guessed.
- ``recurring``: on a schedule or on each event (``每季度``, ``每年1月31日前``, ``定期``,
  ``收到申请后20个工作日内``, ``与文件同步``): no single date.
- ``ongoing``: continuing work (``持续推进``, ``长期坚持``, ``常态化``, ``及时``, ``全年``).
- ``unknown``: anything else, as written (``按要求``, ``适时``, ``按省里时间节点完成``).

A deadline that is no date is also ``vague`` when it names no day or period (``每月``,
``常态化``, ``按要求``; ``每季度`` names one): the deadline check's question, answered here once.

How a wording becomes a day, with the plan's year Y as context (an explicit year in the text
wins, and carries on to the parts after it; ``次年``/``明年`` is Y+1, or the year after the
text's own):

- a day is that day (``11月20日前`` is 11-20: ``前`` before a day includes it);
- a period's end when it ends the period or stands alone: ``6月`` and ``6月底前`` are 06-30,
  ``年底前``, ``年内`` and ``下半年`` 12-31, ``上半年`` 06-30, ``一季度末`` 03-31, ``11月中旬``
  11-20, ``年初`` 01-31;
- ``前`` straight after a month, quarter or year without 底/末 is read as written, *before* it:
  ``6月前`` is 05-31, ``三季度前`` 06-30, ``次年1月前`` Y-12-31. This is the earliest reading;
  a check that finds a deadline late under it finds it late under any reading.

Parts followed by 起/开始/以来 (``2023年起每季度``) start a period and are no deadline.
Text is normalised first (full-width digits, traditional characters, pinyin glosses,
spaces), and Chinese numerals before 年/月/日/季度 are read as digits (``二〇二三年十一月``).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from planlint.model import Deadline, DeadlineKind, Item
from planlint.parse.cells import is_vague_deadline
from planlint.textnorm import normalize

__all__ = ["Deadline", "DeadlineKind", "is_clear", "parse_deadline", "read_deadlines"]


# Chinese numerals before a date word: 二〇二三年, 十一月, 三十一日, 第一季度, 二十个工作日.
# Only at the start of the text or after a character that may precede a date, so that the
# 一 of 统一月度 is not January.
_CN_NUMBER = re.compile(
    r"(?:(?<![\u4e00-\u9fff])|(?<=[年月第至到、和与及或前底末起]))"
    r"([〇○零一二三四五六七八九十两]{1,4})(?=年|月|日|号|季度|个|周)"
)
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "两": 2}

# The parts of a date, each after an optional year word (2023年, 次年, 本年度); each
# alternative is bounded. ``bare`` is a year word alone (2023年, 次年): the whole year.
_PART = re.compile(
    r"(?:(?P<y>20\d{2}|次|明|翌|来|下一?|当|本|今|上一?|去)年度?(?:年(?=[底末终内初中]))?|年度?(?=[底末终内初中]))?"
    r"(?:(?P<m>\d{1,2})月份?(?:(?P<d>\d{1,2})[日号]|(?P<mpart>底|末|上旬|中旬|下旬|初|中))?"
    r"|第?(?P<q>[1-4])季度(?P<qend>末|底)?"
    r"|(?P<half>上|下)半年"
    r"|(?:(?<=年)|(?<=年度))(?:(?P<yend>底|末|终|内)|(?P<ypart>初|中))"
    r"|(?P<bare>(?(y)|(?!))))"
)
_NEXT_YEAR = ("次", "明", "翌", "来", "下", "下一")
_LAST_YEAR = ("上", "上一", "去")
# What follows a part: 前 (before it), or 起 (it starts a period, no deadline).
_BEFORE = re.compile(r"(?:以|之)?前(?!后)")
_STARTS = re.compile(r"(?:起|开始|以来|始|以后|之后|后)")
# What may follow a year standing alone for it to be a deadline (2023年, 次年完成, 次年前): a
# year word before a noun (次年年报发布时, 2023年度报告) says what, not when.
_BARE_ENDS = re.compile(r"$|[前内，,、；;。)）至到~\-—]|以前|之前|完成|底|末")

# Schedules: 每季度, 每年1月31日前, 每月10日前, 每年年底前; removed before dates are read.
_EVERY = re.compile(
    r"每个?(?:年度?|季度?|半年|月|周|旬|星期|天|日)"
    r"(?:第?\d{1,2}(?:月份?|季度))?(?:\d{1,2}[日号])?"
    r"(?:年底|年末|年初|年中|上半年|下半年|底|末|初|上旬|中旬|下旬)?(?:以前|之前|前)?"
)
_RECURRING = re.compile(
    r"每|(?<!不)定期|逐月|逐季|按月|按季|按周|按年度?(?!要求)|次月|月度|季度性|同步|"
    r"\d{1,3}个?(?:工作日|自然日|日|天|小时|周|个月)(?:内|以内)"
)
_ONGOING = re.compile(
    r"持续|长期|常态|日常|及时|随时|全年|动态|经常|长效|坚持|实时|即时|全程|不定期"
)


def cn_number(numeral: str) -> int:
    """二〇二三 -> 2023, 十一 -> 11, 三十一 -> 31, 二十 -> 20; KeyError when it is no number
    (十十). Also the year of a date written in Chinese numerals (parse/issuer.py)."""
    if "十" not in numeral:
        return int("".join(str(_CN_DIGIT[c]) for c in numeral))
    tens, _, units = numeral.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)


def _digits(text: str) -> str:
    def value(m: re.Match[str]) -> str:
        try:
            return str(cn_number(m.group(1)))
        except (KeyError, ValueError):
            return m.group(1)  # 十十, 一十二三: not a number, left as written

    return _CN_NUMBER.sub(value, text)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _span(m: re.Match[str], year: int) -> tuple[date, date, bool]:
    """The period a part names: its first day, its last day, and whether the words name its end
    (底, 末, 内, a day), so that 前 after it means its end rather than before its start."""
    if m.group("bare") is not None:
        return date(year, 1, 1), date(year, 12, 31), False
    if m.group("m"):
        month = int(m.group("m"))
        last = _month_end(year, month)
        if m.group("d"):
            day = date(year, month, min(int(m.group("d")), last.day))
            return day, day, True
        part = m.group("mpart")
        if part in ("上旬", "初"):
            return date(year, month, 1), date(year, month, 10), False
        if part in ("中旬", "中"):
            return date(year, month, 11), date(year, month, 20), False
        if part == "下旬":
            return date(year, month, 21), last, False
        return date(year, month, 1), last, part in ("底", "末")
    if m.group("q"):
        q = int(m.group("q"))
        return date(year, 3 * q - 2, 1), _month_end(year, 3 * q), bool(m.group("qend"))
    if m.group("half"):
        first = m.group("half") == "上"
        return date(year, 1 if first else 7, 1), _month_end(year, 6 if first else 12), False
    if m.group("yend"):
        return date(year, 1, 1), date(year, 12, 31), True
    if m.group("ypart") == "初":
        return date(year, 1, 1), date(year, 1, 31), False
    return date(year, 6, 1), date(year, 6, 30), False  # 年中


def _year_of(m: re.Match[str], current: int | None) -> int | None:
    """The year a part names, relative to ``current`` (the text's own year so far, else the
    plan's): 2023年 -> 2023, 次年 -> current + 1, 上年 -> current - 1, 本年 or none -> current."""
    word = m.group("y") or ""
    if word.isdigit():
        return int(word)
    if current is None or word not in _NEXT_YEAR + _LAST_YEAR:
        return current
    return current + 1 if word in _NEXT_YEAR else current - 1


@lru_cache(maxsize=4096)
def parse_deadline(text: str | None, year: int | None) -> Deadline:
    """What ``text`` (a deadline as written) means in a plan for ``year`` (None: unknown)."""
    raw = text or ""
    t = _digits(normalize(raw))
    rest = _EVERY.sub("|", t)
    dates: list[date] = []
    named = False  # a day was named, whether or not its year is known
    current = year
    for m in _PART.finditer(rest):
        after = rest[m.end() : m.end() + 4]
        if _STARTS.match(after):
            continue
        if m.group("bare") is not None and (
            m.group("y") in _LAST_YEAR or not _BARE_ENDS.match(rest, m.end())
        ):
            continue  # 上年度决算, 次年年报发布时: what the task is about, not when
        named = True
        part_year = _year_of(m, current)
        if part_year is None:
            continue
        if (m.group("y") or "").isdigit():
            current = part_year  # an explicit year carries on: 2021年2月…,8月…
        first, last, names_end = _span(m, part_year)
        before = _BEFORE.match(after)
        dates.append(first - timedelta(days=1) if before and not names_end else last)
    if dates:
        return Deadline(raw, "date", max(dates), tuple(dates))
    if named:
        return Deadline(raw, "date")
    vague = is_vague_deadline(raw)  # no day or period named: the deadline check warns of it
    if _RECURRING.search(t):
        return Deadline(raw, "recurring", vague=vague)
    if _ONGOING.search(t):
        return Deadline(raw, "ongoing", vague=vague)
    return Deadline(raw, "unknown", vague=vague)


def is_clear(text: str | None, year: int | None) -> bool:
    """Whether a deadline as written names a day or a period (2024年12月底前, 十一月底前, 年内,
    每季度, 每年1月31日前): any wording read as a date, or one the cell patterns of cells.py
    do not find vague. What a check asks of ``Item.deadline_read`` (``not vague``), asked of
    the words."""
    return bool(text) and not parse_deadline(text, year).vague


def read_deadlines(items: list[Item], year: int | None) -> None:
    """Read each item's deadline once, in the plan's ``year``, into ``Item.deadline_read``:
    the checks and reports use the reading and never parse the words again. An item with no
    deadline (or an empty one) keeps None."""
    for item in items:
        item.deadline_read = parse_deadline(item.deadline, year) if item.deadline else None
