"""Full-text search over every paragraph: a folded word index, so a keystroke never scans the whole corpus.

Plain queries match at word starts, case-, accent- and quote-mark-insensitively ("peskov" finds "Peskov’s",
"nord str" finds "Nord Stream"); each word narrows the candidates through the index and the phrase is then
checked in the few candidate texts. Regular expressions scan every paragraph, as they must.
"""

from __future__ import annotations

import bisect
import heapq
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

from crisisreader.model import Briefing, Corpus, Paragraph, Quote
from crisisreader.text import fold_keep_offsets

_TOKEN = re.compile(r"\w+")
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


@dataclass(frozen=True, slots=True)
class Hit:
    """One paragraph that matches, with the spans of the matches in its text."""

    paragraph: Paragraph
    briefing: Briefing
    spans: tuple[tuple[int, int], ...]

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


class SearchIndex:
    """Every paragraph of a corpus, its folded words indexed; identical texts (repeated background) once."""

    def __init__(self, corpus: Corpus) -> None:
        self._paragraphs: list[Paragraph] = []
        self._briefings: list[Briefing] = []
        # Newest first is how results are read: a paragraph's rank sorts by date descending, then file order.
        self._rank: list[int] = []
        text_ids: dict[str, int] = {}
        self._texts: list[str] = []
        self._occurrences: list[list[int]] = []
        postings: dict[str, array[int]] = {}
        ordered = corpus.briefings
        count = len(ordered)
        for order, briefing in enumerate(ordered):
            for paragraph in briefing.paragraphs:
                number = len(self._paragraphs)
                self._paragraphs.append(paragraph)
                self._briefings.append(briefing)
                self._rank.append((count - order) * 4096 + paragraph.index)
                text_id = text_ids.get(paragraph.text)
                if text_id is None:
                    text_id = len(self._texts)
                    text_ids[paragraph.text] = text_id
                    self._texts.append(paragraph.text)
                    self._occurrences.append([number])
                    for token in set(_TOKEN.findall(fold_keep_offsets(paragraph.text))):
                        posting = postings.get(token)
                        if posting is None:
                            postings[token] = posting = array("I")
                        posting.append(text_id)
                else:
                    self._occurrences[text_id].append(number)
        self._vocabulary = sorted(postings)
        self._postings = postings

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

    def _exact_ids(self, word: str) -> set[int]:
        return set(self._postings.get(word, ()))

    def _candidates(self, terms: list[str]) -> set[int]:
        """Texts holding every term: whole words for all but the last, which may still be being typed."""
        if not terms:
            return set()
        # Start from the rarest term so the intersections stay small.
        sets = [self._exact_ids(t) if i < len(terms) - 1 else self._prefix_ids(t) for i, t in enumerate(terms)]
        sets.sort(key=len)
        result = sets[0]
        for other in sets[1:]:
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
        """Matching paragraphs, newest day first; ``briefing`` (a key) limits the search to one day."""
        if isinstance(query, str):
            query = Query(query)
        if not query.text.strip() or query.error:
            return Results((), 0, query)
        if query.regex:
            numbers = self._scan_regex(query, briefing)
            spans_of = regex_spans
        else:
            numbers = self._word_matches(query, briefing)
            spans_of = phrase_spans
        total = len(numbers)
        chosen = heapq.nsmallest(limit, numbers, key=self._rank.__getitem__) if limit else sorted(
            numbers, key=self._rank.__getitem__
        )
        hits = tuple(
            Hit(self._paragraphs[n], self._briefings[n], spans_of(self._paragraphs[n].text, query)) for n in chosen
        )
        return Results(hits, total, query)

    def _word_matches(self, query: Query, briefing: str | None) -> list[int]:
        numbers: list[int] = []
        for text_id in self._candidates(query.terms):
            text = self._texts[text_id]
            if not phrase_spans(text, query):
                continue
            for number in self._occurrences[text_id]:
                if briefing is None or self._briefings[number].key == briefing:
                    numbers.append(number)
        return numbers

    def _scan_regex(self, query: Query, briefing: str | None) -> list[int]:
        assert query.pattern is not None
        numbers: list[int] = []
        for text_id, text in enumerate(self._texts):
            if query.pattern.search(text) is None:
                continue
            for number in self._occurrences[text_id]:
                if briefing is None or self._briefings[number].key == briefing:
                    numbers.append(number)
        return numbers


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


def phrase_spans(text: str, query: Query) -> tuple[tuple[int, int], ...]:
    """Where the query's phrase starts a word in ``text`` (folded alike unless the query matches case)."""
    needle = query.text.strip() if query.case else query.folded
    if not needle:
        return ()
    haystack = text if query.case else fold_keep_offsets(text)
    if not query.case:
        haystack = re.sub(r"\s", " ", haystack)
    spans: list[tuple[int, int]] = []
    at = haystack.find(needle)
    while at != -1 and len(spans) < _MAX_SPANS:
        if _word_start(haystack, at):
            spans.append((at, at + len(needle)))
        at = haystack.find(needle, at + 1)
    return tuple(spans)


def search_quotes(query: Query | str, quotes: Iterable[Quote]) -> list[tuple[Quote, tuple[tuple[int, int], ...]]]:
    """Quotations whose words match, with the spans in the quotation's own text: the "one speaker" scope."""
    if isinstance(query, str):
        query = Query(query)
    found = []
    for quote in quotes:
        spans = regex_spans(quote.text, query) if query.regex else phrase_spans(quote.text, query)
        if spans:
            found.append((quote, spans))
    return found
