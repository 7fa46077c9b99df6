"""Full-text search over every paragraph: a folded word index, so a keystroke never scans the whole corpus.

Plain queries match at word starts, case-, accent- and quote-mark-insensitively ("peskov" finds "Peskov’s",
"nord str" finds "Nord Stream", "troop" finds "troops"); a paragraph matches when it holds every word. A word that
spells a speaker's surname also finds the registry's other spellings of it ("zelensky" finds "Zelenskiy").
Regular expressions scan every distinct paragraph text, as they must.
"""

from __future__ import annotations

import bisect
import difflib
import heapq
import itertools
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain

from crisisreader.model import Briefing, Corpus, Paragraph, Quote, Series, Speaker
from crisisreader.text import fold_keep_offsets

_TOKEN = re.compile(r"\w+(?:'\w+)*")
_MAX_SPANS = 20
# A typed word this long that begins a known spelling of a surname brings in the other spellings too; shorter
# ones would bring "Selenskyj" into the hits of "z".
_VARIANT_PREFIX = 4
# How alike two last words of one speaker's names must be to be one surname spelled otherwise ("Zelenskiy",
# "Selenskyj"), not a title or a nickname ("Kremlin chief").
_SAME_SURNAME = 0.75
# Occurrences past which the next match is looked for day by day from where the reader is: a common word has one
# in a day or two, and placing all of its occurrences took 80 ms at 10,000 briefings.
_WALK_DAYS_ABOVE = 2_000

Variants = Mapping[str, tuple[str, ...]]
"""A folded word and the other spellings of the same surname: ``{"zelensky": ("zelenskiy", "zelenskyy", ...)}``."""

Position = tuple[int, str, int, int]
"""Where a paragraph stands in reading order across every series: date, series, edition, paragraph index."""


def name_variants(speakers: Iterable[Speaker]) -> dict[str, tuple[str, ...]]:
    """The registry's spellings of each person's surname, each word mapped to the others, for the search."""
    groups: defaultdict[str, set[str]] = defaultdict(set)
    for speaker in speakers:
        if speaker.kind != "person":
            continue
        words = [_TOKEN.findall(fold_keep_offsets(form)) for form in (speaker.name, *speaker.aliases)]
        surname = words[0][-1] if words[0] else ""
        if len(surname) < 3:
            continue
        spellings = {surname}
        for tokens in words[1:]:
            if tokens and difflib.SequenceMatcher(None, surname, tokens[-1]).ratio() >= _SAME_SURNAME:
                spellings.add(tokens[-1])
        if len(spellings) > 1:
            for word in spellings:
                groups[word] |= spellings - {word}
    return {word: tuple(sorted(others)) for word, others in groups.items()}


def expand(term: str, variants: Variants | None) -> tuple[str, ...]:
    """The term and, when it spells (or begins to spell) a surname the registry knows otherwise, those spellings."""
    if not variants:
        return (term,)
    found = dict.fromkeys([term])
    known = variants.get(term)
    if known is not None:
        found.update(dict.fromkeys(known))
    elif len(term) >= _VARIANT_PREFIX:
        for word, others in variants.items():
            if word.startswith(term):
                found.update(dict.fromkeys([word, *others]))
    return tuple(found)


def window(text: str, spans: tuple[tuple[int, int], ...], width: int) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About ``width`` characters of ``text`` around its first span (an ellipsis where it is cut), and the spans
    shifted into them."""
    if len(text) <= width or not spans:
        cut = "…" if len(text) > width else ""
        return text[:width] + cut, tuple((s, min(e, width)) for s, e in spans if s < width)
    first = spans[0][0]
    start = max(0, min(first - width // 3, len(text) - width))
    # Begin at a word, not inside one: at the space before, or at the text's start when it is near.
    if start > 0:
        space = text.rfind(" ", max(0, start - 12), start + 1)
        if space != -1:
            start = space + 1
        elif start <= 12:
            start = 0
    end = min(len(text), start + width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shown = prefix + text[start:end] + suffix
    shift = len(prefix) - start
    return shown, tuple((s + shift, e + shift) for s, e in spans if s >= start and e <= end)


def position_of(paragraph: Paragraph, briefing: Briefing) -> Position:
    return (briefing.date.toordinal(), briefing.series, briefing.edition, paragraph.index)


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

    __slots__ = ("_also", "_query", "_spans", "briefing", "paragraph")

    def __init__(self, paragraph: Paragraph, briefing: Briefing, query: Query, also: tuple[str, ...] = ()) -> None:
        self.paragraph = paragraph
        self.briefing = briefing
        self._query = query
        self._also = also  # other spellings of the query's names, matched too
        self._spans: tuple[tuple[int, int], ...] | None = None

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        if self._spans is None:
            if self._query.regex:
                self._spans = regex_spans(self.paragraph.text, self._query)
            else:
                self._spans = word_spans(self.paragraph.text, self._query, self._also)
        return self._spans

    @property
    def position(self) -> Position:
        return position_of(self.paragraph, self.briefing)

    def snippet(self, width: int = 80) -> tuple[str, tuple[tuple[int, int], ...]]:
        """A window of the text around the first match, and the match spans shifted into it."""
        return window(self.paragraph.text, self.spans, width)

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
        # Each day's paragraphs are numbered in a row: the "this day" scope reads only its own.
        self._days: dict[str, range] = {}
        for briefing in reversed(series.briefings):
            first = len(self._paragraphs)
            self._days[briefing.key] = range(first, first + len(briefing.paragraphs))
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
        # Each day where it stands in reading order, oldest first: the next match of a common word is found by
        # walking the days from here, not by placing each of its hundred thousand occurrences.
        self._day_places = [(b.date.toordinal(), b.series, b.edition) for b in series.briefings]
        self._days_in_order = self._day_places == sorted(self._day_places)
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

    def _candidates(self, terms: list[tuple[str, ...]]) -> set[int]:
        """Texts holding every term: each a word start (a prefix), with any other spelling of a name it has."""
        if not terms:
            return set()
        # Start from the rarest term so the intersections stay small.
        sets = sorted((self._term_ids(spellings) for spellings in terms), key=len)
        result = sets[0]
        for other in sets[1:]:
            if not result:
                break
            result &= other
        return result

    def _term_ids(self, spellings: tuple[str, ...]) -> set[int]:
        if len(spellings) == 1:
            return self._prefix_ids(spellings[0])
        ids: set[int] = set()
        for spelling in spellings:
            ids |= self._prefix_ids(spelling)
        return ids

    def _text_ids(self, query: Query, variants: Variants | None) -> tuple[set[int], tuple[str, ...]]:
        """The texts that match, and the other spellings the query brought in (to mark them too)."""
        if query.regex:
            return self._regex_ids(query), ()
        if query.case:
            terms: list[tuple[str, ...]] = [(term,) for term in query.terms]
            text_ids = self._candidates(terms)
            return {t for t in text_ids if word_spans(self._texts[t], query)}, ()
        terms = [expand(term, variants) for term in query.terms]
        also = tuple(dict.fromkeys(word for spellings in terms for word in spellings[1:]))
        return self._candidates(terms), also

    def search(
        self,
        query: Query | str,
        limit: int | None = 200,
        briefing: str | None = None,
        variants: Variants | None = None,
    ) -> Results:
        """Matching paragraphs, newest day first; ``briefing`` (a key) limits the search to one day.

        Plain queries match paragraphs holding every word, each as the start of a word ("troop" finds "troops");
        ``variants`` (see :func:`name_variants`) are the other spellings a surname is matched by.
        """
        if isinstance(query, str):
            query = Query(query)
        if not query.text.strip() or query.error:
            return Results((), 0, query)
        text_ids, also = self._text_ids(query, variants)
        if briefing is not None:
            day = self._days.get(briefing)
            numbers = [n for n in day if self._text_of[n] in text_ids] if day is not None else []
            total = len(numbers)
        else:
            total = sum(map(self._counts.__getitem__, text_ids))
            first = heapq.nsmallest(limit, text_ids) if limit else sorted(text_ids)
            merged = heapq.merge(*(self._occurrences[t] for t in first))
            numbers = list(itertools.islice(merged, limit)) if limit else list(merged)
        hits = tuple(Hit(self._paragraphs[n], self._briefings[n], query, also) for n in numbers[:limit])
        return Results(hits, total, query)

    def neighbour(
        self, query: Query, here: Position, step: int, briefing: str | None = None, variants: Variants | None = None
    ) -> Hit | None:
        """The matching paragraph nearest after ``here`` in reading order (``step`` 1), or before it (-1)."""
        if not query.text.strip() or query.error:
            return None
        text_ids, also = self._text_ids(query, variants)
        if briefing is not None:
            day = self._days.get(briefing)
            numbers: Iterable[int] = (n for n in day if self._text_of[n] in text_ids) if day is not None else ()
        elif self._days_in_order and sum(map(self._counts.__getitem__, text_ids)) > _WALK_DAYS_ABOVE:
            found = self._walk_days(text_ids, here, step)
            return Hit(self._paragraphs[found], self._briefings[found], query, also) if found is not None else None
        else:
            numbers = chain.from_iterable(self._occurrences[t] for t in text_ids)
        best: tuple[Position, int] | None = None
        for number in numbers:
            at = position_of(self._paragraphs[number], self._briefings[number])
            if (at > here if step > 0 else at < here) and (
                best is None or (at < best[0] if step > 0 else at > best[0])
            ):
                best = (at, number)
        if best is None:
            return None
        number = best[1]
        return Hit(self._paragraphs[number], self._briefings[number], query, also)

    def _walk_days(self, text_ids: set[int], here: Position, step: int) -> int | None:
        """The number of the first matching paragraph after ``here`` (or the last before it), day by day."""
        day_place = here[:3]
        if step > 0:
            start = bisect.bisect_left(self._day_places, day_place)
            days: Iterable[int] = range(start, len(self._day_places))
        else:
            days = range(bisect.bisect_right(self._day_places, day_place) - 1, -1, -1)
        for at in days:
            briefing = self.series.briefings[at]
            numbers = self._days[briefing.key]
            same = self._day_places[at] == day_place
            matching = [
                n
                for n in numbers
                if self._text_of[n] in text_ids
                and (
                    not same
                    or (self._paragraphs[n].index > here[3] if step > 0 else self._paragraphs[n].index < here[3])
                )
            ]
            if matching:
                return matching[0] if step > 0 else matching[-1]
        return None

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
        variants: Variants | None = None,
    ) -> None:
        """Index every series of ``corpus``, but take the index of a series from ``reuse`` (the same series
        object) or its word index from ``stored`` (by series name, from a cache that matched it). ``variants``
        are the spellings of surnames matched as one (see :func:`name_variants`)."""
        self.variants: Variants = variants or {}
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
        grown = SearchIndex(Corpus(()), variants=self.variants)
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
        results = [part.search(query, limit, briefing, self.variants) for part in self._every_part()]
        if len(results) == 1:
            return results[0]

        def order(hit: Hit) -> tuple[int, str, int, int]:
            b = hit.briefing
            return (-b.date.toordinal(), b.series, b.edition, hit.paragraph.index)

        merged = heapq.merge(*(r.hits for r in results), key=order)
        hits = tuple(itertools.islice(merged, limit)) if limit else tuple(merged)
        return Results(hits, sum(r.total for r in results), query)

    def neighbour(self, query: Query | str, here: Position, step: int, briefing: str | None = None) -> Hit | None:
        """The next matching paragraph after ``here`` in reading order, oldest day first, across series (``step``
        1), or the one before it (-1); None past the last (or first). ``briefing`` keeps to one day."""
        if isinstance(query, str):
            query = Query(query)
        found = [
            hit for part in self._every_part() if (hit := part.neighbour(query, here, step, briefing, self.variants))
        ]
        if not found:
            return None
        return (min if step > 0 else max)(found, key=lambda hit: hit.position)

    def day_hits(self, query: Query, briefing: str) -> Iterator[Hit]:
        """Every matching paragraph of one day, in the day's order."""
        hits = self.search(query, limit=None, briefing=briefing).hits
        return iter(sorted(hits, key=lambda hit: hit.paragraph.index))


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


def word_spans(text: str, query: Query, also: Iterable[str] = ()) -> tuple[tuple[int, int], ...]:
    """Where each of the query's words starts a word in ``text`` (the whole phrase, where it stands as typed);
    ``also``: other words to find the same way (the other spellings of a name)."""
    haystack = text if query.case else fold_keep_offsets(text)
    needles = [query.text.strip()] if query.case else [query.folded]
    terms = query.text.split() if query.case else query.terms
    if len(terms) > 1:
        needles += terms
    if not query.case:
        needles += also
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


def search_quotes(
    query: Query | str, quotes: Iterable[Quote], variants: Variants | None = None
) -> list[tuple[Quote, tuple[tuple[int, int], ...]]]:
    """Quotations whose words match, with the spans in the quotation's own text: the "one speaker" scope. An
    empty query matches every quotation (a speaker's quotes, listed)."""
    if isinstance(query, str):
        query = Query(query)
    if not query.text.strip():
        return [(quote, ()) for quote in quotes]
    if query.error:
        return []
    if query.regex:
        return [(quote, spans) for quote in quotes if (spans := regex_spans(quote.text, query))]
    terms = [
        expand(term, None if query.case else variants) for term in (query.text.split() if query.case else query.terms)
    ]
    also = tuple(word for spellings in terms for word in spellings[1:])
    found = []
    for quote in quotes:
        spans = word_spans(quote.text, query, also)
        if spans and _holds_every(quote.text, terms, query.case):
            found.append((quote, spans))
    return found


def _holds_every(text: str, terms: list[tuple[str, ...]], case: bool) -> bool:
    """Whether each term (by one of its spellings) starts a word of ``text``: every word, as the index asks."""
    if len(terms) < 2:
        return True
    haystack = text if case else fold_keep_offsets(text)
    return all(any(_starts_a_word(haystack, word) for word in spellings) for spellings in terms)


def _starts_a_word(haystack: str, needle: str) -> bool:
    at = haystack.find(needle)
    while at != -1:
        if _word_start(haystack, at):
            return True
        at = haystack.find(needle, at + 1)
    return False
