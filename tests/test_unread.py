"""Going through what is unread: the next unread day series by series, a series or everything marked read, undone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.pilot import Pilot

from crisisreader.load import load
from crisisreader.model import Corpus
from crisisreader.state import ReadingState, series_folder
from crisisreader.tui.app import make_app
from crisisreader.tui.library import work_done
from crisisreader.tui.widgets.sidebar import DateSidebar
from crisisreader.unread import next_unread

SERIES = ("alpha", "bravo", "charlie")


@pytest.fixture
def three(tmp_path: Path) -> list[Path]:
    folders = []
    for name in SERIES:
        folder = tmp_path / name
        folder.mkdir()
        for day in range(1, 5):
            date = dt.date(2024, 5, day)
            (folder / f"{date}.txt").write_text(f" date {date} {name} on day {day}: talks went on.\n")
        folders.append(folder)
    return folders


def _corpus(folders: list[Path]) -> Corpus:
    return load(folders)


def test_next_unread_goes_on_in_the_series_then_to_the_next_and_round(three: list[Path]) -> None:
    corpus = _corpus(three)
    key = {(b.series, b.date.day): b.key for b in corpus.briefings}
    at = corpus.briefing(key["bravo", 2])
    opened = {key["bravo", 2], key["bravo", 3]}
    # After the open day in its series, the days already read passed over.
    found = next_unread(corpus, at, opened)
    assert found is not None and found.key == key["bravo", 4]
    opened |= {key["bravo", 4]}
    # Then the next series, from its oldest unread day.
    found = next_unread(corpus, at, opened | {key["charlie", 1]})
    assert found is not None and found.key == key["charlie", 2]
    # Then round to the first series, and at last to the open series' days before the open one.
    everything_else = {b.key for b in corpus.briefings if b.series != "bravo"}
    found = next_unread(corpus, at, opened | (everything_else - {key["alpha", 3]}))
    assert found is not None and found.key == key["alpha", 3]
    found = next_unread(corpus, at, opened | everything_else)
    assert found is not None and found.key == key["bravo", 1]
    assert next_unread(corpus, at, {b.key for b in corpus.briefings}) is None
    first = next_unread(corpus, None, set())
    assert first is not None and first.key == key["alpha", 1]


async def _settled(pilot: Pilot[None]) -> None:
    await work_done(pilot.app)
    await pilot.pause()
    await pilot.pause()


async def test_keys_read_every_unread_day_mark_a_series_read_and_undo(three: list[Path], tmp_path: Path) -> None:
    state_file = tmp_path / "state" / "state.yaml"
    state, _ = ReadingState.load(state_file)
    app = make_app(_corpus(three), state=state)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settled(pilot)
        reader = app.reader
        # It opened on the newest day of the last series; u goes on from there, oldest first, series by series.
        seen = [reader.current.key if reader.current else None]
        for _ in range(12):
            await pilot.press("u")
            await pilot.pause()
            seen.append(reader.current.key if reader.current else None)
        total = len(reader.corpus.briefings)
        assert len(set(seen)) == total == 12
        assert seen[1:4] == ["alpha/2024-05-01", "alpha/2024-05-02", "alpha/2024-05-03"]
        assert seen[-1] == seen[-2]  # the last press found nothing unread
        assert reader.opened >= {b.key for b in reader.corpus.briefings}

    fresh = tmp_path / "fresh-state.yaml"
    state, _ = ReadingState.load(fresh)
    app = make_app(_corpus(three), state=state)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settled(pilot)
        reader = app.reader
        sidebar = reader.query_one(DateSidebar)
        series = reader.current.series if reader.current else ""
        await pilot.press("A")
        await pilot.pause()
        of_series = {b.key for b in reader.corpus.briefings if b.series == series}
        assert of_series <= reader.opened
        assert not of_series & sidebar._unread
        assert len(reader.opened) == 4  # the other series untouched
        await pilot.press("ctrl+z")
        await pilot.pause()
        # Undone: only the day opened is read again, the series' other days unread, in the sidebar and the state.
        assert reader.current is not None and reader.opened == {reader.current.key}
        assert of_series - reader.opened <= sidebar._unread
        await pilot.press("ctrl+a")
        await pilot.pause()
        assert reader.opened == {b.key for b in reader.corpus.briefings}
        await pilot.press("u")
        await pilot.pause()
        assert any("Every day is read" in str(n.message) for n in app._notifications)
    saved, _ = ReadingState.load(fresh)
    assert sum(len(saved.opened(series_folder(folder))) for folder in three) == 12


async def test_the_sidebar_groups_days_by_series_and_the_keys_keep_to_the_open_series(
    three: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    # Handed in the reverse order, listed by name.
    state, _ = ReadingState.load(tmp_path / "state.yaml")
    app = make_app(_corpus(three[::-1]), state=state)
    async with app.run_test(size=(80, 24)) as pilot:
        await work_done(app)
        await pilot.pause()
        reader = app.reader
        sidebar = reader.query_one(DateSidebar)
        ids = [sidebar.get_option_at_index(i).id for i in range(sidebar.option_count)]
        days = [f"2024-05-0{d}" for d in range(1, 5)]
        assert ids == [x for name in SERIES for x in (f"\x00{name}", *(f"{name}/{d}" for d in days))]
        header = str(sidebar.get_option_at_index(0).prompt)
        assert "alpha" in header and "•4" in header  # every day of alpha is unread
        assert reader.current is not None and reader.current.key == "charlie/2024-05-04"

        async def at(*keys: str) -> str:
            await pilot.press(*keys)
            await pilot.pause()
            assert reader.current is not None
            return reader.current.key

        # n and p keep to the series; g and G are its first and last day.
        assert await at("n") == "charlie/2024-05-04"
        assert await at("p") == "charlie/2024-05-03"
        assert await at("g") == "charlie/2024-05-01"
        assert await at("p") == "charlie/2024-05-01"
        # ] and [ go round the series: a series' oldest unread day, else its latest.
        assert await at("right_square_bracket") == "alpha/2024-05-01"
        assert await at("right_square_bracket") == "bravo/2024-05-01"
        assert await at("left_square_bracket") == "alpha/2024-05-02"
        assert await at("G") == "alpha/2024-05-04"
        assert "•1" in str(sidebar.get_option_at_index(0).prompt)  # alpha's third day is the one left unread
        # Enter on a header folds its days away; a key that goes to one of them unfolds it.
        sidebar.focus()
        sidebar.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert sidebar.option_count == 3 + 4 + 4 and "▸" in str(sidebar.get_option_at_index(0).prompt)
        assert reader.current.key == "alpha/2024-05-04"
        assert await at("p") == "alpha/2024-05-03"
        assert sidebar.option_count == 3 + 4 * 3


def _add_day(folder: Path, day: int) -> str:
    date = dt.date(2024, 5, day)
    (folder / f"{date}.txt").write_text(f" date {date} {folder.name} on day {day}: more talks.\n")
    return f"{folder.name}/{date}"


async def test_a_start_opens_on_the_oldest_day_that_came_since_and_a_day_read_is_not_news(
    three: list[Path], tmp_path: Path
) -> None:
    state_file = tmp_path / "state.yaml"
    state, _ = ReadingState.load(state_file)
    app = make_app(_corpus(three), state=state)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settled(pilot)
        await pilot.press("q")
    # Two days came: bravo's on the 6th, alpha's on the 5th. The reader opens on the oldest and says how many.
    bravo, alpha = _add_day(three[1], 6), _add_day(three[0], 5)
    state, _ = ReadingState.load(state_file)
    app = make_app(_corpus(three), state=state)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settled(pilot)
        assert app.reader.current is not None and app.reader.current.key == alpha
        said = [str(n.message) for n in app._notifications]
        assert any(m.startswith("2 new days since your last visit") for m in said)
        assert app.reader.query_one(DateSidebar)._fresh == {alpha, bravo}
        await pilot.press("q")
    # A day that came while the reader ran, and was read then, is not announced at the next start.
    state, _ = ReadingState.load(state_file)
    late = _add_day(three[2], 7)
    state.mark_opened(series_folder(three[2]), late.partition("/")[2])
    state.save()
    state, _ = ReadingState.load(state_file)
    app = make_app(_corpus(three), state=state)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settled(pilot)
        said = [str(n.message) for n in app._notifications]
        assert not any("since your last visit" in m for m in said), said
