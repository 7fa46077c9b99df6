"""The bookmarks view: every bookmarked paragraph, newest day first; Enter opens it, ``b`` removes it."""

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
from crisisreader.tui.delivery import offer_text
from crisisreader.tui.screens.search import Target


class BookmarksScreen(ModalScreen[Target | None]):
    """The user's bookmarks across every series they have read."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,B", "dismiss(None)", "Close", id="bookmarks.close", tooltip="Back to the day"),
        Binding("b,delete", "remove", "Remove", id="bookmarks.remove", tooltip="Remove the highlighted bookmark"),
        Binding("e", "export", "Export", id="bookmarks.export", tooltip="Save the bookmarks as Markdown"),
    ]

    def __init__(
        self, bookmarks: list[Bookmark], known: Callable[[str], bool], remove: Callable[[Bookmark], None]
    ) -> None:
        super().__init__()
        self.bookmarks = sorted(bookmarks, key=lambda b: (b.date, b.paragraph), reverse=True)
        self.known = known
        self._remove = remove

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmarks-box"):
            yield OptionList(id="bookmark-list")
            hint = "Enter opens the paragraph · b removes the bookmark · e saves them as Markdown · Esc closes"
            yield Static(Text(hint), id="bookmarks-hint")

    def action_export(self) -> None:
        if not self.bookmarks:
            self.notify("No bookmarks to save.", timeout=2)
            return
        from crisisreader.export import bookmarks_to_markdown

        offer_text(self.app, bookmarks_to_markdown(self.bookmarks), "bookmarks.md")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        listing = self.query_one(OptionList)
        listing.border_title = f"Bookmarks: {len(self.bookmarks)}"
        options = []
        for bookmark in self.bookmarks:
            prompt = Text(bookmark.date, style="bold")
            prompt.append(f" {bookmark.series}", style="dim")
            if not self.known(bookmark.paragraph):
                prompt.append(" (not in the briefings open now)", style="italic dim")
            prompt.append("\n")
            snippet = bookmark.text if len(bookmark.text) <= 220 else bookmark.text[:219] + "…"
            prompt.append(snippet)
            options.append(Option(prompt))
        listing.set_options(options)
        if options:
            listing.highlighted = 0
        else:
            listing.set_options([Option(Text("No bookmarks yet: b on a paragraph bookmarks it."), disabled=True)])

    @on(OptionList.OptionSelected, "#bookmark-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        bookmark = self.bookmarks[event.option_index]
        if not self.known(bookmark.paragraph):
            self.notify("That briefing is not open now.", timeout=3)
            return
        self.dismiss((bookmark.paragraph, ()))

    def action_remove(self) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None or not self.bookmarks:
            return
        self._remove(self.bookmarks.pop(listing.highlighted))
        self._fill()
