"""SARIF 2.1.0, the format code-scanning services (GitHub, GitLab, Azure) read."""

from __future__ import annotations

import json
from typing import Any

from planlint import __version__
from planlint.checks import Result
from planlint.engine import Failure

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render_sarif(outcomes: list[Result | Failure], lang: str = "zh") -> str:
    rules: dict[str, dict[str, Any]] = {}
    results: list[dict[str, Any]] = []
    for o in outcomes:
        if isinstance(o, Failure):
            results.append(
                {
                    "ruleId": "input-error",
                    "level": "error",
                    "message": {"text": o.message},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": o.path}}}],
                }
            )
            continue
        for v in o.verdicts:
            rid = f"{v.rule.pack}/{v.rule.id}"
            rules.setdefault(
                rid,
                {
                    "id": rid,
                    "name": v.rule.id,
                    "shortDescription": {
                        "text": v.rule.title if lang == "zh" else (v.rule.title_en or v.rule.title)
                    },
                    "fullDescription": {"text": v.rule.description or v.rule.title},
                    "defaultConfiguration": {"level": _LEVEL[v.rule.severity]},
                },
            )
        for f in o.findings:
            location: dict[str, Any] = {"artifactLocation": {"uri": o.plan.path}}
            if f.line:
                location["region"] = {"startLine": f.line}
                if f.loc and f.loc.column:
                    location["region"]["startColumn"] = f.loc.column
            results.append(
                {
                    "ruleId": f"{f.pack}/{f.rule}",
                    "level": _LEVEL[f.severity],
                    "message": {"text": f.message_in(lang)},
                    "locations": [{"physicalLocation": location}],
                    "properties": {"kind": f.kind, "item": f.item},
                }
            )
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "planlint",
                        "version": __version__,
                        "rules": list(rules.values()),
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)
