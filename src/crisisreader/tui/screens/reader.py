"""The main screen: the date sidebar, the item pane, and the keys that move between days and views."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static

from crisisreader.counts import plural
from crisisreader.model import Briefing, Corpus, Problem
from crisisreader.text import neutralise
from crisisreader.tui.commands import pick_base
from crisisreader.tui.history import History, Place
from crisisreader.tui.keymap import Planned, in_declared_order, screen_keys
from crisisreader.tui.library import Library
from crisisreader.tui.memory import ReadingMemory
from crisisreader.tui.screens import marks, reading
from crisisreader.tui.screens.problems import tell_problems
from crisisreader.tui.settle import settle
from crisisreader.tui.trail import Trail, position
from crisisreader.tui.widgets.day_view import DayContent, DayView
from crisisreader.tui.widgets.footer import ReaderFooter
from crisisreader.tui.widgets.sidebar import DateSidebar

if TYPE_CHECKING:
    # The analysis modules load in the worker that first needs them, after the first screen is painted.
    from crisisreader.analysis import Analysis
    from crisisreader.diff import DayDiff
    from crisisreader.speakers import Registry
    from crisisreader.state import ReadingState
    from crisisreader.tui.screens.search import Chosen


# Below this many columns the list of days folds away.
NARROW = 70


class ReaderScreen(Screen[None], Planned):
    """Days on the left, the chosen day on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *screen_keys(),
        # The app's help key, first here so that the footer shows it first, at any width.
        Binding("question_mark", "app.help", "Help", id="help", tooltip="The keys and what they do"),
        # In the footer only while the list of days is folded away for want of room (see active_bindings).
        Binding("t", "toggle_sidebar", "Days", show=False, id="sidebar.toggle", tooltip="Show or hide the days"),
        Binding("n", "next_day", "Next day", id="day.next", tooltip="Show the next day"),
        Binding("p", "previous_day", "Prev day", id="day.previous", tooltip="Show the previous day"),
        Binding("g", "leap(0)", "First", show=False, id="day.first", tooltip="Show the first (oldest) day"),
        Binding("G", "leap(-1)", "Last", show=False, id="day.last", tooltip="Show the last (latest) day"),
        Binding(
            "right_square_bracket", "series(1)", "Next series", show=False, id="series.next", tooltip="Next series"
        ),
        Binding(
            "left_square_bracket",
            "series(-1)",
            "Prev series",
            show=False,
            id="series.previous",
            tooltip="Previous series",
        ),
        Binding("u", "next_unread", "Unread", id="day.next_unread", tooltip="The next unread day, series by series"),
        Binding("A", "mark_read('series')", "Series read", show=False, id="series.mark_read", tooltip="Mark read"),
        Binding("ctrl+a", "mark_read('all')", "All read", show=False, id="all.mark_read", tooltip="Mark all read"),
        Binding("ctrl+z,U", "undo_read", "Undo read", show=False, id="read.undo", tooltip="Undo the last mark read"),
        Binding("slash", "search", "Search", id="search", tooltip="Search every day as you type"),
        Binding("full_stop,f3", "match(1)", "Next match", show=False, id="search.next_hit", tooltip="The next match"),
        Binding(
            "comma,shift+f3", "match(-1)", "Prev match", show=False, id="search.previous_hit", tooltip="The one before"
        ),
        Binding("escape", "clear_marks", "Clear marks", show=False, id="search.clear", tooltip="Unmark the matches"),
        Binding("s", "speakers", "Speakers", id="speakers", tooltip="Quotes by speaker"),
        Binding("d", "toggle_diff", "Diff", id="diff", tooltip="The day against the day before (or a base day)"),
        Binding("D", "pick_base", "Base day", show=False, id="diff.base", tooltip="Choose the day to compare with"),
        Binding("o", "toggle_only_new", "Only new", id="only-new", tooltip="Hide what repeats; show what is new"),
        Binding("c", "copy_quote", "Copy quote", show=False, id="copy", tooltip="Copy the quotation under the cursor"),
        Binding("b", "toggle_bookmark", "Bookmark", id="bookmark", tooltip="Bookmark the paragraph under the cursor"),
        Binding("B", "bookmarks", "Bookmarks", show=False, id="bookmarks", tooltip="The open series' bookmarks"),
        Binding("N", "note", "Note", show=False, id="bookmark.note", tooltip="Bookmark the paragraph with a note"),
        Binding("alt+left,backspace", "back", "Back", show=False, id="history.back", tooltip="Back to before the jump"),
        Binding("alt+right", "forward", "Forward", show=False, id="history.forward", tooltip="Forward again"),
    ]

    def __init__(
        self,
        corpus: Corpus | None,
        registry: Registry | None = None,
        threshold: float | None = None,
        paths: Sequence[Path] = (),
        state: ReadingState | None = None,
    ) -> None:
        super().__init__()
        self.library = Library(corpus, paths, registry, threshold)
        self.memory = ReadingMemory(state, self.set_timer, self._report)
        self.corpus = Corpus(())
        self.reported: list[Problem] = []
        self.analysis: Analysis | None = None
        self.diff_mode = False
        self.only_new: bool | None = None
        self.background_open = False
        self.opened: set[str] = set()
        self.bases: dict[str, str] = {}
        self._started = False
        self._read_before: set[str] | None = None
        self.told: set[str] = set()
        self.highlights: dict[str, tuple[tuple[int, int], ...]] = {}
        self._moved = False
        self.history = History()
        self.trail: Trail | None = None  # the search whose matches are marked, until Esc
        self.search_history: list[str] = []  # the queries searched this session, oldest first
        self.undo_read: set[str] = set()  # the days the last "mark read" marked, until the next change
        self.sidebar_shown: bool | None = None  # the list of days as the key left it; None: as the width has it

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        active = in_declared_order(super().active_bindings)
        if self.is_mounted and self.query_one(DateSidebar).has_class("-folded") and self.narrow:
            for key, bound in active.items():
                if bound.binding.id == "sidebar.toggle":
                    active[key] = bound._replace(binding=replace(bound.binding, show=True))
        return active

    def compose(self) -> ComposeResult:
        yield self.library
        yield Header()
        with Horizontal(id="main"):
            yield DateSidebar(id="sidebar")
            yield DayView(id="day")
        yield Static("", id="status", markup=False)
        yield ReaderFooter()

    def on_mount(self) -> None:
        self.query_one(DayView).focus()
        self.set_status("Reading the briefings…")

    def on_library_corpus_loaded(self, message: Library.CorpusLoaded) -> None:
        self._install(message.corpus, message.final)
        if not message.final:
            self.call_after_refresh(self.library.preview_shown)

    def _install(self, corpus: Corpus, final: bool) -> None:
        """Show a corpus: the day the user is on stays; otherwise the newest day opens."""
        current = self.query_one(DateSidebar).current_key
        self.corpus = corpus
        briefings = corpus.briefings
        self.memory.use(self.library.paths, corpus, given=self.library.corpus is not None, final=final)
        self.opened |= self.memory.opened()
        sidebar = self.query_one(DateSidebar)
        sidebar.set_days(briefings, unread={b.key for b in briefings} - self.opened)
        self._set_title()
        if not briefings:
            if final:
                self.app.exit(return_code=2)
            return
        # Days that came since the last visit and are not read yet (one read while the reader ran is not news).
        if self._read_before is None:
            self._read_before = set(self.opened)  # before the preview opened a day
        fresh = self.memory.new_since_last_visit(corpus) - self._read_before if final else set()
        stay = self._moved and current is not None and corpus.briefing(current) is not None
        target = current if stay and current else self.memory.first_day(corpus, self.opened)
        if fresh and not self._moved and not self._started:
            target = next(b.key for b in briefings if b.key in fresh)  # the oldest of them
        self._started |= final
        sidebar.select_key(target)
        if self._shown_key() != target:
            self.open_day(target)
        elif final:
            self.refresh_day()
        if final:
            if fresh:
                sidebar.set_fresh(fresh)
                count = plural(len(fresh), "new day")
                self.notify(f"{count} since your last visit, marked ✦ in the sidebar.", timeout=6)
            self.set_status("Reading quotations, differences and the search index…")
            self.library.work_out(corpus)
            self._tell_problems(corpus)

    def _report(self, problem: Problem) -> None:
        self.reported.append(problem)
        self.notify(str(problem), title="Problem", severity="warning", timeout=8, markup=False)

    def on_unmount(self) -> None:
        self.memory.save()

    def _tell_problems(self, corpus: Corpus) -> None:
        tell_problems(self, corpus)

    def _set_title(self) -> None:
        count = len(self.corpus.briefings)
        said = self.analysis.quotes.count("speech") if self.analysis else None
        quotes = f", {plural(said, 'quotation')}" if said is not None else ""
        names = ", ".join(s.name for s in self.corpus.series)
        self.sub_title = f"{names}: {plural(count, 'briefing')}{quotes}"

    def set_status(self, text: str) -> None:
        status = self.query_one("#status", Static)
        status.update(Text(text))
        status.display = bool(text)

    def on_resize(self) -> None:
        self._fit_sidebar()

    @property
    def narrow(self) -> bool:
        # Below 70 columns the day needs the whole width; the sidebar folds away (n and p still move, t shows it).
        return self.size.width < NARROW

    def _fit_sidebar(self) -> None:
        shown = not self.narrow if self.sidebar_shown is None else self.sidebar_shown
        sidebar = self.query_one(DateSidebar)
        sidebar.set_class(not shown, "-folded")
        if not shown and sidebar.has_focus:
            self.query_one(DayView).focus()
        self.refresh_bindings()  # the footer offers the key that brings the list back while it is folded

    def action_toggle_sidebar(self) -> None:
        sidebar = self.query_one(DateSidebar)
        self.sidebar_shown = sidebar.has_class("-folded")
        self._fit_sidebar()
        (sidebar if self.sidebar_shown else self.query_one(DayView)).focus()

    @on(OptionList.OptionSelected, "#sidebar")
    def _day_chosen(self) -> None:
        # On a narrow terminal the list was shown to pick a day: once picked, the day gets the room back.
        if self.narrow and self.sidebar_shown:
            self.sidebar_shown = None
            self._fit_sidebar()
            self.query_one(DayView).focus()

    def on_library_progress(self, message: Library.Progress) -> None:
        if message.fraction < 1:
            self.set_status(f"Read the {message.stage}: {message.fraction:.0%}")

    def on_library_analysis_ready(self, message: Library.AnalysisReady) -> None:
        self.analysis = message.analysis
        self._set_title()
        badges = {b.key: self.analysis.new_items(b) for b in self.corpus.briefings}
        self.query_one(DateSidebar).set_badges(badges)
        self.set_status("")
        self.refresh_day(keep_cursor=True)
        for problem in self.analysis.problems:
            self._report(problem)
        self.call_after_refresh(settle)

    # Live updates

    def on_library_live_update(self, message: Library.LiveUpdate) -> None:
        if message.quiet:
            # The same days, their analysis worked out afresh: nothing on screen changes but the counts.
            self.analysis = message.analysis
            self.corpus = message.analysis.corpus
            self._set_title()
            return
        before = {b.key for b in self.corpus.briefings}
        shown = self.current
        self.analysis = message.analysis
        self.corpus = message.analysis.corpus
        # A series folder may have come (or gone): read marks and bookmarks follow the corpus as it now is.
        self.memory.use(self.library.paths, self.corpus, given=self.library.corpus is not None)
        briefings = self.corpus.briefings
        added = [b for b in briefings if b.key not in before]
        unread = {b.key for b in briefings} - self.opened
        sidebar = self.query_one(DateSidebar)
        analysis = self.analysis
        if not (message.grown and sidebar.add_days(added, unread, {b.key: analysis.new_items(b) for b in added})):
            sidebar.set_days(briefings, unread, {b.key: analysis.new_items(b) for b in briefings})
        self._set_title()
        if added:
            names = ", ".join(f"{b.date.isoformat()} ({b.series})" for b in added[:3])
            more = f" and {len(added) - 3:,} more" if len(added) > 3 else ""
            self.notify(f"{names}{more}", title="New briefings", timeout=6, markup=False)
        elif message.changed:
            self.notify(", ".join(message.changed), title="Briefings changed on disk", timeout=4, markup=False)
        for problem in message.problems:
            self._report(problem)
        # The day on screen is shown again only when it (or, through its diff, its series) changed.
        if shown is not None and (shown.series in message.changed or self.corpus.briefing(shown.key) != shown):
            self.refresh_day(keep_cursor=True)
        self.call_after_refresh(settle)

    # Days

    @property
    def current(self) -> Briefing | None:
        key = self.query_one(DateSidebar).current_key
        return self.corpus.briefing(key) if key else None

    def open_day(self, key: str, focus_paragraph: str | None = None) -> None:
        """Show a day; a day opened for the first time shows only what is new."""
        first_time = self._mark_opened(key)
        self.only_new = first_time and len(self.corpus.briefings) > 1 if self.only_new is None else self.only_new
        self.background_open = False
        self._show(key, focus_paragraph)

    def _mark_opened(self, key: str) -> bool:
        """Select a day in the sidebar and remember it as read; True when it had not been opened before."""
        sidebar = self.query_one(DateSidebar)
        if sidebar.current_key != key:
            sidebar.select_key(key)
        first_time = key not in self.opened
        self.undo_read = set()
        self.opened.add(key)
        self.memory.day_opened(key)
        sidebar.mark_read(key)
        return first_time

    def _diff_for(self, briefing: Briefing) -> DayDiff | None:
        if self.analysis is None:
            return None
        return self.analysis.diff_against(briefing, self.bases.get(briefing.series))

    def _content(self, briefing: Briefing) -> DayContent:
        analysis = self.analysis
        marked = dict(self.highlights)
        if self.trail is not None and analysis is not None:
            marked.update(self.trail.marks(analysis, briefing))
        spans = tuple((pid, spans) for pid, spans in marked.items() if pid.startswith(briefing.key + "#"))
        return DayContent(
            briefing,
            analysis.quotes_of(briefing) if analysis else (),
            self._diff_for(briefing),
            diff_mode=self.diff_mode,
            only_new=bool(self.only_new),
            background_open=self.background_open,
            analysed=analysis is not None,
            spans=spans,
            bookmarked=self.memory.bookmarked(),
        )

    def _show(self, key: str, focus_paragraph: str | None = None, keep_cursor: bool = False) -> None:
        briefing = self.corpus.briefing(key)
        if briefing is None:
            return
        self.query_one(DayView).show(self._content(briefing), focus_paragraph, keep_cursor)

    def refresh_day(self, keep_cursor: bool = True) -> None:
        briefing = self.current
        if briefing is not None:
            self._show(briefing.key, keep_cursor=keep_cursor)

    def _shown_key(self) -> str | None:
        content = self.query_one(DayView).content
        return content.briefing.key if content is not None else None

    @on(DateSidebar.DaySelected)
    def _day_selected(self, message: DateSidebar.DaySelected) -> None:
        if self._shown_key() != message.key:
            self.highlights = {}
            self.only_new = None
            self._moved = True
            self.open_day(message.key)

    @on(DayView.FoldToggled)
    def _fold_toggled(self) -> None:
        self.background_open = not self.background_open
        self.refresh_day()

    def _move(self, step: int | None, absolute: int | None = None) -> None:
        reading.move(self, step, absolute)

    def action_next_day(self) -> None:
        self._move(1)

    def action_previous_day(self) -> None:
        self._move(-1)

    def action_next_unread(self) -> None:
        reading.open_next_unread(self)

    def action_mark_read(self, scope: reading.Scope) -> None:
        reading.mark_read(self, scope)

    def action_undo_read(self) -> None:
        reading.undo_mark_read(self)

    def action_leap(self, index: int) -> None:
        current = self.current
        days = self.query_one(DateSidebar).series_days(current.series) if current else ()
        if days:
            self.history.jumped(self.query_one(DayView).place(), Place(days[index].key))
        self._move(None, index)

    def action_series(self, step: int) -> None:
        reading.other_series(self, step)

    # History

    def action_back(self) -> None:
        self._return(self.history.back(self.query_one(DayView).place()), "Nowhere to go back to.")

    def action_forward(self) -> None:
        self._return(self.history.forward(self.query_one(DayView).place()), "Nothing to go forward to.")

    def _return(self, place: Place | None, otherwise: str) -> None:
        if place is None or self.corpus.briefing(place.day) is None:
            self.notify(otherwise, timeout=2)
            return
        self.highlights = {}
        self.only_new = False if place.paragraph else self.only_new
        self._mark_opened(place.day)
        self._show(place.day, focus_paragraph=place.paragraph)

    def action_toggle_diff(self) -> None:
        self.diff_mode = not self.diff_mode
        self.refresh_day()
        if self.diff_mode and self.analysis is None:
            self.notify("Still working out what changed; the view fills in when it is done.", timeout=3)

    def action_toggle_only_new(self) -> None:
        self.only_new = not self.only_new
        self.refresh_day()
        self.notify("Only what is new." if self.only_new else "Everything, repeats included.", timeout=2)

    def action_pick_base(self) -> None:
        pick_base(self)

    def action_copy_quote(self) -> None:
        marks.copy_quote(self)

    def action_toggle_bookmark(self) -> None:
        marks.toggle_bookmark(self)

    def action_bookmarks(self) -> None:
        marks.list_bookmarks(self)

    def action_note(self) -> None:
        marks.note_bookmark(self)

    def action_search(self) -> None:
        from crisisreader.tui.screens.search import SearchScreen

        current = self.current
        screen = SearchScreen(lambda: self.analysis, current.key if current else None, history=self.search_history)
        self.app.push_screen(screen, self._searched)

    def _searched(self, chosen: Chosen | None) -> None:
        """A hit opened: its search stays, its matches marked in every day shown, the next one a key away."""
        if chosen is None:
            return
        self.trail = chosen.trail
        self.jump((chosen.paragraph_id, chosen.spans))
        self.set_status(
            f"“{neutralise(chosen.trail.query.text)}” marked: . the next match, , the one before, Esc clears"
        )

    def action_match(self, step: int) -> None:
        """The next (or previous) match of the last search: further in this day, else in the next day with one."""
        trail, current, analysis = self.trail, self.current, self.analysis
        if trail is None or current is None or analysis is None:
            self.notify("No search to go on with: / searches.", timeout=2)
            return
        row = self.query_one(DayView).current_row
        here = position(current, row.paragraph_id if row is not None else None)
        found = trail.neighbour(analysis, here, step)
        if found is None:
            self.notify("No later match." if step > 0 else "No earlier match.", timeout=2)
            return
        paragraph_id, spans = found
        self.jump((paragraph_id, spans), keep_modes=paragraph_id.partition("#")[0] == current.key)

    def action_clear_marks(self) -> None:
        if self.trail is None and not self.highlights:
            return
        self.trail = None
        self.highlights = {}
        self.set_status("")
        self.refresh_day()

    def action_speakers(self, name: str = "") -> None:
        from crisisreader.tui.screens.speakers import SpeakersScreen

        if self.analysis is None:
            self.notify("Still reading the quotations: try again in a moment.", timeout=3)
            return
        self.app.push_screen(SpeakersScreen(self.analysis, name), self.jump)

    def jump(self, target: tuple[str, tuple[tuple[int, int], ...]] | None, keep_modes: bool = False) -> None:
        """Open the day of a paragraph chosen in search or in quotes, the cursor on it, the match lit;
        ``keep_modes``: a step to another match of the same day, which keeps the view as it is."""
        if not target:
            return
        paragraph_id, spans = target
        key = paragraph_id.partition("#")[0]
        pane = self.query_one(DayView)
        self.history.jumped(pane.place(), Place(key, paragraph_id))
        self.highlights = {paragraph_id: spans} if spans else {}
        index = next((i for i, r in enumerate(pane.rows) if r.paragraph_id == paragraph_id), None)
        if keep_modes and index is not None:
            pane.go_to(index)  # the row is there, its matches marked: no need to build the day again
            pane.focus()
            return
        self.diff_mode = False
        self.only_new = False
        self._mark_opened(key)
        self.background_open = False
        self._show(key, focus_paragraph=paragraph_id)
        pane.focus()

    def goto_date(self, key: str) -> None:
        self.history.jumped(self.query_one(DayView).place(), Place(key))
        self.query_one(DateSidebar).select_key(key)
