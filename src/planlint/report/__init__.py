"""report: one module per output format. Each takes Results and Failures and returns text,
except the terminal report, which prints to a rich Console."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

FORMATS = ("terminal", "json", "github", "sarif")


def text_renderer(fmt: str) -> Callable[..., str]:
    """The render function of a machine format, imported only when asked for."""
    module = import_module(f"planlint.report.{fmt}")
    return getattr(module, f"render_{fmt}")
