"""The note of a bookmark, written in one line: Enter keeps it, Esc leaves it as it was."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from crisisreader.state import Bookmark
from crisisreader.tui.keymap import Planned, screen_keys
from crisisreader.tui.widgets.field import Field


class NoteScreen(ModalScreen[str | None], Planned):
    """Answers the note as written (an empty one removes it), or None when the user went back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *screen_keys(),
        Binding("escape", "dismiss(None)", "Cancel", id="note.cancel", tooltip="Leave the note as it was"),
    ]

    def __init__(self, bookmark: Bookmark) -> None:
        super().__init__()
        self.bookmark = bookmark

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box") as box:
            box.border_title = f"Note on {self.bookmark.date} {self.bookmark.series}"
            excerpt = self.bookmark.text if len(self.bookmark.text) <= 160 else self.bookmark.text[:159] + "…"
            yield Static(Text(excerpt, style="dim"), id="note-paragraph")
            yield Field(self.bookmark.note, placeholder="Why this paragraph matters…", id="note-text")
            yield Static(Text("Enter keeps the note (an empty one removes it) · Esc leaves it as it was"),
                         id="note-hint")  # fmt: skip

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#note-text")
    def _keep(self, event: Input.Submitted) -> None:
        # One line on disk and in the list: pasted line breaks become spaces.
        self.dismiss(" ".join(event.value.split()))
