"""SARIF 2.1.0, the format code-scanning services (GitHub, GitLab, Azure) read.

Valid against the OASIS schema is not enough: GitHub code scanning also wants, for every rule
a result names, a descriptor with ``help`` (text and Markdown) and short and full descriptions;
on every result ``partialFingerprints`` (to know it again next run) and a location with a
region (a result with no line is not shown). So every finding is anchored (report/places.py: a
missing requirement to the plan's title line), a Word, Excel or PDF finding also carries a
logical location naming its table cell, sheet!cell or page, and a file that could not be read
is a result of the rule ``planlint/input-error``, which has its own descriptor. File names are
relative URIs against ``%SRCROOT%`` (the working directory), percent-encoded: a Chinese name
with spaces is not a valid URI as written.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from planlint import __version__
from planlint.checks import Result
from planlint.checks.base import Finding
from planlint.engine import Failure
from planlint.messages import ci_text, render
from planlint.report.jsontext import dumps
from planlint.report.mdtext import md_escape
from planlint.report.places import INPUT_ERROR, Located, located, logical_name, relative_posix
from planlint.report.stream import Out, Spool, collect, json_array
from planlint.rules import Rule

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "planlintFingerprint/v1"
"""The ``partialFingerprints`` key: planlint's own line-independent fingerprint (fingerprint.py).
Versioned, as the SARIF spec asks, so a new recipe is a new key rather than a false match."""

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render_sarif(
    outcomes: list[Result | Failure], lang: str = "zh", root: Path | None = None
) -> str:
    """One SARIF log, one run, for the whole batch. ``root`` is what ``%SRCROOT%`` stands for
    (the working directory by default): paths under it are written relative to it."""
    parts: list[str] = []
    collect(SarifWriter(parts.append, lang, root), outcomes)
    return "".join(parts)


_RESULTS = "\x00results"
_RESULTS_AT = 8  # spaces before a result: doc > runs > run > results


class SarifWriter:
    """The SARIF log written as a batch streams (report/stream.py). The rule table comes
    before the results and a result names its rule's index in it, which is known only once
    every plan's rules are (the pack rules first, in first-use order, then planlint's own),
    so the results wait in a spool, one JSON line each, and are laid out at the end."""

    def __init__(self, out: Out, lang: str = "zh", root: Path | None = None) -> None:
        self.out = out
        self.lang = lang
        self.root = root
        self.rules = _RuleTable(lang)
        self.builtin: dict[str, Finding] = {}  # planlint's own rules, first use first
        self.results = Spool()

    def add(self, outcome: Result | Failure) -> None:
        if isinstance(outcome, Result):
            for verdict in outcome.verdicts:
                self.rules.pack_rule(verdict.rule)
        artifacts: dict[str, dict[str, str]] = {}
        for at in located([outcome], self.lang):
            if at.path not in artifacts:
                artifacts[at.path] = artifact_location(at.path, self.root)
            result = _result(at, artifacts[at.path])
            self.builtin.setdefault(result["ruleId"], at.finding)
            self.results.write(json.dumps(result, ensure_ascii=True) + "\n")

    def finish(self) -> None:
        for finding in self.builtin.values():
            self.rules.index_of(finding)  # a rule no verdict named: planlint's own
        base = Path(os.path.abspath(self.root if self.root is not None else os.getcwd()))
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "planlint",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "rules": self.rules.descriptors,
                }
            },
            "originalUriBaseIds": {SRCROOT: {"uri": _file_uri(base.as_posix().rstrip("/") + "/")}},
            "columnKind": "unicodeCodePoints",
            "results": _RESULTS,
        }
        doc = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
        head, tail = dumps(doc).split(json.dumps(_RESULTS))
        self.out(head)
        item = json_array(self.out, _RESULTS_AT - 2)
        for line in self.results.lines():
            result = json.loads(line)
            result["ruleIndex"] = self.rules.index_of_id(result["ruleId"])
            item(dumps(result))
        item(None)
        self.results.close()
        self.out(tail)


def _result(at: Located, artifact: dict[str, str]) -> dict[str, Any]:
    """A result, its ``ruleIndex`` still None (see :class:`SarifWriter`)."""
    finding, where = at.finding, at.where
    rule_id, index = f"{finding.pack}/{finding.rule}", None
    region: dict[str, int] = {"startLine": where.line}
    if where.column:
        region["startColumn"] = where.column
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": artifact, "region": region}
    }
    if where.logical is not None:
        name = logical_name(where.logical)
        location["logicalLocations"] = [
            {"name": name, "fullyQualifiedName": name, "kind": "element"}
        ]
    properties: dict[str, Any] = {"kind": finding.kind}
    if finding.item is not None:
        properties["item"] = finding.item
    return {
        "ruleId": rule_id,
        "ruleIndex": index,
        "level": _LEVEL.get(finding.severity, "warning"),
        "message": {"text": at.text},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: at.fingerprint},
        "properties": properties,
    }


def artifact_location(path: str, root: Path | None = None) -> dict[str, str]:
    """A file as SARIF names it: a percent-encoded URI relative to ``%SRCROOT%`` when the file
    is under it, else an absolute ``file://`` URI. Undecodable bytes in a name are encoded as
    the bytes they were."""
    rel = relative_posix(path, root)
    if rel is not None:
        return {"uri": quote(rel, safe="/", errors="surrogateescape"), "uriBaseId": SRCROOT}
    return {"uri": _file_uri(Path(os.path.abspath(path)).as_posix())}


def _file_uri(posix: str) -> str:
    if not posix.startswith("/"):
        posix = "/" + posix  # C:/plans -> /C:/plans
    return "file://" + quote(posix, safe="/:", errors="surrogateescape")


class _RuleTable:
    """The run's rule descriptors, in first-use order, and each rule id's index among them."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.descriptors: list[dict[str, Any]] = []
        self._index: dict[str, int] = {}

    def _add(self, descriptor: dict[str, Any]) -> int:
        rid = descriptor["id"]
        if rid not in self._index:
            self._index[rid] = len(self.descriptors)
            self.descriptors.append(descriptor)
        return self._index[rid]

    def pack_rule(self, rule: Rule) -> int:
        rid = f"{rule.pack}/{rule.id}"
        if rid in self._index:
            return self._index[rid]
        return self._add(rule_descriptor(rule, self.lang))

    def index_of_id(self, rule_id: str) -> int:
        return self._index[rule_id]

    def index_of(self, finding: Finding) -> tuple[str, int]:
        rid = f"{finding.pack}/{finding.rule}"
        if rid not in self._index:
            self._add(_builtin_descriptor(finding, self.lang))
        return rid, self._index[rid]


def rule_descriptor(rule: Rule, lang: str = "zh") -> dict[str, Any]:
    """A pack rule as code scanning shows it: its title, its full description, and help that
    says where the requirement comes from and how to satisfy it; ``helpUri`` when the pack
    links the source document."""
    title = rule.title if lang == "zh" else (rule.title_en or rule.title)
    source = " ".join(s for s in (rule.source_document, rule.source_section) if s)
    fix = ci_text("help-fix", lang)
    text_parts = [title, rule.description.strip()]
    md_parts = [f"**{md_escape(title)}**", md_escape(rule.description.strip())]
    if lang != "zh" and rule.title_en:
        text_parts.insert(1, rule.title)  # the requirement as written, for reference
        md_parts.insert(1, md_escape(rule.title))
    if source:
        text_parts.append(ci_text("help-source", lang, source=source))
        linked = md_escape(source)
        if rule.source_url:
            url = rule.source_url.replace("(", "%28").replace(")", "%29")
            linked = f"[{linked}]({url})"
        md_parts.append(ci_text("help-source", lang, source=linked))
    text_parts.append(fix)
    md_parts.append(md_escape(fix))
    descriptor: dict[str, Any] = {
        "id": f"{rule.pack}/{rule.id}",
        "name": rule.id,
        "shortDescription": {"text": title},
        "fullDescription": {"text": rule.description.strip() or title},
        "help": {
            "text": "\n\n".join(p for p in text_parts if p),
            "markdown": "\n\n".join(p for p in md_parts if p),
        },
        "defaultConfiguration": {"level": _LEVEL.get(rule.severity, "warning")},
        "properties": {"tags": ["planlint", rule.pack]},
    }
    if rule.source_url:
        descriptor["helpUri"] = rule.source_url
    return descriptor


def _builtin_descriptor(finding: Finding, lang: str) -> dict[str, Any]:
    """planlint's own rules: ``input-error`` and ``reading``. A pack rule that reached a finding
    without a verdict (never, today) gets a descriptor from what the finding says."""
    if finding.rule == INPUT_ERROR:
        title, help_text, level = (
            ci_text("input-error-title", lang),
            ci_text("input-error-help", lang),
            "error",
        )
    elif finding.rule == "reading":
        title, help_text, level = (
            ci_text("reading-title", lang),
            ci_text("reading-help", lang),
            "warning",
        )
    else:
        title = finding.params.get("title") or finding.rule
        help_text = render(finding.template, finding.params, lang) if finding.template else title
        level = _LEVEL.get(finding.severity, "warning")
    return {
        "id": f"{finding.pack}/{finding.rule}",
        "name": finding.rule,
        "shortDescription": {"text": title},
        "fullDescription": {"text": help_text},
        "help": {"text": help_text, "markdown": md_escape(help_text)},
        "defaultConfiguration": {"level": level},
        "properties": {"tags": list(dict.fromkeys(["planlint", finding.pack]))},
    }
