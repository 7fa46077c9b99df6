"""The command line: the reader by default, and subcommands for scripts with ``--json`` output.

``crisisreader PATH...`` and ``crisisreader`` alone open the reader: any first word that is not a subcommand is
read as the reader's first path, so every subcommand must be registered in :data:`parsers.COMMANDS`.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Sequence

from crisisreader import __version__
from crisisreader.cli.parsers import COMMANDS
from crisisreader.cli.run import EXIT_NOTHING, EXIT_OK, UsageError

__all__ = ["COMMANDS", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser: the list of subcommands for ``--help``, and ``--version``. Each subcommand's own
    arguments are its own parser's (see :meth:`Command.parser`)."""
    parser = argparse.ArgumentParser(
        prog="crisisreader",
        description="Read day-by-day crisis briefings: what is new today, what changed, who said what.",
        epilog="With no command, opens the reader. Every command takes --help.",
    )
    parser.add_argument("--version", action="version", version=f"crisisreader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS.values():
        sub.add_parser(command.name, help=command.help, add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    if words and words[0] in ("-h", "--help", "--version"):
        build_parser().parse_args(words[:1])
        return EXIT_OK
    explicit = bool(words) and words[0] in COMMANDS
    name, rest = (words[0], words[1:]) if explicit else ("read", words)
    if not explicit and words and not words[0].startswith("-") and not os.path.exists(words[0]):
        near = difflib.get_close_matches(words[0], list(COMMANDS), n=1, cutoff=0.75)
        if near:
            print(f"crisisreader: no command or path {words[0]!r}: did you mean {near[0]!r}?", file=sys.stderr)
            return EXIT_NOTHING
    command = COMMANDS[name]
    parser = command.parser()
    args = parser.parse_intermixed_args(rest)
    args.command = name
    # The reader asked for by name opens even when stdout is not a terminal (textual-serve runs it so).
    args.explicit = explicit
    if command.check is not None:
        command.check(args, parser)
    try:
        return command.run(args)
    except UsageError as error:
        print(f"crisisreader: {error}", file=sys.stderr)
        return EXIT_NOTHING
    except BrokenPipeError:
        # A pager or `head` closed the pipe: not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
