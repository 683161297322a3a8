"""What kind of body issues a plan, from its agency's name (parse/issuer_kind.py).

The names are the shapes an agency takes in plans' titles, notices and signatures: governments
at every level and their general offices (in full and abbreviated), departments by each ending,
a department's own office, departments named after their government, and the bodies art. 49 of
the 条例 does not date (townships, streets, zones, Party and congress bodies, institutions).
"""

from __future__ import annotations

import pytest

from planlint.parse.issuer_kind import issuer_kind

GOVERNMENT = [
    "梅川市人民政府",
    "梅川县人民政府",
    "梅川市梅西区人民政府",
    "梅川自治县人民政府",
    "梅南省人民政府",
    "县政府",
    "梅川市人民政府办公室",
    "梅南省人民政府办公厅",
    "梅川县政府办公室",
    "梅川市政府办",
    "梅川县府办",
    "国务院",
    "国务院办公厅",
    "梅川市政务公开办公室",
    "梅川县政务公开领导小组办公室",
    "梅川市政府信息公开办公室",
]
DEPARTMENT = [
    "梅川市统计局",
    "梅川市生态环境局梅西分局",
    "梅川市发展和改革委员会",
    "梅川市卫健委",
    "梅南省教育厅",
    "梅南省人力资源和社会保障厅",
    "生态环境部",
    "生态环境部办公厅",  # the ministry's office signs for the ministry
    "梅川市统计局办公室",
    "梅川市人民政府外事办公室",  # named after the government, but a department
    "梅川市人民政府国有资产监督管理委员会",
    "梅川市扶贫办",
    "梅川市城乡建设局",  # 乡 inside a department's name is no township
    "梅川市政务服务和数据管理局",
    "国家统计局",
    "海关总署",
]
UNKNOWN = [
    None,
    "",
    "梅川市",  # a title that names only its place
    "梅西区",
    "梅川县城关镇人民政府",
    "梅川县城关镇政府",
    "梅川县梅林乡人民政府",
    "梅西街道",
    "梅西街道办事处",
    "梅川经济技术开发区管理委员会",
    "梅川高新区管委会",
    "中共梅川市委办公室",
    "梅川市委网信办",
    "梅川市人大常委会",
    "梅川市中级人民法院",
    "梅川市住房公积金管理中心",
    "梅川市公安局交通警察支队",
    "梅西村民委员会",
]


@pytest.mark.parametrize("name", GOVERNMENT)
def test_a_government_or_its_general_office(name):
    assert issuer_kind(name) == "government"


@pytest.mark.parametrize("name", DEPARTMENT)
def test_a_department(name):
    assert issuer_kind(name) == "department"


@pytest.mark.parametrize("name", UNKNOWN)
def test_unknown(name):
    assert issuer_kind(name) is None


def test_a_long_name_returns():
    """An agency is a short name, but a misread one may be a long run of characters."""
    assert issuer_kind("梅" * 50_000 + "局") == "department"
    assert issuer_kind("政府" * 20_000 + "中心") is None
