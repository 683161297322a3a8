"""The plain text report: what the terminal report says, full width, with nothing cut.

Written when the report goes to a file or a pipe (``--format auto``, the default, picks it
whenever standard output is not a terminal): there is no screen width to fit, so nothing is
wrapped, truncated or coloured, and no box is drawn. Each plan is one block: a header line,
one line per requirement (status, owners, deadline, the carrying item's id and full text),
the findings with their locations in the report's language, and its coverage line; a file
that could not be checked is a line in its place; a batch closes with the plans-by-
requirements summary of report/summary.py, aligned by display width so Chinese columns line up.
Lines start where this module starts them, so none begins with closing punctuation.
"""

from __future__ import annotations

from collections.abc import Sequence
from unicodedata import east_asian_width

from planlint.checks import Result
from planlint.engine import Failure
from planlint.messages import location_text, near_detail, near_none, near_place, word
from planlint.output import printable
from planlint.report.display import LABELS, NEAR_TITLE, requirement_rows, shown
from planlint.report.stream import Joined, Out, collect
from planlint.report.summary import STATUS_MARKS, BatchSummary, Tally, legend_lines, matrix_rows
from planlint.rules.years import year_line

_INDENT = "  "


def render_text(
    outcomes: Sequence[Result | Failure], lang: str = "zh", explain: bool = False
) -> str:
    """The whole report as one string (no final newline: the writer adds it)."""
    parts: list[str] = []
    collect(TextWriter(parts.append, lang, explain), outcomes)
    return "".join(parts)


class TextWriter:
    """The text report written plan by plan (report/stream.py): each plan's block as it
    arrives, the batch's summary at the end from compact rows."""

    def __init__(self, out: Out, lang: str = "zh", explain: bool = False) -> None:
        self.block = Joined(out, "\n\n")
        self.lang = lang
        self.explain = explain
        self.tally = Tally()

    def add(self, outcome: Result | Failure) -> None:
        if isinstance(outcome, Failure):
            self.block(f"{LABELS[self.lang]['failed']}: {printable(outcome.message)}")
        else:
            self.block("\n".join(result_lines(outcome, self.lang, self.explain)))
        self.tally.add(outcome)

    def finish(self) -> None:
        if self.block.count > 1:
            self.block("\n".join(summary_lines(self.tally.summary(), self.lang)))


def result_lines(result: Result, lang: str = "zh", explain: bool = False) -> list[str]:
    """One plan's block: header, requirements, explanation, findings, coverage."""
    L = LABELS[lang]
    plan = result.plan
    head = [
        f"{L['file']}: {printable(plan.path)}",
        f"{L['agency']}: {printable(plan.agency or '?')}",
        f"{L['year']}: {plan.year or '?'}",
        f"{L['kind']}: {word(plan.kind, lang)}",
        f"{L['items']}: {len(plan.items)}",
        f"{L['pack']}: {', '.join(result.pack_names)}",
    ]
    said = year_line(result.year, lang)
    lines = ["   ".join(head), *([said] if said else []), f"{L['req']}:"]
    rows = requirement_rows(result, lang)
    title_w = max((cell_len(r.title) for r in rows), default=0)
    status_w = max((cell_len(r.status_text) for r in rows), default=0)
    none = L["none"]
    for row in rows:
        fields = [
            _pad(row.title, title_w),
            _pad(row.status_text, status_w),
            f"{L['owner']}: {'、'.join(row.owners) or none}",
            f"{L['deadline']}: {row.deadline or none}",
            f"{L['evidence']}: {row.evidence or none}",
        ]
        lines.append(_INDENT + "  ".join(fields))
    if explain:
        lines += _explanation(result, lang)
    if result.findings:
        lines.append(f"{L['findings']}:")
        for f in result.findings:
            where = f"{location_text(f.loc, lang)}  " if f.loc else ""
            message = shown(f"{f.message_in(lang)} ({f.rule})")
            lines.append(f"{_INDENT}{word(f.severity, lang)}  {printable(where)}{message}")
    unplaced = [f for f in plan.unplaced if f.role == "unknown"]
    if unplaced:
        lines.append(L["unplaced"].format(n=len(unplaced)))
    counts = {s: sum(v.status == s for v in result.verdicts) for s in STATUS_MARKS}
    lines.append(
        L["coverage"].format(
            covered=counts["covered"],
            total=len(result.verdicts),
            unassigned=counts["unassigned"],
            na=counts["not-applicable"],
            missing=counts["missing"],
        )
    )
    return lines


def _explanation(result: Result, lang: str) -> list[str]:
    """Why each requirement was matched (every carrying item, score, terms) and, for each
    missing one, the places that came closest: one line each."""
    lines = [f"{LABELS[lang]['why']}:"]
    for v in result.verdicts:
        title = v.rule.short if lang == "zh" else v.rule.id
        for h in sorted(v.hits, key=lambda h: h.rank, reverse=True):
            via = " " + LABELS[lang]["via_heading"].strip() if h.via == "heading" else ""
            lines.append(f"{_INDENT}{title}  [{h.item}] {h.score:g}  {' + '.join(h.terms)}{via}")
    missing = [v for v in result.verdicts if v.status == "missing"]
    if missing:
        lines.append(f"{NEAR_TITLE[lang]}:")
    for v in missing:
        title = v.rule.short if lang == "zh" else v.rule.id
        for near in v.near:
            excerpt = f"  {printable(near.excerpt)}" if near.excerpt else ""
            place = near_place(near, lang)
            lines.append(f"{_INDENT}{title}  {place}  {near_detail(near, lang)}{excerpt}")
        if not v.near:
            lines.append(f"{_INDENT}{title}  {near_none(lang)}")
    return lines


def summary_lines(summary: BatchSummary, lang: str = "zh") -> list[str]:
    """The batch's closing table as aligned plain lines, its legends and the totals line."""
    L = LABELS[lang]
    rows = matrix_rows(summary, L["missing_per_req"])
    names = [printable(row.name) for row in rows]
    name_w = max(cell_len(n) for n in [L["plan"], *names])
    numbers = [str(n) for n in range(1, len(summary.rules) + 1)]
    totals = [mark for mark, _ in rows[-1].cells]
    mark_w = [max(len(n), len(t)) for n, t in zip(numbers, totals, strict=True)]
    missing_w = max(cell_len(L["missing"]), len(str(summary.total("missing"))))
    unassigned_w = max(cell_len(L["unassigned"]), len(str(summary.total("unassigned"))))

    def line(name: str, marks: list[str], missing: str, unassigned: str) -> str:
        cells = [_pad(name, name_w)]
        cells += [m.center(w) for m, w in zip(marks, mark_w, strict=True)]
        cells += [_pad(missing, missing_w, right=True), _pad(unassigned, unassigned_w, right=True)]
        return "  ".join(cells).rstrip()

    lines = [L["summary"], line(L["plan"], numbers, L["missing"], L["unassigned"])]
    for row, name in zip(rows, names, strict=True):
        lines.append(line(name, [mark for mark, _ in row.cells], row.missing, row.unassigned))
    return [*lines, *legend_lines(summary, lang), summary.totals_line(lang)]


def cell_len(text: str) -> int:
    """Display width: two cells for a wide (Chinese) character, one for any other. Kept here,
    not taken from rich, so a piped run does not load the terminal's library."""
    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` display cells (a Chinese character is two)."""
    fill = " " * max(0, width - cell_len(text))
    return fill + text if right else text + fill
