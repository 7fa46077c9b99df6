"""A library day against one of its earlier editions (``diff DATE --edition N``): what the source changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from crisisreader.diff import DEFAULT_THRESHOLD, DayDiff, diff_briefings
from crisisreader.load import parse_file
from crisisreader.model import Briefing, Corpus
from crisisreader.sources.library import edition_files


def edition_diffs(
    corpus: Corpus, date: dt.date, edition: int, series: str | None = None, threshold: float | None = None
) -> list[DayDiff]:
    """Each briefing of ``date`` against its file's ``edition``-th earlier text (1 is the first kept).

    A LookupError names the day when no briefing of it has such an edition.
    """
    out: list[DayDiff] = []
    for briefing in corpus.briefings:
        if briefing.date != date or (series is not None and briefing.series != series):
            continue
        diff = edition_diff(briefing, edition, threshold)
        if diff is not None:
            out.append(diff)
    if not out:
        raise LookupError(f"no briefing of {date.isoformat()} has an edition {edition} (the library keeps them)")
    return out


def edition_count(briefing: Briefing) -> int:
    """How many earlier texts of the briefing's file the library keeps."""
    path = Path(briefing.path)
    return len(edition_files(path.parent, path.name))


def edition_diff(briefing: Briefing, edition: int, threshold: float | None = None) -> DayDiff | None:
    """The briefing against its file's ``edition``-th earlier text (1 is the first kept); None when not kept."""
    path = Path(briefing.path)
    kept = edition_files(path.parent, path.name)
    if not 1 <= edition <= len(kept):
        return None
    earlier, _ = parse_file(kept[edition - 1], briefing.series)
    base = next((b for b in earlier if b.date == briefing.date), None)
    if base is None:
        return None
    base = dataclasses.replace(base, path=str(kept[edition - 1]))
    return diff_briefings(base, briefing, (), threshold if threshold is not None else DEFAULT_THRESHOLD)


def edition_base(briefing: Briefing, edition: int) -> str:
    """The base key the reader's diff takes for one of a day's own earlier editions."""
    return f"{briefing.key}@{edition}"


def edition_of(base_key: str, briefing: Briefing) -> int | None:
    """The edition number a base key names for this briefing; None when it names a day (or another day's)."""
    head, mark, number = base_key.rpartition("@")
    return int(number) if mark and head == briefing.key and number.isdigit() else None
