"""The reading state kept between runs: days opened and the last day open per corpus, and bookmarks.

One YAML file in ``$XDG_STATE_HOME/crisisreader/``, replaced atomically on every save so that neither a clean
exit nor a kill leaves it half-written. A file that cannot be read as a state is set aside, never deleted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from crisisreader import yamlio
from crisisreader.model import Paragraph, Problem

VERSION = 1


def state_path() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "crisisreader" / "state.yaml"


def corpus_key(roots: Iterable[str | Path]) -> str:
    """A stable, readable name for a set of opened paths: the first folder's name and a short hash of all."""
    absolute = sorted(str(Path(root).absolute()) for root in roots)
    digest = hashlib.sha1("\n".join(absolute).encode()).hexdigest()[:10]
    first = Path(absolute[0]).name if absolute else "corpus"
    return f"{first}-{digest}"


@dataclass(frozen=True, slots=True)
class Bookmark:
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
        self.path = path
        self._opened: dict[str, set[str]] = {}
        self._last: dict[str, str] = {}
        self._newest: dict[str, str] = {}
        self._bookmarks: dict[str, Bookmark] = {}
        self.dirty = False

    @classmethod
    def load(cls, path: Path | None = None) -> tuple[ReadingState, list[Problem]]:
        """The state on disk, or a fresh one; a damaged file is moved aside with a warning."""
        state = cls(path or state_path())
        try:
            raw = state.path.read_bytes()
        except FileNotFoundError:
            return state, []
        except OSError as error:
            return state, [Problem(str(state.path), 0, f"cannot read the reading state: {error.strerror}", "warning")]
        try:
            state._read(yamlio.load(raw.decode("utf-8")))
        except (yaml.YAMLError, UnicodeDecodeError, StateError) as error:
            line = 0
            mark = getattr(error, "problem_mark", None)
            if mark is not None:
                line = mark.line + 1
            aside = _set_aside(state.path)
            fresh = cls(state.path)
            where = f"kept as {aside.name}" if aside else "could not be moved aside"
            message = f"the reading state is damaged ({_reason(error)}); {where}, starting afresh"
            return fresh, [Problem(str(state.path), line, message, "warning")]
        return state, []

    def _read(self, data: Any) -> None:
        if data is None:
            return
        if not isinstance(data, dict):
            raise StateError("not a mapping")
        corpora = data.get("corpora") or {}
        marks = data.get("bookmarks") or []
        if not isinstance(corpora, dict) or not isinstance(marks, list):
            raise StateError("'corpora' must be a mapping and 'bookmarks' a list")
        for name, entry in corpora.items():
            if not isinstance(entry, dict):
                raise StateError(f"corpus {name!r} is not a mapping")
            opened = entry.get("opened") or []
            last = entry.get("last")
            if not isinstance(opened, list) or not all(isinstance(k, str) for k in opened):
                raise StateError(f"corpus {name!r}: 'opened' must be a list of days")
            self._opened[str(name)] = set(opened)
            if isinstance(last, str):
                self._last[str(name)] = last
            if isinstance(entry.get("newest"), str):
                self._newest[str(name)] = entry["newest"]
        for mark in marks:
            if not isinstance(mark, dict):
                raise StateError("a bookmark is not a mapping")
            try:
                bookmark = Bookmark(**{k: str(v) for k, v in mark.items()})
            except TypeError as error:
                raise StateError(f"a bookmark has the wrong keys ({error})") from None
            self._bookmarks[bookmark.paragraph] = bookmark

    def opened(self, corpus: str) -> set[str]:
        return set(self._opened.get(corpus, ()))

    def mark_opened(self, corpus: str, briefing_key: str) -> bool:
        days = self._opened.setdefault(corpus, set())
        if briefing_key in days:
            return False
        days.add(briefing_key)
        self.dirty = True
        return True

    def last_day(self, corpus: str) -> str | None:
        return self._last.get(corpus)

    def set_last_day(self, corpus: str, briefing_key: str) -> None:
        if self._last.get(corpus) != briefing_key:
            self._last[corpus] = briefing_key
            self.dirty = True

    def newest_seen(self, corpus: str) -> str | None:
        """The newest date (YYYY-MM-DD) the corpus had at the last visit: what came after is new since."""
        return self._newest.get(corpus)

    def set_newest_seen(self, corpus: str, date: str) -> None:
        if self._newest.get(corpus) != date:
            self._newest[corpus] = date
            self.dirty = True

    @property
    def bookmarks(self) -> list[Bookmark]:
        return list(self._bookmarks.values())

    def is_bookmarked(self, paragraph_id: str) -> bool:
        return paragraph_id in self._bookmarks

    def toggle_bookmark(self, paragraph: Paragraph, series: str, date: str) -> bool:
        """Bookmark a paragraph, or remove its bookmark; True when it is now bookmarked."""
        self.dirty = True
        if self._bookmarks.pop(paragraph.id, None) is not None:
            return False
        added = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self._bookmarks[paragraph.id] = Bookmark(paragraph.id, series, date, paragraph.text, added)
        return True

    def remove_bookmark(self, paragraph_id: str) -> bool:
        if self._bookmarks.pop(paragraph_id, None) is None:
            return False
        self.dirty = True
        return True

    def to_data(self) -> dict[str, Any]:
        return {
            "version": VERSION,
            "corpora": {
                name: {
                    "opened": sorted(self._opened.get(name, ())),
                    **({"last": self._last[name]} if name in self._last else {}),
                    **({"newest": self._newest[name]} if name in self._newest else {}),
                }
                for name in sorted({*self._opened, *self._newest})
            },
            "bookmarks": [asdict(b) for b in self._bookmarks.values()],
        }

    def save(self) -> Problem | None:
        """Replace the file atomically: a temporary file beside it, synced, then renamed over it."""
        text = yamlio.dump(self.to_data())
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".state-", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write(text)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(temporary, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
            _sync_folder(self.path.parent)
        except OSError as error:
            return Problem(str(self.path), 0, f"cannot save the reading state: {error.strerror or error}", "warning")
        self.dirty = False
        return None


def _sync_folder(folder: Path) -> None:
    # The rename itself is made durable by syncing the folder; not every system allows opening one.
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _set_aside(path: Path) -> Path | None:
    """Move a damaged file to ``.bak`` (``.bak.1``, … if that exists): never overwrite what the user had."""
    candidate = path.with_name(path.name + ".bak")
    number = 0
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}.bak.{number}")
    try:
        path.replace(candidate)
    except OSError:
        return None
    return candidate


def _reason(error: Exception) -> str:
    if isinstance(error, yaml.YAMLError):
        return "not valid YAML"
    if isinstance(error, UnicodeDecodeError):
        return "not UTF-8"
    return str(error)
