"""The linter core: read -> parse -> match -> check, one plan at a time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from planlint.checks import Result, evaluate
from planlint.errors import PlanlintError, ReadError
from planlint.match import match_plan
from planlint.model import Plan
from planlint.parse import parse
from planlint.readers import DEFAULT_MAX_BYTES, PLAN_SUFFIXES, read_document
from planlint.rules import Pack

T = TypeVar("T")


@dataclass
class Failure:
    """A file that could not be checked, with the one-line reason."""

    path: str
    message: str


def check_file(path: str | Path, packs: list[Pack], max_bytes: int = DEFAULT_MAX_BYTES) -> Result:
    plan = parse(read_document(path, max_bytes=max_bytes))
    if not plan.items:
        raise ReadError(
            str(path), "no task items found: not a work plan, or a shape planlint cannot read"
        )
    matches = [m for pack in packs for m in match_plan(plan, pack)]
    return evaluate(plan, matches, [p.name for p in packs])


def each_file(paths: list[Path], work: Callable[[Path], T]) -> list[T | Failure]:
    """Run ``work`` on every file; a bad file becomes a Failure and the others still run."""
    out: list[T | Failure] = []
    for path in paths:
        try:
            out.append(work(path))
        except PlanlintError as exc:
            out.append(Failure(str(path), str(exc)))
        except Exception as exc:  # a bug must not cost the rest of the batch
            reason = f"internal error ({type(exc).__name__}: {exc}); please report it"
            out.append(Failure(str(path), f"{path}: {reason}"))
    return out


def check_files(
    paths: list[Path], packs: list[Pack], max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Result | Failure]:
    return each_file(paths, lambda path: check_file(path, packs, max_bytes))


def parse_files(paths: list[Path], max_bytes: int = DEFAULT_MAX_BYTES) -> list[Plan | Failure]:
    """What `planlint parse` shows: each file read and parsed, or its Failure."""
    return each_file(paths, lambda path: parse(read_document(path, max_bytes=max_bytes)))


_NOT_PLANS = ("readme", "changelog", "license", "contributing")


def _looks_like_plan(path: Path) -> bool:
    """Plan files by suffix, leaving out hidden files and a folder's README and the like."""
    name = path.name.lower()
    return (
        path.suffix.lower() in PLAN_SUFFIXES
        and not name.startswith((".", "~$"))
        and not name.startswith(_NOT_PLANS)
    )


def expand(paths: list[str]) -> tuple[list[Path], list[Failure]]:
    """Files as given; folders searched recursively for plan files, in a stable order."""
    files: list[Path] = []
    missing: list[Failure] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and _looks_like_plan(f))
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            missing.append(Failure(raw, f"{raw}: no such file or folder"))
    return files, missing
