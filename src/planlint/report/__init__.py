"""report: one module per output format. Each takes Results and Failures and writes text."""

from __future__ import annotations

FORMATS = ("terminal", "json")
