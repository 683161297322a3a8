"""Parse is a stage that never changes its input: the same read Document parsed twice gives the
same plan, and the Document's blocks are as the reader left them.

Run over every example and every tool fixture (Word, Excel, LibreOffice, pandoc, pdftotext and
w3m outputs), so a reading of any shape is covered: a merge of table fragments split at page
breaks once extended the Document's own table, and a second parse read the rows twice.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from planlint.errors import ReadError
from planlint.model import CellStream, Document, Table
from planlint.parse import parse
from planlint.readers import read_document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(
    p for p in (ROOT / "examples").rglob("*") if p.is_file() and p.name != "README.md"
)
TOOLS = sorted(
    p
    for p in (ROOT / "tests" / "fixtures" / "tools").rglob("*")
    if p.is_file() and p.parent.name != "tools" and p.name != "expected.json"
)


def _blocks(document: Document) -> list:
    """The Document's blocks as plain, independent data (rows, cells, breaks) to compare."""
    out = []
    for block in document.blocks:
        if isinstance(block, Table):
            out.append(("table", copy.deepcopy(block.rows), set(block.breaks), block.grid))
        elif isinstance(block, CellStream):
            out.append(("stream", copy.deepcopy(block.cells), dict(block.row_hints)))
        else:
            out.append(("block", copy.deepcopy(block)))
    return out


def _read(path: Path) -> Document:
    try:
        return read_document(path)
    except ReadError as exc:
        pytest.skip(f"not read here: {exc}")


@pytest.mark.parametrize(
    "path", EXAMPLES + TOOLS, ids=lambda p: str(p.relative_to(ROOT)).replace("\\", "/")
)
def test_parsing_a_document_twice_gives_the_same_plan(path: Path):
    document = _read(path)
    before = _blocks(document)
    first = parse(document)
    assert _blocks(document) == before, "parse changed the Document's blocks"
    second = parse(document)
    assert len(second.items) == len(first.items)
    assert second.items == first.items
    assert second.reading == first.reading


def test_the_inputs_are_there():
    assert any(p.name == "markdown-split-tables.md" for p in EXAMPLES)
    assert {p.parent.name for p in TOOLS} >= {"table", "inline", "ledger"}
