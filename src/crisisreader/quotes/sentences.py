"""Sentences (their bounds respect "U.S.", "Feb.", "Gen." and quotations) and their words, with what the
lexicon says of each, and the name phrases read from them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from crisisreader.quotes.lexicon import (
    _NOT_IN_NAME,
    _NOUNS,
    ADJ,
    BODY,
    CAP,
    CONJ,
    CORE,
    CUE,
    DET,
    DOC,
    ENDER,
    GROUP,
    HEAD,
    HEADOK,
    MAYEND,
    MOD,
    NOTNAME,
    NUMBER,
    PARTICLE,
    POSS,
    PREP,
    PRON,
    PUNCT,
    QUOTE,
    REL,
    ROLEPREP,
    _lexicon,
)
from crisisreader.quotes.marks import _Span
from crisisreader.text import strip_accents

_MASK = "\x00"
_MASK2 = "\x01"
_MASKS = (_MASK, _MASK2)


def _mask(text: str, spans: Sequence[_Span]) -> str:
    """The text with each quotation (marks included) blanked out, offsets kept: cues and speakers are looked for
    outside quotations only."""
    if not spans:
        return text
    parts: list[str] = []
    at = 0
    for number, span in enumerate(spans):
        end = min(span.close + 1, len(text))
        parts.append(text[at : span.open])
        # Two masks in turn, so that quotations side by side stay two words.
        parts.append((_MASK if number % 2 == 0 else _MASK2) * (end - span.open))
        at = end
    parts.append(text[at:])
    return "".join(parts)


def _sentence_bounds(t: _Tokens, text: str, spans: Sequence[_Span]) -> tuple[list[tuple[int, int]], set[int]]:
    """Sentences as token ranges, and the sentences that end right after a quotation ending in a full stop (an
    attribution may still follow: “We will win.” Peskov said.).

    A sentence ends at a full stop, question or exclamation mark before a capital, a digit or a quotation. An
    abbreviation ("Gen.", "Feb."), an initial ("R.") and an acronym ("U.S.") keep their period as part of the
    word, so they end nothing, but an acronym does before a word that opens sentences ("...the U.S. The...").
    """
    flags = t.flags
    raw = t.raw
    n = len(raw)
    starters = _lexicon().starters
    cuts: list[int] = []
    soft: set[int] = set()
    quote = -1
    for k in [k for k, flag in enumerate(flags) if flag & (ENDER | MAYEND | QUOTE)]:
        flag = flags[k]
        if flag & QUOTE:
            quote += 1
        nxt = k + 1
        if nxt >= n:
            continue
        if flag & ENDER:
            if flags[nxt] & ENDER:
                continue
            if raw[nxt] in (")", "]") and nxt + 1 < n:
                nxt += 1
            first = raw[nxt][0]
            if first.isupper() or first.isdigit() or flags[nxt] & QUOTE or first in "([\u201c\"\u2018'":
                cuts.append(nxt)
        elif flag & QUOTE:
            if quote < len(spans) and spans[quote].closed and text[spans[quote].end - 1] in ".!?\u2026":
                first = raw[nxt][0]
                if first.isupper() or flags[nxt] & QUOTE:
                    cuts.append(nxt)
                    soft.add(len(cuts) - 1)
        elif raw[nxt][0].isupper() and t.low[nxt] in starters:
            cuts.append(nxt)
    bounds: list[tuple[int, int]] = []
    at = 0
    soft_sentences: set[int] = set()
    for number, cut in enumerate(cuts):
        if cut <= at:
            continue
        if number in soft:
            soft_sentences.add(len(bounds))
        bounds.append((at, cut))
        at = cut
    bounds.append((at, n))
    return bounds, soft_sentences


_INFO: dict[str, tuple[int, str]] = {}


@cache
def _token_pattern() -> re.Pattern[str]:
    """Words of a masked sentence: a masked quotation, an acronym ("U.S."), an abbreviation with its period
    ("Gen.", "Feb.", looked for only where a short word ends in a period), an initial ("R."), a word (apostrophes
    and hyphens inside), or one other character."""
    abbreviations = "|".join(sorted((re.escape(a) for a in _lexicon().abbreviations), key=len, reverse=True))
    return re.compile(
        rf"\x00+|\x01+|(?:[^\W\d_]\.){{2,}}|\b(?=[A-Za-z.\-]{{1,8}}\.)(?i:{abbreviations})\.|\b[A-Z]\.(?=\s)"
        r"|[\w\u2019'\-]+(?:\.(?=\w)[\w\u2019'\-]+)*|\S"
    )


def _info(word: str) -> tuple[int, str]:
    """A word's flags and folded form, computed once per distinct word."""
    found = _INFO.get(word)
    if found is not None:
        return found
    first = word[0]
    if first in _MASKS:
        return QUOTE, word
    low = word.lower() if word.isascii() else strip_accents(word.replace("\u2019", "'")).lower()
    table = _lexicon().flags
    flag = table.get(low, 0)
    if not first.isalnum():
        flag |= PUNCT
        if word in (".", "!", "?", "\u2026"):
            flag |= ENDER
    elif first.isdigit():
        flag |= NUMBER | ADJ
    else:
        if low.endswith("'s") or (low.endswith("s'") and len(low) > 2):
            flag |= POSS | (table.get(low[:-2], 0) & _NOUNS)
        if first.isupper() and not flag & NOTNAME:
            flag |= CAP
        if word[-1] == "." and "." in word[:-1]:
            flag |= MAYEND
    # Whether the word can stand in a speaker phrase, and end one, depends on the word alone.
    if flag & CUE and not flag & CAP:
        core = False
    elif flag & (_NOUNS | MOD) and not flag & (PRON | DET | PREP | CONJ | REL):
        core = True
    elif flag & POSS:
        core = bool(flag & CAP)
    else:
        core = bool(flag & CAP) and not flag & _NOT_IN_NAME
    if flag & POSS:
        head = False
    elif flag & _NOUNS:
        head = True
    else:
        head = bool(flag & CAP) and not flag & MOD
    flag |= (CORE if core else 0) | (HEADOK if head else 0)
    if len(_INFO) < 500_000:
        _INFO[word] = (flag, low)
    return flag, low


def _low(word: str) -> str:
    return _info(word)[1]


class _Tokens:
    """The words of one sentence of a masked paragraph, with what the lexicon says of them; offsets are worked
    out only when a phrase needs them."""

    __slots__ = ("_ends", "_starts", "flags", "lo", "low", "masked", "raw")

    def __init__(self, masked: str, lo: int, hi: int) -> None:
        raw: list[str] = _token_pattern().findall(masked, lo, hi)
        infos = [_INFO.get(w) or _info(w) for w in raw]
        self.raw = raw
        self.flags = [i[0] for i in infos]
        self.low = [i[1] for i in infos]
        self.masked = masked
        self.lo = lo
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None

    def __len__(self) -> int:
        return len(self.raw)

    def _offsets(self) -> None:
        starts: list[int] = []
        ends: list[int] = []
        find = self.masked.find
        at = self.lo
        for word in self.raw:
            at = find(word, at)
            starts.append(at)
            at += len(word)
            ends.append(at)
        self._starts, self._ends = starts, ends

    @property
    def start(self) -> list[int]:
        if self._starts is None:
            self._offsets()
        assert self._starts is not None
        return self._starts

    @property
    def end(self) -> list[int]:
        if self._ends is None:
            self._offsets()
        assert self._ends is not None
        return self._ends

    def core(self, i: int) -> bool:
        """A word that can be part of a speaker's name or role."""
        return bool(self.flags[i] & CORE)

    def head(self, i: int) -> bool:
        """A word that can end a speaker's phrase: a name, an office, a group or a body."""
        return bool(self.flags[i] & HEADOK)


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A speaker as written: the whole phrase, the name in it, the role in it, and what kind of speaker it names."""

    text: str
    start: int
    end: int
    kind: Literal["pronoun", "compound", "name", "role", "body", "group", "document"]
    name: str | None = None
    role: str | None = None
    definite: bool = True
    low: str = ""


def _connects(t: _Tokens, k: int) -> bool:
    """Whether token ``k`` joins two parts of one role: "Ministry of Defence", "ambassador to the UN"."""
    return t.low[k] == "of" or bool(t.flags[k] & ROLEPREP and k > 0 and t.flags[k - 1] & HEAD)


def _parse_left(t: _Tokens, j: int, lo: int) -> tuple[int, int] | None:
    """The speaker phrase that ends right before token ``j``."""
    i = j
    round_end = j
    while True:
        round_start = i
        while i > lo:
            p = i - 1
            if t.core(p):
                i = p
                continue
            low = t.low[p]
            if low == "of" and p - 1 >= lo and i < round_end and t.flags[p - 1] & (_NOUNS | MOD):
                i = p
                continue
            if t.flags[p] & ROLEPREP and p - 1 >= lo and i < round_end and t.flags[p - 1] & HEAD:
                i = p
                continue
            if low == "the" and p - 1 >= lo and _connects(t, p - 1) and i < round_end:
                i = p
                continue
            if t.flags[p] & PARTICLE and p - 1 >= lo and t.flags[p - 1] & (CAP | PARTICLE) and i < round_end:
                i = p
                continue
            break
        if i == round_start:
            break
        if i > lo and t.flags[i - 1] & DET:
            i -= 1
        if i - 2 >= lo and t.flags[i - 1] & CONJ and t.core(i - 2):
            i -= 1
            round_end = i
            continue
        break
    while i < j and (t.low[i] == "of" or t.flags[i] & (PARTICLE | ROLEPREP)):
        i += 1
    if i >= j or not t.head(j - 1):
        return None
    if t.flags[i] & DET and i + 1 >= j:
        return None
    return i, j


def _parse_right(t: _Tokens, i: int, hi: int) -> tuple[int, int] | None:
    """The speaker phrase that starts at token ``i``."""
    j = i
    if j < hi and t.flags[j] & DET and not t.flags[j] & PRON:
        j += 1
    while True:
        round_start = j
        while j < hi:
            if t.core(j):
                j += 1
                continue
            low = t.low[j]
            joins = (low == "of" and t.flags[j - 1] & (_NOUNS | MOD)) or (
                t.flags[j] & ROLEPREP and t.flags[j - 1] & HEAD
            )
            followed = j + 1 < hi and (t.core(j + 1) or (t.low[j + 1] == "the" and j + 2 < hi and t.core(j + 2)))
            if joins and j > round_start and followed:
                j += 1
                continue
            if low == "the" and j > round_start and _connects(t, j - 1):
                j += 1
                continue
            if t.flags[j] & PARTICLE and j > round_start and j + 1 < hi and t.flags[j + 1] & (CAP | PARTICLE):
                j += 1
                continue
            break
        if j == round_start:
            break
        if j + 1 < hi and t.flags[j] & CONJ:
            after = j + 1
            if t.flags[after] & DET and after + 1 < hi:
                after += 1
            if t.core(after):
                j = after
                continue
        break
    while j > i and not t.head(j - 1):
        j -= 1
    if j <= i or (t.flags[i] & DET and j == i + 1):
        return None
    return i, j


def _phrase(t: _Tokens, text: str, i: int, j: int) -> _Phrase:
    """What a speaker phrase names: a pronoun, several speakers, a person (name and role), a role, a body, a group."""
    start, end = t.start[i], t.end[j - 1]
    written = text[start:end]
    flags = t.flags
    if j - i == 1 and flags[i] & PRON:
        return _Phrase(written, start, end, "pronoun", low=t.low[i])
    if any(flags[k] & CONJ for k in range(i, j)):
        return _Phrase(written, start, end, "compound")
    definite = not (flags[i] & DET and t.low[i] not in ("the", "his", "her", "its", "their", "our"))
    k = j
    while k > i and (
        (flags[k - 1] & CAP and not flags[k - 1] & (_NOUNS | MOD | POSS))
        or (flags[k - 1] & PARTICLE and k - 2 >= i and flags[k - 2] & (CAP | PARTICLE))
    ):
        k -= 1
    first = i + 1 if flags[i] & DET else i
    if k > first and (t.low[k - 1] in ("of", "the") or flags[k - 1] & ROLEPREP):
        # "ambassador to the UN", "Ministry of Defence": what follows the preposition is no one's name.
        k = j
    role = text[t.start[first] : t.end[k - 1]] if k > first else None
    if k < j:
        name = text[t.start[k] : end]
        return _Phrase(written, start, end, "name", name=name, role=role, definite=definite)
    nouns = [flags[x] for x in range(first, j) if flags[x] & _NOUNS]
    last = nouns[-1] if nouns else flags[j - 1]
    if last & DOC and not last & (HEAD | GROUP):
        kind: Literal["role", "body", "group", "document"] = "document"
    elif last & GROUP:
        kind = "group"
    elif last & BODY and not last & HEAD:
        kind = "body"
    else:
        kind = "role"
    return _Phrase(written, start, end, kind, role=role, definite=definite)
