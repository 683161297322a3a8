"""One damaged line costs at most the rows it touches.

Every text example plan (``examples/*.txt``, ``examples/*.md`` but README.md) is copied to a
temporary file of the same name, so the same suffix, and the same encoding
(gbk-encoded-plan.txt stays GBK), with ONE of its lines damaged:

- delete: the line is removed;
- blank: the line is replaced by an empty line;
- duplicate: the line is repeated right after itself;
- split: the line is cut at a character position 0 < k < len into two lines.

The copy is read with ``planlint.readers.read_document`` and ``planlint.parse.parse``, and

(a) reading and parsing never raise, and the plan has at least one item;
(b) every item of the pristine parse that the damage did not touch is kept.

Touched. Positions are ``Item.loc.line`` (1-based) of the pristine parse and lines of the
pristine file. An item is touched when the damaged line is one of:

1. its own region: from its first line up to, not including, the next *start*, where the
   starts are the first lines of all items, the section heading lines and the bare row-number
   lines (sorted; rows whose cells span several lines get their region this way). When the
   item's unit or deadline cell lies beyond that, the region stretches to the end of the
   region that holds that cell. Items whose regions then overlap form one row group (several
   requirements above one shared unit and deadline cell, a cell holding several numbered
   items: one row of the original table), and every item of the group gets the whole group's
   region, so the blank line between two requirements sharing a unit touches both. The unit
   and deadline cells are found as the first line, from the item's first line to the end of
   its section, that contains the deadline or a unit as parsed (other items' first lines
   skipped). The last item's region runs to the end of the file, so closing notes and page
   chrome touch it;
2. a line of the table header the item sits under: the nearest run of column-name lines
   (序号, 工作任务, 责任单位, 完成时限 …, traditional or simplified) before it, with the blank,
   bare-pipe and Markdown separator lines inside and right after it;
3. a line of the section heading it sits under: the nearest ``一、`` heading cell at or
   before its first line, the nearest ``（一）`` heading cell after that (a cell that holds an
   item's own text is the item, not a heading), each with the lines up to the next start (a
   heading wrapped onto a second paragraph), and cells continuing the section's name (a
   heading cut at a page break, ``集中公开工作。`` in the next Markdown fragment);
4. the bare number line of its row (``5 |`` in a pipe dump), the last one between the
   previous item's first line and its own.

So the blank line between a requirement and its unit is in the item's region, the blank line
before a heading is in the heading's, and a row number line ends the previous row's region:
deleting ``2 |`` touches item 2 but not item 1. Nothing else touches an item: damage to the
preamble, the title, a page number between fragments (it sits in the region of the row before
it) or another row must leave it alone.

Kept. Some item of the damaged parse has the same text prefix (first 10 characters,
whitespace removed), the same set of assignees and the same deadline (as a multiset: two
untouched items with one key need two). Extra items are not an error: a duplicated line may
make one more item, and section, id and location are not compared.

The hypothesis test draws 60 damages per example; the exhaustive test tries every damage of
the smallest example (all lines, every split position: ~660 parses, about a second).
``PLANLINT_DAMAGE_EXHAUSTIVE=all`` (or a comma-separated list of example names) runs the
exhaustive test on more examples: all seven take one to two minutes. Failures name the
example, the line, the damage and the items lost; the exhaustive test lists every failing
damage. Many fail today (the readers are being rebuilt); they are real defects, not xfail.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from damage_support import (
    KINDS,
    TEXT_EXAMPLES,
    Damage,
    Source,
    all_damages,
    check_damage,
    load_source,
    pristine,
)

SMALL = "gbk-encoded-plan.txt"  # the exhaustive variant: 16 lines, 664 damages, ~1 s
_WANTED = os.environ.get("PLANLINT_DAMAGE_EXHAUSTIVE", SMALL)
EXHAUSTIVE = [p for p in TEXT_EXAMPLES if _WANTED == "all" or p.name in _WANTED.split(",")]
_SCRATCH = tempfile.TemporaryDirectory(prefix="planlint-damage-")


def test_examples_are_found_and_parse():
    by_name = {p.name: p for p in TEXT_EXAMPLES}
    assert SMALL in by_name and "tab-dump-division-plan.txt" in by_name
    assert load_source(by_name[SMALL]).encoding in {"gbk", "gb18030"}  # rewritten as GBK
    for path in TEXT_EXAMPLES:
        _src, plan, _regions = pristine(path)
        assert plan.items, f"{path.name}: the pristine example has no items"


def damages(src: Source) -> st.SearchStrategy[Damage]:
    splittable = [n for n, text in enumerate(src.lines, 1) if len(text) >= 2]

    @st.composite
    def draw(draw_) -> Damage:
        kind = draw_(st.sampled_from(KINDS))
        if kind == "split":
            line = draw_(st.sampled_from(splittable))
            at = draw_(st.integers(1, len(src.lines[line - 1]) - 1))
            return Damage(kind, line, at)
        return Damage(kind, draw_(st.integers(1, len(src.lines))))

    return draw()


@pytest.mark.parametrize("example", TEXT_EXAMPLES, ids=lambda p: p.name)
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_one_damaged_line_costs_at_most_its_rows(example: Path, data):
    damage = data.draw(damages(load_source(example)), label="damage")
    problem = check_damage(example, damage, Path(_SCRATCH.name))
    assert problem is None, problem


@pytest.mark.parametrize("example", EXHAUSTIVE, ids=lambda p: p.name)
def test_every_damage(example: Path):
    src = load_source(example)
    every = all_damages(src)
    problems = [
        p for d in every if (p := check_damage(example, d, Path(_SCRATCH.name))) is not None
    ]
    shown = "\n".join(problems[:25])
    more = f"\n… and {len(problems) - 25} more" if len(problems) > 25 else ""
    assert not problems, f"{len(problems)} of {len(every)} damages fail:\n{shown}{more}"
