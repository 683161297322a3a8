"""Which year pack a plan is checked against (``--year``): plain data in, a choice out.

A year pack (``year:`` in the pack) carries the tasks particular to one year's national key
points. ``auto`` picks, for each plan, the shipped pack of the plan's work year (parse/issuer.py
reads it from the title or the signature); a year forces one pack for every plan; ``none`` adds
none. The core pack and any ``--pack`` apply regardless. When a pack the run already uses is a
year pack (``--pack prov-example-2022``), ``auto`` leaves the choice to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planlint.errors import ConfigError
from planlint.rules import Pack, builtin_packs, load_pack

AUTO = "auto"
NONE = "none"


@dataclass(frozen=True)
class YearChoice:
    """What ``--year`` did for one plan; said in the report (one line, a JSON field).

    ``how``: ``auto`` (picked by the plan's year), ``forced`` (``--year 2021``), ``missing``
    (auto, but no pack for the plan's year: core only), ``unknown`` (auto, the plan's year could
    not be read), ``configured`` (a year pack was named with --pack), ``off`` (``--year none``).
    """

    how: str
    year: int | None = None
    pack: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {"how": self.how, "year": self.year, "pack": self.pack}


@dataclass(frozen=True)
class YearPacks:
    """The run's ``--year`` setting and the year packs it may add, by year."""

    setting: str = NONE
    packs: dict[int, Pack] = field(default_factory=dict)
    configured: str | None = None  # a year pack already among the run's packs

    def choose(self, plan_year: int | None) -> tuple[Pack | None, YearChoice]:
        """The pack to add to a plan of ``plan_year`` (None: none) and what to say about it."""
        if self.setting == NONE:
            return None, YearChoice("off")
        if self.configured is not None:
            return None, YearChoice("configured", plan_year, self.configured)
        if self.setting != AUTO:
            year = int(self.setting)
            return self.packs[year], YearChoice("forced", year, self.packs[year].name)
        if plan_year is None:
            return None, YearChoice("unknown")
        pack = self.packs.get(plan_year)
        if pack is None:
            return None, YearChoice("missing", plan_year)
        return pack, YearChoice("auto", plan_year, pack.name)

    @property
    def all_packs(self) -> list[Pack]:
        return list(self.packs.values())


def shipped_year_packs() -> dict[int, Pack]:
    """The shipped packs with a ``year`` that extend nothing (national ones), by year.
    A region's pack extends a national one and is chosen by name (``--pack``), never by year."""
    found: dict[int, Pack] = {}
    for name in builtin_packs():
        pack = load_pack(name)
        if pack.year is not None and not pack.extends:
            found.setdefault(pack.year, pack)
    return found


def year_packs(setting: str, used: list[Pack], source: str = "--year") -> YearPacks:
    """The YearPacks for ``--year setting`` given the packs the run already uses; a year with
    no pack, or a setting that is no year, is a ConfigError (exit 2)."""
    value = setting.strip().lower()
    if value == NONE:
        return YearPacks(NONE)
    configured = next((p.name for p in used if p.year is not None), None)
    if configured is not None:  # a year pack named with --pack or the configuration wins
        return YearPacks(value, {}, configured)
    available = shipped_year_packs()
    years = ", ".join(str(y) for y in sorted(available)) or "-"
    if value != AUTO:
        if not value.isdigit():
            raise ConfigError(source, "year-setting", value=setting, years=years)
        if int(value) not in available:
            raise ConfigError(source, "year-no-pack", year=value, years=years)
        return YearPacks(value, {int(value): available[int(value)]})
    return YearPacks(AUTO, available)


def year_line(choice: YearChoice | None, lang: str = "zh") -> str | None:
    """The report's one line on the year pack; None when ``--year none`` (nothing to say)."""
    from planlint.messages import doc_text

    if choice is None or choice.how == "off":
        return None
    return doc_text(f"year-{choice.how}", lang, pack=choice.pack, year=choice.year)
