"""Noticing briefing files that are added, changed or removed in the opened folders, by polling.

Polling the files' size and modification time needs nothing beyond the standard library and works on every
file system; a file is reported only once it has stayed the same for one whole poll, so a file still being
written is not read half-way.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

from crisisreader.load import bundled_seeds, find_files
from crisisreader.model import Problem

Stamp = tuple[int, int]

# A file that does not parse yet may still be being written: it is retried for this long before it is reported.
YOUNG_SECONDS = 10.0


def snapshot(paths: Iterable[Path]) -> dict[Path, Stamp]:
    """Every briefing file under ``paths`` with its size and modification time."""
    stamps: dict[Path, Stamp] = {}
    for file, _ in find_files(paths, []):
        try:
            stat = os.stat(file)
        except OSError:
            continue
        stamps[file] = (stat.st_size, stat.st_mtime_ns)
    return stamps


class FolderWatch:
    """Tell which files changed since the last report, once they have stopped changing."""

    def __init__(self, paths: Iterable[Path]) -> None:
        self.paths = list(paths) or [bundled_seeds()]
        self.known = snapshot(self.paths)
        self._settling: dict[Path, Stamp | None] = {}

    def poll(self) -> set[Path]:
        """Files added, changed or removed and now settled; an empty set when there is nothing to do."""
        now = snapshot(self.paths)
        ready: set[Path] = set()
        for file in set(now) | set(self.known) | set(self._settling):
            stamp = now.get(file)
            if stamp == self.known.get(file) and file not in self._settling:
                continue
            if file in self._settling and self._settling[file] == stamp:
                ready.add(file)
                del self._settling[file]
                if stamp is None:
                    self.known.pop(file, None)
                else:
                    self.known[file] = stamp
            else:
                self._settling[file] = stamp
        return ready

    def retry(self, file: Path) -> None:
        """Look at a file again at the next poll (it did not parse, and may still be being written)."""
        self.known.pop(file, None)
        try:
            stat = os.stat(file)
            self._settling[file] = (stat.st_size, stat.st_mtime_ns)
        except OSError:
            self._settling[file] = None


def young(problem: Problem, now: float | None = None) -> bool:
    """A problem with a file so recently written that it may only be half there."""
    try:
        modified = os.stat(problem.path).st_mtime
    except OSError:
        return False
    return (now if now is not None else time.time()) - modified < YOUNG_SECONDS
