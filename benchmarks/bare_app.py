"""The baseline for first paint: a bare Textual app with what the reader's first screen minimally has.

    python benchmarks/bare_app.py PATH [--dates FILE]

An OptionList sidebar of the briefing dates (newest first) and one Static line showing the latest date. The dates
come from ``--dates`` (one ISO date a line, written by run.py) so that the baseline costs Textual and nothing
else; without it they are read from the `` date YYYY-MM-DD`` first line of every .txt/.md file under PATH.
"""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Sequence
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import OptionList, Static

_DATE = re.compile(rb"^[ \t\xef\xbb\xbf]*date[ \t]+(\d{4}-\d{2}-\d{2})", re.IGNORECASE)


def scan_dates(root: Path) -> list[str]:
    """The date of every briefing file under ``root``, from its first line only."""
    found: set[str] = set()
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or not name.endswith((".txt", ".md")):
                continue
            with open(os.path.join(folder, name), "rb") as handle:
                match = _DATE.match(handle.read(64))
            if match is not None:
                found.add(match.group(1).decode())
    return sorted(found, reverse=True)


class BareApp(App[None]):
    CSS = """
    OptionList { width: 24; height: 100%; }
    Static { width: 1fr; padding: 0 1; }
    """

    def __init__(self, dates: Sequence[str]) -> None:
        super().__init__()
        self.dates = list(dates)

    def compose(self) -> ComposeResult:
        latest = self.dates[0] if self.dates else "no briefings"
        with Horizontal():
            yield OptionList(*self.dates)
            yield Static(f"{latest}: What you need to know today")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A bare Textual app: the first-paint baseline.")
    parser.add_argument("path", type=Path)
    parser.add_argument("--dates", type=Path, help="a file of ISO dates, one a line (default: scan PATH)")
    args = parser.parse_args(argv)
    if args.dates is not None:
        dates = sorted((line for line in args.dates.read_text().split() if line), reverse=True)
    else:
        dates = scan_dates(args.path)
    BareApp(dates).run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
