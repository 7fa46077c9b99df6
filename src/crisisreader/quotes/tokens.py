"""The words of masked text and what the lexicon says of each: the tokeniser, the table of known words, and the
token list a sentence is read from."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from crisisreader.quotes.lexicon import (
    _NOT_IN_NAME,
    _NOUNS,
    ADJ,
    CAP,
    CONJ,
    CORE,
    CUE,
    DET,
    ENDER,
    HEADOK,
    MAYEND,
    MOD,
    NOTNAME,
    NUMBER,
    POSS,
    PREP,
    PRON,
    PUNCT,
    QUOTE,
    REL,
    SPEECHNOUN,
    _lexicon,
)
from crisisreader.text import strip_accents

# A quotation, marks included, stands in masked text as a mask character: cues and speakers are looked for outside
# quotations only. Quotations side by side take the two masks in turn, so that they stay two words.
MASK = "\x00"
MASK2 = "\x01"
_MASKS = (MASK, MASK2)

_INFO: dict[str, tuple[int, str]] = {}
_INFO_LIMIT = 500_000


@cache
def _token_pattern() -> re.Pattern[str]:
    """Words of masked text: a masked quotation, an acronym ("U.S."), an abbreviation with its period ("Gen.",
    "Feb.", looked for only where a short word ends in a period), an initial ("R."), a word (apostrophes and hyphens
    inside), or one other character.

    No word holds white space, and nothing is looked at across white space but the one character after an initial:
    text cut just after white space is read into the same words piece by piece as whole, which lets pieces be read
    once and remembered.
    """
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
        # "al-Burhan", "el-Sisi": an Arabic article before a capitalised name is the name's.
        if (first.isupper() or (low[:3] in ("al-", "el-") and word[3:4].isupper())) and not flag & NOTNAME:
            flag |= CAP
        if word[-1] == "." and "." in word[:-1]:
            flag |= MAYEND
    # Whether the word can stand in a speaker phrase, and end one, depends on the word alone.
    if flag & CUE and not flag & CAP:
        core = False
    elif flag & (_NOUNS | MOD) and not flag & (PRON | DET | PREP | CONJ | REL):
        core = True
    elif flag & POSS:
        # "Norvia's", and "the state's TASS news agency": a role's word owning a speaker is the speaker's too.
        core = bool(flag & CAP) or bool(table.get(low[:-2], 0) & MOD)
    else:
        core = bool(flag & CAP) and not flag & _NOT_IN_NAME
    if flag & POSS:
        head = False
    elif flag & _NOUNS:
        head = True
    else:
        head = bool(flag & CAP) and not flag & MOD
    flag |= (CORE if core else 0) | (HEADOK if head else 0)
    if len(_INFO) < _INFO_LIMIT:
        _INFO[word] = (flag, low)
    return flag, low


def _low(word: str) -> str:
    return _info(word)[1]


def _read(text: str) -> tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...]]:
    """The words of a stretch of masked text, their flags and folded forms (tuples, which the garbage collector
    stops following once they have lasted: kept words cost it nothing)."""
    raw: list[str] = _token_pattern().findall(text)
    get = _INFO.get
    infos = [get(w) or _info(w) for w in raw]
    return tuple(raw), tuple([i[0] for i in infos]), tuple([i[1] for i in infos])


class _Tokens:
    """The words of one sentence of masked text, with what the lexicon says of them; offsets in ``text`` are worked
    out only when a phrase needs them."""

    __slots__ = ("_cues", "_ends", "_starts", "flags", "low", "raw", "text")

    def __init__(self, text: str, raw: tuple[str, ...], flags: tuple[int, ...], low: tuple[str, ...]) -> None:
        self.text = text
        self.raw = raw
        self.flags = flags
        self.low = low
        self._starts: tuple[int, ...] | None = None
        self._ends: tuple[int, ...] | None = None
        self._cues: tuple[int, ...] | None = None

    @property
    def cues(self) -> tuple[int, ...]:
        """Where a reporting verb or noun (or "according") may stand, in order: what a search for the cue of a quotation
        visits, rather than every word between it and the sentence's ends."""
        if self._cues is None:
            low = self.low
            wanted = CUE | SPEECHNOUN  # a verb of speech, or a noun of it ("Lavrov's statement that")
            self._cues = tuple(i for i, f in enumerate(self.flags) if f & wanted or low[i] == "according")
        return self._cues

    def index_of(self, offset: int) -> int | None:
        """The word that starts at ``offset`` in the text, if one does (the offsets are in order: a bisection)."""
        starts = self.start
        i = bisect_left(starts, offset)
        return i if i < len(starts) and starts[i] == offset else None

    @classmethod
    def of(cls, text: str) -> _Tokens:
        return cls(text, *_read(text))

    def __len__(self) -> int:
        return len(self.raw)

    def _offsets(self) -> None:
        starts: list[int] = []
        ends: list[int] = []
        find = self.text.find
        at = 0
        for word in self.raw:
            at = find(word, at)
            starts.append(at)
            at += len(word)
            ends.append(at)
        self._starts, self._ends = tuple(starts), tuple(ends)

    @property
    def start(self) -> tuple[int, ...]:
        if self._starts is None:
            self._offsets()
        assert self._starts is not None
        return self._starts

    @property
    def end(self) -> tuple[int, ...]:
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
