"""GitLab Code Quality: the JSON array a ``codequality`` report artifact holds.

GitLab shows these in merge requests and pipelines, and compares a branch's report with the
target branch's by ``fingerprint`` (new, fixed, unchanged), so each issue carries planlint's
line-independent fingerprint, unique within the report. ``location.path`` is relative to the
repository (the working directory) and written as is, not URI-encoded.

Severities: a file that could not be read blocks the check (``blocker``); an error-level finding
(a requirement missing or unassigned) is ``critical``, since it fails the check; a warning is
``minor``; a note is ``info``.
"""

from __future__ import annotations

from typing import Any

from planlint.checks import Result
from planlint.engine import Failure
from planlint.report.jsontext import dumps
from planlint.report.places import INPUT_ERROR, Located, display_path, located
from planlint.report.stream import Out, collect, json_array

_SEVERITY = {"error": "critical", "warning": "minor", "info": "info"}


def render_gitlab(outcomes: list[Result | Failure], lang: str = "zh") -> str:
    parts: list[str] = []
    collect(GitlabWriter(parts.append, lang), outcomes)
    return "".join(parts)


class GitlabWriter:
    """The array's issues written plan by plan as they arrive (report/stream.py)."""

    def __init__(self, out: Out, lang: str = "zh") -> None:
        self.issue = json_array(out, 0)
        self.lang = lang

    def add(self, outcome: Result | Failure) -> None:
        for at in located([outcome], self.lang):
            self.issue(dumps(_issue(at)))

    def finish(self) -> None:
        self.issue(None)


def _issue(at: Located) -> dict[str, Any]:
    finding = at.finding
    severity = (
        "blocker" if finding.kind == INPUT_ERROR else _SEVERITY.get(finding.severity, "minor")
    )
    return {
        "type": "issue",
        "description": at.text,
        "check_name": f"{finding.pack}/{finding.rule}",
        "fingerprint": at.fingerprint,
        "severity": severity,
        "location": {"path": display_path(at.path), "lines": {"begin": at.where.line}},
    }
