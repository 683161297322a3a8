"""Where a finding stands, for the formats that must always point somewhere.

Code-scanning services, annotations and editors need a file line for every finding, but a
finding does not always have one: a missing requirement is in no item, and in a Word, Excel or
PDF file a place is a table cell, a sheet's cell or a page, not a line of the file. This module
gives every finding (and every file that could not be read) one :class:`Place`: the file line
and column to anchor it to, and for a document that is not text the place in the document's
own terms. The formats share it so they all point to the same spot.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from planlint.checks import Result
from planlint.checks.base import Finding
from planlint.engine import Failure
from planlint.fingerprint import fingerprints
from planlint.model import Location, Plan
from planlint.textnorm import SPACE

TEXT_FORMATS = frozenset({"text", "markdown", "csv", "html"})
"""Plan formats whose locations are lines (and columns) of the file itself. A .docx paragraph's
``line`` is its number among the paragraphs, a PDF's the line on its page: not file lines."""

INPUT_ERROR = "input-error"
"""The rule id (in pack ``planlint``) of a file that could not be read."""

_MIN_TITLE_PIECE = 4  # a shorter fragment (附件, 一、) is no evidence of the title's line


@dataclass(frozen=True)
class Place:
    """Where to anchor a finding: ``line``/``column`` in the file (1-based; column None when
    unknown), and ``logical`` the place in the document's own terms (a table cell, sheet!cell,
    page) when the file is not text, else None."""

    line: int
    column: int | None
    logical: Location | None


def has_file_lines(plan_format: str) -> bool:
    """Whether a plan's locations are lines of its file (text, Markdown, CSV, HTML)."""
    return plan_format in TEXT_FORMATS


def title_location(plan: Plan) -> Location:
    """Where the plan's title stands, found among the text kept outside items; line 1 if the
    plan has no title or its text is not found (a title set from a page's metadata).

    The title is often broken over lines (云川市…政务公开 / 工作要点分工方案), so the first kept
    fragment that is a piece of it counts."""
    if plan.title:
        title = SPACE.sub("", plan.title)
        for fragment in plan.unplaced:
            piece = SPACE.sub("", fragment.text)
            if fragment.role == "title" or (len(piece) >= _MIN_TITLE_PIECE and piece in title):
                return fragment.loc
    return Location(line=1)


def anchor(plan: Plan, finding: Finding) -> Location:
    """The finding's own location, or, for a finding no place carries (a missing
    requirement), the plan's title."""
    return finding.loc if finding.loc is not None else title_location(plan)


def place(plan: Plan, finding: Finding) -> Place:
    """The file line and column to report the finding at, and its place in the document."""
    loc = anchor(plan, finding)
    if has_file_lines(plan.format):
        return Place(loc.line or 1, loc.column, None)
    return Place(1, None, loc)


def failure_place() -> Place:
    """A file that could not be read is reported at its first line."""
    return Place(1, None, None)


def failure_finding(failure: Failure) -> Finding:
    """A file that could not be read, as a finding of rule ``planlint/input-error``, so the
    formats and fingerprints treat it like any other finding."""
    return Finding(
        rule=INPUT_ERROR,
        pack="planlint",
        severity=failure.severity,
        kind=INPUT_ERROR,
        message=failure.message,
        loc=Location(line=1),
    )


def findings_of(outcome: Result | Failure) -> tuple[str, list[Finding]]:
    """The plan path of an outcome and its findings (one input-error finding for a Failure)."""
    if isinstance(outcome, Failure):
        return outcome.path, [failure_finding(outcome)]
    return outcome.plan.path, list(outcome.findings)


def relative_posix(path: str, root: Path | None = None) -> str | None:
    """``path`` relative to ``root`` (the working directory) with ``/`` separators, or None
    when it lies outside it."""
    base = os.path.abspath(root if root is not None else os.getcwd())
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, base)
    except ValueError:  # another drive on Windows
        return None
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return None
    return Path(rel).as_posix()


def display_path(path: str, root: Path | None = None) -> str:
    """The path to name a file by in a report meant for a repository (GitLab, annotations):
    relative to the working directory when inside it, else as given."""
    return relative_posix(path, root) or Path(path).as_posix()


def message_at(plan: Plan, finding: Finding, lang: str = "zh") -> str:
    """The finding's message, with its place in the document added when the file is not text:
    a service that shows only file lines cannot show 第2表第5行第3格 otherwise. A reading doubt
    names its place already."""
    from planlint.messages import location_text

    text = finding.message_in(lang)
    where = place(plan, finding).logical
    if where is None or finding.kind == "reading":
        return text
    said = location_text(where, lang)
    return f"{text}（{said}）" if lang == "zh" else f"{text} ({said})"


_LOGICAL_WORDS = {"page": "page {}", "table": "table {}", "row": "row {}", "cell": "cell {}"}


def logical_name(loc: Location) -> str:
    """A document place in fixed English terms, for machine consumers: ``table 2 row 5 cell 3``,
    ``分工方案!C7``, ``page 4 line 12``, ``paragraph 3`` (a Word paragraph's number)."""
    line = "line {}" if loc.page is not None else "paragraph {}"
    return loc.spelled(_LOGICAL_WORDS | {"line": line}, empty="document")


@dataclass(frozen=True)
class Located:
    """A finding with the file it is in, where to anchor it, and its message at that place."""

    outcome: Result | Failure
    path: str
    finding: Finding
    where: Place
    text: str
    fingerprint: str


def located(outcomes: Sequence[Result | Failure], lang: str = "zh") -> Iterator[Located]:
    """Every finding of a run, each anchored (a file that could not be read is one finding)
    and fingerprinted, in the run's order: the loop every per-finding format shares."""
    for outcome in outcomes:
        path, findings = findings_of(outcome)
        for finding, print_ in zip(findings, fingerprints(path, findings), strict=True):
            if isinstance(outcome, Failure):
                where, text = failure_place(), finding.message
            else:
                where, text = place(outcome.plan, finding), message_at(outcome.plan, finding, lang)
            yield Located(outcome, path, finding, where, text, print_)
