"""The reading state kept between runs: the days read and the bookmarks of each series (its folder), and the last
day open of each corpus (each set of opened paths).

One YAML file in ``$XDG_STATE_HOME/crisisreader/``, replaced atomically on every save so that neither a clean
exit nor a kill leaves it half-written. A file that cannot be read as a state is set aside, never deleted, and a
save merges what another running reader wrote meanwhile instead of overwriting it.

Format 1 kept the days opened per corpus and the bookmarks with no folder. Its file is copied beside itself
(``state.yaml.v1``) and rewritten as format 2 on the first load; what it held that no folder can be named for yet
stays in the file as it was (``opened`` under the corpus, a bookmark without ``folder``) until that corpus is
opened again and :meth:`ReadingState.place` gives each its series folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from crisisreader import yamlio
from crisisreader.model import Paragraph, Problem
from crisisreader.xdg import app_home

try:
    import fcntl
except ImportError:  # not on Windows: saves there are atomic but not serialised between two readers
    fcntl = None  # type: ignore[assignment]

VERSION = 2
_REQUIRED = ("paragraph", "series", "date", "text", "added")
_OPTIONAL = ("note", "folder")
# A lone surrogate (from a file name that is not UTF-8) cannot be written as UTF-8, and libyaml rejects the
# escape PyYAML would write for it: either way the whole state would be lost, so it becomes U+FFFD on disk.
_SURROGATE = re.compile("[\ud800-\udfff]")
# A temporary file this old was left by a killed save (a save takes milliseconds), not one in progress.
_STALE_SECONDS = 60.0

Place = tuple[str, str]
"""Where a bookmark points, across runs: its series folder and the paragraph's id within the series
(``2022-02-08#5``). A bookmark of format 1 has no folder yet: ``("", "seeds/2022-02-08#5")``."""


def state_path() -> Path:
    """``$XDG_STATE_HOME/crisisreader/state.yaml``; ``~/.local/state`` when the variable is unset or relative."""
    return app_home("XDG_STATE_HOME") / "state.yaml"


def corpus_key(roots: Iterable[str | Path]) -> str:
    """A stable, readable name for a set of opened paths: the first folder's name and a short hash of all."""
    absolute = sorted({os.path.normpath(Path(root).absolute()) for root in roots})
    digest = hashlib.sha1("\n".join(absolute).encode("utf-8", "surrogateescape")).hexdigest()[:10]
    first = (Path(absolute[0]).name or "root") if absolute else "corpus"
    return f"{first}-{digest}"


def series_folder(root: str | Path) -> str:
    """The name a series is kept under: its folder's real path, the same whether it is opened alone, in a
    library or through a link (its *name* changes with what else is open: ``seeds``, or ``a/seeds`` beside
    ``b/seeds``)."""
    return os.path.realpath(root)


def within(series: str, key: str) -> str:
    """A briefing key or paragraph id without its series name: ``seeds/2022-02-08#5`` -> ``2022-02-08#5``."""
    return key[len(series) + 1 :] if key.startswith(series + "/") else key


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A paragraph the user marked: its id and series name as they were, its text as it was, when it was marked,
    the user's note, and its series folder (empty for one kept by format 1 and not yet placed)."""

    paragraph: str
    series: str
    date: str
    text: str
    added: str
    note: str = ""
    folder: str = ""

    @property
    def place(self) -> Place:
        return (self.folder, within(self.series, self.paragraph)) if self.folder else ("", self.paragraph)


class StateError(ValueError):
    """The file holds YAML, but not a reading state."""


class ReadingState:
    """What the reader remembers; ``dirty`` says it changed since it was last saved."""

    def __init__(self, path: Path) -> None:
        self.path, self.dirty = path, False
        self._read: dict[str, dict[str, str]] = {}  # series folder -> day within it -> when marked read
        self._legacy: dict[str, set[str]] = {}  # corpus -> days opened, as format 1 kept them, not yet placed
        self._last: dict[str, str] = {}
        self._newest: dict[str, str] = {}
        self._bookmarks: dict[Place, Bookmark] = {}
        # The YAML of each corpus, series and bookmark, kept until it changes: a save after a bookmark toggle
        # joins strings instead of dumping thousands of read marks again.
        self._corpus_yaml: dict[str, str] = {}
        self._series_yaml: dict[str, str] = {}
        self._bookmark_yaml: dict[Place, str] = {}
        # The state as last read or written, and the file's identity then: a save notices another reader's
        # write and merges its own changes into it instead of overwriting it.
        self._base: _Snapshot = _Snapshot({}, {}, {}, {}, {})
        self._stamp: tuple[int, int, int] | None = None
        self.migrated: Path | None = None  # where the format-1 file was copied when this load rewrote it

    @classmethod
    def load(cls, path: Path | None = None, migrate: bool = True) -> tuple[ReadingState, list[Problem]]:
        """The state on disk, or a fresh one; a damaged or unreadable file is moved aside with a warning, and a
        file of format 1 is copied aside and rewritten as format 2 (unless not ``migrate``)."""
        state = cls(path or state_path())
        _remove_stale_temporaries(state.path.parent)
        try:
            with open(state.path, "rb") as handle:
                # The identity of the very file read: a save then notices any write that came after.
                stat = os.fstat(handle.fileno())
                raw = handle.read()
        except (FileNotFoundError, NotADirectoryError):  # no file yet (a file where its folder goes: save says)
            return state, []
        except OSError as error:
            return cls._set_aside(state.path, 0, f"cannot be read ({error.strerror or error})")
        try:
            version = state._read_file(yamlio.load(raw.decode("utf-8")))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            return cls._set_aside(state.path, mark.line + 1 if mark is not None else 1, "is not valid YAML")
        except UnicodeDecodeError as error:
            return cls._set_aside(state.path, raw[: error.start].count(b"\n") + 1, "is not UTF-8")
        except StateError as error:
            return cls._set_aside(state.path, 0, f"is damaged ({error})")
        state._stamp = stat.st_ino, stat.st_mtime_ns, stat.st_size
        state._base = state._snapshot()
        if migrate and version < VERSION and raw.strip():
            return state, state._migrate(raw, version)
        return state, []

    @classmethod
    def _set_aside(cls, path: Path, line: int, what: str) -> tuple[ReadingState, list[Problem]]:
        # A file that cannot be moved aside cannot be replaced by a save either: it is never lost.
        aside = _move_aside(path)
        where = f"kept as {aside.name}" if aside else "it could not be moved aside"
        return cls(path), [Problem(str(path), line, f"the reading state {what}; {where}; starting afresh", "warning")]

    def _migrate(self, raw: bytes, version: int) -> list[Problem]:
        """Keep the old file beside the new one (``state.yaml.v1``, never over an earlier copy), then rewrite it:
        an older crisisreader that finds format 2 sets it aside, and the copy is what it can still read."""
        try:
            with _locked(self.path):
                if _stamp(self.path) != self._stamp:
                    return []  # another reader got there first: the next save merges with what it wrote
                copy = _free_name(self.path.with_name(f"{self.path.name}.v{version}"))
                _write_atomically(copy, raw)
                _write_atomically(self.path, self.to_yaml().encode("utf-8"))
                self._stamp = _stamp(self.path)
        except (OSError, UnicodeError) as error:
            # Read-only or full: the state is read all the same, and the file is rewritten by the first save.
            reason = getattr(error, "strerror", None) or str(error)
            return [Problem(str(self.path), 0, f"cannot rewrite the reading state in the new format: {reason}",
                            "warning")]  # fmt: skip
        self.migrated = copy
        return []

    def _read_file(self, data: Any) -> int:
        """Take in the file's data; its format's number."""
        if data is None:
            return VERSION
        if not isinstance(data, dict):
            raise StateError("not a mapping")
        version = data.get("version", 1)
        if not isinstance(version, int) or isinstance(version, bool):
            raise StateError("'version' is not a number")
        if version > VERSION:
            raise StateError(f"written by a newer crisisreader (format {version})")
        corpora = data.get("corpora") or {}
        series = data.get("series") or {}
        marks = data.get("bookmarks") or []
        if not isinstance(corpora, dict) or not isinstance(series, dict) or not isinstance(marks, list):
            raise StateError("'corpora' must be a mapping, 'series' a mapping and 'bookmarks' a list")
        for name, entry in corpora.items():
            if not isinstance(entry, dict):
                raise StateError(f"corpus {name!r} is not a mapping")
            opened = entry.get("opened") or []
            if not isinstance(opened, list) or not all(isinstance(k, str) for k in opened):
                raise StateError(f"corpus {name!r}: 'opened' must be a list of days")
            if opened:
                self._legacy[str(name)] = set(opened)
            for field, into in (("last", self._last), ("newest", self._newest)):
                value = entry.get(field)
                if value is not None:
                    into[str(name)] = _text(value, f"corpus {name!r}: '{field}'")
        for folder, entry in series.items():
            if not isinstance(entry, dict):
                raise StateError(f"series {folder!r} is not a mapping")
            read = entry.get("read")
            if not isinstance(read, dict | None):
                raise StateError(f"series {folder!r}: 'read' must map days to when they were read")
            days = {_text(day, f"series {folder!r}: a day"): "" if when is None else _text(when, f"series {folder!r}: "
                    f"when {day!r} was read") for day, when in (read or {}).items()}  # fmt: skip
            if days:
                self._read[str(folder)] = days
        for number, mark in enumerate(marks, 1):
            if not isinstance(mark, dict):
                raise StateError(f"bookmark {number} is not a mapping")
            wrong = (set(mark) ^ set(_REQUIRED)) - set(_OPTIONAL)  # unknown keys, and missing ones but these
            if wrong:
                raise StateError(f"bookmark {number} has the wrong keys ({', '.join(sorted(map(str, wrong)))})")
            values = {k: "" if k in _OPTIONAL and v is None else _text(v, f"bookmark {number}: {k!r}")
                      for k, v in mark.items()}  # fmt: skip
            bookmark = Bookmark(**values)
            self._bookmarks[bookmark.place] = bookmark
        return version

    # Read marks, per series folder

    def opened(self, folder: str) -> set[str]:
        """The days of the series read (``2022-02-08``, ``2022-02-08~2``): the same whatever else is open."""
        return set(self._read.get(folder, ()))

    def read_at(self, folder: str, day: str) -> str | None:
        """When the day was marked read (ISO 8601, UTC); ``""`` for one format 1 kept without a time."""
        return self._read.get(folder, {}).get(day)

    def mark_opened(self, folder: str, day: str, read: bool = True) -> bool:
        """Remember a day of a series as read now (with ``read=False``, as unread again); True when that changed it."""
        days = self._read.setdefault(folder, {})
        if (day in days) == read:
            return False
        if read:
            days[day] = now()
        else:
            del days[day]
        self._series_yaml.pop(folder, None)
        self.dirty = True
        return True

    def place(self, corpus: str, folders: Mapping[str, str], exists: Callable[[str], bool]) -> bool:
        """Name the folders of what format 1 kept without one, now that the corpus is open again: its days opened
        (named with the series names of that very corpus) and the bookmarks whose paragraph is in it (named by
        ``folders``: series name -> folder). What names no series open now stays as it was. True when any moved."""
        moved = False
        names = sorted(folders, key=len, reverse=True)  # "a/seeds" before "seeds"
        days = self._legacy.get(corpus, set())
        for day in sorted(days):
            name = next((n for n in names if day.startswith(n + "/")), None)
            if name is not None:
                self._read.setdefault(folders[name], {}).setdefault(within(name, day), "")
                self._series_yaml.pop(folders[name], None)
                days.discard(day)
                moved = True
        if corpus in self._legacy and not days:
            del self._legacy[corpus]
        if moved:
            self._corpus_yaml.pop(corpus, None)
        placed = {k: replace(b, folder=folders[b.series]) for k, b in self._bookmarks.items()
                  if not b.folder and b.series in folders and exists(b.paragraph)}  # fmt: skip
        if placed:
            self._bookmarks = {placed[k].place if k in placed else k: placed.get(k, b)
                               for k, b in self._bookmarks.items()}  # fmt: skip
            self._bookmark_yaml.clear()
            moved = True
        self.dirty |= moved
        return moved

    # The last day open and the newest day seen, per corpus

    def last_day(self, corpus: str) -> str | None:
        return self._last.get(corpus)

    def set_last_day(self, corpus: str, briefing_key: str) -> None:
        if self._last.get(corpus) != briefing_key:
            self._last[corpus] = briefing_key
            self._changed(corpus)

    def newest_seen(self, corpus: str) -> str | None:
        """The newest date (YYYY-MM-DD) the corpus had at the last visit: what came after is new since."""
        return self._newest.get(corpus)

    def set_newest_seen(self, corpus: str, date: str) -> None:
        if self._newest.get(corpus) != date:
            self._newest[corpus] = date
            self._changed(corpus)

    def _changed(self, corpus: str) -> None:
        self._corpus_yaml.pop(corpus, None)
        self.dirty = True

    # Bookmarks

    @property
    def bookmarks(self) -> list[Bookmark]:
        """Every bookmark, in the order added."""
        return list(self._bookmarks.values())

    def bookmark(self, place: Place) -> Bookmark | None:
        return self._bookmarks.get(place)

    def is_bookmarked(self, place: Place) -> bool:
        return place in self._bookmarks

    def toggle_bookmark(self, paragraph: Paragraph, series: str, date: str, folder: str = "") -> bool:
        """Bookmark a paragraph of the series kept in ``folder``, or remove its bookmark; True when it is now
        bookmarked."""
        mark = Bookmark(paragraph.id, series, date, paragraph.text, now(), folder=folder)
        if self.remove_bookmark(mark.place):
            return False
        self._bookmarks[mark.place] = mark
        self.dirty = True
        return True

    def remove_bookmark(self, place: Place) -> bool:
        if self._bookmarks.pop(place, None) is None:
            return False
        self._bookmark_yaml.pop(place, None)
        self.dirty = True
        return True

    def set_note(self, place: Place, note: str) -> bool:
        """Write the bookmark's note (an empty one removes it); True when that changed it."""
        mark = self._bookmarks.get(place)
        if mark is None or mark.note == note:
            return False
        self._bookmarks[place] = replace(mark, note=note)
        self._bookmark_yaml.pop(place, None)
        self.dirty = True
        return True

    # The file

    def to_yaml(self) -> str:
        """The file's text, as one YAML dump of it all would write it, from pieces kept until they change."""
        corpora = [self._corpus_yaml.get(n) or self._dump_corpus(n) for n in self._corpus_names()]
        folders = sorted(folder for folder, days in self._read.items() if days)
        series = [self._series_yaml.get(f) or self._dump_series(f) for f in folders]
        marks = [self._bookmark_yaml.get(k) or self._dump_bookmark(b) for k, b in self._bookmarks.items()]
        return "".join([
            f"version: {VERSION}\n",
            "corpora:\n" if corpora else "corpora: {}\n", *corpora,
            "series:\n" if series else "series: {}\n", *series,
            "bookmarks:\n" if marks else "bookmarks: []\n", *marks,
        ])  # fmt: skip

    def save(self) -> Problem | None:
        """Write the state atomically; a Problem (never an exception) when it cannot be written."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with _locked(self.path):
                stamp = _stamp(self.path)
                if stamp is not None and stamp != self._stamp:
                    self._merge_from_disk()
                _write_atomically(self.path, self.to_yaml().encode("utf-8"))
                self._stamp = _stamp(self.path)
        except (OSError, UnicodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            return Problem(str(self.path), 0, f"cannot save the reading state: {reason}", "warning")
        self._base = self._snapshot()
        self.dirty = False
        return None

    def _merge_from_disk(self) -> None:
        """Another reader saved since we last did: take its state, then replay what changed here since."""
        # Not migrated there: the save holds the lock a migration takes, and writes format 2 over it at once. (An
        # older crisisreader wrote this file: the copy of format 1 beside it was made by the first load.)
        other, problems = ReadingState.load(self.path, migrate=False)
        if problems:
            return  # its file was damaged and is set aside now: ours is written whole
        base = self._base
        for folder in self._read.keys() | base.read.keys():
            mine, before = self._read.get(folder, {}), base.read.get(folder, {})
            theirs = other._read.setdefault(folder, {})
            theirs.update({day: when for day, when in mine.items() if day not in before})
            for day in before.keys() - mine.keys():
                theirs.pop(day, None)
        for corpus, before_days in base.legacy.items():  # days placed here are no longer format 1's
            gone = before_days - self._legacy.get(corpus, set())
            if gone and corpus in other._legacy:
                other._legacy[corpus] -= gone
                if not other._legacy[corpus]:
                    del other._legacy[corpus]
        for mine, theirs, before in ((self._last, other._last, base.last),
                                     (self._newest, other._newest, base.newest)):  # fmt: skip
            theirs.update({corpus: value for corpus, value in mine.items() if before.get(corpus) != value})
        for key in base.bookmarks.keys() - self._bookmarks.keys():
            other._bookmarks.pop(key, None)
        for key, bookmark in self._bookmarks.items():
            if key not in base.bookmarks:
                other._bookmarks.setdefault(key, bookmark)
            elif base.bookmarks[key] != bookmark and key in other._bookmarks:  # a note written here
                other._bookmarks[key] = bookmark
        self._read, self._legacy = other._read, other._legacy
        self._last, self._newest = other._last, other._newest
        self._bookmarks = other._bookmarks
        self._corpus_yaml.clear()
        self._series_yaml.clear()
        self._bookmark_yaml.clear()

    def _snapshot(self) -> _Snapshot:
        return _Snapshot({f: dict(days) for f, days in self._read.items()},
                         {c: set(days) for c, days in self._legacy.items()},
                         dict(self._last), dict(self._newest), dict(self._bookmarks))  # fmt: skip

    def _corpus_names(self) -> list[str]:
        return sorted({*self._legacy, *self._last, *self._newest})

    def _dump_corpus(self, name: str) -> str:
        entry: dict[str, Any] = {}
        for field, values in (("last", self._last), ("newest", self._newest)):
            if name in values:
                entry[field] = _clean(values[name])
        if self._legacy.get(name):
            entry["opened"] = sorted(_clean(day) for day in self._legacy[name])
        text = self._corpus_yaml[name] = _dump_under("corpora", {_clean(name): entry})
        return text

    def _dump_series(self, folder: str) -> str:
        # The C dumper writes 10,000 read marks in about 20 ms: a whole series at a time is cheap enough.
        # A day format 1 kept has no time: null says so.
        read = {_clean(day): _clean(when) or None for day, when in sorted(self._read[folder].items())}
        text = self._series_yaml[folder] = _dump_under("series", {_clean(folder): {"read": read}})
        return text

    def _dump_bookmark(self, mark: Bookmark) -> str:
        text = self._bookmark_yaml[mark.place] = _dump_under("bookmarks", [_bookmark_entry(mark)])
        return text


@dataclass(frozen=True, slots=True)
class _Snapshot:
    read: dict[str, dict[str, str]]
    legacy: dict[str, set[str]]
    last: dict[str, str]
    newest: dict[str, str]
    bookmarks: dict[Place, Bookmark]


def _text(value: Any, what: str) -> str:
    """A value of the file as text; hand-edited files may hold dates and numbers where strings were written."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value)
    raise StateError(f"{what} is not text")


def _clean(text: str) -> str:
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


def _bookmark_entry(bookmark: Bookmark) -> dict[str, str]:
    # The folder first: it says which series the rest belongs to. One format 1 kept, not yet placed, has none.
    entry = {"folder": bookmark.folder} if bookmark.folder else {}
    return {k: _clean(v) for k, v in (entry | asdict(bookmark)).items() if k != "folder" or v}


def _dump_under(key: str, value: Any) -> str:
    """The YAML of ``value`` as it stands under a top-level ``key``: the same text a whole-file dump writes."""
    text = yamlio.dump({key: value})
    assert text.startswith(f"{key}:\n"), "callers never pass an empty value, the one written in flow style"
    return text[len(key) + 2 :]


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """The file's identity: an atomic replace always makes a new inode, so another reader's save is noticed."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Two readers saving at once take turns, so neither's merge misses the other's write."""
    descriptor = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _write_atomically(path: Path, data: bytes) -> None:
    """A temporary file beside the target, synced, then renamed over it: the file is always whole."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".state-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    # The rename itself is made durable by syncing the folder; not every system allows opening one.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _remove_stale_temporaries(folder: Path) -> None:
    """A save killed between creating its temporary file and the rename leaves it behind: tidy those up."""
    cutoff = time.time() - _STALE_SECONDS
    with contextlib.suppress(OSError):
        for temporary in folder.glob(".state-*.tmp"):
            with contextlib.suppress(OSError):
                if temporary.stat().st_mtime < cutoff:
                    temporary.unlink()


def _free_name(path: Path) -> Path:
    """``path``, or ``path.1``, ``path.2``, … the first that names nothing: never overwrite what the user had."""
    number, candidate = 0, path
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = path.with_name(f"{path.name}.{number}")
    return candidate


def _move_aside(path: Path) -> Path | None:
    """Move a damaged file to ``.bak`` (``.bak.1``, … if that exists)."""
    candidate = _free_name(path.with_name(path.name + ".bak"))
    try:
        path.rename(candidate)
    except OSError:
        return None
    return candidate
