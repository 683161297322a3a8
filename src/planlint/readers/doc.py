"""Legacy binary Office files (.doc, .wps, .xls, .et) and RTF, converted by LibreOffice.

When ``soffice`` (or ``libreoffice``) is on PATH the file is converted to .docx/.xlsx in a
temporary folder (its own LibreOffice profile, a time limit, the whole process group killed on
timeout) and the result read by the .docx/.xlsx reader under the same safety limits. Without
LibreOffice the ReadError says how to convert the file by hand.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from planlint.errors import ReadError
from planlint.model import Document
from planlint.readers.limits import Limits, check_zip

_NAMES = {"doc": "legacy Word .doc file", "xls": "legacy Excel .xls file", "rtf": "RTF file"}
_SUFFIX = {"doc": (".doc", ".wps"), "xls": (".xls", ".et"), "rtf": (".rtf", ".doc")}


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy(data: bytes, path: str, kind: str, limits: Limits | None = None) -> Document:
    """Convert a legacy file with LibreOffice and read the result."""
    limits = limits or Limits()
    target = "xlsx" if kind == "xls" else "docx"
    name = Path(path).name
    suffix = Path(path).suffix.lower()
    what = _NAMES.get(kind, "legacy Office file")
    if suffix == ".wps":
        what = "WPS .wps file"
    elif suffix == ".et":
        what = "WPS .et file"
    exe = find_soffice()
    if exe is None:
        app = "Excel" if target == "xlsx" else "Word"
        raise ReadError(
            path,
            f"{what}: convert it to .{target} with {app} or "
            f"`soffice --headless --convert-to {target} {name}`",
        )
    if suffix not in _SUFFIX.get(kind, ()):
        suffix = _SUFFIX.get(kind, (".doc",))[0]
    with tempfile.TemporaryDirectory(prefix="planlint-") as tmp:
        src = Path(tmp, "input" + suffix)
        src.write_bytes(data)
        out = Path(tmp, "out")
        out.mkdir()
        cmd = [
            exe,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(src),
        ]
        stderr = _run(cmd, path, limits.convert_timeout)
        result = out / f"input.{target}"
        if not result.is_file():
            detail = f" ({stderr})" if stderr else ""
            raise ReadError(path, f"{what}: soffice could not convert it{detail}")
        converted = result.read_bytes()
    if len(converted) > limits.max_bytes:
        raise ReadError(path, f"{what}: converted file is larger than {limits.max_bytes} bytes")
    label = "converted Excel workbook" if target == "xlsx" else "converted Word document"
    check_zip(converted, path, limits, label)
    if target == "xlsx":
        from planlint.readers.xlsx import read_xlsx

        return read_xlsx(converted, path, limits, fmt=kind)
    from planlint.readers.docx import read_docx

    return read_docx(converted, path, fmt=kind)


def _run(cmd: list[str], path: str, timeout: float) -> str:
    """Run the converter in its own process group; kill the group when it takes too long."""
    try:
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        raise ReadError(path, f"cannot run soffice: {exc.strerror or exc}") from None
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            proc.kill()
        proc.communicate()
        raise ReadError(path, f"soffice took longer than {timeout:g} s to convert it") from None
    text = " ".join(err.decode("utf-8", "replace").split())
    return text[:160]
