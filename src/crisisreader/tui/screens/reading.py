"""The reader's keys for going through what is unread: the next unread day, all of a series (or everything) marked
read, and that undone. Functions of the reader screen, kept here so that the screen holds only how days are shown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from crisisreader.tui.widgets.sidebar import DateSidebar
from crisisreader.unread import next_unread

if TYPE_CHECKING:
    from crisisreader.tui.screens.reader import ReaderScreen

Scope = Literal["series", "all"]


def open_next_unread(reader: ReaderScreen) -> None:
    found = next_unread(reader.corpus, reader.current, reader.opened)
    if found is None:
        reader.notify("Every day is read.", timeout=2)
        return
    reader.only_new = None  # a day read for the first time shows what is new
    reader.open_day(found.key)


def mark_read(reader: ReaderScreen, scope: Scope) -> None:
    """Mark every day of the open day's series (or of every series) read, to be undone until the next change."""
    current = reader.current
    chosen = [b for b in reader.corpus.briefings if scope == "all" or (current and b.series == current.series)]
    fresh = {b.key for b in chosen} - reader.opened
    if not fresh:
        reader.notify("Nothing unread there.", timeout=2)
        return
    reader.opened |= fresh
    reader.memory.days_marked(fresh, read=True)
    reader.undo_read = fresh
    _show_unread(reader)
    what = f"every series ({len(fresh):,} day{'s' if len(fresh) != 1 else ''})" if scope == "all" else None
    if what is None:
        what = f"{current.series if current else 'the series'} ({len(fresh):,} day{'s' if len(fresh) != 1 else ''})"
    reader.notify(f"Marked read: {what}. Undo with {_undo_key(reader)}.", timeout=4, markup=False)


def undo_mark_read(reader: ReaderScreen) -> None:
    undone = reader.undo_read
    if not undone:
        reader.notify("Nothing to undo.", timeout=2)
        return
    reader.undo_read = set()
    reader.opened -= undone
    reader.memory.days_marked(undone, read=False)
    _show_unread(reader)
    reader.notify(f"Unread again: {len(undone):,} day{'s' if len(undone) != 1 else ''}.", timeout=3)


def _show_unread(reader: ReaderScreen) -> None:
    reader.query_one(DateSidebar).set_unread({b.key for b in reader.corpus.briefings} - reader.opened)


def _undo_key(reader: ReaderScreen) -> str:
    keys = [key for key, active in reader.app.active_bindings.items() if active.binding.action == "undo_read"]
    return keys[0] if keys else "the undo key"
