"""Quotation extraction and attribution: the seed briefings against the gold, and a table of cases in the style
of news briefings (tests/fixtures/quote_cases.yaml)."""

from __future__ import annotations

import datetime as dt
import gc
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from crisisreader.load import load
from crisisreader.model import Briefing, Paragraph, Quote
from crisisreader.quotes import (
    SpeakerSummary,
    extract_briefing,
    extract_corpus,
    filter_quotes,
    find_spans,
    marks,
    quote_to_json,
    sentences,
    summarize_speakers,
    tokens,
)
from crisisreader.quotes.collector import collector_paused
from crisisreader.quotes.lexicon import ENDER, MAYEND, QUOTE, _lexicon
from crisisreader.speakers import Registry

if TYPE_CHECKING:
    from conftest import Spy

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = Path(__file__).parents[1] / "seeds"
CASES: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "quote_cases.yaml").read_text(encoding="utf-8"))["cases"]
GOLD: dict[str, Any] = yaml.safe_load((FIXTURES / "gold_seeds.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    """The bundled registry alone: no user file can leak into a test."""
    loaded, problems = Registry.load(tmp_path / "none.yaml")
    assert problems == []
    return loaded


def briefing_of(paragraphs: list[str], date: dt.date = dt.date(2022, 2, 8), series: str = "cases") -> Briefing:
    key = f"{series}/{date.isoformat()}"
    items = tuple(Paragraph(f"{key}#{i}", text, "item", i, i) for i, text in enumerate(paragraphs, 1))
    return Briefing(series, date, f"{series}/{date.isoformat()}.txt", 1, None, (), items, None)


# -- the table of cases ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any], registry: Registry) -> None:
    paragraphs = case.get("paragraphs") or [case["text"]]
    quotes = extract_briefing(briefing_of(paragraphs), registry)
    got = [(q.text, q.speaker, q.kind) for q in quotes]
    want = [(w["text"], w.get("speaker"), w.get("kind", "speech")) for w in case["quotes"]]
    assert got == want
    for index, (quote, wanted) in enumerate(zip(quotes, case["quotes"], strict=True)):
        if "as_written" in wanted:
            assert quote.as_written == wanted["as_written"], quote
        if "cue" in wanted:
            assert quote.cue == wanted["cue"], quote
        assert quote.truncated == wanted.get("truncated", False), quote
        if wanted.get("same_group_as_previous"):
            assert quote.group == quotes[index - 1].group
        elif index:
            assert quote.group != quotes[index - 1].group
        paragraph = paragraphs[int(quote.paragraph.rpartition("#")[2]) - 1]
        assert paragraph[quote.start : quote.end] == quote.text


def test_the_table_is_large_and_covers_every_case() -> None:
    assert len(CASES) >= 60
    tags = [tag for case in CASES for tag in case.get("tags", [])]
    for tag in (
        "marks", "apostrophe", "paragraphs", "truncated", "cue-before", "cue-after", "apposition", "title", "body",
        "group", "who-speaks", "two", "pronoun", "continuation", "role", "transcript", "term", "sentences",
        "according", "statement", "single", "learning", "registry",
    ):  # fmt: skip
        assert tags.count(tag) >= 2, tag


# -- the seeds against the gold --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_quotes() -> dict[str, tuple[Quote, ...]]:
    corpus = load([SEEDS])
    registry, _ = Registry.load(Path("/nonexistent/speakers.yaml"))
    return extract_corpus(corpus, registry)


def _day_quotes(found: dict[str, tuple[Quote, ...]], date: str) -> list[Quote]:
    return [q for key, quotes in found.items() if key.endswith(date) for q in quotes]


@pytest.mark.parametrize("day", GOLD["days"], ids=[str(d["date"]) for d in GOLD["days"]])
def test_seed_quotes_match_gold(day: dict[str, Any], seed_quotes: dict[str, tuple[Quote, ...]]) -> None:
    got = _day_quotes(seed_quotes, str(day["date"]))
    assert [(q.text.strip(), q.speaker, q.as_written, q.kind) for q in got] == [
        (g["text"].strip(), g["speaker"], g["as_written"], g.get("kind", "speech")) for g in day["quotes"]
    ]
    background = [q for q in got if q.section == "background"]
    assert [q.text for q in background] == [g["text"] for g in day["quotes"] if g.get("in") == "background"]


def test_seed_filters(seed_quotes: dict[str, tuple[Quote, ...]]) -> None:
    every = [q for quotes in seed_quotes.values() for q in quotes]
    registry, _ = Registry.load(Path("/nonexistent/speakers.yaml"))
    zelensky = filter_quotes(every, registry, speaker="zelensky")
    assert [q.as_written for q in zelensky] == ["Zelenskiy"]
    assert len(filter_quotes(every, registry, speaker="PESKOV")) == 2
    assert len(filter_quotes(every, registry, speaker="Zelenskyy")) == 1
    assert len(filter_quotes(every, registry, speaker="macron")) == 4
    assert filter_quotes(every, registry, speaker="nobody at all") == []
    feb7 = filter_quotes(every, registry, since=dt.date(2022, 2, 7), until=dt.date(2022, 2, 7))
    assert {q.date for q in feb7} == {dt.date(2022, 2, 7)} and len(feb7) == 7


def test_every_briefing_is_present(seed_quotes: dict[str, tuple[Quote, ...]]) -> None:
    corpus = load([SEEDS])
    assert set(seed_quotes) == {b.key for b in corpus.briefings}
    empty = briefing_of(["No quotation here, only Ukraine’s and O’Brien’s apostrophes."])
    registry, _ = Registry.load(Path("/nonexistent/speakers.yaml"))
    assert extract_briefing(empty, registry) == []


def test_offsets_point_at_the_quoted_words(seed_quotes: dict[str, tuple[Quote, ...]]) -> None:
    corpus = load([SEEDS])
    for quotes in seed_quotes.values():
        for quote in quotes:
            paragraph = corpus.paragraph(quote.paragraph)
            assert paragraph is not None
            assert paragraph.text[quote.start : quote.end] == quote.text


def test_quote_to_json(seed_quotes: dict[str, tuple[Quote, ...]]) -> None:
    quote = next(q for q in _day_quotes(seed_quotes, "2022-02-08") if q.speaker == "Dmitry Peskov")
    data = quote_to_json(quote)
    assert data["date"] == "2022-02-08"
    assert data["speaker"] == "Dmitry Peskov"
    assert data["as_written"] == "Kremlin spokesman Dmitry Peskov"
    assert data["kind"] == "speech" and data["truncated"] is False
    assert data["cue"] == "said" and data["section"] == "item"
    assert set(data) >= {"series", "date", "path", "paragraph", "section", "text", "speaker", "as_written", "cue",
                         "kind", "truncated", "start", "end", "group"}  # fmt: skip


def test_summarize_speakers(seed_quotes: dict[str, tuple[Quote, ...]]) -> None:
    summaries = summarize_speakers(q for quotes in seed_quotes.values() for q in quotes)
    by_name = {s.name: s for s in summaries}
    assert summaries[0] == by_name["Emmanuel Macron"]
    assert by_name["Emmanuel Macron"].count == 4
    assert by_name["Joe Biden"].count == 3
    assert set(by_name["Joe Biden"].aliases_seen) == {"U.S. President Joe Biden", "Biden"}
    peskov = by_name["Dmitry Peskov"]
    assert (peskov.first, peskov.last) == (dt.date(2022, 2, 7), dt.date(2022, 2, 8))
    assert peskov.role == "Kremlin spokesman"
    assert "NATO and the U.S." not in by_name  # a term they used ("non-starters"), not words they said
    counts = [s.count for s in summaries]
    assert counts == sorted(counts, reverse=True)
    assert isinstance(summaries[0], SpeakerSummary)


def test_summary_counts_a_continued_quotation_once(registry: Registry) -> None:
    paragraphs = ["Scholz said: “Germany stands by its allies.", "“We are ready,” he added."]
    quotes = extract_briefing(briefing_of(paragraphs), registry)
    assert len(quotes) == 2
    assert summarize_speakers(quotes)[0].count == 1


# -- marks -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine’s army and O’Brien’s team wouldn't say; the allies’ plan isn’t ready.",
        "Rock ’n’ roll in the ’90s was Kyiv's.",
        "",
        "No marks at all.",
    ],
)
def test_apostrophes_make_no_quotation(text: str) -> None:
    assert find_spans(text) == []


def test_stray_marks_do_not_crash(registry: Registry) -> None:
    for text in ['"', "” ”", "“", 'a " b', "“”", "“ ”", "x” y “", "‘", "'"]:
        extract_briefing(briefing_of([text]), registry)


# -- shortcuts agree with the rules they stand for -------------------------------------------------------------

_MARKS_AND_WORDS = st.text(alphabet=list("\"“”„«»‘’' aA.,:;(-—…\n"), max_size=18)
# Words that end sentences, or look as if they might, and words that start them; masks stand for quotations.
_WORDS = st.sampled_from(
    ["U.S.", "u.s.", "Gen.", "R.", "a.m.", "Lt.-Gen.", "3.5", ".", "..", "!", "?", "…", ")", "]", "(", "“", '"', "'",
     "The", "the", "He", "But", "Peskov", "said", ",", ":", "—", "\x00", "\x01", "Ukraine’s", "x.Y", "e.g.", "U.S.The"]
)  # fmt: skip
_GAPS = st.sampled_from(["", " ", " ", "  ", "\n"])
_PIECES = st.lists(st.tuples(_WORDS, _GAPS), max_size=14)


def _joined(pieces: list[tuple[str, str]]) -> str:
    return "".join(word + gap for word, gap in pieces)


@given(_MARKS_AND_WORDS)
def test_plain_pairs_are_paired_as_mark_by_mark(text: str) -> None:
    """The common case taken whole by one regular expression pairs as the marks taken one by one would."""
    expected = marks._pair_double(text) if marks._DOUBLE_MARK.search(text) else []
    if "'" in text or "\u2018" in text:
        expected = marks._add_single(text, expected)
    assert find_spans(text) == expected


@given(_PIECES)
def test_text_cut_after_white_space_reads_into_the_same_words(pieces: list[tuple[str, str]]) -> None:
    text = _joined(pieces)
    whole = tokens._read(text)
    for cut in range(1, len(text)):
        if text[cut - 1].isspace():
            head, tail = tokens._read(text[:cut]), tokens._read(text[cut:])
            assert tuple(a + b for a, b in zip(head, tail, strict=True)) == whole


def _cut_word_by_word(skeleton: str, stops: list[bool]) -> tuple[list[int], set[int]]:
    """The sentence rules applied to the whole text's words one by one: where each sentence starts, and which
    sentences end after a quotation ending in a full stop."""
    raw, flags, low = tokens._read(skeleton)
    words = tokens._Tokens(skeleton, raw, flags, low)
    n = len(raw)
    cuts: list[int] = []
    soft: set[int] = set()
    quote = -1
    for k in range(n):
        flag = flags[k]
        if not flag & (ENDER | MAYEND | QUOTE):
            continue
        quote += bool(flag & QUOTE)
        nxt = k + 1
        if nxt >= n:
            continue
        if flag & ENDER:
            if flags[nxt] & ENDER:
                continue
            if raw[nxt] in (")", "]") and nxt + 1 < n:
                nxt += 1
            first = raw[nxt][0]
            if first.isupper() or first.isdigit() or flags[nxt] & QUOTE or first in "([“\"‘'":
                cuts.append(nxt)
        elif flag & QUOTE:
            if quote < len(stops) and stops[quote] and (raw[nxt][0].isupper() or flags[nxt] & QUOTE):
                soft.add(len(cuts))
                cuts.append(nxt)
        elif raw[nxt][0].isupper() and low[nxt] in _lexicon().starters:
            cuts.append(nxt)
    starts = [words.start[k] for k in [0, *cuts]] if n else [len(skeleton)]
    return starts, soft


@settings(max_examples=600)
@given(_PIECES, st.lists(st.booleans(), max_size=8))
def test_sentences_are_cut_as_the_words_one_by_one_say(pieces: list[tuple[str, str]], stops: list[bool]) -> None:
    skeleton = _joined(pieces)
    cut = sentences._Cut(skeleton, stops)
    assert (cut.starts, cut.soft) == _cut_word_by_word(skeleton, stops)


def test_the_collector_is_held_off_while_any_corpus_is_read() -> None:
    was_enabled = gc.isenabled()
    try:
        gc.enable()
        with collector_paused():
            assert not gc.isenabled()
            with collector_paused():
                assert not gc.isenabled()
            assert not gc.isenabled()
        assert gc.isenabled()
        gc.disable()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # left as it was found
    finally:
        (gc.enable if was_enabled else gc.disable)()


# -- speed and layering ----------------------------------------------------------------------------------------


def test_a_paragraph_repeated_is_read_once(registry: Registry, spy: Spy) -> None:
    """Briefings repeat their background day after day: each distinct paragraph's marks and sentences are worked
    out once, and the repeats get the same quotations (how attribution keeps pace with parsing; the benchmark
    measures the speed, no test times it)."""
    from crisisreader.quotes import paragraph as paragraph_module

    texts = [case.get("text") or " ".join(case["paragraphs"]) for case in CASES]
    read = spy(paragraph_module, "find_spans")
    paragraph_module._forget()
    thrice = extract_briefing(briefing_of(texts * 3), registry)
    assert sorted(text for (text,) in read) == sorted(set(texts))
    paragraph_module._forget()
    once = extract_briefing(briefing_of(texts), registry)
    assert len(thrice) == 3 * len(once)
    assert [(q.text, q.speaker) for q in thrice[: len(once)]] == [(q.text, q.speaker) for q in once]


def test_core_never_imports_textual_or_rich() -> None:
    code = (
        "import sys, crisisreader.quotes, crisisreader.speakers;"
        "assert 'textual' not in sys.modules and 'rich' not in sys.modules, sorted(sys.modules)"
    )
    src = Path(__file__).parents[1] / "src"
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONPATH": str(src)})
