"""The reader in a web browser: textual-serve runs one reader process per browser tab (xterm.js over a websocket),
and a guard in front of it asks for a token wherever the address can be reached from other machines.

textual-serve (and the Rich and aiohttp it brings) is imported only when a server is started.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import secrets
import shlex
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from aiohttp import web

TOKEN_PARAMETER = "token"
TOKEN_COOKIE = "crisisreader-token"
# Set (to "download") for each reader a browser reaches over plain http beyond loopback, where the browser keeps
# its clipboard from the page: the reader then offers what ``c`` copies as a download.
CLIPBOARD_ENV = "CRISISREADER_CLIPBOARD"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")

Handler = Callable[["web.Request"], Awaitable["web.StreamResponse"]]


class ServeRefused(ValueError):
    """An address, port, token or path the reader will not be served with; said in one line."""


@dataclass(frozen=True, slots=True)
class ServePlan:
    """What ``crisisreader serve`` runs: the reader's command line, where it listens, and who may come in."""

    command: str
    host: str
    port: int
    token: str | None
    public_url: str | None
    warnings: tuple[str, ...] = ()

    def page_url(self, base: str) -> str:
        """The address to open: the page, with the token when one is asked for."""
        url = base.rstrip("/") + "/"
        return f"{url}?{TOKEN_PARAMETER}={self.token}" if self.token else url


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def reader_command(paths: Sequence[Path], clipboard: bool = True) -> str:
    """The shell command each browser tab runs: this Python's reader, asked for by name (so it opens on the pipes
    textual-serve gives it), on absolute paths (the server may be started from anywhere)."""
    command = shlex.join([sys.executable, "-m", "crisisreader", "read", *(str(p.resolve()) for p in paths)])
    return command if clipboard else f"{CLIPBOARD_ENV}=download {command}"


def clipboard_allowed(host: str, public_url: str | None) -> bool:
    """Browsers give the clipboard only to a secure context: a page on https, or on http from a loopback name."""
    if public_url is not None:
        parts = urlsplit(public_url)
        return parts.scheme == "https" or is_loopback(parts.hostname or "")
    return is_loopback(host)


def plan_serve(
    paths: Sequence[Path],
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    public_url: str | None = None,
) -> ServePlan:
    """Check what was asked for. Off loopback a token is always asked for (one is made when none is given): the
    reader shows every briefing and bookmark it can read to whoever reaches the address."""
    if not 0 <= port <= 65535:
        raise ServeRefused(f"not a port: {port}")
    for path in paths:
        if not path.exists():
            raise ServeRefused(f"no such file or folder: {path}")
    if token is not None and (not token or not token.isascii() or not all(c.isalnum() or c in "-_." for c in token)):
        raise ServeRefused("a token is letters, digits, '-', '_' or '.', and not empty")
    if public_url is not None:
        parts = urlsplit(public_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ServeRefused(f"--public-url is an http:// or https:// address: {public_url!r}")
    warnings: list[str] = []
    # A public URL elsewhere means a proxy hands the reader on to other machines, though we listen on loopback.
    public_host = urlsplit(public_url).hostname or "" if public_url else host
    if not is_loopback(host) or not is_loopback(public_host):
        warnings.append(
            f"served at {public_url or host}: anyone who can reach this address and has the token can read the "
            "briefings and bookmarks the reader opens"
        )
        if token is None:
            token = secrets.token_urlsafe(18)
        if public_url is None and host in ("0.0.0.0", "::"):
            warnings.append("browsers on other machines need --public-url with the address they reach this one by")
    command = reader_command(paths, clipboard=clipboard_allowed(host, public_url))
    return ServePlan(command, host, port, token, public_url, tuple(warnings))


def guard(token: str | None, allowed_hosts: Callable[[], set[str]]) -> Callable[..., Awaitable[web.StreamResponse]]:
    """An aiohttp middleware in front of textual-serve's routes.

    With a token: a request carries it in the URL (the page, which then sets it as a cookie) or in that cookie (the
    websocket, scripts and downloads the page asks for: their URLs are textual-serve's and cannot carry it).
    Without one (loopback only): the Host must be a loopback name, so a web page elsewhere cannot reach the reader
    through a name that resolves to 127.0.0.1. Always: a browser's websocket must come from the reader's own page.
    """
    from aiohttp import web

    def refuse(why: str) -> web.HTTPForbidden:
        return web.HTTPForbidden(text=f"crisisreader: {why}\n")

    @web.middleware
    async def check(request: web.Request, handler: Handler) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        upgrade = request.headers.get("Upgrade", "").lower()
        if origin is not None and upgrade == "websocket" and urlsplit(origin).netloc.lower() != request.host.lower():
            raise refuse("the reader's websocket is for the reader's own page")
        from_url = request.query.get(TOKEN_PARAMETER)
        if token is None:
            if request.host.lower() not in allowed_hosts():
                raise refuse(f"not served under the name {request.host!r}; open the address crisisreader printed")
            return await handler(request)
        if from_url is not None and hmac.compare_digest(from_url.encode(), token.encode()):
            response = await handler(request)
            if not response.prepared:
                response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="Strict", path="/")
            return response
        from_cookie = request.cookies.get(TOKEN_COOKIE)
        if from_cookie is not None and hmac.compare_digest(from_cookie.encode(), token.encode()):
            return await handler(request)
        raise refuse("this reader asks for its token: open the address `crisisreader serve` printed, with ?token=")

    return check


@dataclass(frozen=True, slots=True)
class Running:
    """A server listening: its runner (to stop it) and the address it prints."""

    runner: web.AppRunner
    base_url: str
    page_url: str


async def start(plan: ServePlan) -> Running:
    """Listen as the plan says and return once bound (``port`` 0 takes a free one)."""
    from aiohttp import web
    from textual_serve.server import Server

    class ReaderServer(Server):
        async def _make_app(self) -> web.Application:
            # textual-serve offers no public hook before its application is frozen; its routes are kept as they are.
            app = await super()._make_app()
            app.middlewares.append(guard(plan.token, allowed))
            return app

        async def on_startup(self, app: web.Application) -> None:
            # Its banner would go to our stdout, where a script reads the one line with the address.
            return None

    server = ReaderServer(plan.command, plan.host, plan.port, title="crisisreader", public_url=plan.public_url)
    port_box: list[int] = [plan.port]

    def allowed() -> set[str]:
        names = {f"{name}:{port_box[0]}" for name in LOOPBACK_NAMES}
        return names | {urlsplit(server.public_url).netloc.lower()}

    runner = web.AppRunner(await server._make_app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, plan.host, plan.port)
    try:
        await site.start()
    except OSError:
        await runner.cleanup()
        raise
    port_box[0] = int(runner.addresses[0][1])
    if plan.public_url is None:
        server.public_url = f"http://{_url_host(plan.host)}:{port_box[0]}"
    return Running(runner, server.public_url, plan.page_url(server.public_url))


def serve(plan: ServePlan, out: TextIO = sys.stdout) -> int:
    """Serve until Ctrl+C or SIGTERM; the address is printed (and flushed) as soon as the server listens."""

    async def run() -> int:
        try:
            running = await start(plan)
        except OSError as error:
            print(f"crisisreader: cannot listen on {plan.host}:{plan.port}: {error.strerror or error}", file=sys.stderr)
            return 2
        print(running.page_url, file=out, flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        try:
            await stop.wait()
        finally:
            # Each tab's reader is told to quit and saves what it remembers.
            await running.runner.cleanup()
        return 0

    return asyncio.run(run())
