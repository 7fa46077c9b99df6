"""Subscriptions (``$XDG_CONFIG_HOME/crisisreader/subscriptions.yaml``, hand-editable), OPML in and out, and
fetching every subscription at once into the library."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crisisreader import yamlio
from crisisreader.sources.fetch import fetch
from crisisreader.sources.intake import Options, read_source
from crisisreader.sources.library import Library, slug, write_atomic
from crisisreader.sources.taken import SourceError

WORKERS = 8


def subscriptions_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".config"
    return root / "crisisreader" / "subscriptions.yaml"


@dataclass(frozen=True, slots=True)
class Subscription:
    series: str
    url: str


def read_subscriptions(path: Path | None = None) -> list[Subscription]:
    """The subscriptions; a missing file is none, a bad one a SourceError naming the file."""
    path = path or subscriptions_path()
    try:
        data = yamlio.load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise SourceError(f"{path}: cannot be read ({error})") from None
    rows = (data or {}).get("subscriptions") if isinstance(data, dict) else None
    if rows is None:
        return []
    if not isinstance(rows, list):
        raise SourceError(f"{path}: 'subscriptions' must be a list of {{series, url}}")
    out = []
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("url"), str):
            raise SourceError(f"{path}: every subscription needs a url, like '- url: https://example.org/feed'")
        out.append(Subscription(slug(str(row.get("series") or _host(row["url"]))), row["url"]))
    return out


def write_subscriptions(subscriptions: list[Subscription], path: Path | None = None) -> None:
    rows = [{"series": s.series, "url": s.url} for s in subscriptions]
    write_atomic(path or subscriptions_path(), yamlio.dump({"subscriptions": rows}))


def _host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0].removeprefix("www.")


def subscribe(url: str, series: str | None, path: Path | None = None) -> Subscription:
    current = read_subscriptions(path)
    chosen = Subscription(slug(series or _host(url)), url)
    if not any(s.url == url for s in current):
        write_subscriptions([*current, chosen], path)
        return chosen
    return next(s for s in current if s.url == url)


def unsubscribe(series: str, path: Path | None = None) -> bool:
    current = read_subscriptions(path)
    kept = [s for s in current if s.series != series]
    if len(kept) == len(current):
        return False
    write_subscriptions(kept, path)
    return True


def from_opml(data: bytes, source: str) -> list[Subscription]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise SourceError(f"not OPML ({error})") from None
    found = []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl")
        if url:
            found.append(Subscription(slug(outline.get("title") or outline.get("text") or _host(url)), url))
    if not found:
        raise SourceError("no feed (outline with xmlUrl) in the OPML file")
    return found


def to_opml(subscriptions: list[Subscription]) -> str:
    root = ET.Element("opml", version="2.0")
    ET.SubElement(ET.SubElement(root, "head"), "title").text = "crisisreader subscriptions"
    body = ET.SubElement(root, "body")
    for s in subscriptions:
        ET.SubElement(body, "outline", type="rss", text=s.series, title=s.series, xmlUrl=s.url)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def fetch_one(subscription: Subscription, library: Library, timeout: float = 10.0) -> dict[str, Any]:
    """One subscription into the library: ``{series, url, status, added, updated, unchanged, error}``."""
    row: dict[str, Any] = {"series": subscription.series, "url": subscription.url, "status": "ok"}
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    try:
        with library.locked(subscription.series) as record:
            state = dict(record.feeds.get(subscription.url, {}))
        got = fetch(subscription.url, str(state.get("etag", "")), str(state.get("last_modified", "")), timeout)
        if got.body is None:
            row["status"] = "unchanged"
        else:
            _, taken, origin = read_source(subscription.url, Options(series=subscription.series), got)
            for written in library.put(subscription.series, taken, origin):
                counts[written.status] += 1
            with library.locked(subscription.series) as record:
                record.feeds[subscription.url] = {"etag": got.etag, "last_modified": got.last_modified}
            if not counts["added"] and not counts["updated"]:
                row["status"] = "unchanged"
        row["error"] = ""
    except SourceError as error:
        row.update(status="failed", error=str(error))
    except OSError as error:
        row.update(status="failed", error=f"cannot write: {error}")
    return {**row, **counts}


def fetch_all(
    subscriptions: list[Subscription],
    library: Library,
    timeout: float = 10.0,
    done: Callable[[dict[str, Any]], None] | None = None,
) -> list[dict[str, Any]]:
    """Every subscription, several at once, in the given order; one that fails never stops the others.

    ``done`` hears of each as it ends (from the fetching threads), for progress.
    """
    if not subscriptions:
        return []

    def one(subscription: Subscription) -> dict[str, Any]:
        row = fetch_one(subscription, library, timeout)
        if done is not None:
            done(row)
        return row

    with ThreadPoolExecutor(max_workers=min(WORKERS, len(subscriptions))) as pool:
        return list(pool.map(one, subscriptions))
