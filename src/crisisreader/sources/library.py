"""The library: one folder per series of ordinary briefing files, and a ``sources.yaml`` saying where each came from.

Every write is a temporary file and ``os.replace``, so a reader watching the folder never sees half a file; a
lock file per series (``fcntl.flock``) keeps two processes from writing one series at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import os
import re
import shutil
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from crisisreader import yamlio
from crisisreader.parse import DATE_LINE
from crisisreader.sources.taken import Taken

Status = Literal["added", "updated", "unchanged", "failed"]
RECORD = "sources.yaml"
EDITIONS = "editions"
_LOCK = ".lock"


def library_root() -> Path:
    """``$XDG_DATA_HOME/crisisreader/library``; ``~/.local/share`` when the variable is unset or relative."""
    base = os.environ.get("XDG_DATA_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".local" / "share"
    return root / "crisisreader" / "library"


def default_paths(folders: tuple[Path, ...] | list[Path], root: Path | None = None) -> list[Path]:
    """What opens with no PATH: the config's folders and the library together (empty: the bundled seeds)."""
    library = root or library_root()
    has_series = library.is_dir() and any(p.is_dir() and not p.name.startswith(".") for p in library.iterdir())
    return [*folders, library] if has_series else list(folders)


def slug(name: str) -> str:
    """A folder-safe series name: 'The Kyiv Daily — Briefing' -> 'the-kyiv-daily-briefing'."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    cleaned = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return cleaned[:60].strip("-") or "briefings"


def briefing_text(date: dt.date, paragraphs: tuple[str, ...]) -> str:
    """The file the parser reads: a date line, then one paragraph a line with blank lines between."""
    lines = [f"date {date.isoformat()}", ""]
    for paragraph in paragraphs:
        flat = " ".join(paragraph.split())
        # A paragraph that reads as a date line would start a briefing of its own.
        if DATE_LINE.match(flat):
            flat = "(" + flat + ")"
        lines += [flat, ""]
    return "\n".join(lines)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_atomic(path: Path, text: str) -> None:
    """Write beside the target under a hidden name the loader skips, then replace it in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


@dataclass(frozen=True, slots=True)
class Written:
    """What became of one briefing taken in."""

    key: str
    date: dt.date
    path: Path
    status: Status
    paragraphs: int


@dataclass(slots=True)
class SeriesRecord:
    """The series' ``sources.yaml`` as read under its lock: the briefings' origins and the feeds' HTTP state."""

    folder: Path
    briefings: list[dict[str, Any]] = field(default_factory=list)
    feeds: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> SeriesRecord:
        try:
            data = yamlio.load((folder / RECORD).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(folder)
        if not isinstance(data, dict):
            return cls(folder)
        briefings = [b for b in data.get("briefings") or [] if isinstance(b, dict)]
        feeds = {str(k): v for k, v in (data.get("feeds") or {}).items() if isinstance(v, dict)}
        return cls(folder, briefings, feeds)

    def save(self) -> None:
        write_atomic(self.folder / RECORD, yamlio.dump({"briefings": self.briefings, "feeds": self.feeds}))

    def find(self, key: str, date: dt.date) -> dict[str, Any] | None:
        return next((b for b in self.briefings if b.get("key") == key and b.get("date") == date.isoformat()), None)

    def free_name(self, date: dt.date) -> str:
        """``<date>.txt``, else the first ``<date>-N.txt`` no source holds and no file takes."""
        held = {b.get("file") for b in self.briefings}
        number = 1
        while True:
            name = f"{date.isoformat()}.txt" if number == 1 else f"{date.isoformat()}-{number}.txt"
            if name not in held and not (self.folder / name).exists():
                return name
            number += 1


class Library:
    """The folder of series taken in; every change to a series happens under that series' lock."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or library_root()).expanduser()

    def folder(self, series: str) -> Path:
        return self.root / series

    @contextlib.contextmanager
    def locked(self, series: str) -> Iterator[SeriesRecord]:
        """The series' record, read after the lock is taken and saved before it is let go."""
        folder = self.folder(series)
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / _LOCK, "a+b") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                record = SeriesRecord.read(folder)
                yield record
                record.save()
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)

    def put(self, series: str, taken: list[Taken], origin: dict[str, Any] | None = None) -> list[Written]:
        """Write each briefing: a new source gets its own file, a changed one a new edition, a same one nothing."""
        now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        out: list[Written] = []
        with self.locked(series) as record:
            for item in taken:
                out.append(_put_one(record, item, {**(origin or {}), "fetched_at": now}))
        return out

    def series_names(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and not p.name.startswith("."))


def _put_one(record: SeriesRecord, item: Taken, origin: dict[str, Any]) -> Written:
    text = briefing_text(item.date, item.paragraphs)
    sha = digest(text)
    entry = record.find(item.key, item.date)
    if entry is not None and entry.get("sha256") == sha:
        return Written(item.key, item.date, record.folder / str(entry["file"]), "unchanged", len(item.paragraphs))
    if entry is None:
        name = record.free_name(item.date)
        entry = {"key": item.key, "file": name, "date": item.date.isoformat(), "editions": 0}
        record.briefings.append(entry)
        status: Status = "added"
    else:
        name = str(entry["file"])
        status = "updated"
        _keep_edition(record.folder, name, int(entry.get("editions") or 0) + 1)
        entry["editions"] = int(entry.get("editions") or 0) + 1
    path = record.folder / name
    write_atomic(path, text)
    entry.update({"url": item.url, "title": item.title, "sha256": sha, **origin})
    return Written(item.key, item.date, path, status, len(item.paragraphs))


def _keep_edition(folder: Path, name: str, number: int) -> None:
    """The text being replaced goes to ``editions/<name>.<N>.txt``, which the loader does not read as a day."""
    current = folder / name
    if not current.exists():
        return
    target = folder / EDITIONS / f"{Path(name).stem}.{number}.txt"
    target.parent.mkdir(exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.copyfile(current, temporary)
    os.replace(temporary, target)


def edition_files(folder: Path, name: str) -> list[Path]:
    """The earlier editions of one file of a series, oldest first."""
    stem = Path(name).stem
    found = []
    for path in (folder / EDITIONS).glob(f"{stem}.*.txt"):
        number = path.name[len(stem) + 1 : -4]
        if number.isdigit():
            found.append((int(number), path))
    return [path for _, path in sorted(found)]


_ORIGINS: dict[Path, tuple[int, dict[str, dict[str, Any]]]] = {}


def origin_of(path: str | Path) -> dict[str, Any] | None:
    """Where a file of the library came from (its ``url``, ``title``, ``fetched_at``...), as the ``sources.yaml``
    beside it says; ``None`` for a file no source wrote. The record is read again only when it changed."""
    file = Path(path)
    record = file.parent / RECORD
    try:
        stamp = record.stat().st_mtime_ns
    except OSError:
        return None
    known = _ORIGINS.get(record)
    if known is None or known[0] != stamp:
        try:
            entries = SeriesRecord.read(file.parent).briefings
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return None  # a damaged record: the day reads as a file of one's own; `fetch` names the problem
        known = (stamp, {str(b.get("file")): b for b in entries})
        _ORIGINS[record] = known
    return known[1].get(file.name)
