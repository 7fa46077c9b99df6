"""The parse cache: a second start reuses it, a changed file is parsed again, a damaged cache is rebuilt."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from crisisreader import load as load_module
from crisisreader.cache import ParseCache, cache_path
from crisisreader.load import load, load_latest

if TYPE_CHECKING:
    from conftest import Spy

Write = Callable[..., Path]


def test_a_second_load_parses_nothing_and_gives_the_same_corpus(spy: Spy, seed_copy: Callable[[str], Path]) -> None:
    folder = seed_copy("daily")
    first = load([folder], cache=True)
    assert cache_path([folder]).exists()
    parsed = spy(load_module, "parse_file")
    second = load([folder], cache=True)
    assert parsed == []
    assert second.series == first.series and not second.problems
    # A changed file (new size and time) is parsed again; the other comes from the cache.
    changed = folder / "000_c64a3d11e63923c3.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nA late item.\n", encoding="utf-8")
    third = load([folder], cache=True)
    assert [file.name for file, _ in parsed] == ["000_c64a3d11e63923c3.txt"]
    assert third.briefings[-1].items[-1].text == "A late item."


@pytest.mark.parametrize("damage", [b"garbage", b"crisisreader-cache\n\x00\x01" + b"\x00" * 40, None])
def test_a_damaged_or_foreign_cache_is_rebuilt_with_a_warning(
    damage: bytes | None, seed_copy: Callable[[str], Path]
) -> None:
    folder = seed_copy("daily")
    expected = load([folder], cache=True)
    path = cache_path([folder])
    data = path.read_bytes()
    # None: a cache whose contents no longer match its digest (a bit flipped on disk).
    path.write_bytes(damage if damage is not None else data[:-10] + bytes(10))
    rebuilt = load([folder], cache=True)
    assert rebuilt.series == expected.series
    [warning] = rebuilt.problems
    assert warning.severity == "warning" and "rebuilt" in warning.message and warning.path == str(path)
    assert path.with_suffix(".bad").exists()
    assert not load([folder], cache=True).problems


def test_an_unreadable_file_is_not_cached(tmp_path: Path, write: Write) -> None:
    write("s/good.txt", " date 2022-03-01 Fine.\n")
    write("s/bad.txt", "no header\n")
    load([tmp_path / "s"], cache=True)
    cache = ParseCache.open([tmp_path / "s"])
    assert sorted(Path(name).name for name in cache.entries) == ["bad.txt", "good.txt"]
    corpus = load([tmp_path / "s"], cache=True)
    assert any("no date header" in p.message for p in corpus.problems)


def test_the_newest_day_is_remembered_until_a_folder_changes(seed_copy: Callable[[str], Path]) -> None:
    folder = seed_copy("daily")
    assert [b.key for b in load_latest([folder]).briefings] == ["daily/2022-02-08"]
    load([folder], cache=True)
    assert [b.key for b in load_latest([folder]).briefings] == ["daily/2022-02-08"]
    (folder / "next.txt").write_text(" date 2022-02-09 Tomorrow.\n", encoding="utf-8")
    stat = os.stat(folder)
    os.utime(folder, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert [b.key for b in load_latest([folder]).briefings] == ["daily/2022-02-09"]
