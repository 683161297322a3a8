"""The matcher: synonyms, typos, co-occurrence windows, look-alikes, traditional script."""

from __future__ import annotations

import pytest

from planlint.match import match_text


def _rule(pack, rid):
    return next(r for r in pack.rules if r.id == rid)


@pytest.mark.parametrize(
    ("rid", "text", "expected"),
    [
        ("on-request-disclosure", "依法依规做好依申清公开工作", True),  # typo
        ("on-request-disclosure", "做好政府信息公开申请的受理和答复", True),
        ("leader-briefing", "局党组书记每年听取一次政务公开工作情况汇报", True),
        ("leader-briefing", "分管领导每年听取政务公开工作汇报", False),  # not the principal leader
        ("leader-briefing", "局主要负责同志出席新闻发布会解读政策。年底前听取各科室汇报", False),
        ("annual-report", "规范发布政府信息公开工作年度报告", False),
        ("annual-report", "年度报告中要写入本年度要点的落实情况", True),
        ("task-ledger", "建立舆情回应台账，跟踪整改落实", False),
        ("task-ledger", "建立2024年政务公开重点任务台账", True),
        ("normative-documents", "及时更新本机关实施的行政法规文本", False),
        ("training", "加强就业政策培训", False),
        ("lookback", "对上一年度政务公开工作要点落实情况进行“回头看”", True),
        ("platforms", "确保政府網站安全平穩運行", True),  # traditional
        ("platforms", "确保政府網(wǎng)站安全平穩運行", True),  # pinyin gloss from a scrape
    ],
)
def test_meaning_not_wording(core_pack, rid, text, expected):
    assert (match_text(_rule(core_pack, rid), text, normalized=False) is not None) == expected


def test_a_hit_explains_itself(core_pack):
    hit = match_text(
        _rule(core_pack, "leader-briefing"), "主要负责同志每年至少听取1次政务公开工作汇报", False
    )
    assert hit is not None
    assert hit.score == 100
    assert hit.terms == ("主要负责同志", "听取", "汇报")


def test_a_typo_scores_below_exact(core_pack):
    hit = match_text(_rule(core_pack, "on-request-disclosure"), "做好依申清公开工作", False)
    assert hit is not None and 80 <= hit.score < 100
