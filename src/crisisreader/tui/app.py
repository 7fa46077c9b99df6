"""The reader's App and the one factory that builds it for the command line, the tests and the screenshots."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.dom import DOMNode
from textual.theme import BUILTIN_THEMES
from textual.widgets import Input, OptionList

from crisisreader.config import Config
from crisisreader.model import Corpus, Problem
from crisisreader.tui.commands import ReaderCommands
from crisisreader.tui.fetching import source_url, start_fetch
from crisisreader.tui.keymap import KeyPlan, Owned, Planned, key_names, plan_keys
from crisisreader.tui.screens.help import HelpScreen
from crisisreader.tui.screens.reader import ReaderScreen
from crisisreader.tui.widgets.day_view import DayView
from crisisreader.tui.widgets.sidebar import DateSidebar

if TYPE_CHECKING:
    from crisisreader.speakers import Registry
    from crisisreader.state import ReadingState


class ReaderApp(App[None], Planned):
    """crisisreader: days on the left, the day's news on the right."""

    CSS_PATH = "app.tcss"
    TITLE = "crisisreader"
    COMMANDS = App.COMMANDS | {ReaderCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Leave the reader"),
        # Textual's own quit and palette keys, again under ids (priority: they work while typing in a field too).
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit", tooltip="Leave, from anywhere"),
        Binding(
            "ctrl+p",
            "command_palette",
            "palette",
            show=False,
            priority=True,
            id="palette",
            tooltip="Go to a day, a speaker, the diff, the theme",
        ),
        Binding("question_mark", "help", "Help", id="help", tooltip="The keys and what they do"),
        Binding("e", "export_day", "Export", show=False, id="day.export", tooltip="Save the day shown as Markdown"),
        Binding("F", "fetch_sources", "Fetch", id="sources.fetch", tooltip="Fetch every subscription now"),
        Binding("w", "open_source", "Source", show=False, id="day.source", tooltip="Open the day's web page"),
    ]

    def __init__(
        self,
        corpus: Corpus | None = None,
        *,
        paths: Sequence[Path] = (),
        config: Config | None = None,
        registry: Registry | None = None,
        state: ReadingState | None = None,
        problems: Sequence[Problem] = (),
    ) -> None:
        super().__init__()
        self.config = config or Config()
        self.problems = list(problems)
        self._reader = ReaderScreen(corpus, registry, self.config.diff_threshold, paths, state)
        # Worked out only for a config with keys: it reads every screen's bindings (and so imports them all).
        self.key_plan = plan_keys(binding_contexts(), self.config.keys) if self.config.keys else KeyPlan()
        if self.key_plan.keymap:
            self.set_keymap(dict(self.key_plan.keymap))
        palette = key_names(self.key_plan.keymap.get("palette", self.COMMAND_PALETTE_BINDING))
        # The footer shows the palette's key at its right end by looking up this one key.
        setattr(self, "COMMAND_PALETTE_BINDING", palette[0])  # noqa: B010 (a ClassVar, set for this app only)

    def get_default_screen(self) -> ReaderScreen:
        return self._reader

    def on_mount(self) -> None:
        if self.config.theme:
            self.theme = self.config.theme
        # The config and state files' problems: the reader runs on with defaults, and says so.
        for problem in self.problems:
            self.notify(str(problem), title="Problem", severity="warning", timeout=10, markup=False)
        if self.config.fetch_every:
            self.set_interval(self.config.fetch_every, lambda: start_fetch(self, quiet=True), name="fetch_every")

    @property
    def reader(self) -> ReaderScreen:
        return self._reader

    @property
    def corpus(self) -> Corpus:
        return self.reader.corpus

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen, self.key_plan.unbound_in(self.screen)))

    def action_fetch_sources(self) -> None:
        start_fetch(self)

    def action_open_source(self) -> None:
        briefing = self.reader.current
        url = source_url(briefing.path) if briefing else None
        if url is None:
            self.notify("This day was not taken in from the web: it has no page to open.", timeout=3)
            return
        self.open_url(url)
        self.notify(f"Opening {url}", timeout=3, markup=False)

    def action_export_day(self) -> None:
        # A browser downloads it; a terminal saves it in Downloads (the notice names the file either way).
        from crisisreader.tui.delivery import offer_day

        briefing = self.reader.current
        if briefing is None:
            self.notify("No day to save yet.", timeout=2)
            return
        offer_day(self, briefing, self.reader.analysis.quotes_of(briefing) if self.reader.analysis else ())

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        # In a terminal the file is in Downloads; in a browser it went to the browser, which says where it put it.
        where = f"Saved as {event.path}" if event.path else f"{event.name} offered as a download"
        self.notify(where, title="Saved", timeout=6, markup=False)

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        self.notify(f"{event.name}: {event.exception}", title="Could not save", severity="error", markup=False)

    async def action_quit(self) -> None:
        # Save what the reader remembers before anything is torn down.
        self.reader.memory.save()
        self.exit()


def binding_contexts() -> dict[str, list[Owned]]:
    """The bindings active together, by the screen that heads them: the reader's screen with its panes and the
    app; each modal screen alone (Textual stops there), with the app's priority keys, which work everywhere."""
    from crisisreader.tui.screens.bookmarks import BookmarksScreen
    from crisisreader.tui.screens.note import NoteScreen
    from crisisreader.tui.screens.search import SearchScreen
    from crisisreader.tui.screens.speakers import SpeakersScreen
    from crisisreader.tui.widgets.field import Choices, Field

    def owned(*owners: type[DOMNode], priority_only: bool = False) -> list[Owned]:
        return [
            (owner.__name__, binding)
            for owner in owners
            for binding in Binding.make_bindings(owner.BINDINGS)
            if binding.priority or not priority_only
        ]

    def inherited(owner: type[DOMNode], *bases: type[DOMNode]) -> list[Owned]:
        # Textual's widgets: their own keys and those of the classes they grow from, a later one winning a key.
        by_key = {b.key: b for base in bases for b in Binding.make_bindings(base.BINDINGS)}
        return [(owner.__name__, binding) for binding in by_key.values()]

    field = inherited(Field, Input)
    choices = inherited(Choices, ScrollableContainer, OptionList)
    everywhere = owned(ReaderApp, priority_only=True)
    contexts = {"ReaderScreen": owned(DayView, DateSidebar, ReaderScreen, ReaderApp)}
    modals: dict[type[DOMNode], list[Owned]] = {
        SearchScreen: field + choices,
        SpeakersScreen: field + choices,
        BookmarksScreen: choices,
        NoteScreen: field,
        HelpScreen: [],
    }
    for modal, widgets in modals.items():
        contexts[modal.__name__] = widgets + owned(modal) + everywhere
    return contexts


def binding_ids() -> set[str]:
    """Every binding id the reader has: what a config file's ``keys`` may name."""
    return {binding.id for context in binding_contexts().values() for _owner, binding in context if binding.id}


def theme_names() -> set[str]:
    return set(BUILTIN_THEMES)


def make_app(
    corpus: Corpus | None = None,
    *,
    paths: Sequence[Path] = (),
    config: Config | None = None,
    registry: Registry | None = None,
    state: ReadingState | None = None,
    problems: Sequence[Problem] = (),
) -> ReaderApp:
    """The reader: what ``crisisreader``, the tests and the screenshot script all run.

    Given a corpus, it shows it; given paths instead, it loads them in a worker, the newest day first.
    """
    return ReaderApp(corpus, paths=paths, config=config, registry=registry, state=state, problems=problems)
