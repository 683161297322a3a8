"""The xlsx workbook: the plans-by-requirements matrix an office forwards and filters.

Three sheets, each a plain table a clerk can sort and filter (frozen header, auto filter,
column widths set):

- the matrix (汇总矩阵): one row per plan, and per requirement three adjacent columns: its
  status in words on the status colour's fill, its owners, and the matched item's text, so
  nothing is hidden in comments and every column can be filtered; the plan's counts at the
  right; files that could not be checked are rows too, with the reason in the status column;
- the findings (问题清单): one row per finding: plan, file, rule, severity, message, location;
- the files not checked (无法检查): file and reason.

Cell text is written as a string, never a formula: plan text starting with ``=`` stays text.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from planlint.checks import Result
from planlint.checks.base import STATUSES
from planlint.engine import Failure
from planlint.messages import doc_text, location_text, word
from planlint.output import printable
from planlint.report.stream import collect
from planlint.report.summary import (
    BatchSummary,
    Tally,
    evidence_text,
    owners_text,
    plan_label,
    rule_label,
)

FILLS = {
    "covered": "C8E6C9",
    "unassigned": "FFE082",
    "not-applicable": "B3E5FC",
    "missing": "FFCDD2",
}
"""Light tints of the HTML report's status colours, readable under black text."""

_FAILED_FILL = "E0E0E0"
_HEADER_FILL = "EEEEEE"
_CELL_MAX = 32767  # Excel's limit on one cell's text


def render_xlsx(outcomes: Sequence[Result | Failure], lang: str = "zh") -> bytes:
    """The workbook as the bytes of an .xlsx file."""
    parts: list[bytes] = []
    collect(XlsxWriter(parts.append, lang), outcomes)
    return b"".join(parts)


class XlsxWriter:
    """The workbook gathered as a batch streams (report/stream.py) and written at the end.

    An xlsx file is a zip of whole sheets, and the matrix's columns are the batch's rules, so
    nothing can be written before the last plan. Each plan leaves only its rows, as the text
    the cells will hold (the status, owners and carrying item per requirement; a row per
    finding), in temporary files; at the end a write-only workbook (openpyxl streams its
    rows to disk) is built from them and sent to ``out`` as bytes."""

    def __init__(self, out: Callable[[bytes], None], lang: str = "zh") -> None:
        self.out = out
        self.lang = lang
        self.tally = Tally()
        self.matrix = _Records()
        self.findings = _Records()

    def add(self, outcome: Result | Failure) -> None:
        self.tally.add(outcome)
        if isinstance(outcome, Failure):
            return
        lang = self.lang
        cells = {
            (v.rule.pack, v.rule.id): (
                v.status,
                owners_text(v, outcome),
                evidence_text(v, outcome, lang),
            )
            for v in outcome.verdicts
        }
        self.matrix.add(cells)
        titles = {v.rule.id: rule_label(v.rule, lang) for v in outcome.verdicts}
        label = plan_label(outcome)
        for f in outcome.findings:
            self.findings.add(
                [
                    label,
                    outcome.plan.path,
                    f.rule,
                    word(f.severity, lang),
                    f.message_in(lang),
                    location_text(f.loc, lang) if f.loc else "",
                    titles.get(f.rule, ""),
                ]
            )

    def finish(self) -> None:
        lang = self.lang
        summary = self.tally.summary()
        book = Workbook(write_only=True)
        _matrix(book.create_sheet(doc_text("matrix-sheet", lang)), summary, self.matrix, lang)
        _findings(book.create_sheet(doc_text("findings-sheet", lang)), self.findings, lang)
        _failures(book.create_sheet(doc_text("failed-sheet", lang)), summary, lang)
        with tempfile.TemporaryFile() as file:
            book.save(file)
            file.seek(0)
            while chunk := file.read(1 << 16):
                self.out(chunk)


class _Records:
    """Rows kept on disk until the workbook is written, read back once in order."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 - closed once read back
        self.count = 0

    def add(self, record: object) -> None:
        pickle.dump(record, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __iter__(self) -> Iterator[Any]:
        self.file.seek(0)
        for _ in range(self.count):
            yield pickle.load(self.file)
        self.file.close()


def _text(value: object) -> str:
    """Plan text for a cell: one line, controls made visible (openpyxl refuses most), capped."""
    text = printable(" ".join(str(value).split()))
    return text if len(text) <= _CELL_MAX else text[: _CELL_MAX - 1] + "…"


def _cell(sheet: Any, value: object, fill: str | None = None) -> WriteOnlyCell | None:
    """One cell; text is stored as a string (never a formula, even if it starts with =)."""
    if value is None:
        return None
    if isinstance(value, int):
        cell = WriteOnlyCell(sheet, value=value)
    else:
        cell = WriteOnlyCell(sheet, value=_text(value))
        cell.data_type = "s"
    if fill is not None:
        cell.fill = PatternFill("solid", fgColor=fill)
    return cell


def _header(sheet: Any, names: list[str], widths: list[float], rows: int, freeze: str) -> None:
    """The header row, bold on grey; frozen (with the columns left of ``freeze``), filtered
    over the ``rows`` that follow, and the columns sized to ``widths``."""
    for col, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = freeze
    last = get_column_letter(max(len(names), 1))
    sheet.auto_filter.ref = f"A1:{last}{rows + 1}"
    cells = []
    for name in names:
        cell = _cell(sheet, name, _HEADER_FILL)
        assert cell is not None
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        cells.append(cell)
    sheet.append(cells)


def _matrix(sheet: Any, summary: BatchSummary, records: _Records, lang: str) -> None:
    names = [doc_text("plan", lang), doc_text("file", lang)]
    widths: list[float] = [24, 30]
    for rule in summary.rules:
        label = rule_label(rule, lang)
        names += [
            f"{label}：{doc_text('status', lang)}" if lang == "zh" else f"{label}: status",
            f"{label}：{doc_text('owners', lang)}" if lang == "zh" else f"{label}: owners",
            f"{label}：{doc_text('evidence', lang)}" if lang == "zh" else f"{label}: carried by",
        ]
        widths += [12, 18, 40]
    names += [word(s, lang) for s in STATUSES]
    widths += [10] * len(STATUSES)
    rows = len(summary.rows) + len(summary.failures)
    _header(sheet, names, widths, rows, freeze="B2")  # the plan's name stays in view
    keys = [(rule.pack, rule.id) for rule in summary.rules]
    for plan_row, cells in zip(summary.rows, records, strict=True):
        values: list[WriteOnlyCell | None] = [
            _cell(sheet, plan_row.label),
            _cell(sheet, plan_row.path),
        ]
        for key in keys:
            if key not in cells:
                values += [_cell(sheet, doc_text("not-checked", lang)), None, None]
                continue
            status, owners, evidence = cells[key]
            values.append(_cell(sheet, word(status, lang), FILLS[status]))
            values += [_cell(sheet, owners), _cell(sheet, evidence)]
        counts = plan_row.counts
        values += [_cell(sheet, counts[s]) for s in STATUSES]
        sheet.append(values)
    for failure in summary.failures:
        sheet.append(
            [
                _cell(sheet, doc_text("failed", lang)),
                _cell(sheet, failure.path),
                _cell(sheet, failure.message, _FAILED_FILL),
            ]
        )


def _findings(sheet: Any, records: _Records, lang: str) -> None:
    names = [doc_text(k, lang) for k in ("plan", "file", "rule", "severity", "message")]
    names += [doc_text("location", lang), doc_text("requirement", lang)]
    _header(sheet, names, [24, 30, 20, 8, 70, 18, 16], records.count, freeze="A2")
    for values in records:
        sheet.append([_cell(sheet, value) for value in values])


def _failures(sheet: Any, summary: BatchSummary, lang: str) -> None:
    names = [doc_text("file", lang), doc_text("reason", lang)]
    _header(sheet, names, [40, 80], len(summary.failures), freeze="A2")
    for failure in summary.failures:
        sheet.append([_cell(sheet, failure.path), _cell(sheet, failure.message)])
