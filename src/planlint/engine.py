"""The linter core: read -> parse -> match -> check, one plan at a time."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from planlint.checks import Result, evaluate
from planlint.errors import PlanlintError, ReadError
from planlint.match import match_plan
from planlint.model import Plan
from planlint.parse import parse
from planlint.readers import DEFAULT_MAX_BYTES, PLAN_SUFFIXES, read_document
from planlint.rules import Pack


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


def check_files(
    paths: list[Path], packs: list[Pack], max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Result | Failure]:
    """Check every file; a bad file becomes a Failure and the others are still checked."""
    out: list[Result | Failure] = []
    for path in paths:
        try:
            out.append(check_file(path, packs, max_bytes))
        except PlanlintError as exc:
            out.append(Failure(str(path), str(exc)))
        except Exception as exc:  # a bug must not cost the rest of the batch
            out.append(
                Failure(
                    str(path),
                    f"{path}: internal error ({type(exc).__name__}: {exc}); please report it",
                )
            )
    return out


_NOT_PLANS = ("readme", "changelog", "license", "contributing")


def _looks_like_plan(path: Path) -> bool:
    """Plan files by suffix, leaving out hidden files and a folder's README and the like."""
    name = path.name.lower()
    return (
        path.suffix.lower() in PLAN_SUFFIXES
        and not name.startswith((".", "~$"))
        and not name.startswith(_NOT_PLANS)
    )


def parse_files(
    paths: list[Path], max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[Plan], list[Failure]]:
    """Read and parse every file (what `planlint parse` shows); bad files become Failures."""
    plans: list[Plan] = []
    failures: list[Failure] = []
    for path in paths:
        try:
            plans.append(parse(read_document(path, max_bytes=max_bytes)))
        except PlanlintError as exc:
            failures.append(Failure(str(path), str(exc)))
        except Exception as exc:  # a bug must not cost the rest of the batch
            failures.append(
                Failure(
                    str(path),
                    f"{path}: internal error ({type(exc).__name__}: {exc}); please report it",
                )
            )
    return plans, failures


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
