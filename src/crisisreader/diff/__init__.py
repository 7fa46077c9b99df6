"""Day-over-day differences within a series: which paragraphs repeat, which are edited (and how, word by word),
which are new, carried over from earlier days, or dropped.

The work is done in three passes so that a long series stays fast: exact text first (a dict), then candidates for
edits from an index of sentence edges (the first and last characters of every sentence), and only on those
candidates a word-level comparison. The index of earlier paragraphs grows day by day and is never rebuilt. Short
lines of a page's frame (a dateline, "Day 31", a byline) are edits when they keep their words but for numbers,
dates, times or one name (``short``), however few words that leaves in common.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence

from crisisreader.diff.index import _Comparer, _Day, _Earlier
from crisisreader.diff.pair import _check, _diff_days
from crisisreader.diff.result import DEFAULT_THRESHOLD, Change, ChangeOp, DayDiff, ParagraphDiff, Status
from crisisreader.diff.words import folded_tokens, matching_blocks, similarity, word_changes
from crisisreader.model import Briefing, Paragraph, Series

__all__ = [
    "DEFAULT_THRESHOLD",
    "Change",
    "ChangeOp",
    "DayDiff",
    "ParagraphDiff",
    "Status",
    "diff_briefings",
    "diff_days",
    "diff_series",
    "folded_tokens",
    "matching_blocks",
    "new_since",
    "similarity",
    "split_headless",
    "word_changes",
]


def diff_briefings(
    base: Briefing | None,
    target: Briefing,
    earlier: Sequence[Briefing] = (),
    threshold: float = DEFAULT_THRESHOLD,
) -> DayDiff:
    """``target`` against ``base`` (None: everything is new but what ``earlier`` already said); items and
    unmatched paragraphs also against every briefing of ``earlier`` (those before the base)."""
    _check(threshold)
    index: _Earlier | None = None
    if earlier:
        index = _Earlier()
        for briefing in earlier:
            index.add_day(_Day(briefing))
    return _diff_days(_Day(base) if base is not None else None, _Day(target), index, threshold)


def diff_days(series: Series, base: Briefing | None, target: Briefing, threshold: float = DEFAULT_THRESHOLD) -> DayDiff:
    """Any two briefings of a series compared (a chosen base day), with what was said before both as earlier.

    The base may be a later day than the target: then what the target itself said, and the days between, are not
    "earlier" (nothing is carried over from the day itself, or from its future)."""
    if base is None:
        return diff_briefings(None, target, [], threshold)
    first = min((base.date, base.edition), (target.date, target.edition))
    earlier = [b for b in series.briefings if (b.date, b.edition) < first]
    return diff_briefings(base, target, earlier, threshold)


def diff_series(
    series: Series, threshold: float = DEFAULT_THRESHOLD, start: int = 0, after: Callable[[], None] | None = None
) -> list[DayDiff]:
    """Each briefing against the one before it (the first against nothing), and against all earlier ones; from
    the ``start``-th briefing on (those before it are only indexed: their diffs are known, say from a cache).
    ``after`` is called as each day is done."""
    _check(threshold)
    earlier = _Earlier()
    out: list[DayDiff] = []
    if start >= len(series.briefings):
        return out
    previous: _Day | None = None
    for position, briefing in enumerate(series.briefings):
        day = _Day(briefing)
        if position >= start:
            out.append(_diff_days(previous, day, earlier, threshold))
            if after is not None:
                after()
        if previous is not None:
            earlier.add_day(previous)
        previous = day
    return out


class SeriesTail:
    """What :func:`diff_series` knows once it has gone through a series: every day indexed, the last one held.
    A day added after the last is then diffed alone, as :func:`diff_series` of the longer series would diff it."""

    def __init__(self, series: Series, threshold: float = DEFAULT_THRESHOLD) -> None:
        _check(threshold)
        self.threshold = threshold
        self._earlier = _Earlier()
        self._previous: _Day | None = None
        self.last: Briefing | None = None
        for briefing in series.briefings:
            self._step(_Day(briefing))

    def _step(self, day: _Day) -> None:
        if self._previous is not None:
            self._earlier.add_day(self._previous)
        self._previous = day
        self.last = day.briefing

    def follows(self, series: Series, added: int) -> bool:
        """Whether ``series`` is the one this tail went through with ``added`` days after it."""
        known = len(series.briefings) - added
        return known > 0 and series.briefings[known - 1] is self.last

    def diff_next(self, briefing: Briefing) -> DayDiff:
        """``briefing``, which comes after the last day, against it and every day before."""
        day = _Day(briefing)
        diff = _diff_days(self._previous, day, self._earlier, self.threshold)
        self._step(day)
        return diff


def new_since(series: Series, since: dt.date, threshold: float = DEFAULT_THRESHOLD) -> list[Paragraph]:
    """The paragraphs of briefings dated ``since`` or later that the series had not said, nor nearly said, before
    that date; a paragraph repeated word for word within that time is given once, at its first appearance."""
    _check(threshold)
    before = _Earlier()
    shown = _Earlier()
    out: list[Paragraph] = []
    for briefing in series.briefings:
        day = _Day(briefing)
        if briefing.date < since:
            before.add_day(day)
            continue
        compare = _Comparer(threshold)
        for text in day.texts:
            if before.find(text, compare) is None and shown.find(text, compare, exact_only=True) is None:
                out.append(text.paragraph)
            shown.add(text)
    return out


def split_headless(briefings: Sequence[Briefing], threshold: float = DEFAULT_THRESHOLD) -> tuple[Briefing, ...]:
    """Give briefings without a heading a background: the paragraphs repeated or edited from the previous briefing
    (ids unchanged); the rest stay items. Briefings with a heading, and the first briefing, are left as they are."""
    _check(threshold)
    out: list[Briefing] = []
    previous: Briefing | None = None
    previous_day: _Day | None = None
    for briefing in briefings:
        day: _Day | None = None
        result = briefing
        if briefing.heading is None and previous is not None and briefing.paragraphs:
            if previous_day is None:
                previous_day = _Day(previous)
            day = _Day(briefing)
            result = _with_background(briefing, _diff_days(previous_day, day, None, threshold), previous)
        out.append(result)
        previous, previous_day = briefing, day
    return tuple(out)


def _with_background(briefing: Briefing, diff: DayDiff, previous: Briefing) -> Briefing:
    before = {p.id for p in previous.paragraphs}
    repeated = {d.id for d in diff.paragraphs if d.status != "dropped" and d.previous in before}
    if not repeated:
        return briefing
    paragraphs = briefing.paragraphs
    background = tuple(dataclasses.replace(p, section="background") for p in paragraphs if p.id in repeated)
    items = tuple(dataclasses.replace(p, section="item") for p in paragraphs if p.id not in repeated)
    return dataclasses.replace(briefing, background=background, items=items)
