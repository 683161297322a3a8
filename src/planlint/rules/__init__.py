"""Rule packs: YAML files of requirements, validated against a JSON Schema shipped here.

A pack is found by name among the packs shipped with planlint (``core``) or by path. Loading
resolves synonym sets and normalises every term, so the matcher only sees plain data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planlint import __version__, cache
from planlint.errors import PackError
from planlint.regularfile import FileTooLarge, read_regular
from planlint.rules.clip import name as _name
from planlint.rules.clip import show as _show
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
    requires_owner: bool = True
    requires_deadline: bool = False
    tests_match: tuple[RuleTest, ...] = ()
    tests_no_match: tuple[RuleTest, ...] = ()


@dataclass(frozen=True)
class Pack:
    name: str
    path: str
    title: str
    rules: tuple[Rule, ...] = field(default_factory=tuple)

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
            raise PackError(spec, "no such pack file")
        return path  # anything but a regular file is refused when it is read
    candidate = builtin_dir() / f"{spec}.yaml"
    if candidate.is_file():
        return candidate
    known = ", ".join(builtin_packs()) or "none"
    raise PackError(spec, f"no such pack (built-in packs: {known})")


def load_pack(spec: str, limits: PackLimits = DEFAULT_LIMITS) -> Pack:
    """The pack ``spec`` names, or a one-line PackError (exit 2 at the command line)."""
    path = resolve(spec)
    try:
        raw = read_regular(path, limits.max_bytes)
    except FileTooLarge as exc:
        raise PackError(str(path), f"pack is too large ({exc})") from None
    except OSError as exc:
        raise PackError(str(path), exc.strerror or str(exc)) from None
    return _load(str(path), raw, limits)


@lru_cache(maxsize=16)
def _load(path: str, raw: bytes, limits: PackLimits) -> Pack:
    """A cache hit is only a shortcut: cached data that fails a check or does not build is
    dropped for a fresh load, so only errors found in the pack file itself are ever reported.
    Only packs that pass and build are cached."""
    entry = cache.key(raw, _schema_text().encode(), __version__.encode())
    data = cache.get(entry, limits.max_cache_bytes)
    if isinstance(data, dict):
        try:
            _check_rule_count(data, path, limits)
            return _build(data, path)
        except (PackError, LookupError, TypeError, ValueError, AttributeError):
            pass
    from planlint.rules.validate import validate
    from planlint.rules.yamlload import load_yaml

    data = load_yaml(path, raw, limits)
    _check_rule_count(data, path, limits)
    validate(data, path, schema())
    pack = _build(data, path)
    cache.put(entry, data)
    return pack


def _check_rule_count(data: Any, path: str, limits: PackLimits) -> None:
    rules = data.get("rules") if isinstance(data, dict) else None
    if isinstance(rules, list) and len(rules) > limits.max_rules:
        raise PackError(path, f"rules: {len(rules):,} rules; the limit is {limits.max_rules:,}")


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
            raise PackError(path, f"rule {_name(rid)}: id: duplicate rule id")
        seen.add(rid)
        m = raw["match"]
        synonyms = {**shared, **m.get("synonyms", {})}

        def expand(g: str | list[str], rid: str = rid, synonyms: dict = synonyms) -> list[str]:
            terms: list[str] = []
            for term in [g] if isinstance(g, str) else g:
                if term.startswith("$"):
                    if term[1:] not in synonyms:
                        raise PackError(
                            path, f"rule {_name(rid)}: match: unknown synonym set {_show(term)}"
                        )
                    terms.extend(synonyms[term[1:]])
                else:
                    terms.append(term)
            for term in terms:
                if term.startswith("~") and len(normalize(term[1:])) < MIN_TYPO_LEN:
                    raise PackError(
                        path,
                        f"rule {_name(rid)}: match: {_show(term)}: typo tolerance needs"
                        f" {MIN_TYPO_LEN}+ characters",
                    )
            return terms

        def group(g: str | list[str]) -> tuple[str, ...]:
            return tuple(
                dict.fromkeys(t for t in (normalize(x.lstrip("~")) for x in expand(g)) if t)
            )

        def typos(g: str | list[str]) -> tuple[str, ...]:
            return tuple(dict.fromkeys(normalize(x[1:]) for x in expand(g) if x.startswith("~")))

        patterns = tuple(
            Pattern(
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
                requires_owner=requires.get("owner", True),
                requires_deadline=requires.get("deadline", False),
                match=MatchSpec(
                    patterns=patterns,
                    exclude=tuple(normalize(t) for t in m.get("exclude", [])),
                    fuzzy=m.get("fuzzy", DEFAULT_FUZZY),
                ),
                tests_match=tuple(_rule_test(t) for t in tests.get("match", [])),
                tests_no_match=tuple(_rule_test(t) for t in tests.get("no_match", [])),
            )
        )
    return Pack(name=name, path=path, title=data.get("title", name), rules=tuple(rules))


def _rule_test(raw: str | dict[str, str]) -> RuleTest:
    if isinstance(raw, str):
        return RuleTest(raw)
    return RuleTest(raw["text"], raw["heading"])
