"""Where a finished report goes: standard output, or a file written atomically (``--output``).

Kept out of cli.py so the command stays a list of options: this decides, per format, whether the
report is text for the stream's encoding, JSON with escapes, or bytes that fix their own encoding
(UTF-8 HTML, an xlsx zip), and refuses to spill a binary file onto a terminal.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from planlint.messages import doc_text
from planlint.output import write_atomic, write_binary, write_document
from planlint.report import BINARY_FORMATS, JSON_FORMATS, document_renderer

if TYPE_CHECKING:
    from planlint.checks import Result
    from planlint.engine import Failure


def binary_refusal(
    fmt: str, output: str | None, lang: str = "zh", stream: TextIO | None = None
) -> str | None:
    """The one-line reason not to run, when a binary format would go to a terminal; else None.

    Asked before the plans are read, so a batch is not checked only to be refused. A pipe or a
    redirected file takes the bytes (``planlint check plans/ -f xlsx > out.xlsx``).
    """
    if fmt not in BINARY_FORMATS or output is not None:
        return None
    out = stream if stream is not None else sys.stdout
    try:
        on_terminal = out.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream: not a terminal
        on_terminal = False
    return doc_text("binary-to-terminal", lang, format=fmt) if on_terminal else None


def deliver(
    outcomes: Sequence[Result | Failure],
    fmt: str,
    lang: str,
    output: str | None = None,
    explain: bool = False,
) -> None:
    """Render ``outcomes`` in ``fmt`` and write them to ``output`` (atomically) or stdout.

    A file is always UTF-8, whatever the console's encoding. Raises OSError when the file
    cannot be written; the old file, if any, is then left as it was.
    """
    if fmt == "terminal":
        if output is None:
            _terminal(outcomes, lang, explain, None)
            return
        buffer = io.StringIO()
        _terminal(outcomes, lang, explain, buffer)
        write_atomic(output, buffer.getvalue().rstrip("\n"))
        return
    renderer = document_renderer(fmt)
    # the text report is the terminal's twin, so it shows --explain as the terminal does
    data = renderer(outcomes, lang, explain=explain) if fmt == "text" else renderer(outcomes, lang)
    if output is not None:
        write_atomic(output, data)
    elif isinstance(data, bytes):
        write_binary(data)
    else:
        write_document(data, json_syntax=fmt in JSON_FORMATS)


def _terminal(
    outcomes: Sequence[Result | Failure], lang: str, explain: bool, file: TextIO | None
) -> None:
    from planlint.report.console import make_console
    from planlint.report.terminal import render_terminal

    render_terminal(list(outcomes), make_console(file), lang, explain)  # failures are rows too
