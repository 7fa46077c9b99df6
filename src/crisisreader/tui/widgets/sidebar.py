"""The date sidebar: one line a briefing, oldest at the top, with a badge of new items and an unread mark; with
several series, each under a header that counts its unread days.

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
from crisisreader.tui.keymap import Planned

# Option ids of the series' header rows; a day's id is its key, "series/YYYY-MM-DD", which never starts so.
HEADER = "\x00"


class DateSidebar(OptionList, Planned, inherit_bindings=False):
    """The days of the corpus, under a header per series when there are several (Enter or a click on a header
    folds its days away); posts ``DaySelected`` when the user moves to a day."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # The list's own keys, under ids (so that a config can move them), and j and k beside the arrows.
        Binding("j,down", "cursor_down", "Down", show=False, id="sidebar.down", tooltip="The next day in the list"),
        Binding("k,up", "cursor_up", "Up", show=False, id="sidebar.up", tooltip="The previous day in the list"),
        Binding("home", "first", "First in list", show=False, id="sidebar.first", tooltip="The top of the list"),
        Binding("end", "last", "Last in list", show=False, id="sidebar.last", tooltip="The bottom of the list"),
        Binding("pageup", "page_up", "Page up", show=False, id="sidebar.page_up", tooltip="A page up the list"),
        Binding("pagedown", "page_down", "Page down", show=False, id="sidebar.page_down", tooltip="A page down"),
        Binding("enter", "select", "Open", show=False, id="sidebar.open", tooltip="Open the day, or fold a series"),
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
        self._groups: dict[str, list[Briefing]] = {}
        self._rows: list[Briefing | str] = []
        self._index: dict[str, int] = {}
        self._folded: set[str] = set()
        self._day: str | None = None
        self._badges: Mapping[str, int] = {}
        self._unread: set[str] = set()
        self._fresh: set[str] = set()
        self._quiet = False

    @property
    def keys(self) -> Sequence[str]:
        """Every day's key, folded or not, in the list's order."""
        return self._keys

    @property
    def series_names(self) -> list[str]:
        return list(self._groups)

    def series_days(self, series: str) -> Sequence[Briefing]:
        """One series' days, oldest first."""
        return self._groups.get(series, ())

    def set_days(
        self, briefings: Sequence[Briefing], unread: set[str], badges: Mapping[str, int] | None = None
    ) -> None:
        """Fill the list (one refill: refilling is the costly part at ten thousand days)."""
        self._briefings = list(briefings)
        groups: dict[str, list[Briefing]] = {}
        for briefing in self._briefings:
            groups.setdefault(briefing.series, []).append(briefing)
        # By name, as the next-unread key goes through them.
        self._groups = dict(sorted(groups.items()))
        self._keys = [b.key for days in groups.values() for b in days]
        self._unread = set(unread)
        self._badges = badges or {}
        self._refill()

    def add_days(self, days: Sequence[Briefing], unread: set[str], badges: Mapping[str, int]) -> bool:
        """Days that come after every day of the list's last series, added at its end without filling the list
        again (at ten thousand days that is most of a new day's cost); False, and nothing done, otherwise."""
        if not days or not self._groups:
            return False
        name, last = next(reversed(self._groups.items()))
        if name in self._folded or any(b.series != name for b in days):
            return False
        dates = [(b.date, b.edition) for b in days]
        if dates != sorted(dates) or (last and dates[0] <= (last[-1].date, last[-1].edition)):
            return False
        self._unread = set(unread)
        self._badges = {**self._badges, **badges}
        self._briefings += days
        last += days
        self._keys += [b.key for b in days]
        start = len(self._rows)
        self._rows += days
        self._index.update((b.key, start + i) for i, b in enumerate(days))
        self.add_options(Option(self._prompt(b), id=b.key) for b in days)
        if len(self._groups) > 1:
            self.replace_option_prompt_at_index(self._rows.index(name), self._header(name))
        return True

    def _refill(self) -> None:
        current = self.current_key
        header = self._row(self.highlighted)
        rows: list[Briefing | str] = []
        if len(self._groups) == 1:
            rows = list(self._briefings)
        else:
            for name, days in self._groups.items():
                rows.append(name)
                if name not in self._folded:
                    rows.extend(days)
        self._rows = rows
        self._index = {row.key: i for i, row in enumerate(rows) if isinstance(row, Briefing)}
        self._quiet = True
        self.set_options(
            Option(self._header(row), id=HEADER + row)
            if isinstance(row, str)
            else Option(self._prompt(row), id=row.key)
            for row in rows
        )
        if isinstance(header, str) and header in self._groups:
            self.highlighted = rows.index(header)
        elif current in self._index:
            self.highlighted = self._index[current]
        self._quiet = False

    def _row(self, index: int | None) -> Briefing | str | None:
        return self._rows[index] if index is not None and 0 <= index < len(self._rows) else None

    def set_fresh(self, keys: set[str]) -> None:
        """Mark the days that are new since the last visit."""
        self._fresh = set(keys)
        self._refill()

    def set_badges(self, badges: Mapping[str, int]) -> None:
        self._badges = badges
        self._refill()

    def set_unread(self, keys: set[str]) -> None:
        self._unread = set(keys)
        self._refill()

    def mark_read(self, key: str) -> None:
        if key in self._unread:
            self._unread.discard(key)
            index = self._index.get(key)
            if index is not None:
                briefing = self._rows[index]
                assert isinstance(briefing, Briefing)
                self.replace_option_prompt_at_index(index, self._prompt(briefing))
                if len(self._groups) > 1:
                    top = self._rows.index(briefing.series)
                    self.replace_option_prompt_at_index(top, self._header(briefing.series))

    @property
    def current_key(self) -> str | None:
        """The day highlighted, or the last one when a series' header is."""
        row = self._row(self.highlighted)
        if isinstance(row, Briefing):
            return row.key
        return self._day

    def select_key(self, key: str) -> None:
        """Highlight a day, unfolding its series if it was folded away."""
        if key not in self._index:
            series = next((name for name, days in self._groups.items() if any(b.key == key for b in days)), None)
            if series is None or series not in self._folded:
                return
            self._folded.discard(series)
            self._refill()
        self.highlighted = self._index[key]

    def toggle_fold(self, series: str) -> None:
        self._folded ^= {series}
        self._refill()
        self.highlighted = self._rows.index(series)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith(HEADER):
            event.stop()
            self.toggle_fold(option_id[len(HEADER) :])

    def _header(self, series: str) -> Content:
        unread = sum(1 for b in self._groups.get(series, ()) if b.key in self._unread)
        fold = "▸ " if series in self._folded else "▾ "
        name = neutralise(series)
        # One line in the sidebar's width, the unread count (•N) kept whole.
        room = max(8, 18 - len(f"{unread:,}")) if unread else 20
        name = name if len(name) <= room else name[: room - 1] + "…"
        parts: list[str | tuple[str, str]] = [fold, (name, "bold")]
        if unread:
            parts.append((f" •{unread:,}", "bold ansi_yellow"))
        return Content.assemble(*parts, strip_control_codes=False)

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
            parts.append((f" {badge:>3,} new", "bold ansi_green"))
        return Content.assemble(*parts, strip_control_codes=False)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        row = self._row(highlighted)
        if isinstance(row, Briefing):
            self._day = row.key
            if not self._quiet:
                self.post_message(self.DaySelected(row.key))
