"""Deadlines as plans write them, read into dates (parse/deadlines.py).

Every wording is one a plan's deadline cell or 完成时限 label could hold: the year-end phrases,
quarters and halves, months with and without 底/前, days, explicit and relative years, Chinese
numerals, full-width digits, traditional characters, lists and ranges, schedules, continuing
work and the words that name no date at all.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from planlint.parse import parse
from planlint.parse.deadlines import parse_deadline
from planlint.readers import read_document
from planlint.report.json import item_dict

Y = 2023  # the plan's year, as parse/issuer.py finds it

DATES = [
    # the year's end
    ("年底前", "2023-12-31"),
    ("年底", "2023-12-31"),
    ("年末", "2023-12-31"),
    ("12月底前", "2023-12-31"),
    ("年内", "2023-12-31"),
    ("年内完成", "2023-12-31"),
    ("本年度内", "2023-12-31"),
    ("2022年底前", "2022-12-31"),  # an explicit year wins over the plan's
    ("2023年年底前", "2023-12-31"),
    # halves, quarters, the middle and start of the year
    ("上半年", "2023-06-30"),
    ("下半年", "2023-12-31"),
    ("第一季度", "2023-03-31"),
    ("一季度末", "2023-03-31"),
    ("第二季度内", "2023-06-30"),
    ("三季度前", "2023-06-30"),  # before the third quarter: as written, the earliest reading
    ("四季度", "2023-12-31"),
    ("年中", "2023-06-30"),
    ("年初", "2023-01-31"),
    # months
    ("6月底前", "2023-06-30"),
    ("6月底", "2023-06-30"),
    ("6月末", "2023-06-30"),
    ("6月", "2023-06-30"),
    ("6月份", "2023-06-30"),
    ("6月前", "2023-05-31"),  # before June
    ("6月以前", "2023-05-31"),
    ("2月底前", "2023-02-28"),
    ("11月中旬", "2023-11-20"),
    ("11月上旬", "2023-11-10"),
    ("11月下旬", "2023-11-30"),
    ("11月中旬前", "2023-11-10"),
    # days: 前 before a day includes it
    ("6月30日前", "2023-06-30"),
    ("11月20日前", "2023-11-20"),
    ("11月20号前", "2023-11-20"),
    ("2022年11月20日前", "2022-11-20"),
    ("2024年1月31日前", "2024-01-31"),
    ("2025 年 1 月 31 日前", "2025-01-31"),  # a PDF text layer's spaces
    ("20 25年1月 31日前", "2025-01-31"),
    # the next year
    ("次年1月", "2024-01-31"),
    ("次年1月底前", "2024-01-31"),
    ("次年1月31日前", "2024-01-31"),
    ("次年1月前", "2023-12-31"),
    ("明年一季度", "2024-03-31"),
    ("下一年度1月", "2024-01-31"),
    ("次年年初", "2024-01-31"),
    ("次年", "2024-12-31"),
    ("次年完成", "2024-12-31"),
    ("2024年前", "2023-12-31"),  # before 2024, as written
    ("上年底前", "2022-12-31"),
    # Chinese numerals, full-width digits, traditional characters
    ("十一月底前", "2023-11-30"),
    ("十二月二十日前", "2023-12-20"),
    ("三月底", "2023-03-31"),
    ("二〇二三年十二月三十一日前", "2023-12-31"),
    ("２０２２年底前", "2022-12-31"),
    ("１１月２０日前", "2023-11-20"),
    ("2023年12月底前完成", "2023-12-31"),
    ("次年1月底前完成並公開", "2024-01-31"),
    # lists and ranges: the last date
    ("4月底前、9月底前", "2023-09-30"),
    ("4月至6月", "2023-06-30"),
    ("1-6月", "2023-06-30"),
    ("2023年4月至2024年3月", "2024-03-31"),
    ("2021年2月公布预算信息,2021年8月公布上年度决算信息", "2021-08-31"),
    ("2022年12月、次年1月", "2023-01-31"),  # 次年 after the text's own year
    ("6月底前完成，此后每季度更新", "2023-06-30"),  # the first completion is the deadline
    ("长期坚持，2023年9月底前完成", "2023-09-30"),
]


@pytest.mark.parametrize(("text", "expected"), DATES, ids=[t for t, _ in DATES])
def test_dates(text, expected):
    deadline = parse_deadline(text, Y)
    assert deadline.kind == "date"
    assert deadline.date == date.fromisoformat(expected)
    assert deadline.text == text  # kept as written


KINDS = [
    ("每季度", "recurring"),
    ("每月", "recurring"),
    ("每年", "recurring"),
    ("每季度末", "recurring"),
    ("每年1月31日前", "recurring"),
    ("每年年底前", "recurring"),
    ("每月10日前", "recurring"),
    ("定期", "recurring"),
    ("按季度报送", "recurring"),
    ("2023年起每季度", "recurring"),  # 2023年起 starts the schedule; it is no deadline
    ("收到申请后20个工作日内", "recurring"),
    ("二十个工作日内", "recurring"),
    ("与文件同步", "recurring"),
    ("常态化", "ongoing"),
    ("常态化开展", "ongoing"),
    ("持续推进", "ongoing"),
    ("长期坚持", "ongoing"),
    ("长期推进", "ongoing"),
    ("长期", "ongoing"),
    ("全年", "ongoing"),
    ("及时公开", "ongoing"),
    ("及時公開", "ongoing"),
    ("持續推進", "ongoing"),
    ("長期堅持", "ongoing"),
    ("常態(tài)化工作", "ongoing"),  # a scraped page's pinyin gloss
    ("不定期", "ongoing"),
    ("按要求", "unknown"),
    ("按上级要求", "unknown"),
    ("适时", "unknown"),
    ("適時", "unknown"),
    ("按省里時間節(jié)點完成", "unknown"),
    ("按市统一安排完成", "unknown"),
    ("年前", "unknown"),  # before the year's end, or before the Spring Festival: not said
    ("上年度", "unknown"),  # 上年度决算: what a task is about, not when
    ("次年年报发布时", "unknown"),  # 次年 before a noun says which report, not when
    ("2023年度报告发布前", "unknown"),
    ("已完成", "unknown"),
    ("", "unknown"),
]


@pytest.mark.parametrize(("text", "kind"), KINDS, ids=[t or "empty" for t, _ in KINDS])
def test_kinds_that_are_not_dates(text, kind):
    deadline = parse_deadline(text, Y)
    assert (deadline.kind, deadline.date, deadline.dates) == (kind, None, ())
    assert deadline.text == text


def test_no_text_is_unknown():
    assert parse_deadline(None, Y).kind == "unknown"


def test_the_year_is_never_guessed():
    for text in ("年底前", "6月底前", "11月20日前", "次年1月", "十一月底前"):
        deadline = parse_deadline(text, None)
        assert (deadline.kind, deadline.date) == ("date", None), text
        assert deadline.year_unknown
    # an explicit year needs no context
    assert parse_deadline("2022年11月20日前", None).date == date(2022, 11, 20)
    assert not parse_deadline("2022年11月20日前", None).year_unknown


def test_an_explicit_year_carries_on_to_the_parts_after_it():
    deadline = parse_deadline("2021年2月、8月", 2023)
    assert deadline.dates == (date(2021, 2, 28), date(2021, 8, 31))


def test_a_list_keeps_every_date_in_order():
    deadline = parse_deadline("9月底前、4月底前", Y)
    assert deadline.dates == (date(2023, 9, 30), date(2023, 4, 30))
    assert deadline.date == date(2023, 9, 30)


def test_leap_years():
    assert parse_deadline("2月底前", 2024).date == date(2024, 2, 29)
    assert parse_deadline("2月30日前", 2023).date == date(2023, 2, 28)  # a slip: the month's end


def test_one_of_unified_is_not_january():
    """统一 ends in 一, which is no month: only a numeral standing where a date starts is read."""
    assert parse_deadline("按统一月度安排推进", Y).date is None


def test_long_text_returns_fast():
    """A deadline cell is short, but a misread one may hold a whole page."""
    text = "年底前" + "1月" * 20_000 + "长期" * 20_000
    assert parse_deadline(text, Y).kind == "date"


# --- read once, when the plan is built -------------------------------------------------------

PLAN = """梅川县交通运输局2023年政务公开工作要点
一、加强政策解读
1.做好重要政策解读，提升解读质量。（责任科室：办公室；完成时限：十一月底前）
2.建立政务公开重点任务台账，逐项推动落实。（责任科室：办公室；完成时限：常态化）
二、抓好工作落实
3.将工作要点落实情况纳入政府信息公开工作年度报告。（责任科室：办公室；完成时限：次年1月31日前）
4.组织开展政务公开业务培训。（责任科室：法规科）
"""


def test_parse_reads_each_deadline_once_in_the_plans_year(tmp_path):
    """parse fills ``Item.deadline_read`` in the plan's year: the checks and the JSON report
    take the reading from the item and never read the words again."""
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    plan = parse(read_document(path))
    assert plan.year == 2023
    read = {i.id: i.deadline_read for i in plan.items}
    assert read["1"] is not None and read["1"].date == date(2023, 11, 30)
    assert read["2"] is not None and read["2"].kind == "ongoing"
    assert read["3"] is not None and read["3"].date == date(2024, 1, 31)
    assert read["4"] is None  # no deadline: nothing read
    # whether the words name a day or a period is read here too: the deadline check only asks
    assert [getattr(read[i], "vague", None) for i in "123"] == [False, True, False]
    for item in plan.items:
        if item.deadline:
            assert item.deadline_read == parse_deadline(item.deadline, 2023)
    shown = {i.id: item_dict(i) for i in plan.items}
    assert (shown["1"]["deadline_kind"], shown["1"]["deadline_date"]) == ("date", "2023-11-30")
    assert (shown["2"]["deadline_kind"], shown["2"]["deadline_date"]) == ("ongoing", None)
    assert (shown["4"]["deadline_kind"], shown["4"]["deadline_date"]) == (None, None)


def test_a_plan_of_unknown_year_reads_days_without_one(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN.replace("2023年", ""), encoding="utf-8")
    plan = parse(read_document(path))
    assert plan.year is None
    item = next(i for i in plan.items if i.id == "1")
    assert item.deadline_read is not None and item.deadline_read.year_unknown
    assert (item_dict(item)["deadline_kind"], item_dict(item)["deadline_date"]) == ("date", None)


# --- the labelled real plans (../shared, when it is here) -------------------------------------


def test_every_labelled_deadline_reads(shared_corpus):
    """Every deadline the real plans' labels hold reads as something: a dated one (a month or
    the year's end named) as a date near the plan's year, 持续推进 and the like as ongoing."""
    yaml = pytest.importorskip("yaml")
    golds = sorted((shared_corpus / "gold").glob("*.yaml"))
    golds += sorted((shared_corpus / "dev-gold").glob("*.yaml"))
    seen = 0
    for gold in golds:
        label = yaml.safe_load(gold.read_text(encoding="utf-8"))
        year = label.get("year")
        for item in label.get("items") or []:
            text = item.get("deadline")
            if not text:
                continue
            seen += 1
            deadline = parse_deadline(text, year)
            if re.search(r"\d{1,2}月|年底", text) and year:
                assert deadline.date is not None, (gold.name, text)
                assert abs(deadline.date.year - year) <= 1, (gold.name, text)
            if re.search(r"持续|长期|常态|常態|及時|全年", text):
                assert deadline.kind == "ongoing", (gold.name, text)
    assert seen
