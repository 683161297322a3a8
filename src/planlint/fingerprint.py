"""Stable fingerprints of findings: what code-scanning services, baselines and waivers use to
know a finding again in the next run.

A fingerprint must survive edits that do not change the finding: blank lines inserted above a
task, a paragraph added to the preamble, a table re-flowed. So it is made of what the finding
is about, never of where it stands: the plan's path, the rule, the finding's kind and the item
it concerns (by the plan's own numbering). A finding that concerns no item (a missing
requirement) is one per rule and plan. A reading doubt is known by what was doubted (its
detail, or the bytes and encoding of damaged text), not by its line or byte offset.

This is the one place fingerprints are made: every report format and the baseline use it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import PurePath, PureWindowsPath

from planlint.checks.base import Finding

VERSION = "planlint-fingerprint/1"
"""Mixed into every fingerprint: changing the recipe changes the version, so a baseline written
with another recipe matches nothing rather than the wrong findings."""

# for reading doubts: the params that say what was doubted without saying where; a template not
# listed is known by its ``detail``
_WHAT: dict[str, tuple[str, ...]] = {
    "reading-bad-bytes": ("bytes", "encoding"),  # its detail names the byte offset
    "reading-bad-bytes-more": ("encoding",),  # counts change with every byte of damage
    "reading-charset-overruled": ("declared", "encoding"),
    "reading-misaligned-row": (),
    "reading-unit-column-unsure": (),
}


def plan_key(result_path: str) -> str:
    """The plan's path as fingerprints see it: POSIX separators, no leading ``./``, so a path
    given as ``plans\\a.docx`` on Windows and ``./plans/a.docx`` elsewhere are one plan."""
    text = str(result_path)
    posix = PureWindowsPath(text).as_posix() if "\\" in text else PurePath(text).as_posix()
    while posix.startswith("./"):
        posix = posix[2:]
    return posix


def fingerprint(result_path: str, finding: Finding) -> str:
    """The finding's fingerprint: a SHA-256 hex digest of what it is about, never of its line.

    ``result_path`` is the path of the plan the finding is in (``Result.plan.path``, or a
    Failure's path). Two findings of the same kind, rule and item in one plan share a
    fingerprint; :func:`fingerprints` tells such repeats apart.
    """
    parts = [VERSION, plan_key(result_path), finding.pack, finding.rule, finding.kind]
    parts.append(finding.item or "")
    if finding.kind == "reading":
        parts.append(finding.template)
        keys = _WHAT.get(finding.template, ("detail",))
        parts.extend(f"{k}={finding.params.get(k, '')}" for k in keys)
    material = "\x1f".join(parts)  # a separator no path or rule id holds
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()


def fingerprints(result_path: str, findings: Iterable[Finding]) -> list[str]:
    """Each finding's fingerprint, in order, unique within the plan: the second finding with
    the same fingerprint (two misaligned rows, say) gets ``:2`` appended, the third ``:3``.
    Findings keep their order when lines move, so the suffixes are stable too."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for f in findings:
        base = fingerprint(result_path, f)
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}:{seen[base]}")
    return out
