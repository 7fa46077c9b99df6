"""Full-text search over every paragraph: a folded word index, so a keystroke never scans the whole corpus.

Plain queries match at word starts, case-, accent- and quote-mark-insensitively ("peskov" finds "Peskov’s",
"nord str" finds "Nord Stream"); a paragraph matches when it holds every word. Regular expressions scan every
distinct paragraph text, as they must.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain

from crisisreader.model import Briefing, Corpus, Paragraph, Quote, Series
from crisisreader.text import fold_keep_offsets

_TOKEN = re.compile(r"\w+(?:'\w+)*")
_MAX_SPANS = 20


@dataclass(frozen=True, slots=True)
class Query:
    """What the user typed and how to read it. ``error`` says why a regular expression cannot be compiled."""

    text: str
    regex: bool = False
    case: bool = False
    pattern: re.Pattern[str] | None = field(default=None, compare=False)
    error: str | None = None

    def __init__(self, text: str, regex: bool = False, case: bool = False) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "regex", regex)
        object.__setattr__(self, "case", case)
        pattern: re.Pattern[str] | None = None
        error: str | None = None
        if regex and text:
            try:
                pattern = re.compile(text, 0 if case else re.IGNORECASE)
            except re.error as exc:
                error = str(exc)
        object.__setattr__(self, "pattern", pattern)
        object.__setattr__(self, "error", error)

    @property
    def folded(self) -> str:
        return " ".join(fold_keep_offsets(self.text).split())

    @property
    def terms(self) -> list[str]:
        return _TOKEN.findall(self.folded)


class Hit:
    """One paragraph that matches; the spans of the matches in its text are found when first asked for."""

    __slots__ = ("_query", "_spans", "briefing", "paragraph")

    def __init__(self, paragraph: Paragraph, briefing: Briefing, query: Query) -> None:
        self.paragraph = paragraph
        self.briefing = briefing
        self._query = query
        self._spans: tuple[tuple[int, int], ...] | None = None

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        if self._spans is None:
            spans_of = regex_spans if self._query.regex else word_spans
            self._spans = spans_of(self.paragraph.text, self._query)
        return self._spans

    def snippet(self, width: int = 80) -> tuple[str, tuple[tuple[int, int], ...]]:
        """A window of the text around the first match, and the match spans shifted into it."""
        text = self.paragraph.text
        if len(text) <= width or not self.spans:
            return text[:width], tuple((s, min(e, width)) for s, e in self.spans if s < width)
        first = self.spans[0][0]
        start = max(0, min(first - width // 3, len(text) - width))
        # Begin at a word, not inside one, when a space is near.
        space = text.rfind(" ", max(0, start - 12), start + 1)
        if space != -1 and start > 0:
            start = space + 1
        end = min(len(text), start + width)
        prefix = "…" if start > 0 else ""
        suffix = "…" if end < len(text) else ""
        window = prefix + text[start:end] + suffix
        shift = len(prefix) - start
        spans = tuple((s + shift, e + shift) for s, e in self.spans if s >= start and e <= end)
        return window, spans

    def to_json(self) -> dict[str, object]:
        return {
            "paragraph": self.paragraph.id,
            "series": self.briefing.series,
            "date": self.briefing.date.isoformat(),
            "path": self.briefing.path,
            "line": self.paragraph.line,
            "section": self.paragraph.section,
            "text": self.paragraph.text,
            "spans": [list(span) for span in self.spans],
        }


@dataclass(frozen=True, slots=True)
class Results:
    hits: tuple[Hit, ...]
    total: int
    query: Query


class SeriesIndex:
    """Every paragraph of one series, its folded words indexed; identical texts (repeated background) once.

    Paragraphs are numbered newest day first, and texts in the order they first occur so numbered: the newest
    hits of a query are then the occurrences of its smallest text ids, found without sorting every hit.
    """

    def __init__(self, series: Series, postings: Mapping[str, bytes] | None = None) -> None:
        """Index ``series``; ``postings`` (from :meth:`raw_postings` of an index of the same series, say from a
        cache) spares the reading of every word."""
        self.series = series
        self._paragraphs: list[Paragraph] = []
        self._briefings: list[Briefing] = []
        self._text_of: list[int] = []
        text_ids: dict[str, int] = {}
        self._texts: list[str] = []
        self._occurrences: list[list[int]] = []
        words: defaultdict[str, list[int]] = defaultdict(list)
        words_of: dict[str, tuple[str, ...]] = {}
        for briefing in reversed(series.briefings):
            for paragraph in briefing.paragraphs:
                number = len(self._paragraphs)
                self._paragraphs.append(paragraph)
                self._briefings.append(briefing)
                text_id = text_ids.get(paragraph.text)
                if text_id is not None:
                    self._occurrences[text_id].append(number)
                    self._text_of.append(text_id)
                    continue
                text_id = len(self._texts)
                text_ids[paragraph.text] = text_id
                self._texts.append(paragraph.text)
                self._occurrences.append([number])
                self._text_of.append(text_id)
                if postings is not None:
                    continue
                # Splitting at white space runs in C; only raw tokens never seen before are cleaned by regex.
                raws = set(fold_keep_offsets(paragraph.text).split())
                cleaned = list(map(words_of.get, raws))
                if None in cleaned:
                    for raw in raws:
                        if raw not in words_of:
                            words_of[raw] = tuple(_TOKEN.findall(raw))
                    cleaned = list(map(words_of.get, raws))
                for word in set(chain.from_iterable(cleaned)):  # type: ignore[arg-type]
                    words[word].append(text_id)
        self._counts = [len(occurrences) for occurrences in self._occurrences]
        if postings is None:
            self._postings: dict[str, array[int]] = {word: array("I", ids) for word, ids in words.items()}
        else:
            self._postings = {word: _ids(raw, len(self._texts)) for word, raw in postings.items()}
        self._vocabulary = sorted(self._postings)

    def raw_postings(self) -> dict[str, bytes]:
        """The word index as plain bytes, for :class:`SeriesIndex` to take back (see ``postings``)."""
        return {word: ids.tobytes() for word, ids in self._postings.items()}

    def __len__(self) -> int:
        return len(self._paragraphs)

    def _prefix_ids(self, prefix: str) -> set[int]:
        start = bisect.bisect_left(self._vocabulary, prefix)
        ids: set[int] = set()
        for word in self._vocabulary[start:]:
            if not word.startswith(prefix):
                break
            ids.update(self._postings[word])
        return ids

    def _candidates(self, terms: list[str]) -> set[int]:
        """Texts holding every term: whole words for all but the last, which may still be being typed."""
        if not terms:
            return set()
        *whole, last = terms
        # Start from the rarest term so the intersections stay small.
        sets = sorted((set(self._postings.get(t, ())) for t in whole), key=len)
        if sets and not sets[0]:
            return set()
        result = self._prefix_ids(last)
        for other in sets:
            result &= other
            if not result:
                break
        return result

    def search(
        self,
        query: Query | str,
        limit: int | None = 200,
        briefing: str | None = None,
    ) -> Results:
        """Matching paragraphs, newest day first; ``briefing`` (a key) limits the search to one day.

        Plain queries match paragraphs holding every word (the last one as a prefix while it is typed).
        """
        if isinstance(query, str):
            query = Query(query)
        if not query.text.strip() or query.error:
            return Results((), 0, query)
        if query.regex:
            text_ids = self._regex_ids(query)
        else:
            text_ids = self._candidates(query.terms)
            if query.case:
                text_ids = {t for t in text_ids if word_spans(self._texts[t], query)}
        if briefing is not None:
            if not briefing.startswith(self.series.name + "/"):
                return Results((), 0, query)
            numbers = [n for n, b in enumerate(self._briefings) if b.key == briefing and self._text_of[n] in text_ids]
            total = len(numbers)
        else:
            total = sum(map(self._counts.__getitem__, text_ids))
            first = heapq.nsmallest(limit, text_ids) if limit else sorted(text_ids)
            merged = heapq.merge(*(self._occurrences[t] for t in first))
            numbers = list(itertools.islice(merged, limit)) if limit else list(merged)
        hits = tuple(Hit(self._paragraphs[n], self._briefings[n], query) for n in numbers[:limit])
        return Results(hits, total, query)

    def _regex_ids(self, query: Query) -> set[int]:
        assert query.pattern is not None
        search = query.pattern.search
        return {text_id for text_id, text in enumerate(self._texts) if search(text) is not None}


class SearchIndex:
    """The search over a whole corpus: one index a series, so a series that changes is indexed again alone."""

    def __init__(
        self,
        corpus: Corpus,
        reuse: Mapping[str, SeriesIndex] | None = None,
        stored: Mapping[str, Mapping[str, bytes]] | None = None,
    ) -> None:
        """Index every series of ``corpus``, but take the index of a series from ``reuse`` (the same series
        object) or its word index from ``stored`` (by series name, from a cache that matched it)."""
        kept = reuse or {}
        self.parts: dict[str, SeriesIndex] = {}
        # Days added to a series since its part was built, indexed alone (see extended); never stored.
        self.added: dict[str, list[SeriesIndex]] = {}
        for series in corpus.series:
            old = kept.get(series.name)
            if old is not None and old.series is series:
                self.parts[series.name] = old
            else:
                self.parts[series.name] = SeriesIndex(series, (stored or {}).get(series.name))

    def extended(self, corpus: Corpus, added: Mapping[str, Sequence[Briefing]]) -> SearchIndex:
        """This index with the days ``added`` to the end of their series (by name) in ``corpus``: only those days
        are read, the rest of each series is shared with this index."""
        grown = SearchIndex(Corpus(()))
        grown.parts = dict(self.parts)
        grown.added = {name: list(parts) for name, parts in self.added.items()}
        for name, briefings in added.items():
            series = corpus.get_series(name)
            if series is None or not briefings:
                continue
            grown.added.setdefault(name, []).append(SeriesIndex(Series(name, series.root, tuple(briefings))))
        return grown

    def whole(self, name: str) -> SeriesIndex | None:
        """The index of a series, if it was built over all of it (an index grown by days is not stored)."""
        return None if self.added.get(name) else self.parts.get(name)

    def _every_part(self) -> list[SeriesIndex]:
        return [*self.parts.values(), *(part for parts in self.added.values() for part in parts)]

    def __len__(self) -> int:
        return sum(len(part) for part in self._every_part())

    def search(self, query: Query | str, limit: int | None = 200, briefing: str | None = None) -> Results:
        """Matching paragraphs of every series, newest day first (see :meth:`SeriesIndex.search`)."""
        if isinstance(query, str):
            query = Query(query)
        results = [part.search(query, limit, briefing) for part in self._every_part()]
        if len(results) == 1:
            return results[0]

        def order(hit: Hit) -> tuple[int, str, int, int]:
            b = hit.briefing
            return (-b.date.toordinal(), b.series, b.edition, hit.paragraph.index)

        merged = heapq.merge(*(r.hits for r in results), key=order)
        hits = tuple(itertools.islice(merged, limit)) if limit else tuple(merged)
        return Results(hits, sum(r.total for r in results), query)


def _ids(raw: bytes, limit: int) -> array[int]:
    ids = array("I")
    ids.frombytes(raw)
    if ids and max(ids) >= limit:
        raise ValueError("a stored word index names a paragraph the series does not have")
    return ids


def regex_spans(text: str, query: Query) -> tuple[tuple[int, int], ...]:
    if query.pattern is None:
        return ()
    spans = []
    for match in query.pattern.finditer(text):
        if match.end() > match.start():
            spans.append(match.span())
        if len(spans) >= _MAX_SPANS:
            break
    return tuple(spans)


def _word_start(haystack: str, at: int) -> bool:
    return at == 0 or not haystack[at - 1].isalnum()


def word_spans(text: str, query: Query) -> tuple[tuple[int, int], ...]:
    """Where each of the query's words starts a word in ``text`` (the whole phrase, where it stands as typed)."""
    haystack = text if query.case else fold_keep_offsets(text)
    needles = [query.text.strip()] if query.case else [query.folded]
    terms = query.text.split() if query.case else query.terms
    if len(terms) > 1:
        needles += terms
    spans: list[tuple[int, int]] = []
    covered: set[int] = set()
    for needle in needles:
        if not needle:
            continue
        at = haystack.find(needle)
        while at != -1 and len(spans) < _MAX_SPANS:
            if _word_start(haystack, at) and at not in covered:
                spans.append((at, at + len(needle)))
                covered.update(range(at, at + len(needle)))
            at = haystack.find(needle, at + 1)
    return tuple(sorted(spans))


def search_quotes(query: Query | str, quotes: Iterable[Quote]) -> list[tuple[Quote, tuple[tuple[int, int], ...]]]:
    """Quotations whose words match, with the spans in the quotation's own text: the "one speaker" scope."""
    if isinstance(query, str):
        query = Query(query)
    found = []
    for quote in quotes:
        spans = regex_spans(quote.text, query) if query.regex else word_spans(quote.text, query)
        if spans:
            found.append((quote, spans))
    return found
