"""Day-over-day differences within a series: which paragraphs repeat, which are edited (and how, word by word),
which are new, carried over from earlier days, or dropped.

The work is done in three passes so that a long series stays fast: exact text first (a dict), then candidates for
edits from an index of sentence edges (the first and last characters of every sentence), and only on those
candidates a word-level comparison. The index of earlier paragraphs grows day by day and is never rebuilt.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from crisisreader.model import Briefing, Paragraph, Section, Series
from crisisreader.text import fold

# Word similarity from which a paragraph counts as an edit of another rather than new. At 0.65 a paragraph that
# kept two of its three sentences is still edited, while two items on the same story (same names, same verbs,
# different news) stay well apart: on the seeds the closest unrelated pair scores 0.2.
DEFAULT_THRESHOLD = 0.65

Status = Literal["repeated", "edited", "new", "dropped", "carried_over"]
ChangeOp = Literal["equal", "delete", "insert", "replace"]

# Containment (the share of the shorter paragraph found in the longer) only counts in runs of this many words,
# and only for paragraphs of at least _CONTAIN_MIN_WORDS: a few stray shared words ("said on Monday that") must
# not make a short new item look like a trimmed copy of a long one.
_CONTAIN_RUN = 4
_CONTAIN_MIN_WORDS = 8
# A sentence is indexed by its first and its last _EDGE characters: a change in the middle of a sentence keeps
# both, a change at one end keeps the other.
_EDGE = 24
# Share of index keys two paragraphs must have in common to be compared word by word.
_MIN_SHARE = 0.2
# Index keys found in more earlier paragraphs than this are common phrases ("the kremlin said on"), not evidence.
_COMMON = 32
# Earlier paragraphs compared word by word per paragraph of the day, the best candidates first.
_MAX_EARLIER = 4


@dataclass(frozen=True, slots=True)
class Change:
    """One run of the word-level difference: the old and new words as the texts have them (punctuation kept)."""

    op: ChangeOp
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class ParagraphDiff:
    """What became of one paragraph: its status, the paragraph it came from, and its word changes if edited.

    ``sources`` names every old paragraph the text came from: one for a repeat or an edit, two or more when
    paragraphs were merged into this one.
    """

    id: str
    section: Section
    status: Status
    text: str
    previous: str | None
    similarity: float
    changes: tuple[Change, ...]
    sources: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "section": self.section,
            "status": self.status,
            "text": self.text,
            "previous": self.previous,
            "similarity": round(self.similarity, 3),
            "changes": [{"op": c.op, "old": c.old, "new": c.new} for c in self.changes],
            "sources": list(self.sources),
        }


@dataclass(frozen=True, slots=True)
class DayDiff:
    """One briefing against a base briefing (None for the first of a series) and, for items, all before it.

    ``paragraphs`` holds the target's background, then the base's dropped background paragraphs, then the items.
    """

    series: str
    base: Briefing | None
    target: Briefing
    paragraphs: tuple[ParagraphDiff, ...]

    def count(self, section: Section, status: Status) -> int:
        return sum(1 for p in self.paragraphs if p.section == section and p.status == status)

    def status_of(self, paragraph_id: str) -> ParagraphDiff | None:
        for paragraph in self.paragraphs:
            if paragraph.id == paragraph_id:
                return paragraph
        return None

    def to_json(self) -> dict[str, object]:
        return {
            "series": self.series,
            "from": self.base.date.isoformat() if self.base is not None else None,
            "to": self.target.date.isoformat(),
            "from_key": self.base.key if self.base is not None else None,
            "to_key": self.target.key,
            "background": {s: self.count("background", s) for s in ("repeated", "edited", "new", "dropped")},
            "items": {s: self.count("item", s) for s in ("new", "carried_over", "edited")},
            "paragraphs": [p.to_json() for p in self.paragraphs],
        }

    def summary(self) -> str:
        """One line for the folded background: how much of it is unchanged, and what changed."""
        background = [p for p in self.paragraphs if p.section == "background"]
        if not background:
            return "no background"
        if self.base is None:
            return f"{_count(len(background), 'background paragraph')}, no earlier briefing"
        since = f"since {self.base.date.isoformat()}"
        repeated = sum(1 for p in background if p.status == "repeated")
        if repeated == len(background):
            return f"{_count(repeated, 'background paragraph')} unchanged {since}"
        parts: list[str] = []
        if repeated:
            parts.append(f"{repeated} unchanged")
        edited = [p for p in background if p.status == "edited"]
        if edited:
            shown = [_change_snippet(c) for p in edited for c in p.changes if c.op != "equal"]
            what = "; ".join(shown[:2]) + ("; …" if len(shown) > 2 else "")
            parts.append(f"{len(edited)} edited" + (f": {what}" if what else ""))
        for status in ("new", "dropped"):
            n = sum(1 for p in background if p.status == status)
            if n:
                parts.append(f"{n} {status}")
        return f"{', '.join(parts)} {since}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _change_snippet(change: Change) -> str:
    old, new = _shorten(change.old), _shorten(change.new)
    if change.op == "insert":
        return f"+{new}"
    if change.op == "delete":
        return f"-{old}"
    return f"{old} -> {new}"


def _shorten(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- word level -----------------------------------------------------------------------------------------------


def folded_tokens(text: str) -> tuple[list[str], list[str]]:
    """The whitespace-separated words of a text as written, and the same words folded, one for one."""
    raw = text.split()
    folded = fold(text).split()
    if len(folded) != len(raw):
        # Folding may drop or add a space in rare texts (a lone combining accent); fold word by word then.
        folded = [fold(word) or word for word in raw]
    return raw, folded


# A run of equal words: (start in the old words, start in the new words, length), as difflib's matching blocks.
_Block = tuple[int, int, int]


def matching_blocks(old: Sequence[str], new: Sequence[str]) -> list[_Block]:
    """The runs of words two texts share, in order (difflib's alignment), without the closing empty block.

    The common head and tail are taken off first: most edits touch a few words of a long paragraph, and difflib's
    cost grows with what is left to align.
    """
    size_old, size_new = len(old), len(new)
    shorter = min(size_old, size_new)
    head = 0
    while head < shorter and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < shorter - head and old[size_old - 1 - tail] == new[size_new - 1 - tail]:
        tail += 1
    blocks: list[_Block] = [(0, 0, head)] if head else []
    if head < size_old - tail and head < size_new - tail:
        middle = SequenceMatcher(None, old[head : size_old - tail], new[head : size_new - tail], autojunk=False)
        blocks.extend((i + head, j + head, n) for i, j, n in middle.get_matching_blocks() if n)
    if tail:
        blocks.append((size_old - tail, size_new - tail, tail))
    return blocks


def _changes(blocks: list[_Block], old: Sequence[str], new: Sequence[str]) -> tuple[Change, ...]:
    out: list[Change] = []
    i = j = 0
    for start_old, start_new, size in [*blocks, (len(old), len(new), 0)]:
        if i < start_old or j < start_new:
            op: ChangeOp = "replace" if i < start_old and j < start_new else "delete" if i < start_old else "insert"
            out.append(Change(op, " ".join(old[i:start_old]), " ".join(new[j:start_new])))
        if size:
            out.append(
                Change(
                    "equal", " ".join(old[start_old : start_old + size]), " ".join(new[start_new : start_new + size])
                )
            )
        i, j = start_old + size, start_new + size
    return tuple(out)


def word_changes(old: str, new: str) -> tuple[Change, ...]:
    """Word-level runs that turn ``old`` into ``new``, compared folded (case, accents, quote marks) and shown as
    written; equal runs included, so that the new text can be printed inline with its changes marked."""
    old_raw, old_folded = folded_tokens(old)
    new_raw, new_folded = folded_tokens(new)
    return _changes(matching_blocks(old_folded, new_folded), old_raw, new_raw)


def _measure(old: Sequence[str], new: Sequence[str]) -> tuple[float, list[_Block]]:
    """Word similarity: the matched share of both texts, or the share of the shorter found in the longer (in runs),
    whichever is higher, so that a trimmed, extended or split paragraph still scores high."""
    blocks = matching_blocks(old, new)
    total = len(old) + len(new)
    if total == 0:
        return 1.0, blocks
    score = 2.0 * sum(size for _, _, size in blocks) / total
    shorter = min(len(old), len(new))
    if shorter >= _CONTAIN_MIN_WORDS:
        covered = sum(size for _, _, size in blocks if size >= _CONTAIN_RUN)
        score = max(score, covered / shorter)
    return score, blocks


def similarity(old: str, new: str) -> float:
    """The word similarity of two paragraphs, 0 to 1 (1 also when one holds all of the other)."""
    return _measure(folded_tokens(old)[1], folded_tokens(new)[1])[0]


# --- paragraphs and their index keys ---------------------------------------------------------------------------


def _edge_keys(text: str) -> frozenset[int]:
    low = text.lower()
    if "  " in low or "\n" in low or "\t" in low:
        low = " ".join(low.split())
    sentences = low.rstrip(". ").split(". ")
    # Kept as hashes: the index of a long series holds millions of keys, and an int is half the size of the
    # string; two keys that collide only make one more candidate, which the word comparison then turns down.
    return frozenset([hash(s[:_EDGE]) for s in sentences] + [hash(s[-_EDGE:]) for s in sentences])


class _Text:
    """A paragraph with what comparing it needs, each part computed only when first asked for."""

    __slots__ = ("_folded", "_keys", "_raw", "_word_set", "paragraph", "position", "section", "text")

    def __init__(self, paragraph: Paragraph, position: int = 0) -> None:
        self.paragraph = paragraph
        self.text = paragraph.text
        self.section = paragraph.section
        self.position = position
        self._keys: frozenset[int] | None = None
        self._word_set: frozenset[str] | None = None
        self._raw: list[str] | None = None
        self._folded: list[str] | None = None

    def borrow(self, same: _Text) -> None:
        """Take what was already computed for the same text (a background repeated from the day before)."""
        self._keys = self._keys or same._keys
        self._word_set = self._word_set or same._word_set
        self._raw = self._raw or same._raw
        self._folded = self._folded or same._folded

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
        a, b = new.word_set, old.word_set
        # Words as written (case folded only) bound the similarity from above, give or take quote marks: when
        # too few are shared, folding both texts and aligning their words would be wasted.
        if not a or not b or len(a & b) < 0.6 * self.threshold * min(len(a), len(b)):
            return None
        if new.folded == old.folded:
            return _Match(old, True, 1.0)
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


# --- one pair of briefings ------------------------------------------------------------------------------------


class _Pair:
    """The comparison of one target day with one base day (and what was said before the base)."""

    def __init__(self, base: _Day | None, target: _Day, earlier: _Earlier | None, threshold: float) -> None:
        self.base = base
        self.target = target
        self.earlier = earlier
        self.compare = _Comparer(threshold)
        self._candidates: dict[int, list[int]] = {}

    def base_candidates(self, t: _Text) -> list[int]:
        """Base positions worth comparing with ``t``: its exact repeats, else those sharing index keys."""
        if self.base is None:
            return []
        hits = self.base.raw.get(t.text)
        if hits:
            return hits
        found = self._candidates.get(t.position)
        if found is None:
            found = self._candidates[t.position] = self.base.candidates(t)
        return found

    def repeats_older(self, t: _Text) -> bool:
        """Whether ``t`` repeats word for word something said before the base, or (an item) the day's background:
        such a repeat beats an edit of a base paragraph that happens to be near it."""
        if self.earlier is not None and t.text in self.earlier.raw:
            return True
        return t.section == "item" and any(
            self.target.texts[p].section == "background" for p in self.target.raw.get(t.text, ())
        )

    def align(self) -> dict[int, _Match]:
        """One-to-one, order-free alignment of the target's paragraphs with the base's: exact pairs first, then
        the most similar; a tie goes to the same section, then to the nearer position."""
        base = self.base
        if base is None:
            return {}
        scored: list[tuple[tuple[bool, float, bool, int, int, int], int, _Match]] = []
        for t in self.target.texts:
            if not base.raw.get(t.text) and self.repeats_older(t):
                continue
            for position in self.base_candidates(t):
                old = base.texts[position]
                match = self.compare(t, old)
                if match is None:
                    continue
                if match.exact and old.text == t.text:
                    t.borrow(old)
                same = old.section == t.section
                key = (match.exact, match.similarity, same, -abs(old.position - t.position), -t.position, -position)
                scored.append((key, t.position, match))
        scored.sort(key=lambda entry: entry[0], reverse=True)
        matched: dict[int, _Match] = {}
        used: set[int] = set()
        for _, position, match in scored:
            if position in matched or match.old.position in used:
                continue
            matched[position] = match
            used.add(match.old.position)
        return matched

    def fallback(self, t: _Text) -> _Match | None:
        """For a paragraph the alignment left alone: a repeat or a part of any base paragraph (already matched or
        not), for an item a repeat of the day's own background, or a repeat or edit of anything said before."""
        found: list[_Match] = []
        if self.base is not None:
            for position in self.base_candidates(t):
                match = self.compare(t, self.base.texts[position])
                if match is not None:
                    found.append(match)
        if t.section == "item" and self.target.briefing.background:
            target = self.target
            # A day may repeat its own background after the heading.
            own = [p for p in target.raw.get(t.text, ()) if target.texts[p].section == "background"]
            for position in own or target.candidates(t, "background"):
                match = self.compare(t, target.texts[position])
                if match is not None:
                    match.origin = "own"
                    found.append(match)
        if self.earlier is not None and not any(m.exact for m in found):
            match = self.earlier.find(t, self.compare)
            if match is not None:
                found.append(match)
        if not found:
            return None
        exact = [m for m in found if m.exact]
        if exact:
            return exact[0]
        return max(found, key=lambda m: m.similarity)

    def left_over(self, old: _Text, matched: dict[int, _Match]) -> tuple[bool, int | None]:
        """What became of a base paragraph the alignment left alone: whether the day still says it somewhere (as a
        repeat elsewhere, or merged into another paragraph), and the edited paragraph it was merged into, if any."""
        target = self.target
        if old.text in target.raw:
            return True, None
        present = False
        best: tuple[float, int] | None = None
        for position in target.candidates(old):
            found = self.compare(target.texts[position], old)
            if found is None:
                continue
            present = True
            match = matched.get(position)
            if match is None or match.exact or match.origin != "base":
                continue
            if best is None or found.similarity > best[0]:
                best = (found.similarity, position)
        return present, best[1] if best is not None else None

    def diff(self) -> DayDiff:
        base, target = self.base, self.target
        matched = self.align()
        for t in target.texts:
            if t.position not in matched:
                match = self.fallback(t)
                if match is not None:
                    matched[t.position] = match

        merged: dict[int, list[_Text]] = {}
        dropped: list[_Text] = []
        taken: set[int] = set()
        parts: dict[int, int] = {}
        if base is not None:
            for match in matched.values():
                if match.origin == "base":
                    taken.add(match.old.position)
                    if not match.exact:
                        parts[match.old.position] = parts.get(match.old.position, 0) + 1
            # A base paragraph nobody took may have been merged into an edited paragraph of the day, or be said
            # again by one that was aligned with something else; only a background paragraph is ever dropped.
            edited = any(m.origin == "base" and not m.exact for m in matched.values())
            for old in base.texts:
                if old.position in taken or (old.section == "item" and not edited):
                    continue
                present, into = self.left_over(old, matched)
                if into is not None:
                    merged.setdefault(into, []).append(old)
                elif not present and old.section == "background":
                    dropped.append(old)

        background: list[ParagraphDiff] = []
        items: list[ParagraphDiff] = []
        for t in target.texts:
            match = matched.get(t.position)
            out = background if t.section == "background" else items
            if match is None:
                out.append(ParagraphDiff(t.paragraph.id, t.section, "new", t.text, None, 0.0, ()))
                continue
            split = match.origin == "base" and parts.get(match.old.position, 0) > 1
            out.append(_paragraph_diff(t, match, merged.get(t.position, []), split))
        gone = [ParagraphDiff(o.paragraph.id, o.section, "dropped", o.text, None, 0.0, ()) for o in dropped]
        return DayDiff(
            target.briefing.series,
            base.briefing if base is not None else None,
            target.briefing,
            tuple(background + gone + items),
        )


def _diff_days(base: _Day | None, target: _Day, earlier: _Earlier | None, threshold: float) -> DayDiff:
    return _Pair(base, target, earlier, threshold).diff()


def _paragraph_diff(t: _Text, match: _Match, extra: list[_Text], split: bool) -> ParagraphDiff:
    p = t.paragraph
    old = match.old.paragraph
    if match.exact and not extra:
        status: Status = "repeated" if p.section == "background" else "carried_over"
        return ParagraphDiff(p.id, p.section, status, p.text, old.id, 1.0, (), (old.id,))
    sources = sorted([match.old, *extra], key=lambda o: o.position)
    if extra:
        old_raw = [word for o in sources for word in o.raw]
        score, blocks = _measure([word for o in sources for word in o.folded], t.folded)
    else:
        old_raw = match.old.raw
        if match.blocks is None:
            score, blocks = _measure(match.old.folded, t.folded)
        else:
            score, blocks = match.similarity, match.blocks
    changes = _changes(blocks, old_raw, t.raw)
    if split:
        # The words a split part lacks went to its sibling, not away: only changes inside the part are news.
        changes = _trim_edges(changes)
    ids = tuple(o.paragraph.id for o in sources)
    return ParagraphDiff(p.id, p.section, "edited", p.text, old.id, score, changes, ids)


def _trim_edges(changes: tuple[Change, ...]) -> tuple[Change, ...]:
    start, end = 0, len(changes)
    while start < end and changes[start].op == "delete":
        start += 1
    while end > start and changes[end - 1].op == "delete":
        end -= 1
    return changes[start:end]


def _check(threshold: float) -> float:
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be above 0 and at most 1, not {threshold}")
    return threshold


# --- the public entry points ----------------------------------------------------------------------------------


def diff_briefings(
    base: Briefing | None,
    target: Briefing,
    earlier: Sequence[Briefing] = (),
    threshold: float = DEFAULT_THRESHOLD,
) -> DayDiff:
    """``target`` against ``base`` (None: everything is new but what ``earlier`` already said); items and
    unmatched paragraphs also against every briefing of ``earlier`` (those before the base)."""
    _check(threshold)
    index: _Earlier | None = None
    if earlier:
        index = _Earlier()
        for briefing in earlier:
            index.add_day(_Day(briefing))
    return _diff_days(_Day(base) if base is not None else None, _Day(target), index, threshold)


def diff_days(series: Series, base: Briefing | None, target: Briefing, threshold: float = DEFAULT_THRESHOLD) -> DayDiff:
    """Any two briefings of a series compared (a chosen base day), with everything before the base as earlier."""
    earlier = [] if base is None else [b for b in series.briefings if (b.date, b.edition) < (base.date, base.edition)]
    return diff_briefings(base, target, earlier, threshold)


def diff_series(series: Series, threshold: float = DEFAULT_THRESHOLD) -> list[DayDiff]:
    """Each briefing against the one before it (the first against nothing), and against all earlier ones."""
    _check(threshold)
    earlier = _Earlier()
    out: list[DayDiff] = []
    previous: _Day | None = None
    for briefing in series.briefings:
        day = _Day(briefing)
        out.append(_diff_days(previous, day, earlier, threshold))
        if previous is not None:
            earlier.add_day(previous)
        previous = day
    return out


def new_since(series: Series, since: dt.date, threshold: float = DEFAULT_THRESHOLD) -> list[Paragraph]:
    """The paragraphs of briefings dated ``since`` or later that the series had not said, nor nearly said, before
    that date; a paragraph repeated word for word within that time is given once, at its first appearance."""
    _check(threshold)
    before = _Earlier()
    shown = _Earlier()
    out: list[Paragraph] = []
    for briefing in series.briefings:
        day = _Day(briefing)
        if briefing.date < since:
            before.add_day(day)
            continue
        compare = _Comparer(threshold)
        for text in day.texts:
            if before.find(text, compare) is None and shown.find(text, compare, exact_only=True) is None:
                out.append(text.paragraph)
            shown.add(text)
    return out


def split_headless(briefings: Sequence[Briefing], threshold: float = DEFAULT_THRESHOLD) -> tuple[Briefing, ...]:
    """Give briefings without a heading a background: the paragraphs repeated or edited from the previous briefing
    (ids unchanged); the rest stay items. Briefings with a heading, and the first briefing, are left as they are."""
    _check(threshold)
    out: list[Briefing] = []
    previous: Briefing | None = None
    previous_day: _Day | None = None
    for briefing in briefings:
        day: _Day | None = None
        result = briefing
        if briefing.heading is None and previous is not None and briefing.paragraphs:
            if previous_day is None:
                previous_day = _Day(previous)
            day = _Day(briefing)
            result = _with_background(briefing, _diff_days(previous_day, day, None, threshold), previous)
        out.append(result)
        previous, previous_day = briefing, day
    return tuple(out)


def _with_background(briefing: Briefing, diff: DayDiff, previous: Briefing) -> Briefing:
    before = {p.id for p in previous.paragraphs}
    repeated = {d.id for d in diff.paragraphs if d.status != "dropped" and d.previous in before}
    if not repeated:
        return briefing
    paragraphs = briefing.paragraphs
    background = tuple(dataclasses.replace(p, section="background") for p in paragraphs if p.id in repeated)
    items = tuple(dataclasses.replace(p, section="item") for p in paragraphs if p.id not in repeated)
    return dataclasses.replace(briefing, background=background, items=items)
