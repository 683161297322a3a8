"""Places in a file in the report's language: 第2表第20行第3格, 分工方案!B21, 第4页, 第146行
(table 2 row 20 cell 3, p. 4, line 146): the words ``Location.spelled`` puts together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planlint.model import Location


_PLACE_WORDS = {
    "zh": {
        "page": "第{}页",
        "table": "第{}表",
        "row": "第{}行",
        "cell": "第{}格",
        "line": "第{}行",
        "sep": "",
    },
    "en": {
        "page": "p. {}",
        "table": "table {}",
        "row": "row {}",
        "cell": "cell {}",
        "line": "line {}",
    },
}


def location_text(loc: Location, lang: str = "zh") -> str:
    """A place in the report's language: 第2表第20行第3格, 分工方案!B21, 第4页, 第146行
    (table 2 row 20 cell 3, 分工方案!B21, p. 4, line 146)."""
    return loc.spelled(_PLACE_WORDS.get(lang, _PLACE_WORDS["zh"]))
