"""Days as people type them, for the command palette: "2022-02-07", "Feb 7", "7 February 2022", "yesterday".

"today" and "yesterday" are the real calendar's (the caller gives today): a briefing of that date is found, and
none when the corpus has no such day, rather than a guess at the newest day. A form that reads two ways
("2/7": 7 February or 2 July) is left unread; "25/2" and "2/25" read one way only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(\d{4})"
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_MONTH_DAY = re.compile(rf"{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?")
_DAY_MONTH = re.compile(rf"{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?")
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}))?")


@dataclass(frozen=True, slots=True)
class DayQuery:
    """A day asked for; without a year, that day of every year."""

    month: int
    day: int
    year: int | None = None

    def matches(self, date: dt.date) -> bool:
        return (date.month, date.day) == (self.month, self.day) and self.year in (None, date.year)


def read_day(text: str, today: dt.date) -> DayQuery | None:
    """The day ``text`` names, or ``None`` when it names none (or could name two)."""
    said = " ".join(text.strip().lower().split())
    if said in ("today", "yesterday"):
        when = today - dt.timedelta(days=1 if said == "yesterday" else 0)
        return DayQuery(when.month, when.day, when.year)
    if match := _ISO.fullmatch(said):
        return _checked(int(match[2]), int(match[3]), int(match[1]))
    if match := _MONTH_DAY.fullmatch(said):
        return _checked(_MONTHS[match[1]], int(match[2]), _year(match[3]))
    if match := _DAY_MONTH.fullmatch(said):
        return _checked(_MONTHS[match[2]], int(match[1]), _year(match[3]))
    if match := _NUMERIC.fullmatch(said):
        first, second = int(match[1]), int(match[2])
        if (first > 12) == (second > 12):
            return None  # 2/7 is 7 February or 2 July; 13/14 is nothing
        month, day = (second, first) if first > 12 else (first, second)
        return _checked(month, day, _year(match[3]))
    return None


def _year(text: str | None) -> int | None:
    return int(text) if text else None


def _checked(month: int, day: int, year: int | None) -> DayQuery | None:
    try:
        dt.date(year or 2000, month, day)  # 2000 was a leap year: 29 February stands without a year
    except ValueError:
        return None
    return DayQuery(month, day, year)
