"""``planlint rules validate``: a pack file checked beyond loading, each problem with its line.

Loading stops at the first problem and names no line for most. Here every problem is found and
placed: the schema (first error), then what the schema cannot see: a rule id given twice, an
``extends`` that names no pack or goes round in a circle, a ``drop`` of a rule the base lacks,
a term group that can never hit (every term empty once normalised, masked by the rule's own
``exclude``, or vetoed by its own ``none`` group), and a ``within`` window too long to mean
anything or too short for the terms it must hold. The problems are catalogue phrases
(messages._ERRORS), said in the run's language by the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planlint.errors import PackError
from planlint.messages import Phrase
from planlint.rules import resolve_base, schema
from planlint.rules.clip import name, show
from planlint.rules.limits import DEFAULT_LIMITS, PackLimits
from planlint.textnorm import normalize

# A window is counted within one sentence of one item; sentences of a plan run to about 150
# characters, so a window past this constrains nothing and is a mistake (a missing digit?).
MAX_WINDOW = 200


@dataclass(frozen=True)
class Problem:
    """One problem of a pack file: its line (None: the file as a whole) and what it is."""

    line: int | None
    phrase: Phrase


def lint_file(path: Path, limits: PackLimits = DEFAULT_LIMITS) -> list[Problem]:
    """Every problem found in the pack file ``path``; an empty list when it is sound."""
    from planlint.regularfile import FileTooLarge, read_regular
    from planlint.rules.lines import Lines
    from planlint.rules.yamlload import load_yaml

    try:
        raw = read_regular(path, limits.max_bytes)
    except FileTooLarge as exc:
        return [Problem(None, Phrase("pack-too-large", size=exc.size, limit=exc.limit))]
    except OSError as exc:
        from planlint.messages import os_reason

        return [Problem(None, Phrase("os-error", reason=os_reason(exc)))]
    try:
        data = load_yaml(str(path), raw, limits)
    except PackError as exc:
        line = exc.params.get("line")
        return [Problem(line if isinstance(line, int) else None, exc.phrase)]
    lines = Lines(raw.decode("utf-8-sig"))
    problems = _schema_problems(data, path, lines)
    if problems:
        return problems  # the rest reads the data as the schema shapes it
    problems += _id_problems(data, lines)
    problems += _extends_problems(data, path, lines, limits)
    for index, rule in enumerate(data.get("rules", [])):
        problems += _rule_problems(rule, index, data.get("synonyms", {}), lines)
    return sorted(problems, key=lambda p: p.line or 0)


def _schema_problems(data: Any, path: Path, lines: Any) -> list[Problem]:
    import itertools

    import jsonschema

    from planlint.rules.validate import validate

    try:
        validate(data, str(path), schema())
    except PackError as exc:
        validator = jsonschema.Draft202012Validator(schema())
        first = next(itertools.islice(validator.iter_errors(data), 1), None)
        where = list(first.absolute_path) if first is not None else []
        return [Problem(lines.of(where), exc.phrase)]
    return []


def _id_problems(data: dict[str, Any], lines: Any) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for index, rule in enumerate(data.get("rules", [])):
        line = lines.of(["rules", index, "id"])
        if rule["id"] in seen:
            problems.append(
                Problem(
                    line, Phrase("lint-duplicate-id", rule=name(rule["id"]), first=seen[rule["id"]])
                )
            )
        else:
            seen[rule["id"]] = line or 0
    return problems


def _extends_problems(
    data: dict[str, Any], path: Path, lines: Any, limits: PackLimits
) -> list[Problem]:
    """``extends`` names a pack that loads, with no cycle; ``drop`` names rules it has."""
    if "extends" not in data:
        if "drop" in data:
            return [Problem(lines.of(["drop"], key=True), Phrase("lint-drop-without-extends"))]
        return []
    from planlint.rules import load_pack

    line = lines.of(["extends"])
    try:
        base = resolve_base(data["extends"], path)
        if base.resolve() == path.resolve():
            raise PackError(
                str(path), "extends-cycle", cycle=f"{data['pack']} -> {data['extends']}"
            )
        pack = load_pack(str(base), limits)
    except PackError as exc:
        return [Problem(line, exc.phrase)]
    if path.resolve() in {Path(p).resolve() for p in _base_paths(pack)}:
        cycle = f"{data['pack']} -> {' -> '.join(pack.extends or (pack.name,))}"
        return [Problem(line, Phrase("extends-cycle", cycle=cycle))]
    ids = {r.id for r in pack.rules}
    return [
        Problem(lines.of(["drop", n]), Phrase("drop-no-rule", rule=name(rid), base=pack.name))
        for n, rid in enumerate(data.get("drop", []))
        if rid not in ids
    ]


def _base_paths(pack: Any) -> list[str]:
    from planlint.rules import builtin_dir

    return [pack.path, *(str(builtin_dir() / f"{n}.yaml") for n in pack.extends)]


def _rule_problems(
    rule: dict[str, Any], index: int, shared: dict[str, list[str]], lines: Any
) -> list[Problem]:
    match = rule["match"]
    synonyms = {**shared, **match.get("synonyms", {})}
    exclude = [normalize(t) for t in match.get("exclude", []) if normalize(t)]
    rid = name(rule["id"])
    problems: list[Problem] = []
    for p, pattern in enumerate(match["any"]):
        at = ["rules", index, "match", "any", p]
        if "all" not in pattern:
            continue  # a weighted pattern: no groups to check
        groups = [*pattern["all"], *pattern.get("topic", [])]
        keys = ["all"] * len(pattern["all"]) + ["topic"] * len(pattern.get("topic", []))
        terms = [_terms(g, synonyms) for g in groups]
        vetoes = [_terms(g, synonyms) for g in pattern.get("none", [])]
        for g, (key, group) in enumerate(zip(keys, terms, strict=True)):
            offset = g if key == "all" else g - len(pattern["all"])
            where = lines.of([*at, key, offset])
            why = _never(group, exclude, vetoes)
            if why is not None:
                problems.append(
                    Problem(where, Phrase(why, rule=rid, group=show(groups[g]), pattern=p + 1))
                )
        within = pattern.get("within")
        if within is not None:
            where = lines.of([*at, "within"])
            # the span runs from the first hit's start to the last one's end; hits may overlap,
            # so it is at least the longest of the groups' shortest terms
            shortest = max(
                (min((len(t) for t in g if t), default=0) for g in terms if g), default=0
            )
            if within > MAX_WINDOW:
                problems.append(
                    Problem(
                        where, Phrase("lint-window-long", rule=rid, within=within, limit=MAX_WINDOW)
                    )
                )
            elif within < shortest:
                problems.append(
                    Problem(
                        where, Phrase("lint-window-short", rule=rid, within=within, need=shortest)
                    )
                )
    return problems


def _terms(group: str | list[str], synonyms: dict[str, list[str]]) -> list[str] | None:
    """A group's terms normalised, synonym sets expanded; None when it names a set this file
    does not define (an extended pack's, or none at all: building the pack tells which)."""
    out: list[str] = []
    for term in [group] if isinstance(group, str) else group:
        if term.startswith("$"):
            if term[1:] not in synonyms:
                return None
            out.extend(synonyms[term[1:]])
        else:
            out.append(term)
    return [normalize(t.lstrip("~")) for t in out]


def _never(
    group: list[str] | None, exclude: list[str], vetoes: list[list[str] | None]
) -> str | None:
    """Why a group can never hit, as a catalogue key; None when it can (or is not known)."""
    if group is None:
        return None
    live = [t for t in group if t]
    if not live:
        return "lint-group-empty"
    if all(any(x in t for x in exclude) for t in live):
        return "lint-group-excluded"
    for veto in vetoes:
        if veto is not None and all(any(v and v in t for v in veto) for t in live):
            return "lint-group-vetoed"
    return None
