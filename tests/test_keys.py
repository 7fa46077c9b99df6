"""Keys that a config moves: every binding by its id, a config key beating a default one, labels kept."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from crisisreader.config import Config, load_config
from crisisreader.load import load
from crisisreader.tui.app import ReaderApp, binding_ids, make_app, theme_names
from crisisreader.tui.keymap import UNBOUND, key_names, plan_keys
from crisisreader.tui.library import work_done
from crisisreader.tui.screens.help import HelpScreen
from crisisreader.tui.screens.search import SearchScreen
from crisisreader.tui.widgets.day_view import DayView
from crisisreader.tui.widgets.sidebar import DateSidebar


def with_keys(seeds: Path, keys: dict[str, str]) -> ReaderApp:
    return make_app(load([seeds]), config=Config(keys=keys))


async def settled(pilot: Pilot[None]) -> None:
    await work_done(pilot.app)
    await pilot.pause()
    await pilot.pause()


def footer(app: ReaderApp) -> dict[str, str]:
    return {key.description: key.key_display for key in app.screen.query(FooterKey)}


async def help_rows(pilot: Pilot[None]) -> dict[str, tuple[str, str]]:
    """id -> (key as shown, what it does), from the help opened over the screen."""
    await pilot.press("question_mark")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen)
    return {name: (key, does) for key, does, _tip, name in screen.rows}


# The plan, on its own


def test_a_config_key_is_taken_from_the_default_that_held_it() -> None:
    contexts = {
        "main": [
            ("Pane", Binding("j,down", "cursor(1)", "Down", id="pane.down")),
            ("Pane", Binding("enter", "activate", "Unfold", id="pane.unfold")),
            ("Screen", Binding("n", "next_day", "Next day", id="day.next")),
            ("Screen", Binding("s", "speakers", "Speakers", id="speakers")),
        ],
        "modal": [("Modal", Binding("n", "note", "Note", id="modal.note"))],
    }
    plan = plan_keys(contexts, {"day.next": "j", "speakers": "enter"})
    assert plan.keymap == {"day.next": "j", "speakers": "enter", "pane.down": "down"}
    assert plan.unbound == {"pane.unfold"}
    assert plan.refused == {("Pane", "activate", ())}
    # A key is only taken where the config's binding is active: the modal keeps its n.
    assert "modal.note" not in plan.keymap and "modal.note" not in plan.unbound


def test_an_action_another_binding_still_offers_is_not_refused() -> None:
    contexts = {
        "main": [
            ("App", Binding("q", "quit", "Quit", id="quit")),
            ("App", Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True)),
            ("Screen", Binding("slash", "search", "Search", id="search")),
        ]
    }
    plan = plan_keys(contexts, {"search": "q"})
    assert plan.unbound == {"quit"} and plan.refused == frozenset()


def test_keys_are_named_as_textual_binds_them() -> None:
    assert key_names("?, j,down") == ("question_mark", "j", "down")


def test_every_binding_has_an_id_the_config_accepts() -> None:
    ids = binding_ids()
    for name in ("quit", "app.quit", "palette", "help", "focus.next", "focus.previous", "pane.page_down",
                 "pane.half_up", "sidebar.toggle", "sidebar.open", "search.regex", "speakers.next",
                 "bookmarks.remove", "help.close", "note.cancel"):  # fmt: skip
        assert name in ids


def test_the_config_file_may_name_the_new_ids(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("keys:\n  app.quit: ctrl+x\n  focus.next: ctrl+n\n  palette: f2\n", encoding="utf-8")
    config, problems = load_config(path, theme_names(), binding_ids())
    assert problems == [] and dict(config.keys) == {"app.quit": "ctrl+x", "focus.next": "ctrl+n", "palette": "f2"}


# The reader


async def test_a_remapped_key_keeps_its_label_in_the_footer_and_the_help(seeds: Path) -> None:
    app = with_keys(seeds, {"day.next": "right"})
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert app.reader.current is not None and app.reader.current.date.isoformat() == "2022-02-07"
        shown = footer(app)
        assert shown["Next day"] == "→"
        # In its place, second after `? Help`, not pushed to the end where 80 columns cut it.
        assert list(shown)[:2] == ["Help", "Next day"]
        assert app.reader.query_one(DayView).has_focus
        await pilot.press("right")
        await pilot.pause()
        assert app.reader.current is not None and app.reader.current.date.isoformat() == "2022-02-08"
        rows = await help_rows(pilot)
        assert rows["day.next"] == ("→", "Next day")


async def test_a_config_key_beats_the_default_binding_of_the_same_key(seeds: Path) -> None:
    app = with_keys(seeds, {"search": "s", "day.previous": "enter"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert app.reader.query_one(DayView).has_focus
        await pilot.press("enter")  # the pane's own Enter (unfold) lost the key
        await pilot.pause()
        assert app.reader.current is not None and app.reader.current.date.isoformat() == "2022-02-07"
        rows = await help_rows(pilot)
        assert rows["speakers"] == (UNBOUND, "Speakers") and rows["pane.unfold"] == (UNBOUND, "Unfold")
        assert rows["search"][0] == "s"
        await pilot.press("escape")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_quit_is_remappable(seeds: Path) -> None:
    app = with_keys(seeds, {"quit": "x"})
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        assert footer(app)["Quit"] == "x"
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running
        await pilot.press("x")
    assert app.return_code == 0


async def test_tab_is_remappable(seeds: Path) -> None:
    app = with_keys(seeds, {"focus.next": "ctrl+n", "focus.previous": "ctrl+b"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        pane, sidebar = app.reader.query_one(DayView), app.reader.query_one(DateSidebar)
        assert pane.has_focus
        await pilot.press("tab")
        await pilot.pause()
        assert pane.has_focus
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert sidebar.has_focus
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert pane.has_focus
        rows = await help_rows(pilot)
        assert rows["focus.next"] == ("^n", "Next pane")


async def test_paging_and_the_palette_are_remappable(seeds: Path) -> None:
    app = with_keys(seeds, {"pane.page_down": "space", "palette": "f2", "pane.top": "ctrl+home"})
    # Wide enough for the footer to show the palette's key (a narrow one leaves it to the help).
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        pane = app.reader.query_one(DayView)
        await pilot.press("o")
        await pilot.pause()
        pane.cursor = 0
        await pilot.press("space")
        await pilot.pause()
        assert pane.cursor > 1
        await pilot.press("home")  # no longer the pane's
        await pilot.pause()
        assert pane.cursor > 1
        await pilot.press("ctrl+home")
        await pilot.pause()
        assert pane.cursor == 0
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert not CommandPalette.is_open(app)
        await pilot.press("f2")
        await pilot.pause()
        assert CommandPalette.is_open(app)


async def test_the_keys_of_the_other_screens_are_remappable(seeds: Path) -> None:
    app = with_keys(seeds, {"search.regex": "ctrl+x", "search.close": "ctrl+w", "help": "f1"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert screen.query_one("#regex").value  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("ctrl+w")
        await pilot.pause()
        assert app.screen is app.reader
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_typing_a_remapped_letter_in_the_search_field_types_it(seeds: Path) -> None:
    app = with_keys(seeds, {"day.next": "x"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("slash", "x")
        await pilot.pause()
        assert app.screen.query_one("#query", Input).value == "x"


async def test_below_70_columns_a_key_brings_the_days_back(seeds: Path) -> None:
    app = make_app(load([seeds]))
    async with app.run_test(size=(60, 20)) as pilot:
        await settled(pilot)
        sidebar = app.reader.query_one(DateSidebar)
        assert sidebar.has_class("-folded") and footer(app)["Days"] == "t"
        await pilot.press("t")
        await pilot.pause()
        assert not sidebar.has_class("-folded") and sidebar.has_focus and "Days" not in footer(app)
        await pilot.press("k", "enter")
        await pilot.pause()
        # The day picked, the list folds away again and the day has the room.
        assert sidebar.has_class("-folded") and app.reader.query_one(DayView).has_focus
        assert app.reader.current is not None and app.reader.current.date.isoformat() == "2022-02-07"


async def test_wide_the_same_key_hides_and_shows_the_days(seeds: Path) -> None:
    app = make_app(load([seeds]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        sidebar = app.reader.query_one(DateSidebar)
        assert not sidebar.has_class("-folded") and "Days" not in footer(app)
        await pilot.press("t")
        await pilot.pause()
        assert sidebar.has_class("-folded")
        await pilot.press("t")
        await pilot.pause()
        assert not sidebar.has_class("-folded")


async def test_the_help_names_the_palette_s_key_as_the_config_has_it(seeds: Path) -> None:
    from textual.widgets import Static

    app = with_keys(seeds, {"palette": "f2"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        rows = await help_rows(pilot)
        assert rows["palette"][0] == "f2"
        said = " ".join(str(static.render()) for static in app.screen.query(Static))
        assert "f2 opens the command palette" in said and "ctrl+p" not in said
