"""The matcher: which items carry each requirement, and why.

Each rule's patterns are tried on an item's normalised text (simplified, no glosses, no spaces)
after the rule's look-alike phrases are masked out. A pattern hits when every term group hits
(exactly, or through a typo rapidfuzz forgives) within the pattern's window and no veto group
hits. The explanation is kept: the terms as found and the score.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from planlint.match.terms import Starts
from planlint.match.weighted import weighted_match
from planlint.model import Plan
from planlint.rules import Pack, Pattern, Rule
from planlint.textnorm import normalize

if TYPE_CHECKING:
    from planlint.match.near import NearMiss

_MASK = "\u25a1"  # keeps offsets while hiding a look-alike phrase
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_TITLE_MAX = 16  # a first sentence this short is the item's title


@dataclass(frozen=True)
class Hit:
    item: str  # the item's id
    score: float  # 100 = every term found as written
    terms: tuple[str, ...]  # the text found for each term group
    pattern: int  # index of the pattern that hit
    support: int = 0  # how much of the item is about it: term occurrences, +2 for its heading
    via: str = "text"  # "heading": found only with the item's section heading read before it

    @property
    def rank(self) -> tuple[float, int]:
        """Orders the items carrying a requirement: best match first, then the most focused."""
        return (self.score, self.support)


@dataclass
class RequirementMatch:
    rule: Rule
    hits: list[Hit] = field(default_factory=list)
    near: list[NearMiss] = field(default_factory=list)  # when no item carries it: match/near.py


def match_plan(plan: Plan, pack: Pack) -> list[RequirementMatch]:
    """Every rule of the pack on every item. Each item's text (and each section heading) is
    scanned once for every term of the pack (``pack.terms``); the rules then only look up
    where their terms stand."""
    texts = _Scans(pack)
    results = []
    for r, rule in enumerate(pack.rules):
        result = RequirementMatch(rule)
        headings: dict[str, bool] = {}
        for item in plan.items:
            patterns = texts.viable(item.match_text).get(r)
            if patterns is None:
                continue  # no pattern of the rule has its words here: the commonest case
            starts = texts.starts(item.match_text)
            hit = _match(rule, item.match_text, starts, only=patterns)
            if hit is None:
                continue
            if item.section not in headings:
                section = texts.normalized(item.section)
                headings[item.section] = _match(rule, section, texts.starts(section)) is not None
            support = _count(rule, hit.pattern, starts) + 2 * headings[item.section]
            result.hits.append(Hit(item.id, hit.score, hit.terms, hit.pattern, support))
        if not result.hits:
            result.hits = _confirmed_by_headings(rule, plan, texts)
        if not result.hits:
            from planlint.match.near import near_misses  # near.py builds on this module

            result.near = near_misses(rule, plan, texts)
        results.append(result)
    return results


class _Scans:
    """One plan's texts scanned for the pack's terms, each text once (items repeat no text,
    but every rule asks of every item, and section headings repeat under many items)."""

    def __init__(self, pack: Pack) -> None:
        self.index = pack.terms
        self.scanned: dict[str, Starts] = {}
        self.normal: dict[str, str] = {}

        self.patterns: dict[str, dict[int, set[int]]] = {}
        self.position = {id(rule): r for r, rule in enumerate(pack.rules)}

    def starts(self, text: str) -> Starts:
        found = self.scanned.get(text)
        if found is None:
            found = self.scanned[text] = self.index.scan(text)
        return found

    def viable(self, text: str) -> dict[int, set[int]]:
        """Rule (by position) -> the patterns that may hit the text (``TermIndex.viable``)."""
        found = self.patterns.get(text)
        if found is None:
            found = self.patterns[text] = self.index.viable(self.starts(text))
        return found

    def patterns_of(self, rule: Rule, text: str) -> set[int]:
        """The patterns of one rule of the pack that may hit the text (near.py asks)."""
        return self.viable(text).get(self.position[id(rule)], set())

    def normalized(self, text: str) -> str:
        out = self.normal.get(text)
        if out is None:
            out = self.normal[text] = normalize(text)
        return out


def _confirmed_by_headings(rule: Rule, plan: Plan, texts: _Scans) -> list[Hit]:
    """Before calling a requirement missing, let each item's heading confirm what a terse item
    is about: under 加强政务公开队伍建设, "组织开展业务培训" is openness training. The item itself
    must still ask for the act (the pattern's ``all`` groups); the heading may only supply a
    ``topic`` group. An item that is about something else under a matching heading carries
    nothing: "公开政策文件" under 加强政策解读 does not interpret policy."""
    hits = []
    r = texts.position[id(rule)]
    by_heading: dict[str, set[int]] = {}  # heading -> the patterns whose topics all stand there
    for item in plan.items:
        if not item.section:
            continue
        heading = texts.normalized(item.section)
        topical = by_heading.get(heading)
        if topical is None:
            topical = by_heading[heading] = _topical(rule, texts.starts(heading))
        # only a pattern the item's words allow, or one whose topics the heading holds, can hit
        only = topical | texts.viable(item.match_text).get(r, set())
        if not only:
            continue
        starts = texts.starts(item.match_text)
        hit = _match(rule, item.match_text, starts, heading, texts.starts(heading), only=only)
        if hit is not None:
            hits.append(Hit(item.id, hit.score, hit.terms, hit.pattern, 0, via=hit.via))
    return hits


def _topical(rule: Rule, heading: Starts) -> set[int]:
    """The patterns with topics every one of which has a term in the heading: the only ones a
    heading can confirm (masking look-alikes only takes occurrences away)."""
    return {
        i
        for i, p in enumerate(rule.match.patterns)
        if p.topics and all(any(t in heading for t in group) for group in p.topics)
    }


def _count(rule: Rule, pattern: int, starts: Starts) -> int:
    """How often the pattern's terms stand in the item, counted as ``str.count`` counts (no
    overlaps), from the item's scan."""
    total = 0
    for group in rule.match.patterns[pattern].groups:
        for term in group:
            end = -1
            for at in starts.get(term, ()):
                if at >= end:
                    total += 1
                    end = at + len(term)
    return total


def match_text(rule: Rule, text: str, normalized: bool = True, heading: str = "") -> Hit | None:
    """The best hit of a rule on one item's text (already normalised unless told otherwise).

    With a ``heading`` (normalised), a pattern whose topic the text lacks may have it confirmed
    by the heading; such a hit is marked ``via="heading"`` and scores lower."""
    if not normalized:
        text = normalize(text)
    return _best(rule, _Found(_masked(rule, text)), _Found(_masked(rule, heading)))


def _match(
    rule: Rule,
    text: str,
    starts: Starts,
    heading: str = "",
    heading_starts: Starts | None = None,
    only: Collection[int] | None = None,
) -> Hit | None:
    """``match_text`` on texts already scanned for the pack's terms; ``only`` the patterns
    that may hit (the others are known to fail)."""
    found = _Found.scanned(rule, text, starts)
    if heading_starts is None:
        return _best(rule, found, _Found(""), only)
    return _best(rule, found, _Found.scanned(rule, heading, heading_starts), only)


def _best(
    rule: Rule, text: _Found, heading: _Found, only: Collection[int] | None = None
) -> Hit | None:
    best: Hit | None = None
    for index, pattern in enumerate(rule.match.patterns):
        if only is not None and index not in only:
            continue
        found = _match_pattern(pattern, text, rule.match.fuzzy)
        via = "text"
        if found is None and heading.text and pattern.topics:
            found = _match_with_heading(pattern, text, heading, rule.match.fuzzy)
            via = "heading"
        if found is not None and (best is None or found[0] > best.score):
            best = Hit("", found[0], found[1], index, via=via)
    return best


class _Found:
    """Where terms stand in one text with one rule's look-alike phrases masked out.

    With the text's scan (every term of the pack), occurrences are looked up. A text where a
    look-alike was masked (rare) is searched term by term as masked, like a text without a scan:
    that keeps "an occurrence overlapping a masked phrase does not count" exactly as it was."""

    __slots__ = ("starts", "text")

    def __init__(self, text: str, starts: Starts | None = None) -> None:
        self.text = text  # masked
        self.starts = starts

    @classmethod
    def scanned(cls, rule: Rule, text: str, starts: Starts) -> _Found:
        if any(phrase in starts for phrase in rule.match.exclude):
            masked = _masked(rule, text)
            if masked != text:
                return cls(masked)
        return cls(text, starts)

    def exact(self, group: tuple[str, ...]) -> list[Occurrence]:
        """Every occurrence of every term of the group: by term, then by place."""
        if self.starts is None:
            return _exact(group, self.text)
        get = self.starts.get
        return [(at, at + len(term), 100.0) for term in group for at in get(term, ())]

    def has(self, term: str) -> bool:
        if self.starts is None:
            return term in self.text
        return term in self.starts


def _masked(rule: Rule, text: str) -> str:
    return mask(text, rule.match.exclude)


def mask(text: str, phrases: tuple[str, ...]) -> str:
    """Look-alike phrases hidden (分管领导 is not 主要领导), each character by one mark, so
    offsets into the text stay valid."""
    for phrase in phrases:
        if phrase in text:
            text = text.replace(phrase, _MASK * len(phrase))
    return text


Occurrence = tuple[int, int, float]  # start, end, score

HEADING_COST = 10.0  # a topic only the heading confirms is weaker evidence than the item's own
SPREAD_COST = 10.0  # terms at the far edge of the window, against terms side by side


def _match_pattern(p: Pattern, text: _Found, fuzzy: int) -> tuple[float, tuple[str, ...]] | None:
    """Every group of the pattern in the text: the score and the text found for each group.
    A weighted pattern (match/weighted.py): the share of its weight found, and the pieces."""
    if _vetoed(p, text):
        return None
    if p.weights:
        return weighted_match(p.weights, p.share, text.text)
    return _found(p.groups, p, text, fuzzy)


def _match_with_heading(
    p: Pattern, text: _Found, heading: _Found, fuzzy: int
) -> tuple[float, tuple[str, ...]] | None:
    """The acts in the item's text, the topics in its heading."""
    if _vetoed(p, text) or _vetoed(p, heading):
        return None
    acts = _found(p.groups[: p.acts], p, text, fuzzy)
    if acts is None:
        return None
    topics = [max(heading.exact(group), key=lambda o: o[2], default=None) for group in p.topics]
    if any(t is None for t in topics):
        return None
    found = acts[1] + tuple(heading.text[t[0] : t[1]] for t in topics if t is not None)
    return round(max(acts[0] - HEADING_COST, 0.0), 1), found


def _vetoed(p: Pattern, text: _Found) -> bool:
    return any(text.has(term) for group in p.none for term in group)


def _found(
    groups: tuple[tuple[str, ...], ...], p: Pattern, text: _Found, fuzzy: int
) -> tuple[float, tuple[str, ...]] | None:
    occurrences: list[list[Occurrence]] = []
    missing = False
    for i, group in enumerate(groups):
        found = text.exact(group)
        if not found:  # one concept missing: maybe mistyped (依申清公开 for ~依申请公开)
            typos = p.typos[i] if p.typos else ()
            if missing or fuzzy >= 100 or not typos:
                return None
            found = _typos(typos, text.text, fuzzy)
            if not found:
                return None
            missing = True
        occurrences.append(found)
    chosen = _closest(occurrences, p.within, text.text)
    if chosen is None:
        return None
    return _score(chosen, p.within), tuple(text.text[s:e] for s, e, _ in chosen)


def _score(chosen: list[Occurrence], within: int | None) -> float:
    """100 when every term is found as written and close together. A typo counts at its
    similarity; terms spread over more than half the window lose up to SPREAD_COST."""
    score = sum(o[2] for o in chosen) / len(chosen)
    if within and len(chosen) > 1:
        span = max(o[1] for o in chosen) - min(o[0] for o in chosen)
        half = within / 2
        score -= SPREAD_COST * max(0.0, min(span, within) - half) / half
    return round(score, 1)


def _exact(group: tuple[str, ...], text: str) -> list[Occurrence]:
    out: list[Occurrence] = []
    for term in group:
        start = text.find(term)
        while start != -1:
            out.append((start, start + len(term), 100.0))
            start = text.find(term, start + 1)
    return out


def _typos(group: tuple[str, ...], text: str, cutoff: int) -> list[Occurrence]:
    """Where a term is written with wrong characters (依申清公开 for 依申请公开): same length,
    at most one character in five replaced, scored by the share of characters kept. A word
    cut short or run into the next (政府信息公开 for 政府信息公开申请) is another word, not a typo.
    Candidates are found where the term's first or last two characters stand, so the search
    is linear in the text."""
    from rapidfuzz.distance import Hamming

    out: list[Occurrence] = []
    for term in group:
        n = len(term)
        allowed = max(1, n // 5)
        starts: set[int] = set()
        for anchor, shift in ((term[:2], 0), (term[-2:], n - 2)):
            at = text.find(anchor)
            while at != -1:
                if 0 <= at - shift <= len(text) - n:
                    starts.add(at - shift)
                at = text.find(anchor, at + 1)
        for start in sorted(starts):
            distance = Hamming.distance(term, text[start : start + n], score_cutoff=allowed)
            score = 100.0 * (n - distance) / n
            if distance <= allowed and score >= cutoff:
                out.append((start, start + n, round(score, 1)))
    return out


def _sentence_ends(text: str) -> list[int]:
    """Where sentences end; a short leading title ("开展“回头看”。") belongs to what follows."""
    ends: list[int] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() - start > _TITLE_MAX or ends:
            ends.append(m.end())
        start = m.end()
    return ends


def _closest(
    occurrences: list[list[Occurrence]], within: int | None, text: str
) -> list[Occurrence] | None:
    """One occurrence per group, in one sentence, as close together as possible (and within the
    window): terms of one requirement belong to one statement, not to neighbouring ones."""
    if len(occurrences) == 1:
        return [max(occurrences[0], key=lambda o: o[2])]
    ends = _sentence_ends(text)
    best: list[Occurrence] | None = None
    best_span: int | None = None
    by_sentence: dict[int, list[tuple[Occurrence, int]]] = {}
    for g, occ in enumerate(occurrences):
        for o in occ:
            by_sentence.setdefault(bisect_right(ends, o[0]), []).append((o, g))
    need = len(occurrences)
    for tagged in by_sentence.values():
        latest: dict[int, Occurrence] = {}
        for occ, g in sorted(tagged):
            latest[g] = occ
            if len(latest) == need:
                span = max(o[1] for o in latest.values()) - min(o[0] for o in latest.values())
                if best_span is None or span < best_span:
                    best_span, best = span, [latest[i] for i in range(need)]
    if best is None or (within is not None and best_span is not None and best_span > within):
        return None
    return best
