"""A pack's embedded tests run (``planlint rules test``), each failure with why.

Every rule may carry ``tests.match`` (item texts it must carry) and ``tests.no_match`` (the
look-alikes it must not). A failure says what happened: for a text that should have matched,
which term groups of each pattern were found and which were not; for one that should not have,
the terms the hit was made of.
"""

from __future__ import annotations

from dataclasses import dataclass

from planlint.match import match_text
from planlint.rules import Pack, Rule, RuleTest
from planlint.textnorm import normalize


@dataclass(frozen=True)
class CaseResult:
    """One embedded test run: ``expected`` a hit or not; ``terms`` what hit (if anything);
    ``lacking`` for a missed match, per pattern, the first term of each group not found."""

    rule: Rule
    case: RuleTest
    expected: bool
    terms: tuple[str, ...] = ()
    lacking: tuple[tuple[str, ...], ...] = ()

    @property
    def passed(self) -> bool:
        return self.expected == bool(self.terms)


def run_pack(pack: Pack) -> list[CaseResult]:
    """Every embedded test of every rule of ``pack``, in the pack's order."""
    results = []
    for rule in pack.rules:
        for expected, cases in ((True, rule.tests_match), (False, rule.tests_no_match)):
            for case in cases:
                results.append(_run(rule, case, expected))
    return results


def _run(rule: Rule, case: RuleTest, expected: bool) -> CaseResult:
    text, heading = normalize(case.text), normalize(case.heading)
    hit = match_text(rule, text, heading=heading)
    if hit is not None:
        return CaseResult(rule, case, expected, tuple(hit.terms) or ("?",))
    lacking = tuple(
        tuple(
            group[0]
            for group in pattern.groups
            if not any(t in text or t in heading for t in group)
        )
        for pattern in rule.match.patterns
        if pattern.groups
    )
    return CaseResult(rule, case, expected, (), lacking)
