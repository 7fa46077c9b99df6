"""The reading state kept between runs: days opened and the last day open per corpus, and bookmarks.

One YAML file in ``$XDG_STATE_HOME/crisisreader/``, replaced atomically on every save so that neither a clean
exit nor a kill leaves it half-written. A file that cannot be read as a state is set aside, never deleted, and a
save merges what another running reader wrote meanwhile instead of overwriting it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
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

VERSION = 1
_FIELDS = ("paragraph", "series", "date", "text", "added", "note")
# A lone surrogate (from a file name that is not UTF-8) cannot be written as UTF-8, and libyaml rejects the
# escape PyYAML would write for it: either way the whole state would be lost, so it becomes U+FFFD on disk.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Text that YAML can only read back as this very string (a "/" rules out numbers, dates, booleans and null).
_PLAIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.~+-]*/[A-Za-z0-9_./~+-]*")
_STAND_IN = "crisisreader/opened-days"
# A temporary file this old was left by a killed save (a save takes milliseconds), not one in progress.
_STALE_SECONDS = 60.0


def state_path() -> Path:
    """``$XDG_STATE_HOME/crisisreader/state.yaml``; ``~/.local/state`` when the variable is unset or relative."""
    return app_home("XDG_STATE_HOME") / "state.yaml"


def corpus_key(roots: Iterable[str | Path]) -> str:
    """A stable, readable name for a set of opened paths: the first folder's name and a short hash of all."""
    absolute = sorted({os.path.normpath(Path(root).absolute()) for root in roots})
    digest = hashlib.sha1("\n".join(absolute).encode("utf-8", "surrogateescape")).hexdigest()[:10]
    first = (Path(absolute[0]).name or "root") if absolute else "corpus"
    return f"{first}-{digest}"


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A paragraph the user marked: its id, where it stands, its text as it was, and when it was marked."""

    paragraph: str
    series: str
    date: str
    text: str
    added: str
    note: str = ""


class StateError(ValueError):
    """The file holds YAML, but not a reading state."""


class ReadingState:
    """What the reader remembers; ``dirty`` says it changed since it was last saved."""

    def __init__(self, path: Path) -> None:
        self.path, self.dirty = path, False
        self._opened: dict[str, set[str]] = {}
        self._last: dict[str, str] = {}
        self._newest: dict[str, str] = {}
        self._bookmarks: dict[str, Bookmark] = {}
        # The YAML of each corpus and each bookmark, kept until it changes: a save after a bookmark toggle
        # joins strings instead of dumping thousands of opened days again.
        self._corpus_yaml: dict[str, str] = {}
        self._bookmark_yaml: dict[str, str] = {}
        # The state as last read or written, and the file's identity then: a save notices another reader's
        # write and merges its own changes into it instead of overwriting it.
        self._base: _Snapshot = _Snapshot({}, {}, {}, {})
        self._stamp: tuple[int, int, int] | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> tuple[ReadingState, list[Problem]]:
        """The state on disk, or a fresh one; a damaged or unreadable file is moved aside with a warning."""
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
            state._read(yamlio.load(raw.decode("utf-8")))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            return cls._set_aside(state.path, mark.line + 1 if mark is not None else 1, "is not valid YAML")
        except UnicodeDecodeError as error:
            return cls._set_aside(state.path, raw[: error.start].count(b"\n") + 1, "is not UTF-8")
        except StateError as error:
            return cls._set_aside(state.path, 0, f"is damaged ({error})")
        state._stamp = stat.st_ino, stat.st_mtime_ns, stat.st_size
        state._base = state._snapshot()
        return state, []

    @classmethod
    def _set_aside(cls, path: Path, line: int, what: str) -> tuple[ReadingState, list[Problem]]:
        # A file that cannot be moved aside cannot be replaced by a save either: it is never lost.
        aside = _move_aside(path)
        where = f"kept as {aside.name}" if aside else "it could not be moved aside"
        return cls(path), [Problem(str(path), line, f"the reading state {what}; {where}; starting afresh", "warning")]

    def _read(self, data: Any) -> None:
        if data is None:
            return
        if not isinstance(data, dict):
            raise StateError("not a mapping")
        version = data.get("version", VERSION)
        if not isinstance(version, int) or isinstance(version, bool):
            raise StateError("'version' is not a number")
        if version > VERSION:
            raise StateError(f"written by a newer crisisreader (format {version})")
        corpora = data.get("corpora") or {}
        marks = data.get("bookmarks") or []
        if not isinstance(corpora, dict) or not isinstance(marks, list):
            raise StateError("'corpora' must be a mapping and 'bookmarks' a list")
        for name, entry in corpora.items():
            if not isinstance(entry, dict):
                raise StateError(f"corpus {name!r} is not a mapping")
            opened = entry.get("opened") or []
            if not isinstance(opened, list) or not all(isinstance(k, str) for k in opened):
                raise StateError(f"corpus {name!r}: 'opened' must be a list of days")
            self._opened[str(name)] = set(opened)
            for field, into in (("last", self._last), ("newest", self._newest)):
                value = entry.get(field)
                if value is not None:
                    into[str(name)] = _text(value, f"corpus {name!r}: '{field}'")
        for number, mark in enumerate(marks, 1):
            if not isinstance(mark, dict):
                raise StateError(f"bookmark {number} is not a mapping")
            wrong = (set(mark) ^ set(_FIELDS)) - {"note"}  # unknown keys, and missing ones but the note
            if wrong:
                raise StateError(f"bookmark {number} has the wrong keys ({', '.join(sorted(map(str, wrong)))})")
            values = {k: "" if k == "note" and v is None else _text(v, f"bookmark {number}: {k!r}")
                      for k, v in mark.items()}  # fmt: skip
            bookmark = Bookmark(**values)
            self._bookmarks[bookmark.paragraph] = bookmark

    def opened(self, corpus: str) -> set[str]:
        return set(self._opened.get(corpus, ()))

    def mark_opened(self, corpus: str, briefing_key: str, read: bool = True) -> bool:
        """Remember a day as read (with ``read=False``, as unread again); True when that changed it."""
        days = self._opened.setdefault(corpus, set())
        if (briefing_key in days) == read:
            return False
        (days.add if read else days.discard)(briefing_key)
        self._changed(corpus)
        return True

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

    @property
    def bookmarks(self) -> list[Bookmark]:
        """Every bookmark, in the order added."""
        return list(self._bookmarks.values())

    def is_bookmarked(self, paragraph_id: str) -> bool:
        return paragraph_id in self._bookmarks

    def toggle_bookmark(self, paragraph: Paragraph, series: str, date: str) -> bool:
        """Bookmark a paragraph, or remove its bookmark; True when it is now bookmarked."""
        if self.remove_bookmark(paragraph.id):
            return False
        added = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self._bookmarks[paragraph.id] = Bookmark(paragraph.id, series, date, paragraph.text, added)
        self.dirty = True
        return True

    def remove_bookmark(self, paragraph_id: str) -> bool:
        if self._bookmarks.pop(paragraph_id, None) is None:
            return False
        self._bookmark_yaml.pop(paragraph_id, None)
        self.dirty = True
        return True

    def to_yaml(self) -> str:
        """The file's text, as one YAML dump of it all would write it, from pieces kept until they change."""
        corpora = [self._corpus_yaml.get(n) or self._dump_corpus(n) for n in self._corpus_names()]
        marks = [self._bookmark_yaml.get(k) or self._dump_bookmark(b) for k, b in self._bookmarks.items()]
        head = f"version: {VERSION}\n" + ("corpora:\n" if corpora else "corpora: {}\n")
        return "".join([head, *corpora, "bookmarks:\n" if marks else "bookmarks: []\n", *marks])

    def save(self) -> Problem | None:
        """Write the state atomically; a Problem (never an exception) when it cannot be written."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with _locked(self.path):
                stamp = _stamp(self.path)
                if stamp is not None and stamp != self._stamp:
                    self._merge_from_disk()
                _write_atomically(self.path, self.to_yaml())
                self._stamp = _stamp(self.path)
        except (OSError, UnicodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            return Problem(str(self.path), 0, f"cannot save the reading state: {reason}", "warning")
        self._base = self._snapshot()
        self.dirty = False
        return None

    def _merge_from_disk(self) -> None:
        """Another reader saved since we last did: take its state, then replay what changed here since."""
        other, problems = ReadingState.load(self.path)
        if problems:
            return  # its file was damaged and is set aside now: ours is written whole
        base = self._base
        for corpus, days in self._opened.items():
            other._opened.setdefault(corpus, set()).update(days - base.opened.get(corpus, set()))
        for mine, theirs, before in ((self._last, other._last, base.last),
                                     (self._newest, other._newest, base.newest)):  # fmt: skip
            theirs.update({corpus: value for corpus, value in mine.items() if before.get(corpus) != value})
        for key in base.bookmarks.keys() - self._bookmarks.keys():
            other._bookmarks.pop(key, None)
        for key, bookmark in self._bookmarks.items():
            if key not in base.bookmarks:
                other._bookmarks.setdefault(key, bookmark)
        self._opened, self._last, self._newest = other._opened, other._last, other._newest
        self._bookmarks = other._bookmarks
        self._corpus_yaml.clear()
        self._bookmark_yaml.clear()

    def _snapshot(self) -> _Snapshot:
        opened = {corpus: set(days) for corpus, days in self._opened.items()}
        return _Snapshot(opened, dict(self._last), dict(self._newest), dict(self._bookmarks))

    def _corpus_names(self) -> list[str]:
        return sorted({*self._opened, *self._last, *self._newest})

    def _corpus_entry(self, name: str) -> dict[str, Any]:
        entry: dict[str, Any] = {"opened": sorted(_clean(day) for day in self._opened.get(name, ()))}
        for field, values in (("last", self._last), ("newest", self._newest)):
            if name in values:
                entry[field] = _clean(values[name])
        return entry

    def _dump_corpus(self, name: str) -> str:
        entry = self._corpus_entry(name)
        days = entry["opened"]
        if not days or not all(_PLAIN.fullmatch(day) for day in days):
            self._corpus_yaml[name] = _dump_under("corpora", {_clean(name): entry})
            return self._corpus_yaml[name]
        # Thousands of days are most of the file: ones that can only be plain YAML text are written directly
        # (what the dumper would write, but without its per-value checks), in place of a stand-in.
        entry["opened"] = [_STAND_IN]
        text = _dump_under("corpora", {_clean(name): entry})
        at = text.index(f"- {_STAND_IN}\n")
        indent = text[text.rindex("\n", 0, at) + 1 : at]
        listed = "".join(f"{indent}- {day}\n" for day in days)
        text = self._corpus_yaml[name] = text[: at - len(indent)] + listed + text[at + len(_STAND_IN) + 3 :]
        return text

    def _dump_bookmark(self, mark: Bookmark) -> str:
        text = self._bookmark_yaml[mark.paragraph] = _dump_under("bookmarks", [_bookmark_entry(mark)])
        return text


@dataclass(frozen=True, slots=True)
class _Snapshot:
    opened: dict[str, set[str]]
    last: dict[str, str]
    newest: dict[str, str]
    bookmarks: dict[str, Bookmark]


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
    return {k: _clean(v) for k, v in asdict(bookmark).items()}


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


def _write_atomically(path: Path, text: str) -> None:
    """A temporary file beside the target, synced, then renamed over it: the file is always whole."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".state-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8"))
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


def _move_aside(path: Path) -> Path | None:
    """Move a damaged file to ``.bak`` (``.bak.1``, … if that exists): never overwrite what the user had."""
    number, candidate = 0, path.with_name(path.name + ".bak")
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = path.with_name(f"{path.name}.bak.{number}")
    try:
        path.rename(candidate)
    except OSError:
        return None
    return candidate
