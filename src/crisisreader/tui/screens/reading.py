"""The reader's keys for going through the days: a step within the open series, another series, the next unread
day, all of a series (or everything) marked read, and that undone. Functions of the reader screen, kept here so that
the screen holds only how days are shown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from crisisreader.counts import plural
from crisisreader.tui.widgets.sidebar import DateSidebar
from crisisreader.unread import next_unread

if TYPE_CHECKING:
    from crisisreader.tui.screens.reader import ReaderScreen

Scope = Literal["series", "all"]


def move(reader: ReaderScreen, step: int | None, absolute: int | None = None) -> None:
    """Step within the open day's series (or go to one of its days by index)."""
    sidebar = reader.query_one(DateSidebar)
    current = reader.current
    days = sidebar.series_days(current.series) if current else ()
    if current is None or not days:
        return
    at = next((i for i, b in enumerate(days) if b.key == current.key), 0)
    index = absolute % len(days) if absolute is not None else max(0, min(len(days) - 1, at + (step or 0)))
    if index != at or sidebar.current_key != current.key:
        sidebar.select_key(days[index].key)
    elif step:
        reader.notify("No later day." if step > 0 else "No earlier day.", timeout=2)


def open_next_unread(reader: ReaderScreen) -> None:
    found = next_unread(reader.corpus, reader.current, reader.opened)
    if found is None:
        reader.notify("Every day is read.", timeout=2)
        return
    reader.only_new = None  # a day read for the first time shows what is new
    reader.open_day(found.key)


def other_series(reader: ReaderScreen, step: int) -> None:
    """The next (or previous) series, round the list: its oldest unread day, else its latest."""
    sidebar = reader.query_one(DateSidebar)
    names = sidebar.series_names
    current = reader.current
    if current is None or len(names) < 2:
        reader.notify("Only one series is open.", timeout=2)
        return
    name = names[(names.index(current.series) + step) % len(names)]
    days = sidebar.series_days(name)
    unread = [b for b in days if b.key not in reader.opened]
    reader.open_day((unread or list(days))[0 if unread else -1].key)


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
    what = f"every series ({plural(len(fresh), 'day')})" if scope == "all" else None
    if what is None:
        what = f"{current.series if current else 'the series'} ({plural(len(fresh), 'day')})"
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
    reader.notify(f"Unread again: {plural(len(undone), 'day')}.", timeout=3)


def _show_unread(reader: ReaderScreen) -> None:
    reader.query_one(DateSidebar).set_unread({b.key for b in reader.corpus.briefings} - reader.opened)


def _undo_key(reader: ReaderScreen) -> str:
    keys = [key for key, active in reader.app.active_bindings.items() if active.binding.action == "undo_read"]
    return keys[0] if keys else "the undo key"
