"""What the reader remembers between runs for the corpus it shows: days opened, the last day, bookmarks.

A thin layer over :class:`crisisreader.state.ReadingState`: days opened are saved a moment later (many come
in a row as the user walks the days), a bookmark at once, so a kill never loses one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from textual.timer import Timer

from crisisreader.load import bundled_seeds
from crisisreader.model import Briefing, Corpus, Paragraph, Problem
from crisisreader.state import Bookmark, ReadingState, corpus_key

SAVE_AFTER = 1.0

Schedule = Callable[[float, Callable[[], None]], Timer]


class ReadingMemory:
    def __init__(self, state: ReadingState | None, schedule: Schedule, report: Callable[[Problem], None]) -> None:
        self.state = state
        self.key = ""
        self._schedule = schedule
        self._report = report
        self._timer: Timer | None = None

    def use(self, paths: Iterable[Path], corpus: Corpus, given: bool) -> None:
        """Name the corpus: by the paths opened, or for a corpus handed over, by its series' folders."""
        roots = [str(Path(s.root)) for s in corpus.series] if given else [str(p) for p in paths]
        self.key = corpus_key(sorted(roots) or [str(bundled_seeds())])

    def opened(self) -> set[str]:
        return self.state.opened(self.key) if self.state else set()

    def new_since_last_visit(self, corpus: Corpus) -> set[str]:
        """Days newer than the newest one of the last visit; remembered as seen from now on."""
        if self.state is None or not corpus.series:
            return set()
        before = self.state.newest_seen(self.key)
        newest = corpus.briefings[-1].date.isoformat()
        self.state.set_newest_seen(self.key, newest)
        if before is None:
            return set()
        return {b.key for b in corpus.briefings if b.date.isoformat() > before}

    def first_day(self, corpus: Corpus, opened: set[str]) -> str:
        """The day to open: the newest; once that is read, the day the user last had open."""
        latest = corpus.briefings[-1].key
        last = self.state.last_day(self.key) if self.state else None
        return last if latest in opened and last and corpus.briefing(last) else latest

    def day_opened(self, key: str) -> None:
        if self.state is None:
            return
        self.state.mark_opened(self.key, key)
        self.state.set_last_day(self.key, key)
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._schedule(SAVE_AFTER, self.save)

    def days_marked(self, keys: Iterable[str], read: bool) -> None:
        """Many days marked read (or unread again) at once, saved at once."""
        if self.state is not None:
            for key in keys:
                self.state.mark_opened(self.key, key, read)
            self.save()

    def bookmarked(self) -> frozenset[str]:
        return frozenset(b.paragraph for b in self.state.bookmarks) if self.state else frozenset()

    @property
    def bookmarks(self) -> list[Bookmark]:
        return self.state.bookmarks if self.state else []

    def toggle(self, paragraph: Paragraph, briefing: Briefing) -> bool:
        if self.state is None:
            return False
        now = self.state.toggle_bookmark(paragraph, briefing.series, briefing.date.isoformat())
        self.save()
        return now

    def remove(self, bookmark: Bookmark) -> None:
        if self.state is not None and self.state.remove_bookmark(bookmark.paragraph):
            self.save()

    def save(self) -> None:
        if self.state is None or not self.state.dirty:
            return
        problem = self.state.save()
        if problem is not None:
            self._report(problem)
