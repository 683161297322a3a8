"""A PR/MR comment (and GitHub's job summary): the summary table, then each plan's findings
collapsed under a ``<details>`` of its own, so a batch of fifty plans is a short comment.

Everything from a plan or a file name is escaped (report/mdtext.py): a ``|`` in a task would
split a cell, a backtick open code, a ``<`` start a tag that closes the ``<details>`` early.
"""

from __future__ import annotations

from planlint.checks import Result
from planlint.checks.base import STATUSES, Finding
from planlint.engine import Failure
from planlint.messages import ci_text, location_text, word
from planlint.report.mdtext import html_escape, md_escape
from planlint.report.places import anchor, display_path
from planlint.report.stream import Out, Spool, collect

_SEVERITIES = ("error", "warning", "info")


def render_markdown(outcomes: list[Result | Failure], lang: str = "zh") -> str:
    parts: list[str] = []
    collect(MarkdownWriter(parts.append, lang), outcomes)
    return "".join(parts)


class MarkdownWriter:
    """The comment written as a batch streams (report/stream.py): the summary table comes
    first, so each plan's table row is kept (one line) and its details wait in a spool."""

    def __init__(self, out: Out, lang: str = "zh") -> None:
        self.out = out
        self.lang = lang
        self.rows: list[str] = []
        self.failures: list[Failure] = []
        self.details = Spool()

    def add(self, outcome: Result | Failure) -> None:
        if isinstance(outcome, Failure):
            self.failures.append(outcome)
            return
        self.rows.append(_summary_row(outcome))
        self.details.write("".join("\n" + line for line in _plan_details(outcome, self.lang)))

    def finish(self) -> None:
        parts = [f"### {ci_text('md-heading', self.lang)}", ""]
        if not (self.rows or self.failures):
            self.details.close()
            self.out("\n".join([*parts, ci_text("md-no-plans", self.lang), ""]))
            return
        parts += _summary_table(self.rows, self.failures, self.lang)
        for failure in self.failures:
            parts.append(
                f"- ❌ {md_escape(display_path(failure.path))}: {md_escape(failure.message)}"
            )
        if self.failures:
            parts.append("")
        self.out("\n".join(parts))
        self.details.copy_to(self.out)


def _summary_table(rows: list[str], failures: list[Failure], lang: str) -> list[str]:
    head = [
        ci_text("md-plan", lang),
        ci_text("md-requirements", lang),
        *(word(s, lang) for s in STATUSES),
        ci_text("md-errors", lang),
        ci_text("md-warnings", lang),
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head), *rows]
    for failure in failures:
        cells = [md_escape(display_path(failure.path)), ci_text("md-unreadable", lang)]
        lines.append("| " + " | ".join(cells + [""] * (len(head) - 2)) + " |")
    return [*lines, ""]


def _summary_row(result: Result) -> str:
    """A plan's line of the summary table: its counts by status and severity."""
    counts = [sum(v.status == s for v in result.verdicts) for s in STATUSES]
    errors, warnings, _ = _severity_counts(result.findings)
    cells = [
        md_escape(display_path(result.plan.path)),
        str(len(result.verdicts)),
        *map(str, counts),
        str(errors),
        str(warnings),
    ]
    return "| " + " | ".join(cells) + " |"


def _plan_details(result: Result, lang: str) -> list[str]:
    errors, warnings, infos = _severity_counts(result.findings)
    counts = ci_text("md-count", lang, errors=errors, warnings=warnings, infos=infos)
    label = html_escape(f"{display_path(result.plan.path)} — {counts}")
    lines = ["<details>", f"<summary>{label}</summary>", ""]
    if not result.findings:
        lines.append(ci_text("md-no-findings", lang))
    else:
        head = [ci_text(f"md-{h}", lang) for h in ("severity", "rule", "location", "message")]
        lines += ["| " + " | ".join(head) + " |", "|---|---|---|---|"]
        for finding in result.findings:
            where = location_text(anchor(result.plan, finding), lang)
            cells = [
                word(finding.severity, lang),
                md_escape(f"{finding.pack}/{finding.rule}"),
                md_escape(where),
                md_escape(finding.message_in(lang)),
            ]
            lines.append("| " + " | ".join(cells) + " |")
    return [*lines, "", "</details>", ""]


def _severity_counts(findings: list[Finding]) -> tuple[int, int, int]:
    errors, warnings, infos = (sum(f.severity == s for f in findings) for s in _SEVERITIES)
    return errors, warnings, infos
