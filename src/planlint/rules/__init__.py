"""Rule packs: YAML files of requirements, validated against a JSON Schema shipped here.

A pack is found by name among the packs shipped with planlint (``core``) or by path. Loading
resolves synonym sets and normalises every term, so the matcher only sees plain data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from planlint import __version__, cache
from planlint.errors import PackError
from planlint.textnorm import normalize

DEFAULT_FUZZY = 80
MIN_TYPO_LEN = 4  # a typo in a shorter term makes another word: 规章 is not 法规


@dataclass(frozen=True)
class Pattern:
    """Every group must hit (one of its terms), within ``within`` characters if set; no ``none``
    group may hit anywhere in the item."""

    groups: tuple[tuple[str, ...], ...]
    within: int | None = None
    none: tuple[tuple[str, ...], ...] = ()
    typos: tuple[tuple[str, ...], ...] = ()  # per group, the terms marked ~ that forgive a typo


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
    requires_owner: bool = True
    requires_deadline: bool = False
    tests_match: tuple[str, ...] = ()
    tests_no_match: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pack:
    name: str
    path: str
    title: str
    rules: tuple[Rule, ...] = field(default_factory=tuple)


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
        if not path.is_file():
            raise PackError(spec, "no such pack file")
        return path
    candidate = builtin_dir() / f"{spec}.yaml"
    if candidate.is_file():
        return candidate
    known = ", ".join(builtin_packs()) or "none"
    raise PackError(spec, f"no such pack (built-in packs: {known})")


def load_pack(spec: str) -> Pack:
    path = resolve(spec)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PackError(str(path), exc.strerror or str(exc)) from None
    return _load(str(path), raw)


@lru_cache(maxsize=16)
def _load(path: str, raw: bytes) -> Pack:
    entry = cache.key(raw, _schema_text().encode(), __version__.encode())
    data = cache.get(entry)
    if data is None:
        data = _read_yaml(path, raw)
        _validate(data, path)
        cache.put(entry, data)
    return _build(data, path)


def _read_yaml(path: str, raw: bytes) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(raw.decode("utf-8"), Loader=loader)
    except UnicodeDecodeError:
        raise PackError(path, "pack is not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PackError(path, f"invalid YAML{where}: {problem}") from None


@lru_cache(maxsize=1)
def _schema_text() -> str:
    return resources.files("planlint.rules").joinpath("schema.json").read_text("utf-8")


def schema() -> dict[str, Any]:
    return json.loads(_schema_text())


def _validate(data: Any, path: str) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    err = jsonschema.exceptions.best_match(errors)
    where = list(err.absolute_path)
    rule = ""
    if len(where) >= 2 and where[0] == "rules" and isinstance(where[1], int):
        rid = (
            data["rules"][where[1]].get("id") if isinstance(data["rules"][where[1]], dict) else None
        )
        rule = f"rule {rid or '#' + str(where[1] + 1)}: "
        where = where[2:]
    key = ".".join(str(p) for p in where) or "(top level)"
    raise PackError(path, f"{rule}{key}: {err.message}")


def _build(data: dict[str, Any], path: str) -> Pack:
    """Plain data from a validated pack: synonyms resolved, terms normalised."""
    name = data["pack"]
    shared = data.get("synonyms", {})
    rules: list[Rule] = []
    seen: set[str] = set()
    for raw in data["rules"]:
        rid = raw["id"]
        if rid in seen:
            raise PackError(path, f"rule {rid}: id: duplicate rule id")
        seen.add(rid)
        m = raw["match"]
        synonyms = {**shared, **m.get("synonyms", {})}

        def expand(g: str | list[str], rid: str = rid, synonyms: dict = synonyms) -> list[str]:
            terms: list[str] = []
            for term in [g] if isinstance(g, str) else g:
                if term.startswith("$"):
                    if term[1:] not in synonyms:
                        raise PackError(path, f"rule {rid}: match: unknown synonym set '{term}'")
                    terms.extend(synonyms[term[1:]])
                else:
                    terms.append(term)
            for term in terms:
                if term.startswith("~") and len(normalize(term[1:])) < MIN_TYPO_LEN:
                    raise PackError(
                        path,
                        f"rule {rid}: match: '{term}': typo tolerance needs {MIN_TYPO_LEN}+ characters",
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
                groups=tuple(group(g) for g in p["all"]),
                within=p.get("within"),
                none=tuple(group(g) for g in p.get("none", [])),
                typos=tuple(typos(g) for g in p["all"]),
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
                requires_owner=requires.get("owner", True),
                requires_deadline=requires.get("deadline", False),
                match=MatchSpec(
                    patterns=patterns,
                    exclude=tuple(normalize(t) for t in m.get("exclude", [])),
                    fuzzy=m.get("fuzzy", DEFAULT_FUZZY),
                ),
                tests_match=tuple(tests.get("match", [])),
                tests_no_match=tuple(tests.get("no_match", [])),
            )
        )
    return Pack(name=name, path=path, title=data.get("title", name), rules=tuple(rules))
