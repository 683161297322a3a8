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

_SEVERITIES = ("error", "warning", "info")


def render_markdown(outcomes: list[Result | Failure], lang: str = "zh") -> str:
    results = [o for o in outcomes if isinstance(o, Result)]
    failures = [o for o in outcomes if isinstance(o, Failure)]
    parts = [f"### {ci_text('md-heading', lang)}", ""]
    if not outcomes:
        return "\n".join([*parts, ci_text("md-no-plans", lang), ""])
    parts += _summary_table(results, failures, lang)
    for failure in failures:
        parts.append(f"- ❌ {md_escape(display_path(failure.path))}: {md_escape(failure.message)}")
    if failures:
        parts.append("")
    for result in results:
        parts += _plan_details(result, lang)
    return "\n".join(parts)


def _summary_table(results: list[Result], failures: list[Failure], lang: str) -> list[str]:
    head = [
        ci_text("md-plan", lang),
        ci_text("md-requirements", lang),
        *(word(s, lang) for s in STATUSES),
        ci_text("md-errors", lang),
        ci_text("md-warnings", lang),
    ]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for result in results:
        counts = [sum(v.status == s for v in result.verdicts) for s in STATUSES]
        errors, warnings, _ = _severity_counts(result.findings)
        cells = [
            md_escape(display_path(result.plan.path)),
            str(len(result.verdicts)),
            *map(str, counts),
            str(errors),
            str(warnings),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    for failure in failures:
        cells = [md_escape(display_path(failure.path)), ci_text("md-unreadable", lang)]
        rows.append("| " + " | ".join(cells + [""] * (len(head) - 2)) + " |")
    return [*rows, ""]


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
