"""The day-over-day diff: the gold seeds pair, hand-written briefings for each kind of change, and a long series."""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisisreader.diff import (
    DEFAULT_THRESHOLD,
    Change,
    DayDiff,
    ParagraphDiff,
    diff_briefings,
    diff_days,
    diff_series,
    new_since,
    similarity,
    split_headless,
    word_changes,
)
from crisisreader.load import load
from crisisreader.model import Briefing, Paragraph, Series
from crisisreader.parse import parse_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "diff"


def series_of(name: str) -> Series:
    corpus = load([FIXTURES / name])
    assert not corpus.problems, corpus.problems
    (series,) = corpus.series
    return series


def last_diff(name: str, threshold: float = DEFAULT_THRESHOLD) -> DayDiff:
    return diff_series(series_of(name), threshold)[-1]


def counts(diff: DayDiff) -> tuple[dict[str, int], dict[str, int]]:
    data = diff.to_json()
    background, items = data["background"], data["items"]
    assert isinstance(background, dict) and isinstance(items, dict)
    return background, items


def edits(paragraph: ParagraphDiff) -> list[tuple[str, str, str]]:
    return [(c.op, c.old, c.new) for c in paragraph.changes if c.op != "equal"]


def by_status(diff: DayDiff, status: str) -> list[ParagraphDiff]:
    return [p for p in diff.paragraphs if p.status == status]


# --- the seeds --------------------------------------------------------------------------------------------------


def test_seeds_gold(seeds: Path, gold: dict[str, Any]) -> None:
    (series,) = load([seeds]).series
    want = gold["diff"]
    diff = next(d for d in diff_series(series) if d.target.date == want["to"])
    assert diff.base is not None and diff.base.date == want["from"]
    background, items = counts(diff)
    assert background == want["background"]
    assert {k: items[k] for k in want["items"]} == want["items"]
    assert items["edited"] == 0
    assert diff.summary() == "3 background paragraphs unchanged since 2022-02-07"


def test_seeds_first_day_is_all_new(seeds: Path) -> None:
    (series,) = load([seeds]).series
    first = diff_series(series)[0]
    assert first.base is None
    assert {p.status for p in first.paragraphs} == {"new"}
    assert first.to_json()["from"] is None


def test_unrelated_seed_paragraphs_stay_far_below_the_threshold(seeds: Path) -> None:
    (series,) = load([seeds]).series
    paragraphs = [p for b in series.briefings for p in b.paragraphs]
    scores = [
        similarity(a.text, b.text) for i, a in enumerate(paragraphs) for b in paragraphs[i + 1 :] if a.text != b.text
    ]
    assert max(scores) < 0.4 < DEFAULT_THRESHOLD


# --- one kind of change at a time -------------------------------------------------------------------------------


def test_figure_changed_in_background() -> None:
    diff = last_diff("figure")
    assert counts(diff) == (
        {"repeated": 2, "edited": 1, "new": 0, "dropped": 0},
        {"new": 2, "carried_over": 0, "edited": 0},
    )
    (edited,) = by_status(diff, "edited")
    assert edited.id == "figure/2022-02-08#2"
    assert edited.previous == "figure/2022-02-07#2"
    assert edits(edited) == [("replace", "100,000", "140,000")]
    assert DEFAULT_THRESHOLD <= edited.similarity < 1.0
    # Equal runs are kept so that the reader can print the paragraph inline with the change marked.
    assert " ".join(c.new for c in edited.changes if c.new) == edited.text
    assert diff.summary() == "2 unchanged, 1 edited: 100,000 -> 140,000 since 2022-02-07"


def test_paragraph_split_in_two_with_a_change() -> None:
    diff = last_diff("split")
    background, _ = counts(diff)
    assert background == {"repeated": 1, "edited": 2, "new": 0, "dropped": 0}
    first, second = by_status(diff, "edited")
    assert first.previous == second.previous == "split/2022-03-01#2"
    # The words that went to the other part are not reported as deleted.
    assert edits(first) == []
    assert edits(second) == [("replace", "100,000", "150,000")]
    assert second.changes[0].op == "equal" and second.changes[0].new.startswith("Moscow has amassed")


def test_sentence_appended() -> None:
    diff = last_diff("appended")
    background, _ = counts(diff)
    assert background == {"repeated": 1, "edited": 1, "new": 0, "dropped": 0}
    (edited,) = by_status(diff, "edited")
    assert edits(edited) == [("insert", "", "Moscow said this was unacceptable and awaited written responses.")]
    assert edited.similarity >= DEFAULT_THRESHOLD


def test_reordered_paragraphs_are_repeated_not_dropped_and_new() -> None:
    diff = last_diff("reordered")
    assert counts(diff) == (
        {"repeated": 3, "edited": 0, "new": 0, "dropped": 0},
        {"new": 1, "carried_over": 2, "edited": 0},
    )
    moved = diff.status_of("reordered/2022-03-02#1")
    assert moved is not None and moved.previous == "reordered/2022-03-01#3"


def test_two_paragraphs_merged_into_one() -> None:
    diff = last_diff("merge")
    background, _ = counts(diff)
    assert background == {"repeated": 1, "edited": 1, "new": 0, "dropped": 0}
    (merged,) = by_status(diff, "edited")
    assert merged.sources == ("merge/2022-03-01#1", "merge/2022-03-01#2")
    assert edits(merged) == [("replace", "100,000", "130,000")]


def test_quote_marks_and_white_space_are_folded() -> None:
    background, _ = counts(last_diff("quotes"))
    assert background == {"repeated": 2, "edited": 0, "new": 0, "dropped": 0}


def test_background_repeated_after_the_heading() -> None:
    days = diff_series(series_of("background_as_items"))
    # The day repeats its whole background as items: the background is repeated, the items carried over.
    assert counts(days[1]) == (
        {"repeated": 3, "edited": 0, "new": 0, "dropped": 0},
        {"new": 1, "carried_over": 3, "edited": 0},
    )
    # A day with the heading first says the old background as items: carried over, and nothing dropped.
    assert counts(days[2]) == (
        {"repeated": 0, "edited": 0, "new": 0, "dropped": 0},
        {"new": 1, "carried_over": 3, "edited": 0},
    )
    assert days[2].summary() == "no background"


def test_own_background_repeated_as_items_without_a_base() -> None:
    briefing = series_of("background_as_items").briefings[1]
    diff = diff_briefings(None, briefing)
    assert counts(diff)[1] == {"new": 1, "carried_over": 3, "edited": 0}
    carried = by_status(diff, "carried_over")
    assert [p.previous for p in carried] == [p.id for p in briefing.background]


def test_item_repeated_from_three_days_before() -> None:
    series = series_of("three_days")
    diff = diff_series(series)[-1]
    assert counts(diff)[1] == {"new": 1, "carried_over": 1, "edited": 1}
    (carried,) = by_status(diff, "carried_over")
    assert carried.previous == "three_days/2022-04-01#2"
    (edited,) = by_status(diff, "edited")
    assert edited.previous == "three_days/2022-04-01#3"
    assert edits(edited) == [("replace", "two", "2.5")]
    # The same answer from diff_briefings given the earlier briefings.
    *earlier, base, target = series.briefings
    again = diff_briefings(base, target, earlier)
    assert [(p.id, p.status, p.previous) for p in again.paragraphs] == [
        (p.id, p.status, p.previous) for p in diff.paragraphs
    ]
    # Without them, the repeats look new.
    assert counts(diff_briefings(base, target))[1] == {"new": 3, "carried_over": 0, "edited": 0}


def test_series_without_headings() -> None:
    path = FIXTURES / "headless" / "briefings.txt"
    raw, problems = parse_text(path.read_text(encoding="utf-8"), str(path), "headless")
    assert not problems and all(b.heading is None and not b.background for b in raw)
    split = split_headless(raw)
    assert split[0].background == ()
    assert [p.id for p in split[1].background] == ["headless/2022-05-02#1", "headless/2022-05-02#2"]
    assert [p.id for p in split[1].items] == ["headless/2022-05-02#3"]
    assert {p.section for p in split[1].background} == {"background"}
    assert [p.id for p in split[2].background] == ["headless/2022-05-03#1", "headless/2022-05-03#2"]
    # Ids, texts and indexes are those of the parser.
    assert sorted((p.id, p.text, p.index) for p in split[2].paragraphs) == sorted(
        (p.id, p.text, p.index) for p in raw[2].paragraphs
    )
    days = diff_series(Series("headless", "", split))
    assert counts(days[1]) == (
        {"repeated": 1, "edited": 1, "new": 0, "dropped": 0},
        {"new": 1, "carried_over": 0, "edited": 0},
    )
    assert days[1].summary() == "1 unchanged, 1 edited: 100,000 -> 120,000 since 2022-05-01"
    assert counts(days[2]) == (
        {"repeated": 2, "edited": 0, "new": 0, "dropped": 0},
        {"new": 2, "carried_over": 0, "edited": 0},
    )


def test_split_headless_leaves_briefings_with_a_heading_alone(seeds: Path) -> None:
    (series,) = load([seeds]).series
    split = split_headless(series.briefings)
    assert all(a is b for a, b in zip(split, series.briefings, strict=True))


def test_load_splits_headless_series() -> None:
    series = series_of("headless")
    assert [len(b.background) for b in series.briefings] == [0, 2, 2]
    assert split_headless(series.briefings) == series.briefings


# --- thresholds, bases, "new since" -----------------------------------------------------------------------------


def test_threshold_moves_the_line_between_edited_and_new() -> None:
    strict = last_diff("figure", threshold=0.99)
    assert counts(strict)[0] == {"repeated": 2, "edited": 0, "new": 1, "dropped": 1}
    (dropped,) = by_status(strict, "dropped")
    assert dropped.id == "figure/2022-02-07#2" and dropped.section == "background"
    old = "Moscow has amassed some 100,000 troops close to the border with Ukraine and in annexed Crimea."
    new = "Moscow has now gathered about 130,000 soldiers near the frontier with Ukraine and in annexed Crimea."
    assert 0.4 < similarity(old, new) < DEFAULT_THRESHOLD
    base, target = _pair(old, new)
    assert diff_briefings(base, target).count("background", "new") == 1
    assert diff_briefings(base, target, threshold=0.4).count("background", "edited") == 1


def test_threshold_must_be_a_share() -> None:
    with pytest.raises(ValueError):
        diff_series(series_of("figure"), threshold=0)
    with pytest.raises(ValueError):
        diff_briefings(None, series_of("figure").briefings[0], threshold=1.5)


def test_any_two_briefings_with_a_chosen_base() -> None:
    series = series_of("three_days")
    first, _, _, last = series.briefings
    diff = diff_days(series, first, last)
    assert diff.base is first
    assert counts(diff) == (
        {"repeated": 1, "edited": 0, "new": 0, "dropped": 0},
        {"new": 1, "carried_over": 1, "edited": 1},
    )
    assert by_status(diff, "carried_over")[0].previous == "three_days/2022-04-01#2"


def test_new_since() -> None:
    series = series_of("three_days")
    fresh = new_since(series, dt.date(2022, 4, 2))
    assert [p.id for p in fresh] == ["three_days/2022-04-02#2", "three_days/2022-04-03#2", "three_days/2022-04-04#4"]
    # From the first day on, everything is new once; the background repeated each day is given once.
    everything = new_since(series, dt.date(2022, 4, 1))
    assert [p.id for p in everything][:3] == [
        "three_days/2022-04-01#1",
        "three_days/2022-04-01#2",
        "three_days/2022-04-01#3",
    ]
    assert "three_days/2022-04-02#1" not in {p.id for p in everything}


# --- the JSON form and the DayDiff helpers ----------------------------------------------------------------------


def test_json_form() -> None:
    diff = last_diff("figure", threshold=0.99)
    data = diff.to_json()
    assert data["series"] == "figure"
    assert data["from"] == "2022-02-07" and data["to"] == "2022-02-08"
    assert set(data) >= {"series", "from", "to", "background", "items", "paragraphs"}
    background, items = counts(diff)
    assert set(background) == {"repeated", "edited", "new", "dropped"}
    assert set(items) == {"new", "carried_over", "edited"}
    paragraphs = data["paragraphs"]
    assert isinstance(paragraphs, list)
    for entry in paragraphs:
        assert set(entry) >= {"id", "section", "status", "text", "previous", "similarity", "changes"}
    dropped = [e for e in paragraphs if e["status"] == "dropped"]
    assert [e["id"] for e in dropped] == ["figure/2022-02-07#2"]
    edited = last_diff("figure").to_json()["paragraphs"]
    assert isinstance(edited, list)
    changes = next(e["changes"] for e in edited if e["status"] == "edited")
    assert {"op": "replace", "old": "100,000", "new": "140,000"} in changes


def test_count_and_status_of() -> None:
    diff = last_diff("figure")
    assert diff.count("background", "repeated") == 2
    assert diff.count("item", "new") == 2
    assert diff.count("item", "dropped") == 0
    found = diff.status_of("figure/2022-02-08#2")
    assert found is not None and found.status == "edited"
    assert diff.status_of("figure/1999-01-01#1") is None


def test_summary_lines() -> None:
    first = diff_series(series_of("figure"))[0]
    assert first.summary() == "3 background paragraphs, no earlier briefing"
    assert last_diff("split").summary() == "1 unchanged, 2 edited: 100,000 -> 150,000 since 2022-03-01"
    assert last_diff("figure", threshold=0.99).summary() == "2 unchanged, 1 new, 1 dropped since 2022-02-07"


# --- word changes -----------------------------------------------------------------------------------------------


def test_word_changes_keep_words_as_written() -> None:
    changes = word_changes("They called it “non-starters,” on Monday.", 'They called it "non-starters," on Tuesday.')
    assert changes == (
        Change("equal", "They called it “non-starters,” on", 'They called it "non-starters," on'),
        Change("replace", "Monday.", "Tuesday."),
    )
    assert word_changes("a b", "a b") == (Change("equal", "a b", "a b"),)
    assert word_changes("", "a") == (Change("insert", "", "a"),)


@given(
    st.lists(st.sampled_from(["Kyiv", "kyiv", "said", "“no”", '"no"', "troops,", "100,000"]), max_size=12),
    st.lists(st.sampled_from(["Kyiv", "said", "“no”", "troops,", "140,000", "Crimea."]), max_size=12),
)
def test_word_changes_rebuild_both_texts(old: list[str], new: list[str]) -> None:
    changes = word_changes(" ".join(old), " ".join(new))
    assert " ".join(c.old for c in changes if c.old).split() == old
    assert " ".join(c.new for c in changes if c.new).split() == new
    assert all(c.op in ("equal", "delete", "insert", "replace") for c in changes)


def test_containment_keeps_a_trimmed_paragraph_edited() -> None:
    long = (
        "Russia wants the Western alliance to pull back its forces to where they were in 1997. "
        "Moscow has amassed some 100,000 troops close to the border with Ukraine and in annexed Crimea. "
        "Its announcement of surprise military exercises with neighboring Belarus has fueled tensions further."
    )
    short = "Moscow has amassed some 100,000 troops close to the border with Ukraine and in annexed Crimea."
    assert similarity(long, short) == 1.0
    assert similarity(short, "Putin said on Monday that there was no alternative to the Minsk Accords.") < 0.3


# --- a long series ----------------------------------------------------------------------------------------------


def _pair(old: str, new: str) -> tuple[Briefing, Briefing]:
    def briefing(day: int, text: str) -> Briefing:
        date = dt.date(2022, 1, day)
        paragraph = Paragraph(f"pair/{date.isoformat()}#1", text, "background", 2, 1)
        return Briefing("pair", date, "pair.txt", 1, "What you need to know", (paragraph,), (), None)

    return briefing(1, old), briefing(2, new)


def _synthetic_series(days: int, seed: int = 20220207) -> tuple[Series, dict[str, int]]:
    """A series of ``days`` briefings of 3 background paragraphs and 8 items, with known repeats and edits."""
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(3, 9))) for _ in range(5000)]

    def paragraph() -> str:
        sentences = [" ".join(rng.choices(vocabulary, k=20)).capitalize() + "." for _ in range(4)]
        return " ".join(sentences)

    def edit(text: str) -> str:
        words = text.split()
        at = rng.randrange(len(words))
        words[at] = f"{rng.randint(2, 10**6):,}" + ("." if words[at].endswith(".") else "")
        return " ".join(words)

    background = [paragraph() for _ in range(3)]
    history: list[list[str]] = []
    planted = {"background edited": 0, "carried_over": 0, "item edited": 0}
    briefings: list[Briefing] = []
    start = dt.date(2000, 1, 1)
    for day in range(days):
        if day and day % 7 == 0:
            background[day % 3] = edit(background[day % 3])
            planted["background edited"] += 1
        items: list[str] = []
        for slot in range(8):
            if day >= 5 and slot == 0 and day % 3 == 0:
                items.append(history[day - rng.randint(2, 5)][rng.randrange(1, 8)])
                planted["carried_over"] += 1
            elif day >= 5 and slot == 1 and day % 5 == 0:
                items.append(edit(history[day - rng.randint(1, 5)][rng.randrange(2, 8)]))
                planted["item edited"] += 1
            else:
                items.append(paragraph())
        history.append(items)
        date = start + dt.timedelta(days=day)
        key = f"synthetic/{date.isoformat()}"
        texts = [*background, *items]
        paragraphs = [
            Paragraph(f"{key}#{i}", text, "background" if i <= 3 else "item", i, i)
            for i, text in enumerate(texts, start=1)
        ]
        briefings.append(
            Briefing("synthetic", date, "x.txt", 1, "Heading", tuple(paragraphs[:3]), tuple(paragraphs[3:]), None)
        )
    return Series("synthetic", "", tuple(briefings)), planted


def test_large_synthetic_series() -> None:
    series, planted = _synthetic_series(3000)
    days = diff_series(series)
    assert len(days) == 3000
    total = {"background edited": 0, "carried_over": 0, "item edited": 0}
    for diff in days[1:]:
        background, items = counts(diff)
        assert background["repeated"] + background["edited"] == 3
        assert background["new"] == background["dropped"] == 0
        total["background edited"] += background["edited"]
        total["carried_over"] += items["carried_over"]
        total["item edited"] += items["edited"]
        for p in diff.paragraphs:
            if p.status == "edited":
                assert len([c for c in p.changes if c.op != "equal"]) == 1
    assert total == planted


def test_synthetic_new_since_skips_what_was_said() -> None:
    series, _ = _synthetic_series(60)
    since = series.briefings[30].date
    fresh = {p.id for p in new_since(series, since)}
    diffs = [d for d in diff_series(series) if d.target.date >= since]
    statuses = {p.id: p for d in diffs for p in d.paragraphs}
    brand_new = {pid for pid, p in statuses.items() if p.status == "new"}
    assert brand_new <= fresh
    # Besides those, only edits of what was first said on or after the date: never a repeat, nor anything older.
    for pid in fresh - brand_new:
        previous = statuses[pid].previous
        assert statuses[pid].status == "edited"
        assert previous is not None and previous >= f"synthetic/{since.isoformat()}"


# --- the core stays free of the reader --------------------------------------------------------------------------


def test_diff_does_not_import_the_reader() -> None:
    code = "import sys, crisisreader.diff; print('textual' in sys.modules or 'rich' in sys.modules)"
    src = Path(__file__).resolve().parents[1] / "src"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONPATH": str(src)}
    )
    assert result.stdout.strip() == "False"


# -- short lines that keep their frame (issue 16) --------------------------------------------------------------


def one_day(date: str, lines: list[str]) -> Briefing:
    text = f" date {date} \n\n" + "\n\n".join(lines) + "\n"
    briefings, problems = parse_text(text, f"frame/{date}.txt", "frame")
    assert problems == []
    return briefings[0]


FRAME_BODY = "Shelling went on through the night in the south, the regional governor wrote in a morning post."


@pytest.mark.parametrize(
    ("old", "new", "changed"),
    [
        ("Updated 7:03 a.m. ET, March 4, 2022", "Updated 11:48 p.m. ET, March 5, 2022", ("7:03", "11:48")),
        ("31 Posts", "34 Posts", ("31", "34")),
        ("Day 31", "Day 32", ("31", "32")),
        ("12 juin 2025 à 09:15", "13 juin 2025 à 21:40", ("12", "13")),
        ("By Ana Ruiz, Tom Okafor and Lea Brandt", "By Ana Ruiz and Lea Brandt", ("Tom", "")),
        ("Harbour war: list of key events, day 40", "Harbour war: list of key events, day 41", ("40", "")),
    ],
)
def test_a_short_line_that_keeps_its_frame_is_edited(old: str, new: str, changed: tuple[str, str]) -> None:
    diff = diff_briefings(one_day("2022-03-04", [old, FRAME_BODY]), one_day("2022-03-05", [new, FRAME_BODY]))
    line = diff.paragraphs[0]
    assert line.text == new and line.status == "edited"
    shown = edits(line)
    assert shown and any(changed[0] in op_old or changed[0] in op_new for _, op_old, op_new in shown)
    assert diff.paragraphs[1].status == "carried_over"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Kyiv under curfew", "Markets close higher"),
        ("Day 31", "Evacuation buses reach the port"),
        ("Harbour war: list of key events, day 40", "Harbour war: what the envoys agreed"),
        ("By Ana Ruiz, Tom Okafor and Lea Brandt", "By Ana Ruiz, Tom Okafor, Lea Brandt and Omar Said and Jo Lee"),
    ],
)
def test_a_short_line_that_changes_more_than_that_is_new(old: str, new: str) -> None:
    diff = diff_briefings(one_day("2022-03-04", [old, FRAME_BODY]), one_day("2022-03-05", [new, FRAME_BODY]))
    assert diff.paragraphs[0].status == "new"


def test_the_frame_rule_leaves_long_paragraphs_to_word_similarity() -> None:
    old = "Ukraine's military said 31 drones were shot down over the Odesa region overnight, and two people died."
    new = "Ukraine's military said 58 missiles struck the Kharkiv region overnight, where nine people were wounded."
    diff = diff_briefings(one_day("2022-03-04", [old]), one_day("2022-03-05", [new]))
    assert diff.paragraphs[0].status == "new"


def test_a_changed_first_word_is_no_name() -> None:
    diff = diff_briefings(one_day("2022-03-04", ["Morning edition."]), one_day("2022-03-05", ["Evening edition."]))
    assert diff.paragraphs[0].status == "new"
