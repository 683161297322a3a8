"""report/jsontext.py writes exactly what ``json.dumps(value, ensure_ascii=False, indent=2)``
writes: for real reports of the example plans and for any JSON-like value."""

from __future__ import annotations

import json
import math
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from planlint.engine import check_file
from planlint.report.json import result_dict
from planlint.report.jsontext import dumps
from planlint.rules import load_pack

EXAMPLES = Path(__file__).parent.parent / "examples"


def _standard(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def test_the_reports_of_the_example_plans_are_written_alike():
    packs = [load_pack("core")]
    for path in sorted(EXAMPLES.glob("*.txt")) + sorted(EXAMPLES.glob("*.md")):
        for lang in ("zh", "en"):
            report = result_dict(check_file(path, packs), lang)
            assert dumps(report) == _standard(report), path


_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
_KEYS = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
_VALUES = st.recursive(
    _LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(_KEYS, inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(_VALUES)
def test_any_json_like_value_is_written_alike(value):
    assert dumps(value) == _standard(value)


def test_values_json_refuses_are_refused_alike():
    circular: list = []
    circular.append(circular)
    for bad in (circular, {"a": object()}, [1, {2, 3}]):
        try:
            _standard(bad)
        except (TypeError, ValueError) as expected:
            kind = type(expected)
        else:  # pragma: no cover - the standard library accepts it: so must we
            kind = None
        if kind is None:
            assert dumps(bad) == _standard(bad)
            continue
        try:
            dumps(bad)
        except kind:
            pass
        else:  # pragma: no cover
            raise AssertionError(f"{bad!r} was written")
    assert dumps(math.inf) == "Infinity"
