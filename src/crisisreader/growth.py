"""A corpus and its analysis grown by new days at the end of their series: only the new days are read and worked out.

Tomorrow's briefing landing in a folder of years of days is the common change while the reader runs. Reading
the whole corpus again and working out its analysis from the cache costs seconds at 10,000 days; a day that
comes after the last of its series needs only its own parse, its quotations (the registry goes on from where
the corpus left it), its diff against the days before (:class:`~crisisreader.diff.SeriesTail`) and its own
search entries. Anything else (a file changed or removed, a day dated before the last, a second edition, a new
folder, a file that does not parse) takes the full way, which also reports the problems.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from crisisreader.analysis import Analysis
from crisisreader.diff import SeriesTail, split_headless
from crisisreader.load import parse_file, remember_newest
from crisisreader.model import Briefing, Corpus, Problem, Series
from crisisreader.quotes import QuoteBook, extract_briefings


@dataclass(frozen=True, slots=True)
class Growth:
    """The corpus with the new days, and those days by series name (oldest first)."""

    corpus: Corpus
    added: Mapping[str, tuple[Briefing, ...]]

    @property
    def briefings(self) -> list[Briefing]:
        every = [b for days in self.added.values() for b in days]
        every.sort(key=lambda b: (b.date, b.series, b.edition))
        return every


def appended(corpus: Corpus, paths: Sequence[Path], files: Iterable[Path]) -> Growth | None:
    """``corpus`` with the briefing ``files`` added, when every one is a new file of a folder already read whose
    days all come after the last day of its series; None when the corpus has to be read again."""
    known = {os.path.abspath(b.path) for series in corpus.series for b in series.briefings}
    folders = {os.path.abspath(s.root): s for s in corpus.series}
    found: dict[str, list[Briefing]] = {}
    problems: list[Problem] = []
    for file in files:
        path = os.path.abspath(file)
        series = folders.get(os.path.dirname(path))
        if series is None or path in known or not os.path.isfile(path):
            return None
        # Named as the folder's files were found, so that its briefings' paths read as the others do.
        name = os.path.join(series.root, os.path.basename(path))
        briefings, found_problems = parse_file(Path(name), series.name)
        if not briefings or any(p.severity == "error" for p in found_problems):
            return None
        problems += found_problems
        found.setdefault(series.name, []).extend(briefings)
    if not found:
        return None
    added: dict[str, tuple[Briefing, ...]] = {}
    grown: list[Series] = []
    for series in corpus.series:
        new = sorted(found.get(series.name, ()), key=lambda b: b.date)
        if not new:
            grown.append(series)
            continue
        dates = [b.date for b in new]
        if not series.briefings or dates[0] <= series.briefings[-1].date or len(set(dates)) < len(dates):
            return None  # a day among the others, or a second edition: numbered and placed by the full load
        # A day without a heading takes its background from the day before, as the full load gives it.
        days = split_headless([series.briefings[-1], *new])[1:]
        added[series.name] = days
        grown.append(Series(series.name, series.root, series.briefings + days))
    result = Corpus(tuple(grown), corpus.problems + tuple(problems))
    remember_newest(list(paths), result)
    return Growth(result, added)


class Tails:
    """Each long-lived series' :class:`SeriesTail`, made once and carried along as days are added."""

    def __init__(self) -> None:
        self._tails: dict[str, SeriesTail] = {}

    def prepare(self, analysis: Analysis) -> None:
        """Go through every series of ``analysis`` now, so that the first day to land waits for no index."""
        for series in analysis.corpus.series:
            self._tail(series, 0, analysis.threshold)

    def _tail(self, series: Series, added: int, threshold: float) -> SeriesTail:
        tail = self._tails.get(series.name)
        if tail is None or tail.threshold != threshold or not tail.follows(series, added):
            known = Series(series.name, series.root, series.briefings[: len(series.briefings) - added])
            tail = self._tails[series.name] = SeriesTail(known, threshold)
        return tail

    def grow(self, analysis: Analysis, growth: Growth) -> Analysis:
        """``analysis`` with the days of ``growth`` worked out: their quotations, diffs and search entries."""
        corpus = growth.corpus
        quotes = QuoteBook()
        quotes.merge(analysis.quotes)
        quotes.merge(extract_briefings(growth.briefings, analysis.registry))
        diffs = dict(analysis.diffs)
        for name, days in growth.added.items():
            series = corpus.get_series(name)
            assert series is not None
            tail = self._tail(series, len(days), analysis.threshold)
            for day in days:
                diffs[day.key] = tail.diff_next(day)
        index = analysis.index.extended(corpus, growth.added)
        return Analysis(corpus, analysis.registry, quotes, diffs, index, analysis.threshold)
