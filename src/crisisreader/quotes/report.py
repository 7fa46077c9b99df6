"""What is made of quotations once found: their JSON form, a summary by speaker, and filtering by speaker and date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from crisisreader.model import Briefing, Quote
from crisisreader.quotes.book import QuoteBook, Row, Said, make_quotes
from crisisreader.quotes.people import _strip_article
from crisisreader.quotes.repeats import Same, same
from crisisreader.speakers import Registry
from crisisreader.text import fold


@cache
def _default_registry() -> Registry:
    registry, _ = Registry.load()
    return registry


def quote_to_json(quote: Quote) -> dict[str, object]:
    return {
        "series": quote.series,
        "date": quote.date.isoformat(),
        "path": quote.path,
        "paragraph": quote.paragraph,
        "section": quote.section,
        "text": quote.text,
        "speaker": quote.speaker,
        "as_written": quote.as_written,
        "cue": quote.cue,
        "kind": quote.kind,
        "truncated": quote.truncated,
        "start": quote.start,
        "end": quote.end,
        "group": quote.group,
    }


@dataclass(frozen=True, slots=True)
class SpeakerSummary:
    """One speaker across the quotations: how often, from when to when, named how."""

    name: str
    count: int
    first: dt.date
    last: dt.date
    aliases_seen: tuple[str, ...]
    role: str | None


_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})


def summarize_speakers(quotes: Iterable[Quote], registry: Registry | None = None) -> list[SpeakerSummary]:
    """Speech quotations with a speaker, by speaker: most quoted first, then by name. A part of a quotation
    continued across paragraphs counts once."""
    said = (
        (
            q.speaker,
            q.as_written,
            q.date,
            (q.paragraph.partition("#")[0], q.group) if q.group else None,
            same(q.series, q.text),
        )
        for q in quotes
        if q.kind == "speech" and q.speaker is not None
    )
    return summarize_said(said, registry)


def summarize_said(said: Iterable[Said], registry: Registry | None = None) -> list[SpeakerSummary]:
    """:func:`summarize_speakers` of what was said as :meth:`QuoteBook.said` gives it: who, named how, when, the
    quotation's group (or None) and its words, which makes no Quote objects. A quotation repeated in the series
    (a background sentence, every day) counts once, from the first day it was said."""
    counts: dict[str, int] = {}
    firsts: dict[str, dt.date] = {}
    lasts: dict[str, dt.date] = {}
    written: dict[str, dict[str, None]] = {}
    seen_groups: set[tuple[str, int]] = set()
    pronouns: dict[str, bool] = {}
    seen_words: set[tuple[str, Same]] = set()
    for name, as_written, date, group, words in said:
        if group is not None:
            if group in seen_groups:
                continue
            seen_groups.add(group)
        if (name, words) in seen_words:
            # Said before: not counted again, but the speaker is still quoted on this day.
            if date > lasts[name]:
                lasts[name] = date
            continue
        seen_words.add((name, words))
        counts[name] = counts.get(name, 0) + 1
        if name not in firsts or date < firsts[name]:
            firsts[name] = date
        if name not in lasts or date > lasts[name]:
            lasts[name] = date
        if as_written:
            # A few thousand ways of naming speakers are written hundreds of thousands of times.
            pronoun = pronouns.get(as_written)
            if pronoun is None:
                pronoun = pronouns[as_written] = fold(as_written) in _PRONOUNS
            if not pronoun:
                written.setdefault(name, {})[as_written] = None
    chosen = registry if registry is not None else _default_registry()
    summaries = [
        SpeakerSummary(
            name,
            count,
            firsts[name],
            lasts[name],
            tuple(written.get(name, {})),
            chosen.role(name) or _role_from_written(name, written.get(name, {})),
        )
        for name, count in counts.items()
    ]
    summaries.sort(key=lambda s: (-s.count, fold(s.name)))
    return summaries


def _role_from_written(name: str, written: dict[str, None]) -> str | None:
    """A role read off the text: "Ukrainian presidential advisor" from "Ukrainian presidential advisor Mykhailo
    Podolyak"."""
    for form in written:
        if form.endswith(name) and len(form) > len(name):
            role = _strip_article(form[: -len(name)].strip(" ,"))
            if role:
                return role
    return None


def filter_quotes(
    quotes: Iterable[Quote],
    registry: Registry,
    speaker: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Quote]:
    """The quotations of a speaker (any part of any of their names) between two dates, both included."""
    said_by = _said_by(registry, speaker)
    return [q for q in quotes if _within(q.date, since, until) and said_by(q.speaker)]


def filter_book(
    book: QuoteBook,
    briefings: Iterable[Briefing],
    registry: Registry,
    speaker: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Quote]:
    """:func:`filter_quotes` of these briefings' quotations, in this order, chosen from the book's rows: only the
    quotations chosen are made into Quote objects (a speaker's few thousand, not the corpus's 250,000)."""
    chosen: list[Quote] = []
    for briefing, rows in chosen_rows(book, briefings, registry, speaker, since, until):
        chosen.extend(make_quotes(briefing, rows))
    return chosen


def chosen_rows(
    book: QuoteBook,
    briefings: Iterable[Briefing],
    registry: Registry,
    speaker: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Iterator[tuple[Briefing, Sequence[Row]]]:
    """The rows :func:`filter_book` makes into quotations, briefing by briefing (those with any)."""
    said_by = _said_by(registry, speaker)
    for briefing in briefings:
        if _within(briefing.date, since, until):
            rows = [row for row in book.rows(briefing.key) if said_by(row[3])] if speaker else book.rows(briefing.key)
            if rows:
                yield briefing, rows


def _within(date: dt.date, since: dt.date | None, until: dt.date | None) -> bool:
    return (since is None or date >= since) and (until is None or date <= until)


def _said_by(registry: Registry, speaker: str | None) -> Callable[[str | None], bool]:
    """Whether a quotation's speaker is the one asked for (any speaker, or none, when none is asked for); the
    registry is asked once per name, as a speaker has thousands of quotations."""
    if not speaker:
        return lambda name: True
    verdicts: dict[str, bool] = {}

    def said_by(name: str | None) -> bool:
        if name is None:
            return False
        verdict = verdicts.get(name)
        if verdict is None:
            verdict = verdicts[name] = registry.matches(speaker, name)
        return verdict

    return said_by
