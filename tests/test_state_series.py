"""Read marks and bookmarks kept per series folder, notes on bookmarks, and the file of format 1 (what the release
before wrote, ``fixtures/state/v1.yaml``, made by its own code) taken in whole."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import crisisreader.state
from crisisreader import yamlio
from crisisreader.model import Paragraph
from crisisreader.state import ReadingState, corpus_key, series_folder

V1 = Path(__file__).resolve().parent / "fixtures" / "state" / "v1.yaml"
KYIV, GAZA, SEEDS = "/srv/briefings/kyiv", "/srv/briefings/gaza", "/srv/briefings/seeds"
LIBRARY = corpus_key([KYIV, GAZA])
ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")


def v1_state(tmp_path: Path) -> Path:
    path = tmp_path / "state.yaml"
    shutil.copyfile(V1, path)
    return path


def test_a_file_of_format_1_loads_whole_and_is_rewritten_with_the_old_one_beside_it(tmp_path: Path) -> None:
    path = v1_state(tmp_path)
    state, problems = ReadingState.load(path)
    assert problems == [] and state.migrated == tmp_path / "state.yaml.v1"
    assert (tmp_path / "state.yaml.v1").read_bytes() == V1.read_bytes()
    old = yamlio.load(V1.read_text(encoding="utf-8"))
    new = yamlio.load(path.read_text(encoding="utf-8"))
    assert new["version"] == 2 and not list(tmp_path.glob(".state-*"))
    # Every bookmark, as it was: none is lost, none changed.
    assert [{k: v for k, v in b.items() if k != "folder"} for b in new["bookmarks"]] == old["bookmarks"]
    assert [b.paragraph for b in state.bookmarks] == [b["paragraph"] for b in old["bookmarks"]]
    # Every day opened and the last and newest day of each corpus, kept under the corpus until it is opened.
    assert new["corpora"] == old["corpora"]
    assert state.last_day(LIBRARY) == "gaza/2023-10-09~2" and state.newest_seen(LIBRARY) == "2023-10-09"
    again, problems = ReadingState.load(path)  # a second load leaves it, and makes no second copy
    assert (
        problems == []
        and again.migrated is None
        and sorted(p.name for p in tmp_path.iterdir())
        == [
            "state.yaml",
            "state.yaml.lock",
            "state.yaml.v1",
        ]
    )


def test_opening_a_corpus_of_format_1_gives_its_days_and_bookmarks_their_folders(tmp_path: Path) -> None:
    state, _ = ReadingState.load(v1_state(tmp_path))
    folders = {"kyiv": KYIV, "gaza": GAZA}
    in_corpus = {"kyiv/2022-02-24#3", "gaza/2023-10-09~2#1"}
    assert state.place(LIBRARY, folders, in_corpus.__contains__)
    assert state.opened(KYIV) == {"2022-02-24", "2022-02-25"} and state.opened(GAZA) == {"2023-10-08", "2023-10-09~2"}
    assert state.read_at(KYIV, "2022-02-24") == ""  # format 1 kept no time
    placed = {b.paragraph: b.folder for b in state.bookmarks}
    assert placed == {"seeds/2022-02-08#4": "", "seeds/2022-02-08#5": "", **{p: folders[p[:4]] for p in in_corpus}}
    assert state.bookmark((KYIV, "2022-02-24#3")) is not None
    assert not state.place(LIBRARY, folders, in_corpus.__contains__)  # nothing left to place
    assert state.save() is None
    again, _ = ReadingState.load(state.path)
    assert again.opened(GAZA) == {"2023-10-08", "2023-10-09~2"} and again.read_at(GAZA, "2023-10-08") == ""
    assert [b.folder for b in again.bookmarks] == [b.folder for b in state.bookmarks]
    # The seeds were another corpus: theirs wait, still in the file, for that one to be opened.
    text = state.path.read_text(encoding="utf-8")
    assert "    - seeds/2022-02-07\n" in text and "null" in text
    seeds = corpus_key([SEEDS])
    assert again.place(seeds, {"seeds": SEEDS}, {"seeds/2022-02-08#4"}.__contains__)
    assert again.opened(SEEDS) == {"2022-02-07", "2022-02-08"}
    assert [b.folder for b in again.bookmarks if b.series == "seeds"] == [SEEDS, ""]  # #5 is not in that corpus


def test_an_earlier_copy_is_never_overwritten(tmp_path: Path) -> None:
    path = v1_state(tmp_path)
    (tmp_path / "state.yaml.v1").write_text("the user's own\n", encoding="utf-8")
    state, problems = ReadingState.load(path)
    assert problems == [] and state.migrated == tmp_path / "state.yaml.v1.1"
    assert (tmp_path / "state.yaml.v1").read_text(encoding="utf-8") == "the user's own\n"
    assert (tmp_path / "state.yaml.v1.1").read_bytes() == V1.read_bytes()


def test_a_file_that_cannot_be_rewritten_is_read_all_the_same_and_left_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = v1_state(tmp_path)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(crisisreader.state.os, "replace", refuse)
    state, [problem] = ReadingState.load(path)
    assert problem.severity == "warning" and "new format" in problem.message
    assert len(state.bookmarks) == 4 and state.last_day(LIBRARY) == "gaza/2023-10-09~2"
    assert path.read_bytes() == V1.read_bytes() and not list(tmp_path.glob(".state-*"))
    monkeypatch.undo()
    assert state.save() is None  # once it can be written, the first save writes format 2
    assert yamlio.load(path.read_text(encoding="utf-8"))["version"] == 2


def test_read_marks_belong_to_the_series_folder_and_carry_their_time(tmp_path: Path) -> None:
    state, _ = ReadingState.load(tmp_path / "state.yaml")
    (tmp_path / "kyiv").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "kyiv")
    folder = series_folder(tmp_path / "kyiv")
    assert series_folder(tmp_path / "link") == folder == series_folder(tmp_path / "x" / ".." / "kyiv")
    assert state.mark_opened(folder, "2022-02-24") and not state.mark_opened(folder, "2022-02-24")
    stamp = state.read_at(folder, "2022-02-24")
    assert stamp is not None and ISO.fullmatch(stamp)
    assert state.read_at(folder, "2022-02-25") is None
    assert state.save() is None
    again, _ = ReadingState.load(state.path)
    assert again.read_at(folder, "2022-02-24") == stamp
    assert again.mark_opened(folder, "2022-02-24", read=False) and again.opened(folder) == set()


def test_a_note_is_written_kept_and_merged_with_another_readers_changes(tmp_path: Path) -> None:
    path = tmp_path / "state.yaml"
    state, _ = ReadingState.load(path)
    para = Paragraph("seeds/2022-02-08#4", "Macron met Putin.", "item", 4, 4)
    assert state.toggle_bookmark(para, "seeds", "2022-02-08", SEEDS)
    place = (SEEDS, "2022-02-08#4")
    [mark] = state.bookmarks
    assert mark.place == place and mark.folder == SEEDS
    assert state.save() is None
    other, _ = ReadingState.load(path)
    assert state.set_note(place, "Compare with Scholz's visit") and not state.set_note(
        place, "Compare with Scholz's visit"
    )
    assert not state.set_note((SEEDS, "2022-02-08#9"), "no such bookmark")
    assert state.save() is None
    other.mark_opened(SEEDS, "2022-02-08")
    assert other.save() is None  # the other reader saw no note: its save keeps the one written here
    final, _ = ReadingState.load(path)
    assert final.bookmark(place) is not None and final.bookmark(place).note == "Compare with Scholz's visit"  # type: ignore[union-attr]
    assert final.opened(SEEDS) == {"2022-02-08"}
    assert final.set_note(place, "") and final.save() is None
    assert ReadingState.load(path)[0].bookmarks[0].note == ""


def test_a_series_of_another_name_in_a_library_keeps_its_bookmarks(tmp_path: Path) -> None:
    """Beside another folder named seeds, this one's series is a/seeds: its bookmark is the same one."""
    state, _ = ReadingState.load(tmp_path / "state.yaml")
    alone = Paragraph("seeds/2022-02-08#4", "t", "item", 4, 4)
    state.toggle_bookmark(alone, "seeds", "2022-02-08", SEEDS)
    in_library = Paragraph("briefings/seeds/2022-02-08#4", "t", "item", 4, 4)
    assert not state.toggle_bookmark(in_library, "briefings/seeds", "2022-02-08", SEEDS)  # the same: removed
    assert state.bookmarks == []


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"version: 2\nseries: [a]\n", "'series' a mapping"),
        (b"version: 2\nseries:\n  /a: [x]\n", "series '/a' is not a mapping"),
        (b"version: 2\nseries:\n  /a:\n    read: [x]\n", "'read' must map days"),
        (b"version: 2\nseries:\n  /a:\n    read: {d: [x]}\n", "when 'd' was read is not text"),
    ],
)
def test_a_damaged_series_is_set_aside(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "state.yaml"
    path.write_bytes(content)
    _, [problem] = ReadingState.load(path)
    assert words in problem.message and (tmp_path / "state.yaml.bak").read_bytes() == content


def test_a_file_of_format_1_written_while_the_reader_runs_is_merged_into_the_next_save(tmp_path: Path) -> None:
    """An older crisisreader (another tab of a server not yet upgraded) writes format 1 meanwhile: the save takes in
    its days and bookmarks with its own (and does not wait on the lock it holds itself)."""
    path = tmp_path / "state.yaml"
    state, _ = ReadingState.load(path)
    state.toggle_bookmark(Paragraph("seeds/2022-02-08#1", "t", "item", 1, 1), "seeds", "2022-02-08", SEEDS)
    assert state.save() is None
    shutil.copyfile(V1, path)
    state.mark_opened(SEEDS, "2022-02-07")
    assert state.save() is None
    final, problems = ReadingState.load(path)
    assert problems == [] and len(final.bookmarks) == 4  # the older one dropped ours; the fixture's four are kept
    assert final.opened(SEEDS) == {"2022-02-07"} and final.last_day(LIBRARY) == "gaza/2023-10-09~2"
