"""Near misses: why a requirement was judged missing, and where its words do appear.

A flat "missing" leaves the reviewer to search the plan by hand, and the commonest reasons are
quick to see once shown: the requirement is written in the notice paragraph or a note that is no
task (or in a row the reader could not place), or an item says half of it (培训 but not 政务公开),
or a look-alike (分管领导 for 主要领导) or a veto term ruled the item out. For a rule that no item
carries this module finds

- *mentions*: text outside any item (unplaced fragments, item section headings) where a whole
  pattern hits, with the fragment's role and place;
- *partial candidates*: the places (items and unplaced text) that came closest, with the terms
  found for each group that hit, the first terms of each group that did not, and what ruled the
  place out.

It works with the matcher's own primitives on the same normalised text, so what it shows is what
the matcher saw. Typos are not looked for: a partial candidate shows the terms as written.

Given the matcher's scans of the plan (``match_plan`` passes them), every text is read from its
one automaton scan: where the rule's terms stand is looked up, a place holding none of them is
passed over at once, and a text is normalised once for all the rules that ask of it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from planlint.match import _closest, _exact, _Found, _match, mask, match_text
from planlint.match.terms import Starts
from planlint.model import Location, Plan
from planlint.rules import Pattern, Rule
from planlint.textnorm import normalize

MAX_MENTIONS = 3  # mentions outside any item kept per requirement
MAX_PARTIAL = 3  # partial candidates kept per requirement
LACKING_TERMS = 3  # terms shown for a group that did not hit
EXCERPT_MARGIN = 12  # characters of context either side of the terms found
LOOKALIKE_NEAR = 40  # a masked look-alike this close to the terms found is quoted with them
COMMON_SHARE = 0.25  # a group hitting in more than this share of the places is common …
COMMON_MIN = 2  # … and in more than this many: a candidate with only common groups is not shown
SKIPPED_ROLES = frozenset({"chrome"})  # page numbers and running heads carry no requirement

MENTION = "mention"
PARTIAL = "partial"


@dataclass(frozen=True)
class NearMiss:
    """One place where a missing requirement's words appear, and how far they got.

    ``role`` is ``item`` for an item's text, ``heading`` for an item's section heading (``item``
    then names the first item under it), else the unplaced fragment's role (preamble, note, …).
    """

    kind: str  # MENTION: a whole pattern hits outside any item; PARTIAL: some groups hit
    role: str
    loc: Location
    item: str | None = None
    pattern: int = 0  # index of the pattern the place came closest to
    found: tuple[str, ...] = ()  # the text found for each group that hit
    lacking: tuple[tuple[str, ...], ...] = ()  # the first terms of each group that did not
    excluded: tuple[str, ...] = ()  # look-alike phrases masked out here (分管领导)
    vetoed: tuple[str, ...] = ()  # veto terms found here (培训机构)
    apart: bool = False  # the groups found are not together in one sentence / the window
    excerpt: str = ""  # the normalised text around the terms found

    @property
    def share(self) -> float:
        """The share of the pattern's groups that hit here."""
        total = len(self.found) + len(self.lacking)
        return round(len(self.found) / total, 2) if total else 0.0


@dataclass(frozen=True)
class _Place:
    text: str  # normalised
    role: str
    loc: Location
    item: str | None
    order: int  # position in the plan: items first, then unplaced text


@dataclass
class _Attempt:
    """One pattern tried on one place: which groups hit and where."""

    place: _Place
    pattern: int
    hit: list[int]  # indexes of the groups that hit
    chosen: list[tuple[int, int, float]]  # one occurrence per group in ``hit``
    lacking: list[int]
    excluded: tuple[str, ...]
    vetoed: tuple[str, ...]
    apart: bool
    weight: float = 0.0  # how telling the groups found are (rare groups weigh more)
    span: int = 0

    def key(self) -> tuple[float, float, bool, int, bool, int]:
        """Best first: the most groups hit, the rarest groups, together, items before text."""
        share = len(self.hit) / (len(self.hit) + len(self.lacking))
        is_item = self.place.role == "item"
        return (-share, -self.weight, self.apart, self.span, not is_item, self.place.order)


@dataclass
class _Counts:
    """How many places each group of each pattern hits in: a group found everywhere (政务公开
    in a plan about openness) says less about a place than one found in a single item."""

    places: dict[tuple[int, int], int] = field(default_factory=dict)

    def add(self, attempt: _Attempt) -> None:
        for g in attempt.hit:
            k = (attempt.pattern, g)
            self.places[k] = self.places.get(k, 0) + 1

    def weight(self, attempt: _Attempt) -> float:
        return sum(1 / self.places[(attempt.pattern, g)] for g in attempt.hit)

    def telling(self, attempt: _Attempt, places: int) -> bool:
        """Worth showing: every group hit (a veto or the distance stopped it), a look-alike
        stands there, or a group hits there that is not everywhere. A title and three items
        that only share 政务公开 with the requirement explain nothing; an item with 培训 does."""
        common = max(COMMON_MIN, places * COMMON_SHARE)
        if not attempt.lacking or attempt.excluded:
            return True
        return any(self.places[(attempt.pattern, g)] <= common for g in attempt.hit)


class Scans(Protocol):
    """The matcher's scans of one plan (``match._Scans``): each text normalised and scanned
    for every term of the pack once, whichever rule asks."""

    def starts(self, text: str) -> Starts: ...

    def normalized(self, text: str) -> str: ...

    def patterns_of(self, rule: Rule, text: str) -> Collection[int]: ...


def near_misses(rule: Rule, plan: Plan, scans: Scans | None = None) -> list[NearMiss]:
    """Mentions outside any item first (document order), then the best partial candidates.
    ``scans``: the matcher's, when it has scanned the plan (the same answer, found faster)."""
    if any(p.weights for p in rule.match.patterns):  # a task drafted from a higher document
        from planlint.match.weighted import near_misses as weighted_near_misses

        return weighted_near_misses(rule, plan)
    mentions: list[NearMiss] = []
    mentioned: set[int] = set()
    normal = normalize if scans is None else scans.normalized
    for place in _outside(plan, normal):
        if len(mentions) >= MAX_MENTIONS:
            break
        hit = _mention(rule, place.text, scans)
        if hit is not None:
            mentioned.add(place.order)
            mentions.append(
                NearMiss(
                    MENTION,
                    place.role,
                    place.loc,
                    place.item,
                    hit.pattern,
                    found=tuple(hit.terms),
                    excerpt=_excerpt(place.text, hit.terms),
                )
            )
    places = [p for p in _places(plan, normal) if p.order not in mentioned]
    terms = frozenset(t for p in rule.match.patterns for g in p.groups for t in g)
    attempts = [
        a
        for place in places
        for a in _attempts(rule, place, None if scans is None else scans.starts(place.text), terms)
    ]
    counts = _Counts()
    for a in attempts:
        counts.add(a)
    best: dict[int, _Attempt] = {}
    for a in attempts:
        if not counts.telling(a, len(places)):
            continue
        a.weight = counts.weight(a)
        held = best.get(a.place.order)
        if held is None or a.key() < held.key():
            best[a.place.order] = a
    ranked = sorted(best.values(), key=_Attempt.key)[:MAX_PARTIAL]
    return mentions + [_partial(rule, a) for a in ranked]


def _mention(rule: Rule, text: str, scans: Scans | None):
    """The rule's best hit on a text outside any item (``match_text``), from its scan when
    there is one: only the patterns whose words all stand there are tried."""
    if scans is None:
        return match_text(rule, text)
    only = scans.patterns_of(rule, text)
    if not only:
        return None
    return _match(rule, text, scans.starts(text), only=only)


def _places(plan: Plan, normal: Callable[[str], str] = normalize) -> Iterator[_Place]:
    """Every item's text, then every unplaced fragment but page chrome."""
    for n, item in enumerate(plan.items):
        yield _Place(item.match_text or normal(item.text), "item", item.loc, item.id, n)
    base = len(plan.items)
    for n, frag in enumerate(plan.unplaced):
        if frag.role not in SKIPPED_ROLES:
            yield _Place(normal(frag.text), frag.role, frag.loc, None, base + n)


def _outside(plan: Plan, normal: Callable[[str], str] = normalize) -> Iterator[_Place]:
    """Text outside any item: each section heading once (at its first item), then unplaced
    fragments. Order numbers match ``_places`` for fragments; headings get their own."""
    seen: set[str] = set()
    after = len(plan.items) + len(plan.unplaced)
    for item in plan.items:
        if item.section and item.section not in seen:
            seen.add(item.section)
            yield _Place(normal(item.section), "heading", item.loc, item.id, after + len(seen))
    for place in _places(plan, normal):
        if place.role != "item":
            yield place


def _attempts(
    rule: Rule, place: _Place, starts: Starts | None, terms: frozenset[str]
) -> Iterator[_Attempt]:
    """Every pattern of the rule tried on the place. With the place's scan (``starts``) and
    no look-alike there, a place holding none of the rule's terms yields nothing at once (no
    group can hit, and nothing was masked), and occurrences are looked up, not searched."""
    excluded = tuple(p for p in rule.match.exclude if p in place.text)
    masked = mask(place.text, excluded)
    if starts is not None and not excluded:
        if starts.keys().isdisjoint(terms):
            return
        found = _Found(masked, starts)
    else:
        found = _Found(masked)
    for index, pattern in enumerate(rule.match.patterns):
        attempt = _attempt(pattern, index, place, found, excluded)
        if attempt is not None:
            yield attempt


def _attempt(
    pattern: Pattern, index: int, place: _Place, found: _Found, excluded: tuple[str, ...]
) -> _Attempt | None:
    """Which groups of one pattern hit in a place (``found``: its text, look-alikes masked);
    None when none does and no look-alike hid one (nothing to show)."""
    masked = found.text
    occurrences = [found.exact(group) for group in pattern.groups]
    hit = [g for g, occ in enumerate(occurrences) if occ]
    lacking = [g for g, occ in enumerate(occurrences) if not occ]
    hidden = excluded and any(_exact(pattern.groups[g], place.text) for g in lacking)
    if not hit and not hidden:
        return None
    vetoed = tuple(dict.fromkeys(t for group in pattern.none for t in group if found.has(t)))
    chosen: list[tuple[int, int, float]] = []
    apart = False
    if hit:
        together = _closest([occurrences[g] for g in hit], None, masked)
        if together is None:  # the groups found never share a sentence
            together, apart = [occurrences[g][0] for g in hit], True
        chosen = together
    span = max((o[1] for o in chosen), default=0) - min((o[0] for o in chosen), default=0)
    if not apart and pattern.within is not None and len(chosen) > 1 and span > pattern.within:
        apart = True
    return _Attempt(place, index, hit, chosen, lacking, excluded, vetoed, apart, span=span)


def _partial(rule: Rule, a: _Attempt) -> NearMiss:
    groups = rule.match.patterns[a.pattern].groups
    found = tuple(a.place.text[s:e] for s, e, _ in a.chosen)
    lo, hi = _bounds(a.place.text, a.chosen, a.excluded)
    return NearMiss(
        PARTIAL,
        a.place.role,
        a.place.loc,
        a.place.item,
        a.pattern,
        found=found,
        lacking=tuple(groups[g][:LACKING_TERMS] for g in a.lacking),
        excluded=a.excluded,
        vetoed=a.vetoed,
        apart=a.apart,
        excerpt=_clip(a.place.text, lo, hi),
    )


def _bounds(
    text: str, chosen: list[tuple[int, int, float]], excluded: tuple[str, ...]
) -> tuple[int, int]:
    """The span to quote: the terms found, and a look-alike masked near them (or alone)."""
    found = [(s, e) for s, e, _ in chosen]
    spans = list(found)
    for phrase in excluded:
        at = text.find(phrase)
        if at != -1 and (not found or min(abs(at - s) for s, _ in found) <= LOOKALIKE_NEAR):
            spans.append((at, at + len(phrase)))
    if not spans:
        return 0, 0
    return min(s for s, _ in spans), max(e for _, e in spans)


def _excerpt(text: str, terms: tuple[str, ...]) -> str:
    starts = [text.find(t) for t in terms if t and t in text]
    if not starts:
        return _clip(text, 0, 0)
    lo = min(starts)
    hi = max(text.find(t) + len(t) for t in terms if t and t in text)
    return _clip(text, lo, hi)


def _clip(text: str, lo: int, hi: int) -> str:
    start, end = max(0, lo - EXCERPT_MARGIN), min(len(text), hi + EXCERPT_MARGIN)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
