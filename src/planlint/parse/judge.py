"""How well a reading explains its text, and what about it looks wrong.

A text dump's layout is often ambiguous: the same lines can be a cell stream, rows of a table or
numbered prose. Each reading is parsed and judged here; parse keeps the best. The score rewards
what a correct reading of a division plan produces (task items that read like tasks, owners and
deadlines where the header promises those columns, numbering that runs on) and penalises what a
misreading produces (items that are really unit lists or dates, task-like text left unplaced,
cells that fit their columns badly). The same evidence gives the doubts a report shows and the
reading's confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planlint.cellkinds import (
    cjk_len,
    is_deadline_like,
    is_placeholder,
    is_unit_like,
    marker,
)
from planlint.model import Doubt, Fragment, Item, Plan, ReadingNote
from planlint.parse.tables import TableReading
from planlint.textnorm import normalize
from planlint.vocab import ends_sentence, header_role, is_header_row

_TASKLIKE = re.compile(r"[。；;]|加强|推进|做好|落实|公开|完善|开展|建立|健全|规范|强化|提升")
_MIN_TASK = 12  # an unplaced text shorter than this is not a lost task
_OWNERLESS_SHARE = 0.5  # more items than this with no owner, under a unit column: doubtful
_MAX_COSTLY = 3  # rows named in doubts: the first few say it


@dataclass
class Judgement:
    score: float
    items: int
    owned: int
    dated: int
    bad_items: int
    lost_chars: int
    expects_units: bool
    expects_deadlines: bool
    doubts: list[Doubt] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """Every item task-like, owned where the plan has owners, nothing task-like left
        over, nothing doubtful: no other reading of the text can explain it better."""
        return (
            self.items > 0
            and not self.bad_items
            and not self.lost_chars
            and not self.doubts
            and (not self.expects_units or self.owned == self.items)
        )


def judge(
    plan: Plan, tables: list[TableReading], headings: list[Fragment], prior: float = 0.0
) -> Judgement:
    items = plan.items
    expects_units = any(t.columns and t.columns.has_units for t in tables)
    expects_deadlines = any(t.columns and t.columns.has_deadlines for t in tables)
    good = [i for i in items if _reads_like_task(i)]
    owned = sum(1 for i in good if i.assignees or i.placeholder)
    dated = sum(1 for i in good if i.deadline)
    in_sequence = _in_sequence(items)
    lost = [f for f in plan.unplaced if f.role in ("unknown", "column") and _lost_task(f.text)]
    lost_chars = sum(cjk_len(f.text) for f in lost)
    cost = sum(t.cost for t in tables)
    # a task read as a heading is lost from the items: a long sentence is no task group
    bad = len(items) - len(good) + sum(1 for h in headings if _task_as_heading(h.text))
    score = (
        prior
        + len(good)
        + 0.6 * owned
        + 0.3 * dated
        + 0.3 * in_sequence
        - 1.5 * bad
        - lost_chars / 40
        - 0.3 * cost
    )
    doubts: list[Doubt] = []
    ownerless = [i for i in good if not (i.assignees or i.placeholder)]
    # owners the reader lost, not owners the plan left blank: unit names left unplaced
    stray_units = [
        f for f in plan.unplaced if f.role in ("unknown", "column") and is_unit_like(f.text)
    ]
    if expects_units and good and stray_units and len(ownerless) > len(good) * _OWNERLESS_SHARE:
        doubts.append(Doubt("owners-missing", ownerless[0].loc, f"{len(ownerless)}/{len(good)}"))
    for table in tables:
        for loc in table.costly[:_MAX_COSTLY]:
            doubts.append(Doubt("misaligned-row", loc))
        for loc in table.unsure[:_MAX_COSTLY]:
            doubts.append(Doubt("unit-column-unsure", loc))
    if not expects_units:
        header = next((f for f in plan.unplaced if _names_columns(f.text)), None)
        if header is not None:  # a table's header stands in the text, but no table was read
            doubts.append(Doubt("table-unread", header.loc, header.text[:30]))
    sentences = _task_sentences([i.text for i in items] + [f.text for f in plan.unplaced])
    if sentences >= _MIN_SENTENCES and len(items) * 4 <= sentences:
        where = items[0].loc if items else None
        doubts.append(Doubt("items-merged", where, f"{len(items)}/{sentences}"))
    for fragment in lost:
        if marker(fragment.text) or cjk_len(fragment.text) >= 2 * _MIN_TASK:
            doubts.append(Doubt("unplaced-task", fragment.loc, fragment.text[:30]))
    return Judgement(
        score,
        len(items),
        owned,
        dated,
        bad,
        lost_chars,
        expects_units,
        expects_deadlines,
        doubts,
    )


def note(name: str, best: Judgement, others: list[tuple[str, Judgement]]) -> ReadingNote:
    """The kept reading, the evidence for it, how sure, and what looks off."""
    facts = {"items": best.items, "owned": best.owned, "dated": best.dated}
    if best.bad_items:
        facts["not-task-like"] = best.bad_items
    if best.lost_chars:
        facts["lost-chars"] = best.lost_chars
    beaten = {n: round(j.score, 1) for n, j in sorted(others, key=lambda o: -o[1].score)}
    return ReadingNote(name, round(best.score, 1), _confidence(best), facts, beaten, best.doubts)


def _confidence(j: Judgement) -> float:
    if not j.items:
        return 0.0
    c = 1.0
    good = j.items - j.bad_items
    if j.expects_units and good:
        c -= 0.5 * max(0.0, 1 - j.owned / good)
    c -= min(0.3, j.bad_items / j.items)
    c -= min(0.3, j.lost_chars / max(1, 40 * j.items))
    c -= 0.2 * len({d.kind for d in j.doubts})  # each kind of doubt weighs on the reading
    return round(max(0.0, c), 2)


def _reads_like_task(item: Item) -> bool:
    text = item.text.strip()
    n = cjk_len(text)
    if n < 4:
        return False
    if header_role(normalize(text)):
        return False
    if ends_sentence(text):
        return True
    if n <= 30 and (is_unit_like(text) or is_deadline_like(text) or is_placeholder(text)):
        return False
    return " | " not in text and "\t" not in text


def _task_as_heading(text: str) -> bool:
    mk = marker(text)
    long_sentence = cjk_len(text) > 40 and ends_sentence(text)
    return long_sentence or bool(mk and mk.level >= 3 and cjk_len(text) > 20)


def _names_columns(text: str) -> bool:
    """A line of column names (序号 工作任务 责任单位 完成时限), an owner's among them."""
    names = [normalize(t) for t in re.split(r"[\s|\t]+", text) if t.strip()]
    roles = {header_role(n) for n in names}
    return len(names) >= 3 and is_header_row(names) and bool({"unit", "deadline"} & roles)


_SENTENCE_END = re.compile(r"(?<=[。；;])")
_MIN_SENTENCES = 8


def _task_sentences(texts: list[str]) -> int:
    """Task-like sentences in the text: full sentences of some length with a task verb."""
    return sum(
        1
        for t in texts
        for s in _SENTENCE_END.split(t)[:-1]  # the last piece is not closed by a terminator
        if len(s) > 12 and _TASKLIKE.search(s)
    )


def _in_sequence(items: list[Item]) -> int:
    """How many items' numbers follow the number before them (1, 2, 3 …)."""
    count, last = 0, None
    for item in items:
        head = item.id.split(".")[-1].split("#")[0]
        value = int(head) if head.isdigit() else None
        if value is not None and last is not None and value == last + 1:
            count += 1
        last = value
    return count


def _lost_task(text: str) -> bool:
    return cjk_len(text) >= _MIN_TASK and bool(_TASKLIKE.search(text))
