"""The small readers and writers of what a user types and sees: days as typed, counts as read."""

from __future__ import annotations

import datetime as dt

import pytest

from crisisreader.counts import number, plural
from crisisreader.dates import DayQuery, read_day

TODAY = dt.date(2024, 3, 1)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("2022-02-07", DayQuery(2, 7, 2022)),
        ("2022/2/7", DayQuery(2, 7, 2022)),
        ("Feb 7", DayQuery(2, 7)),
        ("feb. 7", DayQuery(2, 7)),
        ("February 7", DayQuery(2, 7)),
        ("February 7th, 2022", DayQuery(2, 7, 2022)),
        ("7 Feb", DayQuery(2, 7)),
        ("7 February", DayQuery(2, 7)),
        ("7th of February 2022", DayQuery(2, 7, 2022)),
        ("  7   SEPT ", DayQuery(9, 7)),
        ("25/2", DayQuery(2, 25)),
        ("2/25", DayQuery(2, 25)),
        ("25.2.2022", DayQuery(2, 25, 2022)),
        ("today", DayQuery(3, 1, 2024)),
        ("Yesterday", DayQuery(2, 29, 2024)),
        ("Feb 29", DayQuery(2, 29)),
    ],
)
def test_common_forms_of_a_day_are_read(text: str, wanted: DayQuery) -> None:
    assert read_day(text, TODAY) == wanted


@pytest.mark.parametrize("text", ["2/7", "13/14", "Feb 30", "2022-02-30", "2023-02-29", "Feb", "7", "quotes", ""])
def test_ambiguous_impossible_and_other_words_are_no_day(text: str) -> None:
    assert read_day(text, TODAY) is None


def test_a_day_without_a_year_is_that_day_of_every_year() -> None:
    query = DayQuery(2, 7)
    assert query.matches(dt.date(2022, 2, 7)) and query.matches(dt.date(2023, 2, 7))
    assert not query.matches(dt.date(2022, 2, 8)) and not DayQuery(2, 7, 2023).matches(dt.date(2022, 2, 7))


@pytest.mark.parametrize(
    ("n", "said"),
    [(0, "0 briefings"), (1, "1 briefing"), (2, "2 briefings"), (10000, "10,000 briefings"), (-1, "-1 briefings")],
)
def test_counts_are_separated_and_plural_right(n: int, said: str) -> None:
    assert plural(n, "briefing") == said


def test_an_irregular_plural_and_a_bare_number() -> None:
    assert plural(1, "match", "matches") == "1 match" and plural(3, "match", "matches") == "3 matches"
    assert number(234153) == "234,153"
