"""How the command line prints for a person: Rich tables and texts, never Rich markup for briefing text.

Colour only on a terminal and never under NO_COLOR (Rich's own detection); every string from a briefing goes
into a ``Text`` as it is, so ``[crisis]`` prints as ``[crisis]``.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from crisisreader.counts import number as separated
from crisisreader.counts import plural
from crisisreader.model import Briefing, Corpus, Quote
from crisisreader.quotes.repeats import Spread

if TYPE_CHECKING:
    # Types only: the reader imports this module for its styled text and must not pay for the analysis here.
    from crisisreader.diff import Change, DayDiff
    from crisisreader.quotes import SpeakerSummary
    from crisisreader.search import Results
    from crisisreader.state import Bookmark

QUOTE_STYLE = "bold #5fd7ff"
MATCH_STYLE = "bold black on #ffd75f"
SPEAKER_STYLE = "#d787ff"


def console() -> Console:
    return Console(highlight=False, markup=False, emoji=False, soft_wrap=False)


def days_table(corpus: Corpus, counts: Mapping[str, int]) -> None:
    """Each briefing, its counts and heading; ``counts`` gives each briefing's quotations by key."""
    table = Table(
        title=f"{plural(len(corpus.briefings), 'briefing')} in {plural(len(corpus.series), 'series', 'series')}",
        title_justify="left",
    )
    table.add_column("Date", no_wrap=True)
    table.add_column("Series", no_wrap=True)
    table.add_column("Background", justify="right")
    table.add_column("Items", justify="right")
    table.add_column("Quotes", justify="right")
    table.add_column("Heading")
    for briefing in corpus.briefings:
        date = briefing.date.isoformat() + (f" ({briefing.edition})" if briefing.edition > 1 else "")
        table.add_row(
            Text(date),
            Text(briefing.series),
            separated(len(briefing.background)),
            separated(len(briefing.items)),
            separated(counts.get(briefing.key, 0)),
            Text(briefing.heading or "—", style="" if briefing.heading else "dim"),
        )
    console().print(table)


def highlighted(text: str, quotes: Iterable[Quote] = (), spans: Iterable[tuple[int, int]] = ()) -> Text:
    """Briefing text with its quotations (terms in italics) and search matches styled, the text itself taken
    literally: the command line and the reader both show text through this."""
    out = Text(text)
    for quote in quotes:
        if 0 <= quote.start < quote.end <= len(text):
            out.stylize(QUOTE_STYLE if quote.kind == "speech" else "italic", quote.start, quote.end)
    for start, end in spans:
        out.stylize(MATCH_STYLE, start, end)
    return out


def briefing(day: Briefing, quotes: Sequence[Quote]) -> None:
    out = console()
    title = Text(f"{day.date.isoformat()}  {day.series}", style="bold")
    if day.edition > 1:
        title.append(f"  (edition {day.edition})")
    title.append(f"  {day.path}:{day.line}", style="dim")
    out.print(title)
    by_paragraph: dict[str, list[Quote]] = {}
    for quote in quotes:
        by_paragraph.setdefault(quote.paragraph, []).append(quote)
    if day.background:
        out.print(Text("\nBackground", style="bold underline"))
        for paragraph in day.background:
            out.print(highlighted(paragraph.text, by_paragraph.get(paragraph.id, ())), style="dim")
            out.print()
    if day.heading:
        out.print(Text(day.heading, style="bold underline"))
    elif day.items:
        out.print(Text("Items", style="bold underline"))
    for number, paragraph in enumerate(day.items, 1):
        line = Text(f"{number:>2}. ")
        line.append_text(highlighted(paragraph.text, by_paragraph.get(paragraph.id, ())))
        out.print(line)
        said = [q for q in by_paragraph.get(paragraph.id, ()) if q.kind == "speech" and q.speaker]
        for quote in said:
            out.print(Text(f"    — {quote.speaker}: “{quote.text}”", style=SPEAKER_STYLE))
        out.print()
    if day.footer:
        out.print(Text(day.footer, style="italic dim"))
    out.print()


def quotes_table(quotes: Sequence[Quote], spread: Spread) -> None:
    table = Table(title=plural(len(quotes), "quotation"), title_justify="left")
    table.add_column("Date", no_wrap=True)
    table.add_column("Speaker", style=SPEAKER_STYLE)
    table.add_column("Quotation")
    table.add_column("As written", style="dim")
    table.add_column("Days", justify="right", style="dim")
    for quote in quotes:
        text = Text("“" + quote.text + ("…" if quote.truncated else "") + "”")
        if quote.kind == "term":
            text.append(" (term)", style="dim")
        days = spread[quote.series, quote.text].days
        table.add_row(
            Text(quote.date.isoformat()),
            Text(quote.speaker or "—"),
            text,
            Text(quote.as_written or ""),
            Text(separated(days) if days > 1 else ""),
        )
    console().print(table)


def quotes_csv(quotes: Sequence[Quote], spread: Spread) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["date", "series", "speaker", "as_written", "quotation", "cue", "kind", "truncated", "paragraph",
                     "first", "last", "days"])  # fmt: skip
    for q in quotes:
        repeat = spread[q.series, q.text]
        writer.writerow(
            [q.date.isoformat(), q.series, q.speaker or "", q.as_written or "", q.text, q.cue or "", q.kind,
             "yes" if q.truncated else "no", q.paragraph, repeat.first.isoformat(), repeat.last.isoformat(),
             repeat.days]
        )  # fmt: skip


def quotes_markdown(quotes: Sequence[Quote], spread: Spread) -> str:
    from crisisreader.export import md_escape

    lines = ["| Date | Speaker | Quotation | Days |", "| --- | --- | --- | --- |"]
    for q in quotes:
        days = spread[q.series, q.text].days
        lines.append(f"| {q.date.isoformat()} | {md_escape(q.speaker or '—')} | “{md_escape(q.text)}” | {days} |")
    return "\n".join(lines) + "\n"


def bookmarks_table(bookmarks: Sequence[Bookmark]) -> None:
    """Each bookmark: its day, series and paragraph, the start of its text, and its note."""
    table = Table(title=plural(len(bookmarks), "bookmark"), title_justify="left")
    table.add_column("Date", no_wrap=True)
    table.add_column("Series", no_wrap=True)
    table.add_column("#", justify="right")
    table.add_column("Text", ratio=3)
    table.add_column("Note", ratio=2)
    for mark in bookmarks:
        number = mark.paragraph.rpartition("#")[2]
        table.add_row(Text(mark.date), Text(mark.series), number, Text(_one_line(mark.text, 120)),
                      Text(mark.note or "—", style="" if mark.note else "dim"))  # fmt: skip
    console().print(table)


def speakers_table(summaries: Sequence[SpeakerSummary]) -> None:
    table = Table(title=plural(len(summaries), "speaker"), title_justify="left")
    table.add_column("Speaker", style=SPEAKER_STYLE)
    table.add_column("Quotes", justify="right")
    table.add_column("First", no_wrap=True)
    table.add_column("Last", no_wrap=True)
    table.add_column("As written")
    for s in summaries:
        table.add_row(
            Text(s.name), separated(s.count), s.first.isoformat(), s.last.isoformat(), Text(", ".join(s.aliases_seen))
        )
    console().print(table)


def changes_text(changes: Sequence[Change], marked: bool = False) -> Text:
    """Edited words inline, for the command line and the reader alike: deleted words struck through in red,
    inserted words in green, the rest as written. ``marked`` also brackets them as ``git diff --word-diff=plain``
    does (``[-old-]{+new+}``), for output without colour, where the styles are lost."""
    out = Text()
    for change in changes:
        if out and not out.plain.endswith(" "):
            out.append(" ")
        if change.op == "equal":
            out.append(change.new or change.old)
            continue
        if change.old:
            out.append(f"[-{change.old}-]" if marked else change.old, style="strike #ff5f5f")
        if change.old and change.new and not marked:
            out.append(" ")
        if change.new:
            out.append(f"{{+{change.new}+}}" if marked else change.new, style="bold #87d75f")
    return out


def diffs(day_diffs: Sequence[DayDiff]) -> None:
    out = console()
    # Without colour (a pipe, NO_COLOR) the struck and bold words would read as one run of text.
    marked = out.no_color or out.color_system is None
    for day in day_diffs:
        base = day.base.date.isoformat() if day.base else "nothing"
        out.rule(Text(f"{day.series}: {base} → {day.target.date.isoformat()}"), align="left")
        for paragraph in day.paragraphs:
            label = Text(f"{paragraph.status:>12} ", style=_STATUS_STYLE.get(paragraph.status, ""))
            if paragraph.status in ("repeated", "carried_over"):
                label.append(_one_line(paragraph.text, 90), style="dim")
            elif paragraph.status == "edited":
                label.append_text(
                    changes_text(paragraph.changes, marked) if paragraph.changes else Text(paragraph.text)
                )
            elif paragraph.status == "dropped":
                label.append(paragraph.text, style="strike dim")
            else:
                label.append(paragraph.text)
            out.print(label)
        out.print()


_STATUS_STYLE = {
    "repeated": "dim",
    "carried_over": "dim",
    "edited": "yellow",
    "new": "bold green",
    "dropped": "red",
}


def _one_line(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def search_hits(results: Results) -> None:
    out = console()
    verb = "matches" if results.total == 1 else "match"
    out.print(Text(f"{plural(results.total, 'paragraph')} {verb} “{results.query.text}”", style="bold"))
    for hit in results.hits:
        snippet, spans = hit.snippet(100)
        line = Text(f"{hit.briefing.date.isoformat()} {hit.briefing.series} #{hit.paragraph.index}  ", style="dim")
        line.append_text(highlighted(snippet, spans=spans))
        out.print(line)
