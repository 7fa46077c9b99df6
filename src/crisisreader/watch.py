"""Noticing briefing files that are added, changed or removed in the opened folders.

The operating system tells (inotify on Linux, through watchfiles): an idle reader does no work at all, and a
change costs a look at the files it names. Where no events come (watchfiles missing, a network mount, the
inotify limit reached) the folders are polled instead, seldom enough to cost under 1% of a core at 10,000
files. Either way a file is reported only once it has stayed the same for one whole look, so a file still being
written is not read half-way.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

from crisisreader.load import SUFFIXES, bundled_seeds, find_files
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
        # Absolute: the operating system names changed files by absolute paths.
        self.paths = [Path(os.path.abspath(p)) for p in paths] or [bundled_seeds()]
        self.known = snapshot(self.paths)
        self._settling: dict[Path, Stamp | None] = {}

    def poll(self, touched: Iterable[Path] | None = None) -> set[Path]:
        """Files added, changed or removed and now settled; an empty set when there is nothing to do.

        ``touched``: only these files (and those still settling) are looked at, as an event names them; None
        looks at every file."""
        if touched is None:
            now = snapshot(self.paths)
        else:
            now = dict(self.known)
            for file in {*touched, *self._settling}:
                try:
                    stat = os.stat(file)
                except OSError:
                    now.pop(file, None)
                    continue
                if os.path.isfile(file):
                    now[file] = (stat.st_size, stat.st_mtime_ns)
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

    @property
    def settling(self) -> bool:
        """Whether a file changed and is waiting for a second look."""
        return bool(self._settling)

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


# Without events, a look at every file this often: at 10,000 files a look is about 250 ms, under 1% of a core.
FALLBACK_SECONDS = 30.0
# While a file settles, it is looked at again this soon.
SETTLE_SECONDS = 0.25


class Stop(Protocol):
    """What tells a watch to end: a :class:`threading.Event`, or anything that answers as one does."""

    def is_set(self) -> bool: ...

    def wait(self, timeout: float | None = None) -> bool: ...


def _briefing_file(path: str) -> bool:
    name = os.path.basename(path)
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in SUFFIXES


def changes(watch: FolderWatch, stop: Stop) -> Iterator[set[Path]]:
    """The settled changes of ``watch``'s folders as they come, until ``stop`` is set: from the operating system's
    events where it gives them, else by polling every :data:`FALLBACK_SECONDS`."""
    # What changed before the watch began (while the corpus was read and analysed) comes no event: one look.
    ready = watch.poll()
    if ready:
        yield ready
    folders = [str(p) for p in watch.paths if os.path.isdir(p)]
    files = [str(p) for p in watch.paths if os.path.isfile(p)]
    try:
        from watchfiles import watch as os_events
    except ImportError:
        yield from _polled(watch, stop)
        return
    try:
        batches = os_events(
            *folders,
            *files,
            debounce=200,
            rust_timeout=int(SETTLE_SECONDS * 1000),
            yield_on_timeout=True,
            stop_event=stop,
            raise_interrupt=False,
            ignore_permission_denied=True,
        )
        for batch in batches:
            touched: set[Path] | None = set()
            for _, name in batch:
                if _briefing_file(name):
                    touched.add(Path(name))  # type: ignore[union-attr]
                elif os.path.isdir(name):
                    touched = None  # a folder came or went: every file is looked at
                    break
            if touched == set() and not watch.settling:
                continue
            ready = watch.poll(touched)
            if ready:
                yield ready
    except OSError:
        # No events here (the inotify limit, a file system without them): poll instead.
        yield from _polled(watch, stop)


def _polled(watch: FolderWatch, stop: Stop) -> Iterator[set[Path]]:
    while not stop.wait(SETTLE_SECONDS if watch.settling else FALLBACK_SECONDS):
        ready = watch.poll()
        if ready:
            yield ready
