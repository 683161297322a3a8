"""Distinctive terms of a higher document's tasks, and how much each one weighs.

Chinese has no spaces, and planlint carries no dictionary: a task's text is cut into phrases
at punctuation, digits, function characters and the words every task of this genre uses
(加强, 推进, 做好, 工作, 机制, 政务公开, 信息公开 …), which carry nothing. What is left is what
the task is about: 行政规范性文件清理, 回头看, 政策问答, 标准目录. Each phrase then weighs by how
few of the document's tasks share it (a phrase in one task tells them apart; one in half of
them hardly does) and by its length (a longer phrase is a more specific claim), so the matcher
(match/weighted.py) can ask what share of a task's weight an item carries.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from planlint.match.weighted import credit
from planlint.textnorm import normalize

# Words of the genre that any task may use whatever it is about: cut out, never a term. Kept
# to words that stand alone; parts of names (发布 in 新闻发布会, 年度 in 年度报告) stay.
_GENERIC_WORDS = """
    进一步 各地区 各部门 各单位 各地 各级 本地区 本部门 本单位 全省 全市
    全县 全区 全州 全面 全力 省级 市级 县级 政府信息公开 政务公开 信息公开
    公开 工作 机制 体系 制度 加强 加大 推进 推动 做好 做实 抓好 用好
    开展 组织 及时 深入 持续 落实 完善 健全 建立 提升 提高 强化 严格
    积极 切实 认真 不断 扎实 着力 注重 确保 坚持 围绕 依托 按照 根据
    结合 聚焦 发挥 作用 要求 有关 相关 情况 方面 领域 重点 进行 实现
    有效 水平 能力 力度 不少于 至少 每年 每季度 每月 年底前 月底前 以上
    以下 以及 通过 形式 方式 有序 规范化 常态化 参与 方便 了解 明确 做到
    统筹 协调 配合 牵头 主动公开 主动 政府信息 信息 动态 定期
"""
GENERIC = tuple(_GENERIC_WORDS.split())
# Single characters that join phrases (的, 和, 及 …): cut, and never a term.
_JOINERS = "的和与及等并或将把由向其在以"
_CUT = re.compile(
    "|".join(sorted(map(re.escape, GENERIC), key=len, reverse=True))
    + rf"|[^\u3400-\u4dbf\u4e00-\u9fffa-z]|[{_JOINERS}]"
    + "|[一二两三四五六七八九十]+次"  # counts (每年一次, 两次) say how often, not what
)
# Prepositions cut only where a phrase starts (对已失效 -> 已失效), not inside a word (数据对接).
_LEADING = "对为于向从"
MIN_TERM = 2  # one character is no term
MAX_LENGTH_BONUS = 6  # a phrase's length counts up to this many characters


def phrases(text: str) -> list[str]:
    """The task's phrases in order, each once: its text cut at punctuation, digits, joining
    characters and the genre's generic words."""
    pieces = (p.lstrip(_LEADING) for p in _CUT.split(normalize(text)))
    return list(dict.fromkeys(p for p in pieces if len(p) >= MIN_TERM))


_PUNCTUATION = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fffa-z0-9]+")


def _plain(text: str) -> list[str]:
    """A task written only in generic words (做好政务公开工作) still needs terms: its clauses
    as written, cut at punctuation only."""
    pieces = _PUNCTUATION.split(normalize(text))
    return list(dict.fromkeys(p for p in pieces if len(p) >= MIN_TERM))


@dataclass(frozen=True)
class TermWeights:
    """Each task's terms with their weights, the weightiest first."""

    terms: list[tuple[tuple[str, float], ...]]


def weigh(texts: list[str]) -> TermWeights:
    """Every task's phrases weighed against all the tasks of the document: an inverse
    document frequency (a phrase counts as in a task when most of it stands there, see
    ``credit``) times a length factor."""
    normal = [normalize(t) for t in texts]
    found = [phrases(t) or _plain(t) for t in texts]
    n = len(texts)
    out: list[tuple[tuple[str, float], ...]] = []
    df_cache: dict[str, int] = {}
    for terms in found:
        weighted: list[tuple[str, float]] = []
        for term in terms:
            if term not in df_cache:
                df_cache[term] = max(1, sum(credit(term, t).share >= 0.5 for t in normal))
            idf = math.log(1 + n / df_cache[term])
            length = math.sqrt(min(len(term), MAX_LENGTH_BONUS) - 1)
            weighted.append((term, round(idf * length, 2)))
        out.append(tuple(sorted(weighted, key=lambda tw: -tw[1])))
    return TermWeights(out)
