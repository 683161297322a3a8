"""GitHub Actions workflow commands: each finding an annotation on the plan file, and a job
summary.

GitHub shows at most 10 error and 10 warning annotations per step (and as many notices); the
rest are dropped silently. So the annotations are ordered by importance (files that could not
be read, then missing requirements, then unassigned ones, then the rest), each kind capped,
and one closing notice says how many more there are and where to see them. The full report
goes to the job summary (``$GITHUB_STEP_SUMMARY``) as Markdown when that is set.

Values are escaped as the runner's command parser expects: ``%``, CR and LF in the message;
also ``:`` and ``,`` in properties (``file``, ``title``), where they would end the property.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from planlint.checks import Result
from planlint.checks.base import Finding
from planlint.engine import Failure
from planlint.messages import ci_text
from planlint.report.places import INPUT_ERROR, Place, display_path, located
from planlint.report.stream import Out, Spool, collect

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
PER_STEP = 10
"""Annotations of each kind GitHub shows for one step."""

_KIND_RANK = {INPUT_ERROR: 0, "missing": 1, "unassigned": 2, "reading": 3}
_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: also ``:`` and ``,``, which end a property."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(outcomes: list[Result | Failure], lang: str = "zh") -> str:
    parts: list[str] = []
    collect(GithubWriter(parts.append, lang), outcomes)
    return "".join(parts)


class GithubWriter:
    """The annotations of a batch streamed past (report/stream.py). Only what is shown is
    kept: for each command the ``PER_STEP`` most important annotations so far, and how many
    there are; the rest are counted for the closing notice."""

    def __init__(self, out: Out, lang: str = "zh") -> None:
        self.out = out
        self.lang = lang
        self.seen = 0
        self.best: dict[str, list[tuple[tuple[int, int, int], str]]] = {}
        self.totals = dict.fromkeys(_COMMAND.values(), 0)

    def add(self, outcome: Result | Failure) -> None:
        for at in located([outcome], self.lang):
            command = _COMMAND.get(at.finding.severity, "warning")
            rank = (
                _SEVERITY_RANK.get(at.finding.severity, 1),
                _KIND_RANK.get(at.finding.kind, 4),
                self.seen,
            )
            self.seen += 1
            self.totals[command] += 1
            kept = self.best.setdefault(command, [])
            kept.append((rank, annotation(command, at.path, at.where, at.finding, at.text)))
            if len(kept) > 2 * PER_STEP:
                kept.sort()
                del kept[PER_STEP:]

    def finish(self) -> None:
        """The shown annotations in order of importance, and the notice of the hidden ones."""
        kept = sorted(a for best in self.best.values() for a in sorted(best)[:PER_STEP])
        shown = [line for _, line in kept]
        counts = {c: min(n, PER_STEP) for c, n in self.totals.items()}
        hidden = sum(self.totals.values()) - len(shown)
        if hidden:
            if counts["notice"] == PER_STEP:  # the closing notice needs a notice's place
                last = max(i for i, line in enumerate(shown) if line.startswith("::notice "))
                del shown[last]
                hidden += 1
            note = ci_text("more-annotations", self.lang, count=hidden, limit=PER_STEP)
            shown.append(f"::notice title=planlint::{escape_data(note)}")
        self.out("\n".join(shown))


def annotation(command: str, path: str, where: Place, finding: Finding, text: str) -> str:
    """One ``::error file=…,line=…,col=…,title=…::message`` line."""
    title = f"planlint {finding.pack}/{finding.rule}"
    props = ",".join(
        [
            f"file={escape_property(display_path(path))}",
            f"line={where.line}",
            f"col={where.column or 1}",
            f"title={escape_property(title)}",
        ]
    )
    return f"::{command} {props}::{escape_data(text)}"


def append_step_summary(
    outcomes: list[Result | Failure], lang: str = "zh", environ: Mapping[str, str] | None = None
) -> Path | None:
    """Append the Markdown report to the file ``$GITHUB_STEP_SUMMARY`` names, when it is set;
    the file written, or None. An OSError is the caller's to report."""
    env = os.environ if environ is None else environ
    target = env.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    from planlint.report.markdown import render_markdown

    with open(target, "a", encoding="utf-8") as out:
        out.write(render_markdown(outcomes, lang) + "\n")
    return Path(target)


class StepSummary:
    """The job summary gathered as a batch streams: the Markdown report waits in a spool
    (report/stream.py) and is appended to ``$GITHUB_STEP_SUMMARY`` by :meth:`finish`, as
    :func:`append_step_summary` appends it at once; an OSError is the caller's to report."""

    def __init__(self, target: str, lang: str = "zh") -> None:
        from planlint.report.markdown import MarkdownWriter

        self.target = target
        self.spool = Spool()
        self.writer = MarkdownWriter(self.spool.write, lang)

    @classmethod
    def wanted(
        cls, lang: str = "zh", environ: Mapping[str, str] | None = None
    ) -> StepSummary | None:
        """One when ``$GITHUB_STEP_SUMMARY`` is set, else None."""
        env = os.environ if environ is None else environ
        target = env.get("GITHUB_STEP_SUMMARY")
        return cls(target, lang) if target else None

    def add(self, outcome: Result | Failure) -> None:
        self.writer.add(outcome)

    def finish(self) -> Path:
        self.writer.finish()
        try:
            with open(self.target, "a", encoding="utf-8") as out:
                self.spool.copy_to(out.write)
                out.write("\n")
        finally:
            self.spool.close()
        return Path(self.target)
