"""The reader in a real browser: headless Chromium (Debian's package) opens what ``crisisreader serve`` printed, and
the keys go through xterm.js to the reader.

The screen is read from the websocket frames the page receives (xterm.js draws on a canvas). Chromium missing is a
failure that says how to install it, never a skip: `.ci/run` installs it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, WebSocket, sync_playwright

CHROMIUM = Path(os.environ.get("CRISISREADER_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOT = Path(__file__).resolve().parents[1] / "screenshots" / "serve.png"


CONTROL = re.compile(r"\x1b\[[0-9;?$]*[A-Za-z]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)")


class Screen:
    """Everything the reader has drawn into the page, as text: its escape sequences (colours, cursor moves) taken
    out, so the words of a line read as they do on screen."""

    def __init__(self) -> None:
        self.drawn = ""

    def watch(self, ws: WebSocket) -> None:
        def received(payload: str | bytes) -> None:
            if isinstance(payload, bytes):
                self.drawn += payload.decode("utf-8", "replace")

        ws.on("framereceived", received)

    def mark(self) -> int:
        return len(self.drawn)

    def wait_for(self, page: Page, pattern: str, since: int = 0) -> re.Match[str]:
        """Wait until the reader has drawn ``pattern`` (after ``since``); a hang guard ends the wait, and the test
        fails on what was drawn."""
        for _ in range(1200):
            if found := re.search(pattern, CONTROL.sub("", self.drawn[since:])):
                return found
            page.wait_for_timeout(100)
        tail = CONTROL.sub("", self.drawn[since:])[-600:]
        raise AssertionError(f"the reader never drew {pattern!r}; it drew {tail!r}")


@pytest.fixture
def address() -> Iterator[str]:
    """``crisisreader serve`` on a free loopback port, with a token (the page must carry it through its cookie)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "crisisreader", "serve", "--port", "0", "--token", "browser-test"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    watchdog = threading.Timer(120, process.kill)
    watchdog.start()
    try:
        url = process.stdout.readline().strip()
    finally:
        watchdog.cancel()
    assert url.startswith("http://127.0.0.1:"), url
    try:
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        finally:
            process.kill()


def test_the_reader_in_headless_chromium(address: str, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.fail(
            f"no Chromium at {CHROMIUM}: the browser test needs it. Install it with `apt-get install -y chromium` "
            "(Debian; .ci/run does this when it runs as root), or set CRISISREADER_CHROMIUM to a Chromium binary."
        )
    screen = Screen()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--headless", "--disable-gpu"]
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 760}, accept_downloads=True)
            # The page asks Google for a web font; there is no internet here, and xterm.js falls back to monospace.
            page.route(re.compile(r"^https://fonts\.(googleapis|gstatic)\.com/"), lambda route: route.abort())
            page.on("websocket", screen.watch)
            page.goto(address)
            screen.wait_for(page, r"2022-02-08")
            screen.wait_for(page, r"Feb\. 8: What you need to know today")
            page.wait_for_selector("body.-first-byte")
            page.click("#terminal")
            shot = tmp_path / "serve.png"
            page.screenshot(path=str(shot))
            assert shot.read_bytes().startswith(b"\x89PNG")
            if os.environ.get("CRISISREADER_SAVE_SCREENSHOT"):
                shutil.copyfile(shot, SCREENSHOT)

            since = screen.mark()
            page.keyboard.press("p")
            screen.wait_for(page, r"Feb\. 7: What you need to know today", since)
            since = screen.mark()
            page.keyboard.press("n")
            screen.wait_for(page, r"Feb\. 8: What you need to know today", since)

            since = screen.mark()
            page.keyboard.press("/")
            screen.wait_for(page, r"Search every day", since)
            page.keyboard.type("peskov", delay=50)
            found = screen.wait_for(page, r"(\d+) paragraphs? for “peskov”", since)
            assert found.group(1) == "2"  # as `crisisreader search peskov` finds
            screen.wait_for(page, r"Dmitry Peskov", since)

            # Escape alone, then q: pressed together they would read as alt+q.
            since = screen.mark()
            page.keyboard.press("Escape")
            screen.wait_for(page, r"Feb\. 8: What you need to know today", since)
            # c: the quotation under the cursor, through xterm.js to the browser's clipboard (a loopback page may).
            page.context.grant_permissions(["clipboard-read", "clipboard-write"])
            since = screen.mark()
            page.keyboard.press("j")
            page.keyboard.press("c")
            screen.wait_for(page, r"Copied", since)
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied.startswith("“escalate” — Emmanuel Macron"), copied

            # e: the day as Markdown, a download the browser receives from the server.
            with page.expect_download() as download:
                page.keyboard.press("e")
            assert download.value.suggested_filename == "seeds-2022-02-08.md"
            saved = Path(download.value.path()).read_text(encoding="utf-8")
            assert saved.startswith("# seeds · 2022-02-08\n\n*Feb. 8: What you need to know today*")

            page.keyboard.press("q")
            # The reader quits, the server closes the websocket, and the page says the session ended.
            page.wait_for_selector("body.-closed", timeout=60_000)
        finally:
            browser.close()
