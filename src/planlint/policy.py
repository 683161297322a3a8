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
from functools import partial

from planlint.baseline import apply_baseline, baseline_entries, write_entries
from planlint.checks import Result, unknown_department
from planlint.config import LEVELS, Config
from planlint.engine import Failure
from planlint.errors import ConfigError
from planlint.messages import Phrase
from planlint.rules import Pack, Rule
from planlint.rules.years import YearPacks
from planlint.selection import OWN_PACK, known_rules, names_any, selected, unknown
from planlint.waivers import WaiverRun

_RANK = {level: n for n, level in enumerate(LEVELS)}


@dataclass
class Applied:
    """The outcomes to report, and what to say about what was left out."""

    outcomes: list[Result | Failure]
    # said in the run's language by the command line (messages.Phrase)
    warnings: list[Phrase] = field(default_factory=list)  # waivers that rot
    notes: list[Phrase] = field(default_factory=list)  # counts of waived and baselined findings


def configured_packs(packs: list[Pack], config: Config) -> list[Pack]:
    """The packs with the configured severities; every rule name in the settings checked."""
    _check_names(packs, config)
    return _severities(packs, config)


def _severities(packs: list[Pack], config: Config) -> list[Pack]:
    if not config.severity:
        return packs
    return [with_severities(pack, config.severity) for pack in packs]


def _check_names(packs: list[Pack], config: Config) -> None:
    """A ConfigError for the first rule name in the settings that no rule of ``packs`` has."""
    for key, specs in (
        ("select", config.select),
        ("ignore", config.ignore),
        ("severity", tuple(config.severity)),
    ):
        bad = unknown(specs, packs)
        if bad:
            known = ", ".join(sorted({r for _, r in known_rules(packs)}))
            where = config.origin(key)
            if where.startswith("--"):
                raise ConfigError(where, "unknown-rule", rule=bad[0], known=known)
            raise ConfigError(where, "unknown-rule-at", key=key, rule=bad[0], known=known)


def _names_known(packs: list[Pack], config: Config) -> bool:
    specs = (*config.select, *config.ignore, *config.severity)
    return not unknown(specs, packs)


def with_severities(pack: Pack, severity: dict[str, str]) -> Pack:
    """``pack`` with the configured severities (``severity``: rule name -> level)."""
    return replace(pack, rules=tuple(_with_severity(rule, severity) for rule in pack.rules))


def _with_severity(rule: Rule, severity: dict[str, str]) -> Rule:
    level = next((v for k, v in severity.items() if names_any((k,), rule.pack, rule.id)), None)
    return replace(rule, severity=level) if level else rule


def load_packs(config: Config) -> list[Pack]:
    """The packs the settings name (``core`` when none), with the configured severities."""
    from planlint.rules import load_pack

    return configured_packs([load_pack(spec) for spec in config.packs or ("core",)], config)


def load_packs_for_years(config: Config, year: str) -> tuple[list[Pack], YearPacks]:
    """``load_packs`` and the year packs ``--year`` may add (rules/years.py), all with the
    configured severities; a rule name in the settings may name a year pack's rule.

    The year packs are loaded as plans of their years come (YearPacks.choose), each given the
    severities then; all of them only when a rule name in the settings is none of the run's
    own packs', to see whether a year pack has it (else the error lists every rule)."""
    from planlint.rules import load_pack
    from planlint.rules.years import year_packs

    packs = [load_pack(spec) for spec in config.packs or ("core",)]
    adjust = partial(with_severities, severity=dict(config.severity)) if config.severity else None
    years = year_packs(year, packs, adjust=adjust)
    if not _names_known(packs, config):
        _check_names([*packs, *years.all_packs], config)
    return _severities(packs, config), years


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
    settle = Settler(config, today, baseline, write_to)
    settled = [settle(o) for o in outcomes]
    applied = settle.finish()
    applied.outcomes = settled
    return applied


class Settler:
    """The project's settings applied plan by plan, as a batch streams (``planlint check``
    reports each plan as it arrives and keeps none): call it on each outcome in the run's
    order, then :meth:`finish` once, which writes the baseline (``write_to``) and says what
    the waivers and the baseline left out. What it keeps is small: the waivers' counts, the
    baseline's entries when one is written, and what the exit code needs."""

    def __init__(
        self,
        config: Config,
        today: date,
        baseline: frozenset[str] | None = None,
        write_to: str | None = None,
    ) -> None:
        self.config = config
        self.baseline = baseline
        self.write_to = write_to
        self.waivers = WaiverRun(config.waivers, today) if config.waivers else None
        self.entries: list[dict[str, str]] = []  # the baseline to write
        self.known = 0  # findings left out as in the baseline
        self.new = 0  # findings the baseline does not know
        self.seen = 0
        self.failed = False
        self.worst: int | None = None  # the rank of the most severe finding reported

    def __call__(self, outcome: Result | Failure) -> Result | Failure:
        """One outcome as it is to be reported (a Failure as it is)."""
        self.seen += 1
        if isinstance(outcome, Failure):
            self.failed = True
            return outcome
        result = _configured(outcome, self.config)
        if self.waivers is not None:
            result = self.waivers.apply(result)
        if self.write_to is not None:
            self.entries.extend(baseline_entries(result))
            result = replace(result, findings=[])
        elif self.baseline is not None:
            known = apply_baseline([result], self.baseline)
            result = known.results[0]
            self.known += known.count
            self.new += len(result.findings)
        ranks = [_RANK[f.severity] for f in result.findings]
        if ranks:
            self.worst = min([*ranks, *([self.worst] if self.worst is not None else [])])
        return result

    def finish(self) -> Applied:
        """What to say at the end (warnings, notes); the baseline written when asked for (a
        ConfigError if it cannot be). ``outcomes`` is left empty: they were reported."""
        applied = Applied([])
        if self.waivers is not None:
            applied.warnings.extend(self.waivers.notices())
            if self.waivers.count:
                applied.notes.append(Phrase("waived-count", count=self.waivers.count))
        if self.write_to is not None:
            count = write_entries(self.write_to, self.entries)
            applied.notes.append(Phrase("baseline-written", path=self.write_to, count=count))
        elif self.baseline is not None:
            applied.notes.append(Phrase("baseline-count", known=self.known, new=self.new))
        return applied

    def exit_code(self) -> int:
        """:func:`exit_code` of the outcomes settled so far, from what was counted."""
        if not self.seen or self.failed:
            return 2
        if self.config.exit_zero:
            return 0
        return 1 if self.worst is not None and self.worst <= _RANK[self.config.fail_on] else 0


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
