"""A rule as lines a person reads (``planlint rules show``), and a failed embedded test as one.

Plain text in the run's language: the rule's own words (title, description, source) as the pack
gives them, its due date as the checks apply it (relative to the plan's year, by kind of
issuer), its patterns as the matcher sees them (normalised terms, synonym sets expanded).
"""

from __future__ import annotations

from planlint.messages import doc_text, word
from planlint.rules import Pattern, Rule, builtin_packs, load_pack
from planlint.rules.due import ISSUER_KINDS, Due, DueDate
from planlint.rules.selftest import CaseResult

_MONTHS_EN = (
    *("January", "February", "March", "April", "May", "June", "July", "August"),
    *("September", "October", "November", "December"),
)


def find_rule(spec: str, pack: str | None = None) -> Rule | None:
    """The rule ``spec`` names (``id`` or ``pack/id``): in ``pack`` if given, else the first
    shipped pack that has it (core first, then the year packs in order)."""
    wanted_pack, _, rid = spec.rpartition("/")
    specs = [pack] if pack else ([wanted_pack] if wanted_pack else _search_order())
    for name in specs:
        for rule in load_pack(name).rules:
            if rule.id == rid:
                return rule
    return None


def _search_order() -> list[str]:
    names = builtin_packs()
    return [n for n in names if n == "core"] + [n for n in names if n != "core"]


def rule_lines(rule: Rule, lang: str = "zh") -> list[str]:
    def field(key: str, value: str) -> str:
        return f"{doc_text(key, lang)}: {value}"

    title = rule.title if lang == "zh" else (rule.title_en or rule.title)
    yes, no = doc_text("rules-yes", lang), doc_text("rules-no", lang)
    lines = [
        f"{rule.pack}/{rule.id}",
        field("rules-field-title", title),
        field("rules-field-severity", rule.severity),
    ]
    if rule.description:
        lines.append(field("rules-field-description", " ".join(rule.description.split())))
    if rule.source_document:
        where = "，".join(x for x in (rule.source_document, rule.source_section) if x)
        lines.append(field("rules-field-source", where))
    if rule.relayed_by:
        lines.append(field("rules-field-relayed", rule.relayed_by))
    requires = doc_text(
        "rules-requires",
        lang,
        owner=yes if rule.requires_owner else no,
        deadline=yes if rule.requires_deadline else no,
    )
    lines.append(field("rules-field-requires", requires))
    if rule.due is not None:
        lines.extend(_due_lines(rule.due, lang))
    lines.append(f"{doc_text('rules-field-patterns', lang)}:")
    for n, pattern in enumerate(rule.match.patterns, 1):
        lines.append(f"  {n}. {_pattern_text(pattern, lang)}")
    if rule.match.exclude:
        lines.append(field("rules-field-exclude", "、".join(rule.match.exclude)))
    for key, cases in (
        ("rules-field-match", rule.tests_match),
        ("rules-field-no-match", rule.tests_no_match),
    ):
        if cases:
            lines.append(f"{doc_text(key, lang)}:")
            lines.extend(f"  - {c.text}{_heading(c.heading, lang)}" for c in cases)
    return lines


def _due_lines(due: Due, lang: str) -> list[str]:
    """The due date and its basis; then, when it differs by issuer, each kind's own date and
    the date an issuer of unknown kind gets (the latest, as ``Due.applied`` gives it)."""
    basis = doc_text("rules-due-basis", lang, basis=due.basis) if due.basis else ""
    lines = [f"{doc_text('rules-field-due', lang)}: {_when(due, lang)}{basis}"]
    if not due.issuers:
        return lines
    for kind, when in due.issuers:
        issuer = doc_text("rules-due-issuer", lang, kind=word(f"issuer-{kind}", lang))
        lines.append(f"  - {issuer}: {_when(when, lang)}")
    own = dict(due.issuers)
    # a leap year, so that 2月29日 stays itself; which date is latest does not depend on it
    latest = max((own.get(kind, due) for kind in ISSUER_KINDS), key=lambda d: d.date_for(2000))
    lines.append(f"  - {doc_text('rules-due-unknown', lang)}: {_when(latest, lang)}")
    return lines


def _when(due: DueDate, lang: str) -> str:
    """次年1月31日, 当年6月底; 31 January of the next year, the end of June of the plan's year."""
    year = doc_text("rules-due-next" if due.next_year else "rules-due-same", lang)
    month = str(due.month) if lang == "zh" else _MONTHS_EN[due.month - 1]
    if due.day is None:
        return doc_text("rules-due-month", lang, year=year, month=month)
    return doc_text("rules-due-day", lang, year=year, month=month, day=due.day)


def _groups(groups: tuple[tuple[str, ...], ...]) -> str:
    return " + ".join("[" + "|".join(g) + "]" for g in groups)


def _pattern_text(pattern: Pattern, lang: str) -> str:
    if pattern.weights:
        terms = ", ".join(f"{t}×{w:g}" for t, w in pattern.weights)
        return f"{doc_text('rules-pattern-weighted', lang, share=pattern.share)}: {terms}"
    acts = pattern.groups if pattern.acts is None else pattern.groups[: pattern.acts]
    parts = [f"{doc_text('rules-pattern-all', lang)} {_groups(acts)}"]
    if pattern.topics:
        parts.append(f"{doc_text('rules-pattern-topic', lang)} {_groups(pattern.topics)}")
    if pattern.within:
        parts.append(doc_text("rules-pattern-within", lang, within=pattern.within))
    if pattern.none:
        parts.append(f"{doc_text('rules-pattern-none', lang)} {_groups(pattern.none)}")
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


def _heading(heading: str, lang: str) -> str:
    return doc_text("rules-heading", lang, heading=heading) if heading else ""


def failure_line(result: CaseResult, lang: str = "zh") -> str:
    """A failed test: the text, and what was lacking (a missed match) or what hit (a false one)."""
    rule, case = result.rule, result.case
    common = {"pack": rule.pack, "rule": rule.id, "text": case.text}
    heading = _heading(case.heading, lang)
    if result.expected:
        joiner = "；" if lang == "zh" else "; "
        lacking = joiner.join(
            f"#{n} " + ("、".join(group) if group else "-")
            for n, group in enumerate(result.lacking, 1)
        )
        return doc_text("rules-test-missed", lang, heading=heading, lacking=lacking, **common)
    terms = "、".join(result.terms)
    return doc_text("rules-test-hit", lang, heading=heading, terms=terms, **common)
