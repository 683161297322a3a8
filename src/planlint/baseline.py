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

FORMAT = 1


@dataclass
class Baselined:
    """The results without the recorded findings, and how many were left out."""

    results: list[Result]
    count: int


def write_baseline(path: str | Path, results: list[Result]) -> int:
    """Record every finding of ``results`` in ``path``; the number recorded."""
    entries = []
    for result in results:
        for f, fp in zip(
            result.findings, fingerprints(result.plan.path, result.findings), strict=True
        ):
            entries.append(
                {
                    "fingerprint": fp,
                    "path": result.plan.path,
                    "rule": f"{f.pack}/{f.rule}",
                    "kind": f.kind,
                    "severity": f.severity,
                    "message": f.message,
                }
            )
    entries.sort(key=lambda e: (e["path"], e["rule"], e["kind"], e["fingerprint"]))
    doc = {"planlint-baseline": FORMAT, "fingerprint": VERSION, "findings": entries}
    try:
        Path(path).write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", "utf-8")
    except OSError as exc:
        raise ConfigError(str(path), f"cannot write the baseline: {exc.strerror or exc}") from None
    return len(entries)


def load_baseline(path: str | Path) -> frozenset[str]:
    """The fingerprints recorded in a baseline file, or a one-line ConfigError."""
    source = str(path)
    data = read_data(Path(path), syntax="json")
    if not isinstance(data, dict) or "findings" not in data:
        raise ConfigError(source, "not a planlint baseline (write one with --write-baseline)")
    if data.get("fingerprint") != VERSION:
        raise ConfigError(
            source,
            f"written with fingerprints {data.get('fingerprint')!r}, this planlint makes"
            f" {VERSION!r}: write it again with --write-baseline",
        )
    findings = data["findings"]
    if not isinstance(findings, list) or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in findings
    ):
        raise ConfigError(source, "findings: expected a list of entries with a fingerprint")
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
