"""Paragraphs prepared for comparison, and the indexes that find edit candidates without comparing all pairs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

from crisisreader.diff.short import is_short, same_frame, shape
from crisisreader.diff.words import _CONTAIN_MIN_WORDS, _Block, _measure, folded_tokens
from crisisreader.model import Briefing, Paragraph, Section

# A sentence is indexed by its first and its last _EDGE characters: a change in the middle of a sentence keeps
# both, a change at one end keeps the other.
_EDGE = 24
# Share of index keys two paragraphs must have in common to be compared word by word.
_MIN_SHARE = 0.2
# Index keys found in more earlier paragraphs than this are common phrases ("the kremlin said on"), not evidence.
_COMMON = 32
# Earlier paragraphs compared word by word per paragraph of the day, the best candidates first.
_MAX_EARLIER = 4


def _edge_keys(text: str) -> frozenset[int]:
    low = text.lower()
    if "  " in low or "\n" in low or "\t" in low:
        low = " ".join(low.split())
    sentences = low.rstrip(". ").split(". ")
    # Kept as hashes: the index of a long series holds millions of keys, and an int is half the size of the
    # string; two keys that collide only make one more candidate, which the word comparison then turns down.
    keys = [hash(s[:_EDGE]) for s in sentences] + [hash(s[-_EDGE:]) for s in sentences]
    if is_short(text):
        # A frame line ("Day 31", a dateline, a byline) is also found by its shape and its first and last words.
        words = low.split()
        keys += [hash(("shape", shape(text))), hash(("first", words[0])), hash(("last", words[-1]))]
    return frozenset(keys)


class _Text:
    """A paragraph with what comparing it needs, each part computed only when first asked for."""

    __slots__ = ("_bag", "_folded", "_keys", "_raw", "_word_set", "paragraph", "position", "section", "text")

    def __init__(self, paragraph: Paragraph, position: int = 0) -> None:
        self.paragraph = paragraph
        self.text = paragraph.text
        self.section = paragraph.section
        self.position = position
        self._keys: frozenset[int] | None = None
        self._word_set: frozenset[str] | None = None
        self._raw: list[str] | None = None
        self._folded: list[str] | None = None
        self._bag: Counter[str] | None = None

    def borrow(self, same: _Text) -> None:
        """Take what was already computed for the same text (a background repeated from the day before)."""
        self._keys = self._keys or same._keys
        self._word_set = self._word_set or same._word_set
        self._raw = self._raw or same._raw
        self._folded = self._folded or same._folded
        self._bag = self._bag or same._bag

    @property
    def keys(self) -> frozenset[int]:
        if self._keys is None:
            self._keys = _edge_keys(self.text)
        return self._keys

    @property
    def word_set(self) -> frozenset[str]:
        if self._word_set is None:
            self._word_set = frozenset(self.text.lower().split())
        return self._word_set

    @property
    def raw(self) -> list[str]:
        if self._raw is None:
            self._raw, self._folded = folded_tokens(self.text)
        return self._raw

    @property
    def folded(self) -> list[str]:
        if self._folded is None:
            self._raw, self._folded = folded_tokens(self.text)
        return self._folded

    @property
    def bag(self) -> Counter[str]:
        """The folded words with their counts: how many words two texts could match at most."""
        if self._bag is None:
            self._bag = Counter(self.folded)
        return self._bag


@dataclass(slots=True)
class _Match:
    """A paragraph of the day found again in an older one."""

    old: _Text
    exact: bool
    similarity: float
    blocks: list[_Block] | None = None
    origin: Literal["base", "own", "earlier"] = "base"


class _Comparer:
    """Word-level comparison of two paragraphs behind a cheap filter, remembered for the pair."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        # Keyed by object ids, so the value holds both objects: an id is only unique while its object lives.
        self._seen: dict[tuple[int, int], tuple[_Text, _Text, _Match | None]] = {}

    def __call__(self, new: _Text, old: _Text) -> _Match | None:
        if new.text == old.text:
            return _Match(old, True, 1.0)
        pair = (id(new), id(old))
        seen = self._seen.get(pair)
        if seen is not None:
            return seen[2]
        match = self._compare(new, old)
        self._seen[pair] = (new, old, match)
        return match

    def _compare(self, new: _Text, old: _Text) -> _Match | None:
        if is_short(new.text) and is_short(old.text) and new.folded != old.folded and same_frame(old.text, new.text):
            # The same frame but for numbers, dates, times or a name: an edit, however few words it keeps.
            score, blocks = _measure(old.folded, new.folded)
            return _Match(old, False, score, blocks)
        a, b = new.word_set, old.word_set
        # Words as written (case folded only) bound the similarity from above, give or take quote marks: when
        # too few are shared, folding both texts and aligning their words would be wasted.
        if not a or not b or len(a & b) < 0.6 * self.threshold * min(len(a), len(b)):
            return None
        if new.folded == old.folded:
            return _Match(old, True, 1.0)
        # No alignment matches more words than the two texts share, counted with repeats: when even that bound
        # falls short of the threshold, the costly word alignment is skipped.
        shared = (new.bag & old.bag).total()
        size_new, size_old = len(new.folded), len(old.folded)
        bound = 2.0 * shared / (size_new + size_old)
        if min(size_new, size_old) >= _CONTAIN_MIN_WORDS:
            bound = max(bound, shared / min(size_new, size_old))
        if bound < self.threshold:
            return None
        score, blocks = _measure(old.folded, new.folded)
        if score < self.threshold:
            return None
        return _Match(old, False, score, blocks)


def _shares_enough(shared: int, a: int, b: int) -> bool:
    return shared >= _MIN_SHARE * min(a, b)


class _Day:
    """One briefing's paragraphs, with a dict of their texts and (when first needed) the set of all their keys."""

    __slots__ = ("_keys", "briefing", "raw", "texts")

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.texts = [_Text(p, i) for i, p in enumerate(briefing.paragraphs)]
        self.raw: dict[str, list[int]] = {}
        for t in self.texts:
            self.raw.setdefault(t.text, []).append(t.position)
        self._keys: dict[Section | None, frozenset[int]] = {}

    def candidates(self, text: _Text, section: Section | None = None) -> list[int]:
        """Positions of this day's paragraphs (of ``section``, if given) that share enough index keys with
        ``text``, most shared first."""
        every = self._keys.get(section)
        if every is None:
            every = frozenset().union(*(t.keys for t in self.texts if section is None or t.section == section))
            self._keys[section] = every
        keys = text.keys
        # A day has a dozen paragraphs: one set lookup per key rules out most texts (a new item) at once, and
        # the few that share a key are counted against each paragraph.
        if every.isdisjoint(keys):
            return []
        shared = [(len(keys & t.keys), t.position) for t in self.texts if section is None or t.section == section]
        out = [(n, p) for n, p in shared if n and _shares_enough(n, len(keys), len(self.texts[p].keys))]
        out.sort(key=lambda entry: (-entry[0], entry[1]))
        return [p for _, p in out]


class _Earlier:
    """Every paragraph said before, once per distinct text (the latest occurrence), indexed by sentence edges.

    Grown one briefing at a time; a background repeated every day costs one dict lookup a day, nothing more.
    """

    def __init__(self) -> None:
        self.raw: dict[str, int] = {}
        self.entries: list[Paragraph] = []
        self.sizes: list[int] = []
        # Most keys belong to one paragraph: an int until a second one shares it saves a list per key.
        self.postings: dict[int, int | list[int]] = {}

    def add(self, text: _Text) -> None:
        at = self.raw.get(text.text)
        if at is not None:
            self.entries[at] = text.paragraph
            return
        entry = len(self.entries)
        self.raw[text.text] = entry
        self.entries.append(text.paragraph)
        keys = text.keys
        self.sizes.append(len(keys))
        postings = self.postings
        if postings.keys().isdisjoint(keys):
            postings.update(dict.fromkeys(keys, entry))
            return
        for key in keys:
            found = postings.get(key)
            if found is None:
                postings[key] = entry
            elif isinstance(found, int):
                postings[key] = [found, entry]
            elif len(found) <= _COMMON:
                found.append(entry)

    def add_day(self, day: _Day) -> None:
        for text in day.texts:
            self.add(text)

    def find(self, text: _Text, compare: _Comparer, exact_only: bool = False) -> _Match | None:
        """The earlier paragraph this one repeats or (unless ``exact_only``) edits best, if any."""
        at = self.raw.get(text.text)
        if at is not None:
            return _Match(_Text(self.entries[at]), True, 1.0, origin="earlier")
        postings = self.postings
        keys = text.keys
        if postings.keys().isdisjoint(keys):
            return None
        hits: list[int] = []
        for key in keys:
            found = postings.get(key)
            if found is None:
                continue
            if isinstance(found, int):
                hits.append(found)
            elif len(found) <= _COMMON:
                hits.extend(found)
        if not hits:
            return None
        shared = Counter(hits)
        sizes = self.sizes
        ranked = [e for e, n in shared.items() if _shares_enough(n, len(keys), sizes[e])]
        ranked.sort(key=lambda e: (-shared[e], -e))
        best: _Match | None = None
        for entry in ranked[:_MAX_EARLIER]:
            match = compare(text, _Text(self.entries[entry]))
            if match is None or (exact_only and not match.exact):
                continue
            match.origin = "earlier"
            if match.exact:
                return match
            if best is None or match.similarity > best.similarity:
                best = match
        return best
