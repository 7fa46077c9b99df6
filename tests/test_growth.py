"""A day added after the last of its series is worked out alone, and comes out as a full analysis gives it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from crisisreader.analysis import Analysis, analyse
from crisisreader.growth import Tails, appended
from crisisreader.load import load
from crisisreader.model import Corpus
from crisisreader.speakers import Registry

NEW_ITEM = "“We are ready for a long winter,” Olena Koval, a presidential adviser, said on Wednesday."


def next_day(folder: Path, date: str = "2022-02-09", heading: bool = True) -> str:
    """A day after the seeds' last: its background and items repeated, an item of the day before it carried
    over (an "earlier" paragraph, which only the whole series' index finds), and a new item with a quotation."""
    corpus = load([folder])
    last = corpus.briefings[-1]
    shown = {p.text for p in last.paragraphs}
    carried = [p.text for b in corpus.briefings[:-1] for p in b.items if p.text not in shown][:1]
    background = [p.text for p in last.background]
    items = [p.text for p in last.items if p.text != NEW_ITEM] + [*carried, NEW_ITEM]
    middle = ["Feb. 9: What you need to know today"] if heading else []
    return f" date {date} " + "\n\n".join([*background, *middle, *items]) + "\n"


def analysed(folder: Path) -> Analysis:
    registry, _ = Registry.load()
    return analyse(load([folder]), registry, parallel=False)


def test_a_new_day_comes_out_as_the_full_analysis_gives_it(seed_copy: Callable[[str], Path]) -> None:
    folder = seed_copy("ukraine")
    before = analysed(folder)
    new = folder / "tomorrow.txt"
    new.write_text(next_day(folder), encoding="utf-8")

    growth = appended(before.corpus, [folder], [new])
    assert growth is not None
    assert [b.key for b in growth.briefings] == ["ukraine/2022-02-09"]
    grown = Tails().grow(before, growth)
    full = analysed(folder)

    assert grown.corpus == full.corpus
    key = "ukraine/2022-02-09"
    assert grown.diffs[key] == full.diffs[key]
    # The carried-over item is found in the day before the day before: the tail knows every earlier day.
    sources = {d.previous for d in grown.diffs[key].paragraphs if d.status != "new"}
    assert any(source and source.startswith("ukraine/2022-02-07#") for source in sources)
    assert grown.quotes.rows(key) == full.quotes.rows(key)
    assert any(q.speaker == "Olena Koval" for q in grown.quotes_of(grown.corpus.briefings[-1]))
    # The old days' analysis is shared, not worked out again.
    assert grown.diffs["ukraine/2022-02-08"] is before.diffs["ukraine/2022-02-08"]
    for query in ("long winter", "peskov", "minsk"):
        mine, theirs = grown.index.search(query, limit=None), full.index.search(query, limit=None)
        assert [(h.briefing.key, h.paragraph.id) for h in mine.hits] == [
            (h.briefing.key, h.paragraph.id) for h in theirs.hits
        ]
        assert mine.total == theirs.total
    assert grown.index.search("long winter").hits[0].briefing.key == key
    # An index grown by days is never what the analysis cache stores for the series.
    assert grown.index.whole("ukraine") is None and full.index.whole("ukraine") is not None


def test_days_grow_one_after_another_from_one_tail(seed_copy: Callable[[str], Path]) -> None:
    folder = seed_copy("ukraine")
    analysis = analysed(folder)
    tails = Tails()
    tails.prepare(analysis)
    for date in ("2022-02-09", "2022-02-10"):
        new = folder / f"{date}.txt"
        new.write_text(next_day(folder, date), encoding="utf-8")
        growth = appended(analysis.corpus, [folder], [new])
        assert growth is not None
        analysis = tails.grow(analysis, growth)
    full = analysed(folder)
    assert analysis.corpus == full.corpus
    for key in ("ukraine/2022-02-09", "ukraine/2022-02-10"):
        assert analysis.diffs[key] == full.diffs[key]
    assert analysis.index.search("winter", limit=None).total == full.index.search("winter", limit=None).total


def test_a_day_without_a_heading_takes_its_background_as_the_full_load_does(
    seed_copy: Callable[[str], Path],
) -> None:
    folder = seed_copy("ukraine")
    before = analysed(folder)
    new = folder / "tomorrow.txt"
    new.write_text(next_day(folder, heading=False), encoding="utf-8")
    growth = appended(before.corpus, [folder], [new])
    assert growth is not None
    day = growth.corpus.briefings[-1]
    assert day.heading is None and day.background
    assert growth.corpus == load([folder])


def test_a_day_of_one_series_leaves_the_others_alone(tmp_path: Path, seeds: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        for seed in seeds.iterdir():
            (tmp_path / name / seed.name).write_bytes(seed.read_bytes())
    paths = [tmp_path / "a", tmp_path / "b"]
    registry, _ = Registry.load()
    before = analyse(load(paths), registry, parallel=False)
    new = tmp_path / "b" / "tomorrow.txt"
    new.write_text(next_day(tmp_path / "b"), encoding="utf-8")
    growth = appended(before.corpus, paths, [new])
    assert growth is not None and list(growth.added) == ["b"]
    grown = Tails().grow(before, growth)
    assert grown.corpus == load(paths)
    assert grown.corpus.get_series("a") is before.corpus.get_series("a")
    assert grown.index.whole("a") is before.index.whole("a")
    hits = grown.index.search("long winter", limit=None).hits
    assert [h.briefing.key for h in hits] == ["b/2022-02-09"]


@pytest.mark.parametrize(
    "case",
    ["before the last day", "a second edition", "a new folder", "a changed file", "a file that does not parse"],
)
def test_anything_but_a_new_last_day_takes_the_full_way(seed_copy: Callable[[str], Path], case: str) -> None:
    folder = seed_copy("ukraine")
    corpus: Corpus = load([folder])
    changed: Path
    if case == "before the last day":
        changed = folder / "old.txt"
        changed.write_text(next_day(folder, "2022-01-15"), encoding="utf-8")
    elif case == "a second edition":
        changed = folder / "again.txt"
        changed.write_text(next_day(folder, "2022-02-08"), encoding="utf-8")
    elif case == "a new folder":
        (folder / "more").mkdir()
        changed = folder / "more" / "tomorrow.txt"
        changed.write_text(next_day(folder), encoding="utf-8")
    elif case == "a changed file":
        changed = sorted(folder.glob("*.txt"))[0]
        changed.write_text(next_day(folder), encoding="utf-8")
    else:
        changed = folder / "broken.txt"
        changed.write_text("no date line here\n", encoding="utf-8")
    assert appended(corpus, [folder], [changed]) is None
