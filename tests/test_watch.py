"""Noticing files added, changed and removed, only once they have stopped changing."""

from __future__ import annotations

import os
from pathlib import Path

from crisisreader.model import Problem
from crisisreader.watch import FolderWatch, young


def test_a_new_file_is_reported_once_it_has_settled(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(" date 2022-03-01 A.\n", encoding="utf-8")
    watch = FolderWatch([tmp_path])
    assert watch.poll() == set()
    new = tmp_path / "b.txt"
    new.write_text(" date 2022-03-02 B", encoding="utf-8")
    assert watch.poll() == set()  # seen changing: wait one poll
    with new.open("a", encoding="utf-8") as handle:
        handle.write(" still being written.\n")
    assert watch.poll() == set()  # it changed again: wait again
    assert watch.poll() == {new}
    assert watch.poll() == set()


def test_changed_and_removed_files_are_reported(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text(" date 2022-03-01 A.\n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("not a briefing", encoding="utf-8")
    watch = FolderWatch([tmp_path])
    a.write_text(" date 2022-03-01 A, longer.\n", encoding="utf-8")
    (tmp_path / "other.csv").write_text("not a briefing either", encoding="utf-8")
    watch.poll()
    assert watch.poll() == {a}
    a.unlink()
    watch.poll()
    assert watch.poll() == {a}


def test_retry_looks_again_at_the_next_poll(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("", encoding="utf-8")
    watch = FolderWatch([tmp_path])
    watch.retry(a)
    assert watch.poll() == {a}


def test_only_recent_files_are_young(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("", encoding="utf-8")
    problem = Problem(str(a), 1, "empty file")
    assert young(problem)
    os.utime(a, (0, 0))
    assert not young(problem)
    assert not young(Problem(str(tmp_path / "gone.txt"), 1, "empty file"))
