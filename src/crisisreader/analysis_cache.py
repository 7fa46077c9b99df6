"""The analysis of a corpus (quotations and day-over-day diffs) kept beside the parse cache, so that a second start
does not work it out again, and a series read one day later only works out that day.

A briefing's quotations depend on every briefing read before it (the registry learns names as it reads), and its
diff on the earlier days of its series. So each briefing is stored under a chained digest of its own content and of
everything before it, oldest first: on the next start the briefings up to the first that changed come from the
cache and the rest are worked out. What the registry learnt is kept as its journal, replayed to resume the reading
where the cache stops.

Like the parse cache, the file carries a format tag and a digest: a damaged or foreign file is set aside with a
warning and rebuilt. It is safe to delete, and written atomically.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from crisisreader import __version__
from crisisreader.cache import cache_path, frame, read_cache, unframe, write_atomic
from crisisreader.diff import DayDiff
from crisisreader.diff.plain import RawDiff, from_plain, to_plain
from crisisreader.model import Briefing, Corpus, Quote
from crisisreader.quotes.book import QuoteBook, fits, to_rows
from crisisreader.search import SearchIndex
from crisisreader.speakers import Registry

MAGIC = b"crisisreader-analysis\n"
# An analysis still in memory: its corpus, quotations and diffs by briefing key.
Previous = tuple[Corpus, Mapping[str, tuple[Quote, ...]], Mapping[str, DayDiff]]
FORMAT = 1


@cache
def rules_digest() -> str:
    """A digest of the code and data the analysis follows (the quotation, speaker and diff rules): a release or a
    local change that reads differently never reuses what an older one worked out, whatever the version says."""
    package = Path(__file__).parent
    digest = hashlib.blake2b(digest_size=12)
    for folder in ("quotes", "speakers", "diff", "data"):
        for path in sorted((package / folder).glob("*")):
            if path.suffix in (".py", ".yaml"):
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def analysis_cache_path(corpus: Corpus) -> Path:
    """One analysis cache for each set of series folders, beside their parse cache."""
    parsed = cache_path(Path(root) for root in sorted({s.root for s in corpus.series}))
    return parsed.with_name(parsed.name.replace("parsed-", "analysis-"))


def chain(corpus: Corpus, registry: Registry, threshold: float) -> list[bytes]:
    """For each briefing, oldest first, a digest of what its analysis depends on: its own content, every briefing
    before it, the registry's data, the diff threshold and this version."""
    seed = f"{FORMAT}\0{__version__}\0{rules_digest()}\0{threshold!r}\0{registry.fingerprint}".encode()
    digest = hashlib.blake2b(seed, digest_size=16).digest()
    out: list[bytes] = []
    for b in corpus.briefings:
        content = "\0".join([b.key, b.path, b.heading or "", b.footer or ""] + [
            f"{p.id}\1{p.section}\1{p.text}" for p in b.paragraphs
        ])  # fmt: skip
        digest = hashlib.blake2b(digest + content.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        out.append(digest)
    return out


@dataclass
class AnalysisCache:
    """What the last run stored, matched against the corpus of this one: ``known`` leading briefings (in
    ``corpus.briefings`` order) can be taken from it."""

    path: Path
    digests: list[bytes]
    known: int = 0
    warning: str | None = None
    usable: bool = True
    # Something stored turned out wrong after all (see index_failed): the file is written again even if every
    # briefing was known.
    dirty: bool = False
    _raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def open(cls, corpus: Corpus, registry: Registry, threshold: float) -> AnalysisCache:
        path = analysis_cache_path(corpus)
        store = cls(path, chain(corpus, registry, threshold))
        # A registry that is not as Registry.load() built it can neither resume a stored reading nor store its own.
        store.usable = registry.fingerprint is not None and not registry.journal
        if not store.usable:
            return store
        raw, store.warning = read_cache(path, _unpack, "the analysis cache", "working it out afresh")
        if raw is None:
            return store
        known = 0
        for old, new in zip(raw["chain"], store.digests, strict=False):
            if old != new:
                break
            known += 1
        store.known, store._raw = known, raw
        return store

    def resume(
        self, corpus: Corpus, registry: Registry, diffs: bool = True, previous: Previous | None = None
    ) -> tuple[QuoteBook, dict[str, DayDiff]]:
        """The stored quotations and (unless not ``diffs``) diffs of the first ``known`` briefings, with
        ``registry`` taught what it had learnt by then. Anything wrong with the stored values makes it give up:
        ``known`` is 0 and nothing is taught.

        ``previous`` (an earlier analysis of these folders still in memory: its corpus, quotations and diffs)
        spares decoding what it already holds for a briefing that is still the same.
        """
        if not self.known:
            return QuoteBook(), {}
        briefings = corpus.briefings[: self.known]
        raw = self._raw
        held = QuoteBook()
        kept_diffs: Mapping[str, DayDiff] = {}
        if previous is not None:
            same = [b for b in briefings if previous[0].briefing(b.key) == b]
            held = _held(same, previous[1])
            kept_diffs = {b.key: previous[2][b.key] for b in same if b.key in previous[2]}
        try:
            quotes = QuoteBook()
            days: dict[str, DayDiff] = {}
            stored_diffs = raw["diffs"] if diffs else [None] * len(briefings)
            for b, rows, plain in zip(briefings, raw["quotes"], stored_diffs, strict=False):
                if b.key in held:
                    quotes.put(b, held.rows(b.key))
                elif fits(b, rows):
                    quotes.put(b, rows)
                else:
                    raise ValueError("not a briefing's stored quotations")
                if diffs:
                    day = kept_diffs.get(b.key)
                    days[b.key] = day if day is not None else from_plain(corpus, b, plain)
            registry.replay([tuple(record) for record in raw["journal"][: raw["journal_at"][self.known - 1]]])
        except (TypeError, ValueError, IndexError, KeyError, AttributeError):
            self.warning = "the analysis cache does not fit this corpus: rebuilt"
            self.known, self._raw = 0, {}
            return QuoteBook(), {}
        if self.known == len(self.digests) == len(raw["chain"]):
            # Nothing will be written back: the stored values need not stay beside those taken.
            raw["quotes"] = raw["diffs"] = []
        return quotes, days

    def journal_at(self) -> list[int]:
        """For each stored briefing taken, the length of the registry's journal once it was read."""
        return list(self._raw["journal_at"][: self.known]) if self.known else []

    def diff_starts(self, corpus: Corpus) -> dict[str, int]:
        """For each series, how many of its first briefings have a stored diff."""
        starts: dict[str, int] = {}
        for briefing in corpus.briefings[: self.known]:
            starts[briefing.series] = starts.get(briefing.series, 0) + 1
        return starts

    def postings(self, corpus: Corpus) -> dict[str, dict[str, bytes]]:
        """The stored word index of each series none of whose briefings changed (nor any before them)."""
        stored = self._raw.get("index", {}) if self.known else {}
        out: dict[str, dict[str, bytes]] = {}
        for name, digest in self._series_digests(corpus).items():
            entry = stored.get(name)
            if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == digest and isinstance(entry[1], dict):
                out[name] = entry[1]
        return out

    def index_failed(self) -> None:
        """The stored word index did not fit its series: it is built afresh, and stored again."""
        self.warning = "the analysis cache's search index does not fit this corpus: rebuilt"
        self._raw["index"] = {}
        self.dirty = True

    def _series_digests(self, corpus: Corpus) -> dict[str, bytes]:
        # A series is as it was when the chain up to its newest briefing is.
        return {b.series: digest for b, digest in zip(corpus.briefings, self.digests, strict=True)}

    def save(
        self,
        corpus: Corpus,
        registry: Registry,
        journal_at: Sequence[int],
        quotes: QuoteBook,
        diffs: Mapping[str, DayDiff],
        index: SearchIndex,
        plain: Mapping[str, RawDiff] | None = None,
    ) -> None:
        """Store this run's analysis; the entries taken from the cache are written back as they were read, and
        diffs already in ``plain`` form (from the diff helper) as they are."""
        if not self.usable or registry.fingerprint is None:
            return
        if not self.dirty and self.known == len(self.digests) == len(self._raw.get("chain", ())):
            return
        stored = self.postings(corpus)
        digests = self._series_digests(corpus)
        postings: dict[str, tuple[bytes, dict[str, bytes]]] = {}
        for name, digest in digests.items():
            whole = index.whole(name)
            if name in stored:
                postings[name] = (digest, stored[name])
            elif whole is not None:
                postings[name] = (digest, whole.raw_postings())
        briefings = corpus.briefings
        raw = self._raw
        # The stored values read back are written back, unless resume() let them go (none was to be written).
        kept = self.known if len(raw.get("quotes", ())) >= self.known else 0
        kept_quotes: list[Any] = list(raw.get("quotes", ())[:kept])
        kept_diffs: list[Any] = list(raw.get("diffs", ())[:kept])
        for b in briefings[kept:]:
            kept_quotes.append(list(quotes.rows(b.key)))
            diff = diffs.get(b.key)
            done = plain.get(b.key) if plain is not None else None
            kept_diffs.append(done if done is not None else to_plain(diff) if diff is not None else None)
        payload = {
            "chain": self.digests,
            "keys": [b.key for b in briefings],
            "journal": registry.journal,
            "journal_at": list(journal_at),
            "quotes": kept_quotes,
            "diffs": kept_diffs,
            "index": postings,
        }
        write_atomic(self.path, frame(marshal.dumps(payload), MAGIC, FORMAT), ".analysis-")


def _unpack(data: bytes) -> dict[str, Any] | None:
    payload = unframe(data, MAGIC, FORMAT)
    if payload is None:
        return None
    try:
        raw = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(raw, dict):
        return None
    lists = ("chain", "keys", "journal", "journal_at", "quotes", "diffs")
    if not all(isinstance(raw.get(name), list) for name in lists) or not isinstance(raw.get("index"), dict):
        return None
    size = len(raw["chain"])
    if any(len(raw[name]) != size for name in ("keys", "journal_at", "quotes", "diffs")):
        return None
    return raw


def _held(same: Sequence[Briefing], quotes: Mapping[str, tuple[Quote, ...]]) -> QuoteBook:
    """What an analysis in memory holds of these briefings' quotations, as rows."""
    if isinstance(quotes, QuoteBook):
        return quotes.only(b.key for b in same)
    return QuoteBook((b, to_rows(b, quotes[b.key])) for b in same if b.key in quotes)
