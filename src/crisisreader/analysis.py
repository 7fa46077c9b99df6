"""What is derived from a Corpus: quotations, day-over-day diffs and the search index, computed once.

The reader computes it in a worker, a stage at a time, reporting progress; the command line asks for the part
it needs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from crisisreader.analysis_cache import AnalysisCache, Previous
from crisisreader.diff import DEFAULT_THRESHOLD, DayDiff, diff_briefings, diff_days, diff_series
from crisisreader.diff.helper import DiffHelper, worth_it
from crisisreader.model import Briefing, Corpus, Problem, Quote, Series
from crisisreader.quotes import QuoteBook, SpeakerSummary, extract_briefings, extract_corpus, summarize_said
from crisisreader.search import SearchIndex, name_variants
from crisisreader.sources.editions import edition_diff, edition_of
from crisisreader.speakers import Registry

Progress = Callable[[str, float], None]


@dataclass(frozen=True, slots=True)
class Analysis:
    """Quotes by briefing key, each briefing's diff against the one before it, and the search index."""

    corpus: Corpus
    registry: Registry
    quotes: QuoteBook
    diffs: Mapping[str, DayDiff]
    index: SearchIndex
    threshold: float = DEFAULT_THRESHOLD
    # What went wrong with the analysis cache, if anything (it was then worked out afresh).
    problems: tuple[Problem, ...] = ()
    _chosen: dict[tuple[str, str], DayDiff] = field(default_factory=dict, compare=False, repr=False)
    _speakers: list[SpeakerSummary] = field(default_factory=list, compare=False, repr=False)
    _every: list[Quote] = field(default_factory=list, compare=False, repr=False)

    def __repr__(self) -> str:
        return f"Analysis({self.corpus!r}, {self.quotes.count()} quotations, {len(self.diffs)} diffs)"

    def quotes_of(self, briefing: Briefing) -> tuple[Quote, ...]:
        return self.quotes.get(briefing.key, ())

    def every_quote(self) -> list[Quote]:
        """Every quotation, oldest briefing first: made once, on first asking (the quotations are kept as rows)."""
        if not self._every:
            self._every.extend(q for b in self.corpus.briefings for q in self.quotes.get(b.key, ()))
        return list(self._every)

    def quotes_by(self, speaker: str | None) -> list[Quote]:
        """The speech quotations of one speaker (None: of anyone named), oldest briefing first."""
        return self.quotes.by_speaker(speaker, (b.key for b in self.corpus.briefings))

    def speakers(self) -> list[SpeakerSummary]:
        """Who is quoted, most quoted first (see :func:`summarize_speakers`); worked out once, on first asking
        (the reader asks in its worker, so that no screen waits for it)."""
        if not self._speakers:
            found = summarize_said(self.quotes.said(b.key for b in self.corpus.briefings))
            # One assignment: the reader's worker and a screen may both be asking.
            self._speakers[:] = found
        return list(self._speakers)

    def refresh(
        self, corpus: Corpus, cache: bool = False, progress: Progress | None = None
    ) -> tuple[Analysis, list[str]]:
        """The analysis of a corpus read again: only series that changed are worked out anew.

        Returns the new analysis (over a corpus that keeps the unchanged series' own objects) and the names of
        the series that changed. With ``cache``, the analysis is worked out as a start would (see
        :func:`analyse`): with a registry as loaded, and from the analysis cache all but the briefings that
        changed (tomorrow's day alone, rather than its whole series).
        """
        old = {series.name: series for series in self.corpus.series}
        kept = tuple(old[s.name] if old.get(s.name) == s else s for s in corpus.series)
        corpus = Corpus(kept, corpus.problems)
        changed = [s for s in kept if old.get(s.name) is not s]
        names = {s.name for s in changed}
        gone = set(old) - {s.name for s in kept}
        if cache:
            previous = (self.corpus, self.quotes, self.diffs)
            return analyse(corpus, None, self.threshold, progress, True, previous=previous), sorted(names | gone)
        unchanged = {s.name for s in kept} - names
        quotes = self.quotes.only(k for k in self.quotes if k.rpartition("/")[0] in unchanged)
        diffs = {k: v for k, v in self.diffs.items() if v.series in unchanged}
        if changed:
            part = Corpus(tuple(changed))
            quotes.merge(extract_corpus(part, self.registry))
            diffs.update(all_diffs(part, self.threshold))
        index = SearchIndex(corpus, reuse=self.index.parts, variants=self.index.variants)
        return Analysis(corpus, self.registry, quotes, diffs, index, self.threshold), sorted(names | gone)

    def diff_against(self, briefing: Briefing, base_key: str | None) -> DayDiff | None:
        """The briefing against a chosen base day of its series (None: the day before), kept once worked out."""
        if base_key is None or base_key == briefing.key:
            return self.diffs.get(briefing.key)
        cached = self._chosen.get((base_key, briefing.key))
        if cached is not None:
            return cached
        if "@" in base_key:
            # One of the day's own earlier texts; a day with no such edition shows its diff with the day before.
            number = edition_of(base_key, briefing)
            chosen = edition_diff(briefing, number, self.threshold) if number is not None else None
            if chosen is None:
                return self.diffs.get(briefing.key)
            self._chosen[(base_key, briefing.key)] = chosen
            return chosen
        series = self.corpus.get_series(briefing.series)
        base = self.corpus.briefing(base_key)
        if series is None or base is None:
            return self.diffs.get(briefing.key)
        diff = self._chosen[(base_key, briefing.key)] = diff_days(series, base, briefing, self.threshold)
        return diff

    def new_items(self, briefing: Briefing) -> int:
        diff = self.diffs.get(briefing.key)
        if diff is None:
            return len(briefing.items)
        return diff.count("item", "new") + diff.count("item", "edited")


def stored_quotes(
    corpus: Corpus, registry: Registry | None = None, threshold: float = DEFAULT_THRESHOLD
) -> tuple[QuoteBook, list[Problem]]:
    """Every briefing's quotations, those the reader's analysis cache holds taken from it and the rest read; the
    cache is not written (only a whole analysis is stored). For the command line: a script asking for the
    quotations of a corpus the reader has open does not read them all again."""
    if registry is None:
        registry, _ = Registry.load()
    store = AnalysisCache.open(corpus, registry, threshold)
    quotes, _ = store.resume(corpus, registry, diffs=False)
    quotes.merge(extract_briefings(corpus.briefings[store.known :], registry))
    problems = [Problem(str(store.path), 0, store.warning, "warning")] if store.warning else []
    return quotes, problems


def all_diffs(corpus: Corpus, threshold: float = DEFAULT_THRESHOLD) -> dict[str, DayDiff]:
    return {d.target.key: d for series in corpus.series for d in diff_series(series, threshold)}


def analyse(
    corpus: Corpus,
    registry: Registry | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    progress: Progress | None = None,
    cache: bool = False,
    parallel: bool = True,
    previous: Previous | None = None,
) -> Analysis:
    """Every derived view of the corpus; ``progress(stage, fraction)`` is told as the work goes on. With ``cache``,
    the quotations and diffs of the briefings the last run stored (unchanged, nor anything before them) are taken
    from the analysis cache, and this run's are stored for the next. With ``parallel``, a long series' diffs are
    worked out in a helper process when there is a core to spare. ``progress`` may raise to stop the work.
    ``previous`` (an earlier analysis of the same folders, see :meth:`AnalysisCache.resume`) spares decoding what
    it holds."""

    def tell(stage: str, fraction: float) -> None:
        if progress is not None:
            progress(stage, fraction)

    if registry is None:
        registry, _ = Registry.load()
    store = AnalysisCache.open(corpus, registry, threshold) if cache else None
    quotes = QuoteBook()
    diffs: dict[str, DayDiff] = {}
    known = 0
    journal_at: list[int] = []
    if store is not None:
        quotes, diffs = store.resume(corpus, registry, previous=previous)
        known, journal_at = store.known, store.journal_at()
    starts = store.diff_starts(corpus) if store is not None else {}
    # The diffs share nothing with the quotations: with a second core they are worked out beside them.
    helper = DiffHelper.start(corpus, starts, threshold) if parallel and worth_it(corpus, starts) else None
    try:
        briefings = corpus.briefings[known:]
        step = max(1, len(briefings) // 100)

        def read(briefing: Briefing) -> None:
            journal_at.append(len(registry.journal))
            if len(journal_at) % step == 0:
                tell("quotations", 0.4 * (len(journal_at) - known) / len(briefings))

        quotes.merge(extract_briefings(briefings, registry, read))
        tell("quotations", 0.4)
        if helper is not None:
            # The index is built while the helper finishes; a helper that failed only makes this slower.
            index = _index(corpus, store, tell, registry)
            found = helper.result(corpus, lambda: tell("differences", 0.9))
            diffs.update(found if found is not None else _diffs(corpus, starts, threshold, tell))
        else:
            diffs.update(_diffs(corpus, starts, threshold, tell))
            index = _index(corpus, store, tell, registry)
        tell("search index", 1.0)
    finally:
        if helper is not None:
            helper.stop()
    problems: tuple[Problem, ...] = ()
    if store is not None:
        store.save(corpus, registry, journal_at, quotes, diffs, index, helper.plain if helper is not None else None)
        if store.warning:
            problems = (Problem(str(store.path), 0, store.warning, "warning"),)
    return Analysis(corpus, registry, quotes, diffs, index, threshold, problems)


def _diffs(corpus: Corpus, starts: Mapping[str, int], threshold: float, tell: Progress) -> dict[str, DayDiff]:
    days = sum(len(s.briefings) - starts.get(s.name, 0) for s in corpus.series)
    step = max(1, days // 100)
    done = 0

    def aligned() -> None:
        nonlocal done
        done += 1
        if done % step == 0:
            tell("differences", 0.4 + 0.3 * done / days)

    out: dict[str, DayDiff] = {}
    for series in corpus.series:
        out.update((d.target.key, d) for d in diff_series(series, threshold, starts.get(series.name, 0), aligned))
    return out


def _index(corpus: Corpus, store: AnalysisCache | None, tell: Progress, registry: Registry) -> SearchIndex:
    tell("search index", 0.7)
    # The registry's spellings of each surname, so that "zelensky" finds "Zelenskiy" too.
    variants = name_variants(registry.speakers())
    if store is not None:
        try:
            return SearchIndex(corpus, stored=store.postings(corpus), variants=variants)
        except ValueError:
            store.index_failed()
    return SearchIndex(corpus, variants=variants)


def pick_pair(series: Series, target: dt.date | None, base: dt.date | None) -> tuple[Briefing | None, Briefing]:
    """The briefings a diff compares: TARGET (default the latest) against BASE (default the one before it)."""
    briefings = series.briefings
    if target is None:
        to = briefings[-1]
    else:
        matching = [b for b in briefings if b.date == target]
        if not matching:
            raise LookupError(f"{series.name} has no briefing on {target.isoformat()}")
        to = matching[-1]
    if base is None:
        position = briefings.index(to)
        return (briefings[position - 1] if position > 0 else None), to
    earlier = [b for b in briefings if b.date == base]
    if not earlier:
        raise LookupError(f"{series.name} has no briefing on {base.isoformat()}")
    return earlier[-1], to


def select_diffs(
    corpus: Corpus, dates: Sequence[dt.date], series: str | None = None, threshold: float | None = None
) -> list[DayDiff]:
    """What ``crisisreader diff`` compares: every consecutive pair; one date against the day before; FROM TO."""
    limit = DEFAULT_THRESHOLD if threshold is None else threshold
    chosen = [s for s in corpus.series if series is None or s.name == series]
    if series is not None and not chosen:
        raise LookupError(f"no series named {series!r} (there are: {', '.join(s.name for s in corpus.series)})")
    out: list[DayDiff] = []
    for one in chosen:
        if not dates:
            out.extend(diff_series(one, limit))
            continue
        if not any(b.date == dates[-1] for b in one.briefings) and len(chosen) > 1:
            continue
        if len(dates) == 1:
            base, target = pick_pair(one, dates[0], None)
        else:
            base, target = pick_pair(one, dates[1], dates[0])
        if base is None:
            earlier = [b for b in one.briefings if b.date < target.date]
            out.append(diff_briefings(None, target, earlier, limit))
        else:
            out.append(diff_days(one, base, target, limit))
    if dates and not out:
        raise LookupError(f"no briefing on {dates[-1].isoformat()}")
    return out
