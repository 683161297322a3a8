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
from planlint.regularfile import FileTooLarge, read_regular

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
        raise ConfigError(str(path), f"file is too large ({exc})") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ConfigError(str(path), reason[:1].lower() + reason[1:]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), f"not UTF-8 text (byte {exc.start})") from None
    suffix = path.suffix.lower()
    syntax = syntax or {".yaml": "yaml", ".yml": "yaml", ".json": "json"}.get(suffix, "toml")
    if syntax == "yaml":
        from planlint.rules.limits import DEFAULT_LIMITS
        from planlint.rules.yamlload import load_yaml

        try:
            return load_yaml(str(path), raw, DEFAULT_LIMITS)
        except PlanlintError as exc:
            raise ConfigError(str(path), exc.problem.replace("pack ", "file ")) from None
    if syntax == "json":
        try:
            return json.loads(text)
        except ValueError as exc:
            raise ConfigError(str(path), f"invalid JSON: {exc}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), f"invalid TOML: {exc}") from None
