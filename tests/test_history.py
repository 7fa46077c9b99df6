"""Back and forward: every jump is remembered, and the keys return to the day and paragraph it left."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import OptionList

from crisisreader.load import load
from crisisreader.tui.app import make_app
from crisisreader.tui.history import History, Place
from crisisreader.tui.library import work_done
from crisisreader.tui.screens.reader import ReaderScreen
from crisisreader.tui.screens.search import SearchScreen
from crisisreader.tui.widgets.day_view import DayView


def test_back_and_forward_walk_the_jumps_as_a_browser_does() -> None:
    history = History()
    a, b, c, d = Place("s/1", "s/1#2"), Place("s/2"), Place("s/3", "s/3#1"), Place("s/4")
    assert history.back(a) is None and not history.can_go_back
    history.jumped(a, b)
    history.jumped(b, c)
    assert history.back(c) == b
    assert history.back(b) == a
    assert history.back(a) is None
    assert history.forward(a) == b
    assert history.forward(b) == c
    assert history.forward(c) is None
    assert history.back(c) == b
    # A new jump from the middle forgets what lay forward of it.
    history.jumped(b, d)
    assert not history.can_go_forward
    assert history.back(d) == b and history.back(b) == a


def test_a_jump_to_where_one_is_records_nothing_and_the_list_is_bounded() -> None:
    history = History()
    here = Place("s/1")
    history.jumped(here, here)
    history.jumped(None, here)
    assert not history.can_go_back
    for n in range(History.LIMIT + 50):
        history.jumped(Place(f"s/{n}"), Place(f"s/{n + 1}"))
    steps = 0
    place: Place | None = Place(f"s/{History.LIMIT + 50}")
    while (place := history.back(place)) is not None:
        steps += 1
    assert steps == History.LIMIT


async def _settled(pilot: Pilot[None]) -> None:
    await work_done(pilot.app)
    await pilot.pause()
    await pilot.pause()


def _place(screen: ReaderScreen) -> Place | None:
    return screen.query_one(DayView).place()


async def test_back_returns_from_a_search_hit_to_the_day_and_paragraph_left(seeds: Path) -> None:
    app = make_app(load([seeds]))
    async with app.run_test(size=(120, 40)) as pilot:
        await _settled(pilot)
        reader = app.reader
        await pilot.press("down", "down")
        start = _place(reader)
        assert start is not None and start.day == "seeds/2022-02-08" and start.paragraph is not None
        await pilot.press("slash", *"Morrison")
        await _settled(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#hits", OptionList).option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        hit = _place(reader)
        assert hit is not None and hit.day == "seeds/2022-02-07" and hit != start
        await pilot.press("backspace")
        await pilot.pause()
        assert _place(reader) == start
        await pilot.press("alt+right")
        await pilot.pause()
        assert _place(reader) == hit
        await pilot.press("alt+left")
        await pilot.pause()
        assert _place(reader) == start
        # g (the first day) is a jump too; n and p are steps, and back passes over them.
        await pilot.press("g")
        await pilot.pause()
        assert reader.current is not None and reader.current.key == "seeds/2022-02-07"
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("backspace")
        await pilot.pause()
        assert _place(reader) == start
        assert isinstance(app.screen, ReaderScreen)


async def test_back_with_nowhere_to_go_says_so(seeds: Path) -> None:
    app = make_app(load([seeds]))
    async with app.run_test(size=(120, 40)) as pilot:
        await _settled(pilot)
        before = _place(app.reader)
        await pilot.press("backspace")
        await pilot.pause()
        assert _place(app.reader) == before
        assert any("Nowhere to go back to" in str(n.message) for n in app._notifications)
