"""Nothing is silently lost: every run of words in a text plan ends up somewhere in the Plan.

An item's text, units, deadline or section, or the unplaced text (preamble, chrome, unmapped
columns, unknown): whichever reading parse keeps, even a wrong one, the reader of `planlint
parse` can see all of the source. Checked over the examples and every text output of the real
tools in tests/fixtures. The oracle is deliberately simple and independent of the parser: the
source is cut into runs of letters at punctuation and bars, and each run of two or more
characters must be found in the plan's text, once the words a parser legitimately drops (label
names such as 责任单位, qualifiers such as 牵头) are taken out of it.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from planlint.parse import parse
from planlint.readers import read_document
from planlint.readers.decode import decode
from planlint.textnorm import normalize
from planlint.vocab import header_role

ROOT = Path(__file__).resolve().parent.parent
TEXT_SUFFIXES = {".txt", ".md", ".csv"}
FILES = sorted(
    p
    for folder in (ROOT / "examples", ROOT / "tests" / "fixtures")
    for p in folder.rglob("*")
    if p.suffix in TEXT_SUFFIXES and p.name != "README.md"
)

# words a parser drops on purpose: label names, owner qualifiers, Markdown and table furniture
_DROPPED = re.compile(
    r"(牵头|配合|负责|落实|统筹|协助|协办|参与|主责|会同|按职责分工|按职能分工|分工|等)"
    r"|(责任|牵头|配合|协办)(单位|科室|部门|处室|股室)|完成时限|完成时间|时限要求"
)
_NAMES = [
    "序号",
    "工作任务",
    "重点任务",
    "具体要求",
    "工作措施",
    "责任单位",
    "责任科室",
    "责任处室",
    "牵头单位",
    "配合单位",
    "完成时限",
    "完成时间",
    "时限要求",
    "备注",
    "责任分工",
]
_RUN = re.compile(r"[\w\u4e00-\u9fff]{2,}")


def _runs(text: str) -> list[str]:
    """Runs of letters between whitespace and punctuation, as the matcher normalises them;
    column names are left out (the header is where the columns got their roles), and so are
    runs of ASCII alone (markup, in a Chinese plan)."""
    runs = []
    for piece in unicodedata.normalize("NFKC", text).split():
        for run in _RUN.findall(piece):
            run = normalize(run)
            if len(run) >= 2 and not run.isascii() and not header_role(run):
                runs.append(run)
    return runs


def _placed(plan) -> str:
    parts: list[str] = []
    for item in plan.items:
        parts += [item.id, item.text, item.section, item.deadline or "", item.placeholder or ""]
        parts += item.assignees + item.assisting
    parts += [f.text for f in plan.unplaced]
    return normalize(" ".join(parts))


def _is_placed(run: str, placed: str, placed_bare: str) -> bool:
    """As written, or once the words a parser drops are taken out of both sides (a run cut
    by a tool's line wrap may hold half of such a word)."""
    if run in placed or any(run in name for name in _NAMES):
        return True  # as written, or a wrapped piece of a column or label name
    bare = _DROPPED.sub("", run)
    return len(bare) < 2 or header_role(bare) is not None or bare in placed_bare


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_every_run_of_words_is_placed_somewhere(path: Path):
    plan = parse(read_document(path))
    placed = _placed(plan)
    placed_bare = _DROPPED.sub("", placed)
    source = _BR.sub(" ", decode(path.read_bytes(), str(path)))  # as planlint decodes it
    missing = [run for run in _runs(source) if not _is_placed(run, placed, placed_bare)]
    assert not missing, f"{len(missing)} runs of words placed nowhere, e.g. {missing[:5]}"


_BR = re.compile(r"<br\s*/?>", re.I)
