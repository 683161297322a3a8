"""GitHub Actions workflow commands: each finding becomes an annotation on the plan file."""

from __future__ import annotations

from planlint.checks import Result
from planlint.engine import Failure

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _escape(text).replace(":", "%3A").replace(",", "%2C")


def render_github(outcomes: list[Result | Failure], lang: str = "zh") -> str:
    lines: list[str] = []
    for o in outcomes:
        if isinstance(o, Failure):
            lines.append(f"::error file={_prop(o.path)},title=planlint::{_escape(o.message)}")
            continue
        for f in o.findings:
            where = f",line={f.line}" if f.line else ""
            title = _prop(f"planlint {f.rule}")
            lines.append(
                f"::{_LEVEL[f.severity]} file={_prop(o.plan.path)}{where},title={title}"
                f"::{_escape(f.message_in(lang))}"
            )
    return "\n".join(lines)
