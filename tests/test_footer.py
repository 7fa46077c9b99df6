"""The footer at 80x24: `? Help` and the keys a newcomer needs first stay on screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from crisisreader.load import load
from crisisreader.tui.app import make_app
from crisisreader.tui.library import work_done
from crisisreader.tui.widgets.footer import ReaderFooter


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_footer_keeps_help_and_the_first_keys_on_screen(seeds: Path, size: tuple[int, int]) -> None:
    app = make_app(load([seeds]))
    async with app.run_test(size=size) as pilot:
        await work_done(app)
        await pilot.pause()
        width = size[0]
        shown = {
            key.action: key.region
            for key in app.screen.query(FooterKey)
            if key.region.width and key.region.right <= width
        }
        for action in ("app.help", "next_day", "next_unread", "search", "speakers", "toggle_diff"):
            assert action in shown, f"{action} is cut from the footer at {size}"
        assert shown["app.help"].x == min(region.x for region in shown.values())


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
async def test_no_key_of_the_footer_is_drawn_over_another(seeds: Path, size: tuple[int, int]) -> None:
    app = make_app(load([seeds]))
    async with app.run_test(size=size) as pilot:
        await work_done(app)
        await pilot.pause()
        footer = app.screen.query_one(ReaderFooter)
        keys = [key.region for key in footer.query(FooterKey) if key.region.width]
        assert keys and not footer.show_command_palette
        for n, region in enumerate(keys):
            assert all(not region.overlaps(other) for other in keys[n + 1 :]), f"keys drawn over each other at {size}"


async def test_page_keys_move_the_cursor_a_page_and_the_help_lists_only_the_reader_s_keys(seeds: Path) -> None:
    from crisisreader.tui.screens.help import HelpScreen
    from crisisreader.tui.widgets.day_view import DayView

    app = make_app(load([seeds]))
    async with app.run_test(size=(80, 24)) as pilot:
        await work_done(app)
        await pilot.pause()
        pane = app.reader.query_one(DayView)
        pane.focus()
        await pilot.press("o")  # everything, so that the day is longer than a page
        await pilot.pause()
        pane.cursor = 0
        await pilot.press("pagedown")
        await pilot.pause()
        paged = pane.cursor
        assert paged > 1
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert 0 <= pane.cursor < paged
        await pilot.press("pageup", "pageup")
        await pilot.pause()
        assert pane.cursor == 0
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        does = [row[1] for row in app.screen.rows]
        ids = [row[3] for row in app.screen.rows]
        assert "Scroll Left" not in does and "Page Up" not in does and all(ids)
        assert {"pane.page_down", "pane.half_up", "day.next_unread", "history.back", "sources.fetch"} <= set(ids)


async def test_the_regex_and_case_toggles_look_different_when_off(seeds: Path) -> None:
    from crisisreader.tui.widgets.toggle import Toggle

    app = make_app(load([seeds]))
    async with app.run_test(size=(80, 24)) as pilot:
        await work_done(app)
        await pilot.press("slash")
        await pilot.pause()
        regex, case = app.screen.query_one("#regex", Toggle), app.screen.query_one("#case", Toggle)
        assert "✓" not in str(regex.render()) and "X" not in str(regex.render())
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert regex.value and "✓" in str(regex.render()) and "✓" not in str(case.render())
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not regex.value and "✓" not in str(regex.render())
