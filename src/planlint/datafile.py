"""Reading the small settings files a project keeps beside its plans: configuration, waivers,
baselines. TOML, YAML or JSON by suffix, read as a regular file under a size cap (a settings file
is as untrusted as a pack), and every problem one line naming the file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from planlint.errors import ConfigError, PlanlintError
from planlint.messages import os_reason
from planlint.regularfile import FileTooLarge, NotRegularFile, read_regular

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10: the tomli backport (a dependency there)
    import tomli as tomllib

MAX_BYTES = 16 * 1024 * 1024


def read_data(path: Path, syntax: str | None = None) -> Any:
    """The data in ``path``: ``syntax`` if given, else YAML for .yaml/.yml, JSON for .json,
    TOML otherwise."""
    try:
        raw = read_regular(path, MAX_BYTES)
    except FileTooLarge as exc:
        raise ConfigError(str(path), "data-too-large", size=exc.size, limit=exc.limit) from None
    except NotRegularFile as exc:
        raise ConfigError(str(path), "not-regular", what=exc.kind) from None
    except OSError as exc:
        raise ConfigError(str(path), "os-error", reason=os_reason(exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), "data-not-utf8", at=exc.start) from None
    suffix = path.suffix.lower()
    syntax = syntax or {".yaml": "yaml", ".yml": "yaml", ".json": "json"}.get(suffix, "toml")
    if syntax == "yaml":
        from planlint.rules.limits import DEFAULT_LIMITS
        from planlint.rules.yamlload import load_yaml

        try:
            return load_yaml(str(path), raw, DEFAULT_LIMITS)
        except PlanlintError as exc:
            params = {**exc.params, "doc": "file"} if "doc" in exc.params else exc.params
            raise ConfigError(str(path), exc.key, **params) from None
    if syntax == "json":
        try:
            return json.loads(text)
        except ValueError as exc:
            raise ConfigError(str(path), "invalid-json", detail=str(exc)) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), "invalid-toml", detail=str(exc)) from None
