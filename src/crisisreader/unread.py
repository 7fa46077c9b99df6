"""Which day to read next, for a reader going through what is new each morning: the unread days of the open day's
series after it, oldest first, then those of the next series that has any, and round again."""

from __future__ import annotations

from collections.abc import Collection

from crisisreader.model import Briefing, Corpus


def next_unread(corpus: Corpus, current: Briefing | None, opened: Collection[str]) -> Briefing | None:
    """The next day not opened: after ``current`` in its series, then in each later series from its oldest day (the
    series by name, as the sidebar lists them, wrapping round), then the days of ``current``'s series before it."""
    series = sorted(corpus.series, key=lambda s: s.name)
    if not series:
        return None
    names = [s.name for s in series]
    start = names.index(current.series) if current is not None and current.series in names else 0
    ordered = series[start:] + series[:start]
    unread = [[b for b in s.briefings if b.key not in opened] for s in ordered]
    if current is None:
        return next((days[0] for days in unread if days), None)
    after = [b for b in unread[0] if (b.date, b.edition) > (current.date, current.edition)]
    if after:
        return after[0]
    for days in unread[1:]:
        if days:
            return days[0]
    days = [b for b in unread[0] if b.key != current.key]
    return days[0] if days else None
