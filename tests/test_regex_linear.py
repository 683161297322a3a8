"""Every regular expression planlint compiles costs time linear in its input (issue 8: no ReDoS).

A pattern that repeats something next to something that can match the same text (``\\s*`` on
both sides of an optional mark, ``\\d+`` searched from every digit of a long number) takes time
quadratic or worse on a long run of that text: a plan with one line of 100,000 spaces once took
minutes. Each module-level pattern is fed long runs of the characters it mentions and of the
usual suspects, as a whole line and inside other text, and must come back fast. The bound is
generous (a linear pattern needs milliseconds; a quadratic one needs many seconds at this length),
so the test does not flake on a slow machine.

Patterns written inline in a function were audited by hand; packs hold literal terms, never
regular expressions.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest

import planlint

RUN = 10_000
BOUND_SECONDS = 2.0
_SUSPECTS = (
    " \t\n\u3000　0123456789年月日一二三四五六七八九十、，,。；;:：|-—_/()（）[]【】.．·•*#>\"'“”"
)
_META = set("\\^$.|?*+()[]{}")


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for info in pkgutil.walk_packages(planlint.__path__, "planlint."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.append((f"{info.name}.{name}", value))
    return found


def _probes(pattern: re.Pattern[str]) -> list[str]:
    """Long runs of the usual suspects, of each sign the pattern names, and of each word it
    names (a run of 统筹统筹… for an alternation repeated with ``+``)."""
    signs = {c for c in pattern.pattern if c not in _META and not c.isalnum()}
    words = sorted(set(re.findall(r"[\u4e00-\u9fff]+", pattern.pattern)))[:40]
    probes = [c * RUN for c in sorted(set(_SUSPECTS) | signs)]
    probes += [w * (RUN // len(w)) for w in words]
    probes += ["20" * (RUN // 2), "1 " * (RUN // 2), "| ---" * (RUN // 5), "(一)" * (RUN // 3)]
    return probes


PATTERNS = _patterns()


def test_patterns_are_found():
    assert len(PATTERNS) > 30


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_pattern_is_linear_on_long_runs(name, pattern):
    for probe in _probes(pattern):
        for text in (probe, probe + "\x00", "甲" + probe + "乙\n"):
            start = time.perf_counter()
            pattern.search(text)
            pattern.match(text)
            for _ in pattern.finditer(text):
                pass
            spent = time.perf_counter() - start
            assert spent < BOUND_SECONDS, f"{name} took {spent:.1f}s on a run of {probe[:4]!r}"
