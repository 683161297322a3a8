"""Baselines: adopt planlint on plans that already have findings, and fail only on new ones.

``--write-baseline FILE`` records every finding of the run by its fingerprint (fingerprint.py:
the plan's path, rule, kind and item, never the line, so a row added above does not make old
findings new). ``--baseline FILE`` then leaves out every finding whose fingerprint is recorded
and reports the rest; how many were left out is said on standard error. The file is JSON, sorted,
with each finding's path, rule and message beside its fingerprint, so a change to it reads well
in a diff and a reviewer sees what was accepted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from planlint.checks import Result
from planlint.datafile import read_data
from planlint.errors import ConfigError
from planlint.fingerprint import VERSION, fingerprints
from planlint.messages import os_reason

FORMAT = 1


@dataclass
class Baselined:
    """The results without the recorded findings, and how many were left out."""

    results: list[Result]
    count: int


def write_baseline(path: str | Path, results: list[Result]) -> int:
    """Record every finding of ``results`` in ``path``; the number recorded."""
    return write_entries(path, [e for result in results for e in baseline_entries(result)])


def baseline_entries(result: Result) -> list[dict[str, str]]:
    """What the baseline records of one plan's findings: a batch collects these plan by plan
    (small, and no plan text beyond each finding's message) and writes them at the end."""
    return [
        {
            "fingerprint": fp,
            "path": result.plan.path,
            "rule": f"{f.pack}/{f.rule}",
            "kind": f.kind,
            "severity": f.severity,
            "message": f.message,
        }
        for f, fp in zip(
            result.findings, fingerprints(result.plan.path, result.findings), strict=True
        )
    ]


def write_entries(path: str | Path, entries: list[dict[str, str]]) -> int:
    """Write the baseline file of ``entries`` (sorted here); the number recorded."""
    entries = sorted(entries, key=lambda e: (e["path"], e["rule"], e["kind"], e["fingerprint"]))
    doc = {"planlint-baseline": FORMAT, "fingerprint": VERSION, "findings": entries}
    try:
        Path(path).write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", "utf-8")
    except OSError as exc:
        raise ConfigError(str(path), "baseline-unwritable", reason=os_reason(exc)) from None
    return len(entries)


def load_baseline(path: str | Path) -> frozenset[str]:
    """The fingerprints recorded in a baseline file, or a one-line ConfigError."""
    source = str(path)
    data = read_data(Path(path), syntax="json")
    if not isinstance(data, dict) or "findings" not in data:
        raise ConfigError(source, "not-a-baseline")
    if data.get("fingerprint") != VERSION:
        raise ConfigError(
            source, "baseline-version", theirs=repr(data.get("fingerprint")), ours=repr(VERSION)
        )
    findings = data["findings"]
    if not isinstance(findings, list) or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in findings
    ):
        raise ConfigError(source, "baseline-findings")
    return frozenset(e["fingerprint"] for e in findings)


def apply_baseline(results: list[Result], known: frozenset[str]) -> Baselined:
    """The results without the findings ``known`` records."""
    out: list[Result] = []
    count = 0
    for result in results:
        prints = fingerprints(result.plan.path, result.findings)
        kept = [f for f, fp in zip(result.findings, prints, strict=True) if fp not in known]
        count += len(result.findings) - len(kept)
        out.append(replace(result, findings=kept))
    return Baselined(out, count)
