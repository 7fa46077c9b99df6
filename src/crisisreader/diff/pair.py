"""One briefing against a base briefing (and the series before it): the alignment that gives each status."""

from __future__ import annotations

from crisisreader.diff.index import _Comparer, _Day, _Earlier, _Match, _Text
from crisisreader.diff.result import Change, DayDiff, ParagraphDiff, Status
from crisisreader.diff.words import _changes, _measure


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
