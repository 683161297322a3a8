"""parse: a Document of cells and paragraphs to a Plan of Items.

Tables (and flattened cell streams) give division-plan items; when a document has no table that
yields items, its numbered paragraphs are read as prose. Paragraphs around a table are the title,
preamble and notes; whatever the parser cannot place is kept on the plan as ``unplaced``.

A text whose layout is ambiguous comes with several readings (``Document.alternatives``); each
is parsed and the one that explains the text best is kept (judge.py), with a note saying which
and why.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import chain

from planlint.cellkinds import marker
from planlint.model import (
    Block,
    CellStream,
    Document,
    Fragment,
    Paragraph,
    Plan,
    Reading,
    Table,
)
from planlint.parse.builder import ItemBuilder
from planlint.parse.cells import is_chrome
from planlint.parse.columns import Columns, find_header, header_key
from planlint.parse.deadlines import read_deadlines
from planlint.parse.issuer_kind import issuer_kind
from planlint.parse.judge import judge, note
from planlint.parse.meta import find_agency, find_title, placeholder_declarations
from planlint.parse.prose import read_prose
from planlint.parse.tables import TableReading, read_stream, read_table
from planlint.textnorm import normalize

__all__ = ["parse"]


def parse(doc: Document) -> Plan:
    # alternatives may be made as they are asked for (readers/text.py): stopping early saves
    # making the rest
    readings = chain([Reading(doc.reading, doc.blocks, doc.prior, doc.doubts)], doc.alternatives)
    judged = []
    for reading in readings:
        plan, tables, headings = _parse_blocks(doc, reading.blocks)
        judgement = judge(plan, tables, headings, reading.prior)
        judgement.doubts.extend(reading.doubts)  # what the reader itself had to guess
        judged.append((judgement, reading.name, plan))
        if reading.prior >= _SURE and judgement.clean:
            break  # an explicit cell syntax read cleanly: no other reading can beat it
    best = max(judged, key=lambda j: j[0].score)
    plan = best[2]
    plan.reading = note(best[1], best[0], [(j[1], j[0]) for j in judged if j is not best])
    plan.reading.doubts[:0] = doc.notes  # the reader's own doubts (damaged bytes) come first
    return plan


_SURE = 2.0  # a reading's prior from an explicit cell syntax (tabs, Markdown, rules)


def _parse_blocks(
    doc: Document, blocks: list[Block]
) -> tuple[Plan, list[TableReading], list[Fragment]]:
    paras = [b for b in blocks if isinstance(b, Paragraph)]
    build = ItemBuilder()
    tables = _read_tables(blocks, build)
    has_units = any(t.columns is not None and t.columns.has_units for t in tables)
    if not build.items:
        # no table gave items: read the paragraphs as prose, and keep the tables' cells (they
        # hold no paragraph text) as unplaced, never dropped
        table_text = build.unplaced
        build = ItemBuilder()
        build.unplaced.extend(table_text)
        tables = []
        labelled = read_prose(paras, build)
        has_units = bool(labelled)
        if labelled is None:
            for p in paras:
                build.keep(p.text, p.loc)
    else:
        after = _after_last_table(blocks)
        if not any(marker(p.text) for p in after) or read_prose(after, build) is None:
            after = []
        _keep_paragraphs([b for b in blocks if b not in after], build)
    _keep_unused_headings(build)
    title, year = find_title(paras)  # the title's work year, else the signature's: never a guess
    agency = find_agency(title, paras)
    read_deadlines(build.items, year)  # once, in the plan's year: checks and reports read it
    placeholders = placeholder_declarations(paras)
    build.unplaced.sort(key=lambda f: _where(f.loc))
    plan = Plan(
        path=doc.path,
        format=doc.format,
        agency=agency,
        year=year,
        kind="division-plan" if has_units else "key-points",
        items=build.items,
        title=title,
        unplaced=build.unplaced,
        placeholders=placeholders,
        issuer_kind=issuer_kind(agency),
    )
    return plan, tables, build.headings


def _keep_unused_headings(build: ItemBuilder) -> None:
    """A heading no item stands under (a title row before the table's end, a cell misread as
    a heading) is kept as unplaced text: a reader can see it, nothing is dropped."""
    sections = list(dict.fromkeys(item.section for item in build.items))  # each one once
    exact = {normalize(part) for s in sections for part in [s, *s.split(" ")]}
    joined: str | None = None
    for heading in build.headings:
        text = normalize(heading.text)
        if text in exact:
            continue
        if joined is None:  # a heading split over levels: looked for in the distinct sections
            joined = normalize(" ".join(sections))
        if text not in joined:
            build.keep(heading.text, heading.loc, "heading")


def _read_tables(blocks: list[Block], build: ItemBuilder) -> list[TableReading]:
    """Read every table and stream, in order; a table with no header of its own continues
    the columns of the table before it."""
    readings: list[TableReading] = []
    cols: Columns | None = None
    for block in _merge_fragments(blocks):
        if isinstance(block, Table):
            reading = read_table(block, cols, build)
        elif isinstance(block, CellStream):
            reading = read_stream(block, build)
        else:
            continue
        readings.append(reading)
        cols = reading.columns or cols
    return readings


def _where(loc) -> tuple:
    """Document order for locations of any format."""
    return (
        loc.sheet or "",
        loc.page or 0,
        loc.table or 0,
        loc.row or 0,
        loc.line or 0,
        loc.col or 0,
    )


def _merge_fragments(blocks: list[Block]) -> list[Block]:
    """Tables split at page breaks: a fragment repeating the header (or continuing it with no
    header of its own) joins the previous table, its first row marked as after a break.

    The Document's own tables are never changed (parsing it again must give the same plan): a
    table that takes a fragment is copied once, and the fragments after it extend the copy."""
    out: list[Block] = []
    last: Table | None = None
    owned = False  # ``last`` is a copy made here, not one of the Document's tables
    for block in blocks:
        if isinstance(block, Paragraph):
            if last is not None and _is_page_furniture(block.text):
                continue
            out.append(block)
            last = None
            continue
        if isinstance(block, Table) and last is not None and block.rows:
            first = header_key(block.rows[0])
            head = find_header(last.rows)
            header = header_key(last.rows[head]) if head is not None else None
            rows = block.rows[1:] if header is not None and first == header else block.rows
            if (header is not None and first == header) or (
                find_header(block.rows) is None
                and bool(last.rows)
                and len(first) == len(last.rows[-1])
            ):
                if not owned:
                    last = replace(last, rows=list(last.rows), breaks=set(last.breaks))
                    out[-1] = last
                    owned = True
                last.breaks.add(len(last.rows))
                last.rows.extend(rows)
                continue
        out.append(block)
        last = block if isinstance(block, Table) else None
        owned = False
    return out


def _is_page_furniture(text: str) -> bool:
    """Page numbers and running heads that stand between two fragments of one table."""
    t = normalize(text)
    return bool(re.fullmatch(r"[-—第]*\d+[-—页]*|—\d+—", t))


def _after_last_table(blocks: list[Block]) -> list[Paragraph]:
    """The paragraphs after the plan's table: a numbered closing section (四、保障措施 …) there
    is part of the plan; its tasks are items, with no owner unless they name one."""
    last = max((i for i, b in enumerate(blocks) if not isinstance(b, Paragraph)), default=-1)
    return [b for b in blocks[last + 1 :] if isinstance(b, Paragraph)]


def _keep_paragraphs(blocks: list[Block], build: ItemBuilder) -> None:
    seen_table = False
    for block in blocks:
        if isinstance(block, Paragraph):
            if is_chrome(block.text) or _is_page_furniture(block.text):
                role = "chrome"
            elif not seen_table:
                role = "preamble"
            elif re.match(r"^\s*(注|说明|備註|备注)", block.text):
                role = "note"
            else:
                role = "unknown"
            build.keep(block.text, block.loc, role)
        else:
            seen_table = True
