"""What the reader does with the paragraph under the cursor: copy a quotation of it, bookmark it, write a note
on it, list the bookmarks. Functions of the reader screen, kept here so that the screen holds only how days are
shown and moved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crisisreader.tui.widgets.day_view import DayView

if TYPE_CHECKING:
    from crisisreader.model import Briefing, Paragraph
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
    found = _paragraph_here(reader, "bookmark it")
    if found is None:
        return
    paragraph, briefing = found
    now = reader.memory.toggle(paragraph, briefing)
    reader.notify("Bookmarked." if now else "Bookmark removed.", timeout=2)
    reader.refresh_day(keep_cursor=True)


def note_bookmark(reader: ReaderScreen) -> None:
    """Write the note of the paragraph under the cursor, bookmarking it first if it is not yet."""
    found = _paragraph_here(reader, "write a note on it")
    if found is None:
        return
    paragraph, briefing = found
    bookmark = reader.memory.bookmark_of(paragraph.id)
    if bookmark is None:
        reader.memory.toggle(paragraph, briefing)
        reader.refresh_day(keep_cursor=True)
        bookmark = reader.memory.bookmark_of(paragraph.id)
    if bookmark is None:
        return
    from crisisreader.tui.screens.note import NoteScreen

    def written(note: str | None, bookmark: Bookmark = bookmark) -> None:
        if note is not None:
            reader.memory.set_note(bookmark, note)
            reader.notify("Note kept." if note else "Note removed.", timeout=2)

    reader.app.push_screen(NoteScreen(bookmark), written)


def _paragraph_here(reader: ReaderScreen, to: str) -> tuple[Paragraph, Briefing] | None:
    """The paragraph under the cursor and its briefing, when there is one and bookmarks can be kept."""
    row = reader.query_one(DayView).current_row
    briefing = reader.current
    if row is None or row.paragraph is None or briefing is None:
        reader.notify(f"Move to a paragraph to {to}.", timeout=2)
        return None
    if reader.memory.state is None:
        reader.notify("Bookmarks need a state folder, and none could be used.", severity="warning", timeout=3)
        return None
    return row.paragraph, briefing


def list_bookmarks(reader: ReaderScreen) -> None:
    from crisisreader.tui.screens.bookmarks import BookmarksScreen

    def changed() -> None:
        reader.refresh_day(keep_cursor=True)

    reader.app.push_screen(BookmarksScreen(reader.memory, changed), reader.jump)
