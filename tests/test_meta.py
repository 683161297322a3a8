"""Who a plan is from and which year it is for (parse/issuer.py).

Every snippet is invented, in the shapes real plans take: a title under a preamble that quotes
higher offices, a covering notice with a signature block, a web page's metadata header, a
traditional-character dump, a notice whose signer was lost.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from planlint.model import Location, Paragraph
from planlint.parse import parse
from planlint.parse.issuer import choose_agency, find_agency, find_title, page_issuer, signature
from planlint.readers import read_document


def paras(text: str) -> list[Paragraph]:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return [Paragraph(line, Location(line=i + 1)) for i, line in enumerate(lines)]


def about(text: str) -> tuple[str | None, int | None]:
    """(agency, year) as parse reports them for a plan's opening lines."""
    ps = paras(text)
    title, year = find_title(ps)
    return find_agency(title, ps), year


# --- the title names the issuer; the preamble's higher offices do not -------------------------

TITLE_AND_PREAMBLE = """
梅川市文化广电旅游局2024年政务公开工作要点
根据《苍岭省人民政府办公厅关于印发2024年苍岭省政务公开工作要点的通知》和梅川市人民政府办公室有关要求，结合我局实际，制定本要点。
一、深化重点领域信息公开
1.及时公开文旅惠民政策。（责任科室：政策法规科）
"""


def test_the_title_names_the_issuer_not_the_quoted_higher_office():
    assert about(TITLE_AND_PREAMBLE) == ("梅川市文化广电旅游局", 2024)


PREAMBLE_FIRST = """
局属各单位，局机关各科室：
按照《梅川市政务公开领导小组办公室关于印发〈梅川市贯彻落实2023年政务公开工作要点任务分工〉的通知》要求，为做好我局2023年政务公开工作，特制定《梅川市水利局贯彻落实国、省、市2023年政务公开工作要点任务分工表》，现予印发，请遵照执行。
梅川市水利局
2023年5月8日
"""


def test_a_quoted_higher_notice_before_the_plans_own_name_is_skipped():
    ps = paras(PREAMBLE_FIRST)
    title, year = find_title(ps)
    assert title == "梅川市水利局贯彻落实国、省、市2023年政务公开工作要点任务分工表"
    assert (find_agency(title, ps), year) == ("梅川市水利局", 2023)


def test_an_own_plan_announced_at_the_start_of_a_notice_paragraph():
    text = """
各县（市、区）人民政府，市政府各部门：
《2024年青禾市政务公开重点任务分解》已经市人民政府同意，现印发给你们，请认真贯彻落实。
青禾市人民政府办公室
2024年6月3日
"""
    # the title names a place only; the signature is that place's office
    assert about(text) == ("青禾市人民政府办公室", 2024)


def test_a_plan_named_without_quotes_in_its_preamble():
    text = """
为贯彻落实《国务院办公厅关于印发政务公开工作要点的通知》及上级部署，结合实际，特制定鹿鸣街道政务公开工作实施方案。
一、强化组织领导
"""
    # no year anywhere but the higher document's (none) and no signature: the year stays empty
    assert about(text) == ("鹿鸣街道", None)


def test_a_place_only_title_is_kept_as_written_when_nothing_refines_it():
    assert about("2024年石桥区政务公开工作要点\n一、总体要求") == ("石桥区", 2024)
    assert about("清溪县2023年政务公开工作要点实施方案\n目标\n任务") == ("清溪县", 2023)


def test_all_of_the_county_is_no_name():
    assert about("2024年全县政务公开工作要点\n为进一步推进全县政务公开工作，结合实际。") == (
        None,
        2024,
    )


def test_a_sector_named_in_the_title_is_not_guessed_into_a_bureau():
    """2024年梅川市交通运输政务公开工作要点 names a sector, not a body: no guess."""
    assert about("2024年梅川市交通运输政务公开工作要点\n一、加强政策解读") == (None, 2024)


# --- covering notices and signatures -------------------------------------------------------------


NOTICE = """
关于印发梅川市医疗保障局2024年政务公开工作要点分工方案的通知
局机关各科室、医保服务中心：
根据《梅川市人民政府办公室关于印发梅川市2024年政务公开工作要点分工方案的通知》，制定本方案，现印发给你们。
梅川市医疗保障局
2024年7月12日
"""


def test_a_notice_that_issues_the_plan_names_the_plans_body():
    assert about(NOTICE) == ("梅川市医疗保障局", 2024)


def test_a_notice_that_carries_out_a_higher_plan_is_from_its_signer():
    text = "石桥区人民政府办公室关于贯彻落实《2024年政务公开工作要点》的通知\n各镇人民政府，区直各单位："
    assert about(text) == ("石桥区人民政府办公室", 2024)


def test_a_ministrys_office_signs_for_the_ministry():
    text = """
机关各司局：
为做好2024年苍岭省应急管理厅政务公开工作，办公室组织制定了《苍岭省应急管理厅2024年政务公开工作安排》，现印发给你们。
苍岭省应急管理厅办公室
2024年4月2日
"""
    assert about(text) == ("苍岭省应急管理厅", 2024)


def test_a_signature_split_over_two_lines():
    ps = paras("各处室：\n现将要点印发你们。\n苍岭省人力资源和社会保障厅\n办公室\n2024年3月9日")
    assert signature(ps) == ("苍岭省人力资源和社会保障厅办公室", 2024)


def test_a_signature_date_in_chinese_numerals():
    assert signature(paras("青禾县财政局\n二〇二三年八月十六日")) == ("青禾县财政局", 2023)


def test_the_signature_year_only_when_the_title_has_none():
    text = """
梅川市统计局政务公开工作任务清单
各科室：现将任务清单印发给你们。
梅川市统计局
2023年12月28日
"""
    assert about(text) == ("梅川市统计局", 2023)
    dated = "梅川市统计局2024年政务公开工作任务清单\n" + text
    assert about(dated) == ("梅川市统计局", 2024)  # published in December for the next year


def test_a_notice_whose_signer_was_lost_names_nobody():
    """The addressees are not the issuer, nor is a higher office the preamble quotes."""
    text = """
各县、市、区人民政府，青禾高新区，市政府各部门：
根据《国务院办公厅关于印发2024年政务公开工作要点的通知》、《苍岭省人民政府办公厅关于印发2024年苍岭省政务公开工作要点的通知》要求，结合我市实际，制定了全市2024年政务公开任务分解责任清单，现印发给你们。
附件：2024年政务公开任务分解责任清单
2024年7月1日
"""
    assert about(text) == (None, 2024)


def test_the_address_line_is_never_a_signature():
    assert signature(paras("各乡镇人民政府\n2024年1月5日")) == (None, None)


def test_a_unit_cell_above_a_deadline_cell_is_no_signature():
    """A table read one cell a line: requirement, unit, deadline."""
    cells = paras(
        "1.做好预决算公开。\n市财政局\n2024年8月31日\n2.更新公开目录。\n局办公室\n2024年6月30日"
    )
    assert signature(cells) == (None, None)
    assert about("工作任务\n具体要求\n" + "\n".join(p.text for p in cells)) == (None, None)


def test_a_signature_under_an_attachment_line():
    text = "附件：梅川市林业局2024年政务公开工作要点分工表\n梅川市林业局\n2024年5月20日"
    assert signature(paras(text)) == ("梅川市林业局", 2024)


# --- web page metadata ---------------------------------------------------------------------------

PAGE = """
索 引 号：11370000-X/2024-00012        发布机构：  苍岭省卫生健康委员会
名    称：苍岭省卫生健康委2024年政务公开工作重点任务台账
发文日期：2024年03月20日    文  号：
序号 | 工作任务 | 责任处室 | 完成时限 |
"""


def test_page_metadata_writes_out_the_titles_abbreviation():
    assert page_issuer(paras(PAGE)) == "苍岭省卫生健康委员会"
    assert about(PAGE) == ("苍岭省卫生健康委员会", 2024)


def test_page_metadata_without_colons_and_an_empty_label():
    text = """
索 引 号 文号
发布机构 生成日期
信息来源：石桥区司法局 发布日期：2024-05-06 分享：
2024年石桥区司法局政务公开工作要点
"""
    assert page_issuer(paras(text)) == "石桥区司法局"
    assert about(text) == ("石桥区司法局", 2024)


def test_the_title_wins_over_an_abbreviated_page_label():
    text = "发布机构：区医疗保障局\n石桥区医疗保障局2024年政务公开工作要点\n发布时间：2024-06-30"
    assert about(text) == ("石桥区医疗保障局", 2024)


def test_a_file_name_and_an_upload_date_are_not_the_title_or_year():
    text = """
清溪政务公开工作要点实施方案.docx
- 上传时间:2023-11-02
清溪县2021年政务公开工作要点实施方案
"""
    assert about(text) == ("清溪县", 2021)


def test_page_metadata_only():
    assert about("发布机构：梅川市审计局\n一、加强审计结果公开\n1.公开审计工作报告。") == (
        "梅川市审计局",
        None,
    )


def test_no_evidence_leaves_the_agency_empty():
    text = "工作任务 | 具体要求 | 责任科室 | 时限要求 |\n一、推进政策解读 | 1.做好解读。 | 办公室 | 长期 |"
    assert about(text) == (None, None)


# --- traditional characters ----------------------------------------------------------------------

TRADITIONAL = """
局屬各單位，局機關相關科室：
根據《梅川市政務公開領導小組辦公室關於印發〈梅川市貫徹落實2023年政務公開工作要點責任分工〉的通知》精神，特制定《梅川市住房和城鄉建設局2023年政務公開工作要點責任分工表》。經局領導同意，現予印發。
梅川市住房和城鄉建設局
2023年6月1日
"""


def test_a_traditional_plan_is_named_in_simplified_characters():
    assert about(TRADITIONAL) == ("梅川市住房和城乡建设局", 2023)


def test_end_to_end_through_the_reader(tmp_path: Path):
    path = tmp_path / "plan.txt"
    path.write_text(TRADITIONAL.strip() + "\n序號 |\n工作任務 |\n責任科室 |\n", encoding="utf-8")
    plan = parse(read_document(path))
    assert (plan.agency, plan.year) == ("梅川市住房和城乡建设局", 2023)


# --- how the sources are weighed -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("titled", "signed", "page", "expected"),
    [
        ("梅川市水利局", "梅川市水利局办公室", None, "梅川市水利局"),
        ("梅川市卫生健康委", None, "梅川市卫生健康委员会", "梅川市卫生健康委员会"),
        ("梅川市政府办", "梅川市政府办公室", None, "梅川市政府办公室"),
        ("梅川市", "梅川市人民政府办公室", None, "梅川市人民政府办公室"),
        ("梅川市", "青禾市人民政府办公室", None, "梅川市"),
        (None, "梅川市水利局", "市水利局", "梅川市水利局"),
        (None, None, "市水利局", "市水利局"),
        (None, None, None, None),
    ],
)
def test_choose_agency(titled, signed, page, expected):
    assert choose_agency(titled, signed, page) == expected


# --- no pattern backtracks on long lines or long whitespace (issue 8) ----------------------------


@pytest.mark.parametrize(
    "line",
    [
        "发布机构" + " " * 50_000,
        "特制定" + "政务公开" * 20_000,
        "《" + "梅" * 50_000,
        "梅川市" * 30_000 + "2024年政务公开工作要点",
        "\u3000" * 50_000 + "2024年",
        "来源：" + "局" * 50_000,
    ],
)
def test_long_lines_return_fast(line):
    ps = [Paragraph(line, Location(line=1)), Paragraph(line, Location(line=2))]
    start = time.perf_counter()
    title, _ = find_title(ps)
    find_agency(title, ps)
    page_issuer(ps)
    assert time.perf_counter() - start < 1.0
