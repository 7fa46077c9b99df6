"""The reader's App and the one factory that builds it for the command line, the tests and the screenshots."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from crisisreader.model import Corpus
from crisisreader.speakers import Registry
from crisisreader.tui.commands import ReaderCommands
from crisisreader.tui.screens.help import HelpScreen
from crisisreader.tui.screens.reader import ReaderScreen


class ReaderApp(App[None]):
    """crisisreader: days on the left, the day's news on the right."""

    CSS_PATH = "app.tcss"
    TITLE = "crisisreader"
    COMMANDS = App.COMMANDS | {ReaderCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Leave the reader"),
        Binding("question_mark", "help", "Help", id="help", tooltip="The keys and what they do"),
    ]

    def __init__(self, corpus: Corpus, registry: Registry | None = None, threshold: float | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.registry = registry
        self.threshold = threshold

    def get_default_screen(self) -> ReaderScreen:
        return ReaderScreen(self.corpus, self.registry, self.threshold)

    @property
    def reader(self) -> ReaderScreen:
        return next(s for s in self.screen_stack if isinstance(s, ReaderScreen))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen))


def make_app(corpus: Corpus, registry: Registry | None = None, threshold: float | None = None) -> ReaderApp:
    """The reader for a corpus: what ``crisisreader``, the tests and the screenshot script all run."""
    return ReaderApp(corpus, registry, threshold)
