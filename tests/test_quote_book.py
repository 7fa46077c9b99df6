"""The quotations kept as rows: made into Quote objects the same as before, counted and summarised without making
them, and stored rows checked before they are trusted."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from crisisreader.analysis import analyse
from crisisreader.load import load
from crisisreader.model import Corpus, Quote
from crisisreader.quotes import (
    extract_briefing,
    extract_corpus,
    filter_book,
    filter_quotes,
    summarize_said,
    summarize_speakers,
)
from crisisreader.quotes.book import QuoteBook, fits, make_quotes, to_rows
from crisisreader.speakers import Registry

if TYPE_CHECKING:
    from conftest import Spy

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load([SEEDS])


@pytest.fixture(scope="module")
def book(corpus: Corpus) -> QuoteBook:
    registry, _ = Registry.load(Path("/nonexistent/speakers.yaml"))
    return extract_corpus(corpus, registry)


def every(book: QuoteBook, corpus: Corpus) -> list[Quote]:
    return [q for b in corpus.briefings for q in book[b.key]]


def test_the_book_gives_what_one_briefing_at_a_time_gives(corpus: Corpus, book: QuoteBook) -> None:
    registry, _ = Registry.load(Path("/nonexistent/speakers.yaml"))
    one_by_one = {b.key: tuple(extract_briefing(b, registry)) for b in corpus.briefings}
    assert dict(book.items()) == one_by_one
    assert sum(len(found) for found in one_by_one.values()) == book.count() == 19 + book.count("term") == 21
    assert book.count("speech") == sum(q.kind == "speech" for q in every(book, corpus))


def test_rows_and_quotes_go_both_ways(corpus: Corpus, book: QuoteBook) -> None:
    for briefing in corpus.briefings:
        quotes = book[briefing.key]
        rows = to_rows(briefing, quotes)
        assert list(book.rows(briefing.key)) == rows
        assert make_quotes(briefing, rows) == quotes
        assert all(q.text == q_text(briefing, q) for q in quotes)


def q_text(briefing: object, quote: Quote) -> str:
    paragraph = next(p for p in briefing.paragraphs if p.id == quote.paragraph)  # type: ignore[attr-defined]
    return paragraph.text[quote.start : quote.end]


def test_terms_have_no_speaker_in_their_rows(write: Callable[..., Path]) -> None:
    path = write(
        "daily/2022-02-10.txt",
        " date 2022-02-10 Russia began drills dubbed “Allied Resolve” in Belarus, Peskov said.\n\n"
        "“We will win,” Zelenskiy said.\n",
    )
    corpus = load([path.parent])
    book = extract_corpus(corpus, Registry.load(Path("/nonexistent/speakers.yaml"))[0])
    [key] = list(book)
    kinds = [(row[6], row[3]) for row in book.rows(key)]
    assert kinds == [("term", None), ("speech", "Volodymyr Zelensky")]
    assert book.count("term") == 1 and book.count("speech") == 1 and book.count() == 2
    [term, speech] = book[key]
    assert (term.text, term.speaker, term.as_written, term.cue) == ("Allied Resolve", None, None, None)
    assert speech.as_written == "Zelenskiy" and speech.cue == "said"


def test_summary_from_rows_is_the_summary_from_quotes(corpus: Corpus, book: QuoteBook) -> None:
    keys = [b.key for b in corpus.briefings]
    assert summarize_said(book.said(keys)) == summarize_speakers(every(book, corpus))
    peskov = next(s for s in summarize_said(book.said()) if s.name == "Dmitry Peskov")
    assert peskov.count == 2 and peskov.aliases_seen


def test_quotes_by_speaker_makes_only_theirs(corpus: Corpus, book: QuoteBook) -> None:
    keys = [b.key for b in corpus.briefings]
    peskov = book.by_speaker("Dmitry Peskov", keys)
    assert len(peskov) == 2 and all(q.speaker == "Dmitry Peskov" and q.kind == "speech" for q in peskov)
    anyone = book.by_speaker(None, keys)
    assert anyone == [q for q in every(book, corpus) if q.kind == "speech" and q.speaker]
    assert book.by_speaker("Nobody Atall", keys) == []


def test_only_and_merge(corpus: Corpus, book: QuoteBook) -> None:
    first, second = (b.key for b in corpus.briefings)
    part = book.only([first, "no/such-day"])
    assert list(part) == [first] and part[first] == book[first]
    part.merge(book.only([second]))
    assert dict(part.items()) == dict(book.items())
    assert book.get("no/such-day", ()) == () and "no/such-day" not in book
    assert repr(book).startswith("QuoteBook(2 briefings, ")


def test_the_analysis_keeps_rows_and_counts_without_making_quotes(corpus: Corpus, spy: Spy) -> None:
    from crisisreader.quotes import book as book_module

    analysis = analyse(corpus)
    made = spy(book_module, "make_quotes")
    assert analysis.quotes.count("speech") == 19  # and the two "non-starters", terms
    assert [(s.name, s.count) for s in analysis.speakers()][:1] == [("Emmanuel Macron", 4)]
    assert "21 quotations" in repr(analysis)
    assert made == []
    assert len(analysis.quotes_by("Dmitry Peskov")) == 2 and sum(len(rows) for _, rows in made) == 2


@pytest.mark.parametrize(
    "change",
    [
        lambda row: (99, *row[1:]),  # no such paragraph
        lambda row: (-1, *row[1:]),
        lambda row: (row[0], row[1], 10**6, *row[3:]),  # past the paragraph's end
        lambda row: (row[0], row[2] + 1, row[2], *row[3:]),  # start after end
        lambda row: (*row[:6], "shout", *row[7:]),  # no such kind
        lambda row: (*row[:3], 7, *row[4:]),  # a speaker that is no name
        lambda row: (*row[:7], 1, row[8]),  # truncated that is no bool
        lambda row: row[:8],  # a field short
        lambda row: list(row),
    ],
)
def test_stored_rows_that_cannot_be_the_briefings_are_refused(corpus: Corpus, book: QuoteBook, change: object) -> None:
    briefing = next(b for b in corpus.briefings if book.rows(b.key))
    rows = list(book.rows(briefing.key))
    assert fits(briefing, rows)
    rows[0] = change(rows[0])  # type: ignore[operator]
    assert not fits(briefing, rows)
    assert not fits(briefing, "not rows")


def test_a_book_is_equal_to_a_plain_mapping_of_the_same_quotes(corpus: Corpus, book: QuoteBook) -> None:
    plain = {key: book[key] for key in book}
    assert book == plain
    other = dict(plain)
    first = next(key for key in other if other[key])
    other[first] = tuple(dataclasses.replace(q, speaker="Someone Else") for q in other[first])
    assert book != other


@pytest.mark.parametrize(
    "speaker, since, until",
    [
        (None, None, None),
        ("peskov", None, None),
        ("MACRON", None, None),
        ("zelensky", None, None),
        ("nobody", None, None),
        (None, "2022-02-08", None),
        (None, None, "2022-02-07"),
        ("macron", "2022-02-08", "2022-02-08"),
    ],
)
def test_filtering_the_rows_chooses_what_filtering_every_quote_does(
    corpus: Corpus, book: QuoteBook, speaker: str | None, since: str | None, until: str | None
) -> None:
    registry, _ = Registry.load(Path("/nonexistent/speakers.yaml"))
    first, last = (dt.date.fromisoformat(d) if d else None for d in (since, until))
    want = filter_quotes(every(book, corpus), registry, speaker, first, last)
    got = filter_book(book, corpus.briefings, registry, speaker, first, last)
    assert got == want
    if speaker == "peskov":
        assert len(got) == 2
