"""The footer, packed tighter on a narrow terminal so that `? Help` and the first keys stay on screen at 80x24."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

NARROW = 100


class ReaderFooter(Footer):
    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < NARROW
