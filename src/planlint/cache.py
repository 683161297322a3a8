"""A small on-disk cache of validated rule packs, so a run need not import YAML and JSON Schema.

Entries are keyed by a hash of the pack's bytes, the schema and planlint's version: an edited pack
or a new release simply misses. Set PLANLINT_NO_CACHE=1 to disable it, or PLANLINT_CACHE_DIR to
move it (default ``$XDG_CACHE_HOME/planlint`` or ``~/.cache/planlint``).

The cache is only an optimisation, so nothing in it is trusted. An entry is one header line
(format, key, length and SHA-256 of the payload) and a JSON payload; an entry that is not a
regular file (a FIFO, a device, a symbolic link, a folder), is over the size cap, or whose header
does not match its name and payload is a miss, and the next ``put`` replaces it. Reads never
block and never follow links (see ``regularfile``); writes go to a fresh temporary file in the
same folder, renamed over the entry, so a reader sees the old entry or the new one, never half.
The caller must still treat a hit as possibly wrong-shaped data and fall back to a fresh load.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from planlint.regularfile import read_regular

FORMAT = "planlint-cache/2"
DEFAULT_MAX_BYTES = 16 * 1024 * 1024


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


def entry_path(name: str) -> Path | None:
    """Where the entry ``name`` lives, or None when the cache is off."""
    folder = cache_dir()
    return None if folder is None else folder / f"{name}.json"


def get(name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Any | None:
    """The value stored under ``name``, or None for a miss (absent, unreadable or not ours)."""
    path = entry_path(name)
    if path is None:
        return None
    try:
        raw = read_regular(path, max_bytes, follow=False)
    except OSError:
        return None
    return _decode(name, raw)


def _decode(name: str, raw: bytes) -> Any | None:
    head, sep, payload = raw.partition(b"\n")
    if not sep:
        return None
    try:
        header = json.loads(head)
        expected = {
            "format": FORMAT,
            "key": name,
            "length": len(payload),
            "sha256": hashlib.sha256(payload).hexdigest(),
        }
        if header != expected:
            return None
        return json.loads(payload)
    except (ValueError, RecursionError):
        return None


def encode(name: str, value: Any) -> bytes:
    payload = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = {
        "format": FORMAT,
        "key": name,
        "length": len(payload),
        "sha256": hashlib.sha256(payload).hexdigest(),
    }
    return json.dumps(header).encode("ascii") + b"\n" + payload


def put(name: str, value: Any) -> None:
    """Store ``value`` under ``name`` atomically; a cache that cannot be written is ignored."""
    path = entry_path(name)
    if path is None:
        return
    try:
        data = encode(name, value)
    except (TypeError, ValueError, RecursionError):
        return  # not JSON: simply not cached
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, data)


def _write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        try:
            os.replace(tmp, path)
        except IsADirectoryError:
            os.rmdir(path)  # an empty folder where the entry belongs; a full one is left alone
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
