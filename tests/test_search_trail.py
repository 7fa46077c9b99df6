"""Search that keeps going (issue 18): marks in the day, the next and previous match across days, the box's
history, a hit a line, the regex error, the one speaker's quotations, the count."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static

from crisisreader.load import load
from crisisreader.tui.app import ReaderApp, make_app
from crisisreader.tui.library import work_done
from crisisreader.tui.screens.reader import ReaderScreen
from crisisreader.tui.screens.search import SearchScreen, counted
from crisisreader.tui.widgets.day_view import DayView


async def settled(pilot: Pilot[None]) -> None:
    await work_done(pilot.app)
    await pilot.pause()
    await pilot.pause()


def marks(app: ReaderApp) -> dict[str, tuple[tuple[int, int], ...]]:
    content = app.reader.query_one(DayView).content
    assert content is not None
    return dict(content.spans)


def cursor_paragraph(app: ReaderApp) -> str | None:
    row = app.reader.query_one(DayView).current_row
    return row.paragraph_id if row is not None else None


def title(app: ReaderApp) -> str:
    return str(app.screen.query_one("#hits", OptionList).border_title)


def make_days(tmp_path: Path) -> Path:
    """Three days; gas on the first (twice) and the third, not on the second."""
    folder = tmp_path / "gas"
    folder.mkdir()
    days = {
        1: ["Gas prices rose.", "Talks stalled.", "More gas was stored."],
        2: ["Nothing of the kind.", "Troops moved."],
        3: ["Oil fell.", "Gas flows resumed."],
    }
    for day, paragraphs in days.items():
        (folder / f"2022-03-0{day}.txt").write_text(f" date 2022-03-0{day} " + "\n\n".join(paragraphs) + "\n")
    return folder


async def test_matches_are_marked_and_the_keys_go_from_match_to_match_across_days(tmp_path: Path) -> None:
    app = make_app(load([make_days(tmp_path)]))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("slash", *"gas")
        await settled(pilot)
        assert title(app) == "3 paragraphs for “gas”"
        await pilot.press("down", "enter")  # the second newest: day 1's "Gas prices rose."
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert cursor_paragraph(app) == "gas/2022-03-01#1"
        # Every match of the day is marked, not only the one opened.
        assert marks(app) == {"gas/2022-03-01#1": ((0, 3),), "gas/2022-03-01#3": ((5, 8),)}
        await pilot.press("comma")
        await pilot.pause()
        assert cursor_paragraph(app) == "gas/2022-03-01#1"  # none earlier: it stays, and says so
        await pilot.press("full_stop")  # the next, in the same day
        await pilot.pause()
        assert cursor_paragraph(app) == "gas/2022-03-01#3"
        await pilot.press("full_stop")  # over day 2, which has none, to day 3
        await pilot.pause()
        assert cursor_paragraph(app) == "gas/2022-03-03#2"
        assert marks(app) == {"gas/2022-03-03#2": ((0, 3),)}
        # Back returns to where the step left from, the marks still on.
        await pilot.press("backspace")
        await pilot.pause()
        assert cursor_paragraph(app) == "gas/2022-03-01#3"
        assert "gas/2022-03-01#1" in marks(app)
        await pilot.press("shift+f3")  # the other key for the one before
        await pilot.pause()
        assert cursor_paragraph(app) == "gas/2022-03-01#1"
        # Another day reached with n keeps the search marked; Esc clears it, and the keys then say so.
        await pilot.press("n")
        await pilot.pause()
        assert app.reader.trail is not None
        await pilot.press("escape")
        await pilot.pause()
        assert app.reader.trail is None and marks(app) == {}
        await pilot.press("f3")
        await pilot.pause()
        assert app.reader.trail is None


async def test_the_box_keeps_earlier_queries(tmp_path: Path) -> None:
    app = make_app(load([make_days(tmp_path)]))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        for query in ("gas", "troops"):
            await pilot.press("slash", *query)
            await settled(pilot)
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("slash", *"oil")
        await settled(pilot)
        await pilot.press("escape")  # closed without a hit chosen: remembered too
        await pilot.press("slash")
        box = app.screen.query_one("#query", Input)
        assert box.value == ""
        await pilot.press("up")
        await settled(pilot)
        assert box.value == "oil" and title(app) == "1 paragraph for “oil”"
        await pilot.press("up", "up")
        assert box.value == "gas"
        await pilot.press("up")  # nothing earlier
        assert box.value == "gas"
        await pilot.press("down")
        assert box.value == "troops"
        await pilot.press("down", "down")  # past the latest: what was typed (nothing)
        assert box.value == ""
        await pilot.press(*"ga", "up")  # what was typed comes back after the history
        assert box.value == "oil"
        await pilot.press("down")
        assert box.value == "ga"
        # Up moves through the hits first; only at the first hit does it go to the history.
        await pilot.press("s")
        await settled(pilot)
        hits = app.screen.query_one("#hits", OptionList)
        await pilot.press("down")
        assert hits.highlighted == 1
        await pilot.press("up")
        assert hits.highlighted == 0 and box.value == "gas"
        await pilot.press("escape")
        # Once each, the latest last.
        assert app.reader.search_history == ["troops", "oil", "gas"]


async def test_a_hit_takes_one_line_and_ten_fit_at_80x24(seeds: Path) -> None:
    app = make_app(load([seeds]))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("slash", *"the")
        await settled(pilot)
        hits = app.screen.query_one("#hits", OptionList)
        assert hits.option_count == 19
        assert hits.scrollable_content_region.height >= 10
        assert hits.virtual_size.height == 19  # a line each
        first = str(hits.get_option_at_index(0).prompt)
        assert first.startswith("2022-02-08 ¶1 ")
        zelensky = next(str(o.prompt) for o in hits.options if "¶9" in str(o.prompt))
        assert "Volodymyr Zelensky" in zelensky  # who speaks in the paragraph
        await pilot.press("ctrl+l")  # the fuller view: three lines or so of each
        await settled(pilot)
        assert hits.virtual_size.height > 19 * 2
        await pilot.press("ctrl+l")
        await settled(pilot)
        assert hits.virtual_size.height == 19


async def test_a_name_finds_every_spelling_of_it(seeds: Path) -> None:
    app = make_app(load([seeds]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("slash", *"zelensky")
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        texts = [str(o.prompt) for o in screen.query_one("#hits", OptionList).options]
        assert any("Zelenskiy" in text for text in texts)  # the seeds spell him so


async def test_an_invalid_regex_says_why(seeds: Path) -> None:
    app = make_app(load([seeds]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("slash", "ctrl+r", "left_parenthesis")
        await settled(pilot)
        hint = app.screen.query_one("#search-hint", Static)
        said = str(hint.render())
        assert "Not a valid regular expression: missing ), unterminated subpattern at position 0" in said
        assert app.screen.query_one("#hits", OptionList).option_count == 0
        await pilot.press("right_parenthesis")
        await settled(pilot)
        assert "Enter opens" in str(hint.render())
        await pilot.press("backspace", "backspace", *"[/")  # as a regex, a set that is not closed
        await settled(pilot)
        assert "Not a valid regular expression" in str(hint.render())
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_an_empty_query_lists_the_one_speakers_quotations(seeds: Path) -> None:
    app = make_app(load([seeds]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("slash", "ctrl+o", "ctrl+o")
        await settled(pilot)
        assert title(app) == "Choose a speaker, or type"
        app.screen.query_one("#speaker", Select).value = "Dmitry Peskov"
        await settled(pilot)
        hits = app.screen.query_one("#hits", OptionList)
        assert title(app) == "2 quotations"
        assert all("Dmitry Peskov" in str(o.prompt) for o in hits.options)
        await pilot.press("enter")
        await pilot.pause()
        # The trail of a speaker's quotations marks them and steps through them.
        assert isinstance(app.screen, ReaderScreen)
        assert app.reader.trail is not None and len(app.reader.trail.quotes) == 2
        first = cursor_paragraph(app)
        await pilot.press("comma")
        await pilot.pause()
        assert cursor_paragraph(app) != first


async def test_a_long_query_keeps_its_count_in_view() -> None:
    assert counted(1, "paragraph") == "1 paragraph"
    assert counted(0, "paragraph") == "0 paragraphs"
    assert counted(12_345, "quotation") == "12,345 quotations"


async def test_a_long_query_does_not_hide_the_count(seeds: Path) -> None:
    app = make_app(load([seeds]))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("slash", *"the talks between russia and the west have so far failed")
        await settled(pilot)
        said = title(app)
        assert said.startswith("2 paragraphs for “the talks between russia and…”")
