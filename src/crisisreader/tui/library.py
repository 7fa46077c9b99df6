"""The Library: an invisible widget that keeps the corpus and its analysis current, all in workers.

It loads the newest day first (so the screen paints at once), then every day, then works out the quotations,
the diffs and the search index, then watches the folders; each step is a message to the screen.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import Worker, get_current_worker

from crisisreader.load import load, load_latest
from crisisreader.model import Corpus, Problem
from crisisreader.watch import FolderWatch, changes, young

if TYPE_CHECKING:
    from textual.app import App

    from crisisreader.analysis import Analysis
    from crisisreader.growth import Tails
    from crisisreader.speakers import Registry

# At most this long, the whole corpus waits for the newest day to be painted.
PREVIEW_WAIT = 1.0
# Days taken in alone are stored in the analysis cache once no file has come for this long.
STORE_AFTER = 20.0
SPEAKERS_AFTER = 1.0


class _Stopped(Exception):
    """Raised from the analysis' progress report once its worker is cancelled."""


class _Until:
    """Set when the library unmounts or its worker is cancelled: the App cancels every worker as it exits, before
    its widgets unmount, and a watch that waited only for the unmount would keep the process from ending."""

    def __init__(self, event: threading.Event, worker: Worker[None]) -> None:
        self._event = event
        self._worker = worker

    def is_set(self) -> bool:
        return self._event.is_set() or self._worker.is_cancelled

    def wait(self, timeout: float | None = None) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.is_set():
            left = 0.25 if deadline is None else min(0.25, deadline - time.monotonic())
            if left <= 0:
                return False
            self._event.wait(left)
        return True


def _stopped_when_cancelled(worker: Worker[None]) -> Callable[[str, float], None]:
    """An analysis' progress report that stops it once ``worker`` is cancelled (the reader quit)."""

    def progress(stage: str, fraction: float) -> None:
        if worker.is_cancelled:
            raise _Stopped

    return progress


async def work_done(app: App[object]) -> None:
    """Wait until every worker of ``app`` has ended but the folders' watcher, which runs until the reader quits
    (for tests and scripts that drive the reader: all of its loading and analysis is then done)."""
    while True:
        busy = [w for w in app.workers if w.group != "watch" and not w.is_finished]
        if not busy:
            return
        await app.workers.wait_for_complete(busy)


class Library(Widget):
    """Loads, analyses and watches; the screen listens."""

    DEFAULT_CSS = "Library { display: none; }"

    class CorpusLoaded(Message):
        """Briefings are in: the newest day first (``final`` False), then every day."""

        def __init__(self, corpus: Corpus, final: bool) -> None:
            super().__init__()
            self.corpus = corpus
            self.final = final

    class Progress(Message):
        """A stage of the analysis is done."""

        def __init__(self, stage: str, fraction: float) -> None:
            super().__init__()
            self.stage = stage
            self.fraction = fraction

    class AnalysisReady(Message):
        """The quotations, the diffs and the search index are ready."""

        def __init__(self, analysis: Analysis) -> None:
            super().__init__()
            self.analysis = analysis

    class LiveUpdate(Message):
        """Files changed on disk: the corpus read again, its changed series analysed again. ``quiet``: the same
        corpus, its analysis worked out afresh behind days that were added alone (nothing to tell)."""

        def __init__(
            self,
            analysis: Analysis,
            changed: list[str],
            problems: list[Problem],
            quiet: bool = False,
            grown: bool = False,
        ) -> None:
            super().__init__()
            self.analysis = analysis
            self.changed = changed
            self.problems = problems
            self.quiet = quiet
            # Only days after the last of their series came: nothing already shown changed.
            self.grown = grown

    def __init__(
        self,
        corpus: Corpus | None,
        paths: Sequence[Path],
        registry: Registry | None,
        threshold: float | None,
    ) -> None:
        super().__init__()
        self.corpus = corpus
        self.paths = list(paths)
        self.registry = registry
        self.threshold = threshold
        self.analysis: Analysis | None = None
        self._watch: FolderWatch | None = None
        self._baseline: FolderWatch | None = None
        self._stop = threading.Event()
        self._preview_shown = threading.Event()
        # The analysis is swapped from two workers (a day taken in, the cache brought up to date behind it).
        self._swap = threading.Lock()
        self._tails: Tails | None = None
        self._store_timer: Timer | None = None

    def on_mount(self) -> None:
        if self.corpus is not None:
            self.post_message(self.CorpusLoaded(self.corpus, final=True))
        else:
            self.load_corpus()

    @work(thread=True, exclusive=True, group="load", description="read the briefings")
    def load_corpus(self) -> None:
        """The newest day first, so the screen has it at once; then every day (from the cache when it can)."""
        preview = load_latest(self.paths)
        if preview.series:
            self.post_message(self.CorpusLoaded(preview, final=False))
        # What the folders hold before they are read: a briefing added while they are read and analysed (a
        # minute, for years of days) is then seen as new by the first look for changes.
        self._baseline = FolderWatch(self.paths)
        corpus = load(self.paths, cache=True)
        if preview.series:
            # From the parse cache every day is in a moment later: shown before the newest day is on screen,
            # it would hold that first paint back by the time the sidebar takes to fill.
            self._preview_shown.wait(PREVIEW_WAIT)
        self.post_message(self.CorpusLoaded(corpus, final=True))

    def preview_shown(self) -> None:
        """The screen has painted the newest day: the rest of the corpus may come."""
        self._preview_shown.set()

    # Described, for by default Textual describes a worker by the repr() of its arguments: the whole corpus.
    @work(thread=True, exclusive=True, group="analysis", description="work out the analysis")
    def work_out(self, corpus: Corpus) -> None:
        # Imported here, in the worker: the first screen does not wait for the analysis modules to load.
        from crisisreader.analysis import analyse
        from crisisreader.diff import DEFAULT_THRESHOLD

        worker = get_current_worker()

        def progress(stage: str, fraction: float) -> None:
            # The reader quit: stop now rather than keep the process alive until the analysis ends.
            if worker.is_cancelled:
                raise _Stopped
            self.post_message(self.Progress(stage, fraction))

        threshold = DEFAULT_THRESHOLD if self.threshold is None else self.threshold
        try:
            # A corpus read from folders is analysed with the analysis cache, like its parse; one handed over is
            # not.
            self.analysis = analyse(corpus, self.registry, threshold, progress=progress, cache=self.corpus is None)
        except _Stopped:
            return
        self.analysis.speakers()  # worked out here, so that no screen waits for it
        self.post_message(self.AnalysisReady(self.analysis))
        # Folders given by path are watched for new and changed briefings; a corpus handed over is not.
        if self.corpus is None and self._watch is None:
            self._watch = self._baseline or FolderWatch(self.paths)
            self.app.call_from_thread(self.watch_files)

    def on_unmount(self) -> None:
        self._stop.set()

    @work(thread=True, exclusive=True, group="watch", description="watch the folders for changed files")
    def watch_files(self) -> None:
        """Waits on the operating system's news of the folders (no work while nothing changes); each settled
        change is read in and worked out here."""
        watch = self._watch
        if watch is None:
            return
        stop = _Until(self._stop, get_current_worker())
        from crisisreader.growth import Tails

        self._tails = Tails()
        if self.analysis is not None:
            # Each series gone through once now, while the reader is idle, so a day that lands waits for nothing.
            self._tails.prepare(self.analysis)
        for ready in changes(watch, stop):
            if stop.is_set():
                return
            self.take_in(watch, ready)

    def take_in(self, watch: FolderWatch, ready: set[Path]) -> None:
        """Read the corpus again after ``ready`` changed, and post what is new."""
        analysis = self.analysis
        if analysis is None:
            return
        from crisisreader.growth import appended

        growth = appended(analysis.corpus, self.paths, ready)
        if growth is not None and self._tails is not None:
            grown = self._tails.grow(analysis, growth)
            with self._swap:
                self.analysis = grown
            self.post_message(self.LiveUpdate(grown, sorted(growth.added), [], grown=True))
            self.app.call_from_thread(self._behind, grown)
            return
        corpus = load(self.paths, cache=True)
        report: list[Problem] = []
        for problem in corpus.problems:
            if Path(os.path.abspath(problem.path)) not in ready:
                continue
            if problem.severity == "error" and young(problem):
                # Perhaps still being written: look again, say nothing yet.
                watch.retry(Path(os.path.abspath(problem.path)))
            else:
                report.append(problem)
        progress = _stopped_when_cancelled(get_current_worker())
        try:
            # With the analysis cache (the registry is the one Registry.load() gives), a new day of a long
            # series is the only one worked out again.
            fresh, changed = analysis.refresh(corpus, cache=self.registry is None, progress=progress)
        except _Stopped:
            return
        fresh.speakers()
        with self._swap:
            self.analysis = fresh
        if changed or report:
            self.post_message(self.LiveUpdate(fresh, changed, report))

    def _behind(self, analysis: Analysis) -> None:
        """What a day taken in alone leaves for later: the speaker list once the screen has shown the day (its
        second of work would slow the screen down meanwhile), and, once the folders are quiet, the analysis
        cache."""
        self.set_timer(SPEAKERS_AFTER, lambda: self.list_speakers(analysis))
        if self.registry is None:
            if self._store_timer is not None:
                self._store_timer.stop()
            self._store_timer = self.set_timer(STORE_AFTER, self.store_behind)

    @work(thread=True, group="speakers", description="list the speakers")
    def list_speakers(self, analysis: Analysis) -> None:
        analysis.speakers()

    @work(thread=True, exclusive=True, group="store", description="bring the analysis cache up to date")
    def store_behind(self) -> None:
        """Work the analysis out as a start would (from the cache, with the registry as loaded) and store it, so
        the next start finds the days added alone; it replaces the one grown day by day unless a day landed
        meanwhile."""
        analysis = self.analysis
        if analysis is None:
            return
        progress = _stopped_when_cancelled(get_current_worker())
        try:
            fresh, _ = analysis.refresh(load(self.paths, cache=True), cache=True, progress=progress)
        except _Stopped:
            return
        fresh.speakers()
        with self._swap:
            if self.analysis is not analysis:
                return
            self.analysis = fresh
        self.post_message(self.LiveUpdate(fresh, [], [], quiet=True))
