"""What the reader remembers between runs for the corpus it shows: days read, the last day, bookmarks and notes.

A thin layer over :class:`crisisreader.state.ReadingState`, which keeps read marks and bookmarks per series
folder: here they are named with the ids of the corpus open now (``seeds/2022-02-08``, or ``a/seeds/…`` beside
another ``seeds``). Days read are saved a moment later (many come in a row as the user walks the days), a
bookmark or a note at once, so a kill never loses one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from textual.timer import Timer

from crisisreader.load import bundled_seeds
from crisisreader.model import Briefing, Corpus, Paragraph, Problem
from crisisreader.state import Bookmark, ReadingState, corpus_key, series_folder, within

SAVE_AFTER = 1.0

Schedule = Callable[[float, Callable[[], None]], Timer]


class ReadingMemory:
    def __init__(self, state: ReadingState | None, schedule: Schedule, report: Callable[[Problem], None]) -> None:
        self.state = state
        self.key = ""
        self.corpus = Corpus(())
        self.preview = False
        self._schedule = schedule
        self._report = report
        self._timer: Timer | None = None
        self._folders: dict[str, str] = {}  # series name now -> its folder
        self._names: dict[str, str] = {}  # folder -> series name now
        self._waiting: dict[str, bool] = {}  # days marked before their series' folder was known (the preview)

    def use(self, paths: Iterable[Path], corpus: Corpus, given: bool, final: bool = True) -> None:
        """Name the corpus (by the paths opened, or for a corpus handed over, by its series' folders) and its
        series' folders; what format 1 of the state kept for it is given its folders now. A corpus not ``final``
        is the preview of the newest day."""
        roots = [str(Path(s.root)) for s in corpus.series] if given else [str(p) for p in paths]
        self.key = corpus_key(sorted(roots) or [str(bundled_seeds())])
        self.corpus = corpus
        self.preview = not final
        # A corpus made by hand may have series of no folder: their days wait for one that has.
        self._folders = {s.name: series_folder(s.root) for s in corpus.series if s.root}
        self._names = {folder: name for name, folder in self._folders.items()}
        if self.state is None:
            return
        placed = self.state.place(self.key, self._folders, lambda pid: corpus.paragraph(pid) is not None)
        waiting, self._waiting = self._waiting, {}
        for key, read in waiting.items():
            self._mark(key, read)
        if placed or waiting:
            self.save()

    def _where(self, key: str) -> tuple[str, str] | None:
        """A briefing key's series folder and the day within it; None while the folder is not known."""
        briefing = self.corpus.briefing(key)
        name = briefing.series if briefing else next((n for n in self._folders if key.startswith(n + "/")), None)
        folder = self._folders.get(name) if name is not None else None
        return (folder, within(name, key)) if folder is not None and name is not None else None

    def _mark(self, key: str, read: bool) -> None:
        assert self.state is not None
        where = self._where(key)
        if where is None:
            self._waiting[key] = read
        else:
            self.state.mark_opened(*where, read=read)

    def opened(self) -> set[str]:
        if self.state is None:
            return set()
        days = {f"{name}/{day}" for name, folder in self._folders.items() for day in self.state.opened(folder)}
        return days | {key for key, read in self._waiting.items() if read}

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
        self._mark(key, True)
        # The preview holds the newest day alone, so it opens that one: the day last open is still to come.
        if not self.preview:
            self.state.set_last_day(self.key, key)
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._schedule(SAVE_AFTER, self.save)

    def days_marked(self, keys: Iterable[str], read: bool) -> None:
        """Many days marked read (or unread again) at once, saved at once."""
        if self.state is not None:
            for key in keys:
                self._mark(key, read)
            self.save()

    # Bookmarks

    def shown_as(self, bookmark: Bookmark) -> str | None:
        """The bookmark's paragraph id in the corpus open now; None when its series is not open."""
        if not bookmark.folder:  # kept by format 1 and not placed yet: its series is known by name only
            return bookmark.paragraph if bookmark.series in self._folders else None
        name = self._names.get(bookmark.folder)
        return f"{name}/{bookmark.place[1]}" if name is not None else None

    def where(self, bookmark: Bookmark) -> str | None:
        """The bookmark's paragraph id when that paragraph is in the corpus open now."""
        shown = self.shown_as(bookmark)
        return shown if shown is not None and self.corpus.paragraph(shown) is not None else None

    @property
    def bookmarks(self) -> list[Bookmark]:
        """The bookmarks of the series open now, whichever corpus they were made in."""
        return [b for b in self.everywhere if self.shown_as(b) is not None]

    @property
    def everywhere(self) -> list[Bookmark]:
        return self.state.bookmarks if self.state else []

    def bookmarked(self) -> frozenset[str]:
        return frozenset(shown for b in self.everywhere if (shown := self.shown_as(b)) is not None)

    def bookmark_of(self, paragraph_id: str) -> Bookmark | None:
        return next((b for b in self.everywhere if self.shown_as(b) == paragraph_id), None)

    def toggle(self, paragraph: Paragraph, briefing: Briefing) -> bool:
        if self.state is None:
            return False
        existing = self.bookmark_of(paragraph.id)
        if existing is not None:
            self.remove(existing)
            return False
        folder = self._folders.get(briefing.series, "")
        now = self.state.toggle_bookmark(paragraph, briefing.series, briefing.date.isoformat(), folder)
        self.save()
        return now

    def remove(self, bookmark: Bookmark) -> None:
        if self.state is not None and self.state.remove_bookmark(bookmark.place):
            self.save()

    def set_note(self, bookmark: Bookmark, note: str) -> Bookmark:
        """Write the bookmark's note, saved at once; the bookmark as it now is."""
        if self.state is not None and self.state.set_note(bookmark.place, note):
            self.save()
        return self.state.bookmark(bookmark.place) or bookmark if self.state else bookmark

    def save(self) -> None:
        if self.state is None or not self.state.dirty:
            return
        problem = self.state.save()
        if problem is not None:
            self._report(problem)
