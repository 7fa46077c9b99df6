"""Text handed over as a file: the day and the bookmarks as Markdown, and a quotation where the browser keeps its
clipboard. In a terminal (here, the Pilot's) the file lands in Downloads; in a browser it is a download."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from crisisreader.load import load
from crisisreader.serve import CLIPBOARD_ENV, plan_serve
from crisisreader.state import ReadingState
from crisisreader.tui.app import ReaderApp, make_app
from crisisreader.tui.library import work_done
from crisisreader.tui.screens.bookmarks import BookmarksScreen
from crisisreader.tui.widgets.day_view import DayView


@pytest.fixture
def downloads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Textual saves deliveries in the user's Downloads folder: here, one under a home of the test's own."""
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    return home / "Downloads"


async def delivered(pilot: Pilot[None], folder: Path, name: str) -> str:
    """The file's text once the delivery (a thread of Textual's) says it is complete."""
    assert isinstance(pilot.app, ReaderApp)
    for _ in range(200):
        await pilot.pause(0.02)
        if any(n.title == "Saved" and name in n.message for n in pilot.app._notifications):
            return (folder / name).read_text(encoding="utf-8")
    raise AssertionError(f"{name} never delivered; notices: {[n.message for n in pilot.app._notifications]}")


async def test_e_saves_the_day_shown_as_markdown(seeds: Path, downloads: Path) -> None:
    app = make_app(load([seeds]))
    async with app.run_test(size=(120, 40)) as pilot:
        await work_done(app)
        await pilot.pause()
        await pilot.press("p", "e")
        text = await delivered(pilot, downloads, "seeds-2022-02-07.md")
    assert text.startswith("# seeds · 2022-02-07\n\n*Feb. 7: What you need to know today*")
    assert "Background:" in text and "\\[crisis\\]" in text  # the whole day, escaped as the digest is
    assert "Quoted:" in text and "**Mykhailo Podolyak**" in text


async def test_e_in_the_bookmarks_saves_them_as_markdown(seeds: Path, downloads: Path) -> None:
    state, _ = ReadingState.load()
    app = make_app(load([seeds]), state=state)
    async with app.run_test(size=(120, 40)) as pilot:
        await work_done(app)
        await pilot.pause()
        app.reader.query_one(DayView).cursor = 3
        await pilot.press("b", "B")
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("e")
        text = await delivered(pilot, downloads, "bookmarks-seeds.md")
        # A second export never writes over the first (which the user may have edited since).
        (downloads / "bookmarks-seeds.md").write_text("my own edits\n", encoding="utf-8")
        await pilot.press("e")
        again = await delivered(pilot, downloads, "bookmarks-seeds-2.md")
    [bookmark] = state.bookmarks
    assert text.startswith("# Bookmarks\n\n## 2022-02-08 · seeds")
    assert f"`{bookmark.paragraph}`" in text and again == text
    assert (downloads / "bookmarks-seeds.md").read_text(encoding="utf-8") == "my own edits\n"


async def test_c_offers_a_download_where_the_browser_keeps_its_clipboard(
    seeds: Path, downloads: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CLIPBOARD_ENV, "download")
    app = make_app(load([seeds]))
    async with app.run_test(size=(120, 40)) as pilot:
        await work_done(app)
        await pilot.pause()
        pane = app.reader.query_one(DayView)
        pane.cursor = next(i for i, row in enumerate(pane.rows) if row.paragraph and "Peskov" in row.paragraph.text)
        await pilot.press("c")
        text = await delivered(pilot, downloads, "quote-seeds-2022-02-08.txt")
        assert any("offered as a download" in n.title for n in app._notifications)
        assert not app.clipboard  # nothing pretended to be copied
    said = "“will return to their permanent locations,” — Dmitry Peskov, Kremlin spokesman (seeds, 2022-02-08)"
    assert text == said + "\n"


def test_serve_tells_the_reader_where_the_browser_keeps_its_clipboard() -> None:
    marker = f"{CLIPBOARD_ENV}=download "
    assert marker not in plan_serve([]).command
    assert plan_serve([], host="0.0.0.0").command.startswith(marker)
    assert marker not in plan_serve([], host="0.0.0.0", public_url="https://reader.example.net").command
    assert plan_serve([], public_url="http://reader.example.net:8000").command.startswith(marker)
