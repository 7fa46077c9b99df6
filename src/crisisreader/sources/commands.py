"""The sources' subcommands (add, subscribe, unsubscribe, subscriptions, fetch): their options and their output.

cli.py registers them and hands over; every failure is one line ``SOURCE: error: what is wrong`` on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
from pathlib import Path
from typing import Any

from crisisreader.counts import plural
from crisisreader.sources.taken import SourceError

# Only the command that runs imports the extractor, the feed parser and the HTTP client: every other
# subcommand of the program builds this parser too, and should not wait for them.
EXIT_OK, EXIT_PROBLEMS, EXIT_NOTHING = 0, 1, 2


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _library(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--library", type=Path, metavar="DIR", help="the library (default: the XDG data one)")


def register(sub: Any) -> None:
    """Add the sources' subparsers to the command line's."""
    add_p = sub.add_parser("add", help="take in saved pages, feeds, newsletters or URLs of them")
    add_p.add_argument("sources", nargs="+", metavar="SOURCE", help=".html, .xml/.rss/.atom, .eml/.mbox, Maildir, URL")
    add_p.add_argument("--series", metavar="NAME", help="the series (default: the feed's, site's or sender's name)")
    add_p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="for a source that states no date")
    mode = add_p.add_mutually_exclusive_group()
    mode.add_argument("--per-entry", dest="mode", action="store_const", const="entry", help="a briefing per entry")
    mode.add_argument("--per-day", dest="mode", action="store_const", const="day", help="a briefing per day")
    _library(add_p)
    add_p.add_argument("--json", action="store_true", help="print JSON")

    sub_p = sub.add_parser("subscribe", help="follow a feed or page: 'fetch' takes it in")
    sub_p.add_argument("url", nargs="?", metavar="URL")
    sub_p.add_argument("--series", metavar="NAME")
    sub_p.add_argument("--opml", type=Path, metavar="FILE", help="import another feed reader's subscriptions")

    unsub = sub.add_parser("unsubscribe", help="stop following a series (its files are kept)")
    unsub.add_argument("name", metavar="NAME")
    unsub.add_argument("--delete", action="store_true", help="also remove the series' files from the library")
    _library(unsub)

    subs = sub.add_parser("subscriptions", help="list the subscriptions")
    subs.add_argument("--json", action="store_true", help="print JSON")
    subs.add_argument("--opml", action="store_true", help="print them as OPML")

    fetch_p = sub.add_parser("fetch", help="fetch every subscription (or the NAMEd ones) into the library")
    fetch_p.add_argument("names", nargs="*", metavar="NAME")
    _library(fetch_p)
    fetch_p.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS")
    fetch_p.add_argument("--json", action="store_true", help="print JSON")
    fetch_p.add_argument("--quiet", action="store_true", help="print only failures (for cron)")


def _fail(source: str, message: str) -> None:
    print(f"{source}: error: {message}", file=sys.stderr)


def run_add(args: argparse.Namespace) -> int:
    from crisisreader.sources.intake import Options, add
    from crisisreader.sources.library import Library

    rows = add(list(args.sources), Library(args.library), Options(args.series, args.date, args.mode or "auto"))
    for row in rows:
        if row.status == "failed":
            _fail(row.source, row.error)
        elif not args.json:
            print(f"{row.status:9} {row.series}  {row.date}  {row.path}  ({plural(row.paragraphs, 'paragraph')})")
    if args.json:
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
    failed = sum(1 for r in rows if r.status == "failed")
    return EXIT_NOTHING if failed == len(rows) else EXIT_PROBLEMS if failed else EXIT_OK


def run_subscribe(args: argparse.Namespace) -> int:
    from crisisreader.sources.subscriptions import from_opml, read_subscriptions, subscribe, write_subscriptions

    try:
        if args.opml is not None:
            try:
                data = args.opml.read_bytes()
            except OSError as error:
                raise SourceError(f"{args.opml}: cannot read: {error.strerror or error}") from None
            found = from_opml(data, str(args.opml))
            current = read_subscriptions()
            known = {s.url for s in current}
            new = [s for s in found if s.url not in known]
            write_subscriptions(current + new)
            print(f"imported {plural(len(new), 'subscription')} ({len(found) - len(new):,} already there)")
            return EXIT_OK
        if not args.url:
            raise SourceError("give a URL, or --opml FILE")
        chosen = subscribe(args.url, args.series)
        print(f"subscribed: {chosen.series} <- {chosen.url}")
        return EXIT_OK
    except SourceError as error:
        _fail(str(args.opml or args.url or "subscribe"), str(error))
        return EXIT_NOTHING


def run_unsubscribe(args: argparse.Namespace) -> int:
    from crisisreader.sources.library import Library
    from crisisreader.sources.subscriptions import unsubscribe

    try:
        found = unsubscribe(args.name)
    except SourceError as error:
        _fail(args.name, str(error))
        return EXIT_NOTHING
    if not found:
        _fail(args.name, "no such subscription")
        return EXIT_NOTHING
    folder = Library(args.library).folder(args.name)
    if args.delete and folder.is_dir():
        count = sum(1 for p in folder.glob("*.txt"))
        shutil.rmtree(folder)
        print(f"unsubscribed from {args.name}; deleted its {plural(count, 'briefing file')}")
    else:
        print(f"unsubscribed from {args.name}; its files are kept in {folder}")
    return EXIT_OK


def run_subscriptions(args: argparse.Namespace) -> int:
    from crisisreader.sources.subscriptions import read_subscriptions, to_opml

    try:
        current = read_subscriptions()
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_NOTHING
    if args.opml:
        sys.stdout.write(to_opml(current))
    elif args.json:
        print(json.dumps([{"series": s.series, "url": s.url} for s in current], ensure_ascii=False, indent=2))
    else:
        for s in current:
            print(f"{s.series}  {s.url}")
    return EXIT_OK


def run_fetch(args: argparse.Namespace) -> int:
    from crisisreader.sources.library import Library
    from crisisreader.sources.subscriptions import fetch_all, read_subscriptions

    try:
        chosen = read_subscriptions()
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_NOTHING
    if args.names:
        unknown = sorted(set(args.names) - {s.series for s in chosen})
        for name in unknown:
            _fail(name, "no such subscription")
        chosen = [s for s in chosen if s.series in args.names]
    if sys.stdout.isatty() and not args.json and not args.quiet and chosen:
        rows = _fetch_with_progress(chosen, Library(args.library), args.timeout)
    else:
        rows = fetch_all(chosen, Library(args.library), args.timeout)
    for row in rows:
        if row["status"] == "failed":
            _fail(row["url"], row["error"])
        elif not args.json and not args.quiet:
            counts = f"{row['added']:,} added, {row['updated']:,} updated, {row['unchanged']:,} unchanged"
            print(f"{row['series']}: {counts}")
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    failed = sum(1 for r in rows if r["status"] == "failed")
    if not rows or failed == len(rows):
        return EXIT_NOTHING
    return EXIT_PROBLEMS if failed or (args.names and len(rows) < len(set(args.names))) else EXIT_OK


def _fetch_with_progress(chosen: list[Any], library: Any, timeout: float) -> list[dict[str, Any]]:
    """On a terminal: a line per feed that says when it is done, and a bar of how many are."""
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from crisisreader.sources.subscriptions import fetch_all
    from crisisreader.text import neutralise

    with Progress(TextColumn("fetching"), BarColumn(), MofNCompleteColumn(), transient=True) as progress:
        task = progress.add_task("fetch", total=len(chosen))

        def done(row: dict[str, Any]) -> None:
            mark = "[red]failed[/]" if row["status"] == "failed" else "[green]done[/]"
            progress.console.print(f"  {escape(neutralise(str(row['series'])))}: {mark}", highlight=False)
            progress.advance(task)

        return fetch_all(chosen, library, timeout, done)
