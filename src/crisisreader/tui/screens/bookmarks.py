"""The bookmarks view: the bookmarks of the series open now (or, on ``a``, every one), newest day first, each with
its note. Enter opens one, ``n`` writes its note, ``b`` removes it, ``e`` saves the list as Markdown."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from crisisreader.state import Bookmark
from crisisreader.tui.delivery import file_name, offer_text
from crisisreader.tui.keymap import Planned, screen_keys
from crisisreader.tui.memory import ReadingMemory
from crisisreader.tui.screens.search import Target
from crisisreader.tui.widgets.field import Choices

HINT = "Enter opens · n writes a note · b removes · e saves them as Markdown · a {other} · Esc closes"


class BookmarksScreen(ModalScreen[Target | None], Planned):
    """The user's bookmarks: those of the series open now, whether they were made with this series alone or
    with others, and on ``a`` those of every series."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *screen_keys(),
        # A modal screen hides the app's own keys: its help is bound here, under the reader's id for it.
        Binding("question_mark", "app.help", "Help", id="help", tooltip="The keys and what they do"),
        Binding("escape,B", "dismiss(None)", "Close", id="bookmarks.close", tooltip="Back to the day"),
        Binding("b,delete", "remove", "Remove", id="bookmarks.remove", tooltip="Remove the highlighted bookmark"),
        Binding("n", "note", "Note", id="bookmarks.note", tooltip="Write the highlighted bookmark's note"),
        Binding("e", "export", "Export", id="bookmarks.export", tooltip="Save the bookmarks listed as Markdown"),
        Binding("a", "everywhere", "All", id="bookmarks.all", tooltip="Every series' bookmarks, or the open ones'"),
    ]

    def __init__(self, memory: ReadingMemory, changed: Callable[[], None], everywhere: bool = False) -> None:
        super().__init__()
        self.memory = memory
        self._changed = changed
        self.everywhere = everywhere
        self.bookmarks: list[Bookmark] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmarks-box"):
            yield Choices(id="bookmark-list")
            yield Static(id="bookmarks-hint")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _series_names(self) -> list[str]:
        return [s.name for s in self.memory.corpus.series]

    def _fill(self, highlight: int = 0) -> None:
        listed = self.memory.everywhere if self.everywhere else self.memory.bookmarks
        self.bookmarks = sorted(listed, key=lambda b: (b.date, b.paragraph), reverse=True)
        listing = self.query_one(OptionList)
        names = ", ".join(self._series_names()) or "the series open"
        title = "All bookmarks" if self.everywhere else f"Bookmarks of {names}"
        listing.border_title = f"{title}: {len(self.bookmarks):,}"
        other = "shows the open series' only" if self.everywhere else "shows every series'"
        self.query_one("#bookmarks-hint", Static).update(Text(HINT.format(other=other)))
        listing.set_options([Option(self._prompt(b)) for b in self.bookmarks])
        if self.bookmarks:
            listing.highlighted = min(highlight, len(self.bookmarks) - 1)
        else:
            elsewhere = not self.everywhere and self.memory.everywhere
            empty = "None in the series open now: a shows every series' bookmarks." if elsewhere else \
                "No bookmarks yet: b on a paragraph bookmarks it."  # fmt: skip
            listing.set_options([Option(Text(empty), disabled=True)])

    def _prompt(self, bookmark: Bookmark) -> Text:
        shown = self.memory.shown_as(bookmark)
        prompt = Text(bookmark.date, style="bold")
        prompt.append(f" {bookmark.series}", style="dim")
        if shown is None:
            prompt.append(f" ({bookmark.folder or 'a series not open now'})", style="italic dim")
        elif self.memory.where(bookmark) is None:
            # Placed, its series no longer has the paragraph; unplaced, it may be another folder of that name's.
            gone = "no longer in its series" if bookmark.folder else "not in the briefings open now"
            prompt.append(f" ({gone})", style="italic dim")
        prompt.append("\n")
        prompt.append(bookmark.text if len(bookmark.text) <= 220 else bookmark.text[:219] + "…")
        if bookmark.note:
            prompt.append("\n✎ ", style=f"bold {self.app.current_theme.accent or ''}")
            prompt.append(bookmark.note, style="italic")
        return prompt

    def _highlighted(self) -> Bookmark | None:
        index = self.query_one(OptionList).highlighted
        return self.bookmarks[index] if index is not None and index < len(self.bookmarks) else None

    @on(OptionList.OptionSelected, "#bookmark-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        bookmark = self.bookmarks[event.option_index]
        found = self.memory.where(bookmark)
        if found is None:
            self.notify("That briefing is not open now.", timeout=3)
            return
        self.dismiss((found, ()))

    def action_remove(self) -> None:
        bookmark = self._highlighted()
        if bookmark is None:
            return
        at = self.bookmarks.index(bookmark)
        self.memory.remove(bookmark)
        self._changed()
        self._fill(at)

    def action_note(self) -> None:
        bookmark = self._highlighted()
        if bookmark is None:
            self.notify("No bookmark to write a note on.", timeout=2)
            return
        at = self.bookmarks.index(bookmark)

        def written(note: str | None) -> None:
            if note is not None:
                self.memory.set_note(bookmark, note)
                self._fill(at)

        from crisisreader.tui.screens.note import NoteScreen

        self.app.push_screen(NoteScreen(bookmark), written)

    def action_everywhere(self) -> None:
        self.everywhere = not self.everywhere
        self._fill()

    def action_export(self) -> None:
        if not self.bookmarks:
            self.notify("No bookmarks to save.", timeout=2)
            return
        from crisisreader.export import bookmarks_to_markdown

        names = self._series_names()
        parts = ["all"] if self.everywhere or not names else names[:2] + ([f"{len(names) - 2}-more"] * (len(names) > 2))
        offer_text(self.app, bookmarks_to_markdown(self.bookmarks), file_name("bookmarks", *parts) + ".md")
