"""The footer at 80x24: `? Help` and the keys a newcomer needs first stay on screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from crisisreader.load import load
from crisisreader.tui.app import make_app
from crisisreader.tui.library import work_done


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
            if key.region.width and key.region.right <= width - len("^p palette")
        }
        for action in ("app.help", "next_day", "next_unread", "search", "speakers", "toggle_diff"):
            assert action in shown, f"{action} is cut from the footer at {size}"
        assert shown["app.help"].x == min(region.x for region in shown.values())
