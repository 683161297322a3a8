"""The matcher: which items carry each requirement, and why.

Each rule's patterns are tried on an item's normalised text (simplified, no glosses, no spaces)
after the rule's look-alike phrases are masked out. A pattern hits when every term group hits
(exactly, or through a typo rapidfuzz forgives) within the pattern's window and no veto group
hits. The explanation is kept: the terms as found and the score.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from planlint.model import Plan
from planlint.rules import Pack, Pattern, Rule
from planlint.textnorm import normalize

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


def match_plan(plan: Plan, pack: Pack) -> list[RequirementMatch]:
    results = []
    for rule in pack.rules:
        result = RequirementMatch(rule)
        headings: dict[str, bool] = {}
        for item in plan.items:
            hit = match_text(rule, item.match_text)
            if hit is None:
                continue
            if item.section not in headings:
                headings[item.section] = (
                    match_text(rule, item.section, normalized=False) is not None
                )
            support = _occurrences(rule, hit.pattern, item.match_text) + 2 * headings[item.section]
            result.hits.append(Hit(item.id, hit.score, hit.terms, hit.pattern, support))
        if not result.hits:
            result.hits = _under_headings(rule, plan)
        results.append(result)
    return results


def _under_headings(rule: Rule, plan: Plan) -> list[Hit]:
    """Before calling a requirement missing, read each item with its heading: in a table the
    task column (加强政务公开培训) often names what the requirement column only details."""
    hits = []
    for item in plan.items:
        if not item.section:
            continue
        hit = match_text(rule, normalize(item.section) + "," + item.match_text)
        if hit is not None:
            hits.append(Hit(item.id, hit.score, hit.terms, hit.pattern, 0, via="heading"))
    return hits


def _occurrences(rule: Rule, pattern: int, text: str) -> int:
    return sum(text.count(term) for group in rule.match.patterns[pattern].groups for term in group)


def match_text(rule: Rule, text: str, normalized: bool = True) -> Hit | None:
    """The best hit of a rule on one text (already normalised unless told otherwise)."""
    if not normalized:
        text = normalize(text)
    for phrase in rule.match.exclude:
        if phrase in text:
            text = text.replace(phrase, _MASK * len(phrase))
    best: Hit | None = None
    for index, pattern in enumerate(rule.match.patterns):
        found = _match_pattern(pattern, text, rule.match.fuzzy)
        if found is not None and (best is None or found[0] > best.score):
            best = Hit("", found[0], found[1], index)
    return best


Occurrence = tuple[int, int, float]  # start, end, score


def _match_pattern(p: Pattern, text: str, fuzzy: int) -> tuple[float, tuple[str, ...]] | None:
    if any(term in text for group in p.none for term in group):
        return None
    occurrences = [_exact(group, text) for group in p.groups]
    missing = [i for i, occ in enumerate(occurrences) if not occ]
    if len(missing) > 1 or (missing and fuzzy >= 100):
        return None
    for i in missing:  # one concept missing: maybe mistyped (依申清公开 for ~依申请公开)
        occurrences[i] = _fuzzy(p.typos[i] if p.typos else (), text, fuzzy)
        if not occurrences[i]:
            return None
    chosen = _closest(occurrences, p.within, text)
    if chosen is None:
        return None
    score = sum(o[2] for o in chosen) / len(chosen)
    return round(score, 1), tuple(text[s:e] for s, e, _ in chosen)


def _exact(group: tuple[str, ...], text: str) -> list[Occurrence]:
    out: list[Occurrence] = []
    for term in group:
        start = text.find(term)
        while start != -1:
            out.append((start, start + len(term), 100.0))
            start = text.find(term, start + 1)
    return out


def _fuzzy(group: tuple[str, ...], text: str, cutoff: int) -> list[Occurrence]:
    from rapidfuzz import fuzz

    out: list[Occurrence] = []
    for term in group:
        res = fuzz.partial_ratio_alignment(term, text, score_cutoff=cutoff)
        if res is not None and res.score >= cutoff:
            out.append((res.dest_start, res.dest_end, float(res.score)))
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
