"""A cache of parsed files in the XDG cache folder, so a second start of the same corpus skips the parsing.

Each file's entry is keyed by its size and modification time; the cache file carries a format tag and a digest
of its contents, so a corrupt, foreign or older cache is noticed, set aside with a warning and rebuilt. It is
safe to delete at any time, and it is written atomically.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from crisisreader.model import Briefing, Paragraph, Problem, Section, briefing_key
from crisisreader.xdg import app_home

T = TypeVar("T")

MAGIC = b"crisisreader-cache\n"
FORMAT = 1
_DIGEST = 32

# One file's parse, in plain values: size, modification time, its problems and its briefings.
RawBriefing = tuple[int, int, str | None, str | None, list[tuple[str, int]]]
Entry = tuple[int, int, list[tuple[int, str, str]], list[RawBriefing]]


def cache_home() -> Path:
    return app_home("XDG_CACHE_HOME")


def cache_path(roots: Iterable[Path]) -> Path:
    """One cache file for each set of opened paths."""
    key = "\n".join(sorted(str(Path(root).absolute()) for root in roots))
    return cache_home() / f"parsed-{hashlib.sha1(key.encode()).hexdigest()[:16]}.bin"


def _encode(briefings: list[Briefing], problems: list[Problem], size: int, mtime: int) -> Entry:
    return (
        size,
        mtime,
        [(p.line, p.message, p.severity) for p in problems],
        [
            (
                b.date.toordinal(),
                b.line,
                b.heading,
                b.footer,
                [(p.text, p.line * 2 + (p.section == "background")) for p in b.paragraphs],
            )
            for b in briefings
        ],
    )


def _decode(entry: Entry, path: str, series: str) -> tuple[list[Briefing], list[Problem]]:
    _, _, raw_problems, raw_briefings = entry
    problems = [Problem(path, line, message, "warning" if severity == "warning" else "error")
                for line, message, severity in raw_problems]  # fmt: skip
    briefings = []
    for ordinal, line, heading, footer, paragraphs in raw_briefings:
        date = dt.date.fromordinal(ordinal)
        key = briefing_key(series, date)
        background: list[Paragraph] = []
        items: list[Paragraph] = []
        for index, (text, packed) in enumerate(paragraphs, 1):
            section: Section = "background" if packed & 1 else "item"
            paragraph = Paragraph(f"{key}#{index}", text, section, packed >> 1, index)
            (background if packed & 1 else items).append(paragraph)
        briefings.append(Briefing(series, date, path, line, heading, tuple(background), tuple(items), footer))
    return briefings, problems


@dataclass
class ParseCache:
    """The cached parses of one corpus: read once at start, written back once after the load."""

    path: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    fresh: dict[str, Entry] = field(default_factory=dict)
    warning: str | None = None
    hits: int = 0

    @classmethod
    def open(cls, roots: Iterable[Path]) -> ParseCache:
        path = cache_path(roots)
        cache = cls(path)
        entries, cache.warning = read_cache(path, _unpack, "the cache", "parsing afresh")
        if entries is not None:
            cache.entries = entries
        return cache

    def get(self, file: Path, series: str) -> tuple[list[Briefing], list[Problem]] | None:
        name = str(file)
        entry = self.entries.get(name)
        if entry is None:
            return None
        try:
            stat = os.stat(file)
            if (entry[0], entry[1]) != (stat.st_size, stat.st_mtime_ns):
                return None
            decoded = _decode(entry, name, series)
        except (OSError, TypeError, ValueError, IndexError, OverflowError):
            return None
        self.fresh[name] = entry
        self.hits += 1
        return decoded

    def put(self, file: Path, briefings: list[Briefing], problems: list[Problem]) -> None:
        try:
            stat = os.stat(file)
        except OSError:
            return
        # A file that failed to read (unreadable, too large) is not cached: it is tried again next time.
        if any(p.message.startswith(("cannot read", "file too large")) for p in problems):
            return
        self.fresh[str(file)] = _encode(briefings, problems, stat.st_size, stat.st_mtime_ns)

    def save(self) -> None:
        """Write what this load used, atomically; a cache that cannot be written is only a slower next start."""
        if self.fresh == self.entries:
            return
        write_atomic(self.path, frame(marshal.dumps(self.fresh)), ".parsed-")


def read_cache(path: Path, unpack: Callable[[bytes], T | None], name: str, afresh: str) -> tuple[T | None, str | None]:
    """A cache file's contents, or None and a warning: when it cannot be read, or when ``unpack`` finds it is not
    what this version writes (it is then set aside as ``.bad``, to be rebuilt). A missing file is None alone."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError as error:
        return None, f"cannot read {name} ({error.strerror}): {afresh}"
    found = unpack(data)
    if found is None:
        with contextlib.suppress(OSError):
            path.replace(path.with_suffix(".bad"))
        return None, f"{name} is damaged or from another version: rebuilt"
    return found, None


def frame(payload: bytes, magic: bytes = MAGIC, version: int = FORMAT) -> tuple[bytes, bytes]:
    """A cache file's bytes, in two parts (a payload of tens of megabytes is not copied to join them): a tag naming
    what it holds and its format, with a digest of the payload; then the payload."""
    return magic + version.to_bytes(2, "big") + hashlib.blake2b(payload, digest_size=_DIGEST).digest(), payload


def unframe(data: bytes, magic: bytes = MAGIC, version: int = FORMAT) -> memoryview | None:
    """The payload of a cache file (a view, not a copy), or None when its tag, format or digest is not what this
    version writes."""
    start = len(magic) + 2
    if not data.startswith(magic) or int.from_bytes(data[len(magic) : start], "big") != version:
        return None
    view = memoryview(data)
    digest, payload = view[start : start + _DIGEST], view[start + _DIGEST :]
    if hashlib.blake2b(payload, digest_size=_DIGEST).digest() != digest:
        return None
    return payload


def write_atomic(path: Path, data: bytes | tuple[bytes, ...], prefix: str) -> None:
    """Write a cache file (given whole or in parts) whole or not at all; a cache that cannot be written is only
    a slower next start."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                for part in (data,) if isinstance(data, bytes) else data:
                    out.write(part)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError:
        return


def _unpack(data: bytes) -> dict[str, Entry] | None:
    """The entries of a cache file, or None when anything about it is not what this version wrote."""
    payload = unframe(data)
    if payload is None:
        return None
    try:
        entries = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(entries, dict) or not all(
        isinstance(k, str) and isinstance(v, tuple) and len(v) == 4 for k, v in entries.items()
    ):
        return None
    return entries


def _newest_path(roots: Iterable[Path]) -> Path:
    return cache_path(roots).with_name(cache_path(roots).name.replace("parsed-", "newest-"))


def _folder_stamps(folders: Iterable[str]) -> dict[str, int] | None:
    stamps: dict[str, int] = {}
    for folder in folders:
        try:
            stamps[folder] = os.stat(folder).st_mtime_ns
        except OSError:
            return None
    return stamps


def write_newest(roots: list[Path], date: str, files: list[tuple[str, str]], folders: Iterable[str]) -> None:
    """Remember which files hold the newest day, so the next start paints it without reading every file."""
    stamps = _folder_stamps({*folders, *(str(r) for r in roots)})
    if stamps is None:
        return
    write_atomic(_newest_path(roots), marshal.dumps((FORMAT, date, files, stamps)), ".newest-")


def read_newest(roots: list[Path]) -> tuple[str, list[tuple[str, str]]] | None:
    """The newest day and its (file, series), if no folder changed since it was written; else None."""
    try:
        version, date, files, stamps = marshal.loads(_newest_path(roots).read_bytes())
        if version != FORMAT or not isinstance(stamps, dict) or _folder_stamps(stamps) != stamps:
            return None
        return str(date), [(str(file), str(series)) for file, series in files]
    except (OSError, EOFError, ValueError, TypeError):
        return None
