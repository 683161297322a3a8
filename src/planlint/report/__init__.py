"""report: one module per output format. Each takes Results and Failures and returns text,
except the terminal report, which prints to a rich Console."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

FORMATS = ("terminal", "json", "github", "sarif", "html", "xlsx")
# the terminal report's plain, full-width twin for files and pipes (issue 9)
FORMATS += ("text",)
# CI formats (issue 10): JUnit XML, GitLab Code Quality, a PR/MR comment, one line a finding
FORMATS += ("junit", "gitlab", "markdown", "concise")
# written with JSON escapes for what the stream cannot encode
JSON_FORMATS = ("json", "sarif", "gitlab")
# Renderers of these return bytes that fix their own encoding (UTF-8 HTML, a zip): written as is.
BYTES_FORMATS = frozenset({"html", "xlsx"})
# Not text at all: written to a file (--output) or a pipe, never to a terminal.
BINARY_FORMATS = frozenset({"xlsx"})


def text_renderer(fmt: str) -> Callable[..., str]:
    """The render function of a machine format, imported only when asked for."""
    module = import_module(f"planlint.report.{fmt}")
    return getattr(module, f"render_{fmt}")


def document_renderer(fmt: str) -> Callable[..., str | bytes]:
    """The render function of any format but the terminal's: text, or bytes for BYTES_FORMATS."""
    return text_renderer(fmt)


def writer_class(fmt: str) -> Callable[..., Any]:
    """The streaming writer of any format but the terminal's (report/stream.py): made with
    ``(out, lang)`` (and ``explain`` for text), fed each outcome with ``add``, then
    ``finish``. ``out`` takes text, or bytes for xlsx."""
    module = import_module(f"planlint.report.{fmt}")
    return getattr(module, f"{fmt.capitalize()}Writer")
