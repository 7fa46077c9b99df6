"""Fetching every subscription from inside the reader: the ``sources.fetch`` key and the config's ``fetch_every``.

The fetch runs in a thread worker, several feeds at once, with its progress on the reader's status line; what it
writes into the library reaches the screen through the folders' watcher, like any file copied in by hand.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import TYPE_CHECKING, Any

from crisisreader.counts import plural
from crisisreader.sources.library import Library, origin_of
from crisisreader.sources.taken import SourceError

if TYPE_CHECKING:
    from crisisreader.tui.app import ReaderApp

GROUP = "fetch"


def start_fetch(app: ReaderApp, *, quiet: bool = False) -> None:
    """Fetch every subscription unless a fetch is under way; ``quiet`` (the timer) tells only what came in."""
    if any(worker.group == GROUP and worker.is_running for worker in app.workers):
        if not quiet:
            app.notify("Already fetching the subscriptions.", timeout=2)
        return
    app.run_worker(
        lambda: _fetch(app, quiet), thread=True, group=GROUP, exclusive=True, description="fetch the subscriptions"
    )


def _fetch(app: ReaderApp, quiet: bool) -> None:
    # httpx and the feed and page readers load here, on the first fetch, not with the reader.
    from crisisreader.sources.subscriptions import WORKERS, fetch_one, read_subscriptions

    try:
        subscriptions = read_subscriptions()
    except SourceError as error:
        app.call_from_thread(app.notify, str(error), title="Subscriptions", severity="error", markup=False)
        return
    if not subscriptions:
        if not quiet:
            message = "No subscriptions yet: add one with `crisisreader subscribe URL`."
            app.call_from_thread(app.notify, message, timeout=5, markup=False)
        return
    library = Library()
    rows: list[dict[str, Any]] = []
    status = app.reader.set_status
    app.call_from_thread(status, f"Fetching {plural(len(subscriptions), 'subscription')}…")
    with ThreadPoolExecutor(max_workers=min(WORKERS, len(subscriptions))) as pool:
        futures = [pool.submit(fetch_one, subscription, library) for subscription in subscriptions]
        for done in as_completed(futures):
            rows.append(done.result())
            app.call_from_thread(status, f"Fetching subscriptions: {len(rows):,} of {len(subscriptions):,} done…")
    app.call_from_thread(status, "")
    app.call_from_thread(_tell, app, rows, quiet, library)


def _tell(app: ReaderApp, rows: list[dict[str, Any]], quiet: bool, library: Library) -> None:
    for row in rows:
        if row["status"] == "failed":
            app.notify(f"{row['url']}: {row['error']}", title="Fetch failed", severity="warning", markup=False)
    added = sum(int(row["added"]) for row in rows)
    updated = sum(int(row["updated"]) for row in rows)
    if quiet and not added and not updated:
        return
    summary = fetched_summary(len(rows), added, updated)
    opened = {path.resolve() for path in app.reader.library.paths}
    if (added or updated) and opened and library.root.resolve() not in opened:
        summary += f" They are in {library.root}, which this reader did not open."
    app.notify(summary, title="Fetched", timeout=6, markup=False)


def fetched_summary(feeds: int, added: int, updated: int) -> str:
    count = plural

    if not added and not updated:
        return f"{count(feeds, 'subscription')} fetched: nothing new."
    return f"{count(feeds, 'subscription')} fetched: {count(added, 'new day')}, {updated:,} updated."


def source_url(path: str) -> str | None:
    """The address a library day was taken in from, when it has one a browser can open."""
    origin = origin_of(path)
    url = str(origin.get("url") or "") if origin else ""
    return url if url.startswith(("http://", "https://")) else None
