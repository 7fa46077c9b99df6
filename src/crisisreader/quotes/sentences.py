"""A paragraph cut into sentences: each quotation stood in for by one mask character, the words read once per
distinct stretch of text, and sentence bounds that respect "U.S.", "Feb.", "Gen." and quotations."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from crisisreader.quotes.lexicon import ENDER, MAYEND, QUOTE, _lexicon
from crisisreader.quotes.marks import _Span
from crisisreader.quotes.tokens import MASK, MASK2, _read

# Where a stretch of text may be cut and still be read into the same words (see ``_token_pattern``): after the
# white space that follows a full stop, a question or exclamation mark, an ellipsis or a quotation. Stretches
# repeat far more often than paragraphs do, and what they say of sentence ends is worked out once for each.
_STRETCH = re.compile(
    r"[^.!?\u2026\x00\x01]*(?:[.!?\u2026\x00\x01](?!\s)[^.!?\u2026\x00\x01]*)*(?:[.!?\u2026\x00\x01]\s+|\Z)"
)
_STRETCH_LIMIT = 100_000  # about 70 MB at most; 10,000 briefings need about half
_OPENING = "([\u201c\"\u2018'"
# What a word that may end a sentence ends in.
_SOURCE = re.compile(r"[.!?\u2026\x00\x01]")


class _Stretch:
    """What a stretch of masked text says of where sentences end, in words counted from its start: the ends found
    inside it, how its last word may end a sentence, and whether its first words start one after such an end.

    Most stretches can end a sentence only with their last word, as nothing but it holds a full stop, a question or
    exclamation mark, an ellipsis or a quotation: of those only the first and last words are read."""

    __slots__ = ("after_acronym", "after_ender", "after_quote", "cuts", "quotes", "starts", "tail")
    starts: tuple[int, ...]  # where words start, as far as the cuts need
    cuts: tuple[tuple[int, int], ...]  # a cut before a word, and the quotation whose full stop makes it (or -1)
    quotes: int
    tail: int  # the flag (ENDER, MAYEND or QUOTE) by which the last word may end a sentence
    after_ender: int  # the word a sentence starts at after a full stop before the stretch, or -1
    after_acronym: bool
    after_quote: bool

    def __init__(self, text: str) -> None:
        stripped = text.rstrip()
        if not stripped or _SOURCE.search(stripped, 0, len(stripped) - 1) is not None or not self._ends(text, stripped):
            self._whole(text)

    def _ends(self, text: str, stripped: str) -> bool:
        trail = " " if len(stripped) < len(text) else ""
        words = stripped.split(None, 1)
        more = len(words) > 1
        lead = len(text) - len(text.lstrip())
        raw, flags, low = _read(words[0] + (" " if more else trail))
        if raw[0] in (")", "]") and len(raw) == 1 and more and not flags[0] & ENDER:
            return False  # the word after the bracket is in the next word
        self.starts = (lead, lead + len(raw[0])) if len(raw) > 1 else (lead,)
        self._head(raw, flags, low, len(raw) > 1 or more)
        self.cuts = ()
        self.quotes = 0
        last = stripped[-1]
        if last in (MASK, MASK2):
            self.tail = QUOTE
            self.quotes = 1
        elif last in "!?\u2026":
            self.tail = ENDER
        elif last == ".":
            if more:
                flags = _read(stripped.rsplit(None, 1)[-1] + trail)[1]
            self.tail = flags[-1] & (ENDER | MAYEND)
        else:
            self.tail = 0
        return True

    def _whole(self, text: str) -> None:
        raw, flags, low = _read(text)
        n = len(raw)
        starts: list[int] = []
        at = 0
        for word in raw:
            at = text.find(word, at)
            starts.append(at)
            at += len(word)
        self.starts = tuple(starts)
        starters = _lexicon().starters
        cuts: list[tuple[int, int]] = []
        quote = -1
        tail = 0
        for k in [k for k, flag in enumerate(flags) if flag & (ENDER | MAYEND | QUOTE)]:
            flag = flags[k]
            if flag & QUOTE:
                quote += 1
            nxt = k + 1
            if nxt >= n:
                tail = flag & (ENDER | MAYEND | QUOTE)
                continue
            if flag & ENDER:
                if flags[nxt] & ENDER:
                    continue
                if raw[nxt] in (")", "]") and nxt + 1 < n:
                    nxt += 1
                first = raw[nxt][0]
                if first.isupper() or first.isdigit() or flags[nxt] & QUOTE or first in _OPENING:
                    cuts.append((nxt, -1))
            elif flag & QUOTE:
                if raw[nxt][0].isupper() or flags[nxt] & QUOTE:
                    cuts.append((nxt, quote))
            elif raw[nxt][0].isupper() and low[nxt] in starters:
                cuts.append((nxt, -1))
        self.cuts = tuple(cuts)
        self.quotes = quote + 1
        self.tail = tail
        self._head(raw, flags, low, n > 1)

    def _head(self, raw: tuple[str, ...], flags: tuple[int, ...], low: tuple[str, ...], several: bool) -> None:
        """How the first words start a sentence after a full stop, a quotation or an acronym before them."""
        self.after_ender = -1
        self.after_acronym = False
        self.after_quote = False
        if not raw:
            return
        first = raw[0][0]
        self.after_acronym = first.isupper() and low[0] in _lexicon().starters
        self.after_quote = first.isupper() or bool(flags[0] & QUOTE)
        if not flags[0] & ENDER:
            # A stretch never ends in a bracket, so one that opens a stretch has a word after it unless it is the
            # paragraph's last.
            nxt = 1 if raw[0] in (")", "]") and several else 0
            first = raw[nxt][0]
            if first.isupper() or first.isdigit() or flags[nxt] & QUOTE or first in _OPENING:
                self.after_ender = nxt


_STRETCHES: dict[str, _Stretch] = {}


def _skeleton(text: str, spans: Sequence[_Span]) -> tuple[str, list[int], list[int], list[bool]]:
    """The text with each quotation (marks included) as one mask character, where each mask stands, how many
    characters the text has beyond the skeleton after each mask, and whether each quotation is closed and its words
    end in a full stop, a question or exclamation mark or an ellipsis (it may then end its sentence)."""
    stops = [span.closed and text[span.end - 1] in ".!?\u2026" for span in spans]
    if MASK in text or MASK2 in text:
        return _overlapping_mask(text, spans), [], [], stops
    parts: list[str] = []
    positions: list[int] = []
    extras: list[int] = []
    size = len(text)
    at = 0
    extra = 0
    mask = MASK2
    for span in spans:
        start = span.open
        if start < at:
            # Nested or crossing spans (a single-quoted quotation around a double-quoted one) are masked as they
            # always were, offsets and all, rather than read differently.
            return _overlapping_mask(text, spans), [], [], stops
        parts.append(text[at:start])
        # Quotations side by side take the two masks in turn, so that they stay two words.
        mask = MASK2 if start == at and mask == MASK and positions else MASK
        parts.append(mask)
        positions.append(start - extra)
        at = span.close + 1 if span.close < size else size
        extra += at - start - 1
        extras.append(extra)
    parts.append(text[at:])
    return "".join(parts), positions, extras, stops


def _overlapping_mask(text: str, spans: Sequence[_Span]) -> str:
    """Each quotation masked over its whole length, as the text's own masks or crossing quotations need."""
    parts: list[str] = []
    at = 0
    for number, span in enumerate(spans):
        end = min(span.close + 1, len(text))
        parts.append(text[at : span.open])
        parts.append((MASK if number % 2 == 0 else MASK2) * (end - span.open))
        at = end
    parts.append(text[at:])
    return "".join(parts)


class _Cut:
    """A paragraph's skeleton cut into sentences: where each starts, and its text as the key it is read under.

    A sentence ends at a full stop, question or exclamation mark before a capital, a digit or a quotation. An
    abbreviation ("Gen.", "Feb."), an initial ("R.") and an acronym ("U.S.") keep their period as part of the
    word, so they end nothing, but an acronym does before a word that opens sentences ("...the U.S. The..."). A
    quotation whose words end in a full stop ends its sentence before a capital or a quotation: such sentences are
    ``soft``, as an attribution may still follow (“We will win.” Peskov said.). ``stops`` says of each quotation
    whether it is closed and ends so.
    """

    __slots__ = ("skeleton", "soft", "starts")

    def __init__(self, skeleton: str, stops: Sequence[bool]) -> None:
        self.skeleton = skeleton
        starts: list[int] = []
        soft: set[int] = set()
        get = _STRETCHES.get
        quotes = 0
        tail = 0
        at = 0
        for text in _STRETCH.findall(skeleton):
            if not text:
                break  # the empty match at the end
            stretch = get(text)
            if stretch is None:
                if len(_STRETCHES) >= _STRETCH_LIMIT:
                    _STRETCHES.clear()
                stretch = _STRETCHES[text] = _Stretch(text)
            if tail == ENDER:
                # The last word of the stretch before may end its sentence here.
                if stretch.after_ender >= 0:
                    starts.append(at + stretch.starts[stretch.after_ender])
            elif tail == QUOTE:
                if stretch.after_quote and quotes - 1 < len(stops) and stops[quotes - 1]:
                    soft.add(len(starts) - 1)
                    starts.append(at)
            elif tail == MAYEND:
                if stretch.after_acronym:
                    starts.append(at)
            elif not starts and stretch.starts:
                starts.append(at + stretch.starts[0])
            if stretch.cuts:
                for word, quote in stretch.cuts:
                    if quote < 0:
                        starts.append(at + stretch.starts[word])
                    elif quotes + quote < len(stops) and stops[quotes + quote]:
                        soft.add(len(starts) - 1)
                        starts.append(at + stretch.starts[word])
            quotes += stretch.quotes
            tail = stretch.tail
            at += len(text)
        if not starts:
            starts.append(len(skeleton))
        self.starts = starts
        self.soft = soft

    def __len__(self) -> int:
        return len(self.starts)

    def text(self, number: int) -> str:
        """A sentence's text as the key it is read under: one space stands for any white space after it, as only an
        initial ("R.") looks at it."""
        starts = self.starts
        end = starts[number + 1] if number + 1 < len(starts) else len(self.skeleton)
        piece = self.skeleton[starts[number] : end]
        stripped = piece.rstrip()
        return stripped + " " if len(stripped) < len(piece) else piece

    def sentence_of(self, offset: int) -> int:
        """The sentence a place in the skeleton is in."""
        return bisect_right(self.starts, offset) - 1


def _text_offset(positions: list[int], extras: list[int], offset: int) -> int:
    """The offset in the paragraph's text of an offset in its skeleton, outside quotations."""
    index = bisect_left(positions, offset)
    return offset + extras[index - 1] if index else offset
