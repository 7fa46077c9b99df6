"""Bookmarks and read marks belong to the series (its folder): opened alone or in a library, the same ones show.
Notes are written in the reader; ``crisisreader bookmarks`` lists those of the series opened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from crisisreader.cli import main
from crisisreader.config import Config
from crisisreader.state import ReadingState, corpus_key, series_folder
from crisisreader.tui.app import ReaderApp, make_app
from crisisreader.tui.library import work_done
from crisisreader.tui.screens.bookmarks import BookmarksScreen
from crisisreader.tui.screens.help import HelpScreen, key_rows
from crisisreader.tui.screens.note import NoteScreen
from crisisreader.tui.widgets.day_view import DayView

V1 = Path(__file__).resolve().parent / "fixtures" / "state" / "v1.yaml"


def copy_seeds(seeds: Path, folder: Path) -> Path:
    folder.mkdir(parents=True)
    for seed in seeds.iterdir():
        (folder / seed.name).write_bytes(seed.read_bytes())
    return folder


async def settled(pilot: Pilot[None]) -> None:
    await work_done(pilot.app)
    await pilot.pause()


def listed(app: ReaderApp) -> list[str]:
    listing = app.screen.query_one(OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_a_series_shows_the_same_bookmarks_and_read_days_alone_and_in_a_library(
    seeds: Path, tmp_path: Path
) -> None:
    # Beside another folder named seeds, each is named with its parent: a/seeds, b/seeds.
    first, second = copy_seeds(seeds, tmp_path / "a" / "seeds"), copy_seeds(seeds, tmp_path / "b" / "seeds")
    app = make_app(paths=[first], state=ReadingState.load()[0])
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        app.reader.query_one(DayView).cursor = 3
        await pilot.press("b", "p", "q")  # a bookmark on the 8th, and the 7th read
    app = make_app(paths=[first, second], state=ReadingState.load()[0])
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        reader = app.reader
        assert {"a/seeds/2022-02-07", "a/seeds/2022-02-08"} <= reader.opened
        assert not {"b/seeds/2022-02-07"} & reader.opened
        [shown] = reader.memory.bookmarked()
        assert shown.startswith("a/seeds/2022-02-08#")
        await pilot.press("B")
        assert isinstance(app.screen, BookmarksScreen) and len(listed(app)) == 1
        assert app.screen.query_one(OptionList).border_title == "Bookmarks of a/seeds, b/seeds: 1"
        await pilot.press("enter")
        await pilot.pause()
        row = reader.query_one(DayView).current_row
        assert row is not None and row.paragraph is not None and row.paragraph.id == shown
        reader.jump((shown.replace("a/seeds", "b/seeds"), ()))  # the same paragraph in the other folder
        await pilot.pause()
        await pilot.press("b", "q")
    app = make_app(paths=[second], state=ReadingState.load()[0])
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert "seeds/2022-02-08" in app.reader.opened and "seeds/2022-02-07" not in app.reader.opened
        await pilot.press("B")
        [only] = listed(app)
        assert "2022-02-08 b/seeds" in only  # the name it was made under, in the library
        await pilot.press("a")
        assert len(listed(app)) == 2 and "All bookmarks: 2" in str(app.screen.query_one(OptionList).border_title)
        assert sum(str(tmp_path / "a" / "seeds") in p for p in listed(app)) == 1  # the one of a series not open
    state = ReadingState.load()[0]
    assert {b.folder for b in state.bookmarks} == {series_folder(first), series_folder(second)}
    stamp = state.read_at(series_folder(first), "2022-02-07")
    assert stamp is not None and stamp.endswith("+00:00")


async def test_notes_are_written_in_the_bookmarks_and_on_a_paragraph(seeds: Path) -> None:
    app = make_app(paths=[seeds], state=ReadingState.load()[0])
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        pane = app.reader.query_one(DayView)
        pane.cursor = 3
        await pilot.press("b", "B", "n")
        assert isinstance(app.screen, NoteScreen) and app.screen.query_one(Input).value == ""
        await pilot.press(*"Macron's claim", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        [prompt] = listed(app)
        assert prompt.endswith("\n✎ Macron's claim")
        await pilot.press("n")
        assert app.screen.query_one(Input).value == "Macron's claim"
        await pilot.press("x", "escape")  # Esc leaves the note as it was
        await pilot.pause()
        assert listed(app)[0].endswith("\n✎ Macron's claim")
        await pilot.press("escape")
        # N on a paragraph not bookmarked yet bookmarks it and asks for its note.
        pane.cursor = 4
        paragraph = pane.current_row.paragraph if pane.current_row else None
        assert paragraph is not None and paragraph.id not in app.reader.memory.bookmarked()
        await pilot.press("N")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"Putin's answer", "enter")
        await pilot.pause()
        assert paragraph.id in app.reader.memory.bookmarked()
        await pilot.press("q")
    notes = {b.paragraph: b.note for b in ReadingState.load()[0].bookmarks}
    assert sorted(notes.values()) == ["Macron's claim", "Putin's answer"] and notes[paragraph.id] == "Putin's answer"


async def test_the_note_key_can_be_remapped(seeds: Path) -> None:
    app = make_app(paths=[seeds], state=ReadingState.load()[0], config=Config(keys={"bookmarks.note": "m"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        app.reader.query_one(DayView).cursor = 3
        await pilot.press("b", "B", "n")
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("m")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press("escape", "question_mark")  # the help of a modal screen lists its own keys
        assert isinstance(app.screen, HelpScreen)
        assert {"bookmarks.note", "bookmarks.all"} <= {row[3] for row in key_rows(app.screen_stack[-2])}


async def test_a_state_of_format_1_opens_with_its_read_days_and_bookmarks(seeds: Path) -> None:
    """The release before kept the seeds' days under the corpus of the paths opened: the fixture's corpus is
    renamed to the one these seeds make, as that release would have named it on this machine."""
    path = ReadingState.load()[0].path
    path.parent.mkdir(parents=True)
    path.write_text(V1.read_text(encoding="utf-8").replace("seeds-21fc05daec", corpus_key([seeds])), encoding="utf-8")
    state, problems = ReadingState.load()
    assert problems == [] and state.migrated is not None and len(state.bookmarks) == 4
    app = make_app(paths=[seeds], state=state)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert app.reader.opened == {"seeds/2022-02-07", "seeds/2022-02-08"}
        assert app.reader.query_one(DayView).content.briefing.key == "seeds/2022-02-07"  # type: ignore[union-attr]
        await pilot.press("B")
        assert len(listed(app)) == 2
        await pilot.press("a")
        assert len(listed(app)) == 4
    after = ReadingState.load()[0]
    assert [b.folder for b in after.bookmarks] == [series_folder(seeds)] * 2 + ["", ""]
    assert after.opened(series_folder(seeds)) == {"2022-02-07", "2022-02-08"}


async def test_bookmarks_command_lists_the_bookmarks_of_the_series_opened(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kyiv, gaza = copy_seeds(seeds, tmp_path / "kyiv"), copy_seeds(seeds, tmp_path / "gaza")
    app = make_app(paths=[kyiv, gaza], state=ReadingState.load()[0])
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        pane = app.reader.query_one(DayView)
        pane.cursor = 3
        await pilot.press("b", "B", "n", *"first", "enter", "escape", "]")
        await pilot.pause()
        pane.cursor = 2
        await pilot.press("b", "q")
    capsys.readouterr()
    assert main(["bookmarks", str(kyiv), "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert set(row) == {"paragraph", "series", "folder", "date", "text", "note", "added"}
    assert row["folder"] == series_folder(kyiv) and row["series"] == "kyiv" and row["note"] == "first"
    assert main(["bookmarks", str(gaza), str(kyiv), "--format", "markdown"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Bookmarks\n") and text.count("\n## ") == 2 and "\nfirst\n" in text
    assert main(["bookmarks", "--all", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
    assert main(["bookmarks", str(gaza)]) == 0
    table = capsys.readouterr().out
    assert "1 bookmark" in table and "gaza" in table and "kyiv" not in table
    with pytest.raises(SystemExit) as exit_:
        main(["bookmarks", "--json", "--format", "markdown"])
    assert exit_.value.code == 2
