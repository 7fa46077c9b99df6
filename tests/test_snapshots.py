"""Snapshots of the reader's main views at 120x40 (the day, the diff, search, quotes by speaker), of the bookmarks at
80x24, of search at the small and the large size, and of every screen of three series at 80x24 and 200x60."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from crisisreader.load import load
from crisisreader.tui.app import make_app
from crisisreader.tui.library import work_done

SIZE = (120, 40)


def keys_then_settle(keys: Sequence[str]) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Let the analysis finish, press the keys, and let any search or listing finish too."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await work_done(pilot.app)
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await work_done(pilot.app)
        await pilot.pause()
        await pilot.pause()

    return run_before


def test_main_view(snap_compare: Any, seeds: Path) -> None:
    assert snap_compare(make_app(load([seeds])), terminal_size=SIZE, run_before=keys_then_settle(()))


def test_diff_view(snap_compare: Any, seeds: Path) -> None:
    assert snap_compare(make_app(load([seeds])), terminal_size=SIZE, run_before=keys_then_settle(("d",)))


def test_search_view(snap_compare: Any, seeds: Path) -> None:
    keys = ("slash", *"minsk")
    assert snap_compare(make_app(load([seeds])), terminal_size=SIZE, run_before=keys_then_settle(keys))


def test_quotes_by_speaker_view(snap_compare: Any, seeds: Path) -> None:
    keys = ("s", *"peskov", "enter")
    assert snap_compare(make_app(load([seeds])), terminal_size=SIZE, run_before=keys_then_settle(keys))


def test_bookmarks_with_a_note_at_80x24(snap_compare: Any, seeds: Path, tmp_path: Path) -> None:
    """The bookmarks of the series open, one with its note, in the smallest terminal the reader is made for."""
    from crisisreader.state import ReadingState, series_folder

    state, _ = ReadingState.load(tmp_path / "state.yaml")
    corpus = load([seeds])
    latest = corpus.briefings[-1]
    for paragraph in latest.items[:2]:
        state.toggle_bookmark(paragraph, latest.series, latest.date.isoformat(), series_folder(seeds))
    state.set_note(state.bookmarks[0].place, "Macron's claim: check it against the Kremlin's readout")
    app = make_app(corpus, state=state)
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys_then_settle(("B",)))


# Search that keeps going (issue 18): a hit a line at the small and the large size, the scope box at 60x20, and
# a day with the matches of the search marked.


def test_search_one_line_hits_80x24(snap_compare: Any, seeds: Path) -> None:
    keys = ("slash", *"the")
    assert snap_compare(make_app(load([seeds])), terminal_size=(80, 24), run_before=keys_then_settle(keys))


def test_search_one_line_hits_200x60(snap_compare: Any, seeds: Path) -> None:
    keys = ("slash", *"the")
    assert snap_compare(make_app(load([seeds])), terminal_size=(200, 60), run_before=keys_then_settle(keys))


def test_search_scope_box_fits_60x20(snap_compare: Any, seeds: Path) -> None:
    keys = ("slash", *"minsk", "ctrl+o", "ctrl+o")
    assert snap_compare(make_app(load([seeds])), terminal_size=(60, 20), run_before=keys_then_settle(keys))


def test_day_with_marked_matches_80x24(snap_compare: Any, seeds: Path) -> None:
    keys = ("slash", *"macron", "enter")
    assert snap_compare(make_app(load([seeds])), terminal_size=(80, 24), run_before=keys_then_settle(keys))


def test_day_with_marked_matches_200x60(snap_compare: Any, seeds: Path) -> None:
    keys = ("slash", *"macron", "enter")
    assert snap_compare(make_app(load([seeds])), terminal_size=(200, 60), run_before=keys_then_settle(keys))


def test_speakers_at_60x20_one_pane_at_a_time(snap_compare: Any, seeds: Path) -> None:
    # The speakers with their counts whole; Enter gives the chosen one's quotations the whole box.
    assert snap_compare(make_app(load([seeds])), terminal_size=(60, 20), run_before=keys_then_settle(("s",)))


def test_speakers_quotations_at_60x20(snap_compare: Any, seeds: Path) -> None:
    keys = ("s", "enter")
    assert snap_compare(make_app(load([seeds])), terminal_size=(60, 20), run_before=keys_then_settle(keys))


def test_speakers_at_80x24(snap_compare: Any, seeds: Path) -> None:
    assert snap_compare(make_app(load([seeds])), terminal_size=(80, 24), run_before=keys_then_settle(("s",)))


def test_main_view_60x20_with_the_days_brought_back(snap_compare: Any, seeds: Path) -> None:
    assert snap_compare(make_app(load([seeds])), terminal_size=(60, 20), run_before=keys_then_settle(("t",)))


# The morning flow over three series (issue 18): each screen at the small and the large size.
SCREENS = {
    "next-unread": ("u",),
    "series-read": ("u", "A"),
    "diff": ("u", "d"),
    "speakers": ("s",),
    "bookmarks": ("B",),
    "help": ("question_mark",),
}


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_three_series_screens(
    snap_compare: Any, seeds: Path, tmp_path: Path, screen: str, size: tuple[int, int]
) -> None:
    from crisisreader.state import ReadingState, series_folder

    folders = []
    for name in ("baltic", "kyiv", "ukraine"):
        folder = tmp_path / "library" / name
        folder.mkdir(parents=True)
        for seed in seeds.iterdir():
            (folder / seed.name).write_bytes(seed.read_bytes())
        folders.append(folder)
    corpus = load(folders)
    state, _ = ReadingState.load(tmp_path / "state.yaml")
    latest = corpus.briefings[-1]
    state.toggle_bookmark(latest.items[0], latest.series, latest.date.isoformat(), series_folder(folders[-1]))
    state.set_note(state.bookmarks[0].place, "Check against the Kremlin's readout")
    app = make_app(corpus, state=state)
    assert snap_compare(app, terminal_size=size, run_before=keys_then_settle(SCREENS[screen]))
