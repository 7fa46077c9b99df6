"""Quotes by speaker: a fuzzy picker of speakers (aliases count), and the chosen one's quotations, newest first."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from crisisreader.analysis import Analysis
from crisisreader.counts import plural
from crisisreader.model import Quote
from crisisreader.quotes import SpeakerSummary
from crisisreader.quotes.repeats import Spread, distinct, occurrences
from crisisreader.speakers.match import rank_speakers
from crisisreader.text import neutralise
from crisisreader.tui.keymap import Planned, screen_keys
from crisisreader.tui.screens.search import Target
from crisisreader.tui.widgets.field import Choices, Field

# Below this many columns the speakers and their quotations take turns in the whole box.
NARROW = 80
# Quotations listed at a time: the first PAGE of a speaker's, and PAGE more on reaching the last.
PAGE = 200


class SpeakersScreen(ModalScreen[Target | None], Planned):
    """Type part of a name; Enter lists that speaker's quotations; Enter on one opens its day."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *screen_keys(),
        Binding("escape", "back", "Close", id="speakers.close", tooltip="Back (from the quotes to the speakers)"),
        Binding("down", "move(1)", "Next", show=False, id="speakers.next", tooltip="The next speaker"),
        Binding("up", "move(-1)", "Previous", show=False, id="speakers.previous", tooltip="The previous speaker"),
    ]

    def __init__(self, analysis: Analysis, query: str = "") -> None:
        super().__init__()
        self.analysis = analysis
        self.initial = query
        self.summaries = analysis.speakers()
        self.aliases = {s.name: analysis.registry.aliases(s.name) for s in self.summaries}
        self.shown: list[SpeakerSummary] = list(self.summaries)
        self.count_width = max((len(f"{s.count:,}") for s in self.summaries), default=1)
        self.listed: list[Quote] = []
        self.spread = Spread(())

    def compose(self) -> ComposeResult:
        with Vertical(id="speakers-box"):
            yield Field(
                self.initial, placeholder="A speaker: any part of a name or alias (zelensky, peskov)…", id="who"
            )
            with Horizontal(id="speakers-panes"):
                yield Choices(id="speaker-list")
                yield Choices(id="quote-list")
            yield Static("", id="speakers-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#speaker-list", OptionList).border_title = "Quotes · speaker"
        self.query_one("#quote-list", OptionList).border_title = "Quotations"
        self._fill()
        self.query_one("#who", Input).focus()
        if self.initial:
            self._open_speaker()
        self.query_one("#speakers-hint", Static).update(
            Text("Type to narrow · ↑↓ · Enter: quotations, then one's day · Esc back")
        )

    @on(Input.Changed, "#who")
    def _fill(self) -> None:
        query = self.query_one("#who", Input).value
        self.shown = rank_speakers(query, self.summaries, self.aliases)
        speakers = self.query_one("#speaker-list", OptionList)
        speakers.set_options(Option(self._speaker_prompt(s)) for s in self.shown)
        if self.shown:
            speakers.highlighted = 0
        self._list_quotes()

    def _speaker_prompt(self, summary: SpeakerSummary) -> Text:
        # The count first, in a column as wide as the largest: a long name is what the ellipsis cuts.
        text = Text(f"{summary.count:>{self.count_width},} ", style="#87d75f")
        text.append(summary.name, style="bold")
        return text

    @on(OptionList.OptionHighlighted, "#speaker-list")
    def _list_quotes(self) -> None:
        index = self.query_one("#speaker-list", OptionList).highlighted
        quotes = self.query_one("#quote-list", OptionList)
        if index is None or index >= len(self.shown):
            self.listed = []
            quotes.clear_options()
            quotes.border_title = "Quotations"
            quotes.border_subtitle = ""
            return
        speaker = self.shown[index]
        # Newest day first; within a day, in the order the text has them.
        every = self.analysis.quotes_by(speaker.name)
        # A quotation repeated in the background every day is listed once, with the days it appeared.
        self.spread = Spread(occurrences(every))
        mine = distinct(every)
        mine.sort(key=lambda q: (q.paragraph.rpartition("#")[0], int(q.paragraph.rpartition("#")[2]), q.start))
        mine.sort(key=lambda q: q.date, reverse=True)
        self.listed = mine
        quotes.set_options(self._quote_options(0))
        role = self.analysis.registry.role(speaker.name)
        count = plural(len(mine), "quotation")
        # The count first: a long role is what the border cuts.
        quotes.border_title = Content(neutralise(f"{count}: {speaker.name}" + (f", {role}" if role else "")))
        first, last = speaker.first.isoformat(), speaker.last.isoformat()
        quotes.border_subtitle = first if first == last else f"{first} to {last}"

    def _quote_options(self, start: int) -> list[Option]:
        """The next page of the listed quotations as options (a speaker of 10,000 days has thousands)."""
        options = []
        for quote in self.listed[start : start + PAGE]:
            prompt = Text(quote.date.isoformat(), style="bold")
            prompt.append("  “" + quote.text + ("…" if quote.truncated else "") + "”")
            repeat = self.spread.get((quote.series, quote.text))
            if repeat is not None and repeat.days > 1:
                prompt.append(f"  on {plural(repeat.days, 'day')}, to {repeat.last.isoformat()}", style="dim")
            options.append(Option(prompt))
        return options

    @on(OptionList.OptionHighlighted, "#quote-list")
    def _more_quotes(self, event: OptionList.OptionHighlighted) -> None:
        quotes = event.option_list
        if event.option_index == quotes.option_count - 1 and quotes.option_count < len(self.listed):
            quotes.add_options(self._quote_options(quotes.option_count))

    @on(Input.Submitted, "#who")
    @on(OptionList.OptionSelected, "#speaker-list")
    def _open_speaker(self) -> None:
        quotes = self.query_one("#quote-list", OptionList)
        if quotes.option_count:
            quotes.highlighted = 0
            quotes.focus()

    @on(OptionList.OptionSelected, "#quote-list")
    def _open_quote(self, event: OptionList.OptionSelected) -> None:
        quote = self.listed[event.option_index]
        self.dismiss((quote.paragraph, ((quote.start, quote.end),)))

    def on_resize(self) -> None:
        # Too narrow for two readable panes: one at a time, the speakers, then (Enter) the chosen one's quotations.
        self.set_class(self.size.width < NARROW, "-narrow")

    @on(events.DescendantFocus)
    def _pane_shown(self) -> None:
        self.set_class(self.focused is self.query_one("#quote-list"), "-quotes")

    def action_move(self, step: int) -> None:
        target = self.focused if isinstance(self.focused, OptionList) else self.query_one("#speaker-list", OptionList)
        if target.option_count:
            target.highlighted = max(0, min(target.option_count - 1, (target.highlighted or 0) + step))

    def action_back(self) -> None:
        if self.focused is self.query_one("#quote-list", OptionList):
            self.query_one("#who", Input).focus()
        else:
            self.dismiss(None)
