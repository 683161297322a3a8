"""Every term of a pack in one Aho-Corasick automaton: each item is scanned once.

The matcher asks, per rule and pattern, where each term of each group stands in an item. Asked
of the text directly that is one ``str.find`` scan per term per item (tens of millions of calls
for a batch of a thousand plans); asked of one automaton holding every term of the pack, the
item is read once and every occurrence of every term comes out, overlapping ones included
(政务公开 inside 政务公开工作), which is what ``str.find`` stepping one character reports.

The automaton belongs to its pack (``Pack.terms``), is built on first use in each process and is
left out when the pack is pickled for a worker process: it is cheap to rebuild and a C object.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planlint.rules import Rule

Starts = dict[str, list[int]]  # term -> where it starts, ascending, overlapping ones included


class TermIndex:
    """The terms of some rules (groups, vetoes and look-alike phrases), compiled once.

    It also knows which group of which pattern each term belongs to, so that from one scan the
    matcher can tell which patterns can hit at all (``viable``) and try only those."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        terms: set[str] = set()
        self.groups_of: dict[str, list[tuple[int, int, int]]] = {}  # term -> (rule, pattern, group)
        self.need: dict[tuple[int, int], int] = {}  # (rule, pattern) -> its number of groups
        self.forgiving: dict[tuple[int, int], frozenset[int]] = {}  # groups a typo may stand for
        self.always: list[tuple[int, int]] = []  # one-group patterns a typo alone may hit
        for r, rule in enumerate(rules):
            terms.update(rule.match.exclude)
            for i, p in enumerate(rule.match.patterns):
                for group in p.none:
                    terms.update(group)
                for g, group in enumerate(p.groups):
                    terms.update(group)
                    for term in dict.fromkeys(group):
                        self.groups_of.setdefault(term, []).append((r, i, g))
                self.need[r, i] = len(p.groups)
                typos = p.typos if rule.match.fuzzy < 100 else ()
                self.forgiving[r, i] = frozenset(g for g, t in enumerate(typos) if t)
                if (len(p.groups) == 1 and self.forgiving[r, i]) or p.weights:
                    self.always.append((r, i))  # a weighted pattern: match/weighted.py asks
        self.terms = frozenset(t for t in terms if t)
        self._automaton: Any = None

    def viable(self, starts: Starts) -> dict[int, set[int]]:
        """Rule -> the patterns that may hit a text with this scan: every group has a term
        in it, or all but one group that forgives a typo. Masking only takes occurrences away,
        so this is a superset of what the matcher will find, never less."""
        hit: dict[tuple[int, int], set[int]] = {}
        for term in starts:
            for r, i, g in self.groups_of.get(term, ()):
                groups = hit.get((r, i))
                if groups is None:
                    hit[r, i] = {g}
                else:
                    groups.add(g)
        out: dict[int, set[int]] = {}
        for (r, i), groups in hit.items():
            lacking = self.need[r, i] - len(groups)
            if lacking == 0 or (
                lacking == 1 and any(g not in groups for g in self.forgiving[r, i])
            ):
                out.setdefault(r, set()).add(i)
        for r, i in self.always:
            out.setdefault(r, set()).add(i)
        return out

    def scan(self, text: str) -> Starts:
        """Where every term stands in ``text``: one pass, whatever the number of terms."""
        automaton = self._automaton
        if automaton is None:
            automaton = self._automaton = self._build()
        starts: Starts = {}
        if automaton is None:  # no terms at all
            return starts
        for end, term in automaton.iter(text):
            found = starts.get(term)
            if found is None:
                starts[term] = [end - len(term) + 1]
            else:
                found.append(end - len(term) + 1)
        return starts

    def _build(self) -> Any:
        import ahocorasick

        if not self.terms:
            return None
        automaton = ahocorasick.Automaton()
        for term in sorted(self.terms):
            automaton.add_word(term, term)
        automaton.make_automaton()
        return automaton

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the automaton: a worker process builds its own on first use."""
        return {**self.__dict__, "_automaton": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
