"""The project's configuration: which packs and rules, how strict, which files, what the unit's
placeholders and departments are.

A CI job runs ``planlint check`` with no flags and the project decides the rest, in one file
found from the working directory upward. In each folder, nearest first, the first of these that
holds planlint settings is used, and no other file (files are never merged):

1. ``planlint.toml`` (the settings at its top level)
2. ``.planlint.yaml`` (or ``.planlint.yml``; the same keys in YAML)
3. ``pyproject.toml``, its ``[tool.planlint]`` table (a pyproject.toml without one is passed over)

``--config FILE`` names the file instead (of any of these kinds); ``--isolated`` uses none.
Command-line flags override the file key by key (``with_flags``). Every key is checked here, so
a typo is an error naming the key and the file, never a setting silently ignored. Relative paths
and globs in the file are read from the file's folder.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from planlint.datafile import read_data
from planlint.errors import ConfigError
from planlint.globs import Glob, Search, globs
from planlint.rules.clip import name, show
from planlint.waivers import Waiver, load_waivers, parse_waivers

LEVELS = ("error", "warning", "info")  # most severe first
MEANINGS = ("not-involved", "unassigned")
CANDIDATES = ("planlint.toml", ".planlint.yaml", ".planlint.yml", "pyproject.toml")
KEYS = (
    "packs",
    "select",
    "ignore",
    "severity",
    "fail-on",
    "include",
    "exclude",
    "placeholders",
    "departments",
    "waivers",
)

__all__ = ["Config", "ConfigError", "discover", "load_config", "resolve_config"]


@dataclass(frozen=True)
class Config:
    """Settings for one run, as plain data (picklable, no behaviour beyond lookups).

    ``origins`` says where each setting came from (the file's path, or the flag), so a later
    check, such as a rule id no pack has, names the place to fix.
    """

    source: str | None = None  # the file read, None when none was
    packs: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    exit_zero: bool = False
    include: tuple[Glob, ...] = ()
    exclude: tuple[Glob, ...] = ()
    placeholders: dict[str, str] = field(default_factory=dict)
    departments: tuple[str, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    origins: dict[str, str] = field(default_factory=dict)

    @property
    def search(self) -> Search:
        """What a folder search takes (the include and exclude globs)."""
        return Search(self.include, self.exclude)

    def origin(self, key: str) -> str:
        return self.origins.get(key, self.source or "planlint")

    def with_flags(
        self,
        *,
        packs: list[str] | None = None,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        fail_on: str | None = None,
        exit_zero: bool = False,
        exclude: list[str] | None = None,
        waivers: str | None = None,
    ) -> Config:
        """This configuration with the command line's flags in place of the file's keys; a flag
        not given leaves the key as the file set it. List flags may repeat and hold commas."""
        changes: dict[str, Any] = {}
        origins = dict(self.origins)
        if packs:
            changes["packs"] = tuple(packs)
        if select:
            changes["select"] = _split(select)
            origins["select"] = "--select"
        if ignore:
            changes["ignore"] = _split(ignore)
            origins["ignore"] = "--ignore"
        if fail_on:
            changes["fail_on"] = fail_on
        if exit_zero:
            changes["exit_zero"] = True
        if exclude:
            changes["exclude"] = globs(_split(exclude), Path.cwd())
        if waivers:
            changes["waivers"] = load_waivers(waivers)
        return replace(self, **changes, origins=origins)


def _split(values: list[str]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def resolve_config(config_file: str | None, isolated: bool, start: Path | None = None) -> Config:
    """The configuration a run uses: the named file, none (``isolated``), or the one found."""
    if isolated and config_file:
        raise ConfigError("--isolated", "isolated-with-config")
    if isolated:
        return Config()
    if config_file:
        return load_config(Path(config_file), named=True)
    found = discover(start or Path.cwd())
    return load_config(found) if found else Config()


def discover(start: Path) -> Path | None:
    """The nearest file holding planlint settings, from ``start`` up to the root."""
    folder = start.absolute()
    for here in (folder, *folder.parents):
        for candidate in CANDIDATES:
            path = here / candidate
            if not path.is_file():
                continue
            if candidate != "pyproject.toml" or _has_tool_table(path):
                return _shown(path, folder)
    return None


def _shown(path: Path, cwd: Path) -> Path:
    """``path`` relative to the working directory when it lies below it (shorter messages)."""
    try:
        return path.relative_to(cwd)
    except ValueError:
        return path


def _has_tool_table(path: Path) -> bool:
    """Whether a pyproject.toml has ``[tool.planlint]`` (a broken one is reported when read)."""
    try:
        data = _parse(path)
    except ConfigError:
        return True  # read it, so the user learns why
    return isinstance(data.get("tool"), dict) and "planlint" in data["tool"]


def load_config(path: Path, named: bool = False) -> Config:
    """The settings in ``path``, checked key by key, or a one-line ConfigError."""
    data = _parse(path)
    source = str(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        if not isinstance(tool, dict) or "planlint" not in tool:
            if named:
                raise ConfigError(source, "no-tool-table")
            return Config()
        data = tool["planlint"]
        source = f"{path} [tool.planlint]"
    if not isinstance(data, dict):
        raise ConfigError(source, "not-a-settings-table", value=show(data))
    return _build(data, source, path.absolute().parent)


def _parse(path: Path) -> Any:
    data = read_data(path)
    return {} if data is None else data


def _build(data: dict[str, Any], source: str, base: Path) -> Config:
    unknown = [k for k in data if k not in KEYS]
    if unknown:
        raise _unknown_key(source, unknown[0])
    origins = {"select": source, "ignore": source, "severity": source}
    waivers: tuple[Waiver, ...] = ()
    raw_waivers = data.get("waivers")
    if isinstance(raw_waivers, str):
        waivers = load_waivers(str(base / raw_waivers))
    elif raw_waivers is not None:
        waivers = parse_waivers(raw_waivers, f"{source}: waivers", base)
    return Config(
        source=source,
        packs=tuple(_pack_spec(p, base) for p in _texts(data, "packs", source)),
        select=_texts(data, "select", source),
        ignore=_texts(data, "ignore", source),
        severity=_table(data, "severity", source, LEVELS),
        fail_on=_level(data, source),
        include=globs(_texts(data, "include", source), base),
        exclude=globs(_texts(data, "exclude", source), base),
        placeholders=_table(data, "placeholders", source, MEANINGS),
        departments=_texts(data, "departments", source),
        waivers=waivers,
        origins=origins,
    )


def _unknown_key(source: str, key: object) -> ConfigError:
    near = difflib.get_close_matches(str(key), KEYS, n=1)
    if near:
        return ConfigError(source, "unknown-key-near", key=name(key), near=near[0])
    return ConfigError(source, "unknown-key", key=name(key), known=", ".join(KEYS))


def _texts(data: dict[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(source, "not-texts", key=key, value=show(value))
    return tuple(v.strip() for v in value)


def _table(data: dict[str, Any], key: str, source: str, allowed: tuple[str, ...]) -> dict[str, str]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(source, "not-a-table", key=key, value=show(value))
    for k, v in value.items():
        if not isinstance(k, str) or not k.strip():
            raise ConfigError(source, "not-a-name", key=key, name=show(k))
        if v not in allowed:
            raise ConfigError(
                source,
                "not-one-of",
                key=f"{key}.{name(k)}",
                value=show(v),
                allowed=", ".join(allowed),
            )
    return {k.strip(): v for k, v in value.items()}


def _level(data: dict[str, Any], source: str) -> str:
    value = data.get("fail-on", "error")
    if value not in LEVELS:
        raise ConfigError(
            source, "not-one-of", key="fail-on", value=show(value), allowed=", ".join(LEVELS)
        )
    return value


def _pack_spec(spec: str, base: Path) -> str:
    """A pack named by path is read from the config file's folder; a bare name is built in."""
    if spec.endswith((".yaml", ".yml")) or "/" in spec or os.sep in spec:
        return str(base / spec)
    return spec
