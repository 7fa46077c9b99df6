"""The search a jump came from, kept after the search screen closes: its matches stay marked in whatever day is
shown, and the next (or previous) match is a key away, in the next day that has one if this day has no more."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from crisisreader.search import Position, Query

if TYPE_CHECKING:
    from crisisreader.analysis import Analysis
    from crisisreader.model import Briefing

Scope = Literal["all", "day", "speaker"]
Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """A quotation of the one-speaker scope that matched: its paragraph, where it stands, its spans there."""

    paragraph_id: str
    position: Position
    spans: Spans


@dataclass(frozen=True, slots=True)
class Trail:
    """What was searched, in which scope; for the one-speaker scope, every quotation that matched, in reading
    order (a few thousand at most: a speaker's own)."""

    query: Query
    scope: Scope = "all"
    day: str | None = None
    quotes: tuple[QuoteMatch, ...] = ()

    def marks(self, analysis: Analysis, briefing: Briefing) -> dict[str, Spans]:
        """The spans to mark in each paragraph of ``briefing`` that matches."""
        if self.scope == "speaker":
            marks: dict[str, Spans] = {}
            for match in self.quotes:
                if match.paragraph_id.partition("#")[0] == briefing.key:
                    marks[match.paragraph_id] = tuple(sorted({*marks.get(match.paragraph_id, ()), *match.spans}))
            return marks
        if not self.query.text.strip():
            return {}
        return {hit.paragraph.id: hit.spans for hit in analysis.index.day_hits(self.query, briefing.key)}

    def neighbour(self, analysis: Analysis, here: Position, step: int) -> tuple[str, Spans] | None:
        """The match after ``here`` (``step`` 1) or before it (-1) in reading order: its paragraph and spans."""
        if self.scope == "speaker":
            later = [m for m in self.quotes if (m.position > here if step > 0 else m.position < here)]
            if not later:
                return None
            found = min(later, key=lambda m: m.position) if step > 0 else max(later, key=lambda m: m.position)
            return found.paragraph_id, found.spans
        day = self.day if self.scope == "day" else None
        hit = analysis.index.neighbour(self.query, here, step, briefing=day)
        return (hit.paragraph.id, hit.spans) if hit is not None else None


def position(briefing: Briefing, paragraph_id: str | None) -> Position:
    """Where a paragraph of ``briefing`` stands in reading order; the day's top when there is none."""
    index = int(paragraph_id.rpartition("#")[2]) if paragraph_id and "#" in paragraph_id else -1
    return (briefing.date.toordinal(), briefing.series, briefing.edition, index)
