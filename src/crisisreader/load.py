"""Paths -> a Corpus and its problems: folders walked, encodings guessed, editions numbered, series named.

A file's series is the folder it lies in, named after that folder. Every problem names a file and a line; a
bad file is skipped and the others still load.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from crisisreader.cache import ParseCache, read_newest, write_newest
from crisisreader.diff import split_headless
from crisisreader.fileio import NotRegular, read_bounded
from crisisreader.model import Briefing, Corpus, Paragraph, Problem, Series, briefing_key
from crisisreader.parse import DATE_LINE, parse_text

_HEAD_DATE = re.compile(DATE_LINE.pattern, re.IGNORECASE | re.MULTILINE)
SUFFIXES = frozenset({".txt", ".md"})
MAX_BYTES = 50 * 1024 * 1024


def bundled_seeds() -> Path:
    """The seed briefings shipped inside the package (or, in a source checkout, the top-level ``seeds/``)."""
    packaged = Path(str(resources.files("crisisreader"))) / "data" / "seeds"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "seeds"


def find_files(paths: Iterable[Path], problems: list[Problem]) -> list[tuple[Path, Path]]:
    """Every briefing file under ``paths`` as (file, folder it belongs to), hidden ones skipped, each once."""
    found: list[tuple[Path, Path]] = []
    # A file reached twice (two paths given, or through a linked folder) is one file: the real path of its
    # folder and its name say so, at the cost of one lookup a folder rather than one a file.
    seen: set[tuple[str, str]] = set()
    real_folders: dict[str, str] = {}

    def first_time(folder: str, name: str) -> bool:
        real = real_folders.get(folder)
        if real is None:
            real = real_folders[folder] = os.path.realpath(folder)
        if (real, name) in seen:
            return False
        seen.add((real, name))
        return True

    for path in paths:
        if not path.exists():
            problems.append(Problem(str(path), 0, "no such file or folder"))
        elif path.is_dir():
            inside = [(Path(f, n), Path(f)) for f, n in _walk(path, problems)]
            if not inside:
                problems.append(Problem(str(path), 0, "holds no briefing files (*.txt, *.md)", "warning"))
            found += [(file, folder) for file, folder in inside if first_time(str(folder), file.name)]
        elif first_time(str(path.absolute().parent), path.name):
            found.append((path, path.absolute().parent))
    return found


def _walk(top: Path, problems: list[Problem]) -> Iterator[tuple[str, str]]:
    """(folder, file name) of every briefing file below ``top``, hidden ones left out, link loops cut."""
    visited: set[tuple[int, int]] = set()

    def on_error(error: OSError) -> None:
        problems.append(Problem(str(error.filename or top), 0, f"cannot read folder: {error.strerror}"))

    for folder, dirs, files in os.walk(top, followlinks=True, onerror=on_error):
        try:
            info = os.stat(folder)
        except OSError:
            dirs.clear()
            continue
        # A symbolic link back up the tree would otherwise be walked forever.
        if (info.st_dev, info.st_ino) in visited:
            dirs.clear()
            continue
        visited.add((info.st_dev, info.st_ino))
        # A library series keeps its earlier editions in editions/ beside its sources.yaml: not days to read.
        library_series = "sources.yaml" in files
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (library_series and d == "editions"))
        for name in sorted(files):
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in SUFFIXES:
                yield folder, name


def read_text(path: Path, problems: list[Problem]) -> str | None:
    """A file's text, or None with a problem: not a regular file, too large, binary, unreadable; cp1252 is a
    warning."""
    try:
        data = read_bounded(path, MAX_BYTES + 1)
    except NotRegular:
        problems.append(Problem(str(path), 0, "not a regular file (a FIFO, device or socket): skipped"))
        return None
    except OSError as error:
        problems.append(Problem(str(path), 0, f"cannot read file: {error.strerror or error}"))
        return None
    if len(data) > MAX_BYTES:
        problems.append(Problem(str(path), 0, "file too large (over 50 MB, the limit)"))
        return None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        problems.append(Problem(str(path), line, "binary file (a NUL byte): not a briefing"))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(Problem(str(path), line, "not UTF-8: read as Windows-1252", "warning"))
        return data.decode("cp1252", errors="replace")


def load(paths: Iterable[Path | str] | None = None, cache: bool = False) -> Corpus:
    """Load files and folders (the bundled seeds when none are given) into a Corpus.

    With ``cache``, files unchanged since the last load (same size and modification time) are not parsed again.
    """
    given = [Path(p) for p in paths] if paths is not None else []
    if not given:
        given = [bundled_seeds()]
    problems: list[Problem] = []
    files = find_files(given, problems)
    parsed = ParseCache.open(given) if cache else None
    if parsed is not None and parsed.warning:
        problems.append(Problem(str(parsed.path), 0, parsed.warning, "warning"))
    names = _series_names({folder for _, folder in files})
    by_series: dict[str, list[Briefing]] = {}
    roots: dict[str, str] = {}
    for file, folder in files:
        name = names[folder]
        roots[name] = str(folder)
        hit = parsed.get(file, name) if parsed is not None else None
        if hit is None:
            briefings, found = parse_file(file, name)
            if parsed is not None:
                parsed.put(file, briefings, found)
        else:
            briefings, found = hit
        problems.extend(found)
        by_series.setdefault(name, []).extend(briefings)
    series = tuple(
        Series(name, roots[name], split_headless(_number_editions(briefings, problems)))
        for name, briefings in sorted(by_series.items())
        if briefings
    )
    corpus = Corpus(series, tuple(problems))
    if parsed is not None:
        parsed.save()
        remember_newest(given, corpus, roots.values())
    return corpus


def remember_newest(given: list[Path], corpus: Corpus, folders: Iterable[str] = ()) -> None:
    """Note which files hold the corpus' newest day, for the next start to paint it first (see load_latest);
    ``folders``: every series folder read, with or without briefings."""
    every = corpus.briefings
    if every:
        newest = every[-1].date.isoformat()
        holding = sorted({(b.path, b.series) for b in every if b.date.isoformat() == newest})
        write_newest(given, newest, holding, [*folders, *(s.root for s in corpus.series)])


def parse_file(file: Path, series: str) -> tuple[list[Briefing], list[Problem]]:
    problems: list[Problem] = []
    text = read_text(file, problems)
    if text is None:
        return [], problems
    briefings, found = parse_text(text, str(file), series)
    return briefings, problems + found


def load_latest(paths: Iterable[Path | str] | None = None) -> Corpus:
    """Only the newest day, found by reading the head of each file: what the reader paints first.

    A file's first date header decides; the full load that follows corrects the rare file whose later
    briefings are newer.
    """
    given = [Path(p) for p in paths] if paths is not None else []
    if not given:
        given = [bundled_seeds()]
    remembered = read_newest(given)
    if remembered is not None:
        newest, chosen = remembered
        return _only(newest, [(Path(file), series) for file, series in chosen])
    files = find_files(given, [])
    names = _series_names({folder for _, folder in files})
    dated: list[tuple[str, Path, Path]] = []
    for file, folder in files:
        try:
            head = read_bounded(file, 512)
        except OSError:
            continue
        match = _HEAD_DATE.search(head.decode("utf-8", errors="replace").lstrip("\ufeff"))
        if match is not None:
            dated.append(("-".join(part.zfill(2) for part in match.groups()[:3]), file, folder))
    if not dated:
        return Corpus(())
    newest = max(date for date, _, _ in dated)
    return _only(newest, [(file, names[folder]) for date, file, folder in dated if date == newest])


def _only(date: str, files: list[tuple[Path, str]]) -> Corpus:
    """A corpus of one day's briefings, from the files that hold it."""
    by_series: dict[str, list[Briefing]] = {}
    # A series is the files of one folder: the file's own names it, as the full load does (what read marks and
    # bookmarks are kept under, so the first day painted already shows them).
    roots: dict[str, str] = {}
    for file, series in files:
        briefings, _ = parse_file(file, series)
        roots.setdefault(series, str(file.absolute().parent))
        by_series.setdefault(series, []).extend(b for b in briefings if b.date.isoformat() == date)
    return Corpus(tuple(Series(name, roots[name], tuple(b)) for name, b in sorted(by_series.items()) if b))


def _series_names(folders: set[Path]) -> dict[Path, str]:
    """Each folder's series name: its own name, with parents added only where two folders share one."""
    names: dict[Path, str] = {}
    depth = 1
    pending = sorted(folders, key=str)
    while pending:
        candidates = {f: "/".join(f.absolute().parts[-depth:]) or str(f) for f in pending}
        counts: dict[str, int] = {}
        for name in candidates.values():
            counts[name] = counts.get(name, 0) + 1
        still: list[Path] = []
        for folder, name in candidates.items():
            if counts[name] == 1 or depth >= len(folder.absolute().parts):
                names[folder] = name
            else:
                still.append(folder)
        pending = still
        depth += 1
    return names


def _number_editions(briefings: list[Briefing], problems: list[Problem]) -> tuple[Briefing, ...]:
    """Sort by date (stable: file order within a date) and number second editions of a date, with a warning."""
    ordered = sorted(briefings, key=lambda b: b.date)
    out: list[Briefing] = []
    editions: dict[object, int] = {}
    for briefing in ordered:
        edition = editions.get(briefing.date, 0) + 1
        editions[briefing.date] = edition
        if edition == 1:
            out.append(briefing)
            continue
        if edition == 2:
            problems.append(
                Problem(
                    briefing.path,
                    briefing.line,
                    f"a second briefing of {briefing.series} on {briefing.date.isoformat()}: both kept, "
                    "as editions in file order",
                    "warning",
                )
            )
        out.append(_as_edition(briefing, edition))
    return tuple(out)


def _as_edition(briefing: Briefing, edition: int) -> Briefing:
    key = briefing_key(briefing.series, briefing.date, edition)

    def renamed(paragraphs: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
        return tuple(dataclasses.replace(p, id=f"{key}#{p.index}") for p in paragraphs)

    return dataclasses.replace(
        briefing, edition=edition, background=renamed(briefing.background), items=renamed(briefing.items)
    )
