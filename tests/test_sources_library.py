"""The library: plain briefing files per series, sources.yaml beside them, editions, -2 files, atomic and locked."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from pathlib import Path

import pytest
import yaml

from crisisreader.load import load
from crisisreader.sources.library import Library, briefing_text, edition_files, library_root, slug, write_atomic
from crisisreader.sources.taken import Taken

DAY = dt.date(2024, 3, 12)


def taken(key: str, *paragraphs: str, date: dt.date = DAY) -> Taken:
    return Taken(key, date, paragraphs or ("The ferry ran on time.",), "A title", key)


def test_library_root_follows_xdg_and_ignores_a_relative_one(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert library_root() == tmp_path / "crisisreader" / "library"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/dir")
    assert library_root() == Path.home() / ".local" / "share" / "crisisreader" / "library"


def test_slug_is_folder_safe() -> None:
    assert slug("The Varnsund Morning Brief") == "the-varnsund-morning-brief"
    assert slug("Éditions / Spéciales: ../..") == "editions-speciales"
    assert slug("///") == "briefings"


def test_written_file_is_read_back_by_the_parser(tmp_path: Path) -> None:
    library = Library(tmp_path)
    [written] = library.put("harbour", [taken("http://127.0.0.1/a", "First paragraph.", "Second paragraph.")])
    assert written.status == "added" and written.path == tmp_path / "harbour" / "2024-03-12.txt"
    corpus = load([tmp_path])
    [briefing] = corpus.briefings
    assert briefing.series == "harbour" and briefing.date == DAY
    assert [p.text for p in briefing.paragraphs] == ["First paragraph.", "Second paragraph."]
    record = yaml.safe_load((tmp_path / "harbour" / "sources.yaml").read_text())
    [entry] = record["briefings"]
    assert entry["url"] == "http://127.0.0.1/a" and entry["file"] == "2024-03-12.txt" and len(entry["sha256"]) == 64
    assert "fetched_at" in entry


def test_same_source_twice_is_unchanged(tmp_path: Path) -> None:
    library = Library(tmp_path)
    library.put("harbour", [taken("k")])
    before = (tmp_path / "harbour" / "2024-03-12.txt").stat().st_mtime_ns
    [again] = library.put("harbour", [taken("k")])
    assert again.status == "unchanged"
    assert (tmp_path / "harbour" / "2024-03-12.txt").stat().st_mtime_ns == before


def test_a_second_source_on_the_same_day_gets_its_own_file(tmp_path: Path) -> None:
    library = Library(tmp_path)
    library.put("harbour", [taken("page-a", "From page A.")])
    [second] = library.put("harbour", [taken("page-b", "From page B.")])
    [third] = library.put("harbour", [taken("page-c", "From page C.")])
    assert second.path.name == "2024-03-12-2.txt" and third.path.name == "2024-03-12-3.txt"
    assert "From page A." in (tmp_path / "harbour" / "2024-03-12.txt").read_text()


def test_changed_text_is_a_new_edition_and_the_loader_skips_editions(tmp_path: Path) -> None:
    library = Library(tmp_path)
    library.put("harbour", [taken("live", "Morning text.")])
    [updated] = library.put("harbour", [taken("live", "Morning text.", "Afternoon addition.")])
    assert updated.status == "updated" and updated.path.name == "2024-03-12.txt"
    [old] = edition_files(tmp_path / "harbour", "2024-03-12.txt")
    assert old.name == "2024-03-12.1.txt" and "Afternoon" not in old.read_text()
    corpus = load([tmp_path / "harbour"])
    assert len(corpus.briefings) == 1
    assert [p.text for p in corpus.briefings[0].paragraphs] == ["Morning text.", "Afternoon addition."]


def test_a_paragraph_that_reads_as_a_date_line_does_not_start_a_briefing(tmp_path: Path) -> None:
    text = briefing_text(DAY, ("date 2020-01-01 was the day it began.", "Next."))
    path = tmp_path / "s" / "x.txt"
    write_atomic(path, text)
    assert len(load([path]).briefings) == 1


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s" / "a.txt"
    write_atomic(path, "old text")

    def broken(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_atomic(path, "new text")
    assert path.read_text() == "old text"
    assert sorted(p.name for p in path.parent.iterdir()) == ["a.txt"]


def _writer(root: str, tag: str) -> None:
    library = Library(Path(root))
    for number in range(15):
        library.put("shared", [taken(f"{tag}-{number}", f"Text {tag} {number}.")])


def test_two_processes_never_lose_each_others_briefings(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_writer, args=(str(tmp_path), tag)) for tag in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
        assert worker.exitcode == 0
    record = yaml.safe_load((tmp_path / "shared" / "sources.yaml").read_text())
    keys = {entry["key"] for entry in record["briefings"]}
    files = {entry["file"] for entry in record["briefings"]}
    assert len(keys) == 30 and len(files) == 30
    assert len(list((tmp_path / "shared").glob("2024-03-12*.txt"))) == 30
