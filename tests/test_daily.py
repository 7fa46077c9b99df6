"""Daily use in the reader: bookmarks and days remembered across restarts, the bookmarks view, the config."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import OptionList

from crisisreader.cli import main
from crisisreader.config import Config, load_config
from crisisreader.load import load
from crisisreader.state import ReadingState, state_path
from crisisreader.tui.app import binding_ids, make_app, theme_names
from crisisreader.tui.library import work_done
from crisisreader.tui.screens.bookmarks import BookmarksScreen
from crisisreader.tui.screens.reader import ReaderScreen
from crisisreader.tui.widgets.day_view import DayView
from crisisreader.tui.widgets.sidebar import DateSidebar


async def bookmark_two(seeds: Path) -> list[str]:
    state, problems = ReadingState.load()
    assert not problems
    app = make_app(load([seeds]), state=state)
    async with app.run_test(size=(120, 40)) as pilot:
        await work_done(app)
        await pilot.pause()
        pane = app.reader.query_one(DayView)
        marked = []
        for index in (1, 3):
            pane.cursor = index
            await pilot.press("b")
            row = pane.current_row
            assert row is not None and row.paragraph is not None and row.bookmarked
            marked.append(row.paragraph.id)
        await pilot.press("p")
        await pilot.press("q")
    return marked


async def test_bookmarks_and_opened_days_survive_a_restart(seeds: Path) -> None:
    marked = await bookmark_two(seeds)
    assert state_path().exists()
    state, problems = ReadingState.load()
    assert not problems
    assert [b.paragraph for b in state.bookmarks] == marked
    app = make_app(load([seeds]), state=state)
    async with app.run_test(size=(120, 40)) as pilot:
        await work_done(app)
        await pilot.pause()
        # Both days were read: the reader reopens on the day last open, and marks no day unread.
        assert app.reader.query_one(DateSidebar).current_key == "seeds/2022-02-07"
        assert app.reader.opened >= {"seeds/2022-02-07", "seeds/2022-02-08"}
        await pilot.press("B")
        assert isinstance(app.screen, BookmarksScreen)
        listing = app.screen.query_one(OptionList)
        assert listing.option_count == 2
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        row = app.reader.query_one(DayView).current_row
        assert row is not None and row.paragraph is not None and row.paragraph.id in marked
        await pilot.press("B", "b", "escape")
    assert len(ReadingState.load()[0].bookmarks) == 1


async def test_export_bookmarks(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marked = await bookmark_two(seeds)
    capsys.readouterr()
    assert main(["export", "--bookmarks"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["paragraph"] for r in rows] == marked
    assert {"paragraph", "series", "date", "text", "added"} <= set(rows[0])
    assert main(["export", "--bookmarks", "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("# Bookmarks")


def test_config_names_bad_lines_and_the_reader_keeps_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(
        "folders: [~/briefings]\ntheme: no-such-theme\nkeys:\n  day.next: right\n  nonsense.id: x\n"
        "diff_threshold: 2\ncolour: red\n",
        encoding="utf-8",
    )
    config, problems = load_config(path, themes=theme_names(), binding_ids=binding_ids())
    first_words = {p.line: p.message.split(" ")[0] for p in problems}
    assert first_words == {2: "no", 5: "no", 6: "'diff_threshold'", 7: "unknown"}
    assert config.keys == {"day.next": "right"} and config.theme is None and config.diff_threshold is None
    assert config.folders == (Path.home() / "briefings",)


async def test_config_keys_theme_and_threshold_apply(seeds: Path) -> None:
    config = Config(theme="gruvbox", keys={"day.previous": "left"}, diff_threshold=0.9)
    app = make_app(load([seeds]), config=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await work_done(app)
        await pilot.pause()
        assert app.theme == "gruvbox"
        assert app.reader.analysis is not None and app.reader.analysis.threshold == 0.9
        await pilot.press("left")
        content = app.reader.query_one(DayView).content
        assert content is not None and content.briefing.date.isoformat() == "2022-02-07"


async def test_days_new_since_the_last_visit_are_marked(seed_copy: Callable[[str], Path]) -> None:
    folder = seed_copy("daily")
    for visit in (1, 2):
        state, _ = ReadingState.load()
        app = make_app(paths=[folder], state=state)
        async with app.run_test(size=(120, 40)) as pilot:
            await work_done(app)
            await pilot.pause()
            await work_done(app)
            await pilot.pause()
            sidebar = app.reader.query_one(DateSidebar)
            prompts = [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]
            if visit == 1:
                assert not any("✦" in p for p in prompts)
                await pilot.press("q")
                (folder / "next.txt").write_text(" date 2022-02-09 Tomorrow's news.\n", encoding="utf-8")
            else:
                assert [p for p in prompts if "✦" in p] == [p for p in prompts if "2022-02-09" in p]
                assert len([p for p in prompts if "✦" in p]) == 1
