"""Quotation extraction and attribution: the seed briefings against the gold, and a table of cases in the style
of news briefings (tests/fixtures/quote_cases.yaml)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from crisisreader.load import load
from crisisreader.model import Briefing, Paragraph, Quote
from crisisreader.quotes import (
    SpeakerSummary,
    extract_briefing,
    extract_corpus,
    filter_quotes,
    find_spans,
    quote_to_json,
    summarize_speakers,
)
from crisisreader.speakers import Registry

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
    speech = [q for q in got if q.kind == "speech"]
    assert [(q.text.strip(), q.speaker, q.as_written) for q in speech] == [
        (g["text"].strip(), g["speaker"], g["as_written"]) for g in day["quotes"]
    ]
    background = [q for q in speech if q.section == "background"]
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
    assert by_name["NATO and the U.S."].count == 2
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


# -- speed and layering ----------------------------------------------------------------------------------------


def test_attribution_is_fast(registry: Registry) -> None:
    """Attribution must not cost more than parsing: well under a millisecond a paragraph even without the cache."""
    import time

    texts = [case.get("text") or " ".join(case["paragraphs"]) for case in CASES]
    paragraphs = [f"{text} (copy {n})" for n in range(40) for text in texts]
    started = time.perf_counter()
    extract_briefing(briefing_of(paragraphs), registry)
    elapsed = time.perf_counter() - started
    assert elapsed / len(paragraphs) < 0.001


def test_core_never_imports_textual_or_rich() -> None:
    code = (
        "import sys, crisisreader.quotes, crisisreader.speakers;"
        "assert 'textual' not in sys.modules and 'rich' not in sys.modules, sorted(sys.modules)"
    )
    src = Path(__file__).parents[1] / "src"
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONPATH": str(src)})
