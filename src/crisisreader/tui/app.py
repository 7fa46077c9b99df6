"""The reader's App and the one factory that builds it for the command line, the tests and the screenshots."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

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
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Leave the reader"),
        Binding("question_mark", "help", "Help", id="help", tooltip="The keys and what they do"),
    ]

    def __init__(
        self,
        corpus: Corpus | None = None,
        registry: Registry | None = None,
        threshold: float | None = None,
        paths: Sequence[Path] = (),
    ) -> None:
        super().__init__()
        self._screen_args = (corpus, registry, threshold, list(paths))
        self._reader: ReaderScreen | None = None

    def get_default_screen(self) -> ReaderScreen:
        corpus, registry, threshold, paths = self._screen_args
        self._reader = ReaderScreen(corpus, registry, threshold, paths)
        return self._reader

    @property
    def corpus(self) -> Corpus:
        return self.reader.corpus

    @property
    def reader(self) -> ReaderScreen:
        if self._reader is None:
            self._reader = self.get_default_screen()
        return self._reader

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen))


def make_app(
    corpus: Corpus | None = None,
    registry: Registry | None = None,
    threshold: float | None = None,
    paths: Sequence[Path] = (),
) -> ReaderApp:
    """The reader: what ``crisisreader``, the tests and the screenshot script all run.

    Given a corpus, it shows it; given paths instead, it loads them in a worker, the newest day first.
    """
    return ReaderApp(corpus, registry, threshold, paths)
