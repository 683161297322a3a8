"""Path globs for the configuration's include/exclude lists and the waivers' plan patterns.

One meaning everywhere, as in .gitignore: a glob with no ``/`` matches a name anywhere
(``草稿*`` matches every file or folder whose name starts with 草稿); a glob with a ``/`` is a
path relative to the folder of the file that holds it (a config file's, a waiver file's; the
working directory for a command-line flag), where ``*`` and ``?`` stay within one folder name
and ``**`` spans any number of folders (``plans/**/*.docx``). A glob that matches a folder
matches everything under it. ``fnmatch`` alone lets ``*`` cross ``/`` and knows no anchoring,
and ``PurePath.match`` anchors from the right; hence this small module.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Glob:
    """One pattern and the folder its relative form is anchored at (absolute, as a string)."""

    pattern: str
    base: str

    def matches(self, path: str | Path) -> bool:
        """Whether ``path`` (relative to the working directory, or absolute), or a folder it
        lies in below this glob's base, is matched. Folders above the base never count: a
        name glob ``build`` must not match every file of a project kept in ``~/build/``."""
        parts = _absolute_parts(path)
        pattern = self.pattern.rstrip("/")
        if "/" not in pattern:
            base = _absolute_parts(self.base)
            inside = parts[: len(base)] == base and len(parts) > len(base)
            regex = _compile("", pattern)
            return any(regex.fullmatch(p) for p in (parts[len(base) :] if inside else parts[-1:]))
        # anchored: the base joined with the glob (``../plans/*.md`` leaves the base), then
        # its literal folders compared as text and the rest as a glob
        full = os.path.normpath(os.path.join(self.base, pattern)).replace(os.sep, "/")
        segments = [p for p in full.split("/") if p]
        fixed = next((n for n, seg in enumerate(segments) if "*" in seg or "?" in seg), None)
        literal = segments if fixed is None else segments[:fixed]
        rest = "/".join(segments[len(literal) :])
        regex = _compile("/".join(literal) + ("/" if rest else ""), rest)
        return any(
            regex.fullmatch("/".join(parts[:n])) for n in range(len(literal), len(parts) + 1)
        )


@dataclass(frozen=True)
class Search:
    """Which files a folder search takes: none excluded (an excluded folder is not entered),
    and, when there are include globs, only files one of them matches. Files named on the
    command line are always taken."""

    include: tuple[Glob, ...] = ()
    exclude: tuple[Glob, ...] = ()

    def enters(self, folder: Path) -> bool:
        return not any_match(self.exclude, folder)

    def takes(self, file: Path) -> bool:
        if any_match(self.exclude, file):
            return False
        return not self.include or any_match(self.include, file)


def any_match(globs: tuple[Glob, ...], path: str | Path) -> bool:
    return any(g.matches(path) for g in globs)


def globs(patterns: list[str] | tuple[str, ...], base: str | Path) -> tuple[Glob, ...]:
    """``patterns`` anchored at ``base`` (made absolute, not resolved: links stay as named)."""
    root = os.path.abspath(base)
    return tuple(Glob(p, root) for p in patterns if p.strip())


def _absolute_parts(path: str | Path) -> list[str]:
    absolute = os.path.normpath(os.path.abspath(path)).replace(os.sep, "/")
    return [p for p in absolute.split("/") if p]


@lru_cache(maxsize=256)
def _compile(prefix: str, pattern: str) -> re.Pattern[str]:
    """``prefix`` (a folder, literal) then the glob, as a regular expression over
    ``/``-separated paths; nothing of the user's text reaches ``re`` unescaped."""
    out: list[str] = [re.escape(prefix)]
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))
