"""Read a file only if it is a regular file, and only up to a size cap.

A path given to planlint, or found in its cache, may name a FIFO (reading blocks until a writer
comes, forever), a character device such as /dev/zero (reading never ends) or a directory. Such a
path is refused before a byte is read: it is opened without blocking (``O_NONBLOCK``; on a FIFO
the open itself would otherwise wait), checked with ``fstat`` on the open descriptor (so a file
swapped between a check and the open is still caught) and read to at most ``max_bytes + 1`` bytes
(so a file that grows while being read is still bounded).
"""

from __future__ import annotations

import os
import stat


class NotRegularFile(OSError):
    """The path is a FIFO, device, socket, directory or (when not followed) a symbolic link.

    ``kind`` says which, as a code of the error catalogue (``messages._KINDS``)."""

    def __init__(self, mode: int) -> None:
        self.kind = kind_code(mode)
        super().__init__(f"{kind(mode)}, not a regular file")


class FileTooLarge(OSError):
    """The file is larger than the caller accepts."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size:,} bytes; the limit is {limit:,}")
        self.size = size
        self.limit = limit


_KINDS = (
    (stat.S_ISDIR, "a folder", "folder"),
    (stat.S_ISFIFO, "a FIFO", "fifo"),
    (stat.S_ISCHR, "a character device", "char-device"),
    (stat.S_ISBLK, "a block device", "block-device"),
    (stat.S_ISSOCK, "a socket", "socket"),
    (stat.S_ISLNK, "a symbolic link", "symlink"),
)


def kind(mode: int) -> str:
    """What a non-regular file is, in English words (a log, a developer's message)."""
    return next((name for test, name, _ in _KINDS if test(mode)), "not a regular file")


def kind_code(mode: int) -> str:
    """What a non-regular file is, as a code the error catalogue says in the run's language."""
    return next((code for test, _, code in _KINDS if test(mode)), "irregular")


def read_regular(path: str | os.PathLike[str], max_bytes: int, *, follow: bool = True) -> bytes:
    """The bytes of ``path``, or NotRegularFile / FileTooLarge / another OSError.

    ``follow=False`` refuses a symbolic link itself (``O_NOFOLLOW`` where the system has it, and
    an ``lstat`` first everywhere), for places such as a cache where a link is never legitimate.
    """
    if not follow:
        mode = os.lstat(path).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(mode)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(info.st_mode)
        if info.st_size > max_bytes:
            raise FileTooLarge(info.st_size, max_bytes)
        chunks: list[bytes] = []
        remaining = max_bytes + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > max_bytes:
            raise FileTooLarge(len(data), max_bytes)
        return data
    finally:
        os.close(fd)
