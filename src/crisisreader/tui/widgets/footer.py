"""The footer, packed tighter on a narrow terminal so that `? Help` and the first keys stay on screen at 80x24 (the
palette's key, which Textual draws over the last keys, is left to the help)."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

NARROW = 100


class ReaderFooter(Footer):
    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < NARROW

    def on_mount(self) -> None:
        # Docked at the right, the palette's key is drawn over the last keys (at 120 columns too: the footer holds
        # a dozen); the help lists it, and the header's icon opens the palette with the mouse.
        self.show_command_palette = False
