"""``crisisreader quotes --json`` writes its rows straight from the quotation book: the text is, to the byte, what
the JSON of each Quote (quote_to_json, with its first and last day and its days) gives."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from crisisreader.export import dump_json, quotes_json
from crisisreader.load import load
from crisisreader.quotes import chosen_rows, extract_briefings, filter_book, quote_to_json
from crisisreader.quotes.repeats import Spread
from crisisreader.speakers import Registry

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# Shapes of text a writer of JSON by hand gets wrong: escapes, control characters, backslashes, non-ASCII, quotes
# inside quotes, a quotation cut off at the end of a paragraph.
PARAGRAPHS = [
    "Peskov said “we go on \\ with \t tabs” and Lavrov added “ünïcödé — “nested” too”.",
    "“A \x07 bell and \u2028 a separator,” the Kremlin said on Monday.",
    "He called the plan a “non-starter”, while Zelensky said “no” and “never”.",
    "“Fine,” she said. “We are open to talks",
]


def _expected(book: object, corpus: object, registry: Registry, spread: Spread, **filters: object) -> str:
    chosen = filter_book(book, corpus.briefings, registry, **filters)  # type: ignore[arg-type, attr-defined]
    rows = []
    for quote in chosen:
        repeat = spread[quote.series, quote.text]
        rows.append(
            quote_to_json(quote)
            | {"first": repeat.first.isoformat(), "last": repeat.last.isoformat(), "days": repeat.days}
        )
    return dump_json(rows)


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many") / "crisis [live]"
    folder.mkdir()
    for n in range(60):
        day = dt.date(2024, 3, 1) + dt.timedelta(days=n)
        # The background repeats every day; the items change: both kinds of rows, over 2,000 in all.
        items = [f"Item {n}.{k}: the mayor said “{n} and {k}”." for k in range(30)]
        text = "\n\n".join([*PARAGRAPHS, *items])
        (folder / f"{day}.txt").write_text(f" date {day} {text}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"speaker": "peskov"},
        {"since": dt.date(2024, 3, 10), "until": dt.date(2024, 4, 2)},
        {"speaker": "nobody at all"},
    ],
    ids=["all", "one speaker", "dates", "none"],
)
@pytest.mark.parametrize("where", ["seeds", "many"])
def test_rows_written_from_the_book_are_the_json_of_each_quote(
    where: str, filters: dict[str, object], many: Path
) -> None:
    registry, _ = Registry.load(Path("/nonexistent/speakers.yaml"))
    corpus = load([SEEDS if where == "seeds" else many])
    book = extract_briefings(corpus.briefings, registry)
    spread = Spread(book.occurrences())
    written = quotes_json(chosen_rows(book, corpus.briefings, registry, **filters), spread)  # type: ignore[arg-type]
    assert written == _expected(book, corpus, registry, spread, **filters)
    rows = json.loads(written)
    if where == "many" and not filters:
        assert len(rows) >= 2000  # the rows written by hand, one a line
        assert written.count("\n") == len(rows) + 1
        assert "\\\\" in written and "\u2028" in written and "\u2014" in written
        assert {row["days"] for row in rows} == {1, 60}
    if filters.get("speaker") == "nobody at all":
        assert rows == []
