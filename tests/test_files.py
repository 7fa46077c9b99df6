"""What is read, and how: only regular files, never without a bound; paths and folders named when they fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crisisreader.cache import cache_home
from crisisreader.config import config_path
from crisisreader.load import load
from crisisreader.model import Problem
from crisisreader.state import state_path

BRIEFING = " date 2024-05-02 Background.\n\nMay 2: What you need to know today\n\nAn item.\n"


def run(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crisisreader", *args], capture_output=True, text=True, timeout=timeout, check=False
    )


def test_a_fifo_in_a_folder_is_named_and_skipped_and_nothing_waits(tmp_path: Path) -> None:
    folder = tmp_path / "war"
    folder.mkdir()
    (folder / "2024-05-02.txt").write_text(BRIEFING, encoding="utf-8")
    os.mkfifo(folder / "x.txt")  # nobody ever writes to it: opening it for reading would wait forever
    done = run("days", "--json", str(folder))
    assert done.returncode == 0
    assert "x.txt: error: not a regular file" in done.stderr
    assert '"2024-05-02"' in done.stdout


def test_a_fifo_reached_through_a_linked_folder_is_skipped(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    os.mkfifo(real / "pipe.md")
    (real / "2024-05-02.txt").write_text(BRIEFING, encoding="utf-8")
    top = tmp_path / "top"
    top.mkdir()
    (top / "linked").symlink_to(real, target_is_directory=True)
    corpus = load([top])
    assert [b.date.isoformat() for b in corpus.briefings] == ["2024-05-02"]
    assert any("pipe.md" in p.path and "not a regular file" in p.message for p in corpus.problems)


def test_a_device_is_not_read_at_all() -> None:
    corpus = load([Path("/dev/zero")])
    assert corpus.briefings == ()
    assert [(p.path, p.message.split(" (")[0]) for p in corpus.problems] == [("/dev/zero", "not a regular file")]


def test_a_file_over_the_limit_is_refused_after_a_bounded_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import crisisreader.load as loading

    monkeypatch.setattr(loading, "MAX_BYTES", 100)
    big = tmp_path / "s" / "2024-05-02.txt"
    big.parent.mkdir()
    big.write_text(BRIEFING + "x" * 200, encoding="utf-8")
    corpus = load([big.parent])
    assert corpus.briefings == ()
    assert any("too large" in p.message for p in corpus.problems)


def test_a_missing_path_is_named_once_without_a_line(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    done = run("show", "2022-02-07", str(missing))
    assert done.returncode == 2
    assert f"{missing}: error: no such file or folder" in done.stderr
    assert f"{missing}:0" not in done.stderr
    assert done.stderr.count(str(missing)) == 1
    assert "no briefing on" not in done.stderr


def test_an_empty_folder_says_what_it_lacks(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    done = run("days", str(tmp_path))
    assert done.returncode == 2
    assert f"{tmp_path}: warning: holds no briefing files (*.txt, *.md)" in done.stderr


def test_a_problem_of_a_whole_file_has_no_line_number() -> None:
    assert str(Problem("a.txt", 0, "gone")) == "a.txt: error: gone"
    assert str(Problem("a.txt", 3, "bad date")) == "a.txt:3: error: bad date"


@pytest.mark.parametrize(
    ("variable", "where", "default"),
    [
        ("XDG_CACHE_HOME", cache_home, (".cache", "crisisreader")),
        ("XDG_STATE_HOME", lambda: state_path().parent, (".local", "state", "crisisreader")),
        ("XDG_CONFIG_HOME", lambda: config_path().parent, (".config", "crisisreader")),
    ],
)
def test_a_relative_xdg_folder_is_ignored(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, variable: str, where: object, default: tuple[str, ...]
) -> None:
    assert callable(where)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv(variable, "relative/cache")
    assert where() == tmp_path.joinpath(*default)
    monkeypatch.setenv(variable, str(tmp_path / "abs"))
    assert where() == tmp_path / "abs" / "crisisreader"
