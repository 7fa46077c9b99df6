"""Subscriptions from inside the reader: the fetch key, the config's timer, and a day's way back to its page."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from textual.command import CommandPalette

from crisisreader.config import Config, load_config
from crisisreader.sources.subscriptions import Subscription, write_subscriptions
from crisisreader.tui.app import ReaderApp, make_app
from crisisreader.tui.fetching import start_fetch
from crisisreader.tui.library import work_done
from crisisreader.tui.widgets.day_view import DayView
from crisisreader.tui.widgets.sidebar import DateSidebar

FEED = (Path(__file__).parent / "fixtures" / "sources" / "daily.rss").read_bytes()
ETAG = '"v1"'


class Feed(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        Feed.hits.append(self.path)
        if self.path != "/brief.rss":
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.headers.get("If-None-Match") == ETAG:
            self.send_response(304)
            self.end_headers()
        else:
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", ETAG)
            self.send_header("Content-Length", str(len(FEED)))
            self.end_headers()
            self.wfile.write(FEED)


@pytest.fixture
def server() -> Iterator[str]:
    Feed.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Feed)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("DATA", "CONFIG", "CACHE", "STATE"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(tmp_path / name.lower()))
    root = tmp_path / "data" / "crisisreader" / "library"
    # A series of the user's own is already there, so the reader opens on the library.
    (root / "own").mkdir(parents=True)
    (root / "own" / "2024-03-01.txt").write_text("date 2024-03-01\n\nA day written by hand.\n", encoding="utf-8")
    return root


def notices(app: ReaderApp) -> list[str]:
    return [n.message for n in app._notifications]


async def arrived(app: ReaderApp, pilot: object, series: str) -> bool:
    # The watcher brings the fetched files in; a bounded wait for it, not a timing.
    for _ in range(200):
        if any(b.series == series for b in app.reader.corpus.briefings):
            return True
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    return False


async def test_the_fetch_key_takes_a_served_feed_into_the_reader_and_w_opens_a_day_s_page(
    server: str, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_subscriptions([Subscription("morning-brief", f"{server}/brief.rss")])
    app = make_app(paths=[library])
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(120, 40)) as pilot:
        await work_done(app)
        await pilot.press("w")
        assert opened == [] and any("not taken in from the web" in n for n in notices(app))
        await pilot.press("F")
        await work_done(app)
        assert Feed.hits == ["/brief.rss"]
        assert any("1 subscription fetched: 2 new days, 0 updated." in n for n in notices(app))
        assert await arrived(app, pilot, "morning-brief")
        fetched = [b for b in app.reader.corpus.briefings if b.series == "morning-brief"]
        assert len(fetched) == 2
        app.reader.open_day(fetched[-1].key)
        await pilot.pause()
        assert app.reader.query_one(DateSidebar).current_key == fetched[-1].key
        heading = str(app.reader.query_one(DayView).query_one(".heading").render())
        assert "from http" in heading and "taken in" in heading
        await pilot.press("w")
        assert len(opened) == 1 and opened[0].startswith("http") and opened[0] in heading
        # Again: the server answers 304, and the timer's quiet fetch says nothing when nothing came in.
        before = len(notices(app))
        start_fetch(app, quiet=True)
        await work_done(app)
        assert Feed.hits == ["/brief.rss", "/brief.rss"]
        assert len(notices(app)) == before


async def test_a_fetch_with_no_subscriptions_says_how_to_add_one(library: Path) -> None:
    app = make_app(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await work_done(app)
        await pilot.press("F")
        await work_done(app)
        assert any("crisisreader subscribe URL" in n for n in notices(app))


async def test_a_failing_subscription_is_named_and_the_others_still_come_in(server: str, library: Path) -> None:
    write_subscriptions(
        [Subscription("broken", f"{server}/gone.rss"), Subscription("morning-brief", f"{server}/brief.rss")]
    )
    app = make_app(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await work_done(app)
        await pilot.press("F")
        await work_done(app)
        said = notices(app)
        assert any(n.startswith(f"{server}/gone.rss: ") and "500" in n for n in said)
        assert any("2 subscriptions fetched: 2 new days" in n for n in said)
        assert await arrived(app, pilot, "morning-brief")


@pytest.mark.parametrize(
    ("written", "seconds"), [("30m", 1800.0), ("2h", 7200.0), ("90s", 90.0), ("45", 2700.0), ("1.5h", 5400.0)]
)
def test_fetch_every_reads_a_time(tmp_path: Path, written: str, seconds: float) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(f"theme: nord\nfetch_every: {written}\n", encoding="utf-8")
    config, problems = load_config(path)
    assert problems == [] and config.fetch_every == seconds


@pytest.mark.parametrize("written", ["10s", "soon", "yes", "[30m]", "-5m"])
def test_a_wrong_fetch_every_is_named_with_its_line(tmp_path: Path, written: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(f"theme: nord\nfetch_every: {written}\n", encoding="utf-8")
    config, problems = load_config(path)
    assert config.fetch_every is None
    assert [(p.line, "fetch_every" in p.message) for p in problems] == [(2, True)]


async def test_fetch_every_fetches_on_a_timer_while_the_reader_runs(server: str, library: Path) -> None:
    write_subscriptions([Subscription("morning-brief", f"{server}/brief.rss")])
    app = make_app(paths=[library], config=Config(fetch_every=60.0))
    async with app.run_test(size=(120, 40)) as pilot:
        await work_done(app)
        timers = [t for t in app._timers if t.name == "fetch_every"]
        assert [t._interval for t in timers] == [60.0]
        assert Feed.hits == []
        timers[0]._callback()  # type: ignore[misc]
        await work_done(app)
        assert Feed.hits == ["/brief.rss"]
        assert await arrived(app, pilot, "morning-brief")


async def test_the_base_day_picker_offers_a_day_s_earlier_editions(library: Path) -> None:
    from crisisreader.sources.library import Library
    from crisisreader.sources.taken import Taken

    shelf = Library(library)
    day = dt.date(2024, 3, 12)
    first = ("Two patrol boats stood off the harbour overnight.", "The port stayed shut to ferries.")
    second = (*first, "A third boat joined them at the breakwater before noon.")
    page = "https://example.org/live"
    assert [w.status for w in shelf.put("harbour", [Taken(page, day, first, url=page)])] == ["added"]
    assert [w.status for w in shelf.put("harbour", [Taken(page, day, second, url=page)])] == ["updated"]
    app = make_app(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await work_done(app)
        key = next(b.key for b in app.reader.corpus.briefings if b.series == "harbour")
        app.reader.open_day(key)
        await pilot.pause()
        await pilot.press("D")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"edition 1")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.diff_mode and app.reader.bases == {"harbour": f"{key}@1"}
        current = app.reader.current
        assert current is not None and app.reader.analysis is not None
        diff = app.reader.analysis.diff_against(current, app.reader.bases["harbour"])
        assert diff is not None and diff.base is not None and "editions" in diff.base.path
        statuses = sorted(p.status for p in diff.paragraphs)
        # Every paragraph is an item (the page has no heading): the two the earlier text had are carried over.
        assert statuses == ["carried_over", "carried_over", "new"]
