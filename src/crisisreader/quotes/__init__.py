"""Quotations in briefings and who said them: quotation marks paired (curly, straight, mixed, across paragraphs),
sentences split, speech cues found, and the speaker named as a careful reader would.

What needs no context is worked out once per distinct text: a paragraph's marks and sentences, and what each
sentence says of its quotations' speakers, since briefings repeat their background paragraphs day after day and
their sentences far more often than that. What needs context (pronouns, roles, names learnt earlier, a quotation
continued from the previous paragraph) is resolved per briefing.

Modules, in the order the work flows: ``marks`` (quotation marks paired), ``tokens`` (words and the lexicon of
``lexicon``), ``sentences`` (a paragraph cut into sentences), ``phrases`` (speaker phrases), ``subjects`` (the
subject of a cue, read leftward), ``stance`` (speakers named without a verb of speech: the owner of "Putin's
statement that", of a document; a headline that names no one), ``attribution`` (the speaker of one quotation as
its sentence says it), ``paragraph`` (a paragraph's sentences and attributions, kept by text), ``people``,
``fullnames`` and ``context`` (a briefing read in order), ``book`` (quotations kept as rows), ``report`` (JSON,
summaries, filters) and ``collector`` (the garbage collector held off during a corpus).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from crisisreader.model import Briefing, Corpus, Quote
from crisisreader.quotes.book import QuoteBook, make_quotes
from crisisreader.quotes.collector import collector_paused
from crisisreader.quotes.context import _Reader
from crisisreader.quotes.marks import find_spans
from crisisreader.quotes.paragraph import _forget
from crisisreader.quotes.report import (
    SpeakerSummary,
    chosen_rows,
    filter_book,
    filter_quotes,
    quote_to_json,
    summarize_said,
    summarize_speakers,
)
from crisisreader.speakers import Registry

__all__ = [
    "QuoteBook",
    "SpeakerSummary",
    "chosen_rows",
    "extract_briefing",
    "extract_briefings",
    "extract_corpus",
    "filter_book",
    "filter_quotes",
    "find_spans",
    "quote_to_json",
    "summarize_said",
    "summarize_speakers",
]


def extract_briefing(briefing: Briefing, registry: Registry) -> list[Quote]:
    """Every quotation of one briefing, in paragraph order, with its speaker. Names met in the text are learnt
    into ``registry``, so later briefings know that "Peskov" is Dmitry Peskov."""
    return list(make_quotes(briefing, _Reader(briefing, registry).read()))


def extract_corpus(corpus: Corpus, registry: Registry | None = None) -> QuoteBook:
    """Every briefing's quotations by briefing key (an empty tuple for a briefing without any), read oldest first so
    that names are learnt in the order a reader meets them."""
    if registry is None:
        registry, _ = Registry.load()
    return extract_briefings(corpus.briefings, registry)


def extract_briefings(
    briefings: Iterable[Briefing], registry: Registry, after: Callable[[Briefing], None] | None = None
) -> QuoteBook:
    """Every quotation of these briefings by briefing key, read in the order given (oldest first, so that the
    registry learns names in the order a reader meets them); ``after`` is told of each briefing once read."""
    book = QuoteBook()
    with collector_paused():
        for briefing in briefings:
            book.put(briefing, tuple(_Reader(briefing, registry).read()))
            if after is not None:
                after(briefing)
        _forget()
    return book
