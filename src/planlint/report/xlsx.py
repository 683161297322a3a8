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

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planlint.checks import Result
from planlint.checks.base import STATUSES
from planlint.engine import Failure
from planlint.messages import doc_text, location_text, word
from planlint.output import printable
from planlint.report.summary import (
    BatchSummary,
    evidence_text,
    owners_text,
    plan_label,
    rule_label,
    summarize,
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
    summary = summarize(outcomes)
    book = Workbook()
    matrix = book.active
    assert matrix is not None  # a new workbook always has its first sheet
    matrix.title = doc_text("matrix-sheet", lang)
    _matrix(matrix, summary, lang)
    _findings(book.create_sheet(doc_text("findings-sheet", lang)), summary, lang)
    _failures(book.create_sheet(doc_text("failed-sheet", lang)), summary, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text(value: object) -> str:
    """Plan text for a cell: one line, controls made visible (openpyxl refuses most), capped."""
    text = printable(" ".join(str(value).split()))
    return text if len(text) <= _CELL_MAX else text[: _CELL_MAX - 1] + "…"


def _put(sheet: Worksheet, row: int, col: int, value: object) -> Cell:
    """Write one cell; text is stored as a string (never a formula, even if it starts with =)."""
    cell = sheet.cell(row=row, column=col)
    if isinstance(value, int):
        cell.value = value
    else:
        cell.value = _text(value)
        cell.data_type = "s"
    return cell


def _header(sheet: Worksheet, names: list[str], widths: list[float], freeze: str = "A2") -> None:
    """The header row, bold on grey; frozen (with the columns left of ``freeze``), filtered,
    and the columns sized to ``widths``."""
    for col, name in enumerate(names, 1):
        cell = _put(sheet, 1, col, name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for col, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = freeze
    last = get_column_letter(max(len(names), 1))
    sheet.auto_filter.ref = f"A1:{last}{max(sheet.max_row, 1)}"


def _matrix(sheet: Worksheet, summary: BatchSummary, lang: str) -> None:
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
    row = 2
    for plan_row in summary.rows:
        result = plan_row.result
        _put(sheet, row, 1, plan_label(result))
        _put(sheet, row, 2, result.plan.path)
        for i, verdict in enumerate(plan_row.verdicts):
            col = 3 + 3 * i
            if verdict is None:
                _put(sheet, row, col, doc_text("not-checked", lang))
                continue
            status = _put(sheet, row, col, word(verdict.status, lang))
            status.fill = PatternFill("solid", fgColor=FILLS[verdict.status])
            _put(sheet, row, col + 1, owners_text(verdict, result))
            _put(sheet, row, col + 2, evidence_text(verdict, result, lang))
        counts = plan_row.counts
        for j, s in enumerate(STATUSES):
            _put(sheet, row, 3 + 3 * len(summary.rules) + j, counts[s])
        row += 1
    for failure in summary.failures:
        _put(sheet, row, 1, doc_text("failed", lang))
        _put(sheet, row, 2, failure.path)
        cell = _put(sheet, row, 3, failure.message)
        cell.fill = PatternFill("solid", fgColor=_FAILED_FILL)
        row += 1
    _header(sheet, names, widths, freeze="B2")  # the plan's name stays in view


def _findings(sheet: Worksheet, summary: BatchSummary, lang: str) -> None:
    names = [doc_text(k, lang) for k in ("plan", "file", "rule", "severity", "message")]
    names += [doc_text("location", lang), doc_text("requirement", lang)]
    row = 2
    for plan_row in summary.rows:
        result = plan_row.result
        titles = {v.rule.id: rule_label(v.rule, lang) for v in result.verdicts}
        for f in result.findings:
            values: list[object] = [
                plan_label(result),
                result.plan.path,
                f.rule,
                word(f.severity, lang),
                f.message_in(lang),
                location_text(f.loc, lang) if f.loc else "",
                titles.get(f.rule, ""),
            ]
            for col, value in enumerate(values, 1):
                _put(sheet, row, col, value)
            row += 1
    _header(sheet, names, [24, 30, 20, 8, 70, 18, 16])


def _failures(sheet: Worksheet, summary: BatchSummary, lang: str) -> None:
    for row, failure in enumerate(summary.failures, 2):
        _put(sheet, row, 1, failure.path)
        _put(sheet, row, 2, failure.message)
    _header(sheet, [doc_text("file", lang), doc_text("reason", lang)], [40, 80])
