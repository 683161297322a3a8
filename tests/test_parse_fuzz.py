"""Whatever a text file holds, parsing and checking it ends in a Plan or a PlanlintError."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planlint.checks import evaluate
from planlint.errors import PlanlintError
from planlint.match import match_plan
from planlint.parse import parse
from planlint.readers.text import read_text
from planlint.rules import load_pack

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.*"))
NOISE = ["", "|", "||", "\t", "\t责任单位", "| a | b |", "|---|---|", "1 |", "一、", "（一）", "——"]


@st.composite
def mangled_plans(draw) -> bytes:
    lines = draw(st.sampled_from(EXAMPLES)).read_bytes().decode("utf-8", "replace").split("\n")
    how = draw(st.sampled_from(["shuffle", "cut", "noise"]))
    if how == "shuffle":
        lines = draw(st.permutations(lines))
    elif how == "cut":
        k = draw(st.integers(0, len(lines)))
        lines = lines[:k] if draw(st.booleans()) else lines[k:]
    else:
        for _ in range(draw(st.integers(1, 15))):
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = draw(st.sampled_from([*NOISE, lines[draw(st.integers(0, len(lines) - 1))]]))
    return "\n".join(lines).encode("utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled_plans())
def test_mangled_plans_never_crash(data):
    pack = load_pack("core")
    try:
        plan = parse(read_text(data, "mangled.txt"))
        evaluate(plan, match_plan(plan, pack), [pack.name])
    except PlanlintError:
        pass
