"""The HTML report: one self-contained file a supervising office can send on.

It opens anywhere, offline, years later: no scripts, no fonts, images or styles fetched from
anywhere (the CSS is inline, the chart is inline SVG, the fonts are the reader's own CJK system
fonts), and it prints. Every piece of plan text and every file name is HTML-escaped, so a plan
holding ``<script>`` or ``[/b]`` shows it as text. The numbers are report/summary.py's, the
words those of messages/, so the HTML, the xlsx matrix and the terminal agree.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence

from planlint import __version__
from planlint.checks import Result
from planlint.checks.base import STATUSES
from planlint.engine import Failure
from planlint.messages import doc_text, location_text, word
from planlint.output import printable
from planlint.report.stream import Out, Spool, collect
from planlint.report.summary import (
    NOT_CHECKED_MARK,
    STATUS_MARKS,
    BatchSummary,
    Tally,
    evidence_text,
    owners_text,
    plan_label,
    rule_label,
    rule_title,
)

COLOURS = {
    "covered": "#2e7d32",
    "unassigned": "#e6a100",
    "not-applicable": "#0277bd",
    "missing": "#c62828",
}
"""One colour per status, for the chart and the marks (the xlsx fills are their light tints)."""

FONT_STACK = (
    '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", '
    '"Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", '
    '"SimSun", "Noto Sans", "Helvetica Neue", Arial, sans-serif'
)
"""System fonts only (nothing is downloaded): macOS, Windows, Linux CJK fonts, then Latin."""

_CSS = """
body { font-family: %(fonts)s; color: #1a1a1a; margin: 24px auto; max-width: 1200px;
       padding: 0 16px; line-height: 1.5; font-size: 14px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
.meta { color: #555; margin: 2px 0; }
.totals { font-weight: bold; font-size: 15px; margin: 8px 0 12px; }
table { border-collapse: collapse; margin: 6px 0 12px; width: 100%%; }
th, td { border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; text-align: left;
         overflow-wrap: anywhere; }
th { background: #f2f2f2; font-weight: bold; }
table.matrix td.mark { text-align: center; white-space: nowrap; }
table.matrix th.req { text-align: center; font-size: 12px; overflow-wrap: normal; }
table.matrix tbody th:first-child, table.matrix thead th:first-child { min-width: 14em; }
.wide { overflow-x: auto; }
table.matrix td.num { text-align: right; }
table.matrix tfoot td, table.matrix tfoot th { background: #fafafa; }
.s-covered { color: %(covered)s; } .s-unassigned { color: %(unassigned)s; }
.s-not-applicable { color: %(not-applicable)s; } .s-missing { color: %(missing)s; }
td.mark, td.status { font-weight: bold; }
td.mark.s-covered { background: #eef7ee; } td.mark.s-unassigned { background: #fff6dc; }
td.mark.s-not-applicable { background: #e8f4fb; } td.mark.s-missing { background: #fdecec; }
td.failed, .failed { color: %(missing)s; }
td.nowrap, th.nowrap { white-space: nowrap; }
.sev-error { color: %(missing)s; } .sev-warning { color: %(unassigned)s; }
.sev-info { color: %(not-applicable)s; }
.legend span { margin-right: 14px; }
svg text { font-family: %(fonts)s; }
footer { color: #777; font-size: 12px; margin-top: 32px; }
@media print { section.plan { page-break-before: always; } body { margin: 0; } }
"""

_BAR = {"row": 26, "label": 230, "width": 480, "gap": 8, "count": 60}


def _e(text: object) -> str:
    """Plan text or a file name as HTML: controls made visible, then escaped."""
    return html.escape(printable(str(text)), quote=True)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _colon(lang: str) -> str:
    """A label's colon: full-width in Chinese, ``": "`` in English."""
    return "：" if lang == "zh" else ": "


def render_html(outcomes: Sequence[Result | Failure], lang: str = "zh") -> bytes:
    """The whole report as UTF-8 bytes (the document declares its own charset).

    The markup is also well-formed XML (void elements closed, only XML's entities), so any
    XML tool can read it back.
    """
    parts: list[str] = []
    collect(HtmlWriter(parts.append, lang), outcomes)
    return "".join(parts).encode("utf-8")


class HtmlWriter:
    """The report written as a batch streams (report/stream.py), as text (the caller
    encodes it as UTF-8). The summary, matrix and chart come first and need the whole batch,
    so each plan's section waits in a spool and the summary keeps compact rows."""

    def __init__(self, out: Out, lang: str = "zh") -> None:
        self.out = out
        self.lang = lang
        self.tally = Tally()
        self.plans = Spool()
        self.count = 0

    def add(self, outcome: Result | Failure) -> None:
        self.tally.add(outcome)
        if isinstance(outcome, Result):
            self.count += 1
            self.plans.write("\n" + _plan(self.count, outcome, self.lang))

    def finish(self) -> None:
        lang = self.lang
        summary = self.tally.summary()
        css = _CSS % {"fonts": FONT_STACK, **COLOURS}
        title = doc_text("title", lang)
        parts = [
            "<!DOCTYPE html>",
            f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
            "<head>",
            '<meta charset="utf-8" />',
            '<meta name="viewport" content="width=device-width, initial-scale=1" />',
            f"<title>{_e(title)}</title>",
            f"<style>{css}</style>",
            "</head>",
            "<body>",
            f"<h1>{_e(title)}</h1>",
            f'<p class="totals">{_e(summary.totals_line(lang))}</p>',
            _legend(lang),
            f"<h2>{_e(doc_text('summary', lang))}</h2>",
        ]
        self.out("\n".join(parts) + "\n")
        for piece in _matrix(summary, lang):  # row by row: a batch's matrix is long
            self.out(piece)
        parts = []
        if summary.rows:
            parts += [f"<h2>{_e(doc_text('chart', lang))}</h2>", _chart(summary, lang)]
        if summary.failures:
            parts += [f"<h2>{_e(doc_text('failed-files', lang))}</h2>", _failures(summary, lang)]
        if summary.rows:
            parts.append(f"<h2>{_e(doc_text('plans', lang))}</h2>")
        self.out("".join("\n" + part for part in parts))
        self.plans.copy_to(self.out)
        footer = f"<footer>{_e(doc_text('generated', lang, version=__version__))}</footer>"
        self.out("\n" + "\n".join([footer, "</body>", "</html>", ""]))


def _legend(lang: str) -> str:
    marks = "".join(
        f'<span class="s-{s}">{STATUS_MARKS[s]} {_e(word(s, lang))}</span>' for s in STATUSES
    )
    none = f"<span>{NOT_CHECKED_MARK} {_e(doc_text('not-checked', lang))}</span>"
    return f'<p class="legend">{_e(doc_text("legend", lang))}{_colon(lang)}{marks}{none}</p>'


def _matrix(summary: BatchSummary, lang: str) -> Iterator[str]:
    """Plans by requirements: a mark per cell, the plan's counts at the right, the
    requirement's counts at the foot; files not checked are rows with their reason. The
    markup in pieces, a row each, so a long batch's matrix is never one string."""
    head = [f"<th>{_e(doc_text('plan', lang))}</th>"]
    head += [
        f'<th class="req" title="{_e(rule_title(r, lang))}">{_e(rule_label(r, lang))}</th>'
        for r in summary.rules
    ]
    head += [f'<th class="nowrap s-{s}">{_e(word(s, lang))}</th>' for s in STATUSES]
    yield (
        '<div class="wide"><table class="matrix"><thead><tr>'
        + "".join(head)
        + "</tr></thead><tbody>"
    )
    sep = ""  # a line break between two rows
    for n, row in enumerate(summary.rows, 1):
        cells = [
            f'<th><a href="#plan-{n}">{_e(row.label)}</a>'
            f'<div class="meta">{_e(row.path)}</div></th>'
        ]
        for status in row.statuses:
            if status is None:
                cells.append(
                    f'<td class="mark" title="{_e(doc_text("not-checked", lang))}">'
                    f"{NOT_CHECKED_MARK}</td>"
                )
                continue
            cells.append(
                f'<td class="mark s-{status}" title="{_e(word(status, lang))}">'
                f"{STATUS_MARKS[status]}</td>"
            )
        counts = row.counts
        cells += [f'<td class="num s-{s}">{counts[s]}</td>' for s in STATUSES]
        yield sep + "<tr>" + "".join(cells) + "</tr>"
        sep = "\n"
    width = len(summary.rules) + len(STATUSES)
    for failure in summary.failures:
        yield (
            f'{sep}<tr class="failed"><th>{_e(failure.path)}</th>'
            f'<td class="failed" colspan="{width}">{_e(doc_text("failed", lang))}{_colon(lang)}'
            f"{_e(failure.message)}</td></tr>"
        )
        sep = "\n"
    foot = []
    for s in STATUSES:
        cells = [
            f'<th class="s-{s}">{_e(doc_text("total", lang))}{_colon(lang)}{_e(word(s, lang))}</th>'
        ]
        cells += [
            f'<td class="num s-{s}">{summary.column_counts(i)[s]}</td>'
            for i in range(len(summary.rules))
        ]
        cells += [
            f'<td class="num s-{s}">{summary.total(s)}</td>' if t == s else "<td></td>"
            for t in STATUSES
        ]
        foot.append("<tr>" + "".join(cells) + "</tr>")
    yield "</tbody><tfoot>" + "\n".join(foot) + "</tfoot></table></div>"


def _chart(summary: BatchSummary, lang: str) -> str:
    """Per requirement, one bar stacked by status over the plans checked for it: drawn as
    inline SVG, so it needs nothing outside the file and prints sharp."""
    row, label, width, gap, count = (_BAR[k] for k in ("row", "label", "width", "gap", "count"))
    height = row * len(summary.rules) + 34
    total_width = label + width + gap + count
    out = [
        f'<svg class="chart" role="img" '
        f'width="{total_width}" height="{height}" viewBox="0 0 {total_width} {height}" '
        f'aria-label="{_e(doc_text("chart", lang))}">'
    ]
    for i, rule in enumerate(summary.rules):
        y = i * row + 4
        counts = summary.column_counts(i)
        plans = sum(counts.values())
        out.append(
            f'<text x="{label - gap}" y="{y + 15}" text-anchor="end" font-size="13">'
            f"<title>{_e(rule_title(rule, lang))}</title>{_e(rule_label(rule, lang))}</text>"
        )
        x = float(label)
        for status in STATUSES:
            n = counts[status]
            if not n or not plans:
                continue
            w = width * n / plans
            tip = f"{rule_label(rule, lang)}: {word(status, lang)} {n}/{plans}"
            out.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row - 8}" '
                f'fill="{COLOURS[status]}"><title>{_e(tip)}</title></rect>'
            )
            if w >= 18:
                out.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 14}" text-anchor="middle" '
                    f'font-size="12" fill="#fff">{n}</text>'
                )
            x += w
        covered = counts["covered"] + counts["not-applicable"]
        out.append(
            f'<text x="{label + width + gap}" y="{y + 15}" font-size="12">{covered}/{plans}</text>'
        )
    y = row * len(summary.rules) + 12
    x = 0
    for status in STATUSES:
        out.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{COLOURS[status]}"/>')
        out.append(
            f'<text x="{x + 16}" y="{y + 11}" font-size="12">{_e(word(status, lang))}</text>'
        )
        x += 120
    out.append("</svg>")
    return "\n".join(out)


def _failures(summary: BatchSummary, lang: str) -> str:
    rows = "".join(
        f'<tr><td>{_e(f.path)}</td><td class="failed">{_e(f.message)}</td></tr>'
        for f in summary.failures
    )
    return (
        f"<table><thead><tr><th>{_e(doc_text('file', lang))}</th>"
        f"<th>{_e(doc_text('reason', lang))}</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _plan(n: int, result: Result, lang: str) -> str:
    """One plan: what it is, its requirement table, its findings with their places."""
    plan = result.plan
    counts = {s: sum(v.status == s for v in result.verdicts) for s in STATUSES}
    coverage = doc_text(
        "coverage",
        lang,
        covered=counts["covered"],
        total=len(result.verdicts),
        unassigned=counts["unassigned"],
        na=counts["not-applicable"],
        missing=counts["missing"],
    )
    meta = ("　" if lang == "zh" else " · ").join(
        f"{_e(doc_text(key, lang))}{_colon(lang)}{_e(value)}"
        for key, value in (
            ("agency", plan.agency or "?"),
            ("year", plan.year or "?"),
            ("kind", word(plan.kind, lang)),
            ("items", len(plan.items)),
            ("packs", ", ".join(result.pack_names)),
        )
    )
    out = [
        f'<section class="plan" id="plan-{n}">',
        f"<h3>{n}. {_e(plan_label(result))}</h3>",
        f'<p class="meta">{_e(doc_text("file", lang))}{_colon(lang)}{_e(plan.path)}</p>',
        f'<p class="meta">{meta}</p>',
        f'<p class="totals">{_e(coverage)}</p>',
        "<table><thead><tr>"
        + "".join(
            f'<th class="nowrap">{_e(doc_text(k, lang))}</th>'
            for k in ("requirement", "status", "owners", "deadline", "evidence")
        )
        + "</tr></thead><tbody>",
    ]
    for v in result.verdicts:
        out.append(
            f'<tr><td title="{_e(rule_title(v.rule, lang))}">{_e(rule_label(v.rule, lang))}</td>'
            f'<td class="status nowrap s-{v.status}">{STATUS_MARKS[v.status]} '
            f"{_e(word(v.status, lang))}</td>"
            f"<td>{_e(owners_text(v, result))}</td>"
            f"<td>{_e(v.deadline or '')}</td>"
            f"<td>{_e(evidence_text(v, result, lang))}</td></tr>"
        )
    out.append("</tbody></table>")
    out.append(f"<h3>{_e(doc_text('findings', lang))}</h3>")
    if not result.findings:
        out.append(f'<p class="meta">{_e(doc_text("no-findings", lang))}</p>')
    else:
        out.append(
            "<table><thead><tr>"
            + "".join(
                f'<th class="nowrap">{_e(doc_text(k, lang))}</th>'
                for k in ("severity", "location", "message", "rule")
            )
            + "</tr></thead><tbody>"
        )
        for f in result.findings:
            where = location_text(f.loc, lang) if f.loc else ""
            out.append(
                f'<tr><td class="nowrap sev-{f.severity}">{_e(word(f.severity, lang))}</td>'
                f'<td class="nowrap">{_e(where)}</td>'
                f"<td>{_e(_one_line(f.message_in(lang)))}</td>"
                f'<td class="nowrap">{_e(f.rule)}</td></tr>'
            )
        out.append("</tbody></table>")
    out.append("</section>")
    return "\n".join(out)
