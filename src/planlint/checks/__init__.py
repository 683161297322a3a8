"""checks: matches to verdicts and findings.

Like yamllint's rules, each check is a small module with a ``KIND`` and a ``check`` function
taking plain data (the plan, one requirement's match, the declared placeholders) and yielding
Findings. ``evaluate`` runs them all and computes each requirement's status.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planlint.checks import coverage, deadline, diffuse_owner, late, reading, untraced
from planlint.checks.base import Finding, Verdict
from planlint.match import RequirementMatch
from planlint.model import Plan
from planlint.rules.years import YearChoice

CHECKS = (coverage, diffuse_owner, deadline, late)

__all__ = ["CHECKS", "Finding", "Result", "Verdict", "evaluate"]


@dataclass
class Result:
    """Everything known about one plan after checking."""

    plan: Plan
    pack_names: list[str]
    verdicts: list[Verdict] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    year: YearChoice | None = None  # which year pack --year added (rules/years.py)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


def evaluate(plan: Plan, matches: list[RequirementMatch], pack_names: list[str]) -> Result:
    result = Result(plan, pack_names)
    result.findings.extend(reading.check_plan(plan))
    result.findings.extend(untraced.check_plan(plan, matches))
    items = {item.id: item for item in plan.items}
    for match in matches:
        verdict = coverage.verdict(plan, match, items)
        result.verdicts.append(verdict)
        for check in CHECKS:
            result.findings.extend(check.check(plan, verdict, items))
    order = {"error": 0, "warning": 1, "info": 2}
    result.findings.sort(key=lambda f: (order[f.severity], f.line or 0))
    return result
