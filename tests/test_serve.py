"""The reader served to browsers: textual-serve runs it, the printed address opens it, a token guards it off loopback.

Every server here is a real one on 127.0.0.1; the websocket is read the way the page's xterm.js reads it.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from crisisreader.cli import main
from crisisreader.serve import TOKEN_COOKIE, ServePlan, ServeRefused, plan_serve, start

LATEST = b"2022-02-08"


async def read_screen_until(ws: aiohttp.ClientWebSocketResponse, needle: bytes) -> bytes:
    """What the reader draws (binary frames), until ``needle`` is among it; a hang guard ends a reader that never
    draws it (not a timed assertion: the assertion is on what was drawn)."""
    drawn = bytearray()

    async def read() -> None:
        async for message in ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                drawn.extend(message.data)
                if needle in drawn:
                    return

    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(read(), 120)
    assert needle in drawn, f"{needle!r} never drawn; the reader drew {bytes(drawn[-400:])!r}"
    return bytes(drawn)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclasses.dataclass
class Served:
    process: subprocess.Popen[str]
    first_line: str


@pytest.fixture
def served(request: pytest.FixtureRequest) -> Iterator[Served]:
    """``crisisreader serve`` with the test's arguments, started as a user starts it; its first line is read at
    once (the address is printed and flushed before anyone connects)."""
    args: list[str] = request.param
    env = {**os.environ, "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "crisisreader", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    watchdog = threading.Timer(120, process.kill)
    watchdog.start()
    try:
        first = process.stdout.readline().strip()
    finally:
        watchdog.cancel()
    try:
        yield Served(process, first)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        finally:
            process.kill()


@pytest.mark.parametrize("served", [["--token", "s3cret"]], indirect=True)
async def test_serve_prints_its_address_and_asks_for_its_token(served: Served) -> None:
    assert served.first_line.startswith("http://127.0.0.1:") and served.first_line.endswith("/?token=s3cret")
    base = served.first_line.split("?")[0]
    ws_url = base.replace("http://", "ws://") + "ws?width=100&height=30"
    async with aiohttp.ClientSession() as anonymous:
        async with anonymous.get(base) as response:
            assert response.status == 403
            assert "token" in await response.text()
        async with anonymous.get(base + "?token=wrong") as response:
            assert response.status == 403
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await anonymous.ws_connect(ws_url)
        assert refused.value.status == 403
    # Like a browser, it keeps cookies from an address given by number (aiohttp's default jar does not).
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as browser:
        async with browser.get(served.first_line) as response:
            assert response.status == 200
            page = await response.text()
            # The page hands the browser the websocket it connects to; the cookie set here lets it in.
            assert f'data-session-websocket-url="{base.replace("http://", "ws://")}ws"' in page
            assert TOKEN_COOKIE in response.cookies
        async with browser.ws_connect(ws_url) as ws:
            await read_screen_until(ws, LATEST)
    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(timeout=60) == 0


def test_textual_serve_runs_the_reader_as_its_command() -> None:
    """Issue #14: textual-serve's own Server, with ``crisisreader`` as its command, shows the reader (it used to
    print the days table on the pipes, and the page said 'Application failed to start')."""
    port = free_port()
    command = f"{sys.executable} -m crisisreader"
    code = f"from textual_serve.server import Server; Server({command!r}, host='127.0.0.1', port={port}).serve()"
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    stdout = process.stdout

    async def connect_and_read() -> bytes:
        async with aiohttp.ClientSession() as session:
            for _ in range(600):  # until it listens: the server prints its banner before it binds
                try:
                    ws = await session.ws_connect(f"ws://127.0.0.1:{port}/ws?width=100&height=30")
                    break
                except aiohttp.ClientConnectorError:
                    await asyncio.sleep(0.1)
            else:
                raise AssertionError("textual-serve never listened")
            async with ws:
                return await read_screen_until(ws, LATEST)

    try:
        drawn = asyncio.run(connect_and_read())
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        finally:
            process.kill()
    assert LATEST in drawn
    assert b"Application failed to start" not in stdout.read()


def test_off_loopback_a_token_is_always_asked_for() -> None:
    public = plan_serve([], host="0.0.0.0")
    assert public.token and len(public.token) >= 20
    assert any("anyone who can reach" in w for w in public.warnings)
    assert any("--public-url" in w for w in public.warnings)
    assert plan_serve([], host="192.0.2.7", token="mine").token == "mine"
    assert plan_serve([], host="192.0.2.7").token != plan_serve([], host="192.0.2.7").token
    proxied = plan_serve([], public_url="https://reader.example.net/")
    assert proxied.host == "127.0.0.1" and proxied.token and any("anyone who can reach" in w for w in proxied.warnings)
    local = plan_serve([])
    assert (local.host, local.token, local.warnings) == ("127.0.0.1", None, ())
    assert plan_serve([], host="::1").token is None and plan_serve([], host="localhost").token is None


@pytest.mark.parametrize(
    ("kwargs", "said"),
    [
        ({"port": 70000}, "not a port"),
        ({"token": ""}, "a token is"),
        ({"token": "with space"}, "a token is"),
        ({"public_url": "example.org:8000"}, "--public-url"),
    ],
)
def test_plan_refuses_what_cannot_be_served(kwargs: dict[str, object], said: str) -> None:
    with pytest.raises(ServeRefused, match=said):
        plan_serve([], **kwargs)  # type: ignore[arg-type]


def test_serve_command_names_a_missing_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(["serve", str(tmp_path / "nowhere")])
    assert code == 2
    assert "no such file or folder" in capsys.readouterr().err


async def test_a_plan_made_for_every_address_refuses_without_its_token() -> None:
    """The plan for 0.0.0.0, bound here on 127.0.0.1 (tests listen on loopback only): no token, no reader."""
    plan = dataclasses.replace(plan_serve([], host="0.0.0.0"), host="127.0.0.1", port=0)
    running = await start(plan)
    try:
        assert plan.token is not None and running.page_url.endswith(f"?token={plan.token}")
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            for path in ("/", "/ws", "/static/js/textual.js"):
                async with session.get(running.base_url + path) as response:
                    assert response.status == 403, path
            async with session.get(running.page_url) as response:
                assert response.status == 200
            async with session.get(running.base_url + "/static/js/textual.js") as response:
                assert response.status == 200  # with the cookie the page set
    finally:
        await running.runner.cleanup()


async def test_loopback_without_token_refuses_other_names_and_pages() -> None:
    """A page elsewhere cannot reach a loopback reader, by a name that resolves to 127.0.0.1 or by a websocket."""
    running = await start(ServePlan(plan_serve([]).command, "127.0.0.1", 0, None, None))
    port = running.base_url.rsplit(":", 1)[1]
    try:
        async with aiohttp.ClientSession() as session:
            async with session.get(running.page_url) as response:
                assert response.status == 200
            async with session.get(f"http://localhost:{port}/") as response:
                assert response.status == 200
            async with session.get(running.page_url, headers={"Host": f"rebound.example:{port}"}) as response:
                assert response.status == 403
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(running.base_url + "/ws", headers={"Origin": "http://elsewhere.example"})
            assert refused.value.status == 403
    finally:
        await running.runner.cleanup()
