"""What every kind of source gives the library: one briefing's paragraphs, its date, and where it came from."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

EARLIEST = dt.date(1990, 1, 1)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class SourceError(Exception):
    """A source that cannot be taken in: the message says what is wrong, for ``SOURCE: error: message``."""


@dataclass(frozen=True, slots=True)
class Taken:
    """One briefing taken from a source, before it is written into the library.

    ``key`` is what makes the source itself: a URL, a file's absolute path, a feed entry's id.
    """

    key: str
    date: dt.date
    paragraphs: tuple[str, ...]
    title: str = ""
    url: str = ""
    series_hint: str = ""


def iso_calendar_date(value: str) -> dt.date | None:
    """The calendar date an ISO timestamp states, in its own offset: '2022-02-08T23:30:00-05:00' is 8 February."""
    match = _ISO_DATE.search(value)
    if match is None:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def checked_date(date: dt.date | None, fallback: dt.date | None, source: str) -> dt.date:
    """The source's own date, else ``--date``; one outside 1990..tomorrow is an error, not a briefing."""
    chosen = date or fallback
    if chosen is None:
        raise SourceError(f"no date found in {source}: give one with --date YYYY-MM-DD")
    if chosen < EARLIEST:
        raise SourceError(f"date {chosen.isoformat()} is before 1990")
    # Tomorrow is allowed: a page dated in a time zone ahead of ours is already on its next day.
    if chosen > dt.date.today() + dt.timedelta(days=1):
        raise SourceError(f"date {chosen.isoformat()} is in the future")
    return chosen
