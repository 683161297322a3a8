"""A small on-disk cache of validated rule packs, so a run need not import YAML and JSON Schema.

Entries are JSON, keyed by a hash of the pack's bytes, the schema and planlint's version: an
edited pack or a new release simply misses. Set PLANLINT_NO_CACHE=1 to disable it, or
PLANLINT_CACHE_DIR to move it. A cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any


def cache_dir() -> Path | None:
    if os.environ.get("PLANLINT_NO_CACHE"):
        return None
    explicit = os.environ.get("PLANLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "planlint"


def key(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()[:32]


def get(name: str) -> Any | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return json.loads((folder / f"{name}.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None


def put(name: str, value: Any) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(value, ensure_ascii=False), "utf-8")
        tmp.replace(folder / f"{name}.json")
    except OSError:
        pass
