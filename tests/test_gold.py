"""The labelled real plans in ../shared (skipped where they are absent)."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import SHARED


def test_goldscore_meets_the_bar(shared_corpus):
    tool = SHARED / "tools" / "goldscore"
    if not tool.exists():
        import pytest

        pytest.skip("goldscore is not here")
    out = subprocess.run(
        [sys.executable, str(tool), "--cmd", f"{sys.executable} -m planlint"],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    ).stdout
    summary = out.strip().splitlines()[-1]
    m = re.search(
        r"rules (\d+)/(\d+).*false-miss (\d+) items \d+/\d+ \(([\d.]+)%\) "
        r"units \d+/\d+ \(([\d.]+)%\) deadlines \d+/\d+ \(([\d.]+)%\) failed (\d+)",
        summary,
    )
    assert m, summary
    ok, total, false_miss, items, units, deadlines, failed = m.groups()
    assert int(failed) == 0, out
    assert int(false_miss) == 0, out
    assert int(ok) >= int(total) - 2, out
    assert float(items) >= 95.0, out
    assert float(units) >= 90.0, out
    assert float(deadlines) >= 90.0, out
