"""Where a report goes: standard output, or a file written atomically (``--output``).

Kept out of cli.py so the command stays a list of options: this decides, per format, whether the
report is text for the stream's encoding, JSON with escapes, or bytes that fix their own encoding
(UTF-8 HTML, an xlsx zip), and refuses to spill a binary file onto a terminal. A batch's report
is written as its plans arrive (:func:`report_stream`, report/stream.py): standard output gets
each plan's part at once; ``--output`` is a temporary file renamed into place at the end.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, BinaryIO, TextIO

from planlint.messages import doc_text
from planlint.output import OutputClosed, atomic_file, json_for_encoding
from planlint.report import BINARY_FORMATS, BYTES_FORMATS, JSON_FORMATS, writer_class

if TYPE_CHECKING:
    from planlint.checks import Result
    from planlint.engine import Failure
    from planlint.report.stream import Writer


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

    A file is always UTF-8, whatever the console's encoding. Raises ReportNotWritten when the
    file cannot be written; the old file, if any, is then left as it was.
    """
    with report_stream(fmt, lang, output, explain) as report:
        for outcome in outcomes:
            report.add(outcome)


class ReportNotWritten(Exception):
    """The report could not be written (the file or the stream refused it); the OSError is
    the ``__cause__``. Distinct from an OSError the rest of the run may raise, so only the
    report's own failure is said as "cannot write"."""


class ReportStream:
    """A report being written: :meth:`add` each outcome as it arrives (the report's part for
    it is written and flushed at once where the format allows, report/stream.py); the
    closing part is written when the ``with`` block of :func:`report_stream` ends."""

    def __init__(self, writer: Writer, sink: _Sink) -> None:
        self.writer = writer
        self.sink = sink

    def add(self, outcome: Result | Failure) -> None:
        self.writer.add(outcome)
        self.sink.flush()

    def _finish(self) -> None:
        self.writer.finish()
        self.sink.close()


@contextlib.contextmanager
def report_stream(
    fmt: str,
    lang: str,
    output: str | None = None,
    explain: bool = False,
    around: Callable[[], AbstractContextManager[object]] = nullcontext,
) -> Iterator[ReportStream]:
    """The report in ``fmt`` written as outcomes are added, to ``output`` or stdout, and
    finished when the block ends. ``--output`` is written to a temporary file renamed into
    place at the end (an exception in the block leaves the old file as it was); standard
    output gets each plan's part as it comes. ``around`` wraps every write to standard
    output (a progress bar put away meanwhile, progress.hidden). ReportNotWritten when the
    report cannot be written."""
    if output is not None:
        with _output_file(output) as file:
            sink = _FileSink(file, final_newline=fmt not in BYTES_FORMATS)
            report = ReportStream(_writer(fmt, lang, explain, sink, nullcontext), sink)
            yield report
            report._finish()
        return
    sink = _StdoutSink(fmt, around)
    report = ReportStream(_writer(fmt, lang, explain, sink, around), sink)
    yield report
    report._finish()


@contextlib.contextmanager
def _output_file(output: str) -> Iterator[BinaryIO]:
    """``atomic_file(output)``, its own OSErrors (creating, committing) as ReportNotWritten;
    what the block raises passes through (and the old file stays)."""
    files = atomic_file(output)
    try:
        file = files.__enter__()
    except OSError as exc:
        raise ReportNotWritten from exc
    try:
        yield file
    except BaseException:
        if not files.__exit__(*sys.exc_info()):
            raise
        return
    try:
        files.__exit__(None, None, None)
    except OSError as exc:
        raise ReportNotWritten from exc


def _writer(
    fmt: str,
    lang: str,
    explain: bool,
    sink: _Sink,
    around: Callable[[], AbstractContextManager[object]],
) -> Writer:
    if fmt == "terminal":
        from planlint.report.console import make_console
        from planlint.report.terminal import TerminalWriter

        # failures are rows too
        return TerminalWriter(make_console(sink.text_stream()), lang, explain, around)
    make = writer_class(fmt)
    # the text report is the terminal's twin, so it shows --explain as the terminal does
    return make(sink.write, lang, explain=explain) if fmt == "text" else make(sink.write, lang)


class _Sink:
    """Where a report's pieces go: text (encoded here) or bytes (xlsx)."""

    def write(self, piece: str | bytes) -> None:
        raise NotImplementedError

    def text_stream(self) -> TextIO:
        """A text stream for the terminal report's console."""
        raise NotImplementedError

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass


class _FileSink(_Sink):
    """An ``--output`` file: UTF-8, and for text a final newline, as ``write_atomic`` writes.
    The terminal report's trailing blank lines are dropped (its last line ends the file)."""

    def __init__(self, file: BinaryIO, final_newline: bool) -> None:
        self.file = file
        self.final_newline = final_newline
        self.trimmed: _Trimmed | None = None

    def write(self, piece: str | bytes) -> None:
        try:
            self.file.write(piece if isinstance(piece, bytes) else piece.encode("utf-8"))
        except OSError as exc:
            raise ReportNotWritten from exc

    def text_stream(self) -> TextIO:
        self.trimmed = _Trimmed(self.write)
        return self.trimmed  # type: ignore[return-value]

    def close(self) -> None:
        if self.final_newline:
            self.write("\n")


class _Trimmed(io.TextIOBase):
    """A text stream that holds back trailing line breaks: what is written, right-stripped
    of newlines once the stream ends (the terminal report written to a file)."""

    def __init__(self, out: Callable[[str], None]) -> None:
        super().__init__()
        self.out = out
        self.pending = ""

    def write(self, text: str) -> int:
        body = text.rstrip("\n")
        if body:
            self.out(self.pending + body)
            self.pending = text[len(body) :]
        else:
            self.pending += text
        return len(text)


class _StdoutSink(_Sink):
    """Standard output: text in the stream's encoding (JSON formats with escapes for what it
    cannot hold, output.json_for_encoding), bytes as they are, a closed pipe OutputClosed.
    A plan's pieces are gathered and written at :meth:`flush` (after each plan, and whenever
    ``_HELD`` characters are waiting), so a progress bar steps aside once a plan, not once a
    line."""

    _HELD = 1 << 16

    def __init__(self, fmt: str, around: Callable[[], AbstractContextManager[object]]) -> None:
        # the real stream: while a progress bar is drawn, rich stands a proxy in for it that
        # would send the report to the bar's console (standard error)
        self.stream = getattr(sys.stdout, "rich_proxied_file", sys.stdout)
        self.json = fmt in JSON_FORMATS
        self.binary = fmt in BYTES_FORMATS
        self.text = fmt not in BYTES_FORMATS and fmt != "terminal"
        self.around = around
        self.held: list[str | bytes] = []
        self.size = 0
        if self.binary:
            self.stream.flush()

    def write(self, piece: str | bytes) -> None:
        self.held.append(piece)
        self.size += len(piece)
        if self.size >= self._HELD:
            self.flush()

    def text_stream(self) -> TextIO:
        return self.stream

    def flush(self) -> None:
        held, self.held, self.size = self.held, [], 0
        if not held:
            return
        try:
            with self.around():
                if self.binary:
                    for piece in held:
                        data = piece if isinstance(piece, bytes) else piece.encode("utf-8")
                        self.stream.buffer.write(data)
                    self.stream.buffer.flush()
                    return
                text = "".join(str(piece) for piece in held)
                if self.json:
                    encoding = getattr(self.stream, "encoding", None) or "utf-8"
                    text = json_for_encoding(text, encoding)
                self.stream.write(text)
                self.stream.flush()
        except BrokenPipeError as exc:
            raise OutputClosed from exc
        except OSError as exc:
            raise ReportNotWritten from exc

    def close(self) -> None:
        if self.text:
            self.write("\n")
        self.flush()
