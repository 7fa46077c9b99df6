"""Every command is linear in its input: the work on a paragraph of N quotations, counted in words looked at (not
in seconds, which these machines make noisy), at most a little more than doubles when N doubles."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from crisisreader.diff import diff_series
from crisisreader.model import Corpus, Series
from crisisreader.parse import parse_text
from crisisreader.quotes import extract_briefing, tokens
from crisisreader.search import Query, SearchIndex
from crisisreader.speakers import Registry


class Counted(tuple):  # type: ignore[type-arg]
    """A tuple that counts each look at one of its items."""

    looks = 0

    def __getitem__(self, index: Any) -> Any:
        Counted.looks += 1
        return super().__getitem__(index)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> type[Counted]:
    real = tokens._read

    def read(text: str) -> tuple[Any, Any, Any]:
        raw, flags, low = real(text)
        return Counted(raw), Counted(flags), Counted(low)

    monkeypatch.setattr(tokens, "_read", read)
    Counted.looks = 0
    return Counted


PARAGRAPHS = {
    "no full stop": "word “q” ",
    "a speaker each": "Peskov said “we go on” and ",
    "cue after each": "“we go on,” the Kremlin said, according to a readout by the Kremlin and ",
    "pronouns": "he added “no” while they said “yes” as ",
}


@pytest.mark.parametrize("unit", PARAGRAPHS.values(), ids=PARAGRAPHS.keys())
def test_attribution_is_linear_in_the_quotations_of_a_paragraph(counted: type[Counted], unit: str) -> None:
    registry, _ = Registry.load(Path("/nonexistent/speakers.yaml"))
    looks = []
    for n in (500, 1000, 2000):
        [briefing], _ = parse_text(f" date 2024-01-01 {unit * n}\n", "x.txt", "s")
        counted.looks = 0
        found = extract_briefing(briefing, registry)
        assert len(found) >= n
        looks.append(counted.looks)
    assert looks[1] <= 2.2 * looks[0] and looks[2] <= 2.2 * looks[1], looks


def test_the_diff_and_the_index_are_linear_in_the_days(spy: Any) -> None:
    import crisisreader.diff.words as words

    compared = spy(words, "_measure")
    counts = []
    for days in (100, 200):
        briefings = []
        for n in range(days):
            text = (
                f" date {2000 + n // 365}-{n % 365 // 28 + 1:02d}-{n % 28 + 1:02d} Background that repeats.\n\n"
                f"Troops now number {1000 + n} on day {n}.\n\nHeading: What you need to know today\n\n"
                f"Item {n} of the day, new.\n"
            )
            briefings += parse_text(text, f"{n}.txt", "s")[0]
        compared.clear()
        series = Series("s", ".", tuple(sorted(briefings, key=lambda b: b.date)))
        diffs = diff_series(series)
        index = SearchIndex(Corpus((series,)))
        assert index.search(Query("troops"), limit=1).total == days
        assert len(diffs) == days
        counts.append(len(compared))
    assert counts[1] <= 2.2 * counts[0], counts


def test_windows_of_a_long_sentence_read_once_give_what_each_read_afresh_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sentence longer than two reaches is read in a window per quotation, and equal windows share one reading:
    what comes of it is what reading every window afresh gives, speakers and offsets alike, where the windows
    repeat (with white space that varies, names, pronouns that reach back) and where they do not."""
    from crisisreader.quotes import attribution, paragraph

    registry, _ = Registry.load(Path("/nonexistent/speakers.yaml"))
    filler = "then more words go on " * 20  # longer than a reach: who spoke before lies outside the window
    units = [
        *PARAGRAPHS.values(),
        f"Dmitry  Peskov told reporters “not now” {filler}",
        f"Dmitry Peskov told reporters “not now” {filler}",
        "“fine”,  he said, and ",
        f"Peskov said “a” {filler}and added “b” {filler}",
        f"Lavrov said “a” {filler}and added “b” {filler}",
    ]
    pieces = [*units, *random.Random(7).choices(units, k=400), *(f"item {k} “q{k}” " for k in range(60))]
    [briefing], _ = parse_text(f" date 2024-01-01 {''.join(pieces * 3)}\n", "x.txt", "s")
    shared = extract_briefing(briefing, registry)
    paragraph._forget()

    def afresh(t: Any, text: str, q: int, previous: Any, seen: Any) -> Any:
        return attribution._attribute(t, text, q, 0, len(t), previous)

    monkeypatch.setattr(paragraph, "_attribute_in_long", afresh)
    alone = extract_briefing(briefing, registry)
    paragraph._forget()
    assert len(shared) > 1000
    assert sum(q.speaker is not None for q in shared) > 300
    assert shared == alone
