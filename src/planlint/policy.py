"""What the project's settings do to a run: between the checks and the report.

The checks say what is true of each plan; the project says what it cares about. In order:
the packs' rules get the configured severities (``configured_packs``, before checking); after
checking, owners are compared with the unit's departments, unselected and ignored rules are
dropped (their requirements and findings), waivers accept findings, the baseline leaves out
findings already known; then ``exit_code`` applies ``fail-on`` and ``--exit-zero``. All of it
works on plain data in the main process, so the workers' job stays what it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from planlint.baseline import apply_baseline, write_baseline
from planlint.checks import Result, unknown_department
from planlint.config import LEVELS, Config
from planlint.engine import Failure
from planlint.errors import ConfigError
from planlint.rules import Pack, Rule
from planlint.selection import OWN_PACK, known_rules, names_any, selected, unknown
from planlint.waivers import apply_waivers

_RANK = {level: n for n, level in enumerate(LEVELS)}


@dataclass
class Applied:
    """The outcomes to report, and what to say about what was left out."""

    outcomes: list[Result | Failure]
    warnings: list[str] = field(default_factory=list)  # waivers that rot
    notes: list[str] = field(default_factory=list)  # counts of waived and baselined findings


def configured_packs(packs: list[Pack], config: Config) -> list[Pack]:
    """The packs with the configured severities; every rule name in the settings checked."""
    for key, specs in (
        ("select", config.select),
        ("ignore", config.ignore),
        ("severity", tuple(config.severity)),
    ):
        bad = unknown(specs, packs)
        if bad:
            known = ", ".join(sorted({r for _, r in known_rules(packs)}))
            where = config.origin(key)
            key_part = "" if where.startswith("--") else f"{key}: "
            raise ConfigError(where, f"{key_part}unknown rule {bad[0]} (rules: {known})")
    if not config.severity:
        return packs
    return [
        replace(pack, rules=tuple(_with_severity(rule, config) for rule in pack.rules))
        for pack in packs
    ]


def _with_severity(rule: Rule, config: Config) -> Rule:
    level = next(
        (v for k, v in config.severity.items() if names_any((k,), rule.pack, rule.id)), None
    )
    return replace(rule, severity=level) if level else rule


def load_packs(config: Config) -> list[Pack]:
    """The packs the settings name (``core`` when none), with the configured severities."""
    from planlint.rules import load_pack

    return configured_packs([load_pack(spec) for spec in config.packs or ("core",)], config)


def apply(
    outcomes: list[Result | Failure],
    config: Config,
    today: date,
    baseline: frozenset[str] | None = None,
    write_to: str | None = None,
) -> Applied:
    """The outcomes as the project wants them reported (see the module's docstring).

    ``write_to``: record the findings left after waivers there as the baseline; they are then
    known, so none is reported and the run passes (as the next run with ``--baseline`` would).
    """
    results = [_configured(o, config) for o in outcomes if isinstance(o, Result)]
    applied = Applied([])
    if config.waivers:
        waived = apply_waivers(results, config.waivers, today)
        results = waived.results
        applied.warnings.extend(waived.notices)
        if waived.count:
            applied.notes.append(f"{waived.count} finding(s) accepted by waivers, not shown")
    if write_to is not None:
        count = write_baseline(write_to, results)
        applied.notes.append(f"{write_to}: {count} finding(s) recorded as the baseline")
        results = [replace(r, findings=[]) for r in results]
    elif baseline is not None:
        known = apply_baseline(results, baseline)
        results = known.results
        applied.notes.append(
            f"{known.count} finding(s) in the baseline, not shown;"
            f" {sum(len(r.findings) for r in results)} new"
        )
    it = iter(results)
    applied.outcomes = [next(it) if isinstance(o, Result) else o for o in outcomes]
    return applied


def _configured(result: Result, config: Config) -> Result:
    """One plan's result with the department check added, rules selected, severities set."""
    findings = [*result.findings, *unknown_department.check_plan(result.plan, config.departments)]
    keep = [f for f in findings if selected(f.pack, f.rule, config.select, config.ignore)]
    keep = [
        replace(f, severity=_own_level(f.rule, config.severity) or f.severity)
        if f.pack == OWN_PACK
        else f
        for f in keep
    ]
    verdicts = [
        v for v in result.verdicts if selected(v.rule.pack, v.rule.id, config.select, config.ignore)
    ]
    keep.sort(key=lambda f: (_RANK[f.severity], f.line or 0))
    return replace(result, verdicts=verdicts, findings=keep)


def _own_level(rule: str, severity: dict[str, str]) -> str | None:
    return next((v for k, v in severity.items() if names_any((k,), OWN_PACK, rule)), None)


def exit_code(outcomes: list[Result | Failure], config: Config) -> int:
    """2 for input errors; else 1 when a finding is at or above ``fail-on`` (and not
    ``--exit-zero``); else 0."""
    if not outcomes or any(isinstance(o, Failure) for o in outcomes):
        return 2
    if config.exit_zero:
        return 0
    limit = _RANK[config.fail_on]
    failing = any(
        _RANK[f.severity] <= limit for o in outcomes if isinstance(o, Result) for f in o.findings
    )
    return 1 if failing else 0
