"""The rich terminal report a supervising office reads: header, requirement table, findings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from planlint.checks import Result
from planlint.engine import Failure
from planlint.match.near import MENTION
from planlint.messages import location_text, near_detail, near_none, near_place, word
from planlint.output import one_line, printable
from planlint.report.cjkwrap import Wrapped, wrap_lines, wrap_text
from planlint.report.display import LABELS as _LABELS
from planlint.report.display import NEAR_TITLE as _NEAR_TITLE
from planlint.report.display import RequirementRow, requirement_rows, shown
from planlint.report.summary import BatchSummary, Tally, legend_lines, matrix_rows
from planlint.rules.years import year_line

_STATUS_STYLE = {
    "covered": "green",
    "unassigned": "yellow",
    "not-applicable": "cyan",
    "missing": "bold red",
}
_SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}


def _explanation(result: Result, lang: str) -> Table:
    """Why each requirement was matched: every carrying item, its score and the terms found."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1)
    for v in result.verdicts:
        if not v.hits:
            continue
        lines = []
        for h in sorted(v.hits, key=lambda h: h.rank, reverse=True):
            via = " " + _LABELS[lang]["via_heading"].strip() if h.via == "heading" else ""
            lines.append(f"[{h.item}] {h.score:g}  {' + '.join(h.terms)}{via}")
        grid.add_row(Text(v.rule.short if lang == "zh" else v.rule.id), Wrapped("\n".join(lines)))
    return grid


def _near_misses(result: Result, lang: str) -> Table:
    """Why each missing requirement was judged missing: where its words appear outside any
    item, and the places that came closest. Plan text goes in as Text, never as markup."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1)
    for v in result.verdicts:
        if v.status != "missing":
            continue
        lines = Text()
        for n, near in enumerate(v.near):
            if n:
                lines.append("\n")
            lines.append(near_place(near, lang), style="bold" if near.kind == MENTION else "")
            lines.append("  " + near_detail(near, lang))
            if near.excerpt:
                lines.append("  " + near.excerpt, style="dim")
        if not v.near:
            lines.append(near_none(lang), style="dim")
        grid.add_row(Text(v.rule.short if lang == "zh" else v.rule.id), Wrapped(lines))
    return grid


class RequirementTable:
    """A plan's requirement table laid out for the width it is given.

    Status, owners and deadline are what a reader acts on, so they are never cut: the status
    and deadline columns are as wide as their widest entry, the owners column at least as wide
    as its longest unit name, with a list of units wrapped between units. The requirement's
    name wraps, and the carrying item's text takes what is left, wrapped by Chinese rules and
    cut after ``EVIDENCE_LINES`` lines (the text report has it in full). Rich's own column
    sizing measures a Chinese sentence as one unbreakable word and shrinks every column alike
    when the table does not fit, so the widths are decided here and each cell is wrapped to its
    column before rich sees it.
    """

    EVIDENCE_LINES = 2
    _TITLE_MIN = 8  # cells: four Chinese characters
    _EVIDENCE_MIN = 10
    _EVIDENCE_READABLE = 20  # the text gets this much before the other columns grow
    _DEADLINE_MIN = 16  # 2025年12月31日前; a wider deadline may wrap (never be cut) when narrow

    def __init__(self, rows: Sequence[RequirementRow], lang: str = "zh") -> None:
        self.rows = list(rows)
        self.lang = lang

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(options.max_width, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        L = _LABELS[self.lang]
        headers = [L["req"], L["status"], L["owner"], L["deadline"], L["evidence"]]
        table = Table(show_lines=False, expand=False, pad_edge=False)
        # five columns: six borders, one cell of padding each side but the outer two
        overhead = (len(headers) + 1) + (2 * len(headers) - 2)
        widths = self._widths(options.max_width - overhead, headers)
        for header, width in zip(headers, widths, strict=True):
            table.add_column(Text(header), width=width, no_wrap=True, overflow="fold")
        title_w, _, owner_w, deadline_w, evidence_w = widths
        # a narrow text column may take a line more before it is cut
        evidence_lines = self.EVIDENCE_LINES + (evidence_w < 2 * self._EVIDENCE_MIN)
        for row in self.rows:
            table.add_row(
                wrap_text(Text(row.title), title_w),
                Text(row.status_text, style=_STATUS_STYLE[row.status]),
                Text("\n".join(owner_lines(row.owners, owner_w))),
                wrap_text(Text(row.deadline), deadline_w),
                wrap_text(Text(row.evidence), evidence_w, evidence_lines),
            )
        yield table

    def _widths(self, room: int, headers: list[str]) -> list[int]:
        """Content widths of the five columns for ``room`` cells, in the order of ``headers``."""
        rows = self.rows

        def widest(values: list[str], header: str) -> int:
            return max([cell_len(header), *(cell_len(v) for v in values)])

        status = widest([r.status_text for r in rows], headers[1])
        title_full = widest([r.title for r in rows], headers[0])
        deadline_full = widest([r.deadline for r in rows], headers[3])
        owner_full = widest(["、".join(r.owners) for r in rows], headers[2])
        owner_min = widest([u + "、" for r in rows for u in r.owners[:-1]], headers[2])
        owner_min = max(owner_min, widest([r.owners[-1] for r in rows if r.owners], ""))
        evidence_full = widest([r.evidence for r in rows], headers[4])
        title = min(title_full, max(self._TITLE_MIN, cell_len(headers[0])))
        deadline = min(deadline_full, max(self._DEADLINE_MIN, cell_len(headers[3])))
        evidence = min(evidence_full, self._EVIDENCE_MIN)
        owner = owner_min
        spare = room - (title + status + deadline + owner + evidence)
        if spare < 0:  # a very narrow screen: the text and the name give way first
            evidence, spare = _give(evidence, spare, 4)
            title, spare = _give(title, spare, 4)
        # what is left goes to what would wrap (name, deadline), a readable stretch of text,
        # the owners on one line, and the rest to the text again
        wants = [
            ("title", title_full - title),
            ("deadline", deadline_full - deadline),
            ("evidence", min(evidence_full, self._EVIDENCE_READABLE) - evidence),
            ("owner", owner_full - owner),
            ("evidence", evidence_full),
        ]
        grown = {"evidence": evidence, "deadline": deadline, "title": title, "owner": owner}
        for name, want in wants:
            extra = max(0, min(spare, want))
            grown[name] += extra
            spare -= extra
        grown["evidence"] += max(0, spare)  # the table fills the panel
        return [grown["title"], status, grown["owner"], grown["deadline"], grown["evidence"]]


def _give(width: int, spare: int, least: int) -> tuple[int, int]:
    """``width`` shrunk towards ``least`` to cover the shortfall ``-spare``."""
    cut = min(-spare, max(0, width - least))
    return width - cut, spare + cut


def owner_lines(owners: Sequence[str], width: int) -> list[str]:
    """A list of units set ``width`` cells wide, broken between units (after the 、 that joins
    them) so a unit's name stays whole; a name wider than the column wraps by Chinese rules."""
    lines: list[str] = []
    line = ""
    for n, unit in enumerate(owners):
        piece = unit + ("、" if n < len(owners) - 1 else "")
        if line and cell_len(line + piece) > width:
            lines.append(line)
            line = ""
        if cell_len(piece) > width:
            *full, line = wrap_lines(line + piece, width)
            lines.extend(full)
        else:
            line += piece
    if line or not lines:
        lines.append(line)
    return lines


def render_result(result: Result, lang: str = "zh", explain: bool = False) -> Group:
    L = _LABELS[lang]
    plan = result.plan
    head = Text()
    head.append(f"{L['file']}: ", style="bold").append(printable(plan.path) + "\n")
    head.append(f"{L['agency']}: ", style="bold").append(f"{plan.agency or '?'}   ")
    head.append(f"{L['year']}: ", style="bold").append(f"{plan.year or '?'}   ")
    head.append(f"{L['kind']}: ", style="bold").append(f"{word(plan.kind, lang)}   ")
    head.append(f"{L['items']}: ", style="bold").append(f"{len(plan.items)}   ")
    head.append(f"{L['pack']}: ", style="bold").append(", ".join(result.pack_names))
    said = year_line(result.year, lang)
    if said:
        head.append("\n" + said, style="dim")

    # plan and pack text as Text or plain data: a "[/b]" in a cell is text, not rich markup
    table = RequirementTable(requirement_rows(result, lang), lang)

    findings = Table.grid(padding=(0, 1))
    findings.add_column(no_wrap=True)
    findings.add_column(no_wrap=True, style="dim")
    findings.add_column(ratio=1)
    for f in result.findings:
        where = location_text(f.loc, lang) if f.loc else ""
        findings.add_row(
            Text(word(f.severity, lang), style=_SEVERITY_STYLE[f.severity]),
            Text(printable(where)),
            Wrapped(shown(f"{f.message_in(lang)} ({f.rule})")),
        )
    counts = {s: sum(v.status == s for v in result.verdicts) for s in _STATUS_STYLE}
    coverage = L["coverage"].format(
        covered=counts["covered"],
        total=len(result.verdicts),
        unassigned=counts["unassigned"],
        na=counts["not-applicable"],
        missing=counts["missing"],
    )
    parts: list = [Wrapped(head, by_spaces=True), table]
    if explain:
        parts += [Text(L["why"], style="bold"), _explanation(result, lang)]
        if any(v.status == "missing" for v in result.verdicts):
            parts += [Text(_NEAR_TITLE[lang], style="bold"), _near_misses(result, lang)]
    if result.findings:
        parts += [Text(L["findings"], style="bold"), findings]
    unplaced = [f for f in plan.unplaced if f.role == "unknown"]
    if unplaced:
        parts.append(Wrapped(Text(L["unplaced"].format(n=len(unplaced)), style="dim")))
    parts.append(Wrapped(Text(coverage, style="bold")))
    return Group(*parts)


def render_terminal(
    outcomes: list[Result | Failure], console: Console, lang: str = "zh", explain: bool = False
) -> None:
    """Each plan's report, a file that could not be checked as a line in its place, and after
    a batch (more than one file) the plans-by-requirements summary and the totals line."""
    writer = TerminalWriter(console, lang, explain)
    for outcome in outcomes:
        writer.add(outcome)
    writer.finish()


class TerminalWriter:
    """The terminal report printed plan by plan as a batch streams (report/stream.py), the
    summary at the end from compact rows. ``around`` wraps each print: a progress bar drawn on
    the same screen is put away while the report prints (progress.py)."""

    def __init__(
        self,
        console: Console,
        lang: str = "zh",
        explain: bool = False,
        around: Callable[[], AbstractContextManager[object]] = nullcontext,
    ) -> None:
        self.console = console
        self.lang = lang
        self.explain = explain
        self.around = around
        self.tally = Tally()
        self.count = 0

    def add(self, outcome: Result | Failure) -> None:
        self.count += 1
        self.tally.add(outcome)
        if isinstance(outcome, Failure):
            failed = f"{_LABELS[self.lang]['failed']}: {one_line(outcome.message)}"
            shown: object = Wrapped(Text(failed, style="red"))
        else:
            result = render_result(outcome, self.lang, self.explain)
            shown = Panel(result, title="planlint", expand=True)
        with self.around():
            self.console.print(shown)

    def finish(self) -> None:
        if self.count > 1:
            with self.around():
                self.console.print(render_summary(self.tally.summary(), self.lang))


def render_summary(summary: BatchSummary, lang: str = "zh") -> Group:
    """The closing table of a batch: a row per plan (a status mark per requirement, its
    missing and unassigned counts), a row per file not checked, totals per requirement."""
    L = _LABELS[lang]
    table = Table(title=L["summary"], show_lines=False, expand=False)
    table.add_column(L["plan"], overflow="fold", min_width=16)
    for number in range(1, len(summary.rules) + 1):  # numbered: ten names would not fit 80 columns
        table.add_column(str(number), justify="center", no_wrap=True)
    table.add_column(L["missing"], justify="right", no_wrap=True)
    table.add_column(L["unassigned"], justify="right", no_wrap=True)
    for row in matrix_rows(summary, L["missing_per_req"]):
        if row.kind == "total":
            name = Text(row.name, style="bold")
            marks = [Text(mark, style="bold red") for mark, _ in row.cells]
        else:
            name = Wrapped(Text(printable(row.name), style="red" if row.kind == "failed" else ""))
            marks = [
                Text(mark, style=_STATUS_STYLE.get(status, "") if status else "dim")
                for mark, status in row.cells
            ]
        table.add_row(name, *marks, row.missing, row.unassigned, end_section=row.kind == "total")
    legends = [Wrapped(Text(line, style="dim")) for line in legend_lines(summary, lang)]
    return Group(table, *legends, Wrapped(Text(summary.totals_line(lang), style="bold")))
