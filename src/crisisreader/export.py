"""The model as plain data (for JSON and YAML) and as a Markdown digest: what ``--json`` and ``export`` print.

The JSON shapes are a public interface: keys are only ever added, never renamed or dropped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence

from crisisreader import yamlio
from crisisreader.counts import plural
from crisisreader.model import Briefing, Corpus, Paragraph, Quote
from crisisreader.quotes import quote_to_json
from crisisreader.quotes.book import Row, make_quotes
from crisisreader.quotes.repeats import Spread
from crisisreader.state import Bookmark


def paragraph_to_json(paragraph: Paragraph) -> dict[str, object]:
    return {
        "id": paragraph.id,
        "section": paragraph.section,
        "line": paragraph.line,
        "text": paragraph.text,
    }


def _where(briefing: Briefing) -> dict[str, object]:
    """The keys every briefing object carries, in ``days``, ``show`` and ``export`` alike."""
    return {
        "series": briefing.series,
        "date": briefing.date.isoformat(),
        "edition": briefing.edition,
        "key": briefing.key,
        "path": briefing.path,
        "line": briefing.line,
        "heading": briefing.heading,
        "footer": briefing.footer,
    }


def day_to_json(briefing: Briefing, quotes: int = 0) -> dict[str, object]:
    """One row of ``days --json``: counts (``quotes``: how many quotations the briefing has), not texts."""
    counts = {"background": len(briefing.background), "items": len(briefing.items), "quotes": quotes}
    return _where(briefing) | counts


def briefing_to_json(briefing: Briefing, quotes: Sequence[Quote] = ()) -> dict[str, object]:
    """A whole briefing, texts included: what ``show --json`` and ``export`` print."""
    return _where(briefing) | {
        "background": [paragraph_to_json(p) for p in briefing.background],
        "items": [paragraph_to_json(p) for p in briefing.items],
        "quotes": [quote_to_json(q) for q in quotes],
    }


def corpus_to_json(corpus: Corpus, quotes: Mapping[str, Sequence[Quote]]) -> dict[str, object]:
    return {
        "series": [
            {
                "name": series.name,
                "root": series.root,
                "briefings": [briefing_to_json(b, quotes.get(b.key, ())) for b in series.briefings],
            }
            for series in corpus.series
        ],
        "problems": [
            {"path": p.path, "line": p.line, "severity": p.severity, "message": p.message} for p in corpus.problems
        ],
    }


# Rows from which a list is printed one compact row a line: json's C encoder does not indent, and the Python one
# it falls back to took 16 s for 250,000 quotations.
_COMPACT_FROM = 2000


def dump_json(data: object) -> str:
    # ensure_ascii=False keeps text readable; json still escapes every control character below U+0020.
    if isinstance(data, list) and len(data) >= _COMPACT_FROM:
        encode = json.JSONEncoder(ensure_ascii=False).encode
        return "[\n" + ",\n".join(encode(row) for row in data) + "\n]"
    return json.dumps(data, ensure_ascii=False, indent=2)


def quotes_json(chosen: Iterable[tuple[Briefing, Sequence[Row]]], spread: Spread) -> str:
    """``dump_json`` of the rows ``crisisreader quotes --json`` prints (:func:`quote_to_json` with the first and last
    day and the days of each quotation), written from the book's rows without making a Quote or a dict of each: at
    250,000 quotations those took longer than the rest of the command. The same text to the byte (a test holds the
    two to it); a few rows are printed the ordinary way, indented."""
    chosen = list(chosen)
    if sum(len(rows) for _, rows in chosen) < _COMPACT_FROM:
        listed = [
            quote_to_json(quote) | _spread_keys(spread, quote.series, quote.text)
            for briefing, rows in chosen
            for quote in make_quotes(briefing, rows)
        ]
        return dump_json(listed)
    string = json.encoder.encode_basestring  # the encoder of ensure_ascii=False

    def optional(value: str | None) -> str:
        return "null" if value is None else string(value)

    # A background quotation comes back every day, and a speaker has thousands: their parts are written once.
    texts: dict[tuple[str, str], tuple[str, str]] = {}
    voices: dict[tuple[str | None, str | None, str | None, str], str] = {}
    lines: list[str] = []
    for briefing, rows in chosen:
        series = briefing.series
        head = f'{{"series": {string(series)}, "date": "{briefing.date.isoformat()}", "path": {string(briefing.path)}, '
        paragraphs = [f'"paragraph": {string(p.id)}, "section": {string(p.section)}, ' for p in briefing.paragraphs]
        for at, start, end, speaker, as_written, cue, kind, truncated, group in rows:
            text = briefing.paragraphs[at].text[start:end]
            words = texts.get((series, text))
            if words is None:
                repeat = spread[series, text]
                words = texts[series, text] = (
                    f'"text": {string(text)}',
                    f'"first": "{repeat.first.isoformat()}", "last": "{repeat.last.isoformat()}", '
                    f'"days": {repeat.days}}}',
                )
            voice = voices.get((speaker, as_written, cue, kind))
            if voice is None:
                voice = voices[speaker, as_written, cue, kind] = (
                    f'"speaker": {optional(speaker)}, "as_written": {optional(as_written)}, "cue": {optional(cue)}, '
                    f'"kind": "{"speech" if kind == "speech" else "term"}", '
                )
            lines.append(
                f'{head}{paragraphs[at]}{words[0]}, {voice}"truncated": {"true" if truncated else "false"}, '
                f'"start": {start}, "end": {end}, "group": {group}, {words[1]}'
            )
    return "[\n" + ",\n".join(lines) + "\n]"


def _spread_keys(spread: Spread, series: str, text: str) -> dict[str, object]:
    repeat = spread[series, text]
    return {"first": repeat.first.isoformat(), "last": repeat.last.isoformat(), "days": repeat.days}


def dump_yaml(data: object) -> str:
    return yamlio.dump(data)


def md_escape(text: str) -> str:
    """Markdown that shows the text as written: characters Markdown would read as markup are escaped."""
    out = []
    for char in text:
        if char in "\\`*_{}[]<>#|":
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def corpus_to_markdown(corpus: Corpus, quotes: Mapping[str, Sequence[Quote]]) -> str:
    """A digest to read: one section a day, its items, who said what; the background once per series."""
    lines: list[str] = ["# Briefings digest", ""]
    for series in corpus.series:
        lines += [f"## {md_escape(series.name)}", ""]
        seen_background: set[str] = set()
        for briefing in series.briefings:
            lines += [f"### {_day_title(briefing)}", ""]
            fresh = [p for p in briefing.background if p.text not in seen_background]
            seen_background.update(p.text for p in briefing.background)
            lines += _day_lines(briefing, fresh, quotes.get(briefing.key, ()))
    return "\n".join(lines).rstrip() + "\n"


def day_to_markdown(briefing: Briefing, quotes: Sequence[Quote]) -> str:
    """One day, as the digest writes it, with all of its background: what the reader offers to save."""
    lines = [f"# {md_escape(briefing.series)} · {_day_title(briefing)}", ""]
    lines += _day_lines(briefing, briefing.background, quotes)
    return "\n".join(lines).rstrip() + "\n"


def _day_title(briefing: Briefing) -> str:
    return briefing.date.isoformat() + (f" (edition {briefing.edition})" if briefing.edition > 1 else "")


def _day_lines(briefing: Briefing, background: Sequence[Paragraph], quotes: Sequence[Quote]) -> list[str]:
    lines: list[str] = []
    if briefing.heading:
        lines += [f"*{md_escape(briefing.heading)}*", ""]
    if background:
        lines += ["Background:", ""]
        lines += [f"> {md_escape(p.text)}\n" for p in background]
    elif briefing.background:
        lines += [f"Background: {plural(len(briefing.background), 'paragraph')} as before.", ""]
    lines += [f"- {md_escape(p.text)}" for p in briefing.items]
    lines.append("")
    said = [q for q in quotes if q.kind == "speech" and q.speaker]
    if said:
        lines += ["Quoted:", ""]
        lines += [f"- **{md_escape(q.speaker or '')}**: “{md_escape(q.text)}”" for q in said]
        lines.append("")
    if briefing.footer:
        lines += [f"_{md_escape(briefing.footer)}_", ""]
    return lines


def bookmark_to_json(bookmark: Bookmark) -> dict[str, object]:
    """One bookmark, as ``bookmarks --json`` and ``export --bookmarks`` print it: ``paragraph`` and ``series`` as
    they were when it was made, ``folder`` its series' folder ("" for one the reader has not placed yet)."""
    return {
        "paragraph": bookmark.paragraph,
        "series": bookmark.series,
        "folder": bookmark.folder,
        "date": bookmark.date,
        "text": bookmark.text,
        "note": bookmark.note,
        "added": bookmark.added,
    }


def bookmarks_to_markdown(bookmarks: Sequence[Bookmark]) -> str:
    lines = ["# Bookmarks", ""]
    for bookmark in sorted(bookmarks, key=lambda b: (b.date, b.paragraph)):
        lines += [f"## {bookmark.date} · {md_escape(bookmark.series)}", "", f"> {md_escape(bookmark.text)}", ""]
        if bookmark.note:
            lines += [md_escape(bookmark.note), ""]
        lines += [f"`{bookmark.paragraph}`", ""]
    return "\n".join(lines).rstrip() + "\n"


def attribution(quote: Quote, role: str | None = None) -> str:
    """The line a writer pastes: “will return to their permanent locations,” — Dmitry Peskov, Kremlin spokesman
    (seeds, 2022-02-08)."""
    who = quote.speaker or quote.as_written or "unattributed"
    if role:
        who = f"{who}, {role}"
    ending = "…" if quote.truncated else ""
    return f"“{quote.text}{ending}” — {who} ({quote.series}, {quote.date.isoformat()})"


def quotes_to_rows(quotes: Iterable[Quote]) -> list[dict[str, object]]:
    return [quote_to_json(q) for q in quotes]
