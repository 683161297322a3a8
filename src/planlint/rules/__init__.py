"""Rule packs: YAML files of requirements, validated against a JSON Schema shipped here.

A pack is found by name among the packs shipped with planlint (``core``) or by path. Loading
resolves synonym sets and normalises every term, so the matcher only sees plain data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planlint import __version__, cache
from planlint.errors import PackError
from planlint.messages import os_reason
from planlint.regularfile import FileTooLarge, NotRegularFile, read_regular
from planlint.rules.clip import name as _name
from planlint.rules.clip import show as _show
from planlint.rules.due import Due, NoSuchDay, due_from
from planlint.rules.limits import DEFAULT_LIMITS, PackLimits
from planlint.textnorm import normalize

if TYPE_CHECKING:
    from planlint.match.terms import TermIndex

DEFAULT_FUZZY = 80
MIN_TYPO_LEN = 4  # a typo in a shorter term makes another word: 规章 is not 法规


@dataclass(frozen=True)
class Pattern:
    """Every group must hit (one of its terms), within ``within`` characters if set; no ``none``
    group may hit anywhere in the item.

    The groups are the ``all`` groups followed by the ``topic`` groups; ``acts`` says how many
    come first. The item's own text must carry the acts; a topic group (what the task is about,
    e.g. 政务公开) may instead be confirmed by the item's section heading."""

    groups: tuple[tuple[str, ...], ...]
    within: int | None = None
    none: tuple[tuple[str, ...], ...] = ()
    typos: tuple[tuple[str, ...], ...] = ()  # per group, the terms marked ~ that forgive a typo
    acts: int | None = None  # None: every group is an act
    # a weighted pattern (match/weighted.py) has no groups: its terms with their weights, and
    # the share of the weight an item must carry (drafted from a higher document, trace/)
    weights: tuple[tuple[str, float], ...] = ()
    share: float = 0.0

    @property
    def topics(self) -> tuple[tuple[str, ...], ...]:
        return self.groups[self.acts :] if self.acts is not None else ()


@dataclass(frozen=True)
class RuleTest:
    """An embedded test: an item's text, and the section heading it stands under if any."""

    text: str
    heading: str = ""


@dataclass(frozen=True)
class MatchSpec:
    patterns: tuple[Pattern, ...]
    exclude: tuple[str, ...] = ()  # look-alike phrases masked out before matching
    fuzzy: int = DEFAULT_FUZZY  # lowest score at which a ~term with a typo still hits


@dataclass(frozen=True)
class Rule:
    id: str
    pack: str
    title: str
    severity: str
    match: MatchSpec
    title_en: str = ""
    short: str = ""  # a few characters for report tables; the title when absent
    description: str = ""
    source_document: str = ""
    source_section: str = ""
    source_url: str = ""  # a link to the source document: SARIF helpUri
    relayed_by: str = ""  # the lower plan the rule is known from, when the source was not read
    requires_owner: bool = True
    requires_deadline: bool = False
    due: Due | None = None  # by when the task is due, relative to the plan's year (rules/due.py)
    tests_match: tuple[RuleTest, ...] = ()
    tests_no_match: tuple[RuleTest, ...] = ()
    tags: tuple[str, ...] = ()  # "trace": a task of a higher document (checks/untraced.py)


@dataclass(frozen=True)
class Pack:
    name: str
    path: str
    title: str
    rules: tuple[Rule, ...] = field(default_factory=tuple)
    version: str = ""
    year: int | None = None  # the work year whose key points it carries (--year auto)
    extends: tuple[str, ...] = ()  # the packs it extends, nearest first
    description: str = ""

    @cached_property
    def terms(self) -> TermIndex:
        """Every term of the pack compiled once (match/terms.py), so the matcher reads each
        item once instead of once per term; built on first use, kept with the pack."""
        from planlint.match.terms import TermIndex

        return TermIndex(self.rules)


def builtin_dir() -> Path:
    """Where the shipped packs live: inside the wheel, or rules/ beside src/ in a checkout."""
    packaged = Path(str(resources.files("planlint"))) / "packs"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rules"


def builtin_packs() -> list[str]:
    return sorted(p.stem for p in builtin_dir().glob("*.yaml"))


def resolve(spec: str) -> Path:
    """A pack name (``core``) or a path to a pack file."""
    path = Path(spec)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.exists():
            raise PackError(spec, "no-pack-file")
        return path  # anything but a regular file is refused when it is read
    candidate = builtin_dir() / f"{spec}.yaml"
    if candidate.is_file():
        return candidate
    known = ", ".join(builtin_packs()) or "none"
    raise PackError(spec, "no-pack", known=known)


def load_pack(spec: str, limits: PackLimits = DEFAULT_LIMITS) -> Pack:
    """The pack ``spec`` names, or a one-line PackError (exit 2 at the command line).

    A pack that ``extends`` another is built from the other's rules (loaded the same way, by
    name or by a path relative to the extending file), less those it ``drop``s, with its own
    rules replacing those of the same id and the rest added after them.

    The pack cache (cache.py) is a shortcut, never trusted: the pack is first built from what
    the cache holds for its files, and when that fails in any way it is built again from the
    files alone, so only errors found in the pack files themselves are ever reported."""
    path = resolve(spec)
    raw = _read(path, limits)
    try:
        return _pack(path, raw, limits, use_cache=True)
    except _Stale:
        _cached_data.cache_clear()
        return _pack(path, raw, limits, use_cache=False)


def fully_checked_pack(path: Path, limits: PackLimits = DEFAULT_LIMITS) -> Pack:
    """The pack file at ``path`` loaded with no shortcut: neither the pack cache nor the shipped
    index (rules/shipped.py, which this writes) spares it the schema."""
    return _pack(path, _read(path, limits), limits, use_cache=False, trust_index=False)


# what a pack built from the cache's data may raise: the data is then not trusted (load_pack)
_DOUBTS = (PackError, LookupError, TypeError, ValueError, AttributeError)


class _Stale(Exception):
    """Data from the pack cache did not build: the pack is to be loaded from its files alone."""


def _pack(
    path: Path, raw: bytes, limits: PackLimits, use_cache: bool, trust_index: bool = True
) -> Pack:
    data, hit = _data(str(path), raw, limits, use_cache, trust_index)
    if "extends" not in data:
        return _load(str(path), raw, limits, use_cache, trust_index)
    hits = [hit]
    try:
        chain = _chain(path, data, limits, use_cache, trust_index, hits)
        composed = _compose(chain)
        _check_rule_count(composed, str(path), limits)
        pack = _build(composed, str(path))
    except _DOUBTS:
        if any(hits):
            raise _Stale from None
        raise
    bases = tuple(_name_of(d) for _, d in chain[1:])
    return replace(pack, extends=bases)


def _read(path: Path, limits: PackLimits) -> bytes:
    try:
        return read_regular(path, limits.max_bytes)
    except FileTooLarge as exc:
        raise PackError(str(path), "pack-too-large", size=exc.size, limit=exc.limit) from None
    except NotRegularFile as exc:
        raise PackError(str(path), "not-regular", what=exc.kind) from None
    except OSError as exc:
        raise PackError(str(path), "os-error", reason=os_reason(exc)) from None


def resolve_base(spec: str, child: Path) -> Path:
    """What ``extends: spec`` in the pack file ``child`` names: a path beside it, else a pack."""
    beside = child.parent / spec
    if Path(spec).suffix in (".yaml", ".yml") and beside.is_file():
        return beside
    try:
        return resolve(spec) if Path(spec).suffix in (".yaml", ".yml") else _builtin(spec)
    except PackError:
        known = ", ".join(builtin_packs()) or "none"
        raise PackError(str(child), "extends-no-pack", pack=_show(spec), known=known) from None


def _builtin(spec: str) -> Path:
    candidate = builtin_dir() / f"{spec}.yaml"
    if candidate.is_file():
        return candidate
    raise PackError(spec, "no-such-pack")


def _chain(
    path: Path,
    data: dict[str, Any],
    limits: PackLimits,
    use_cache: bool,
    trust_index: bool,
    hits: list[bool],
) -> list[tuple[Path, dict]]:
    """The pack's data and that of each pack it extends, nearest first; a cycle is an error.
    A base that extends nothing must build on its own (its errors then name its own file).
    ``hits`` gets, for each file, whether its data came from the pack cache."""
    chain = [(path, data)]
    seen = [path.resolve()]
    while "extends" in chain[-1][1]:
        here, current = chain[-1]
        base = resolve_base(current["extends"], here)
        if base.resolve() in seen:
            names = " -> ".join(_name_of(d) for _, d in chain)
            cycle = f"{names} -> {current['extends']}"
            raise PackError(str(path), "extends-cycle", cycle=cycle)
        seen.append(base.resolve())
        raw = _read(base, limits)
        found, hit = _data(str(base), raw, limits, use_cache, trust_index)
        hits.append(hit)
        if "extends" not in found:
            _load(str(base), raw, limits, use_cache, trust_index)
        chain.append((base, found))
    return chain


def _name_of(data: dict[str, Any]) -> str:
    return str(data.get("pack", "?"))


def _compose(chain: list[tuple[Path, dict[str, Any]]]) -> dict[str, Any]:
    """One pack's data from a chain (nearest first): the farthest base, each extension over it.
    Unknown ``drop`` ids are errors, so a typo cannot silently keep a rule."""
    data = dict(chain[-1][1])
    for where, ext in reversed(chain[:-1]):
        rules = list(data.get("rules", []))
        ids = [r["id"] for r in rules]
        for rid in ext.get("drop", []):
            if rid not in ids:
                raise PackError(str(where), "drop-no-rule", rule=_name(rid), base=_name_of(data))
        rules = [r for r in rules if r["id"] not in ext.get("drop", [])]
        index = {r["id"]: n for n, r in enumerate(rules)}
        for rule in ext.get("rules", []):
            if rule["id"] in index:
                rules[index[rule["id"]]] = rule  # an override keeps the base rule's place
            else:
                rules.append(rule)
        merged = {k: v for k, v in data.items() if k not in ("extends", "drop")}
        merged.update({k: v for k, v in ext.items() if k not in ("extends", "drop", "rules")})
        merged["synonyms"] = {**data.get("synonyms", {}), **ext.get("synonyms", {})}
        merged["rules"] = rules
        data = merged
    return data


def _data(
    path: str, raw: bytes, limits: PackLimits, use_cache: bool, trust_index: bool
) -> tuple[dict[str, Any], bool]:
    """One pack file's data, and whether it came from the pack cache (else from the file)."""
    if use_cache:
        cached = _cached_data(path, raw, limits)
        if cached is not None:
            return cached, True
    return _load_data(path, raw, limits, trust_index), False


def _entry(raw: bytes) -> str:
    """The pack cache's key for a pack file: its bytes, the schema and planlint's version."""
    return cache.key(raw, _schema_text().encode(), __version__.encode())


@lru_cache(maxsize=32)
def _cached_data(path: str, raw: bytes, limits: PackLimits) -> dict[str, Any] | None:
    """What the pack cache holds for these bytes, if it is a mapping within the limits; whether
    it builds is for the caller to find out (neither YAML nor JSON Schema is imported here)."""
    data = cache.get(_entry(raw), limits.max_cache_bytes)
    if not isinstance(data, dict):
        return None
    try:
        _check_rule_count(data, path, limits)
    except PackError:
        return None
    return data


@lru_cache(maxsize=32)
def _load_data(
    path: str, raw: bytes, limits: PackLimits, trust_index: bool = True
) -> dict[str, Any]:
    """One pack file's data read from its YAML and checked against the schema, unless the
    shipped index (rules/shipped.py) lists these very bytes as checked. An extension's data is
    cached here (it cannot be built alone); a pack's own once it has built (``_load``)."""
    from planlint.rules.shipped import checked_before
    from planlint.rules.yamlload import load_yaml

    data = load_yaml(path, raw, limits)
    _check_rule_count(data, path, limits)
    if not (trust_index and checked_before(raw)):
        from planlint.rules.validate import validate

        validate(data, path, schema())
    if "extends" in data:
        _check_own_ids(data, path)
        cache.put(_entry(raw), data)
    return data


def _check_own_ids(data: dict[str, Any], path: str) -> None:
    seen: set[str] = set()
    for raw in data.get("rules", []):
        if raw["id"] in seen:
            raise PackError(path, "duplicate-rule-id", rule=_name(raw["id"]))
        seen.add(raw["id"])


@lru_cache(maxsize=16)
def _load(
    path: str, raw: bytes, limits: PackLimits, use_cache: bool, trust_index: bool = True
) -> Pack:
    """A pack that extends nothing, built once per content; _Stale when the cache's data for
    it does not build. Its data is cached once it has built."""
    data, hit = _data(path, raw, limits, use_cache, trust_index)
    try:
        pack = _build(data, path)
    except _DOUBTS:
        if hit:
            raise _Stale from None
        raise
    if not hit:
        cache.put(_entry(raw), data)
    return pack


def _check_rule_count(data: Any, path: str, limits: PackLimits) -> None:
    rules = data.get("rules") if isinstance(data, dict) else None
    if isinstance(rules, list) and len(rules) > limits.max_rules:
        raise PackError(
            path, "too-many-rules", count=f"{len(rules):,}", limit=f"{limits.max_rules:,}"
        )


@lru_cache(maxsize=1)
def _schema_text() -> str:
    return resources.files("planlint.rules").joinpath("schema.json").read_text("utf-8")


def schema() -> dict[str, Any]:
    return json.loads(_schema_text())


def _build(data: dict[str, Any], path: str) -> Pack:
    """Plain data from a validated pack: synonyms resolved, terms normalised."""
    name = data["pack"]
    shared = data.get("synonyms", {})
    rules: list[Rule] = []
    seen: set[str] = set()
    for raw in data["rules"]:
        rid = raw["id"]
        if rid in seen:
            raise PackError(path, "duplicate-rule-id", rule=_name(rid))
        seen.add(rid)
        m = raw["match"]
        synonyms = {**shared, **m.get("synonyms", {})}

        def expand(g: str | list[str], rid: str = rid, synonyms: dict = synonyms) -> list[str]:
            terms: list[str] = []
            for term in [g] if isinstance(g, str) else g:
                if term.startswith("$"):
                    if term[1:] not in synonyms:
                        raise PackError(
                            path, "unknown-synonym-set", rule=_name(rid), term=_show(term)
                        )
                    terms.extend(synonyms[term[1:]])
                else:
                    terms.append(term)
            for term in terms:
                if term.startswith("~") and len(normalize(term[1:])) < MIN_TYPO_LEN:
                    raise PackError(
                        path, "typo-too-short", rule=_name(rid), term=_show(term), min=MIN_TYPO_LEN
                    )
            return terms

        def group(g: str | list[str]) -> tuple[str, ...]:
            return tuple(
                dict.fromkeys(t for t in (normalize(x.lstrip("~")) for x in expand(g)) if t)
            )

        def typos(g: str | list[str]) -> tuple[str, ...]:
            return tuple(dict.fromkeys(normalize(x[1:]) for x in expand(g) if x.startswith("~")))

        patterns = tuple(
            _weighted(p, group)
            if "weighted" in p
            else Pattern(
                groups=tuple(group(g) for g in [*p["all"], *p.get("topic", [])]),
                within=p.get("within"),
                none=tuple(group(g) for g in p.get("none", [])),
                typos=tuple(typos(g) for g in [*p["all"], *p.get("topic", [])]),
                acts=len(p["all"]) if "topic" in p else None,
            )
            for p in m["any"]
        )
        source = raw.get("source", {})
        requires = raw.get("requires", {})
        tests = raw.get("tests", {})
        rules.append(
            Rule(
                id=rid,
                pack=name,
                title=raw["title"],
                title_en=raw.get("title_en", ""),
                short=raw.get("short", raw["title"]),
                description=raw.get("description", ""),
                severity=raw["severity"],
                source_document=source.get("document", ""),
                source_section=source.get("section", ""),
                source_url=source.get("url", ""),
                relayed_by=source.get("relayed_by", ""),
                requires_owner=requires.get("owner", True),
                requires_deadline=requires.get("deadline", False),
                due=_due(raw, rid, path),
                match=MatchSpec(
                    patterns=patterns,
                    exclude=tuple(normalize(t) for t in m.get("exclude", [])),
                    fuzzy=m.get("fuzzy", DEFAULT_FUZZY),
                ),
                tests_match=tuple(_rule_test(t) for t in tests.get("match", [])),
                tests_no_match=tuple(_rule_test(t) for t in tests.get("no_match", [])),
                tags=tuple(raw.get("tags", [])),
            )
        )
    return Pack(
        name=name,
        path=path,
        title=data.get("title", name),
        rules=tuple(rules),
        version=str(data.get("version", "")),
        year=data.get("year"),
        description=data.get("description", "").strip(),
    )


def _due(raw: dict[str, Any], rid: str, path: str) -> Due | None:
    try:
        return due_from(raw.get("due"))
    except NoSuchDay as exc:
        raise PackError(
            path, "due-no-such-day", rule=_name(rid), month=exc.month, day=exc.day
        ) from None


def _weighted(p: dict[str, Any], group: Any) -> Pattern:
    """A weighted pattern: its terms normalised (a term that normalises to another's text
    adds its weight to it), its veto groups as in any pattern."""
    weights: dict[str, float] = {}
    for term, weight in p["weighted"].items():
        key = normalize(term)
        if key:
            weights[key] = weights.get(key, 0.0) + float(weight)
    return Pattern(
        groups=(),
        none=tuple(group(g) for g in p.get("none", [])),
        weights=tuple(weights.items()),
        share=float(p["share"]),
    )


def pack_from_data(data: dict[str, Any], path: str) -> Pack:
    """A pack made in memory (a draft from a higher document, trace/): validated against
    the schema and built like a pack file, so it is used exactly as one would be."""
    from planlint.rules.validate import validate

    validate(data, path, schema())
    return _build(data, path)


def _rule_test(raw: str | dict[str, str]) -> RuleTest:
    if isinstance(raw, str):
        return RuleTest(raw)
    return RuleTest(raw["text"], raw["heading"])
