"""The reader driven by the Pilot: every key, and what the widgets then hold."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from crisisreader.load import load
from crisisreader.tui.app import ReaderApp, make_app
from crisisreader.tui.library import work_done
from crisisreader.tui.screens.help import HelpScreen
from crisisreader.tui.screens.reader import ReaderScreen
from crisisreader.tui.screens.search import SearchScreen
from crisisreader.tui.screens.speakers import SpeakersScreen
from crisisreader.tui.widgets.day_view import DayView
from crisisreader.tui.widgets.paragraph import ParagraphView
from crisisreader.tui.widgets.sidebar import DateSidebar


def app_for(seeds: Path) -> ReaderApp:
    return make_app(load([seeds]))


async def settled(pilot: Pilot[None]) -> None:
    """Let the analysis worker finish and its messages land."""
    await work_done(pilot.app)
    await pilot.pause()
    await pilot.pause()


def shown_date(app: ReaderApp) -> str:
    content = app.reader.query_one(DayView).content
    assert content is not None
    return content.briefing.date.isoformat()


def rows(app: ReaderApp) -> list[str]:
    return list(app.reader.query_one(DayView).row_texts())


async def test_opens_on_the_latest_day_with_only_what_is_new(seeds: Path) -> None:
    app = app_for(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert shown_date(app) == "2022-02-08"
        sidebar = app.reader.query_one(DateSidebar)
        assert sidebar.current_key == "seeds/2022-02-08"
        texts = rows(app)
        assert texts[0].startswith("▸ 3 background paragraphs unchanged since 2022-02-07")
        assert len(texts) == 9  # the fold line and eight new items
        assert "Dmitry Peskov" in "\n".join(texts)
        assert "2 briefings" in app.reader.sub_title and "quotations" in app.reader.sub_title


async def test_next_previous_first_last(seeds: Path) -> None:
    app = app_for(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("p")
        assert shown_date(app) == "2022-02-07"
        assert any("Podolyak" in text for text in rows(app))
        await pilot.press("n")
        assert shown_date(app) == "2022-02-08"
        await pilot.press("g")
        assert shown_date(app) == "2022-02-07"
        await pilot.press("G")
        assert shown_date(app) == "2022-02-08"


async def test_enter_unfolds_the_background_and_j_k_move(seeds: Path) -> None:
    app = app_for(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        pane = app.reader.query_one(DayView)
        assert pane.cursor == 0
        await pilot.press("enter")
        texts = rows(app)
        assert texts[0].startswith("▾")
        assert len(texts) == 12  # fold, three background paragraphs, eight items
        await pilot.press("j", "j")
        assert pane.cursor == 2
        await pilot.press("k")
        assert pane.cursor == 1
        await pilot.press("down")
        assert pane.cursor == 2


async def test_only_new_toggle(seeds: Path) -> None:
    app = app_for(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("o")
        assert app.reader.only_new is False
        await pilot.press("enter")
        assert len(rows(app)) == 12
        await pilot.press("o")
        assert app.reader.only_new is True


async def test_diff_view_marks_repeated_and_new(seeds: Path) -> None:
    app = app_for(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("d")
        texts = rows(app)
        assert texts[0] == "Compared with 2022-02-07"
        statuses = [text.split("  ")[0].strip() for text in texts[1:]]
        assert statuses.count("repeated") == 3
        assert statuses.count("new") == 8
        await pilot.press("d")
        assert rows(app)[0].startswith("▸")


async def test_search_opens_the_hit_with_brackets_literal(seeds: Path) -> None:
    app = app_for(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"Morrison")
        await settled(pilot)
        hits = app.screen.query_one("#hits", OptionList)
        assert hits.option_count == 1
        assert str(hits.border_title) == "1 paragraph for “Morrison”"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert shown_date(app) == "2022-02-07"
        pane = app.reader.query_one(DayView)
        row = pane.current_row
        assert row is not None and row.paragraph is not None
        assert "[crisis]" in row.paragraph.text
        assert any("where this [crisis] will" in text for text in rows(app))
        assert row.spans and row.paragraph.text[row.spans[0][0] : row.spans[0][1]] == "Morrison"


async def test_a_bad_regex_is_a_word_in_the_input(seeds: Path) -> None:
    app = app_for(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("slash", "ctrl+r", *"(unclosed")
        await pilot.pause()
        box = app.screen.query_one("#query", Input)
        assert box.has_class("-invalid")
        assert "not a valid regular expression" in str(box.border_subtitle)
        await pilot.press("backspace", *"closed)")
        await pilot.pause()
        assert not box.has_class("-invalid")
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_quotes_by_speaker(seeds: Path) -> None:
    app = app_for(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("s")
        assert isinstance(app.screen, SpeakersScreen)
        await pilot.press(*"peskov")
        await pilot.press("enter")
        quotes = app.screen.query_one("#quote-list", OptionList)
        assert quotes.option_count == 2
        assert "Dmitry Peskov" in str(quotes.border_title)
        first = str(quotes.get_option_at_index(0).prompt)
        assert first.startswith("2022-02-08") and "permanent locations" in first
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert shown_date(app) == "2022-02-08"


async def test_speaker_aliases_count(seeds: Path) -> None:
    app = app_for(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("s", *"zelensky", "enter")
        quotes = app.screen.query_one("#quote-list", OptionList)
        assert quotes.option_count == 1
        assert "Volodymyr Zelensky" in str(quotes.border_title)


async def test_help_lists_the_live_keys(seeds: Path) -> None:
    app = app_for(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = {does: key for key, does, _, _ in app.screen.rows}
        for does, key in [("Next day", "n"), ("Prev day", "p"), ("Search", "/"), ("Speakers", "s"), ("Diff", "d"),
                          ("Help", "?"), ("Quit", "q"), ("Only new", "o")]:  # fmt: skip
            assert key in rows[does].split(", ")
        assert "j" in rows["Next paragraph"] and "↓" in rows["Next paragraph"]
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_tab_moves_between_panes_and_the_mouse_picks_a_day(seeds: Path) -> None:
    app = app_for(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert isinstance(app.focused, DayView)
        await pilot.press("tab")
        assert isinstance(app.focused, DateSidebar)
        await pilot.press("k")
        assert shown_date(app) == "2022-02-07"
        await pilot.click(DateSidebar, offset=(3, 1))
        await pilot.pause()
        assert shown_date(app) == "2022-02-08"


async def test_command_palette_and_quit(seeds: Path) -> None:
    app = app_for(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Go to 2022-02-07")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert shown_date(app) == "2022-02-07"
        await pilot.press("q")
    assert app.return_code == 0


async def test_the_sidebar_folds_away_when_narrow(seeds: Path) -> None:
    app = app_for(seeds)
    async with app.run_test(size=(60, 24)) as pilot:
        await settled(pilot)
        assert not app.reader.query_one(DateSidebar).display or app.reader.query_one(DateSidebar).has_class("-folded")
        await pilot.press("p")
        assert shown_date(app) == "2022-02-07"


async def test_given_paths_it_loads_in_the_background_newest_day_first(seed_copy: Callable[[str], Path]) -> None:
    folder = seed_copy("daily")
    (folder / "broken.txt").write_text("no header\n", encoding="utf-8")
    app = make_app(paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await settled(pilot)
        assert shown_date(app) == "2022-02-08"
        assert [b.key for b in app.corpus.briefings] == ["daily/2022-02-07", "daily/2022-02-08"]
        assert any("broken.txt:1" in str(p) for p in app.corpus.problems)
        assert app.reader.analysis is not None


async def test_nothing_to_read_quits_with_status_2(tmp_path: Path) -> None:
    (tmp_path / "broken.txt").write_text("no header\n", encoding="utf-8")
    app = make_app(paths=[tmp_path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
    assert app.return_code == 2


async def test_c_copies_the_quotation_under_the_cursor_with_its_attribution(seeds: Path) -> None:
    app = app_for(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        pane = app.reader.query_one(DayView)
        peskov = next(i for i, row in enumerate(pane.rows) if row.paragraph and "Peskov" in row.paragraph.text)
        pane.cursor = peskov
        await pilot.press("c")
        assert app.clipboard == (
            "“will return to their permanent locations,” — Dmitry Peskov, Kremlin spokesman (seeds, 2022-02-08)"
        )
        pane.cursor = 1  # the Macron paragraph: three quotations, c takes them in turn
        await pilot.press("c")
        assert app.clipboard.startswith("“escalate” — Emmanuel Macron")
        await pilot.press("c")
        assert app.clipboard.startswith("“concrete security guarantees.” — Emmanuel Macron")
        pane.cursor = 0  # the folded background: its quotations are copied once it is open
        assert pane.rows[0].kind == "fold"
        await pilot.press("c")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert said[-1] == "Unfold the background (Enter) to copy its quotations."


async def test_a_file_added_while_reading_appears_and_the_day_stays(seed_copy: Callable[[str], Path]) -> None:
    folder = seed_copy("live")
    app = make_app(paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("p")
        assert shown_date(app) == "2022-02-07"
        (folder / "half.txt").write_text("", encoding="utf-8")  # being written: not reported as broken yet
        (folder / "new.txt").write_text(
            " date 2022-02-09 High-stakes talks between Russia and the West.\n\n"
            "Feb. 9: What you need to know today\n\nA new item, said Peskov.\n",
            encoding="utf-8",
        )
        for _ in range(40):
            await pilot.pause(0.1)
            if "live/2022-02-09" in app.reader.query_one(DateSidebar).keys:
                break
        assert "live/2022-02-09" in app.reader.query_one(DateSidebar).keys
        assert shown_date(app) == "2022-02-07"
        assert app.reader.analysis is not None and "live/2022-02-09" in app.reader.analysis.diffs
        assert not any("half.txt" in p.path for p in app.reader.reported)


async def test_a_new_last_day_is_taken_in_alone_and_stored_once_the_folder_is_quiet(
    seed_copy: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import crisisreader.tui.library as library

    monkeypatch.setattr(library, "STORE_AFTER", 0.3)
    folder = seed_copy("live")
    app = ReaderApp(paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert "quotations" in app.reader.sub_title
        (folder / "new.txt").write_text(
            " date 2022-02-09 High-stakes talks between Russia and the West.\n\n"
            "Feb. 9: What you need to know today\n\n“A long winter,” Olena Koval, a presidential adviser, said.\n",
            encoding="utf-8",
        )
        sidebar = app.reader.query_one(DateSidebar)
        for _ in range(40):
            await pilot.pause(0.1)
            if "live/2022-02-09" in sidebar.keys:
                break
        assert sidebar.keys[-1] == "live/2022-02-09"
        analysis = app.reader.analysis
        assert analysis is not None
        # Taken in alone: the day's own search entries beside the series' index, its diff and quotations.
        assert analysis.index.added.get("live")
        assert analysis.index.search("winter").hits[0].briefing.key == "live/2022-02-09"
        assert "live/2022-02-09" in analysis.diffs
        assert "3 briefings" in app.reader.sub_title
        for _ in range(40):
            await pilot.pause(0.1)
            if app.reader.analysis is not analysis:
                break
        stored = app.reader.analysis
        assert stored is not analysis and stored is not None
        # Worked out as a start would: the whole series indexed again, the same day and counts on screen.
        assert not stored.index.added and stored.index.whole("live") is not None
        assert stored.quotes.rows("live/2022-02-09") == analysis.quotes.rows("live/2022-02-09")
        assert sidebar.keys[-1] == "live/2022-02-09"
        await pilot.press("q")


async def test_a_long_day_is_on_screen_at_once_and_mounts_the_rest_after(tmp_path: Path) -> None:
    from crisisreader.tui.widgets.day_view import FIRST_ROWS

    folder = tmp_path / "long"
    folder.mkdir()
    # Paragraphs that share no words, so that each is a row of its own.
    texts = [" ".join(f"w{n}x{k}" for k in range(12)) + "." for n in range(150)]
    (folder / "a.txt").write_text(" date 2022-02-07 Short day.\n", encoding="utf-8")
    (folder / "b.txt").write_text(" date 2022-02-08 " + "\n\n".join(texts) + "\n", encoding="utf-8")
    app = make_app(load([folder]))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        day = app.reader.query_one(DayView)
        assert day.content is not None and day.content.briefing.key == "long/2022-02-08"
        content = day.content
        day.show(content)
        # Only a screenful (and more) at once: the rest comes after the refreshes that follow.
        assert len(day._views) == FIRST_ROWS and not day.all_mounted
        # The cursor sent past the rows mounted so far: its row is marked once it comes.
        day.cursor = 120
        await settled(pilot)
        assert [view.index for view in day.query(".-cursor").results(ParagraphView)] == [120]
        assert day.all_mounted and len(day.query(ParagraphView)) == len(day.rows) == 150
        assert day.row_texts()[-1] == texts[-1]
        day.action_cursor_to(-1)
        await pilot.pause()
        marked = list(day.query(".-cursor").results(ParagraphView))
        assert [view.index for view in marked] == [149]
        assert day.scroll_y > 0


async def test_search_scopes_this_day_and_quotations(seeds: Path) -> None:
    app = app_for(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("p", "slash", *"macron")
        await settled(pilot)
        hits = app.screen.query_one("#hits", OptionList)
        assert "4 paragraphs" in str(hits.border_title)
        await pilot.press("ctrl+o")  # this day: 2022-02-07
        await settled(pilot)
        assert "2 paragraphs" in str(hits.border_title)
        await pilot.press("ctrl+o")  # quotations only
        await settled(pilot)
        await pilot.press(*["backspace"] * 6, *"minsk")
        await settled(pilot)
        assert str(hits.border_title) == "1 quotation for “minsk”"
        assert "Emmanuel Macron" in str(hits.get_option_at_index(0).prompt)
        await pilot.press(*["backspace"] * 5, *"the")
        await settled(pilot)
        # Newest day first, and within a day the quotations in the order the text has them.
        found = app.screen.found
        days = [f.date for f in found]
        assert days == sorted(days, reverse=True)
        latest = [f.paragraph_id for f in found if f.date == days[0]]
        assert latest == sorted(latest, key=lambda pid: int(pid.rpartition("#")[2]))
        await pilot.press(*["backspace"] * 3, *"minsk")
        await settled(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert shown_date(app) == "2022-02-08"


def test_the_corpus_and_its_analysis_have_short_reprs(seeds: Path, seed_copy: Callable[[str], Path]) -> None:
    # Textual describes a worker by the repr() of its arguments unless told otherwise, debuggers and logs print
    # them: spelled out, ten thousand days are hundreds of megabytes, built at every keystroke of a search.
    from crisisreader.analysis import analyse

    small = load([seeds])
    large = load([seeds, seed_copy("again"), seed_copy("more")])
    for corpus in (small, large):
        analysis = analyse(corpus, parallel=False)
        assert len(repr(corpus)) < 200 * len(corpus.series)
        assert len(repr(analysis)) < 200 * len(corpus.series) + 100
        assert "2 briefings" in repr(corpus.series[0]) and "quotations" in repr(analysis)


def test_every_worker_of_the_reader_is_described() -> None:
    # See above: a worker without a description is described by repr() of its arguments.
    tui = Path(__file__).resolve().parents[1] / "src" / "crisisreader" / "tui"
    declared = [
        (path.name, line.strip())
        for path in tui.rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("@work(")
    ]
    assert declared
    assert [d for d in declared if "description=" not in d[1]] == []


async def test_the_day_shown_stays_in_view_when_the_sidebar_refills(tmp_path: Path) -> None:
    # Longer than the screen: the analysis refills the sidebar (with its badges) while the newest day, at the
    # bottom, is open; the refill must not leave the list scrolled to its top.
    import datetime as dt

    folder = tmp_path / "long"
    folder.mkdir()
    first = dt.date(2022, 1, 1)
    for n in range(90):
        day = first + dt.timedelta(days=n)
        (folder / f"{day}.txt").write_text(
            f" date {day} Background repeated every day.\n\nHeading: What you need to know today\n\n"
            f"Item {n}: something new said on day {n}.\n",
            encoding="utf-8",
        )
    app = make_app(load([folder]))
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        sidebar = app.reader.query_one(DateSidebar)
        assert sidebar.current_key == f"long/{first + dt.timedelta(days=89)}"
        assert sidebar.highlighted == 89
        top = sidebar.scroll_offset.y
        assert top <= 89 < top + sidebar.scrollable_content_region.height


async def test_search_lists_a_page_of_hits_and_more_at_the_end(tmp_path: Path) -> None:
    from crisisreader.tui.screens import search as search_screen

    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(1, 29):
        (folder / f"2022-02-{n:02d}.txt").write_text(
            f" date 2022-02-{n:02d} Background.\n\nHeading: What you need to know today\n\n"
            + "\n\n".join(f"Talks on gas, item {i} of day {n}." for i in range(3))
            + "\n",
            encoding="utf-8",
        )
    app = make_app(load([folder]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("slash")
        await pilot.press(*"gas")
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        hits = screen.query_one("#hits", OptionList)
        assert hits.option_count == search_screen.PAGE == len(screen.found) and screen.total == 84
        assert "the newest 50 listed" in str(hits.border_title)
        hits.highlighted = search_screen.PAGE - 1
        await settled(pilot)
        assert hits.option_count == 84 and hits.highlighted == search_screen.PAGE - 1
        assert "84 paragraphs" in str(hits.border_title) and "listed" not in str(hits.border_title)


async def test_a_file_added_while_the_analysis_runs_is_not_missed(
    seed_copy: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # At 10,000 briefings the first analysis takes many seconds: a briefing saved meanwhile must still appear.
    from crisisreader import analysis

    folder = seed_copy("busy")
    real = analysis.analyse

    def analyse_while_a_file_arrives(*args: Any, **kwargs: Any) -> analysis.Analysis:
        if not (folder / "new.txt").exists():
            (folder / "new.txt").write_text(
                " date 2022-02-09 Talks.\n\nFeb. 9: What you need to know today\n\nAn item.\n", encoding="utf-8"
            )
        return real(*args, **kwargs)

    monkeypatch.setattr(analysis, "analyse", analyse_while_a_file_arrives)
    app = make_app(paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        for _ in range(40):
            await pilot.pause(0.1)
            if "busy/2022-02-09" in app.reader.query_one(DateSidebar).keys:
                break
        assert "busy/2022-02-09" in app.reader.query_one(DateSidebar).keys


async def test_a_jump_brings_the_paragraph_into_view(tmp_path: Path) -> None:
    """From quotes or search, the day opens with the chosen paragraph on screen, however far down it is (the rows
    are new widgets, laid out only after they are mounted: scrolling before then stayed at the top)."""
    folder = tmp_path / "daily"
    folder.mkdir()
    for day in (7, 8):
        paragraphs = [f"Filler paragraph {n} on troops near the border and talks in Geneva. " * 4 for n in range(25)]
        # Different words each day: the same words twice would be one quotation, listed on its first day.
        paragraphs[20] = f"“We will not be drawn into a war on day {day},” Kremlin spokesman Dmitry Peskov said."
        (folder / f"2022-02-0{day}.txt").write_text(f" date 2022-02-0{day} " + "\n\n".join(paragraphs) + "\n")
    app = make_app(load([folder]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("s", *"peskov", "enter", "enter")
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        target = next(p.id for p in app.reader.corpus.briefings[-1].paragraphs if "Peskov" in p.text)
        day = app.reader.query_one(DayView)
        [view] = [v for v in day.query(ParagraphView) if v.row.paragraph_id == target]
        assert day.rows[day.cursor].paragraph_id == target
        visible = day.content_region
        assert view.region.y < visible.bottom and view.region.bottom > visible.y, (view.region, visible)


async def test_a_speaker_with_thousands_of_quotes_is_listed_a_page_at_a_time(tmp_path: Path) -> None:
    from crisisreader.tui.screens import speakers as speakers_screen

    folder = tmp_path / "daily"
    folder.mkdir()
    for day in (6, 7, 8):
        said = [f"“Point {day}-{n} stands,” Kremlin spokesman Dmitry Peskov said." for n in range(100)]
        (folder / f"2022-02-0{day}.txt").write_text(f" date 2022-02-0{day} " + "\n\n".join(said) + "\n")
    app = make_app(load([folder]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("s", *"peskov", "enter")
        quotes = app.screen.query_one("#quote-list", OptionList)
        assert quotes.option_count == speakers_screen.PAGE == 200
        assert str(quotes.border_title).startswith("300 quotations: Dmitry Peskov")
        assert quotes.border_subtitle == "2022-02-06 to 2022-02-08"
        assert str(quotes.get_option_at_index(0).prompt).startswith("2022-02-08  “Point 8-0 stands,”")
        quotes.highlighted = quotes.option_count - 1
        await pilot.pause()
        assert quotes.option_count == 300
        assert str(quotes.get_option_at_index(299).prompt).startswith("2022-02-06  “Point 6-99 stands,”")


def test_whole_word_matches_rank_above_fuzzy_ones() -> None:
    import datetime as dt

    from crisisreader.quotes import SpeakerSummary
    from crisisreader.speakers.match import rank_speakers

    day = dt.date(2022, 2, 8)
    ryabkov = SpeakerSummary("Sergei Ryabkov", 900, day, day, ("Russian deputy foreign minister Sergei Ryabkov",), None)
    peskov = SpeakerSummary("Dmitry Peskov", 10, day, day, ("Peskov",), None)
    # "peskov" is in the longer name letter by letter, which a fuzzy matcher scores high: it is no part of it.
    assert [s.name for s in rank_speakers("peskov", [ryabkov, peskov], {})] == ["Dmitry Peskov"]


async def test_a_bad_file_arriving_while_reading_is_told_once(seed_copy: Callable[[str], Path]) -> None:
    folder = seed_copy("bad-live")
    (folder / "old-bad.txt").write_text("no date line here\n", encoding="utf-8")
    app = make_app(paths=[folder])
    said: list[tuple[str, str]] = []
    notify = app.reader.notify

    def record(message: str, **options: Any) -> None:
        said.append((str(options.get("title")), message))
        notify(message, **options)

    app.reader.notify = record  # type: ignore[method-assign]

    def told() -> list[str]:
        return [message for title, message in said if title in ("Problem", "Problems reading the files")]

    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)

        assert len(told()) == 1 and "old-bad.txt" in told()[0]
        (folder / "new-bad.txt").write_text("still no date line\n", encoding="utf-8")
        os.utime(folder / "new-bad.txt", (1, 1))  # settled: not a file still being written
        for _ in range(60):
            await pilot.pause(0.1)
            if len(told()) > 1:
                break
        assert len(told()) == 2 and "new-bad.txt" in told()[1] and "old-bad.txt" not in told()[1]
