"""User text never becomes markup: what is typed, and names and headings from the files, are shown as written."""

from __future__ import annotations

import asyncio
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from textual.command import CommandPalette
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from crisisreader.load import load
from crisisreader.text import neutralise
from crisisreader.tui.app import ReaderApp, make_app
from crisisreader.tui.library import work_done
from crisisreader.tui.screens.help import HelpScreen
from crisisreader.tui.screens.reader import ReaderScreen
from crisisreader.tui.screens.search import SearchScreen, shortened
from crisisreader.tui.screens.speakers import SpeakersScreen

HOSTILE = [
    "[/]",
    "[b]putin",
    "[Ukraine]",
    "[@click=app.quit]quit[/]",
    "[link=https://example.org]x[/link]",
    "[",
    "]",
    "\\[b]",
    "[/b][/i]",
    "[red on blue]",
    "[$accent]",
]
markupish = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(alphabet="[]/@=\\$bi link:click.quit", min_size=1, max_size=20),
)


def corpus(tmp_path: Path) -> Path:
    """A series whose folder name, heading and text are all markup-like."""
    folder = tmp_path / "[red]war[@click=app.quit]"
    folder.mkdir(exist_ok=True)
    (folder / "2024-03-01.txt").write_text(
        " date 2024-03-01 Background on the [b]front[/].\n\nMarch 1: [@click=app.quit]What you need[/] to know\n\n"
        "“We will not give in [at all],” Olena Koval said [/].\n",
        encoding="utf-8",
    )
    (folder / "2024-03-02.txt").write_text(
        " date 2024-03-02 Background on the [b]front[/].\n\nMarch 2: [link=x]today[/link]\n\n"
        "“The [line] holds, and it will hold,” Olena Koval said on [Tuesday].\n",
        encoding="utf-8",
    )
    return folder


async def settled(pilot: Pilot[None]) -> None:
    await work_done(pilot.app)
    await pilot.pause()
    await pilot.pause()


def plain_title(widget: OptionList) -> str:
    # The title as drawn. The public getter hands it back as markup, and Textual's own round trip of that loses
    # a bracketed word ("[Ukraine]"), so the stored Content is read.
    title = widget._border_title
    assert title is None or isinstance(title, Content)
    return "" if title is None else title.plain


async def test_typing_a_closing_tag_in_search_does_not_end_the_reader(tmp_path: Path) -> None:
    app = make_app(load([corpus(tmp_path)]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("slash", "left_square_bracket", "slash", "right_square_bracket")
        await settled(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert plain_title(app.screen.query_one("#hits", OptionList)).endswith(" for “[/]”")
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
    assert app.return_code in (None, 0)


async def exercise(app: ReaderApp, texts: list[str]) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("slash")
        search = app.screen
        assert isinstance(search, SearchScreen)
        for text in texts:
            search.query_one("#query", Input).value = text
            await settled(pilot)
            title = plain_title(search.query_one("#hits", OptionList))
            shown = neutralise(text.strip())
            if shown:
                # The count first, the query after it (cut when long, so that the count always shows).
                shown = shortened(shown)
                said = (title.endswith(f" for “{shown}”"), title[0].isdigit() or title.startswith("No "))
                assert said == (True, True), (text, title)
            await pilot.press("ctrl+r")  # the same text read as a regex: valid or not, nothing breaks
            await settled(pilot)
            await pilot.press("ctrl+r")
        await pilot.press("ctrl+o", "ctrl+o")  # the speaker scope lists names from the files
        await settled(pilot)
        await pilot.press("escape")
        await pilot.press("s")
        speakers = app.screen
        assert isinstance(speakers, SpeakersScreen)
        for text in texts:
            speakers.query_one("#who", Input).value = text
            await pilot.pause()
        speakers.query_one("#who", Input).value = "koval"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Koval" in plain_title(speakers.query_one("#quote-list", OptionList))
        await pilot.press("escape", "escape")
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        for text in texts:
            app.screen.query_one(Input).value = text
            await pilot.pause(0.05)
        await pilot.press("escape")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("D")
        await pilot.pause(0.2)
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("q")
    assert app.return_code == 0


# No shrinking: each example is a whole session of the reader, and a shrink would run hundreds of them.
@settings(
    max_examples=3,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(texts=st.lists(markupish, min_size=8, max_size=8))
def test_markup_typed_into_every_input_is_text(tmp_path: Path, texts: list[str]) -> None:
    app = make_app(load([corpus(tmp_path)]))
    asyncio.run(exercise(app, texts + HOSTILE[:4]))


async def test_names_and_headings_from_the_files_are_shown_as_written(tmp_path: Path) -> None:
    app = make_app(load([corpus(tmp_path)]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        screen = app.export_screenshot()
        assert "[link=x]today[/link]" in screen.replace("&#160;", " ")
        assert "[red]war[@click=app.quit]" in app.reader.sub_title
        assert "Koval said on [Tuesday]." in "\n".join(app.reader.query_one("DayView").row_texts())  # type: ignore[attr-defined]
