"""A checkbox whose off state reads as off: an empty box, not the same cross in another colour."""

from __future__ import annotations

from textual.widgets import Checkbox


class Toggle(Checkbox):
    ON = "✓"
    OFF = " "

    def on_mount(self) -> None:
        self.BUTTON_INNER = self.ON if self.value else self.OFF

    def watch_value(self) -> None:
        self.BUTTON_INNER = self.ON if self.value else self.OFF
        super().watch_value()  # the -on class and the Changed message
        self.refresh()
