"""How much a rule pack may ask of planlint before it is refused.

A pack is code-like input that may come from anyone (a CI job's checkout, a mail attachment), so
its cost is bounded before it is parsed, composed or validated. The shipped core pack is 18 KB,
ten levels deep and uses no aliases: every limit leaves it a wide margin.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PackLimits:
    """The budget of one pack file."""

    # The pack file itself. PyYAML and jsonschema take about 10 s per MB on a modest machine;
    # 256 KB (fourteen times the core pack) keeps a hostile pack's load to a few seconds.
    max_bytes: int = 256 * 1024
    max_depth: int = 32  # nesting of mappings and sequences, aliases expanded
    # The pack's size with every alias (*name) expanded, counted as one per node plus the
    # characters of each scalar: an alias costs what it stands for, so a "billion laughs" bomb
    # (nine aliases of nine aliases of ...) is refused while it is being parsed.
    # Twice what the file may hold: aliases may save typing, not multiply the work.
    max_expanded: int = 512 * 1024
    # Requirements in one pack (the core pack has ten): every rule is matched against every
    # item of every plan, so this bounds the matching work a pack can ask for.
    max_rules: int = 300
    max_cache_bytes: int = 16 * 1024 * 1024  # one pack-cache entry (JSON)


DEFAULT_LIMITS = PackLimits()
