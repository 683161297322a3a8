"""Weighted patterns: a share of a task's distinctive terms, not every term of a group.

A lower plan rewords the task it carries out ("依托县政府门户网站政策文件栏目" for
"依托省政府门户网站政策文件库"), merges it with another or splits it over several items, so
no fixed set of term groups can say whether an item carries it. A weighted pattern lists the
task's terms, each with a weight (how distinctive it is), and hits an item when the weighted
share of the terms the item carries reaches the pattern's ``share``.

A term counts in full when it stands in the item as written, and in part when a piece of it at
least ``MIN_RUN`` characters long does: the share of the term's character pairs that the pieces
found cover. A long term is a phrase of the higher text; a plan keeps most of it, rarely all.
What was found is kept as the text found, so every hit explains itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from planlint.textnorm import normalize

if TYPE_CHECKING:
    from planlint.match.near import NearMiss
    from planlint.model import Plan
    from planlint.rules import Rule

MIN_RUN = 3  # shorter pieces of a term (规范, 文件) are found everywhere and prove nothing


@dataclass(frozen=True)
class Credit:
    """How much of one term an item carries (0 to 1) and the pieces of it found there."""

    share: float
    pieces: tuple[str, ...] = ()


def credit(term: str, text: str) -> Credit:
    """The term in the text: 1 when it stands there whole; else the share of its character
    pairs covered by pieces of it found in the text (each at least ``MIN_RUN`` characters,
    the longest first from the left). A term shorter than ``MIN_RUN`` counts only whole."""
    if not term:
        return Credit(0.0)
    if term in text:
        return Credit(1.0, (term,))
    if len(term) <= MIN_RUN:
        return Credit(0.0)
    pieces: list[str] = []
    covered = 0
    i = 0
    while i <= len(term) - MIN_RUN:
        j = i + MIN_RUN
        if term[i:j] not in text:
            i += 1
            continue
        while j < len(term) and term[i : j + 1] in text:
            j += 1
        pieces.append(term[i:j])
        covered += j - i - 1
        i = j
    return Credit(covered / (len(term) - 1), tuple(pieces))


def weighted_share(
    weights: tuple[tuple[str, float], ...], text: str
) -> tuple[float, tuple[str, ...]]:
    """The weighted share (0 to 1) of the terms the text carries, and the pieces found, the
    weightiest first."""
    total = sum(w for _, w in weights)
    if total <= 0:
        return 0.0, ()
    got = 0.0
    found: list[tuple[float, str]] = []
    for term, weight in weights:
        c = credit(term, text)
        if c.share:
            got += weight * c.share
            found.extend((weight * c.share, piece) for piece in c.pieces)
    order = sorted(found, key=lambda f: -f[0])
    return got / total, tuple(dict.fromkeys(piece for _, piece in order))


def weighted_match(
    weights: tuple[tuple[str, float], ...], share: float, text: str
) -> tuple[float, tuple[str, ...]] | None:
    """A hit when the text carries at least ``share`` of the terms' weight: the score (the
    share found, as a percentage) and the pieces found; else None."""
    found, pieces = weighted_share(weights, text)
    if found < share or not pieces:
        return None
    return round(100.0 * found, 1), pieces


NEAR_SHOWN = 3  # places shown for a task no item carries …
NEAR_FLOOR = 0.3  # … that carry at least this part of the share a hit needs


def near_misses(rule: Rule, plan: Plan) -> list[NearMiss]:
    """For a weighted rule no item carries: the places (items, then text outside any item)
    that carry the largest share of its weight, each with the pieces found and the weightiest
    terms lacking, best first. Places with too little of it to say anything are left out."""
    from planlint.match.near import PARTIAL, SKIPPED_ROLES, NearMiss

    places = [
        (item.match_text or normalize(item.text), "item", item.loc, item.id) for item in plan.items
    ]
    places += [
        (normalize(f.text), f.role, f.loc, None)
        for f in plan.unplaced
        if f.role not in SKIPPED_ROLES
    ]
    scored = []
    for order, (text, role, loc, item) in enumerate(places):
        best = max(
            (
                (weighted_share(p.weights, text), index)
                for index, p in enumerate(rule.match.patterns)
                if p.weights
            ),
            default=None,
        )
        if best is None or best[0][0] < rule.match.patterns[best[1]].share * NEAR_FLOOR:
            continue  # a piece of one term (医疗保障 in a signature) is no near miss
        (share, pieces), index = best
        scored.append((-share, order, index, text, role, loc, item, pieces))
    out = []
    for _, _, index, text, role, loc, item, pieces in sorted(scored)[:NEAR_SHOWN]:
        weights = rule.match.patterns[index].weights
        lacking = [
            t for t, _ in sorted(weights, key=lambda tw: -tw[1]) if not credit(t, text).share
        ]
        out.append(
            NearMiss(
                PARTIAL,
                role,
                loc,
                item,
                index,
                found=pieces,
                lacking=tuple((t,) for t in lacking),
                excerpt=text if len(text) <= 40 else text[:39] + "…",
            )
        )
    return out
