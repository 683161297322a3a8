"""The batch summary: plans by requirements, with totals per requirement, per plan and overall.

A supervising office reads a batch, not a plan: which units miss which requirement, and how many
plans could not be read at all. The HTML report, the xlsx matrix and the terminal's closing table
all show the same numbers, so they are computed here once, as plain data, with no rendering.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from planlint.checks import Result
from planlint.checks.base import STATUSES, Verdict
from planlint.engine import Failure
from planlint.messages import doc_text, word
from planlint.rules import Rule

STATUS_MARKS = {"covered": "√", "unassigned": "△", "not-applicable": "○", "missing": "×"}
"""One character per status for matrix cells; all four are in GBK, so a Chinese console can
print them (✓ and ✗ are not)."""

NOT_CHECKED_MARK = "·"
"""A matrix cell for a requirement the plan was not checked against (another pack)."""


@dataclass(frozen=True)
class PlanRow:
    """One checked plan's row: its name (:func:`plan_label`), its file, and its status per
    summary column (None: not checked for it). Plain strings only: a batch keeps one of these
    per plan for the closing matrix, never the plan itself."""

    label: str
    path: str
    statuses: tuple[str | None, ...]

    @property
    def counts(self) -> dict[str, int]:
        return {s: sum(v == s for v in self.statuses) for s in STATUSES}


@dataclass(frozen=True)
class BatchSummary:
    """Plans by requirements. ``rules`` are the matrix columns in the order the packs give
    them (the union over the batch, first seen first); ``failures`` the files not checked."""

    rules: tuple[Rule, ...]
    rows: tuple[PlanRow, ...]
    failures: tuple[Failure, ...] = field(default_factory=tuple)

    @property
    def checked(self) -> int:
        return len(self.rows)

    @property
    def unreadable(self) -> int:
        return len(self.failures)

    def column_counts(self, index: int) -> dict[str, int]:
        """How many plans gave requirement ``index`` each status."""
        counts = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            status = row.statuses[index]
            if status is not None:
                counts[status] += 1
        return counts

    def total(self, status: str) -> int:
        """Plan-requirement pairs with ``status`` across the batch."""
        return sum(row.counts[status] for row in self.rows)

    def totals_line(self, lang: str = "zh") -> str:
        """The one line of totals: plans checked, could not be read, missing and unassigned."""
        return doc_text(
            "totals",
            lang,
            checked=self.checked,
            unreadable=self.unreadable,
            missing=self.total("missing"),
            unassigned=self.total("unassigned"),
        )


class Tally:
    """The batch summary gathered as outcomes stream past (:meth:`add` each, in the run's
    order; :meth:`summary` at the end): a compact row per plan and the failures, so the
    closing matrix needs none of the plans it summarises."""

    def __init__(self) -> None:
        self.keys: dict[tuple[str, str], int] = {}  # a column's rule -> its index
        self.rules: list[Rule] = []
        self.rows: list[PlanRow] = []
        self.failures: list[Failure] = []

    def add(self, outcome: Result | Failure) -> None:
        if isinstance(outcome, Failure):
            self.failures.append(outcome)
            return
        statuses: list[str | None] = [None] * len(self.keys)
        for verdict in outcome.verdicts:
            key = (verdict.rule.pack, verdict.rule.id)
            if key not in self.keys:
                self.keys[key] = len(self.rules)
                self.rules.append(verdict.rule)
                statuses.append(None)
            statuses[self.keys[key]] = sys.intern(verdict.status)
        self.rows.append(PlanRow(plan_label(outcome), outcome.plan.path, tuple(statuses)))

    def summary(self) -> BatchSummary:
        """The summary so far; a row made before a later plan added a column has None
        (not checked for it) there."""
        width = len(self.rules)
        rows = tuple(
            row if len(row.statuses) == width else replace(row, statuses=_padded(row, width))
            for row in self.rows
        )
        return BatchSummary(tuple(self.rules), rows, tuple(self.failures))


def _padded(row: PlanRow, width: int) -> tuple[str | None, ...]:
    return row.statuses + (None,) * (width - len(row.statuses))


def summarize(outcomes: Sequence[Result | Failure]) -> BatchSummary:
    """The summary of one run's outcomes, in the run's order."""
    tally = Tally()
    for outcome in outcomes:
        tally.add(outcome)
    return tally.summary()


def rule_label(rule: Rule, lang: str = "zh") -> str:
    """A requirement's short name for a column header: its short Chinese title, or its id."""
    return (rule.short or rule.title) if lang == "zh" else rule.id


def rule_title(rule: Rule, lang: str = "zh") -> str:
    """A requirement's full title in the report's language."""
    return rule.title if lang == "zh" else (rule.title_en or rule.title)


def plan_label(result: Result) -> str:
    """How a plan is named in a matrix row: its agency when known, else its file."""
    return result.plan.agency or result.plan.path


def owners_text(verdict: Verdict, result: Result) -> str:
    """The units owning a requirement, or the placeholder its item holds instead (——)."""
    if verdict.owners:
        return "、".join(verdict.owners)
    item = _best_item(verdict, result)
    return (item.placeholder or "") if item is not None else ""


def evidence_text(verdict: Verdict, result: Result, lang: str = "zh") -> str:
    """The item that best carries a requirement, as ``[id +n] text`` on one line ("" if none)."""
    item = _best_item(verdict, result)
    if item is None:
        return ""
    more = f" +{len(verdict.hits) - 1}" if len(verdict.hits) > 1 else ""
    via = doc_text("via-heading", lang) if any(h.via == "heading" for h in verdict.hits) else ""
    return f"[{item.id}{more}] {via}{' '.join(item.text.split())}"


def _best_item(verdict: Verdict, result: Result):
    if not verdict.best_item:
        return None
    return next((i for i in result.plan.items if i.id == verdict.best_item), None)


@dataclass(frozen=True)
class MatrixRow:
    """One line of the closing table as text, for the terminal and plain-text layouts: its
    name, a (mark, status) per requirement (status None: not a plan's verdict), and its
    missing and unassigned counts. ``kind``: "plan", "failed" (not checked) or "total"."""

    name: str
    cells: tuple[tuple[str, str | None], ...]
    missing: str
    unassigned: str
    kind: str


def matrix_rows(summary: BatchSummary, total_label: str) -> list[MatrixRow]:
    """The closing table's lines: a row per plan, a row per file not checked, and the row
    (``total_label``) of how many plans miss each requirement, with the batch's totals."""
    rows = [
        MatrixRow(
            row.label,
            tuple((STATUS_MARKS[s], s) if s else (NOT_CHECKED_MARK, None) for s in row.statuses),
            str(row.counts["missing"]),
            str(row.counts["unassigned"]),
            "plan",
        )
        for row in summary.rows
    ]
    dashes = tuple(("-", None) for _ in summary.rules)
    rows += [MatrixRow(f.path, dashes, "", "", "failed") for f in summary.failures]
    totals = tuple(
        (str(summary.column_counts(i)["missing"]), None) for i in range(len(summary.rules))
    )
    missing, unassigned = str(summary.total("missing")), str(summary.total("unassigned"))
    rows.append(MatrixRow(total_label, totals, missing, unassigned, "total"))
    return rows


def legend_lines(summary: BatchSummary, lang: str = "zh") -> list[str]:
    """What the numbered columns are (1 听取汇报 …) and what the marks mean (√ 已落实 …)."""
    columns = "  ".join(f"{n} {rule_label(r, lang)}" for n, r in enumerate(summary.rules, 1))
    marks = "  ".join(f"{mark} {word(status, lang)}" for status, mark in STATUS_MARKS.items())
    return [columns, marks]
