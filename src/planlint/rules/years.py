"""Which year pack a plan is checked against (``--year``): plain data in, a choice out.

A year pack (``year:`` in the pack) carries the tasks particular to one year's national key
points. ``auto`` picks, for each plan, the shipped pack of the plan's work year (parse/issuer.py
reads it from the title or the signature); a year forces one pack for every plan; ``none`` adds
none. The core pack and any ``--pack`` apply regardless. When a pack the run already uses is a
year pack (``--pack prov-example-2022``), ``auto`` leaves the choice to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from planlint.errors import ConfigError
from planlint.rules import Pack, builtin_dir, builtin_packs, load_pack

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
    """The run's ``--year`` setting and the year packs it may add: by year, the shipped pack's
    name. A pack is loaded when a plan of its year first asks for it (``choose``), so a run
    loads the packs of the years its plans have, often none, not all of them.

    ``adjust`` is applied to each pack as it is loaded (the configured severities, policy.py);
    it must be picklable, since the YearPacks travels to the worker processes."""

    setting: str = NONE
    names: dict[int, str] = field(default_factory=dict)
    configured: str | None = None  # a year pack already among the run's packs
    adjust: Callable[[Pack], Pack] | None = field(default=None, compare=False)
    _loaded: dict[int, Pack] = field(default_factory=dict, compare=False, repr=False)

    def choose(self, plan_year: int | None) -> tuple[Pack | None, YearChoice]:
        """The pack to add to a plan of ``plan_year`` (None: none) and what to say about it."""
        if self.setting == NONE:
            return None, YearChoice("off")
        if self.configured is not None:
            return None, YearChoice("configured", plan_year, self.configured)
        if self.setting != AUTO:
            pack = self.pack(int(self.setting))
            return pack, YearChoice("forced", int(self.setting), pack.name)
        if plan_year is None:
            return None, YearChoice("unknown")
        if plan_year not in self.names:
            return None, YearChoice("missing", plan_year)
        pack = self.pack(plan_year)
        return pack, YearChoice("auto", plan_year, pack.name)

    def pack(self, year: int) -> Pack:
        """The pack of ``year`` (one of ``names``), loaded on first use, adjusted."""
        if year not in self._loaded:
            pack = load_pack(self.names[year])
            self._loaded[year] = self.adjust(pack) if self.adjust is not None else pack
        return self._loaded[year]

    def pack_of(self, choice: YearChoice | None) -> Pack | None:
        """The pack a plan's choice added (None: none), as this process has it."""
        if choice is None or choice.how not in ("auto", "forced") or choice.year is None:
            return None
        return self.pack(choice.year)

    @property
    def all_packs(self) -> list[Pack]:
        """Every year pack the setting may add, each loaded (a rule name in the settings that
        no other pack has may name one of theirs)."""
        return [self.pack(year) for year in self.names]


def shipped_year_packs() -> dict[int, Pack]:
    """The shipped packs with a ``year`` that extend nothing (national ones), by year.
    A region's pack extends a national one and is chosen by name (``--pack``), never by year."""
    return {year: load_pack(name) for year, name in shipped_years().items()}


def shipped_years() -> dict[int, str]:
    """:func:`shipped_year_packs` by name, without loading them when the shipped index
    (rules/shipped.py) describes the packs as they are; else every pack is loaded to see."""
    from planlint.rules.shipped import years_by_index

    indexed = years_by_index(builtin_dir())
    if indexed is not None:
        return indexed
    found: dict[int, str] = {}
    for name in builtin_packs():
        pack = load_pack(name)
        if pack.year is not None and not pack.extends:
            found.setdefault(pack.year, name)
    return found


def year_packs(
    setting: str,
    used: list[Pack],
    source: str = "--year",
    adjust: Callable[[Pack], Pack] | None = None,
) -> YearPacks:
    """The YearPacks for ``--year setting`` given the packs the run already uses; a year with
    no pack, or a setting that is no year, is a ConfigError (exit 2). ``adjust``: see
    YearPacks."""
    value = setting.strip().lower()
    if value == NONE:
        return YearPacks(NONE)
    configured = next((p.name for p in used if p.year is not None), None)
    if configured is not None:  # a year pack named with --pack or the configuration wins
        return YearPacks(value, {}, configured)
    available = shipped_years()
    years = ", ".join(str(y) for y in sorted(available)) or "-"
    if value != AUTO:
        if not value.isdigit():
            raise ConfigError(source, "year-setting", value=setting, years=years)
        if int(value) not in available:
            raise ConfigError(source, "year-no-pack", year=value, years=years)
        return YearPacks(value, {int(value): available[int(value)]}, adjust=adjust)
    return YearPacks(AUTO, available, adjust=adjust)


def year_line(choice: YearChoice | None, lang: str = "zh") -> str | None:
    """The report's one line on the year pack; None when ``--year none`` (nothing to say)."""
    from planlint.messages import doc_text

    if choice is None or choice.how == "off":
        return None
    return doc_text(f"year-{choice.how}", lang, pack=choice.pack, year=choice.year)
