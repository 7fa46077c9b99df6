"""The command palette finds days by the forms of a date people type, and by the words of a day's heading."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.command import CommandPalette, Hit

from crisisreader.load import load
from crisisreader.tui import commands
from crisisreader.tui.app import make_app
from crisisreader.tui.commands import ReaderCommands
from crisisreader.tui.library import work_done
from crisisreader.tui.widgets.day_view import DayView


async def found(query: str, seeds: Path) -> list[str]:
    """The palette's hits for ``query``, best first, as plain text."""
    app = make_app(load([seeds]))
    async with app.run_test(size=(120, 40)) as pilot:
        await work_done(app)
        await pilot.pause()
        provider = ReaderCommands(app.screen)
        hits = [hit async for hit in provider.search(query) if isinstance(hit, Hit)]
        hits.sort(key=lambda hit: -hit.score)
        return [str(hit.text) for hit in hits]


@pytest.mark.parametrize("query", ["2022-02-07", "Feb 7", "February 7", "7 Feb", "7 February", "feb. 7th, 2022"])
async def test_a_date_in_any_common_form_finds_its_day(query: str, seeds: Path) -> None:
    assert (await found(query, seeds))[0] == "Go to 2022-02-07"


async def test_yesterday_is_the_calendar_s(seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(commands, "today", lambda: dt.date(2022, 2, 8))
    assert (await found("yesterday", seeds))[0] == "Go to 2022-02-07"
    assert (await found("today", seeds))[0] == "Go to 2022-02-08"
    # A today the corpus has no briefing of finds no day (rather than a guess at the newest one).
    monkeypatch.setattr(commands, "today", lambda: dt.date(2030, 1, 1))
    assert not [hit for hit in await found("today", seeds) if hit.startswith("Go to")]


async def test_an_ambiguous_date_is_not_read_as_a_day(seeds: Path) -> None:
    assert "Go to 2022-02-07" not in (await found("2/7", seeds))[:1]


async def test_words_of_a_heading_find_the_day(seeds: Path) -> None:
    assert set((await found("need to know", seeds))[:2]) == {"Go to 2022-02-08", "Go to 2022-02-07"}


async def test_a_day_chosen_by_its_date_opens(seeds: Path) -> None:
    app = make_app(load([seeds]))
    async with app.run_test(size=(120, 40)) as pilot:
        await work_done(app)
        await pilot.pause()
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"7 February")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        content = app.reader.query_one(DayView).content
        assert content is not None and content.briefing.date.isoformat() == "2022-02-07"
