"""The analysis cache: a second run takes what did not change, a new day alone is worked out, an edit invalidates
what follows it, a damaged or foreign cache is rebuilt with a warning; the registry's journal and stored word
index it relies on."""

from __future__ import annotations

import dataclasses
import marshal
import os
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from crisisreader import analysis as analysis_module
from crisisreader.analysis import Analysis, analyse
from crisisreader.analysis_cache import FORMAT, MAGIC, AnalysisCache, analysis_cache_path
from crisisreader.cache import cache_home, frame, unframe, write_atomic
from crisisreader.diff import DEFAULT_THRESHOLD, DayDiff, diff_series
from crisisreader.load import load
from crisisreader.model import Briefing, Corpus, Quote
from crisisreader.quotes import extract_briefing, extract_briefings
from crisisreader.search import SearchIndex, SeriesIndex
from crisisreader.speakers import Registry, user_registry_path

if TYPE_CHECKING:
    from conftest import Spy

BACKGROUND = (
    "Russia has massed some {} troops near its border with Ukraine, and Western allies have warned Moscow of "
    "severe sanctions should it invade."
)
TALKS = (
    "Talks between Russian and Ukrainian delegations in Belarus ended without agreement, and a second round was "
    "planned for {}."
)
# Interleaved with the seeds (2022-02-07 and 08): the name is learnt on the first day, then the surname and the
# role alone name him; the background and the talks are edited from one day to the next.
DAYS: dict[str, tuple[str, list[str]]] = {
    "2022-02-07": ("130,000", [
        "Hungarian Foreign Minister Peter Szijjarto said Hungary would “not send weapons” to Ukraine.",
        TALKS.format("later in the week"),
    ]),
    "2022-02-08": ("150,000", ["“We want peace, not war,” Szijjarto said on Tuesday.", TALKS.format("Thursday")]),
    "2022-02-09": ("150,000", [
        "The Hungarian foreign minister said Budapest would “stay out of this war.”",
        "Gas prices rose sharply in Europe.",
    ]),
}  # fmt: skip
LATE_DAY = ("2022-02-10", ("150,000", ["“Nothing has changed,” Szijjarto told reporters on Friday.", "Gas fell."]))
QUERIES = ["szijjarto", "talks bel", "troops", "peskov", "gas", "putin macron"]


def write_day(folder: Path, date: str, troops: str, items: list[str]) -> None:
    heading = "What you need to know today"
    text = "\n\n".join([f" date {date}", BACKGROUND.format(troops), heading, *items])
    (folder / f"{date}.txt").write_text(text + "\n", encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The "daily" series of DAYS."""
    daily = tmp_path / "daily"
    daily.mkdir()
    for date, (troops, items) in DAYS.items():
        write_day(daily, date, troops, items)
    return daily


@pytest.fixture
def corpus(seeds: Path, folder: Path) -> Corpus:
    return load([seeds, folder])


def store_of(corpus: Corpus, registry: Registry | None = None, threshold: float = DEFAULT_THRESHOLD) -> AnalysisCache:
    return AnalysisCache.open(corpus, registry or Registry.load()[0], threshold)


def searched(index: SearchIndex | SeriesIndex) -> list[tuple[list[str], int]]:
    """What each of QUERIES finds: the paragraph ids of the hits, newest first, and their total."""
    found = [index.search(query, limit=None) for query in QUERIES]
    return [([h.paragraph.id for h in results.hits], results.total) for results in found]


def assert_same(got: Analysis, want: Analysis) -> None:
    assert got.quotes == want.quotes and got.every_quote() == want.every_quote()
    assert got.diffs == want.diffs
    assert got.registry.journal == want.registry.journal
    assert searched(got.index) == searched(want.index)


@dataclass
class Worked:
    """The briefings analyse() read for quotations and aligned for diffs, by key."""

    extracted: list[str] = field(default_factory=list)
    diffed: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.extracted.clear()
        self.diffed.clear()


@pytest.fixture
def worked(monkeypatch: pytest.MonkeyPatch) -> Worked:
    seen = Worked()

    def extracting(briefings: Iterable[Briefing], *args: Any, **kwargs: Any) -> dict[str, tuple[Quote, ...]]:
        briefings = list(briefings)
        seen.extracted.extend(b.key for b in briefings)
        return extract_briefings(briefings, *args, **kwargs)

    def diffing(*args: Any, **kwargs: Any) -> list[DayDiff]:
        found = diff_series(*args, **kwargs)
        seen.diffed.extend(d.target.key for d in found)
        return found

    monkeypatch.setattr(analysis_module, "extract_briefings", extracting)
    monkeypatch.setattr(analysis_module, "diff_series", diffing)
    return seen


def keys(corpus: Corpus, start: int = 0) -> list[str]:
    return sorted(b.key for b in corpus.briefings[start:])


def assert_all_cached(corpus: Corpus, worked: Worked) -> Analysis:
    """A run that works nothing out and gives what a run without the cache gives."""
    assert store_of(corpus).known == len(corpus.briefings)
    worked.clear()
    again = analyse(corpus, cache=True)
    assert worked.extracted == worked.diffed == [] and again.problems == ()
    assert_same(again, analyse(corpus))
    return again


def test_a_second_run_takes_everything_from_the_cache(corpus: Corpus, worked: Worked) -> None:
    first = analyse(corpus, cache=True)
    assert first.problems == () and analysis_cache_path(corpus).exists()
    assert sorted(worked.extracted) == sorted(worked.diffed) == keys(corpus)
    assert len(corpus.briefings) == 5 and sorted(store_of(corpus).postings(corpus)) == ["daily", "seeds"]
    second = assert_all_cached(corpus, worked)
    assert {q.speaker for q in second.quotes["daily/2022-02-09"]} == {"Peter Szijjarto"}


def test_a_new_day_alone_is_worked_out_and_knows_the_names_learnt_before(
    seeds: Path, folder: Path, worked: Worked
) -> None:
    analyse(load([seeds, folder]), cache=True)
    date, (troops, items) = LATE_DAY
    write_day(folder, date, troops, items)
    longer = load([seeds, folder])
    assert store_of(longer).known == len(longer.briefings) - 1
    worked.clear()
    cached = analyse(longer, cache=True)
    assert worked.extracted == worked.diffed == ["daily/2022-02-10"]
    assert cached.problems == ()
    assert_same(cached, analyse(longer))
    # Only the journal replayed from the cached days tells "Szijjarto" is Peter Szijjarto.
    [quote] = cached.quotes["daily/2022-02-10"]
    assert (quote.speaker, quote.as_written) == ("Peter Szijjarto", "Szijjarto")
    assert [q.speaker for q in extract_briefing(longer.briefings[-1], Registry.load()[0])] == ["Szijjarto"]
    # What was taken from the cache was stored again with the new day.
    assert_all_cached(longer, worked)


@pytest.mark.parametrize("date", ["2022-02-07", "2022-02-08"])
def test_an_edited_day_and_every_later_one_are_worked_out_again(
    seeds: Path, folder: Path, worked: Worked, date: str
) -> None:
    analyse(load([seeds, folder]), cache=True)
    write_day(folder, date, "160,000", DAYS[date][1])  # the same paragraphs, the background edited
    edited = load([seeds, folder])
    at = [b.key for b in edited.briefings].index(f"daily/{date}")
    assert store_of(edited).known == at
    worked.clear()
    cached = analyse(edited, cache=True)
    # From the edited briefing on, in every series (seeds/2022-02-08 comes after daily/2022-02-08).
    assert sorted(worked.extracted) == sorted(worked.diffed) == keys(edited, at)
    assert_same(cached, analyse(edited))
    assert_all_cached(edited, worked)


def _garbage(path: Path) -> None:
    path.write_bytes(b"not a cache at all")


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _flipped(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:-20] + bytes([data[-20] ^ 0x01]) + data[-19:])


def _unfitting(path: Path) -> None:
    """A well-formed cache whose first quotation names a paragraph its briefing does not have."""
    payload = unframe(path.read_bytes(), MAGIC, FORMAT)
    assert payload is not None
    raw = marshal.loads(payload)
    raw["quotes"][0] = [(99, 0, 1, None, None, None, "speech", False, 0)]
    write_atomic(path, frame(marshal.dumps(raw), MAGIC, FORMAT), ".unfitting-")


@pytest.mark.parametrize(
    ("damage", "set_aside"), [(_garbage, True), (_truncated, True), (_flipped, True), (_unfitting, False)]
)
def test_a_damaged_cache_is_rebuilt_with_a_warning(
    corpus: Corpus, worked: Worked, damage: Callable[[Path], None], set_aside: bool
) -> None:
    analyse(corpus, cache=True)
    path = analysis_cache_path(corpus)
    damage(path)
    rebuilt = analyse(corpus, cache=True)
    assert_same(rebuilt, analyse(corpus))
    [warning] = rebuilt.problems
    assert warning.severity == "warning" and "rebuilt" in warning.message and warning.path == str(path)
    assert path.with_suffix(".bad").exists() == set_aside
    assert_all_cached(corpus, worked)


@pytest.mark.parametrize("change", ["threshold", "user registry"])
def test_other_registry_data_or_threshold_do_not_reuse_the_cache(corpus: Corpus, worked: Worked, change: str) -> None:
    first = analyse(corpus, cache=True)
    threshold = 0.95 if change == "threshold" else DEFAULT_THRESHOLD
    if change == "user registry":
        user = user_registry_path()
        user.parent.mkdir(parents=True)
        user.write_text("speakers:\n  - name: Péter Szijjártó\n    aliases: [Peter Szijjarto]\n", encoding="utf-8")
    registry, problems = Registry.load()
    assert problems == [] and store_of(corpus, registry, threshold).known == 0
    worked.clear()
    other = analyse(corpus, threshold=threshold, cache=True)
    assert sorted(worked.extracted) == sorted(worked.diffed) == keys(corpus)
    assert_same(other, analyse(corpus, threshold=threshold))
    # What the first run stored would have been wrong: a diff, or who said it.
    assert (other.quotes, other.diffs) != (first.quotes, first.diffs)


@pytest.mark.parametrize("change", ["learnt", "no fingerprint"])
def test_a_registry_not_as_loaded_is_never_resumed(corpus: Corpus, worked: Worked, change: str) -> None:
    analyse(corpus, cache=True)
    assert store_of(corpus).known == len(corpus.briefings)
    registry, _ = Registry.load()
    if change == "learnt":
        registry.learn("Laszlo Kovacs")
    else:
        registry.fingerprint = None
    assert store_of(corpus, registry).known == 0
    worked.clear()
    analyse(corpus, registry, cache=True)
    assert sorted(worked.extracted) == keys(corpus)


def test_a_registry_that_learnt_beforehand_does_not_poison_the_cache(corpus: Corpus) -> None:
    # What it knew before reading is not what the text teaches: stored, it would be resumed by a fresh reader.
    taught, _ = Registry.load()
    taught.learn("Laszlo Szijjarto")
    analyse(corpus, taught, cache=True)
    assert not analysis_cache_path(corpus).exists()
    assert_same(analyse(corpus, cache=True), analyse(corpus))


def test_a_registry_without_fingerprint_leaves_the_cache_as_it_was(corpus: Corpus) -> None:
    analyse(corpus, cache=True)
    path = analysis_cache_path(corpus)
    before = path.read_bytes()
    registry, _ = Registry.load()
    registry.fingerprint = None
    analyse(corpus, registry, cache=True)
    assert path.read_bytes() == before


def test_the_cache_is_written_atomically(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    replaced: list[tuple[Path, Path]] = []
    replace = os.replace

    def spying(source: Any, target: Any) -> None:
        replaced.append((Path(source), Path(target)))
        replace(source, target)

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", spying)
        analyse(corpus, cache=True)
    path = analysis_cache_path(corpus)
    [(temporary, target)] = replaced
    assert target == path and temporary.parent == path.parent and temporary.name.startswith(".analysis-")
    assert sorted(p.name for p in cache_home().iterdir()) == [path.name]


def test_an_unwritable_cache_folder_does_not_break_the_analysis(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", refuse)
        refused = analyse(corpus, cache=True)
    assert refused.problems == () and not analysis_cache_path(corpus).exists()
    assert list(cache_home().iterdir()) == []  # the temporary is gone
    assert_same(refused, analyse(corpus))
    # A cache folder that cannot be made (a file in its place): a warning at most, the same analysis.
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "crisisreader").write_text("in the way", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    rebuilt = analyse(corpus, cache=True)
    assert_same(rebuilt, analyse(corpus))
    assert all(p.severity == "warning" and "analysis cache" in p.message for p in rebuilt.problems)


def test_replaying_a_journal_teaches_what_was_learnt(corpus: Corpus) -> None:
    taught = analyse(corpus).registry
    assert ("name", "Peter Szijjarto") in taught.journal and any(r[0] == "role" for r in taught.journal)
    fresh, _ = Registry.load()
    mentions = ["Szijjarto", "Peter Szijjarto", "the Hungarian foreign minister", "Kremlin spokesman", "Peskov"]
    assert fresh.canonical("Szijjarto") is None
    fresh.replay(taught.journal)
    assert fresh.journal == taught.journal
    assert [fresh.canonical(m) for m in mentions] == [taught.canonical(m) for m in mentions]
    assert [fresh.learnt_role(m) for m in mentions] == [taught.learnt_role(m) for m in mentions]
    assert fresh.canonical("Szijjarto") == "Peter Szijjarto"


@pytest.mark.parametrize(
    "record", [("name",), ("role", "spokesman"), ("alias", "Peskov"), ("name", "A B", "C"), (), ("name", 5)]
)
def test_a_malformed_journal_record_is_refused(record: tuple[Any, ...]) -> None:
    registry, _ = Registry.load()
    with pytest.raises(ValueError, match="not a learning record"):
        registry.replay([("name", "Peter Szijjarto"), record])
    # Refused before anything was learnt.
    assert registry.journal == [] and registry.lookup("Szijjarto") is None


def test_a_stored_word_index_that_does_not_fit_is_rebuilt_and_stored_again(corpus: Corpus, worked: Worked) -> None:
    analyse(corpus, cache=True)
    path = analysis_cache_path(corpus)
    payload = unframe(path.read_bytes(), MAGIC, FORMAT)
    assert payload is not None
    raw = marshal.loads(payload)
    name = corpus.series[0].name
    digest, postings = raw["index"][name]
    raw["index"][name] = (digest, {**postings, "troops": array("I", [10**6]).tobytes()})
    write_atomic(path, frame(marshal.dumps(raw), MAGIC, FORMAT), ".damaged-")
    first = analyse(corpus, cache=True)
    assert_same(first, analyse(corpus))
    [warning] = first.problems
    assert "search index" in warning.message and warning.path == str(path)
    # Written again at once: the next run warns no more.
    assert_all_cached(corpus, worked)


def test_a_stored_word_index_searches_as_the_one_it_came_from(corpus: Corpus) -> None:
    for series in corpus.series:
        built = SeriesIndex(series)
        expected = searched(built)
        assert searched(SeriesIndex(series, postings=built.raw_postings())) == expected
    # Not a vacuous comparison: an empty word index finds nothing.
    assert searched(SeriesIndex(corpus.series[0], postings={})) != searched(SeriesIndex(corpus.series[0]))


def test_a_stored_word_index_naming_a_missing_text_is_refused(corpus: Corpus) -> None:
    series = corpus.series[0]
    texts = len({p.text for b in series.briefings for p in b.paragraphs})
    last = SeriesIndex(series, postings={"troops": array("I", [texts - 1]).tobytes()})
    assert [h.paragraph.text for h in last.search("troops").hits] == [series.briefings[0].paragraphs[-1].text]
    with pytest.raises(ValueError):
        SeriesIndex(series, postings={"troops": array("I", [0, texts]).tobytes()})


@pytest.mark.parametrize("command", [["quotes", "--json"], ["speakers", "--json"], ["days", "--json"]])
def test_the_command_line_takes_quotations_from_the_readers_cache(
    seeds: Path, folder: Path, worked: Worked, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    from crisisreader.cli import main

    assert main([*command, str(seeds), str(folder)]) == 0
    fresh = capsys.readouterr().out
    assert len(worked.extracted) == 5  # no cache yet: every briefing read
    analyse(load([seeds, folder], cache=True), cache=True)  # what the reader stores
    worked.clear()
    assert main([*command, str(seeds), str(folder)]) == 0
    out = capsys.readouterr()
    assert out.out == fresh and worked.extracted == [] and out.err == ""


def test_a_live_refresh_takes_what_the_analysis_in_memory_holds(
    seeds: Path, folder: Path, worked: Worked, spy: Spy
) -> None:
    from crisisreader import analysis_cache

    first = analyse(load([seeds, folder]), cache=True)
    date, (troops, items) = LATE_DAY
    write_day(folder, date, troops, items)
    longer = load([seeds, folder])
    decoded = spy(analysis_cache, "fits")
    worked.clear()
    fresh, changed = first.refresh(longer, cache=True)
    assert changed == ["daily"] and decoded == [] and worked.extracted == ["daily/2022-02-10"]
    assert_same(fresh, analyse(longer))


def test_what_memory_holds_for_a_briefing_since_changed_is_not_taken(seeds: Path, folder: Path) -> None:
    corpus = load([seeds, folder])
    analyse(corpus, cache=True)
    # An analysis in memory that says nothing, over a corpus where one day reads differently.
    edited_key = "daily/2022-02-08"
    other = [
        dataclasses.replace(s, briefings=tuple(
            dataclasses.replace(b, items=b.items[:1]) if b.key == edited_key else b for b in s.briefings
        ))
        for s in corpus.series
    ]  # fmt: skip
    silent = {b.key: () for b in corpus.briefings}
    result = analyse(corpus, cache=True, previous=(Corpus(tuple(other)), silent, {}))
    assert result.quotes[edited_key] == analyse(corpus).quotes[edited_key] != ()
    assert all(result.quotes[b.key] == () for b in corpus.briefings if b.key != edited_key)
