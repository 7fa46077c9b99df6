"""Search as you type over every day (or this day, or one speaker's quotations); Enter opens the hit.

A hit takes one line (date, paragraph and speaker, the words around the match), so that a 24-line terminal
lists ten and more; ``ctrl+l`` shows three lines of each instead. The box remembers earlier searches of the
session: up at the first hit goes back through them, down comes forward again.
"""

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
from crisisreader.counts import plural
from crisisreader.quotes.repeats import distinct
from crisisreader.render import SPEAKER_STYLE, highlighted
from crisisreader.search import Hit, Query, search_quotes, window
from crisisreader.text import neutralise
from crisisreader.tui.keymap import Planned, screen_keys
from crisisreader.tui.trail import QuoteMatch, Scope, Spans, Trail, position
from crisisreader.tui.widgets.field import Choices, Field
from crisisreader.tui.widgets.toggle import Toggle

# A paragraph to open and the spans to mark in it: what search, quotes and bookmarks hand the reader.
Target = tuple[str, tuple[tuple[int, int], ...]]
SCOPES: list[tuple[str, Scope]] = [("All days", "all"), ("This day", "day"), ("One speaker", "speaker")]
# Hits listed at a time: a keystroke lists the newest PAGE, and reaching the last one lists PAGE more. Listing
# two hundred at every keystroke tripled the time from key press to results.
PAGE = 50
HISTORY = 100  # queries remembered in a session
QUERY_SHOWN = 30  # characters of the query in the list's title: the count before it must always show
HINT = "Enter opens · ↑↓ hits (↑ at the top: earlier searches) · ctrl+r regex · ctrl+t case · ctrl+o scope · "
HINT += "ctrl+l lines · Esc closes"


def shortened(query: str) -> str:
    """The query as the list's title shows it: cut after QUERY_SHOWN characters."""
    return query if len(query) <= QUERY_SHOWN else query[: QUERY_SHOWN - 1].rstrip() + "…"


def counted(count: int, noun: str) -> str:
    """ "1 paragraph", "1,234 paragraphs"."""
    return plural(count, noun)


@dataclass(frozen=True, slots=True)
class Found:
    """One line of results: where it is, what to show, where to jump."""

    paragraph_id: str
    date: str
    series: str
    label: Text
    snippet: Text
    spans: Spans


@dataclass(frozen=True, slots=True)
class Chosen:
    """The hit the user opened, and the search it came from (for the reader to keep marking and stepping)."""

    paragraph_id: str
    spans: Spans
    trail: Trail


class SearchScreen(ModalScreen[Chosen | None], Planned):
    """A search box over the results; typing searches, Enter opens the highlighted hit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *screen_keys(),
        Binding("escape", "close", "Close", id="search.close", tooltip="Back to the day, nothing chosen"),
        Binding("down", "move(1)", "Next hit", show=False, id="search.next", tooltip="Highlight the next hit"),
        Binding(
            "up", "move(-1)", "Previous hit", show=False, id="search.previous", tooltip="The previous hit, or search"
        ),
        Binding("ctrl+r", "flip('regex')", "Regex", id="search.regex", tooltip="Read the query as a regex"),
        Binding("ctrl+t", "flip('case')", "Case", id="search.case", tooltip="Match upper and lower case exactly"),
        Binding("ctrl+o", "next_scope", "Scope", id="search.scope", tooltip="All days, this day, one speaker"),
        Binding("ctrl+l", "lines", "Lines", id="search.lines", tooltip="One line a hit, or three"),
    ]

    class Searched(Message):
        def __init__(
            self, query: Query, found: list[Found], total: int, quotes: tuple[QuoteMatch, ...], scope: Scope
        ) -> None:
            super().__init__()
            self.query = query
            self.found = found
            self.total = total
            self.quotes = quotes
            self.scope = scope

    def __init__(
        self,
        analysis: Callable[[], Analysis | None],
        day: str | None,
        query: str = "",
        history: list[str] | None = None,
    ) -> None:
        super().__init__()
        self._analysis = analysis
        self.day = day
        self.initial = query
        self.found: list[Found] = []
        self.total = 0
        self.limit = PAGE
        self.one_line = True
        # Earlier queries, oldest first: the reader's list, so that the next search remembers this one.
        self.history = history if history is not None else []
        self._recalled: int | None = None  # the entry of the history in the box, while it is unedited
        self._draft = ""  # what was typed before going back through the history
        self._quotes: tuple[QuoteMatch, ...] = ()
        self._scope: Scope = "all"

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Field(self.initial, placeholder="Search every day…", id="query")
            with Horizontal(id="search-options"):
                yield Toggle("Regex", id="regex", compact=True)
                yield Toggle("Case", id="case", compact=True)
                yield Select(SCOPES, value="all", allow_blank=False, id="scope", compact=True)
                yield Select[str]([], prompt="Speaker", id="speaker", compact=True)
            yield Static(HINT, id="search-hint", markup=False)
            yield Choices(id="hits", classes="-one-line")

    def on_mount(self) -> None:
        self.query_one("#speaker", Select).display = False
        analysis = self._analysis()
        if analysis is not None:
            speakers = analysis.speakers()
            self.query_one("#speaker", Select).set_options((Text(f"{s.name} ({s.count:,})"), s.name) for s in speakers)
        self.query_one("#query", Input).focus()
        if self.initial:
            self.search()

    def _options(self) -> tuple[Query, Scope, str | None]:
        text = self.query_one("#query", Input).value
        query = Query(
            text, regex=self.query_one("#regex", Checkbox).value, case=self.query_one("#case", Checkbox).value
        )
        chosen = self.query_one("#scope", Select).value
        scope: Scope = next((s for _, s in SCOPES if s == chosen), "all")
        speaker = self.query_one("#speaker", Select).value
        return query, scope, speaker if isinstance(speaker, str) else None

    @on(Input.Changed, "#query")
    @on(Checkbox.Changed)
    @on(Select.Changed)
    def search(self) -> None:
        query, scope, speaker = self._options()
        if self._recalled is not None and query.text != self.history[self._recall_index()]:
            self._recalled = None  # edited: it is a new query now
        self.query_one("#speaker", Select).display = scope == "speaker"
        box = self.query_one("#query", Input)
        hint = self.query_one("#search-hint", Static)
        if query.error:
            box.add_class("-invalid")
            box.border_subtitle = Content("not a valid regular expression")
            hint.add_class("-error")
            # Why, in full, where it has the width: the re module's own words ("missing ), unterminated ...").
            hint.update(Text(neutralise(f"Not a valid regular expression: {query.error}")))
            self.query_one("#hits", OptionList).clear_options()
            self.found, self.total = [], 0
            self._title(Text("No search until the expression is valid"))
            return
        box.remove_class("-invalid")
        box.border_subtitle = None
        hint.remove_class("-error")
        hint.update(HINT)
        listing = scope == "speaker" and speaker is not None
        if not query.text.strip() and not listing:
            self.query_one("#hits", OptionList).clear_options()
            self.found, self.total = [], 0
            self._title(Text("Choose a speaker, or type" if scope == "speaker" else "Type to search"))
            return
        analysis = self._analysis()
        if analysis is None:
            self._title(Text("Building the search index… the results come as soon as it is ready."))
            self.set_timer(0.3, self.search)
            return
        self.limit = PAGE
        self._run(analysis, query, scope, speaker, self.limit, self._width())

    def _width(self) -> int:
        """Characters of text a hit has room for: one line of the list, or three."""
        width = max(20, self.query_one("#hits", OptionList).scrollable_content_region.width - 2)
        return width if self.one_line else 3 * width

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
        self._run(analysis, query, scope, speaker, self.limit, self._width())

    # Described, for by default Textual describes a worker by the repr() of its arguments, at every keystroke.
    @work(thread=True, exclusive=True, group="search", description="search")
    def _run(self, analysis: Analysis, query: Query, scope: Scope, speaker: str | None, limit: int, width: int) -> None:
        found: list[Found] = []
        matched: tuple[QuoteMatch, ...] = ()
        if scope == "speaker":
            # Each quotation once: one repeated in the background of every day is one thing said.
            quotes = distinct(analysis.every_quote() if speaker is None else analysis.quotes_by(speaker))
            matches = search_quotes(query, quotes, analysis.index.variants)
            # Newest day first; within a day, in the order the text has them (the quotations come in that order).
            matches.sort(key=lambda m: m[0].date, reverse=True)
            total = len(matches)
            kept = []
            for quote, spans in matches:
                key = quote.paragraph.partition("#")[0]
                briefing = analysis.corpus.briefing(key)
                if briefing is None:
                    continue
                shifted = tuple((quote.start + s, quote.start + e) for s, e in spans)
                kept.append(QuoteMatch(quote.paragraph, position(briefing, quote.paragraph), shifted))
            matched = tuple(sorted(kept, key=lambda m: m.position))
            for quote, spans in matches[:limit]:
                shown, inside = window(quote.text, spans, max(10, width - len(quote.speaker or "?") - 4))
                label = Text(quote.speaker or "?", style=SPEAKER_STYLE)
                snippet = highlighted("“" + shown + "”", (), tuple((s + 1, e + 1) for s, e in inside))
                shifted = tuple((quote.start + s, quote.start + e) for s, e in spans)
                found.append(Found(quote.paragraph, quote.date.isoformat(), quote.series, label, snippet, shifted))
        else:
            results = analysis.index.search(query, limit=limit, briefing=self.day if scope == "day" else None)
            total = results.total
            for hit in results.hits:
                label = _label(analysis, hit)
                shown, spans = hit.snippet(max(10, width - len(label) - 14))
                found.append(
                    Found(
                        hit.paragraph.id,
                        hit.briefing.date.isoformat(),
                        hit.briefing.series,
                        label,
                        highlighted(shown, (), spans),
                        hit.spans,
                    )
                )
        self.post_message(self.Searched(query, found, total, matched, scope))

    def on_search_screen_searched(self, message: Searched) -> None:
        current, scope, _ = self._options()
        if current != message.query or scope != message.scope:
            return  # a later keystroke's search is on its way
        # The next page of the same query: the highlight stays where the user scrolled to.
        more = self.limit > PAGE and len(message.found) > len(self.found)
        self.found = message.found
        self.total = message.total
        self._quotes = message.quotes
        self._scope = message.scope
        several = len({f.series for f in self.found}) > 1
        hits = self.query_one("#hits", OptionList)
        kept = hits.highlighted if more else None
        options = []
        for found in self.found:
            prompt = Text(found.date, style="bold")
            if several:
                prompt.append(f" {found.series}", style="dim")
            prompt.append(" ")
            prompt.append_text(found.label)
            prompt.append(" ")
            prompt.append_text(found.snippet)
            options.append(Option(prompt))
        hits.set_options(options)
        if options:
            hits.highlighted = kept if kept is not None else 0
        noun = "quotation" if message.scope == "speaker" else "paragraph"
        title = counted(message.total, noun) if message.total else f"No {noun}s"
        if message.total > len(options):
            title += f", the newest {len(options):,} listed (more at the end)"
        text = neutralise(message.query.text.strip())
        if text:
            title += f" for “{shortened(text)}”"
        self._title(Text(title))

    def _title(self, text: Text) -> None:
        # A Content, never a str: a str border title is read as markup, and the query is the user's own text.
        self.query_one("#hits", OptionList).border_title = Content(neutralise(text.plain))

    # Keys

    def action_move(self, step: int) -> None:
        hits = self.query_one("#hits", OptionList)
        at_top = not hits.option_count or (hits.highlighted or 0) == 0
        if step < 0 and at_top and self._recall(-1):
            return
        if step > 0 and self._recalled is not None and self._recall(1):
            return
        if hits.option_count:
            hits.highlighted = max(0, min(hits.option_count - 1, (hits.highlighted or 0) + step))

    def _recall_index(self) -> int:
        return self._recalled if self._recalled is not None else len(self.history)

    def _recall(self, step: int) -> bool:
        """Put the earlier (``step`` -1) or later (1) query of the history in the box; False when there is none."""
        index = self._recall_index() + step
        if index < 0 or index > len(self.history) or (step > 0 and self._recalled is None):
            return False
        box = self.query_one("#query", Input)
        if self._recalled is None:
            self._draft = box.value
        self._recalled = index if index < len(self.history) else None
        text = self.history[index] if self._recalled is not None else self._draft
        with box.prevent(Input.Changed):
            box.value = text
        box.cursor_position = len(text)
        self.search()
        return True

    def action_flip(self, name: str) -> None:
        box = self.query_one(f"#{name}", Checkbox)
        box.value = not box.value

    def action_next_scope(self) -> None:
        scope = self.query_one("#scope", Select)
        values = [value for _, value in SCOPES]
        scope.value = values[(values.index(next((v for v in values if v == scope.value), "all")) + 1) % len(values)]

    def action_lines(self) -> None:
        self.one_line = not self.one_line
        self.query_one("#hits", OptionList).set_class(self.one_line, "-one-line")
        self.search()

    def action_close(self) -> None:
        self._remember()
        self.dismiss(None)

    def _remember(self) -> None:
        """Keep the query for the history: once, as the latest."""
        text = self.query_one("#query", Input).value
        if not text.strip():
            return
        if text in self.history:
            self.history.remove(text)
        self.history.append(text)
        del self.history[:-HISTORY]

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
        query, scope, _ = self._options()
        self._remember()
        trail = Trail(query, scope, self.day, self._quotes if scope == "speaker" else ())
        self.dismiss(Chosen(found.paragraph_id, found.spans, trail))


def _label(analysis: Analysis, hit: Hit) -> Text:
    """The paragraph's number in its day and who speaks in it (who speaks where the match is, first)."""
    label = Text(f"¶{hit.paragraph.index}", style="dim")  # numbered from 1, as the ids are
    said = [q for q in analysis.quotes_of(hit.briefing) if q.paragraph == hit.paragraph.id and q.kind == "speech"]
    if said:
        first = hit.spans[0][0] if hit.spans else 0
        speaker = next((q.speaker for q in said if q.start <= first < q.end and q.speaker), None)
        speaker = speaker or next((q.speaker for q in said if q.speaker), None)
        if speaker:
            label.append(f" {speaker}", style=SPEAKER_STYLE)
    return label
