"""Legacy binary Office files (.doc, .wps, .xls, .et) and RTF, converted by LibreOffice.

When ``soffice`` (or ``libreoffice``) is on PATH the file is converted to .docx/.xlsx and the
result read by the .docx/.xlsx reader under the same safety limits. Without LibreOffice the
ReadError says how to convert the file by hand.

Each conversion is bounded and private:

- its own temporary folder holds the input copy, the output, LibreOffice's profile and its
  temporary files (TMPDIR), so two planlint processes converting at once never share a
  profile (LibreOffice would hand the second conversion to the first instance) and a killed
  conversion leaves nothing behind;
- the import filter is named (``--infilter``): left to guess, LibreOffice imports a damaged
  .doc/.xls as plain text and "converts" its binary garbage into cells and paragraphs;
- a time limit, after which the whole process group (oosplash and soffice.bin) is killed;
- on POSIX, no file LibreOffice writes may grow past the inflated-size limit (RLIMIT_FSIZE),
  and the converted file must fit the file-size limit before it is read;
- a conversion with no text at all is an error, not an empty plan.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import struct
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from planlint.errors import ReadError
from planlint.model import CellStream, Document, Paragraph, Table
from planlint.readers.limits import Limits, check_zip

# what the file is called in messages: codes the error catalogue says (messages._KINDS)
_NAMES = {"doc": "legacy-doc", "xls": "legacy-xls", "rtf": "rtf"}
_SUFFIX = {"doc": (".doc", ".wps"), "xls": (".xls", ".et"), "rtf": (".rtf", ".doc")}
_WPS = {".wps": "wps", ".et": "et"}

# LibreOffice import filters. "MS Excel 97" reads every BIFF version (the Excel importer
# detects it from the stream); Word's importer checks the FIB version against the filter, so
# Word 6.0/95 files need the Word 6 filter (see ``_word_filter``).
_EXCEL = "MS Excel 97"
_WORD97 = "MS Word 97"
_WORD6 = "MS WinWord 6.0"
_RTF = "Rich Text Format"

_STDERR_BYTES = 4096  # of soffice's diagnostics kept for the error message


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy(data: bytes, path: str, kind: str, limits: Limits | None = None) -> Document:
    """Convert a legacy file with LibreOffice and read the result."""
    limits = limits or Limits()
    target = "xlsx" if kind == "xls" else "docx"
    what = _what(path, kind)
    exe = find_soffice()
    if exe is None:
        app = "Excel" if target == "xlsx" else "Word"
        raise ReadError(path, "no-soffice", what=what, target=target, app=app, name=Path(path).name)
    converted = _convert(exe, data, path, kind, target, what, limits)
    document = _read_converted(converted, path, kind, target, limits)
    if not _has_text(document):
        raise ReadError(path, "convert-no-text", what=what)
    return document


def _what(path: str, kind: str) -> str:
    """What the file is, for messages: WPS files are named as such, their users know them so."""
    return _WPS.get(Path(path).suffix.lower()) or _NAMES.get(kind, "legacy-office")


def import_filter(data: bytes, kind: str) -> str:
    """The LibreOffice import filter for what ``sniff`` found (``kind``)."""
    if kind == "xls":
        return _EXCEL
    if kind == "rtf":
        return _RTF
    return _word_filter(data)


def _word_filter(data: bytes) -> str:
    """Word 6.0/95 or Word 97+, from the File Information Block that starts the WordDocument
    stream at a sector boundary: magic 0xA5EC (0xA5DC in Word 6/95), then nFib, 0x65-0x69 for
    Word 6/95. A Word 97 FIB anywhere wins (a Word 6 document may be embedded in a newer one);
    with no FIB found the Word 97 filter is used, and it refuses what it cannot read."""
    word6 = False
    for at in range(512, len(data) - 3, 512):
        ident, nfib = struct.unpack_from("<HH", data, at)
        if ident not in (0xA5DC, 0xA5EC):
            continue
        if nfib >= 0x6A:
            return _WORD97
        word6 = word6 or nfib >= 0x65
    return _WORD6 if word6 else _WORD97


def _convert(
    exe: str, data: bytes, path: str, kind: str, target: str, what: str, limits: Limits
) -> bytes:
    """The converted .docx/.xlsx bytes, or a one-line ReadError saying why there are none."""
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIX.get(kind, ()):
        suffix = _SUFFIX.get(kind, (".doc",))[0]
    # ignore_cleanup_errors: an unkillable straggler must not turn into a traceback
    with tempfile.TemporaryDirectory(prefix="planlint-soffice-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        src = work / ("input" + suffix)
        src.write_bytes(data)
        out = work / "out"
        out.mkdir()
        (work / "tmp").mkdir()
        cmd = [
            exe,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            f"--infilter={import_filter(data, kind)}",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(src),
        ]
        code, stderr = _run(cmd, work, path, what, limits)
        result = out / f"input.{target}"
        if not result.is_file():
            raise ReadError(path, "convert-failed", what=what, reason=_reason(stderr, code))
        size = result.stat().st_size
        if size > limits.max_bytes:
            raise ReadError(
                path,
                "converted-too-large",
                what=what,
                target=target,
                size=size,
                limit=limits.max_bytes,
            )
        return result.read_bytes()


def _read_converted(
    converted: bytes, path: str, kind: str, target: str, limits: Limits
) -> Document:
    """Read LibreOffice's output with the .docx/.xlsx reader, after the same zip checks."""
    label = "converted-xlsx" if target == "xlsx" else "converted-docx"
    check_zip(converted, path, limits, label)
    if target == "xlsx":
        from planlint.readers.xlsx import read_xlsx

        return read_xlsx(converted, path, limits, fmt=kind)
    from planlint.readers.docx import read_docx

    return read_docx(converted, path, fmt=kind, limits=limits)


def _has_text(document: Document) -> bool:
    """Whether any paragraph or cell holds text: an empty conversion is LibreOffice having
    read nothing it understood, and reporting it as a plan with no items would mislead."""
    for block in document.blocks:
        if isinstance(block, Paragraph):
            texts: Iterable[str] = [block.text]
        elif isinstance(block, Table):
            texts = (cell.text for row in block.rows for cell in row)
        elif isinstance(block, CellStream):
            texts = (cell.text for cell in block.cells)
        else:  # a kind of block this check does not know: do not refuse the file for it
            return True
        if any(text.strip() for text in texts):
            return True
    return False


def _run(cmd: list[str], work: Path, path: str, what: str, limits: Limits) -> tuple[int, str]:
    """Run the converter in its own process group, in ``work``; its exit code and diagnostics.

    Diagnostics go to a file, not a pipe: a pipe held open by a stray child could block the
    read past the time limit. The whole group is killed when the time is up, and also when
    planlint itself is interrupted (the new session does not get the terminal's Ctrl-C).
    """
    env = {**os.environ, "TMPDIR": str(work / "tmp")}
    err_path = work / "stderr.txt"
    with open(err_path, "wb") as err:
        try:
            proc = subprocess.Popen(
                cmd,
                cwd=work,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=err,
                start_new_session=True,
                preexec_fn=_child_limits(limits.max_unzipped),
            )
        except (OSError, subprocess.SubprocessError) as exc:
            reason = getattr(exc, "strerror", None) or exc
            raise ReadError(path, "soffice-failed", what=what, reason=reason) from None
        try:
            code = proc.wait(timeout=limits.convert_timeout)
        except subprocess.TimeoutExpired:
            raise ReadError(
                path, "convert-timeout", what=what, seconds=f"{limits.convert_timeout:g}"
            ) from None
        finally:
            _kill_group(proc)
    with open(err_path, "rb") as err:
        return code, err.read(_STDERR_BYTES).decode("utf-8", "replace")


def _kill_group(proc: subprocess.Popen) -> None:
    """Kill the converter's process group if its leader has not been reaped (so the group id
    is still ours), then reap it."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        proc.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):  # unkillable (D state): don't hang
        proc.wait(timeout=10)


def _child_limits(max_file: int) -> Callable[[], None] | None:
    """A preexec function capping the size of any file the converter writes (and core dumps,
    which a crash would leave in the work folder) and lifting the worker's memory cap, or None
    where ``resource`` is missing."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    cap = max_file if hard == resource.RLIM_INFINITY else min(max_file, hard)

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (cap, cap))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        # the worker's address-space cap (workers.py) is for planlint's own readers; LibreOffice
        # maps far more, and has its own time limit and process group
        _, as_hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (as_hard, as_hard))

    return apply


def _reason(stderr: str, code: int) -> str:
    """Why soffice made no output, in a few words: its ``Error:`` line (without the internal
    details in parentheses), else how it ended. Warnings (javaldx …) are noise here."""
    for line in stderr.splitlines():
        if line.startswith("Error:"):
            text = line.removeprefix("Error:").strip().split(" (", 1)[0]
            text = " ".join(text.split()).rstrip(".")
            if text:
                return text if len(text) <= 120 else text[:119] + "…"
    if code < 0:
        return f"soffice was killed by signal {-code}"
    if code:
        return f"soffice exited with code {code}"
    return "soffice wrote no output file"
