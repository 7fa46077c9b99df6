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


def test_every_word_is_a_word_start(write: Write, tmp_path: Path) -> None:
    write("s/a.txt", " date 2022-03-01 More troops reached the border.\n\n Talks went on.\n")
    index = SearchIndex(load([tmp_path / "s"]))
    assert index.search("troop").total == 1
    assert index.search("troop bord").total == 1  # not only the last word being typed
    assert index.search("roops").total == 0


def test_registry_spellings_of_a_surname_are_one(write: Write, tmp_path: Path) -> None:
    from crisisreader.search import name_variants
    from crisisreader.speakers import Registry

    write(
        "s/a.txt",
        " date 2022-03-01 Zelenskiy spoke.\n\n Later Zelenskyy's office said more.\n\n"
        " Selenskyj, in German.\n\n Olena Zelenska travelled.\n\n Nothing here.\n",
    )
    registry, _ = Registry.load()
    variants = name_variants(registry.speakers())
    assert "zelenskiy" in variants["zelensky"] and "zelensky" in variants["zelenskiy"]
    assert "kremlin" not in variants  # a body, and no title words
    index = SearchIndex(load([tmp_path / "s"]), variants=variants)
    results = index.search("zelensky")
    assert results.total == 3
    for hit in results.hits:
        start, end = hit.spans[0]
        assert hit.paragraph.text[start:end].lower().startswith(("zelensk", "selensk"))
    assert index.search("zelenskiy").total == 3  # from any spelling
    assert index.search("zelensky spoke").total == 1
    # Without the registry, one spelling ("Zelenskyy's" begins with "zelensky").
    assert SearchIndex(load([tmp_path / "s"])).search("zelensky").total == 1
    assert SearchIndex(load([tmp_path / "s"])).search("zelenskiy").total == 1
    # Case-sensitive search is as typed.
    assert index.search(Query("Zelenskiy", case=True)).total == 1


@pytest.mark.parametrize("walk_days_above", [0, 10**9])  # day by day from here, and every occurrence placed
def test_the_neighbouring_hit_in_reading_order(
    write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, walk_days_above: int
) -> None:
    monkeypatch.setattr("crisisreader.search._WALK_DAYS_ABOVE", walk_days_above)
    write("alpha/a.txt", " date 2022-03-01 Gas one.\n\n Gas two.\n\n Oil.\n\n date 2022-03-03 Gas four.\n")
    write("beta/b.txt", " date 2022-03-02 Gas three.\n")
    index = SearchIndex(load([tmp_path / "alpha", tmp_path / "beta"]))
    first = index.neighbour("gas", (0, "", 0, -1), 1)  # from before the first day
    assert first is not None and first.paragraph.text == "Gas one."
    seen = [first.paragraph.text]
    here = first.position
    while (hit := index.neighbour("gas", here, 1)) is not None:
        seen.append(hit.paragraph.text)
        here = hit.position
    assert seen == ["Gas one.", "Gas two.", "Gas three.", "Gas four."]
    back = index.neighbour("gas", here, -1)
    assert back is not None and back.paragraph.text == "Gas three."
    assert index.neighbour("gas", first.position, -1) is None
    # Kept to one day.
    assert index.neighbour("gas", first.position, 1, briefing="alpha/2022-03-01") is not None
    two = index.neighbour("gas", first.position, 1, briefing="alpha/2022-03-01")
    assert two is not None and index.neighbour("gas", two.position, 1, briefing="alpha/2022-03-01") is None
    assert [h.paragraph.text for h in index.day_hits(Query("gas"), "alpha/2022-03-01")] == ["Gas one.", "Gas two."]


def test_an_empty_query_lists_every_quotation_and_words_must_all_match(seeds: Path) -> None:
    corpus = load([seeds])
    paragraph = corpus.briefings[0].items[0]
    quote = Quote(paragraph.id, "seeds", corpus.briefings[0].date, "p", "item", "the chance of finding", 0, 21,
                  "Mykhailo Podolyak", "Podolyak", "said", "speech")  # fmt: skip
    assert search_quotes("", [quote]) == [(quote, ())]
    assert search_quotes("chance find", [quote])
    assert search_quotes("chance missing", [quote]) == []
    assert search_quotes(Query("(", regex=True), [quote]) == []
