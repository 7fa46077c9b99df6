"""Search: word starts, folding of case, accents and quote marks, phrases, regex, scope, order."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from crisisreader.load import load
from crisisreader.model import Quote
from crisisreader.search import Query, SearchIndex, search_quotes

Write = Callable[..., Path]


@pytest.fixture
def index(seeds: Path) -> SearchIndex:
    return SearchIndex(load([seeds]))


def test_a_word_is_found_with_its_span(index: SearchIndex) -> None:
    results = index.search("morrison")
    assert results.total == 1
    [hit] = results.hits
    assert hit.paragraph.id == "seeds/2022-02-07#10"
    start, end = hit.spans[0]
    assert hit.paragraph.text[start:end] == "Morrison"


def test_prefix_while_typing_and_phrases(index: SearchIndex) -> None:
    assert index.search("pes").total == 2  # Peskov, both days
    assert index.search("nord str").total == 1
    assert index.search("stream nord").total == 1  # every word, in any order
    assert index.search("nord macron").total == 0
    assert index.search("eskov").total == 0  # inside a word is not a word start


def test_case_accents_and_quote_marks_fold(index: SearchIndex) -> None:
    straight = index.search("UKRAINE'S")
    curly = index.search("ukraine’s")
    assert straight.total == curly.total == 3
    assert index.search("“non-starters").total == 2


def test_repeated_background_is_found_on_every_day_newest_first(index: SearchIndex) -> None:
    results = index.search("high-stakes")
    assert [hit.briefing.date.isoformat() for hit in results.hits] == ["2022-02-08", "2022-02-07"]


def test_case_sensitive_and_regex(index: SearchIndex) -> None:
    assert index.search(Query("peskov", case=True)).total == 0
    assert index.search(Query("Peskov", case=True)).total == 2
    regex = index.search(Query(r"\b1\d0,000\b", regex=True))
    assert regex.total == 2
    assert index.search(Query("(unclosed", regex=True)).total == 0
    assert Query("(unclosed", regex=True).error


def test_this_day_scope(index: SearchIndex) -> None:
    assert index.search("macron", briefing="seeds/2022-02-07").total == 2
    assert index.search("macron", briefing="seeds/2022-02-08").total == 2


def test_limit_keeps_the_total(index: SearchIndex) -> None:
    results = index.search("the", limit=3)
    assert len(results.hits) == 3 and results.total > 3


def test_accented_text(write: Write, tmp_path: Path) -> None:
    write("s/a.txt", " date 2022-03-01 Le président Macron a parlé à Kyïv.\n")
    index = SearchIndex(load([tmp_path / "s"]))
    [hit] = index.search("kyiv").hits
    start, end = hit.spans[0]
    assert hit.paragraph.text[start:end] == "Kyïv"
    assert index.search("president").total == 1


def test_snippet_keeps_the_match_in_view(index: SearchIndex) -> None:
    [hit] = index.search("crossfire").hits
    snippet, spans = hit.snippet(60)
    assert len(snippet) <= 62
    start, end = spans[0]
    assert snippet[start:end] == "crossfire"


def test_search_quotes_scope(seeds: Path) -> None:
    corpus = load([seeds])
    paragraph = corpus.briefings[0].items[0]
    quote = Quote(paragraph.id, "seeds", corpus.briefings[0].date, "p", "item", "the chance of finding", 0, 21,
                  "Mykhailo Podolyak", "Podolyak", "said", "speech")  # fmt: skip
    [(found, spans)] = search_quotes("finding", [quote])
    assert found is quote and spans == ((14, 21),)
    assert search_quotes("missing", [quote]) == []


def test_several_series_merge_newest_first(write: Write, tmp_path: Path) -> None:
    write("alpha/a.txt", " date 2022-03-01 Peskov said one thing.\n\n date 2022-03-03 Peskov said a third.\n")
    write("beta/b.txt", " date 2022-03-02 Peskov said another.\n")
    index = SearchIndex(load([tmp_path / "alpha", tmp_path / "beta"]))
    results = index.search("peskov")
    assert results.total == 3
    assert [(h.briefing.series, h.briefing.date.isoformat()) for h in results.hits] == [
        ("alpha", "2022-03-03"),
        ("beta", "2022-03-02"),
        ("alpha", "2022-03-01"),
    ]
    assert index.search("peskov", briefing="beta/2022-03-02").total == 1
