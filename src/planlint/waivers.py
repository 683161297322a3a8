"""Waivers: a finding accepted on purpose, with a written reason and, if it should not last, an
expiry date.

A Word, Excel or PDF plan cannot carry a ``# noqa`` comment, so accepting a finding is written
down beside the plans instead::

    waivers:
      - plan: plans/乡镇/*.docx          # a glob, read from the waiver file's folder
        rule: lookback                   # a rule id, or pack-qualified: core/lookback
        reason: 乡镇不单独开展“回头看”，由县政务公开办统一组织（县政务办 2024-03-01 函）
        expires: 2025-06-30              # optional, YYYY-MM-DD: the last day it holds

A waiver with no reason is refused (the run stops, exit 2): the reason is the point. Waivers
must not rot: one that has expired no longer applies, so its findings are reported again, and
one that matched no finding in the run (the plan was fixed, or the glob or rule is wrong) is
reported too. Both are notices, ``planlint: warning: …`` lines on standard error: they belong
to the waiver file, not to a plan, and they leave the exit code alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from planlint.checks import Result
from planlint.datafile import read_data
from planlint.errors import ConfigError
from planlint.globs import Glob, globs
from planlint.messages import Phrase
from planlint.rules.clip import name, show
from planlint.selection import names

KEYS = ("plan", "rule", "reason", "expires")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Waiver:
    """One accepted finding: plans by glob, a rule, why, until when (inclusive)."""

    plan: Glob
    rule: str
    reason: str
    expires: date | None
    where: str  # "waivers.yaml: waiver 2", for notices

    def describe(self) -> str:
        return f"{self.where} (plan {self.plan.pattern}, rule {self.rule})"

    def expired(self, today: date) -> bool:
        return self.expires is not None and today > self.expires


def load_waivers(path: str | Path) -> tuple[Waiver, ...]:
    """The waivers of a waiver file (YAML, JSON or TOML): a list under ``waivers``."""
    path = Path(path)
    data = read_data(path)
    if isinstance(data, dict):
        extra = [k for k in data if k != "waivers"]
        if extra:
            raise ConfigError(str(path), "waiver-file-key", key=name(extra[0]))
        data = data.get("waivers", [])
    return parse_waivers(data, str(path), path.absolute().parent)


def parse_waivers(data: Any, source: str, base: Path) -> tuple[Waiver, ...]:
    """Waivers from plain data (a list of tables), each checked; ``base`` anchors plan globs."""
    if data is None:
        return ()
    if not isinstance(data, list):
        raise ConfigError(source, "not-waivers", value=show(data))
    return tuple(_waiver(entry, f"{source}: waiver {n}", base) for n, entry in enumerate(data, 1))


def _waiver(entry: Any, where: str, base: Path) -> Waiver:
    if not isinstance(entry, dict):
        raise ConfigError(where, "not-a-waiver", keys=", ".join(KEYS), value=show(entry))
    unknown = [k for k in entry if k not in KEYS]
    if unknown:
        raise ConfigError(where, "unknown-key", key=name(unknown[0]), known=", ".join(KEYS))
    for key in ("plan", "rule"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise ConfigError(where, "required-text", key=key)
    reason = entry.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise ConfigError(where, "waiver-no-reason")
    return Waiver(
        plan=globs([entry["plan"].strip()], base)[0],
        rule=entry["rule"].strip(),
        reason=reason.strip(),
        expires=_expiry(entry.get("expires"), where),
        where=where,
    )


def _expiry(value: Any, where: str) -> date | None:
    """A TOML date, or text YYYY-MM-DD (YAML keeps unquoted dates as text for planlint)."""
    if value is None or (isinstance(value, date) and not hasattr(value, "hour")):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ConfigError(where, "not-a-date", key="expires", value=show(value))


@dataclass
class Waived:
    """What waivers did to a run: the results without waived findings, the count, notices."""

    results: list[Result]
    count: int
    notices: list[Phrase]


def apply_waivers(results: list[Result], waivers: tuple[Waiver, ...], today: date) -> Waived:
    """Drop each finding a live waiver accepts; say which waivers expired or matched nothing."""
    run = WaiverRun(waivers, today)
    out = [run.apply(result) for result in results]
    return Waived(out, run.count, run.notices())


class WaiverRun:
    """Waivers applied plan by plan, as a batch streams: :meth:`apply` to each result as it
    arrives, :meth:`notices` once at the end (only then is it known which matched nothing)."""

    def __init__(self, waivers: tuple[Waiver, ...], today: date) -> None:
        self.waivers = waivers
        self.today = today
        self.live = [w for w in waivers if not w.expired(today)]
        self.used = dict.fromkeys(self.live, 0)
        self.planned = dict.fromkeys(self.live, 0)

    @property
    def count(self) -> int:
        """Findings accepted so far."""
        return sum(self.used.values())

    def apply(self, result: Result) -> Result:
        """``result`` without the findings a live waiver accepts."""
        mine = [w for w in self.live if w.plan.matches(result.plan.path)]
        for w in mine:
            self.planned[w] += 1
        kept = []
        for f in result.findings:
            waiver = next((w for w in mine if names(w.rule, f.pack, f.rule)), None)
            if waiver is None:
                kept.append(f)
            else:
                self.used[waiver] += 1
        return replace(result, findings=kept)

    def notices(self) -> list[Phrase]:
        """The waivers that expired, and the live ones that matched no finding in the run; each
        said in the run's language by the command line (``Phrase.render``)."""
        notices = [
            Phrase("waiver-expired", waiver=_named(w), date=str(w.expires))
            for w in self.waivers
            if w.expired(self.today)
        ]
        for w in self.live:
            if self.used[w]:
                continue
            if self.planned[w]:
                notices.append(Phrase("waiver-no-finding", waiver=_named(w), plans=self.planned[w]))
            else:
                notices.append(Phrase("waiver-no-plan", waiver=_named(w)))
        return notices


def _named(waiver: Waiver) -> Phrase:
    """A waiver as notices name it: where it is written, its plan glob and its rule."""
    return Phrase("waiver-named", where=waiver.where, plan=waiver.plan.pattern, rule=waiver.rule)
