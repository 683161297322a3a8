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
    assert hit.terms == ("主要负责同志", "听取", "汇报", "公开工作")


def test_a_typo_scores_below_exact(core_pack):
    hit = match_text(_rule(core_pack, "on-request-disclosure"), "做好依申清公开工作", False)
    assert hit is not None and 80 <= hit.score < 100


def test_terms_far_apart_score_below_terms_side_by_side(core_pack):
    rule = _rule(core_pack, "lookback")
    near = match_text(rule, "对上年度工作要点落实情况开展回头看", False)
    far = match_text(
        rule,
        "对上年度工作要点中各项任务的推进情况、完成质量、存在问题和整改措施开展全面回头看",
        False,
    )
    assert near is not None and far is not None
    assert near.score == 100 and 90 <= far.score < 100


@pytest.mark.parametrize(
    ("term_rule", "text"),
    [
        # a word cut short or run on is another word, not a typo
        ("on-request-disclosure", "做好政府信息公开工作"),
        ("on-request-disclosure", "加强政府信息公开平台建设"),
        # two wrong characters in five are not a typo
        ("on-request-disclosure", "做好衣申清公开工作"),
    ],
)
def test_a_typo_is_a_replaced_character_not_another_word(core_pack, term_rule, text):
    assert match_text(_rule(core_pack, term_rule), text, False) is None


# Headings confirm what a terse item is about; they never carry what the item does not ask for.
HEADING_TRAPS = """某某区商务局2025年政务公开工作任务分工

一、加强培训
1. 组织企业开展外贸政策法规培训。（责任单位：外贸科）

二、加强政策解读回应
2. 公开政策文件，方便企业查阅。（责任单位：办公室）

三、加强政务公开队伍建设
3. 每年至少组织一次业务培训，实现工作人员全覆盖。（责任单位：办公室）

四、强化平台建设
4. 通过政府网站、政务新媒体公开行政处罚典型案例，促进执法规范运行。（责任单位：执法大队）
"""


@pytest.fixture
def heading_traps(tmp_path, core_pack):
    from planlint.match import match_plan
    from planlint.parse import parse
    from planlint.readers import read_document

    path = tmp_path / "plan.txt"
    path.write_text(HEADING_TRAPS, encoding="utf-8")
    plan = parse(read_document(path))
    assert [i.id for i in plan.items] == ["1", "2", "3", "4"]
    return {m.rule.id: m.hits for m in match_plan(plan, core_pack)}


def test_a_heading_does_not_make_other_training_staff_training(heading_traps):
    assert [h.item for h in heading_traps["training"]] == ["3"]


def test_a_heading_confirms_a_terse_item_and_scores_below_the_item_itself(heading_traps):
    (hit,) = heading_traps["training"]
    assert hit.via == "heading" and hit.score == 90
    assert "政务公开" in hit.terms


def test_publishing_under_an_interpretation_heading_is_not_interpreting(heading_traps):
    assert heading_traps["policy-interpretation"] == []


def test_using_a_channel_is_not_running_it(heading_traps):
    assert heading_traps["platforms"] == []
