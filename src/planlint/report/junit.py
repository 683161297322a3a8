"""JUnit XML, the test report every CI server reads (Jenkins, GitLab, Azure, CircleCI).

A plan is a test suite and each requirement a test case: covered or not applicable passes
(not applicable is ``skipped``), missing or unassigned fails with the finding's message. The
plan's other findings (no deadline, an owner given only as "all units") go in the case's
``system-out``, reading doubts in the suite's. A file that could not be read is a suite with
one errored case. The attributes the common JUnit schemas require are always written:
``testsuites``/``testsuite`` name, tests, failures, errors; ``testcase`` name, classname.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from planlint.checks import Result
from planlint.checks.base import Finding, Verdict
from planlint.engine import Failure
from planlint.messages import ci_text, location_text
from planlint.output import printable
from planlint.report.places import INPUT_ERROR, anchor, display_path
from planlint.report.stream import Out, Spool, collect

_FAILING = ("missing", "unassigned")


def render_junit(outcomes: list[Result | Failure], lang: str = "zh") -> str:
    parts: list[str] = []
    collect(JunitWriter(parts.append, lang), outcomes)
    return "".join(parts)


class JunitWriter:
    """The report written as a batch streams (report/stream.py): each plan's suite is laid
    out as ``ET.indent`` lays it out inside the whole tree and waits in a spool, since the
    root element carries the batch's totals; the root is written at the end, then the
    suites."""

    def __init__(self, out: Out, lang: str = "zh") -> None:
        self.out = out
        self.lang = lang
        self.totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        self.suites = Spool()

    def add(self, outcome: Result | Failure) -> None:
        if isinstance(outcome, Failure):
            suite = _failure_suite(outcome)
        else:
            suite = _plan_suite(outcome, self.lang)
        for key in self.totals:
            self.totals[key] += int(suite.get(key, "0"))
        ET.indent(suite, level=1)
        self.suites.write("\n  " + ET.tostring(suite, encoding="unicode"))

    def finish(self) -> None:
        root = ET.Element("testsuites", name="planlint")
        for key, value in self.totals.items():
            root.set(key, str(value))
        root.set("time", "0")
        self.out('<?xml version="1.0" encoding="UTF-8"?>\n')
        if self.suites.empty:
            self.suites.close()
            self.out(ET.tostring(root, encoding="unicode"))
            return
        root.text = "\x00"
        head, tail = ET.tostring(root, encoding="unicode").split("\x00")
        self.out(head)
        self.suites.copy_to(self.out)
        self.out("\n" + tail)


def _plan_suite(result: Result, lang: str) -> ET.Element:
    path = display_path(result.plan.path)
    suite = ET.Element("testsuite", name=_xml(path))
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    by_rule: dict[tuple[str, str], list[Finding]] = {}
    for f in result.findings:
        by_rule.setdefault((f.pack, f.rule), []).append(f)
    for verdict in result.verdicts:
        case = _case(result, verdict, by_rule.get((verdict.rule.pack, verdict.rule.id), []), lang)
        suite.append(case)
        counts["tests"] += 1
        counts["failures"] += case.find("failure") is not None
        counts["skipped"] += case.find("skipped") is not None
    doubts = [f for f in result.findings if f.kind == "reading"]
    for key, value in counts.items():
        suite.set(key, str(value))
    suite.set("time", "0")
    if doubts:
        out = ET.SubElement(suite, "system-out")
        out.text = _xml("\n".join(_line(result, f, lang) for f in doubts))
    return suite


def _case(result: Result, verdict: Verdict, findings: list[Finding], lang: str) -> ET.Element:
    rule = verdict.rule
    title = rule.title if lang == "zh" else (rule.title_en or rule.title)
    case = ET.Element(
        "testcase",
        name=_xml(f"{rule.pack}/{rule.id}: {title}"),
        classname=_xml(display_path(result.plan.path)),
        time="0",
    )
    failing = [f for f in findings if f.kind in _FAILING]
    if failing:
        first = failing[0]
        failure = ET.SubElement(
            case, "failure", message=_xml(first.message_in(lang)), type=first.kind
        )
        failure.text = _xml("\n".join(_line(result, f, lang) for f in failing))
    elif verdict.status == "not-applicable":
        note = next((f for f in findings if f.kind == "not-applicable"), None)
        ET.SubElement(case, "skipped", message=_xml(note.message_in(lang) if note else ""))
    lines = [
        _line(result, f, lang)
        for f in findings
        if f.kind not in _FAILING and f.kind != "not-applicable"
    ]
    if verdict.status == "covered" and verdict.items:
        lines.insert(
            0,
            ci_text(
                "junit-covered", lang, items=("、" if lang == "zh" else ", ").join(verdict.items)
            ),
        )
    if lines:
        ET.SubElement(case, "system-out").text = _xml("\n".join(lines))
    return case


def _failure_suite(failure: Failure) -> ET.Element:
    path = display_path(failure.path)
    suite = ET.Element(
        "testsuite", name=_xml(path), tests="1", failures="0", errors="1", skipped="0", time="0"
    )
    case = ET.SubElement(suite, "testcase", name=f"planlint/{INPUT_ERROR}", classname=_xml(path))
    case.set("time", "0")
    error = ET.SubElement(case, "error", message=_xml(failure.message), type=INPUT_ERROR)
    error.text = _xml(failure.message)
    return suite


def _line(result: Result, finding: Finding, lang: str) -> str:
    where = location_text(anchor(result.plan, finding), lang)
    return f"{finding.severity} {finding.pack}/{finding.rule} [{where}] {finding.message_in(lang)}"


def _xml(text: str) -> str:
    """Text XML 1.0 can hold: control characters (other than tab and line breaks) and lone
    surrogates from undecodable file names are written as visible escapes."""
    return "\n".join(printable(line).replace("\\t", "\t") for line in text.split("\n"))
