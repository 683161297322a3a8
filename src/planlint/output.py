"""Writing to the user's streams safely, whatever the plan holds and whatever the terminal is.

Plans are untrusted text and file names are untrusted too: printing them must never fail and
never be read as something else. So plan text is never rich markup (the console has markup,
emoji codes and highlighting off, and reports pass ``Text`` objects); a character the stream's
encoding cannot hold (an emoji on a GBK console, anything on an ASCII pipe) is replaced in text
and escaped in JSON, where ``\\uXXXX`` keeps the document valid and lossless; and an error line
is one short line, its control characters escaped, so a file name cannot forge another line.
The rich side of this (a console that prints literally) is ``report/console.py``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

ERROR_LINE_MAX = 300
"""Longest message an error line carries; longer ones (a pack error quoting a huge value, a
path thousands of characters long) are cut with an ellipsis."""

# C0 and C1 controls (newline, carriage return, escape, NEL), the Unicode line and paragraph
# separators, bidirectional overrides (which can make a name read backwards) and lone
# surrogates (undecodable bytes of a file name), which no strict encoder writes
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


class OutputClosed(Exception):
    """The reader of our output went away (``planlint check … | head -1``).

    Deliberately not an ``OSError``: click turns a broken pipe into exit 1, which CI reads as
    "findings"; this passes through click to the guard, which exits 141 without a word.
    """


def setup_streams(stdout: TextIO, stderr: TextIO) -> None:
    """Make unencodable characters harmless on the real streams, once, at CLI start.

    Reports replace them (``?`` keeps a table's columns nearly aligned, where an escape would
    break them); standard error escapes them, since a message there is short and the code point
    helps. Streams that cannot be reconfigured (a test harness's) are left as they are.
    """
    for stream, errors in ((stdout, "replace"), (stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            reconfigure(errors=errors)
        except (OSError, ValueError):  # closed or detached: nothing will be written there
            continue


def printable(text: str) -> str:
    """``text`` with every control, line-breaking, bidi-override and surrogate character
    written as a visible escape (``\\n``, ``\\x1b``, ``\\u202e``), so it stays on its line."""
    return _UNSAFE.sub(_escape_char, text)


def one_line(message: str, limit: int = ERROR_LINE_MAX) -> str:
    """``message`` as one short line: escaped by :func:`printable`, cut at ``limit``."""
    line = printable(message)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def write_error(message: str, level: str = "error", stream: TextIO | None = None) -> None:
    """One ``planlint: error: …`` (or ``warning``) line on standard error (or ``stream``)."""
    out = stream if stream is not None else sys.stderr
    try:
        out.write(f"planlint: {level}: {one_line(message)}\n")
    except BrokenPipeError as exc:
        raise OutputClosed from exc


def write_document(text: str, json_syntax: bool, stream: TextIO | None = None) -> None:
    """A machine-format document on standard output (or ``stream``), followed by a newline.

    JSON (and SARIF) has characters the stream cannot encode escaped as JSON escapes, so the
    document is still valid and loses nothing; other text is left to the stream's ``replace``.
    """
    out = stream if stream is not None else sys.stdout
    if json_syntax:
        text = json_for_encoding(text, getattr(out, "encoding", None) or "utf-8")
    try:
        out.write(text + "\n")
    except BrokenPipeError as exc:
        raise OutputClosed from exc


def json_for_encoding(text: str, encoding: str) -> str:
    """Serialized JSON with each character ``encoding`` cannot hold written as ``\\uXXXX``.

    Outside strings JSON is ASCII, so every non-ASCII character is inside a string, where an
    escape means the same character: the result parses to the same value. Characters the
    encoding can hold stay as they are, so Chinese remains readable in GBK.
    """
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        pass
    except LookupError:  # an encoding Python does not know: ASCII is safe everywhere
        encoding = "ascii"

    def escape_run(match: re.Match[str]) -> str:
        run = match.group()
        try:
            run.encode(encoding)
            return run
        except UnicodeEncodeError:
            return "".join(ch if _encodable(ch, encoding) else _json_escape(ch) for ch in run)

    return _NON_ASCII.sub(escape_run, text)


def _encodable(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _json_escape(ch: str) -> str:
    """The JSON escape of one character (a surrogate pair beyond the BMP)."""
    return json.dumps(ch, ensure_ascii=True)[1:-1]


def _escape_char(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write a report to ``path`` so that it is either the old file or the whole new one.

    A report is often written over last week's, or read by another program while planlint runs;
    a half-written file must never be seen. So the data goes to a temporary file in the same
    folder (the same file system, so the rename is atomic), is flushed to disk, and is renamed
    into place with ``os.replace``; on any failure the temporary file is removed and the old
    file is left as it was. Text is written as UTF-8 with a final newline, as on standard
    output. The new file gets the permissions a plain ``open`` would give it (mkstemp's are
    owner-only), or the old file's when it replaces one.
    """
    payload = data if isinstance(data, bytes) else (data + "\n").encode("utf-8")
    with atomic_file(path) as out:
        out.write(payload)


@contextlib.contextmanager
def atomic_file(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file that replaces ``path`` atomically when the block ends normally, as
    :func:`write_atomic` does, for a report written piece by piece (a batch streamed plan by
    plan); on any exception the temporary file is removed and the old file left as it was.

    A target that exists and is not a regular file or folder (``/dev/null``, ``/dev/stdout``,
    a FIFO) is written to as it is: renaming a file over it would replace the device (for
    root, ``/dev/null`` itself) instead of writing to it."""
    target = Path(path)
    try:
        mode = target.stat().st_mode
    except OSError:
        mode = None
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        with open(target, "wb", buffering=0) as stream:  # each write's error at the write
            yield stream
        return
    fd, temp = tempfile.mkstemp(prefix=f".{target.name[:60]}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, _mode_for(target))
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _mode_for(target: Path) -> int:
    """The old file's permission bits, or 0o666 less the umask for a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_binary(data: bytes, stream: BinaryIO | None = None) -> None:
    """A document that fixes its own encoding (xlsx, UTF-8 HTML) on standard output, as is."""
    out = stream if stream is not None else sys.stdout.buffer
    try:
        out.write(data)
        out.flush()
    except BrokenPipeError as exc:
        raise OutputClosed from exc
