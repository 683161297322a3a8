"""The shipped packs' index (``index.json`` beside them): what each file holds, written once.

A run should not load every shipped pack to learn which one serves a year (``--year auto``),
nor import JSON Schema to check a pack file that was checked when planlint was built. The index
lists each shipped file with the SHA-256 of its bytes, the schema's SHA-256, the pack's name,
``year`` and ``extends``. It is only ever a shortcut:

- a pack file whose bytes (and the schema) are those the index lists passed the schema when the
  index was written, so it is not checked again (the same bytes give the same answer); any other
  file is checked as always;
- the index says which pack serves which year only while it describes the folder exactly (the
  same files, each with the listed bytes); otherwise the years are read by loading every pack.

``python -m planlint.rules.shipped`` rewrites it after a pack or the schema changes
(tests/test_pack_index.py fails until then).
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

INDEX = "index.json"
FORMAT = "planlint-pack-index/1"


@dataclass(frozen=True)
class Entry:
    """One shipped pack file as the index describes it."""

    file: str
    sha256: str
    pack: str
    year: int | None
    extends: str | None


@dataclass(frozen=True)
class Index:
    schema: str  # SHA-256 of schema.json when the index was written
    entries: tuple[Entry, ...]

    @property
    def checked(self) -> frozenset[str]:
        """The SHA-256 of every file that passed the schema of ``schema``."""
        return frozenset(e.sha256 for e in self.entries)


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def schema_digest() -> str:
    from planlint.rules import _schema_text

    return digest(_schema_text().encode("utf-8"))


@lru_cache(maxsize=4)
def read_index(folder: Path) -> Index | None:
    """The index in ``folder``, or None when there is none or it is not one (then nothing is
    taken from it: every pack is checked and loaded as if it were not there)."""
    try:
        data = json.loads((folder / INDEX).read_text("utf-8"))
        if data.get("format") != FORMAT:
            return None
        entries = tuple(
            Entry(e["file"], e["sha256"], e["pack"], e.get("year"), e.get("extends"))
            for e in data["packs"]
        )
        return Index(str(data["schema"]), entries)
    except (OSError, ValueError, LookupError, TypeError, AttributeError):
        return None


def checked_before(raw: bytes) -> bool:
    """Whether these pack bytes passed the current schema when the shipped index was written."""
    from planlint.rules import builtin_dir

    index = read_index(builtin_dir())
    return index is not None and index.schema == schema_digest() and digest(raw) in index.checked


def years_by_index(folder: Path) -> dict[int, str] | None:
    """The shipped packs with a ``year`` that extend nothing, by year (file stems), as the
    index says; None unless it describes ``folder``'s packs exactly, byte for byte."""
    index = read_index(folder)
    if index is None:
        return None
    files = {p.name: p for p in folder.glob("*.yaml")}
    if set(files) != {e.file for e in index.entries}:
        return None
    for entry in index.entries:
        try:
            if digest(files[entry.file].read_bytes()) != entry.sha256:
                return None
        except OSError:
            return None
    found: dict[int, str] = {}
    for entry in sorted(index.entries, key=lambda e: Path(e.file).stem):
        if entry.year is not None and entry.extends is None:
            found.setdefault(entry.year, Path(entry.file).stem)
    return found


def build_index(folder: Path) -> dict[str, Any]:
    """The index of ``folder``'s packs, each loaded and checked in full (no shortcut taken):
    a pack that does not load is a PackError here, never an entry."""
    from planlint.rules import fully_checked_pack

    packs = []
    for path in sorted(folder.glob("*.yaml")):
        raw = path.read_bytes()
        pack = fully_checked_pack(path)
        packs.append(
            {
                "file": path.name,
                "sha256": digest(raw),
                "pack": pack.name,
                "year": pack.year,
                "extends": pack.extends[0] if pack.extends else None,
            }
        )
    return {
        "format": FORMAT,
        "about": "written by `python -m planlint.rules.shipped`; see src/planlint/rules/shipped.py",
        "schema": schema_digest(),
        "packs": packs,
    }


def index_text(folder: Path) -> str:
    return json.dumps(build_index(folder), ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    """Rewrite the index of the shipped packs (after a pack or the schema changed)."""
    from planlint.rules import builtin_dir

    folder = builtin_dir()
    (folder / INDEX).write_text(index_text(folder), encoding="utf-8")
    read_index.cache_clear()
    sys.stdout.write(f"wrote {folder / INDEX}\n")


if __name__ == "__main__":
    main()
