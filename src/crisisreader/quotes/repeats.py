"""A quotation said once and repeated in the background day after day: counted once, with the days it appeared.

Briefings repeat their background paragraphs every day, quotations and all: one sentence in the background of 500
days is one thing said, not 500. What identifies a quotation is its series and its words (spaces, quote marks,
case and the punctuation at its ends aside); a speaker's count, the picker and the speaker scope of the search
count each once, and ``crisisreader quotes`` gives every row the first and last day and the number of days.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from crisisreader.model import Quote
from crisisreader.text import fold_quotes, squash_space

Same = tuple[str, str]


_DASHES = re.compile("[\u2010-\u2015\u2212]")


def same_words(text: str) -> str:
    """The words of a quotation as compared: "Non-starters," and "non‑starters." are one."""
    return _DASHES.sub("-", squash_space(fold_quotes(text))).strip(" ,.;:!?\u2026").casefold()


def same(series: str, text: str) -> Same:
    return series, same_words(text)


@dataclass(frozen=True, slots=True)
class Repeat:
    """Where one quotation appeared: first and last day, and on how many days."""

    first: dt.date
    last: dt.date
    days: int


class Spread:
    """Each quotation's days, from (series, text, date) of each time it appears (see :meth:`QuoteBook.occurrences`
    or :func:`occurrences`); ``spread[series, text]`` is a quotation's :class:`Repeat`."""

    def __init__(self, found: Iterable[tuple[str, str, dt.date]]) -> None:
        # The words of a quotation are worked out once per distinct text: a background sentence is 500 rows.
        self._words: dict[str, str] = {}
        dates: dict[Same, set[dt.date]] = {}
        for series, text, date in found:
            dates.setdefault(self.same(series, text), set()).add(date)
        self._repeats = {key: Repeat(min(days), max(days), len(days)) for key, days in dates.items()}

    def same(self, series: str, text: str) -> Same:
        words = self._words.get(text)
        if words is None:
            words = self._words[text] = same_words(text)
        return series, words

    def __getitem__(self, where: tuple[str, str]) -> Repeat:
        return self._repeats[self.same(*where)]

    def get(self, where: tuple[str, str]) -> Repeat | None:
        return self._repeats.get(self.same(*where))


def occurrences(quotes: Iterable[Quote]) -> Iterable[tuple[str, str, dt.date]]:
    return ((quote.series, quote.text, quote.date) for quote in quotes)


def distinct(quotes: Iterable[Quote]) -> list[Quote]:
    """Each quotation once, where it first appears in the order given (its speaker's words, once a speaker)."""
    seen: set[tuple[str | None, str, str]] = set()
    out: list[Quote] = []
    for quote in quotes:
        key = (quote.speaker, *same(quote.series, quote.text))
        if key not in seen:
            seen.add(key)
            out.append(quote)
    return out
