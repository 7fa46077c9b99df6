"""The date sidebar: one line a briefing, oldest at the top, with a badge of new items and an unread mark.

An OptionList, so ten thousand days mount in a blink: only the visible lines are rendered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from crisisreader.model import Briefing
from crisisreader.text import neutralise


class DateSidebar(OptionList):
    """The days of the corpus; posts ``DaySelected`` when the user moves to one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="sidebar.down", tooltip="The next day in the list"),
        Binding("k", "cursor_up", "Up", show=False, id="sidebar.up", tooltip="The previous day in the list"),
    ]

    class DaySelected(Message):
        """The user moved to a day."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[str] = []
        self._briefings: list[Briefing] = []
        self._badges: Mapping[str, int] = {}
        self._unread: set[str] = set()
        self._fresh: set[str] = set()
        self._show_series = False
        self._quiet = False

    @property
    def keys(self) -> Sequence[str]:
        return self._keys

    def set_days(
        self, briefings: Sequence[Briefing], unread: set[str], badges: Mapping[str, int] | None = None
    ) -> None:
        """Fill the list (one refill: refilling is the costly part at ten thousand days)."""
        self._briefings = list(briefings)
        self._keys = [b.key for b in briefings]
        self._unread = set(unread)
        self._badges = badges or {}
        self._show_series = len({b.series for b in briefings}) > 1
        current = self.current_key
        self._quiet = True
        self.set_options(Option(self._prompt(b), id=b.key) for b in self._briefings)
        if current in self._keys:
            self.highlighted = self._keys.index(current)
        self._quiet = False

    def set_fresh(self, keys: set[str]) -> None:
        """Mark the days that are new since the last visit."""
        self._fresh = set(keys)
        self.set_days(self._briefings, self._unread, self._badges)

    def set_badges(self, badges: Mapping[str, int]) -> None:
        self.set_days(self._briefings, self._unread, badges)

    def set_unread(self, keys: set[str]) -> None:
        self.set_days(self._briefings, keys, self._badges)

    def mark_read(self, key: str) -> None:
        if key in self._unread:
            self._unread.discard(key)
            if key in self._keys:
                index = self._keys.index(key)
                self.replace_option_prompt_at_index(index, self._prompt(self._briefings[index]))

    @property
    def current_key(self) -> str | None:
        if self.highlighted is None or not self._keys:
            return None
        return self._keys[self.highlighted]

    def select_key(self, key: str) -> None:
        if key in self._keys:
            self.highlighted = self._keys.index(key)

    def _prompt(self, briefing: Briefing) -> Content:
        # Content, not Rich Text: ten thousand prompts are made at each refill, and Content is what the list
        # renders (a Text would be converted). Only the series name comes from outside, and it is neutralised.
        unread = briefing.key in self._unread
        mark = "✦ " if briefing.key in self._fresh else "• " if unread else "  "
        parts: list[str | tuple[str, str]] = [
            (mark, "bold ansi_yellow") if unread else mark,
            (briefing.date.isoformat(), "bold") if unread else briefing.date.isoformat(),
        ]
        if briefing.edition > 1:
            parts.append(f"~{briefing.edition}")
        badge = self._badges.get(briefing.key)
        if badge:
            parts.append((f" {badge:>3} new", "bold ansi_green"))
        if self._show_series:
            parts.append((f" {neutralise(briefing.series)}", "dim"))
        return Content.assemble(*parts, strip_control_codes=False)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted is not None and not self._quiet and highlighted < len(self._keys):
            self.post_message(self.DaySelected(self._keys[highlighted]))
