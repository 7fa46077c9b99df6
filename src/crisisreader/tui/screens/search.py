"""Search as you type over every day (or this day, or one speaker's quotations); Enter opens the hit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from crisisreader.analysis import Analysis
from crisisreader.quotes.repeats import distinct
from crisisreader.render import highlighted
from crisisreader.search import Query, search_quotes
from crisisreader.text import neutralise
from crisisreader.tui.widgets.toggle import Toggle

Target = tuple[str, tuple[tuple[int, int], ...]]
SCOPES = [("All days", "all"), ("This day", "day"), ("One speaker's quotes", "speaker")]
# Hits listed at a time: a keystroke lists the newest PAGE, and reaching the last one lists PAGE more. Listing
# two hundred at every keystroke tripled the time from key press to results.
PAGE = 50


@dataclass(frozen=True, slots=True)
class Found:
    """One line of results: where it is, what to show, where to jump."""

    paragraph_id: str
    date: str
    series: str
    snippet: Text
    spans: tuple[tuple[int, int], ...]


class SearchScreen(ModalScreen[Target | None]):
    """A search box over the results; typing searches, Enter opens the highlighted hit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close", id="search.close", tooltip="Back to the day, nothing chosen"),
        Binding("down", "move(1)", "Next hit", show=False, id="search.next", tooltip="Highlight the next hit"),
        Binding("up", "move(-1)", "Previous hit", show=False, id="search.previous", tooltip="The previous hit"),
        Binding("ctrl+r", "flip('regex')", "Regex", id="search.regex", tooltip="Read the query as a regex"),
        Binding("ctrl+t", "flip('case')", "Case", id="search.case", tooltip="Match upper and lower case exactly"),
        Binding("ctrl+o", "next_scope", "Scope", id="search.scope", tooltip="All days, this day, one speaker"),
    ]

    class Searched(Message):
        def __init__(self, query: Query, found: list[Found], total: int) -> None:
            super().__init__()
            self.query = query
            self.found = found
            self.total = total

    def __init__(self, analysis: Callable[[], Analysis | None], day: str | None, query: str = "") -> None:
        super().__init__()
        self._analysis = analysis
        self.day = day
        self.initial = query
        self.found: list[Found] = []
        self.total = 0
        self.limit = PAGE

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(self.initial, placeholder="Search every day…", id="query")
            with Horizontal(id="search-options"):
                yield Toggle("Regex", id="regex")
                yield Toggle("Case", id="case")
                yield Select(SCOPES, value="all", allow_blank=False, id="scope")
                yield Select[str]([], prompt="Speaker", id="speaker")
            yield Static(
                "Enter opens the highlighted hit · ↑↓ choose · ctrl+r regex · ctrl+t case · ctrl+o scope · Esc closes",
                id="search-hint",
                markup=False,
            )
            yield OptionList(id="hits")

    def on_mount(self) -> None:
        self.query_one("#speaker", Select).display = False
        analysis = self._analysis()
        if analysis is not None:
            speakers = analysis.speakers()
            self.query_one("#speaker", Select).set_options((Text(f"{s.name} ({s.count})"), s.name) for s in speakers)
        self.query_one("#query", Input).focus()
        if self.initial:
            self.search()

    def _options(self) -> tuple[Query, str, str | None]:
        text = self.query_one("#query", Input).value
        query = Query(
            text, regex=self.query_one("#regex", Checkbox).value, case=self.query_one("#case", Checkbox).value
        )
        scope = str(self.query_one("#scope", Select).value)
        speaker = self.query_one("#speaker", Select).value
        return query, scope, speaker if isinstance(speaker, str) else None

    @on(Input.Changed, "#query")
    @on(Checkbox.Changed)
    @on(Select.Changed)
    def search(self) -> None:
        query, scope, speaker = self._options()
        self.query_one("#speaker", Select).display = scope == "speaker"
        box = self.query_one("#query", Input)
        if query.error:
            box.add_class("-invalid")
            box.border_subtitle = Content(neutralise(f"not a valid regular expression: {query.error}"))
            self._title(Text("No search until the expression is valid."))
            return
        box.remove_class("-invalid")
        box.border_subtitle = None
        if len(query.text.strip()) < 1:
            self.query_one("#hits", OptionList).clear_options()
            self._title(Text("Type to search."))
            return
        analysis = self._analysis()
        if analysis is None:
            self._title(Text("Building the search index… the results come as soon as it is ready."))
            self.set_timer(0.3, self.search)
            return
        self.limit = PAGE
        self._run(analysis, query, scope, speaker, self.limit)

    @on(OptionList.OptionHighlighted, "#hits")
    def _more(self, event: OptionList.OptionHighlighted) -> None:
        """The last hit listed is highlighted: list the next page, if there is one."""
        analysis = self._analysis()
        if event.option_index < len(self.found) - 1 or len(self.found) >= self.total or analysis is None:
            return
        if self.limit > len(self.found):
            return  # already asked
        self.limit += PAGE
        query, scope, speaker = self._options()
        self._run(analysis, query, scope, speaker, self.limit)

    # Described, for by default Textual describes a worker by the repr() of its arguments, at every keystroke.
    @work(thread=True, exclusive=True, group="search", description="search")
    def _run(self, analysis: Analysis, query: Query, scope: str, speaker: str | None, limit: int) -> None:
        found: list[Found] = []
        if scope == "speaker":
            # Each quotation once: one repeated in the background of every day is one thing said.
            quotes = distinct(analysis.every_quote() if speaker is None else analysis.quotes_by(speaker))
            matches = search_quotes(query, quotes)
            # Newest day first; within a day, in the order the text has them (the quotations come in that order).
            matches.sort(key=lambda m: m[0].date, reverse=True)
            total = len(matches)
            for quote, spans in matches[:limit]:
                shifted = tuple((quote.start + s, quote.start + e) for s, e in spans)
                snippet = Text(f"{quote.speaker or '?'}: ", style="#d787ff")
                snippet.append_text(highlighted("“" + quote.text + "”", (), tuple((s + 1, e + 1) for s, e in spans)))
                found.append(Found(quote.paragraph, quote.date.isoformat(), quote.series, snippet, shifted))
        else:
            results = analysis.index.search(query, limit=limit, briefing=self.day if scope == "day" else None)
            total = results.total
            for hit in results.hits:
                window, spans = hit.snippet(110)
                found.append(
                    Found(
                        hit.paragraph.id,
                        hit.briefing.date.isoformat(),
                        hit.briefing.series,
                        highlighted(window, (), spans),
                        hit.spans,
                    )
                )
        self.post_message(self.Searched(query, found, total))

    def on_search_screen_searched(self, message: Searched) -> None:
        current, _, _ = self._options()
        if current.text != message.query.text:
            return  # a later keystroke's search is on its way
        # The next page of the same query: the highlight stays where the user scrolled to.
        more = self.limit > PAGE and len(message.found) > len(self.found)
        self.found = message.found
        self.total = message.total
        several = len({f.series for f in self.found}) > 1
        hits = self.query_one("#hits", OptionList)
        kept = hits.highlighted if more else None
        options = []
        for found in self.found:
            prompt = Text(found.date, style="bold")
            if several:
                prompt.append(f" {found.series}", style="dim")
            prompt.append("  ")
            prompt.append_text(found.snippet)
            options.append(Option(prompt))
        hits.set_options(options)
        if options:
            hits.highlighted = kept if kept is not None else 0
        shown = f" (the newest {len(options)} listed; more at the end)" if message.total > len(options) else ""
        noun = "hit" if message.total == 1 else "hits"
        title = Text(f"“{message.query.text}”: {message.total} {noun}{shown}")
        if not message.total:
            title = Text(f"“{message.query.text}”: no hits")
        self._title(title)

    def _title(self, text: Text) -> None:
        # A Content, never a str: a str border title is read as markup, and the query is the user's own text.
        self.query_one("#hits", OptionList).border_title = Content(neutralise(text.plain))

    def action_move(self, step: int) -> None:
        hits = self.query_one("#hits", OptionList)
        if hits.option_count:
            hits.highlighted = max(0, min(hits.option_count - 1, (hits.highlighted or 0) + step))

    def action_flip(self, name: str) -> None:
        box = self.query_one(f"#{name}", Checkbox)
        box.value = not box.value

    def action_next_scope(self) -> None:
        scope = self.query_one("#scope", Select)
        values = [value for _, value in SCOPES]
        scope.value = values[(values.index(str(scope.value)) + 1) % len(values)]

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        hits = self.query_one("#hits", OptionList)
        if hits.highlighted is not None and hits.highlighted < len(self.found):
            self._choose(hits.highlighted)

    @on(OptionList.OptionSelected, "#hits")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def _choose(self, index: int) -> None:
        found = self.found[index]
        self.dismiss((found.paragraph_id, found.spans))
