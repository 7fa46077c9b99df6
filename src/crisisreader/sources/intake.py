"""``add``: each SOURCE (a page, a feed, a mail, a URL of these) into the library, one row per briefing written.

A source that fails leaves the library as it was for it and gives one ``failed`` row; the others still go in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crisisreader.sources.feed import Mode, parse_feed
from crisisreader.sources.fetch import Fetched, fetch
from crisisreader.sources.library import Library, Status, slug
from crisisreader.sources.newsletter import read_messages, taken_from_message
from crisisreader.sources.page import article, page_facts, parsed
from crisisreader.sources.taken import SourceError, Taken, checked_date

PAGE_SUFFIXES = frozenset({".html", ".htm"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
MAIL_SUFFIXES = frozenset({".eml", ".mbox"})


@dataclass(frozen=True, slots=True)
class Row:
    """One line of ``add --json``: ``{source, series, date, path, paragraphs, status}`` and ``error`` if failed."""

    source: str
    series: str
    date: str
    path: str
    paragraphs: int
    status: Status
    error: str = ""

    def to_json(self) -> dict[str, Any]:
        row: dict[str, Any] = {
            "source": self.source,
            "series": self.series,
            "date": self.date,
            "path": self.path,
            "paragraphs": self.paragraphs,
            "status": self.status,
        }
        if self.status == "failed":
            row["error"] = self.error
        return row


@dataclass(frozen=True, slots=True)
class Options:
    series: str | None = None
    date: dt.date | None = None
    mode: Mode = "auto"


def decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Pages that are not UTF-8 are nearly always Windows-1252, which decodes any byte.
        return data.decode("cp1252", errors="replace")


def _is_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return (head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)) or (
        head.startswith(b"<rss") or head.startswith(b"<feed")
    )


def read_source(
    source: str, options: Options, fetched: Fetched | None = None
) -> tuple[str, list[Taken], dict[str, Any]]:
    """The series name, the briefings and the origin to record, for one SOURCE; a SourceError when it fails."""
    origin: dict[str, Any] = {}
    is_url = source.startswith(("http://", "https://"))
    if is_url:
        got = fetched or fetch(source)
        if got.body is None:
            return options.series or "", [], origin
        data, url = got.body, got.url
        origin = {"etag": got.etag, "last_modified": got.last_modified}
        kind = "feed" if _is_feed(data) or "xml" in got.content_type else "page"
    else:
        path = Path(source)
        if not path.exists():
            raise SourceError("no such file or folder")
        suffix = path.suffix.lower()
        if path.is_dir() or suffix in MAIL_SUFFIXES:
            return _mail(path, options)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise SourceError(f"cannot read file: {error.strerror or error}") from None
        url = str(path.absolute())
        if suffix in FEED_SUFFIXES:
            kind = "feed"
        elif suffix in PAGE_SUFFIXES:
            kind = "page"
        else:
            raise SourceError("not a page (.html, .htm), feed (.xml, .rss, .atom) or mail (.eml, .mbox, Maildir)")
    if kind == "feed":
        title, taken = parse_feed(data, url, options.mode, options.date)
        return options.series or slug(title or _host(url)), taken, origin
    html = decode(data, source)
    tree = parsed(html)
    page = html if tree is None else tree
    date, site = page_facts(page, url if is_url else "")
    found = article(page, url if is_url else "")
    # The page's own metadata first; the extractor's reading of the date (which may be a guess) after it.
    when = checked_date(date or found.date, options.date, source)
    site = site or found.site
    series = options.series or slug(site or (_host(url) if is_url else "briefings"))
    return series, [Taken(url, when, tuple(found.paragraphs), found.title, url if is_url else "")], origin


def _host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0].removeprefix("www.")


def _mail(path: Path, options: Options) -> tuple[str, list[Taken], dict[str, Any]]:
    try:
        messages = read_messages(path)
    except OSError as error:
        raise SourceError(f"cannot read mail: {error.strerror or error}") from None
    taken = [taken_from_message(message, source) for source, message in messages]
    if not taken:
        raise SourceError("no message found")
    series = options.series or slug(taken[0].series_hint or "newsletter")
    return series, taken, {}


def add(sources: list[str], library: Library, options: Options) -> list[Row]:
    rows: list[Row] = []
    for source in sources:
        try:
            series, taken, origin = read_source(source, options)
            if not taken:
                rows.append(Row(source, series, "", "", 0, "unchanged"))
                continue
            series = slug(series)
            for written in library.put(series, taken, origin):
                rows.append(
                    Row(
                        source,
                        series,
                        written.date.isoformat(),
                        str(written.path.absolute()),
                        written.paragraphs,
                        written.status,
                    )
                )
        except SourceError as error:
            rows.append(Row(source, options.series or "", "", "", 0, "failed", str(error)))
        except OSError as error:
            rows.append(Row(source, options.series or "", "", "", 0, "failed", f"cannot write: {error}"))
    return rows
