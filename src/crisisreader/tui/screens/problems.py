"""Telling the user of files that could not be read: at start, all of them in one notice; then each new one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crisisreader.model import Corpus

if TYPE_CHECKING:
    from crisisreader.tui.screens.reader import ReaderScreen


def tell_problems(reader: ReaderScreen, corpus: Corpus) -> None:
    """One notice of the problems not told yet (the first error, and how many more); each is told once."""
    fresh = [p for p in corpus.problems if str(p) not in reader.told]
    reader.told |= {str(p) for p in fresh}
    if fresh:
        first = min(fresh, key=lambda p: p.severity != "error")
        more = f" (and {len(fresh) - 1:,} more, listed when you quit)" if len(fresh) > 1 else ""
        reader.notify(f"{first}{more}", title="Problems reading the files", severity="warning", markup=False)
