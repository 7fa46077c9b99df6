"""The in-memory model of a corpus of briefings: frozen dataclasses and nothing else.

Ids are stable strings (``series/2022-02-08#5``) so that bookmarks, search hits and diffs can point at a
paragraph across runs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Section = Literal["background", "item"]
Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with an input file, named by file and line."""

    path: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        # Line 0 is the whole file (or a path that is not there): no line to name.
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of a briefing: background (repeated context) or an item (the day's news)."""

    id: str
    text: str
    section: Section
    line: int
    index: int


@dataclass(frozen=True, slots=True)
class Briefing:
    """One day's briefing of one series, as one file (or one part of a file) has it."""

    series: str
    date: dt.date
    path: str
    line: int
    heading: str | None
    background: tuple[Paragraph, ...]
    items: tuple[Paragraph, ...]
    footer: str | None
    edition: int = 1

    @property
    def key(self) -> str:
        """The id prefix of this briefing's paragraphs: ``series/YYYY-MM-DD`` (``~2`` for a second edition)."""
        return briefing_key(self.series, self.date, self.edition)

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return self.background + self.items


@dataclass(frozen=True, slots=True)
class Series:
    """One source: the briefings of one folder, oldest first; editions of one date in file order."""

    name: str
    root: str
    briefings: tuple[Briefing, ...]

    def __repr__(self) -> str:
        # Short: a series of ten thousand days spelled out is hundreds of megabytes (debuggers, logs, Textual's
        # worker descriptions all call repr()).
        return f"Series({self.name!r}, {self.root!r}, {len(self.briefings)} briefings)"


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything opened at once: one or more series."""

    series: tuple[Series, ...]
    problems: tuple[Problem, ...] = ()
    _by_key: dict[str, Briefing] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for series in self.series:
            for briefing in series.briefings:
                self._by_key[briefing.key] = briefing

    def __repr__(self) -> str:
        return f"Corpus({list(self.series)!r}, {len(self.problems)} problems)"

    @property
    def briefings(self) -> tuple[Briefing, ...]:
        """Every briefing, by date, then series, then edition."""
        every = [b for s in self.series for b in s.briefings]
        every.sort(key=lambda b: (b.date, b.series, b.edition))
        return tuple(every)

    def briefing(self, key: str) -> Briefing | None:
        return self._by_key.get(key)

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        key, _, _ = paragraph_id.partition("#")
        briefing = self._by_key.get(key)
        if briefing is None:
            return None
        for paragraph in briefing.paragraphs:
            if paragraph.id == paragraph_id:
                return paragraph
        return None

    def get_series(self, name: str) -> Series | None:
        for series in self.series:
            if series.name == name:
                return series
        return None

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(sorted({Path(b.path) for b in self.briefings}))


def briefing_key(series: str, date: dt.date, edition: int = 1) -> str:
    suffix = "" if edition == 1 else f"~{edition}"
    return f"{series}/{date.isoformat()}{suffix}"


QuoteKind = Literal["speech", "term"]


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation in a paragraph, and who said it.

    ``start``/``end`` are offsets of the quoted words (marks excluded) in the paragraph's text, so the reader can
    highlight them. A quotation that runs across paragraphs is one Quote per paragraph part, sharing ``group``.
    """

    paragraph: str
    series: str
    date: dt.date
    path: str
    section: Section
    text: str
    start: int
    end: int
    speaker: str | None
    as_written: str | None
    cue: str | None
    kind: QuoteKind
    truncated: bool = False
    group: int = 0


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person or body as the registry knows them: one canonical name, its aliases and roles."""

    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    kind: Literal["person", "body"] = "person"
