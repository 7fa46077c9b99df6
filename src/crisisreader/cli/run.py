"""What each subcommand does, over the core: load, work out, print (a table, or JSON for scripts).

Only the reader imports Textual; the others start fast and run without a terminal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from crisisreader.model import Corpus

if TYPE_CHECKING:
    from crisisreader.quotes.book import QuoteBook
    from crisisreader.speakers import Registry

EXIT_OK, EXIT_PROBLEMS, EXIT_NOTHING = 0, 1, 2


class UsageError(Exception):
    """A command-line value that is wrong: printed as one line, exit 2."""


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
    asked = getattr(args, "explicit", False) or bool(os.environ.get("TEXTUAL_DRIVER"))
    if not asked and (not sys.stdout.isatty() or not sys.stdin.isatty()):
        # Implied and piped or scripted: an interactive reader makes no sense, the days table does. Asked for by
        # name, or under a Textual driver (textual-serve sets one), the reader opens whatever stdout is.
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
    from crisisreader.export import (
        bookmark_to_json,
        bookmarks_to_markdown,
        corpus_to_json,
        corpus_to_markdown,
        dump_json,
        dump_yaml,
    )

    if args.bookmarks:
        from crisisreader.state import ReadingState

        state, problems = ReadingState.load()
        for problem in problems:
            print(str(problem), file=sys.stderr)
        rows = [bookmark_to_json(b) for b in state.bookmarks]
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


def cmd_bookmarks(args: argparse.Namespace) -> int:
    """The bookmarks of the series opened (whatever corpus they were made in), oldest day first, with their notes."""
    from crisisreader.export import bookmark_to_json, bookmarks_to_markdown, dump_json
    from crisisreader.state import ReadingState, series_folder

    state, problems = ReadingState.load()
    for problem in problems:
        print(str(problem), file=sys.stderr)
    if args.all:
        corpus, chosen = Corpus(()), state.bookmarks
    else:
        corpus = load_corpus(args.paths)
        folders = {series_folder(s.root) for s in corpus.series}
        names = {s.name for s in corpus.series}
        # One that format 1 kept without a folder belongs to the series of its name until the reader places it.
        chosen = [b for b in state.bookmarks if b.folder in folders or (not b.folder and b.series in names)]
    chosen.sort(key=lambda b: (b.date, b.paragraph))
    if args.format == "json":
        print(dump_json([bookmark_to_json(b) for b in chosen]))
    elif args.format == "markdown":
        sys.stdout.write(bookmarks_to_markdown(chosen))
    else:
        from crisisreader import render

        render.bookmarks_table(chosen)
    return EXIT_OK if args.all else finish(corpus, args)


def cmd_quotes(args: argparse.Namespace) -> int:
    from crisisreader import render
    from crisisreader.export import dump_json, quotes_json, quotes_to_rows
    from crisisreader.quotes import chosen_rows, filter_book
    from crisisreader.quotes.repeats import Spread, distinct

    corpus = load_corpus(args.paths)
    registry = load_registry()
    found = quotations(corpus, registry)
    # Over the whole corpus, whatever is listed: a quotation's first day may lie before --since.
    spread = Spread(found.occurrences())
    if args.format == "json" and not args.distinct:
        # Every quotation with its kind: the public interface has the terms, --terms or not.
        picked = chosen_rows(found, corpus.briefings, registry, args.speaker, args.since, args.until)
        print(quotes_json(picked, spread))
        return finish(corpus, args)
    chosen = filter_book(found, corpus.briefings, registry, args.speaker, args.since, args.until)
    if args.distinct:
        chosen = distinct(chosen)
    if args.format == "json":
        # Every quotation with its kind: the public interface has the terms, --terms or not.
        rows = quotes_to_rows(chosen)
        for row, quote in zip(rows, chosen, strict=True):
            repeat = spread[quote.series, quote.text]
            row.update(first=repeat.first.isoformat(), last=repeat.last.isoformat(), days=repeat.days)
        print(dump_json(rows))
        return finish(corpus, args)
    if not args.terms:
        chosen = [q for q in chosen if q.kind == "speech"]
    if args.format == "csv":
        render.quotes_csv(chosen, spread)
    elif args.format == "markdown":
        sys.stdout.write(render.quotes_markdown(chosen, spread))
    else:
        render.quotes_table(chosen, spread)
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
    from crisisreader.search import Query, SearchIndex, name_variants
    from crisisreader.speakers import Registry

    corpus = load_corpus(args.paths)
    registry, _ = Registry.load()  # a bad user file is told by the commands that read quotations
    index = SearchIndex(corpus, variants=name_variants(registry.speakers()))
    query = Query(args.query, regex=args.regex, case=args.case)
    if query.error:
        raise UsageError(f"bad regular expression: {query.error}")
    results = index.search(query, limit=args.limit)
    if args.json:
        print(dump_json([hit.to_json() for hit in results.hits]))
    else:
        render.search_hits(results)
    return finish(corpus, args)


def cmd_serve(args: argparse.Namespace) -> int:
    from crisisreader.serve import ServeRefused, plan_serve, serve

    try:
        plan = plan_serve(args.paths, host=args.host, port=args.port, token=args.token, public_url=args.public_url)
    except ServeRefused as error:
        raise UsageError(str(error)) from None
    for warning in plan.warnings:
        print(f"crisisreader: warning: {warning}", file=sys.stderr)
    return serve(plan)


def cmd_sources(args: argparse.Namespace) -> int:
    """add, subscribe, unsubscribe, subscriptions, fetch: the sources package does the work."""
    from crisisreader.sources import commands

    run: Callable[[argparse.Namespace], int] = getattr(commands, f"run_{args.command}")
    return run(args)
