"""The command line: the reader by default, and subcommands for scripts with ``--json`` output.

Only the interactive command imports Textual; the others start fast and run without a terminal.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from crisisreader import __version__
from crisisreader.model import Corpus

if TYPE_CHECKING:
    from crisisreader.quotes.book import QuoteBook
    from crisisreader.speakers import Registry

COMMANDS = (
    "read",
    "days",
    "show",
    "export",
    "quotes",
    "speakers",
    "diff",
    "search",
    "add",
    "subscribe",
    "unsubscribe",
    "subscriptions",
    "fetch",
)

EXIT_OK, EXIT_PROBLEMS, EXIT_NOTHING = 0, 1, 2


class UsageError(Exception):
    """A command-line value that is wrong: printed as one line, exit 2."""


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="briefing files or folders (default: the bundled seeds)"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when any file has a problem")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crisisreader",
        description="Read day-by-day crisis briefings: what is new today, what changed, who said what.",
        epilog="With no command, opens the reader. Every command takes --help.",
    )
    parser.add_argument("--version", action="version", version=f"crisisreader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    read = sub.add_parser("read", help="open the reader (the default command)")
    _paths(read)
    read.set_defaults(func=cmd_read)

    days = sub.add_parser("days", help="list the briefings: date, series, counts, heading")
    _paths(days)
    days.add_argument("--json", action="store_true", help="print JSON")
    days.set_defaults(func=cmd_days)

    show = sub.add_parser("show", help="print one day's briefings")
    show.add_argument("date", metavar="DATE", help="YYYY-MM-DD, or 'latest'")
    _paths(show)
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(func=cmd_show)

    export = sub.add_parser("export", help="the whole model as JSON, YAML or a Markdown digest")
    _paths(export)
    export.add_argument("--format", choices=("json", "yaml", "markdown"), default="json")
    export.add_argument("--bookmarks", action="store_true", help="export your bookmarks instead of the briefings")
    export.set_defaults(func=cmd_export)

    quotes = sub.add_parser("quotes", help="every quotation, with its speaker")
    _paths(quotes)
    quotes.add_argument("--speaker", metavar="NAME", help="a name or any part of one: 'peskov', 'zelensky'")
    quotes.add_argument("--since", type=iso_date, metavar="DATE")
    quotes.add_argument("--until", type=iso_date, metavar="DATE")
    quotes.add_argument("--terms", action="store_true", help="also list quoted terms (kind 'term')")
    quotes.add_argument("--json", action="store_true", help="print JSON")
    quotes.add_argument("--format", choices=("table", "json", "csv", "markdown"), default="table")
    quotes.set_defaults(func=cmd_quotes)

    speakers = sub.add_parser("speakers", help="who is quoted, how often, first and last date")
    _paths(speakers)
    speakers.add_argument("--json", action="store_true", help="print JSON")
    speakers.set_defaults(func=cmd_speakers)

    diff = sub.add_parser(
        "diff",
        help="what repeats, what was edited, what is new, day over day",
        description="With no date, every consecutive pair of every series; with one, that day against the one "
        "before it; with two, FROM against TO.",
    )
    diff.add_argument("paths", nargs="*", metavar="[FROM] [TO] [PATH]", help="dates first, then files or folders")
    diff.add_argument("--series", metavar="NAME", help="only this series")
    diff.add_argument("--threshold", type=float, metavar="X", help="word similarity from which a paragraph is edited")
    diff.add_argument("--strict", action="store_true", help="exit 1 when any file has a problem")
    diff.add_argument("--json", action="store_true", help="print JSON")
    diff.add_argument("--edition", type=int, metavar="N", help="DATE against its N-th earlier edition in the library")
    diff.set_defaults(func=cmd_diff)

    search = sub.add_parser("search", help="full-text search over every day")
    search.add_argument("query", metavar="QUERY")
    _paths(search)
    search.add_argument("--regex", action="store_true", help="QUERY is a regular expression")
    search.add_argument("--case", action="store_true", help="match case")
    search.add_argument("--limit", type=int, default=200, metavar="N")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(func=cmd_search)

    from crisisreader.sources.commands import register

    register(sub)
    for name in ("add", "subscribe", "unsubscribe", "subscriptions", "fetch"):
        sub.choices[name].set_defaults(func=cmd_sources)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version")):
        args_list.insert(0, "read")
    args = build_parser().parse_args(args_list)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except UsageError as error:
        print(f"crisisreader: {error}", file=sys.stderr)
        return EXIT_NOTHING
    except BrokenPipeError:
        # A pager or `head` closed the pipe: not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def load_corpus(paths: Sequence[Path]) -> Corpus:
    """Load (with the parse cache the reader keeps) and report every problem on stderr as ``FILE:LINE: what is
    wrong``."""
    from crisisreader.load import load

    if not paths:
        from crisisreader.config import load_config
        from crisisreader.sources.library import default_paths

        paths = default_paths(load_config()[0].folders)
    corpus = load(paths, cache=True)
    for problem in corpus.problems:
        print(str(problem), file=sys.stderr)
    return corpus


def quotations(corpus: Corpus, registry: Registry | None = None) -> QuoteBook:
    """Every briefing's quotations, from the reader's analysis cache where it holds them."""
    from crisisreader.analysis import stored_quotes
    from crisisreader.config import load_config
    from crisisreader.diff import DEFAULT_THRESHOLD

    # The reader's threshold is part of its cache's key; a config it cannot read is reported when it starts.
    config, _ = load_config()
    threshold = config.diff_threshold if config.diff_threshold is not None else DEFAULT_THRESHOLD
    found, problems = stored_quotes(corpus, registry, threshold)
    for problem in problems:
        print(str(problem), file=sys.stderr)
    return found


def finish(corpus: Corpus, args: argparse.Namespace) -> int:
    if not corpus.series:
        print("crisisreader: no briefing could be read", file=sys.stderr)
        return EXIT_NOTHING
    if getattr(args, "strict", False) and corpus.problems:
        return EXIT_PROBLEMS
    return EXIT_OK


def cmd_read(args: argparse.Namespace) -> int:
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        # Piped or scripted: an interactive reader makes no sense, the days table does.
        return cmd_days(args)
    from crisisreader.config import load_config
    from crisisreader.state import ReadingState
    from crisisreader.tui.app import binding_ids, make_app, theme_names

    config, problems = load_config(themes=theme_names(), binding_ids=binding_ids())
    state, state_problems = ReadingState.load()
    problems += state_problems
    for problem in problems:
        print(str(problem), file=sys.stderr)
    from crisisreader.sources.library import default_paths

    paths = list(args.paths) or default_paths(config.folders)
    app = make_app(paths=paths, config=config, state=state, problems=problems)
    app.run()
    # The reader loaded the files itself: its problems are printed once the terminal is ours again.
    for problem in [*problems, *app.corpus.problems, *app.reader.reported]:
        print(str(problem), file=sys.stderr)
    return finish(app.corpus, args)


def cmd_days(args: argparse.Namespace, corpus: Corpus | None = None) -> int:
    from crisisreader import render
    from crisisreader.export import day_to_json, dump_json

    corpus = corpus or load_corpus(args.paths)
    quotes = quotations(corpus)
    counts = {key: len(quotes.rows(key)) for key in quotes}
    if getattr(args, "json", False):
        print(dump_json([day_to_json(b, counts.get(b.key, 0)) for b in corpus.briefings]))
    elif corpus.series:
        render.days_table(corpus, counts)
    return finish(corpus, args)


def _pick_date(corpus: Corpus, value: str) -> dt.date:
    if value == "latest":
        if not corpus.series:
            raise UsageError("no briefing to show")
        return max(b.date for b in corpus.briefings)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"not a date (YYYY-MM-DD or 'latest'): {value!r}") from None


def cmd_show(args: argparse.Namespace) -> int:
    from crisisreader import render
    from crisisreader.export import briefing_to_json, dump_json

    corpus = load_corpus(args.paths)
    date = _pick_date(corpus, args.date)
    found = [b for b in corpus.briefings if b.date == date]
    if not found and corpus.series:
        dates = sorted({b.date for b in corpus.briefings})
        raise UsageError(f"no briefing on {date.isoformat()} (there are {dates[0]} to {dates[-1]})")
    quotes = quotations(corpus)
    if args.json:
        print(dump_json([briefing_to_json(b, quotes.get(b.key, ())) for b in found]))
    else:
        for briefing in found:
            render.briefing(briefing, quotes.get(briefing.key, ()))
    return finish(corpus, args)


def cmd_export(args: argparse.Namespace) -> int:
    from crisisreader.export import bookmarks_to_markdown, corpus_to_json, corpus_to_markdown, dump_json, dump_yaml

    if args.bookmarks:
        from crisisreader.state import ReadingState

        state, problems = ReadingState.load()
        for problem in problems:
            print(str(problem), file=sys.stderr)
        rows = [dataclasses.asdict(b) for b in state.bookmarks]
        if args.format == "markdown":
            sys.stdout.write(bookmarks_to_markdown(state.bookmarks))
        else:
            sys.stdout.write(dump_yaml(rows) if args.format == "yaml" else dump_json(rows) + "\n")
        return EXIT_OK
    corpus = load_corpus(args.paths)
    quotes = quotations(corpus)
    if args.format == "markdown":
        sys.stdout.write(corpus_to_markdown(corpus, quotes))
    elif args.format == "yaml":
        sys.stdout.write(dump_yaml(corpus_to_json(corpus, quotes)))
    else:
        print(dump_json(corpus_to_json(corpus, quotes)))
    return finish(corpus, args)


def cmd_quotes(args: argparse.Namespace) -> int:
    from crisisreader import render
    from crisisreader.export import dump_json, quotes_to_rows
    from crisisreader.quotes import filter_book

    corpus = load_corpus(args.paths)
    registry = load_registry()
    found = quotations(corpus, registry)
    chosen = filter_book(found, corpus.briefings, registry, args.speaker, args.since, args.until)
    if not args.terms and not args.json and args.format != "json":
        chosen = [q for q in chosen if q.kind == "speech"]
    fmt = "json" if args.json else args.format
    if fmt == "json":
        print(dump_json(quotes_to_rows(chosen)))
    elif fmt == "csv":
        render.quotes_csv(chosen)
    elif fmt == "markdown":
        sys.stdout.write(render.quotes_markdown(chosen))
    else:
        render.quotes_table(chosen)
    return finish(corpus, args)


def load_registry() -> Registry:
    """The bundled speaker registry with the user's merged over it; a bad user file is reported, not fatal."""
    from crisisreader.speakers import Registry

    registry, problems = Registry.load()
    for problem in problems:
        print(str(problem), file=sys.stderr)
    return registry


def cmd_speakers(args: argparse.Namespace) -> int:
    from crisisreader import render
    from crisisreader.export import dump_json
    from crisisreader.quotes import summarize_said

    corpus = load_corpus(args.paths)
    registry = load_registry()
    summaries = summarize_said(quotations(corpus, registry).said(), registry)
    if args.json:
        print(
            dump_json(
                [
                    {
                        "name": s.name,
                        "quotes": s.count,
                        "first": s.first.isoformat(),
                        "last": s.last.isoformat(),
                        "aliases": list(s.aliases_seen),
                        "role": s.role,
                    }
                    for s in summaries
                ]
            )
        )
    else:
        render.speakers_table(summaries)
    return finish(corpus, args)


def _split_dates(values: Sequence[str]) -> tuple[list[dt.date], list[Path]]:
    dates: list[dt.date] = []
    rest = list(values)
    while rest and len(dates) < 2:
        try:
            dates.append(dt.date.fromisoformat(rest[0]))
        except ValueError:
            break
        rest.pop(0)
    return dates, [Path(p) for p in rest]


def cmd_diff(args: argparse.Namespace) -> int:
    from crisisreader import render
    from crisisreader.analysis import select_diffs
    from crisisreader.export import dump_json

    dates, paths = _split_dates(args.paths)
    corpus = load_corpus(paths)
    try:
        if args.edition is not None:
            from crisisreader.sources.editions import edition_diffs

            if len(dates) != 1:
                raise UsageError("--edition compares one DATE with an earlier edition of it")
            diffs = edition_diffs(corpus, dates[0], args.edition, args.series, args.threshold)
        else:
            diffs = select_diffs(corpus, dates, series=args.series, threshold=args.threshold)
    except LookupError as error:
        raise UsageError(str(error.args[0])) from None
    if args.json:
        print(dump_json([d.to_json() for d in diffs]))
    else:
        render.diffs(diffs)
    return finish(corpus, args)


def cmd_search(args: argparse.Namespace) -> int:
    from crisisreader import render
    from crisisreader.export import dump_json
    from crisisreader.search import Query, SearchIndex

    corpus = load_corpus(args.paths)
    index = SearchIndex(corpus)
    query = Query(args.query, regex=args.regex, case=args.case)
    if query.error:
        raise UsageError(f"bad regular expression: {query.error}")
    results = index.search(query, limit=args.limit)
    if args.json:
        print(dump_json([hit.to_json() for hit in results.hits]))
    else:
        render.search_hits(results)
    return finish(corpus, args)


def cmd_sources(args: argparse.Namespace) -> int:
    """add, subscribe, unsubscribe, subscriptions, fetch: the sources package does the work."""
    from crisisreader.sources import commands

    run: Callable[[argparse.Namespace], int] = getattr(commands, f"run_{args.command}")
    return run(args)
