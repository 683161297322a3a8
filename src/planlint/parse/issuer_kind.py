"""What kind of body issues a plan, read from the agency's name (parse/issuer.py finds it).

Why it matters: the 政府信息公开条例 (2019), art. 49, gives a department (县级以上人民政府部门)
until 31 January to publish its annual report, and a local people's government (县级以上地方
人民政府, whose report its general office compiles) until 31 March; a rule's ``due`` may differ
by issuer (rules/due.py).

- ``government``: a people's government (梅川市人民政府, 县政府, 国务院) or its general office,
  named straight after it (梅川市人民政府办公室, 省政府办公厅, 市政府办, 县府办, 国务院办公厅), or
  its openness office (政务公开办公室, 政府信息公开办公室);
- ``department``: a body under a government, by the ending of its name: 局, 分局, 委员会, 委,
  厅, 部, 署, 办公室, 办公厅, 办 (梅川市统计局, 广东省卫生健康委员会, 生态环境部; 生态环境部办公厅,
  a department's office, signs for the department; 市人民政府外事办公室 is a department named
  after its government);
- unknown (None): no name, a place alone (潍坊市: a title that names only its place), a
  township or street (城关镇人民政府, 中都街道办事处: art. 49 names neither), a development
  zone's committee, a Party, legislative or judicial body, a public institution (…中心, …院,
  …队). A rule with dates by issuer then takes the latest, so nothing is flagged on a guess.

Names come normalised (simplified characters, no spaces) from parse/issuer.py.
"""

from __future__ import annotations

import re

from planlint.model import IssuerKind

# Bodies art. 49 does not date: townships and streets, zones' committees, Party, congress,
# courts, village committees. 市委 etc. (a Party committee) but not 市委员会 of a department.
_UNDATED = re.compile(
    r"(?:镇|乡|街道|苏木)(?:人民)?政府|办事处|街道办"
    r"|^(?:中共|中国共产党)|党委|党工委|纪委|监委|政协|人大|人民代表大会|法院|检察院"
    r"|(?:省|市|县|区|州|旗|盟)委(?!员会)"
    r"|(?:开发区|园区|高新区|新区|试验区|保税区|合作区|示范区)(?:管理委员会|管委会)"
    r"|(?:村民|居民)委员会"
)
_GOVERNMENT = re.compile(
    r"(?:政府|府)(?:办公室|办公厅|办)$|政府$|^国务院(?:办公厅)?$"
    r"|政务公开(?:工作)?(?:领导小组)?(?:办公室|办)$|政府信息公开(?:工作)?办公室$"
)
_DEPARTMENT = re.compile(r"(?:局|委员会|委|厅|部|署|办公室|办公厅|办)$")


def issuer_kind(agency: str | None) -> IssuerKind | None:
    """``government``, ``department`` or None (unknown) for the plan's agency name."""
    if not agency or _UNDATED.search(agency):
        return None
    if _GOVERNMENT.search(agency):
        return "government"
    if _DEPARTMENT.search(agency):
        return "department"
    return None
