"""Which rules a setting names: ``select``, ``ignore``, ``severity`` keys and waivers' ``rule``.

A rule is named by its id (``lookback``: that id in every pack) or qualified by its pack
(``core/lookback``, as SARIF's rule ids read). planlint's own findings belong to the pack
``planlint``: ``reading`` (doubts about how a file was read) and ``unknown-department``.
A name no loaded pack has is an error, so a typo cannot silently select or ignore nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from planlint.rules import Pack

OWN_PACK = "planlint"
OWN_RULES = ("reading", "unknown-department", "untraced")  # untraced: trace mode


def names(spec: str, pack: str, rule: str) -> bool:
    """Whether ``spec`` names the rule ``rule`` of pack ``pack``."""
    return spec in (rule, f"{pack}/{rule}")


def names_any(specs: Iterable[str], pack: str, rule: str) -> bool:
    return any(names(s, pack, rule) for s in specs)


def known_rules(packs: list[Pack]) -> list[tuple[str, str]]:
    """Every (pack, rule id) a run can report."""
    return [(p.name, r.id) for p in packs for r in p.rules] + [(OWN_PACK, r) for r in OWN_RULES]


def unknown(specs: Iterable[str], packs: list[Pack]) -> list[str]:
    """The names in ``specs`` that name no rule of ``packs`` nor of planlint itself."""
    known = known_rules(packs)
    return [s for s in specs if not any(names(s, p, r) for p, r in known)]


def selected(pack: str, rule: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """Whether a rule is reported: selected (every rule when ``select`` is empty), not ignored."""
    if select and not names_any(select, pack, rule):
        return False
    return not names_any(ignore, pack, rule)
