"""Reading files without surprises: only regular files, never more than a bound."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def read_bounded(path: Path | str, limit: int) -> bytes:
    """At most ``limit`` bytes of a regular file. Anything else (a FIFO, a device, a socket) raises
    ``NotRegular`` before a byte is read: a FIFO would block the open, and ``/dev/zero`` never ends."""
    # O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever; on a regular file it changes nothing.
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotRegular(str(path))
        chunks: list[bytes] = []
        left = limit
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


class NotRegular(OSError):
    """A path that is not a regular file, where only one is read."""
