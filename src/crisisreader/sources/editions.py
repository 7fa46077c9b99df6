"""A library day against one of its earlier editions (``diff DATE --edition N``): what the source changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from crisisreader.diff import DEFAULT_THRESHOLD, DayDiff, diff_briefings
from crisisreader.load import parse_file
from crisisreader.model import Corpus
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
        path = Path(briefing.path)
        kept = edition_files(path.parent, path.name)
        if not 1 <= edition <= len(kept):
            continue
        earlier, _ = parse_file(kept[edition - 1], briefing.series)
        base = next((b for b in earlier if b.date == date), None)
        if base is None:
            continue
        base = dataclasses.replace(base, path=str(kept[edition - 1]))
        out.append(diff_briefings(base, briefing, (), threshold if threshold is not None else DEFAULT_THRESHOLD))
    if not out:
        raise LookupError(f"no briefing of {date.isoformat()} has an edition {edition} (the library keeps them)")
    return out
