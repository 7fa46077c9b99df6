"""The sources' commands end to end: add, subscribe, fetch against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

from crisisreader.cli import main
from crisisreader.load import load

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
ETAG = '"brief-v1"'


class Handler(BaseHTTPRequestHandler):
    hits: ClassVar[list[tuple[str, str]]] = []
    slow: ClassVar[threading.Event] = threading.Event()
    live_version: ClassVar[int] = 0

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, kind: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        Handler.hits.append((self.path, self.headers.get("If-None-Match", "")))
        if self.path == "/brief.rss":
            if self.headers.get("If-None-Match") == ETAG:
                self.send_response(304)
                self.end_headers()
                return
            body = gzip.compress((FIXTURES / "daily.rss").read_bytes())
            self._send(200, body, "application/rss+xml", ETag=ETAG, Content_Encoding="gzip")
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/wire.atom")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/wire.atom":
            self._send(200, (FIXTURES / "wire.atom").read_bytes(), "application/atom+xml")
        elif self.path == "/2024/03/12/key-events":
            self._send(200, (FIXTURES / "key_events.html").read_bytes(), "text/html; charset=utf-8")
        elif self.path == "/live":
            Handler.live_version += 1
            page = (FIXTURES / "key_events.html").read_text()
            if Handler.live_version > 1:
                page = page.replace(
                    "<h2>Diplomacy</h2>",
                    "<p>A third patrol boat joined the other two at the breakwater shortly before noon.</p>"
                    "<h2>Diplomacy</h2>",
                )
            self._send(200, page.encode(), "text/html; charset=utf-8")
        elif self.path == "/latin1":
            body = (FIXTURES / "key_events.html").read_text().replace("Neighbouring", "Nachbarhäfen: neighbouring")
            self._send(200, body.encode("cp1252"), "text/html")
        elif self.path == "/slow":
            Handler.slow.wait(5)
            self._send(200, b"late", "text/plain")
        elif self.path == "/huge":
            self._send(200, b"x" * (21 * 1024 * 1024), "application/rss+xml")
        else:
            self._send(500, b"broken", "text/plain")


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # The client hanging up on the huge and slow bodies is what those tests ask for.
        pass


@pytest.fixture
def server() -> Iterator[str]:
    Handler.hits = []
    Handler.live_version = 0
    Handler.slow.clear()
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.slow.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "data" / "crisisreader" / "library"


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, object]], str]:
    code = main([*argv, "--json"])
    out = capsys.readouterr()
    return code, json.loads(out.out), out.err


def test_add_files_then_again_is_unchanged(capsys: pytest.CaptureFixture[str], homes: Path) -> None:
    sources = [str(FIXTURES / n) for n in ("key_events.html", "daily.rss", "newsletter.eml")]
    code, rows, _ = run_json(capsys, "add", *sources)
    assert code == 0 and [r["status"] for r in rows] == ["added"] * 4
    assert {r["series"] for r in rows} == {"the-northern-ledger", "the-varnsund-morning-brief", "harbour-watch"}
    assert all(Path(str(r["path"])).is_absolute() and Path(str(r["path"])).exists() for r in rows)
    code, rows, _ = run_json(capsys, "add", *sources)
    assert code == 0 and [r["status"] for r in rows] == ["unchanged"] * 4
    assert len(load([homes]).briefings) == 4


def test_add_with_series_and_library(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lib = tmp_path / "elsewhere"
    code, rows, _ = run_json(
        capsys, "add", str(FIXTURES / "wire.atom"), "--series", "Harbour Wire", "--library", str(lib)
    )
    assert code == 0 and {r["series"] for r in rows} == {"harbour-wire"}
    assert sorted(p.name for p in (lib / "harbour-wire").glob("*.txt")) == ["2024-03-12.txt", "2024-03-13.txt"]


def test_bad_sources_are_named_and_the_others_still_go_in(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.rss"
    broken.write_text("<rss><channel><item><title>cut short")
    undated = tmp_path / "undated.html"
    undated.write_text(
        "<html><body><article>"
        + "<p>A long enough paragraph of article text here.</p>" * 8
        + "</article></body></html>"
    )
    code, rows, err = run_json(capsys, "add", str(broken), str(undated), str(FIXTURES / "wire.atom"))
    assert code == 1
    assert [r["status"] for r in rows] == ["failed", "failed", "added", "added"]
    assert f"{broken}: error: not a readable feed (malformed XML" in err
    assert f"{undated}: error: no date found" in err and "--date" in err
    assert "Traceback" not in err
    code, rows, _ = run_json(capsys, "add", str(undated), "--date", "2024-03-10")
    assert code == 0 and rows[0]["date"] == "2024-03-10"
    code, rows, _ = run_json(capsys, "add", str(broken))
    assert code == 2 and rows[0]["error"]


def test_add_a_url_of_a_page(capsys: pytest.CaptureFixture[str], server: str) -> None:
    code, rows, _ = run_json(capsys, "add", f"{server}/2024/03/12/key-events")
    assert code == 0 and rows[0]["date"] == "2024-03-12" and rows[0]["series"] == "the-northern-ledger"


def test_subscribe_fetch_read_with_a_304_on_the_second_fetch(
    capsys: pytest.CaptureFixture[str], server: str, homes: Path
) -> None:
    assert main(["subscribe", f"{server}/brief.rss", "--series", "Morning Brief"]) == 0
    assert main(["subscribe", f"{server}/moved"]) == 0
    capsys.readouterr()
    code, rows, _ = run_json(capsys, "fetch")
    assert code == 0
    by = {r["series"]: r for r in rows}
    assert by["morning-brief"]["added"] == 2 and by["morning-brief"]["status"] == "ok"
    assert by["127-0-0-1"]["added"] == 2
    code, rows, _ = run_json(capsys, "fetch", "morning-brief")
    assert rows == [
        {
            "series": "morning-brief",
            "url": f"{server}/brief.rss",
            "status": "unchanged",
            "error": "",
            "added": 0,
            "updated": 0,
            "unchanged": 0,
        }
    ]
    assert ("/brief.rss", ETAG) in Handler.hits
    corpus = load([homes])
    assert {b.series for b in corpus.briefings} == {"morning-brief", "127-0-0-1"}
    assert main(["diff", "2024-03-13", str(homes / "morning-brief"), "--json"]) == 0
    diffs = json.loads(capsys.readouterr().out)
    assert diffs[0]["to"] == "2024-03-13" and diffs[0]["from"] == "2024-03-12" and diffs[0]["items"]["new"] == 5


def test_one_failing_feed_never_stops_the_others(capsys: pytest.CaptureFixture[str], server: str) -> None:
    for path in ("/error", "/slow", "/huge", "/wire.atom"):
        main(["subscribe", f"{server}{path}", "--series", path.strip("/").replace(".", "-")])
    main(["subscribe", "http://127.0.0.1:9/refused", "--series", "refused"])
    capsys.readouterr()
    code, rows, err = run_json(capsys, "fetch", "--timeout", "0.5")
    Handler.slow.set()
    by = {r["series"]: r for r in rows}
    assert code == 1
    assert by["wire-atom"]["added"] == 2
    assert by["error"]["error"] == "HTTP 500 Internal Server Error"
    assert "timed out" in str(by["slow"]["error"])
    assert "larger than 20 MB" in str(by["huge"]["error"])
    assert "cannot connect" in str(by["refused"]["error"])
    assert "Traceback" not in err and f"{server}/error: error: HTTP 500" in err


def test_unsubscribe_keeps_files_unless_delete(capsys: pytest.CaptureFixture[str], server: str, homes: Path) -> None:
    main(["subscribe", f"{server}/wire.atom", "--series", "wire"])
    capsys.readouterr()
    main(["fetch", "--quiet"])
    assert capsys.readouterr().out == ""
    assert main(["unsubscribe", "wire"]) == 0
    assert (homes / "wire" / "2024-03-13.txt").exists()
    main(["subscribe", f"{server}/wire.atom", "--series", "wire"])
    assert main(["unsubscribe", "wire", "--delete"]) == 0
    assert "deleted its 2 briefing files" in capsys.readouterr().out
    assert not (homes / "wire").exists()
    assert main(["unsubscribe", "wire"]) == 2


def test_opml_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>'
        '<outline text="News"><outline text="Harbour Wire" type="rss" xmlUrl="http://127.0.0.1:1/wire.atom"/>'
        '<outline text="Brief" type="rss" xmlUrl="http://127.0.0.1:1/brief.rss"/></outline></body></opml>'
    )
    assert main(["subscribe", "--opml", str(opml)]) == 0
    capsys.readouterr()
    code, rows, _ = run_json(capsys, "subscriptions")
    assert code == 0
    assert rows == [
        {"series": "harbour-wire", "url": "http://127.0.0.1:1/wire.atom"},
        {"series": "brief", "url": "http://127.0.0.1:1/brief.rss"},
    ]
    assert main(["subscriptions", "--opml"]) == 0
    assert 'xmlUrl="http://127.0.0.1:1/brief.rss"' in capsys.readouterr().out
    stored = yaml.safe_load((tmp_path / "config" / "crisisreader" / "subscriptions.yaml").read_text())
    assert len(stored["subscriptions"]) == 2
    bad = tmp_path / "bad.opml"
    bad.write_text("<opml><body>")
    assert main(["subscribe", "--opml", str(bad)]) == 2
    assert f"{bad}: error: not OPML" in capsys.readouterr().err


def test_with_no_path_the_library_opens_and_seeds_when_it_is_empty(
    capsys: pytest.CaptureFixture[str], homes: Path
) -> None:
    assert main(["days", "--json"]) == 0
    assert {d["series"] for d in json.loads(capsys.readouterr().out)} == {"seeds"}
    main(["add", str(FIXTURES / "newsletter.eml"), "--json"])
    capsys.readouterr()
    assert main(["days", "--json"]) == 0
    assert {d["series"] for d in json.loads(capsys.readouterr().out)} == {"harbour-watch"}


def test_a_live_page_that_changed_is_a_new_edition_and_diff_edition_shows_it(
    capsys: pytest.CaptureFixture[str], server: str, homes: Path
) -> None:
    code, rows, _ = run_json(capsys, "add", f"{server}/live")
    assert code == 0 and rows[0]["status"] == "added"
    code, rows, _ = run_json(capsys, "add", f"{server}/live")
    assert code == 0 and rows[0]["status"] == "updated" and rows[0]["path"].endswith("2024-03-12.txt")
    folder = homes / "the-northern-ledger"
    assert [p.name for p in (folder / "editions").iterdir()] == ["2024-03-12.1.txt"]
    assert len(load([homes]).briefings) == 1
    code, diffs, _ = run_json(capsys, "diff", "2024-03-12", "--edition", "1")
    assert code == 0
    new = [p["text"] for p in diffs[0]["paragraphs"] if p["status"] == "new"]
    assert new == ["A third patrol boat joined the other two at the breakwater shortly before noon."]
    assert main(["diff", "2024-03-12", "--edition", "2"]) == 2
    assert "no briefing of 2024-03-12 has an edition 2" in capsys.readouterr().err


def test_a_second_page_on_the_same_day_gets_a_numbered_file(
    capsys: pytest.CaptureFixture[str], server: str, homes: Path
) -> None:
    run_json(capsys, "add", str(FIXTURES / "key_events.html"))
    code, rows, _ = run_json(capsys, "add", f"{server}/2024/03/12/key-events")
    assert code == 0 and rows[0]["status"] == "added" and rows[0]["path"].endswith("2024-03-12-2.txt")


def test_a_body_that_is_not_utf8_is_read(capsys: pytest.CaptureFixture[str], server: str) -> None:
    code, rows, _ = run_json(capsys, "add", f"{server}/latin1", "--series", "latin")
    assert code == 0
    assert "Nachbarhäfen" in Path(str(rows[0]["path"])).read_text(encoding="utf-8")


def test_fetch_on_a_terminal_says_when_each_feed_is_done(
    capsys: pytest.CaptureFixture[str], server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["subscribe", f"{server}/brief.rss", "--series", "Morning Brief"]) == 0
    assert main(["subscribe", f"{server}/gone", "--series", "Gone"]) == 0
    capsys.readouterr()
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert main(["fetch"]) == 1
    out = capsys.readouterr()
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.out)
    assert "morning-brief: done" in shown and "gone: failed" in shown and "2/2" in shown
    assert "morning-brief: 2 added, 0 updated, 0 unchanged" in shown
    assert f"{server}/gone: error: HTTP 500" in out.err
