"""An RSS or Atom feed -> briefings: one per entry when the entries are daily briefings, else one per day.

feedparser reads every RSS and Atom dialect met in the wild, guesses encodings, normalises dates and says
(``bozo``) when the XML is broken; the standard library's XML parser would leave all of that to us.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import xml.sax
from collections import defaultdict
from typing import Any, Literal

import feedparser

from crisisreader.sources.page import fragment_paragraphs
from crisisreader.sources.taken import EARLIEST, SourceError, Taken, iso_calendar_date

Mode = Literal["auto", "entry", "day"]
MAX_ENTRIES = 5000
# An entry this long (in characters of text) is a briefing of its own rather than one item of a day.
_BRIEFING_CHARS = 400


def _entry_date(entry: Any) -> dt.date | None:
    # The stated string keeps the publisher's own offset; the parsed struct is in UTC.
    for name in ("published", "updated", "created"):
        value = entry.get(name)
        if isinstance(value, str):
            date = _stated_date(value)
            if date is not None:
                return date
        parsed = entry.get(f"{name}_parsed")
        if parsed:
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _stated_date(value: str) -> dt.date | None:
    """RSS states RFC 822 dates ('Wed, 13 Mar 2024 06:00:00 +0100'), Atom ISO ones; either in its own offset."""
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return iso_calendar_date(value)


def _entry_paragraphs(entry: Any) -> list[str]:
    contents = entry.get("content") or []
    html = contents[0].get("value", "") if contents else ""
    return fragment_paragraphs(html or entry.get("summary", ""))


def parse_feed(
    data: bytes, source: str, mode: Mode = "auto", fallback: dt.date | None = None
) -> tuple[str, list[Taken]]:
    """The feed's title and its briefings; an error for a feed that is broken, empty or far too long."""
    parsed = feedparser.parse(data)
    entries = list(parsed.entries)
    problem = parsed.get("bozo_exception")
    # Broken XML is refused even where feedparser's lenient parser saved some entries: what it saved may be cut
    # short. An encoding it had to guess is only a warning in feedparser's terms, and is read.
    if parsed.bozo and (isinstance(problem, xml.sax.SAXException) or not entries):
        reason = problem.getMessage() if isinstance(problem, xml.sax.SAXParseException) else str(problem)
        raise SourceError(f"not a readable feed (malformed XML: {reason})")
    if not entries:
        raise SourceError("the feed has no entries")
    if len(entries) > MAX_ENTRIES:
        raise SourceError(f"the feed has {len(entries)} entries (more than {MAX_ENTRIES}): not taken in")
    title = str(parsed.feed.get("title", "") or "")
    dated = [(entry, _entry_date(entry) or fallback) for entry in entries]
    usable = [(e, d) for e, d in dated if d is not None and EARLIEST <= d <= dt.date.today() + dt.timedelta(days=1)]
    if not usable:
        raise SourceError("no entry has a usable date: give one with --date YYYY-MM-DD")
    if mode == "auto":
        mode = _mode(usable)
    if mode == "entry":
        out = []
        for entry, date in usable:
            paragraphs = _entry_paragraphs(entry)
            heading = str(entry.get("title", "") or "")
            if paragraphs:
                out.append(
                    Taken(
                        str(entry.get("id") or entry.get("link") or f"{source}#{heading}"),
                        date,
                        tuple(paragraphs),
                        heading,
                        str(entry.get("link", "") or ""),
                        title,
                    )
                )
        if not out:
            raise SourceError("no entry has any text")
        return title, out
    return title, _per_day(usable, source, title)


def _mode(usable: list[tuple[Any, dt.date]]) -> Mode:
    """Daily briefings come at most about one a day and are long; news items come many a day and are short."""
    days = len({d for _, d in usable})
    long = sum(1 for e, _ in usable if sum(len(p) for p in _entry_paragraphs(e)) >= _BRIEFING_CHARS)
    return "entry" if len(usable) <= days * 1.5 and long * 2 >= len(usable) else "day"


def _per_day(usable: list[tuple[Any, dt.date]], source: str, title: str) -> list[Taken]:
    by_day: dict[dt.date, list[str]] = defaultdict(list)
    # Feeds list the newest first; a day reads in the order things happened.
    for entry, date in reversed(usable):
        heading = " ".join(str(entry.get("title", "") or "").split())
        summary = " ".join(_entry_paragraphs(entry))
        link = str(entry.get("link", "") or "")
        text = ". ".join(part.rstrip(".") for part in (heading, summary) if part)
        if text:
            by_day[date].append(f"{text}. {link}".strip() if link else text)
    return [
        Taken(f"{source}#{d.isoformat()}", d, tuple(items), title, source, title) for d, items in sorted(by_day.items())
    ]
