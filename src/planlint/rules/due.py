"""By when a rule's task is due, relative to the plan's year, and for which kind of issuer.

A pack writes ``due: {month: 1, day: 31, year: next}``: the 31st of January of the year after
the plan's year (a 2023 plan's annual report is due on 2024-01-31). ``year`` is ``same`` (the
plan's own year, the default) or ``next``; without ``day`` the month's last day. ``basis`` says
which higher document sets the date, for the report. The date is only ever worked out against a
plan whose year is known: a plan of unknown year has no due date.

Some dates depend on who issues the plan. The 政府信息公开条例 (2019), art. 49, has a department
publish its annual report by 31 January and a local people's government (its general office
compiles it) by 31 March. So ``issuers`` gives another date to one kind of issuer
(parse/issuer_kind.py):

    due: {month: 1, day: 31, year: next, issuers: {government: {month: 3, day: 31}}}

An override's ``year`` defaults to the top level's. A plan of a kind with no override gets the
top-level date; a plan whose issuer's kind is unknown gets the latest date any kind may have,
so that nothing is flagged on a guess. ``applied`` says which date a plan gets and why, for the
finding.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, get_args

from planlint.model import IssuerKind

# the longest each month can be (February in a leap year), for checking a pack's day
_LONGEST = {m: calendar.monthrange(2000, m)[1] for m in range(1, 13)}
ISSUER_KINDS: tuple[IssuerKind, ...] = get_args(IssuerKind)

# why a plan got its due date: the rule has one date for all; the date for the plan's kind of
# issuer; the latest of the kinds' dates, the issuer's kind being unknown
Reason = Literal["fixed", "issuer", "latest"]


@dataclass(frozen=True)
class DueDate:
    """A month and day in the plan's year or the next."""

    month: int
    day: int | None = None  # None: the month's last day
    next_year: bool = False

    def date_for(self, plan_year: int) -> date:
        """The date for a plan of ``plan_year`` (29 February becomes the 28th when the year
        has none)."""
        year = plan_year + 1 if self.next_year else plan_year
        last = calendar.monthrange(year, self.month)[1]
        return date(year, self.month, min(self.day or last, last))


@dataclass(frozen=True)
class Applied:
    """The due date one plan gets, and why (see ``Reason``); ``issuer`` is the plan's kind of
    issuer when it is known."""

    date: date
    reason: Reason
    issuer: IssuerKind | None = None


@dataclass(frozen=True)
class Due(DueDate):
    basis: str = ""
    issuers: tuple[tuple[IssuerKind, DueDate], ...] = ()  # overrides by kind of issuer

    def applied(self, plan_year: int, issuer: IssuerKind | None) -> Applied:
        """The due date for a plan of ``plan_year`` issued by a body of kind ``issuer``."""
        if not self.issuers:
            return Applied(self.date_for(plan_year), "fixed", issuer)
        own = dict(self.issuers)
        if issuer is not None:
            return Applied(own.get(issuer, self).date_for(plan_year), "issuer", issuer)
        latest = max(own.get(kind, self).date_for(plan_year) for kind in ISSUER_KINDS)
        return Applied(latest, "latest")


class NoSuchDay(ValueError):
    """A ``due`` day its month never has (2月30日): the schema allows 1 to 31 in every month."""

    def __init__(self, month: int, day: int) -> None:
        super().__init__(f"due: month {month} has no day {day}")
        self.month = month
        self.day = day


def due_from(raw: dict[str, Any] | None) -> Due | None:
    """A schema-valid ``due`` mapping as a Due; NoSuchDay for a day a month never has."""
    if not raw:
        return None
    next_year = raw.get("year", "same") == "next"
    issuers = tuple((kind, _date(over, next_year)) for kind, over in raw.get("issuers", {}).items())
    top = _date(raw, next_year)
    return Due(top.month, top.day, top.next_year, raw.get("basis", ""), issuers)


def _date(raw: dict[str, Any], next_year: bool) -> DueDate:
    """``raw``'s month, day and year (``next_year`` when it gives none)."""
    month, day = raw["month"], raw.get("day")
    if day is not None and day > _LONGEST[month]:
        raise NoSuchDay(month, day)
    year = raw.get("year")
    return DueDate(month, day, next_year if year is None else year == "next")
