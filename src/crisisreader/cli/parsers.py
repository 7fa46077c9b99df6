"""Each subcommand's own arguments, and the checks that make a wrong value a usage error (exit 2), not a traceback.

Every subcommand has a parser of its own, parsed with ``parse_intermixed_args`` so options and paths may come
in any order (argparse refuses intermixed parsing of a parser with subparsers).
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from crisisreader.cli import run

Check = Callable[[argparse.Namespace, argparse.ArgumentParser], None]


@dataclass(frozen=True, slots=True)
class Command:
    """One subcommand: its name, its line in the help, its arguments, their checks, and what runs it."""

    name: str
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    check: Check | None = None
    description: str | None = None

    def parser(self) -> argparse.ArgumentParser:
        parser = argparse.ArgumentParser(prog=f"crisisreader {self.name}", description=self.description or self.help)
        self.arguments(parser)
        return parser


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def fraction(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 < number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be above 0 and at most 1, not {value}")
    return number


def _paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="briefing files or folders (default: the bundled seeds)"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when any file has a problem")


def _json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def _read(parser: argparse.ArgumentParser) -> None:
    _paths(parser)


def _days(parser: argparse.ArgumentParser) -> None:
    _paths(parser)
    _json(parser)


def _show(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("date", metavar="DATE", help="YYYY-MM-DD, or 'latest'")
    _paths(parser)
    _json(parser)


def _export(parser: argparse.ArgumentParser) -> None:
    _paths(parser)
    parser.add_argument("--format", choices=("json", "yaml", "markdown"), default="json")
    parser.add_argument("--bookmarks", action="store_true", help="export your bookmarks instead of the briefings")


def _bookmarks(parser: argparse.ArgumentParser) -> None:
    _paths(parser)
    parser.add_argument("--all", action="store_true", help="every series' bookmarks, whatever is opened")
    _json(parser)
    parser.add_argument("--format", choices=("table", "json", "markdown"), default=None, help="default: table")


def _check_bookmarks(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    if args.json and args.format not in (None, "json"):
        parser.error(f"--json and --format {args.format} ask for two formats: give one")
    if args.all and args.paths:
        parser.error("--all lists every series' bookmarks: give it no PATH")
    args.format = "json" if args.json else args.format or "table"


def _quotes(parser: argparse.ArgumentParser) -> None:
    _paths(parser)
    parser.add_argument("--speaker", metavar="NAME", help="a name or any part of one: 'peskov', 'zelensky'")
    parser.add_argument("--since", type=iso_date, metavar="DATE", help="from this day on")
    parser.add_argument("--until", type=iso_date, metavar="DATE", help="up to this day")
    parser.add_argument(
        "--terms", action="store_true", help="also list quoted terms (kind 'term'); --json has them all"
    )
    parser.add_argument("--distinct", action="store_true", help="each quotation once (with its first and last day)")
    _json(parser)
    parser.add_argument("--format", choices=("table", "json", "csv", "markdown"), default=None, help="default: table")


def _check_quotes(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    if args.json and args.format not in (None, "json"):
        parser.error(f"--json and --format {args.format} ask for two formats: give one")
    if args.since and args.until and args.since > args.until:
        parser.error(f"--since {args.since} is after --until {args.until}: no day is in between")
    if args.speaker is not None and not args.speaker.strip():
        parser.error("--speaker needs a name (or part of one), not an empty string")
    args.format = "json" if args.json else args.format or "table"


def _speakers(parser: argparse.ArgumentParser) -> None:
    _paths(parser)
    _json(parser)


def _diff(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="[FROM] [TO] [PATH]", help="dates first, then files or folders")
    parser.add_argument("--series", metavar="NAME", help="only this series")
    parser.add_argument(
        "--threshold",
        type=fraction,
        metavar="X",
        help="word similarity (above 0, at most 1) from which a paragraph is edited rather than new",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when any file has a problem")
    parser.add_argument("--edition", type=positive, metavar="N", help="DATE against its N-th earlier edition")
    _json(parser)


def _search(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY")
    _paths(parser)
    parser.add_argument("--regex", action="store_true", help="QUERY is a regular expression")
    parser.add_argument("--case", action="store_true", help="match case")
    parser.add_argument("--limit", type=positive, default=200, metavar="N", help="list at most N hits (default 200)")
    _json(parser)


def _check_search(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    if not args.query.strip():
        parser.error("the query is empty: give a word, a phrase or (with --regex) an expression")


def _serve(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="briefing files or folders (default: as the reader opens)"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 takes a free one)")
    parser.add_argument("--token", help="asked for in the URL (one is made when the host is not loopback)")
    parser.add_argument("--public-url", metavar="URL", help="the address browsers reach the server by (behind a proxy)")


class _OneOf:
    """Stands for a subparsers object to :func:`sources.commands.register`: the one command asked for gets the
    real parser, the others a throwaway one."""

    def __init__(self, name: str, parser: argparse.ArgumentParser) -> None:
        self.name, self.parser = name, parser

    def add_parser(self, name: str, **_: object) -> argparse.ArgumentParser:
        return self.parser if name == self.name else argparse.ArgumentParser()


def _source_arguments(name: str) -> Callable[[argparse.ArgumentParser], None]:
    def arguments(parser: argparse.ArgumentParser) -> None:
        from crisisreader.sources.commands import register

        register(_OneOf(name, parser))

    return arguments


SOURCES = {
    "add": "take in saved pages, feeds, newsletters or URLs of them",
    "subscribe": "follow a feed or page: 'fetch' takes it in",
    "unsubscribe": "stop following a series (its files are kept)",
    "subscriptions": "list the subscriptions",
    "fetch": "fetch every subscription (or the NAMEd ones) into the library",
}


COMMANDS: dict[str, Command] = {
    command.name: command
    for command in (
        Command("read", "open the reader (the default command)", _read, run.cmd_read),
        Command("days", "list the briefings: date, series, counts, heading", _days, run.cmd_days),
        Command("show", "print one day's briefings", _show, run.cmd_show),
        Command("export", "the whole model as JSON, YAML or a Markdown digest", _export, run.cmd_export),
        Command(
            "bookmarks",
            "the bookmarks of the series opened: day, paragraph, text and note",
            _bookmarks,
            run.cmd_bookmarks,
            _check_bookmarks,
            description="The bookmarks of the series in PATH (the reader's folders when none), whether they were made "
            "with that series alone or with others; --all: every series'.",
        ),
        Command("quotes", "every quotation, with its speaker", _quotes, run.cmd_quotes, _check_quotes),
        Command("speakers", "who is quoted, how often, first and last date", _speakers, run.cmd_speakers),
        Command(
            "diff",
            "what repeats, what was edited, what is new, day over day",
            _diff,
            run.cmd_diff,
            description="With no date, every consecutive pair of every series; with one, that day against the one "
            "before it; with two, FROM against TO.",
        ),
        Command("search", "full-text search over every day", _search, run.cmd_search, _check_search),
        Command("serve", "the reader in a web browser (one reader per tab)", _serve, run.cmd_serve),
        *(Command(name, text, _source_arguments(name), run.cmd_sources) for name, text in SOURCES.items()),
    )
}
