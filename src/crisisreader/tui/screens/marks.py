"""What the reader does with the paragraph under the cursor: copy a quotation of it, bookmark it, list the
bookmarks. Functions of the reader screen, kept here so that the screen holds only how days are shown and moved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crisisreader.tui.widgets.day_view import DayView

if TYPE_CHECKING:
    from crisisreader.state import Bookmark
    from crisisreader.tui.screens.reader import ReaderScreen


def copy_quote(reader: ReaderScreen) -> None:
    """Copy a quotation of the paragraph under the cursor; pressing again takes the next one."""
    day = reader.query_one(DayView)
    quote = day.next_quote()
    if quote is None:
        reader.notify(day.why_no_quote(), timeout=2)
        return
    from crisisreader.export import attribution
    from crisisreader.tui.delivery import copy_text

    analysis = reader.analysis
    role = analysis.registry.role(quote.speaker) if analysis and quote.speaker else None
    text = attribution(quote, role)
    reader.notify(text, title=copy_text(reader.app, text, reader.current), timeout=5, markup=False)


def toggle_bookmark(reader: ReaderScreen) -> None:
    row = reader.query_one(DayView).current_row
    briefing = reader.current
    if row is None or row.paragraph is None or briefing is None:
        reader.notify("Move to a paragraph to bookmark it.", timeout=2)
        return
    if reader.memory.state is None:
        reader.notify("Bookmarks need a state folder, and none could be used.", severity="warning", timeout=3)
        return
    now = reader.memory.toggle(row.paragraph, briefing)
    reader.notify("Bookmarked." if now else "Bookmark removed.", timeout=2)
    reader.refresh_day(keep_cursor=True)


def list_bookmarks(reader: ReaderScreen) -> None:
    from crisisreader.tui.screens.bookmarks import BookmarksScreen

    def known(paragraph_id: str) -> bool:
        return reader.corpus.paragraph(paragraph_id) is not None

    def remove(bookmark: Bookmark) -> None:
        reader.memory.remove(bookmark)
        reader.refresh_day(keep_cursor=True)

    reader.app.push_screen(BookmarksScreen(reader.memory.bookmarks, known, remove), reader.jump)
