"""Every briefing's quotations, kept as rows of plain values and made into Quote objects only when asked for.

A corpus of 10,000 briefings has about 250,000 quotations. As Quote objects they take 0.4 s to make and about
40 MB more to keep than as rows, while the reader shows a few dozen at a time and the speaker list needs only
their names and dates. A row is what the attribution produces and what the analysis cache stores, so a second
start makes nothing until a day is shown.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence

from crisisreader.model import Briefing, Quote
from crisisreader.quotes.repeats import Same, same_words

_QUOTE_FIELDS = ("paragraph", "series", "date", "path", "section", "text", "start", "end", "speaker", "as_written",
                 "cue", "kind", "truncated", "group")  # fmt: skip
if tuple(field.name for field in dataclasses.fields(Quote)) != _QUOTE_FIELDS:
    raise ImportError("crisisreader.model.Quote changed its fields: update make_quotes")

# A quotation without what its briefing and paragraph give back: the paragraph's position in the briefing, the
# offsets of the quoted words in its text, speaker, as written, cue, kind, truncated, group. A term's speaker, as
# written and cue are None.
Row = tuple[int, int, int, str | None, str | None, str | None, str, bool, int]
# What the summary by speaker needs of a quotation: speaker, as written, date, group, its words compared.
Said = tuple[str, str | None, dt.date, tuple[str, int] | None, Same]


def make_quotes(briefing: Briefing, rows: Iterable[Row]) -> tuple[Quote, ...]:
    """A briefing's rows as Quote objects."""
    paragraphs = briefing.paragraphs
    series, date, path = briefing.series, briefing.date, briefing.path
    out: list[Quote] = []
    for at, start, end, speaker, as_written, cue, kind, truncated, group in rows:
        paragraph = paragraphs[at]
        # Positional: twice as fast as keywords for fourteen fields (the order is checked above).
        out.append(
            Quote(
                paragraph.id,
                series,
                date,
                path,
                paragraph.section,
                paragraph.text[start:end],
                start,
                end,
                speaker,
                as_written,
                cue,
                "speech" if kind == "speech" else "term",
                bool(truncated),
                group,
            )
        )
    return tuple(out)


def fits(briefing: Briefing, rows: object) -> bool:
    """Whether stored rows can be this briefing's: positions of its paragraphs, offsets within their texts, known
    kinds and values of the right types. The analysis cache checks what it reads before trusting it."""
    if not isinstance(rows, (list, tuple)):
        return False
    sizes = [len(p.text) for p in briefing.paragraphs]
    optional = (str, type(None))
    for row in rows:
        if not isinstance(row, tuple) or len(row) != 9:
            return False
        at, start, end, speaker, as_written, cue, kind, truncated, group = row
        if type(at) is not int or type(start) is not int or type(end) is not int or type(group) is not int:
            return False
        if not 0 <= at < len(sizes) or not 0 <= start <= end <= sizes[at] or kind not in ("speech", "term"):
            return False
        if not isinstance(speaker, optional) or not isinstance(as_written, optional) or not isinstance(cue, optional):
            return False
        if type(truncated) is not bool:
            return False
    return True


def to_rows(briefing: Briefing, quotes: Iterable[Quote]) -> list[Row]:
    """Quote objects as rows of their briefing (for quotations made elsewhere than by the attribution)."""
    position = {p.id: i for i, p in enumerate(briefing.paragraphs)}
    return [
        (position[q.paragraph], q.start, q.end, q.speaker, q.as_written, q.cue, q.kind, q.truncated, q.group)
        for q in quotes
    ]


class QuoteBook(Mapping[str, tuple[Quote, ...]]):
    """Each briefing's quotations by briefing key (an empty tuple for one without any), as rows; a briefing's are
    made into Quote objects each time they are asked for, which costs microseconds."""

    __slots__ = ("_entries",)

    def __init__(self, entries: Iterable[tuple[Briefing, Sequence[Row]]] = ()) -> None:
        self._entries: dict[str, tuple[Briefing, Sequence[Row]]] = {}
        for briefing, rows in entries:
            self._entries[briefing.key] = (briefing, rows)

    def __repr__(self) -> str:
        return f"QuoteBook({len(self._entries)} briefings, {self.count()} quotations)"

    def __getitem__(self, key: str) -> tuple[Quote, ...]:
        briefing, rows = self._entries[key]
        return make_quotes(briefing, rows) if rows else ()

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def put(self, briefing: Briefing, rows: Sequence[Row]) -> None:
        """File a briefing's rows; only while the book is being filled, before anyone reads it."""
        self._entries[briefing.key] = (briefing, rows)

    def merge(self, other: QuoteBook) -> None:
        """File every briefing of another book; only while the book is being filled."""
        self._entries.update(other._entries)

    def rows(self, key: str) -> Sequence[Row]:
        found = self._entries.get(key)
        return found[1] if found is not None else ()

    def only(self, keys: Iterable[str]) -> QuoteBook:
        """A book of these briefings alone (those this one has)."""
        entries = self._entries
        return QuoteBook(entries[key] for key in keys if key in entries)

    def count(self, kind: str | None = None) -> int:
        """How many quotations, of one kind or of any."""
        if kind is None:
            return sum(len(rows) for _, rows in self._entries.values())
        return sum(row[6] == kind for _, rows in self._entries.values() for row in rows)

    def by_speaker(self, name: str | None, keys: Iterable[str] | None = None) -> list[Quote]:
        """The speech quotations of one speaker (None: of any speaker), of these briefings in this order (else
        all): only they are made into Quote objects."""
        entries = self._entries
        out: list[Quote] = []
        for key in entries if keys is None else keys:
            found = entries.get(key)
            if found is None:
                continue
            briefing, rows = found
            mine = [row for row in rows if row[6] == "speech" and (row[3] == name if name is not None else row[3])]
            if mine:
                out.extend(make_quotes(briefing, mine))
        return out

    def occurrences(self) -> Iterator[tuple[str, str, dt.date]]:
        """(series, quoted words, date) of every quotation, for :class:`repeats.Spread`, making no Quote."""
        for briefing, rows in self._entries.values():
            series, date, paragraphs = briefing.series, briefing.date, briefing.paragraphs
            for at, start, end, *_ in rows:
                yield series, paragraphs[at].text[start:end], date

    def said(self, keys: Iterable[str] | None = None) -> Iterator[Said]:
        """Each speech quotation with a speaker (of these briefings, in this order; else all): who, named how,
        when, its group (a quotation continued across paragraphs is one group) and what makes it the same as a
        repeat of it (see :mod:`repeats`), for the summary by speaker."""
        entries = self._entries
        # A background sentence is said again on hundreds of days: its words are compared once.
        words_of: dict[str, str] = {}
        for key in entries if keys is None else keys:
            found = entries.get(key)
            if found is None:
                continue
            briefing, rows = found
            date, series, paragraphs = briefing.date, briefing.series, briefing.paragraphs
            for at, start, end, speaker, as_written, _, kind, _, group in rows:
                if speaker is not None and kind == "speech":
                    text = paragraphs[at].text[start:end]
                    words = words_of.get(text)
                    if words is None:
                        words = words_of[text] = same_words(text)
                    yield speaker, as_written, date, (key, group) if group else None, (series, words)
