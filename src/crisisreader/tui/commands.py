"""The command palette's own commands: go to a date, quotes by a speaker, the diff and its base day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider, SimpleCommand
from textual.markup import escape

from crisisreader.counts import plural
from crisisreader.dates import read_day
from crisisreader.model import Briefing, Series
from crisisreader.sources.editions import edition_base, edition_count
from crisisreader.text import neutralise, words

if TYPE_CHECKING:
    from crisisreader.tui.screens.reader import ReaderScreen

Command = tuple[str, Callable[[], object], str, Briefing | None]
"""A palette command: its name, what it runs, its help, and the day it opens (for a "go to" command)."""


def _literal(text: str) -> str:
    """The palette reads its prompts and help as markup, and series names, headings and speakers come from
    briefings: escaped, so ``[/]`` in a heading is shown, not parsed."""
    return escape(neutralise(text))


def base_days(series: Series, briefing: Briefing, choose: Callable[[str | None], None]) -> list[SimpleCommand]:
    """What a briefing's diff may compare with: the day before (the default) at the top, then the day's own earlier
    editions as the library kept them (newest first), then the series' other days, newest first."""
    commands = [SimpleCommand("The day before (default)", partial(choose, None), "Compare with the previous day")]
    commands += [
        SimpleCommand(
            f"Compare with edition {number} of {briefing.date.isoformat()}",
            partial(choose, edition_base(briefing, number)),
            "An earlier text of this day, before its source changed it",
        )
        for number in range(edition_count(briefing), 0, -1)
    ]
    commands += [
        SimpleCommand(f"Compare with {b.date.isoformat()}", partial(choose, b.key), _literal(b.heading or b.series))
        for b in reversed(series.briefings)
        if b.key != briefing.key
    ]
    return commands


def pick_base(reader: ReaderScreen) -> None:
    """The ``D`` key: choose what the open day's diff compares with, kept per series until changed."""
    briefing = reader.current
    series = reader.corpus.get_series(briefing.series) if briefing else None
    if briefing is None or series is None:
        return

    def choose(base: str | None) -> None:
        if base is None:
            reader.bases.pop(briefing.series, None)
        else:
            reader.bases[briefing.series] = base
        reader.diff_mode = True
        reader.refresh_day()

    placeholder = "Compare this day with… (type a date)"
    reader.app.search_commands(base_days(series, briefing, choose), placeholder=placeholder)


class ReaderCommands(Provider):
    """Commands over the corpus open in the reader."""

    def _reader(self) -> ReaderScreen | None:
        from crisisreader.tui.screens.reader import ReaderScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, ReaderScreen):
                return screen
        return None

    def _commands(self) -> list[Command]:
        reader = self._reader()
        if reader is None:
            return []
        commands: list[Command] = [
            ("Toggle the diff view", reader.action_toggle_diff, "The day against the day before, marked", None),
            ("Compare with a base day…", reader.action_pick_base, "Choose the day the diff compares with", None),
            ("Toggle only what is new", reader.action_toggle_only_new, "Hide repeated paragraphs", None),
            ("Search every day", reader.action_search, "Full-text search as you type", None),
            ("Quotes by speaker", reader.action_speakers, "Pick a speaker, list their quotations", None),
        ]
        for briefing in reversed(reader.corpus.briefings):
            label = f"Go to {briefing.date.isoformat()}"
            if len(reader.corpus.series) > 1 or briefing.edition > 1:
                label += f" {briefing.series}" + (f" ~{briefing.edition}" if briefing.edition > 1 else "")
            commands.append(
                (label, partial(reader.goto_date, briefing.key), briefing.heading or "Open this day", briefing)
            )
        if reader.analysis is not None:
            for summary in reader.analysis.speakers():
                commands.append(
                    (
                        f"Quotes by {summary.name}",
                        partial(reader.action_speakers, summary.name),
                        plural(summary.count, "quotation"),
                        None,
                    )
                )
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text, _day in self._commands()[:5]:
            yield DiscoveryHit(_literal(name), callback, help=_literal(help_text))

    async def search(self, query: str) -> Hits:
        """The commands whose names match, fuzzily; and the days a typed date names ("Feb 7", "yesterday") or
        whose heading holds every word typed, above the fuzzy matches."""
        matcher = self.matcher(query)
        asked = read_day(query, today())
        # A letter or two would match every heading; a date is read as a date ("today" is in headings too).
        wanted = [word for word in words(query) if len(word) > 2] if asked is None else []
        for name, callback, help_text, day in self._commands():
            score = matcher.match(name)
            if day is not None and asked is not None and asked.matches(day.date):
                yield Hit(1.0, _literal(name), callback, help=_literal(help_text))
            elif day is not None and wanted and _heading_holds(day, wanted):
                yield Hit(max(score, 0.9), _literal(name), callback, help=_literal(help_text))
            elif score > 0:
                yield Hit(score, matcher.highlight(_literal(name)), callback, help=_literal(help_text))


def today() -> dt.date:
    """The calendar's today, which "today" and "yesterday" in the palette count from (a test sets it)."""
    return dt.date.today()


def _heading_holds(briefing: Briefing, wanted: list[str]) -> bool:
    """Every word typed begins a word of the day's heading ("ceasefire talks", "what you need")."""
    heading = words(briefing.heading or "")
    return all(any(word.startswith(part) for word in heading) for part in wanted)
