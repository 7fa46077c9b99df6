"""Quotations in briefings and who said them: quotation marks paired (curly, straight, mixed, across paragraphs),
sentences split, speech cues found, and the speaker named as a careful reader would.

The work on one paragraph's text that needs no context (marks, sentences, cues, the speaker as written) is cached
by text, since briefings repeat their background paragraphs day after day; what needs context (pronouns, roles,
names learnt earlier, a quotation continued from the previous paragraph) is resolved per briefing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from crisisreader.model import Briefing, Corpus, Paragraph, Quote, QuoteKind
from crisisreader.speakers import Registry, bundled_data
from crisisreader.text import fold, strip_accents

# -- the lexicon (data/cues.yaml) -------------------------------------------------------------------------------

CUE = 1 << 0
PART = 1 << 1  # a speech verb in -ing: its subject is the clause's
NAMING = 1 << 2
HEAD = 1 << 3
MOD = 1 << 4
GROUP = 1 << 5
BODY = 1 << 6
DOC = 1 << 7
PRON = 1 << 8
DET = 1 << 9
PREP = 1 << 10
ADJ = 1 << 11
NOTNAME = 1 << 12
PARTICLE = 1 << 13
CONJ = 1 << 14
REL = 1 << 15
QUOTING = 1 << 16
MODAL = 1 << 17
ROLEPREP = 1 << 18
# Flags of a token in a sentence, beyond the lexicon's.
QUOTE = 1 << 20
CAP = 1 << 21
POSS = 1 << 22
PUNCT = 1 << 23
NUMBER = 1 << 24
CORE = 1 << 25
HEADOK = 1 << 26
ENDER = 1 << 27
MAYEND = 1 << 28

_NOUNS = HEAD | GROUP | BODY | DOC
_NOT_IN_NAME = NOTNAME | PRON | DET | PREP | CONJ | REL | CUE


@dataclass(frozen=True, slots=True)
class _Lexicon:
    flags: dict[str, int]
    term_markers: dict[str, tuple[tuple[str, ...], ...]]  # by their last word
    abbreviations: frozenset[str]
    may_end: frozenset[str]
    starters: frozenset[str]


def _words(values: Iterable[object]) -> list[str]:
    words = []
    for value in values:
        # YAML 1.1 reads a bare on, no or yes as a boolean: a word list must quote them.
        if not isinstance(value, str):
            raise ValueError(f"cues.yaml: {value!r} is not a word (quote on, no, yes)")
        words.append(fold(value))
    return words


@cache
def _lexicon() -> _Lexicon:
    data = bundled_data("cues.yaml")
    flags: dict[str, int] = {}

    def mark(words: Iterable[str], flag: int) -> None:
        for word in words:
            flags[word] = flags.get(word, 0) | flag

    verbs = _words(data["speech_verbs"])
    mark(verbs, CUE)
    mark((v for v in verbs if v.endswith("ing")), PART)
    mark(_words(data["naming_verbs"]), NAMING)
    mark(_words(data["role_heads"]), HEAD)
    mark(_words(data["role_modifiers"]), MOD)
    mark(_words(data["group_nouns"]), GROUP)
    mark(_words(data["body_nouns"]), BODY)
    mark(_words(data["document_nouns"]), DOC)
    mark(_words(data["pronouns"]), PRON)
    mark(_words(data["determiners"]), DET)
    mark(_words(data["prepositions"]), PREP)
    mark(_words(data["adjuncts"]), ADJ)
    mark(_words(data["not_names"]), NOTNAME)
    mark(_words(data["particles"]), PARTICLE)
    mark(_words(data["conjunctions"]), CONJ)
    mark(_words(data["relatives"]), REL)
    mark(_words(data["quoting_verbs"]), QUOTING)
    mark(_words(data["modals"]), MODAL)
    mark(_words(data["role_prepositions"]), ROLEPREP)
    # Days and months are time adjuncts wherever they stand: "Scholz on Sunday said".
    for word in _words(data["not_names"]):
        if word.endswith("day") or word.rstrip(".") in _MONTHS:
            flags[word] = flags.get(word, 0) | ADJ
    markers: dict[str, tuple[tuple[str, ...], ...]] = {}
    for marker in _words(data["term_markers"]):
        words = tuple(marker.split())
        markers[words[-1]] = (*markers.get(words[-1], ()), words)
    return _Lexicon(
        flags,
        markers,
        frozenset(w.rstrip(".") for w in _words(data["abbreviations"])),
        frozenset(w.rstrip(".") for w in _words(data["abbreviations_may_end"])),
        frozenset(_words(data["sentence_starters"])),
    )


_MONTHS = frozenset(
    {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
    | {"january", "february", "march", "april", "june", "july", "august", "september", "october", "november"}
    | {"december"}
)

# -- quotation marks ---------------------------------------------------------------------------------------------

_DOUBLE_MARK = re.compile('["\u201c\u201d\u201e\u201f\u00ab\u00bb]')
_SINGLE_MARK = re.compile("['\u2018\u2019]")
_SINGLE_OPENER = re.compile("['\u2018](?=[^\\W\\d_])")
_OPENERS = "\u201c\u201e\u201f\u00ab"  # marks that only ever open, in English: “ „ ‟ «
_BEFORE_OPEN = "([{\u2014\u2013-/:;,\u2026"
_AFTER_CLOSE = ".,;:!?)]}\u2014\u2013-\u2026'\u2019\""


@dataclass(frozen=True, slots=True)
class _Span:
    """One quotation in a paragraph: marks at ``open``/``close`` (``close`` is the text's length when the
    quotation is left open), the quoted words at ``start``/``end``."""

    open: int
    close: int
    start: int
    end: int
    closed: bool


def _context(text: str, i: int) -> tuple[bool, bool]:
    """Whether the mark at ``i`` can open (a word follows, a space or an opening bracket precedes) and whether it
    can close (a word or punctuation precedes, a space or punctuation follows)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    can_open = not after.isspace() and (before.isspace() or before in _BEFORE_OPEN or i == 0)
    can_close = not before.isspace() and (after.isspace() or after in _AFTER_CLOSE or i + 1 == len(text))
    return can_open, can_close


def find_spans(text: str) -> list[_Span]:
    """Pair the quotation marks of one paragraph.

    Double marks of any shape pair by position, so a straight opening may close with a curly mark and a text that
    opens with ” still pairs; a curly opening inside a quotation nests; single marks inside double ones are
    words of the quotation. Single quotation marks outside double ones pair only at word edges, so that
    apostrophes (Ukraine’s, O’Brien, wouldn't) never make a quotation.
    """
    spans: list[_Span] = []
    if _DOUBLE_MARK.search(text) is not None:
        spans = _pair_double(text)
    if ("'" in text or "\u2018" in text) and _may_open_single(text):
        spans = _add_single(text, spans)
    return spans


def _may_open_single(text: str) -> bool:
    for match in _SINGLE_OPENER.finditer(text):
        i = match.start()
        if i == 0 or text[i - 1].isspace() or text[i - 1] in _BEFORE_OPEN:
            return True
    return False


def _pair_double(text: str) -> list[_Span]:
    spans: list[_Span] = []
    opened = -1
    depth = 0
    for match in _DOUBLE_MARK.finditer(text):
        i = match.start()
        char = text[i]
        can_open, can_close = _context(text, i)
        if opened < 0:
            if can_open or (char in _OPENERS and not can_close):
                opened = i
            continue
        if char in _OPENERS and can_open and not can_close:
            depth += 1
        elif can_close or (char not in _OPENERS and not can_open):
            if depth:
                depth -= 1
            else:
                _append(spans, text, opened, i, True)
                opened = -1
        elif can_open:
            depth += 1
    if opened >= 0:
        _append(spans, text, opened, len(text), False)
    return spans


def _append(spans: list[_Span], text: str, opened: int, close: int, closed: bool) -> None:
    start, end = opened + 1, close
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(_Span(opened, close, start, end, closed))


def _add_single(text: str, spans: list[_Span]) -> list[_Span]:
    """Single-quoted quotations outside double ones (British style): an opening mark at a word start paired with
    the next closing mark at a word end."""
    taken = [(s.open, s.close) for s in spans]
    found: list[_Span] = []
    opened = -1
    for match in _SINGLE_MARK.finditer(text):
        i = match.start()
        if any(a <= i <= b for a, b in taken):
            continue
        char = text[i]
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if opened < 0:
            if char != "\u2019" and after.isalpha() and (before.isspace() or before in _BEFORE_OPEN or i == 0):
                opened = i
            continue
        if char != "\u2018" and not before.isspace() and not after.isalnum():
            _append(found, text, opened, i, True)
            opened = -1
    if not found:
        return spans
    return sorted([*spans, *found], key=lambda s: s.open)


# -- sentences ---------------------------------------------------------------------------------------------------

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


# -- tokens ------------------------------------------------------------------------------------------------------

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


# -- finding the speaker of one quotation -----------------------------------------------------------------------

Mode = Literal["speaker", "elided", "context", "continuation", "term", "none"]


@dataclass(frozen=True, slots=True)
class _Local:
    """What the sentence alone says of a quotation's speaker."""

    mode: Mode
    phrase: _Phrase | None = None
    cue: str | None = None
    pronoun: _Phrase | None = None
    role: _Phrase | None = None
    outer: _Phrase | None = None  # "Biden said he believed “...”": the subject a pronoun subject may repeat


def _skip_adjuncts_left(t: _Tokens, j: int, lo: int) -> int:
    while j > lo and t.flags[j - 1] & (ADJ | PREP) and not t.core(j - 1):
        j -= 1
    return j


def _subject_left(t: _Tokens, text: str, cue: int, lo: int) -> tuple[_Phrase, _Phrase | None] | None:
    """The subject of the cue at ``cue``: the speaker phrase before it, past adjuncts ("on Sunday", "in a
    statement"), an apposition ("Peskov, the Kremlin spokesman,") or a relative clause. A passive cue has none."""
    if _passive(t, cue, lo):
        return None
    j = cue
    steps = 0
    while j > lo and steps < 18:
        steps += 1
        p = j - 1
        flag = t.flags[p]
        low = t.low[p]
        if flag & PRON:
            return _phrase(t, text, p, p + 1), None
        if flag & REL and p - 1 >= lo and t.low[p - 1] == ",":
            found = _parse_left(t, p - 1, lo)
            return (_phrase(t, text, *found), None) if found else None
        if low == ",":
            return _apposition_left(t, text, p, lo)
        if t.core(p):
            found = _parse_left(t, j, lo)
            if found is None:
                if flag & (ADJ | PREP):
                    j = p
                    continue
                return None
            a, b = found
            if a > lo and t.flags[a - 1] & PREP:
                j = a - 1
                continue
            phrase = _phrase(t, text, a, b)
            if phrase.kind == "document" and a > lo and t.flags[a - 1] & (ADJ | PREP):
                j = a
                continue
            return phrase, None
        if flag & (ADJ | PREP | NUMBER):
            j = p
            continue
        return None
    return None


def _apposition_left(t: _Tokens, text: str, comma: int, lo: int) -> tuple[_Phrase, _Phrase | None] | None:
    """``X, <apposition or aside>, said``: the subject before the first comma, the role between the commas."""
    q = comma - 1
    while q > lo and t.low[q] != "," and not t.flags[q] & QUOTE and comma - q < 16:
        q -= 1
    if q < lo or t.low[q] != ",":
        return None
    inner_lo, inner_hi = q + 1, comma
    if inner_lo >= inner_hi:
        return None
    inner = _parse_right(t, inner_lo, inner_hi)
    is_phrase = inner == (inner_lo, inner_hi)
    aside = t.flags[inner_lo] & (REL | PART | PREP | ADJ) or all(
        t.flags[k] & (ADJ | PREP | NUMBER) or t.core(k) for k in range(inner_lo, inner_hi)
    )
    if not is_phrase and not aside:
        return None
    before = _parse_left(t, q, lo)
    if before is None:
        if is_phrase and inner is not None:
            # "Asked about it, Dmitry Peskov, the Kremlin spokesman, said" has no subject before the first comma.
            return None
        return None
    subject = _phrase(t, text, *before)
    if not is_phrase or inner is None:
        return subject, None
    appositive = _phrase(t, text, *inner)
    if subject.kind != "name" and appositive.kind == "name":
        return appositive, subject
    return subject, appositive


def _elided(t: _Tokens, cue: int, lo: int) -> bool:
    """A cue with no subject of its own: a participle ("noting"), or a verb after "and" ("and promised")."""
    if t.flags[cue] & PART:
        return True
    p = _skip_adjuncts_left(t, cue, lo) - 1
    return p >= lo and (t.low[p] in ("and", "but", "or", ",", "then", "while") or bool(t.flags[p] & QUOTE))


def _right_phrase_with_apposition(t: _Tokens, text: str, i: int, hi: int) -> tuple[_Phrase, _Phrase | None, int] | None:
    found = _parse_right(t, i, hi)
    if found is None:
        return None
    phrase = _phrase(t, text, *found)
    m = found[1]
    role: _Phrase | None = None
    if m + 1 < hi and t.low[m] == ",":
        inner = _parse_right(t, m + 1, hi)
        if inner is not None and (inner[1] >= hi or t.low[inner[1]] in (",", ".", ";")):
            role = _phrase(t, text, *inner)
            if phrase.kind != "name" and role.kind == "name":
                phrase, role = role, phrase
            m = inner[1] + 1 if inner[1] < hi and t.low[inner[1]] == "," else inner[1]
    return phrase, role, m


def _skip_adjuncts_right(t: _Tokens, m: int, hi: int) -> int:
    steps = 0
    while m < hi and steps < 12:
        steps += 1
        flag = t.flags[m]
        if flag & PREP and not flag & CUE:
            found = _parse_right(t, m + 1, hi)
            m = found[1] if found is not None else m + 1
            continue
        if flag & (ADJ | NUMBER) and not flag & CUE:
            m += 1
            continue
        break
    return m


def _according(t: _Tokens, text: str, i: int, hi: int) -> _Phrase | None:
    """The speaker of "according to ...": a document's author when it names one ("a statement from the
    Kremlin", "the Kremlin's readout")."""
    found = _right_phrase_with_apposition(t, text, i, hi)
    if found is None:
        return None
    phrase, _, m = found
    if phrase.kind != "document":
        return phrase
    first = t.start.index(phrase.start)
    for k in range(first, m):
        if t.flags[k] & POSS and t.flags[k] & CAP:
            owner = _parse_left(t, k + 1, first)
            if owner is not None:
                return _phrase(t, text, owner[0], owner[1])
    if m < hi and t.low[m] in ("from", "by", "of"):
        author = _right_phrase_with_apposition(t, text, m + 1, hi)
        if author is not None:
            return author[0]
    return phrase


def _after_quote(t: _Tokens, text: str, q: int, hi: int, strict: bool = False) -> _Local | None:
    """An attribution right after the quotation: ``“...,” Peskov said``, ``“...,” said Peskov, the Kremlin
    spokesman``, ``“...,” he added``, ``“...,” according to the Kremlin``."""
    k = q + 1
    while k < hi and t.low[k] in (",", "\u2014", "\u2013", "-"):
        k += 1
    if k >= hi:
        return None
    flag = t.flags[k]
    if flag & CUE and not flag & PART and not flag & CAP:
        found = _right_phrase_with_apposition(t, text, k + 1, hi)
        if found is None or found[0].kind == "document":
            return None
        if strict and _skip_adjuncts_right(t, found[2], hi) < hi - 1:
            return None
        return _Local("speaker", found[0], t.raw[k], role=found[1])
    if t.low[k] == "according" and k + 1 < hi and t.low[k + 1] == "to":
        phrase = _according(t, text, k + 2, hi)
        return _Local("speaker", phrase, "according to") if phrase is not None else None
    if flag & PRON:
        m = _skip_adjuncts_right(t, k + 1, hi)
        if m < hi and t.flags[m] & CUE and not t.flags[m] & CAP:
            return _Local("speaker", _phrase(t, text, k, k + 1), t.raw[m])
        return None
    found = _right_phrase_with_apposition(t, text, k, hi)
    if found is None:
        return None
    phrase, role, m = found
    m = _skip_adjuncts_right(t, m, hi)
    if m < hi and t.flags[m] & CUE and not t.flags[m] & (PART | CAP) and not _passive(t, m, k):
        if strict and any(t.flags[x] & QUOTE or t.low[x] == "that" for x in range(m, hi)):
            return None
        return _Local("speaker", phrase, t.raw[m], role=role)
    return None


def _term_marker_before(t: _Tokens, q: int, lo: int) -> bool:
    """“X” right after "so-called", "dubbed", "known as" (an article may come between): the name of a thing."""
    markers = _lexicon().term_markers
    ends = (q, q - 1) if q - 1 >= lo and t.flags[q - 1] & DET else (q,)
    for end in ends:
        if end - 1 < lo:
            continue
        for marker in markers.get(t.low[end - 1], ()):
            n = len(marker)
            if end - n >= lo and tuple(t.low[end - n : end]) == marker:
                return True
    return False


def _near_before(t: _Tokens, cue: int, q: int) -> bool:
    """Whether only a few small words stand between a naming verb and the quotation ("called it a “...”")."""
    between = range(cue + 1, q)
    return len(between) <= 3 and all(
        not t.flags[k] & (QUOTE | PUNCT) and (t.flags[k] & (DET | PRON) or not t.flags[k] & CAP) for k in between
    )


def _as_saying(t: _Tokens, text: str, cue: int, lo: int) -> _Phrase | None:
    """``TASS quoted Peskov as saying``: the one quoted; ``Peskov was quoted as saying``: the subject."""
    if cue - 1 < lo or t.low[cue - 1] != "as":
        return None
    for k in range(cue - 2, max(lo, cue - 12) - 1, -1):
        if t.flags[k] & QUOTING:
            found = _parse_right(t, k + 1, cue - 1)
            if found is not None and t.low[k + 1] != "by":
                return _phrase(t, text, *found)
            subject = _subject_left(t, text, k, lo)
            return subject[0] if subject is not None else None
    return None


def _attribute(t: _Tokens, text: str, q: int, lo: int, hi: int, previous: _Local | None) -> _Local:
    """The speaker of the quotation at token ``q`` of the sentence ``t[lo:hi]``, as the sentence says it."""
    if _term_marker_before(t, q, lo):
        return _Local("term")
    after = _after_quote(t, text, q, hi)
    if after is not None:
        return after
    for cue in range(q - 1, lo - 1, -1):
        flag = t.flags[cue]
        if t.low[cue] == "according" and cue + 1 < q and t.low[cue + 1] == "to":
            phrase = _according(t, text, cue + 2, q)
            if phrase is not None:
                return _Local("speaker", phrase, "according to")
            continue
        if not flag & CUE or flag & CAP or _after_modal(t, cue, lo) or _passive(t, cue, lo):
            continue
        quoted = _as_saying(t, text, cue, lo)
        if quoted is not None:
            return _Local("speaker", quoted, t.raw[cue])
        subject = _subject_left(t, text, cue, lo)
        if subject is not None and (subject[0].kind != "document" or not flag & NAMING):
            outer = _outer_subject(t, text, cue, lo) if subject[0].kind == "pronoun" else None
            return _Local("speaker", subject[0], t.raw[cue], role=subject[1], outer=outer)
        elided = _elided(t, cue, lo)
        if flag & NAMING and not elided and _near_before(t, cue, q):
            return _Local("term")
        if elided:
            pronoun = next(
                (_phrase(t, text, k, k + 1) for k in range(q - 1, cue, -1) if t.flags[k] & PRON),
                None,
            )
            if previous is not None and previous.phrase is not None and previous.mode in ("speaker", "elided"):
                return _Local("elided", previous.phrase, t.raw[cue], pronoun, previous.role)
            inherited = _inherit(t, text, cue, lo)
            if inherited is not None:
                return _Local("elided", inherited, t.raw[cue], pronoun)
            return _Local("context", None, t.raw[cue], pronoun)
    transcript = _transcript(t, text, q, lo)
    if transcript is not None:
        return transcript
    if q - 1 > lo and t.low[q - 1] == ":":
        # "Duda put it bluntly: “...”": a colon before a quotation makes the clause's subject its speaker.
        clause_subject = _inherit(t, text, q - 1, lo)
        if clause_subject is not None:
            return _Local("speaker", clause_subject, ":")
    for cue in range(hi - 1, q, -1):
        flag = t.flags[cue]
        if not flag & CUE or flag & (PART | CAP):
            continue
        subject = _subject_left(t, text, cue, q + 1)
        if subject is not None:
            first = t.start.index(subject[0].start) if subject[0].start in t.start else q + 1
            before = first - 1
            closes_clause = before >= q and (t.low[before] == "," or t.flags[before] & QUOTE)
            if closes_clause and not any(t.low[x] == "that" for x in range(cue + 1, hi)):
                return _Local("speaker", subject[0], t.raw[cue], role=subject[1])
        elif t.low[cue - 1] == "," and cue - 1 > q:
            found = _right_phrase_with_apposition(t, text, cue + 1, hi)
            if found is not None and found[0].kind != "document":
                return _Local("speaker", found[0], t.raw[cue], role=found[1])
    if all(t.flags[k] & (PUNCT | QUOTE) for k in range(lo, hi)):
        return _Local("continuation")
    return _Local("none")


_BE = frozenset({"was", "were", "been", "being", "is", "are", "be", "get", "got"})


def _passive(t: _Tokens, cue: int, lo: int) -> bool:
    """ "Russian troops were told": the subject of a passive cue is the one spoken to, not the speaker."""
    p = cue - 1
    while p >= lo and t.low[p] in ("not", "also", "never", "reportedly", "later", "then", "repeatedly"):
        p -= 1
    return p >= lo and t.low[p] in _BE and t.low[cue].endswith(("ed", "told", "said", "written"))


def _after_modal(t: _Tokens, cue: int, lo: int) -> bool:
    """ "The bloc would respond", "wants to say": a verb under a modal reports no speech."""
    p = cue - 1
    while p >= lo and t.low[p] in ("not", "also", "never", "only", "then", "still", "again"):
        p -= 1
    return p >= lo and bool(t.flags[p] & MODAL)


def _outer_subject(t: _Tokens, text: str, cue: int, lo: int) -> _Phrase | None:
    """The explicit subject of an earlier cue of the sentence: "Austin said he believed": Austin."""
    for earlier in range(cue - 1, lo - 1, -1):
        if t.flags[earlier] & CUE and not t.flags[earlier] & (PART | CAP):
            subject = _subject_left(t, text, earlier, lo)
            if subject is not None and subject[0].kind not in ("pronoun", "document"):
                return subject[0]
    return None


def _inherit(t: _Tokens, text: str, cue: int, lo: int) -> _Phrase | None:
    """The subject a subject-less cue shares: that of an earlier cue of the sentence, else the sentence's."""
    for earlier in range(cue - 1, lo - 1, -1):
        if t.flags[earlier] & CUE and not t.flags[earlier] & (PART | CAP):
            subject = _subject_left(t, text, earlier, lo)
            if subject is not None:
                return subject[0]
    k = lo
    while k < cue:
        if t.core(k) and (k == lo or not t.flags[k - 1] & PREP):
            found = _parse_right(t, k, cue)
            if found is not None:
                phrase = _phrase(t, text, *found)
                if phrase.kind != "document":
                    return phrase
                k = found[1]
                continue
        k += 1
    return None


def _transcript(t: _Tokens, text: str, q: int, lo: int) -> _Local | None:
    """``Zelensky: “...”``: a speaker phrase alone before a colon and the quotation."""
    colon = q - 1
    if colon <= lo or t.low[colon] != ":":
        return None
    found = _parse_left(t, colon, lo)
    if found is None or found[0] != lo:
        return None
    phrase = _phrase(t, text, *found)
    if phrase.kind == "document":
        return None
    return _Local("speaker", phrase, ":")


# -- one paragraph, without context -----------------------------------------------------------------------------


class _Analysis:
    """A paragraph's quotations, words, sentences and local attributions: a pure function of its text. Words and
    sentences of a paragraph without quotations are worked out only if the context needs them."""

    __slots__ = ("_mentions", "_sentences", "_soft", "_t", "locals", "masked", "span_sentence", "span_token",
                 "spans", "text")  # fmt: skip

    def __init__(self, text: str, spans: list[_Span]) -> None:
        self.text = text
        self.spans = spans
        self.masked = _mask(text, spans)
        self._t: _Tokens | None = None
        self._sentences: list[tuple[int, int]] | None = None
        self._soft: set[int] = set()
        self._mentions: dict[int, list[_Phrase]] = {}
        self.span_sentence: list[int] = []
        self.span_token: list[int] = []
        self.locals: list[_Local] = []

    @property
    def t(self) -> _Tokens:
        if self._t is None:
            self._t = _Tokens(self.masked, 0, len(self.masked))
        return self._t

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """Each sentence as a range of token indices."""
        if self._sentences is None:
            self._sentences, self._soft = _sentence_bounds(self.t, self.text, self.spans)
        return self._sentences

    @property
    def soft(self) -> set[int]:
        self.sentences  # noqa: B018 -- worked out with the sentences
        return self._soft

    def mentions(self, sentence: int) -> list[_Phrase]:
        """The speakers a sentence names outside its quotations, subjects of a cue first, then in order."""
        found = self._mentions.get(sentence)
        if found is not None:
            return found
        t = self.t
        lo, hi = self.sentences[sentence]
        subjects: list[_Phrase] = []
        others: list[_Phrase] = []
        k = lo
        while k < hi:
            flag = t.flags[k]
            if flag & CUE and not flag & (CAP | PART):
                subject = _subject_left(t, self.text, k, lo)
                if subject is not None and subject[0].kind not in ("document", "pronoun"):
                    subjects.append(subject[0])
            if flag & CORE:
                bounds = _parse_right(t, k, hi)
                if bounds is not None:
                    phrase = _phrase(t, self.text, *bounds)
                    if phrase.kind != "document":
                        others.append(phrase)
                    k = bounds[1]
                    continue
            k += 1
        seen = {p.start for p in subjects}
        found = subjects + [p for p in others if p.start not in seen]
        self._mentions[sentence] = found
        return found


# Background paragraphs come back day after day: their analysis is kept, within bounds.
@lru_cache(maxsize=1024)
def _analyse(text: str) -> _Analysis:
    spans = find_spans(text)
    analysis = _Analysis(text, spans)
    if not spans:
        return analysis
    t = analysis.t
    sentences = analysis.sentences
    soft = analysis.soft
    quote_tokens = [k for k, flag in enumerate(t.flags) if flag & QUOTE]
    span_sentence: list[int] = []
    sentence = 0
    for k in quote_tokens:
        while sentence + 1 < len(sentences) and sentences[sentence][1] <= k:
            sentence += 1
        span_sentence.append(sentence)
    analysis.span_sentence = span_sentence
    analysis.span_token = quote_tokens
    locals_: list[_Local] = []
    previous: _Local | None = None
    previous_sentence = -1
    for index in range(len(spans)):
        if index >= len(quote_tokens):
            locals_.append(_Local("none"))
            continue
        number = span_sentence[index]
        lo, hi = sentences[number]
        if number != previous_sentence:
            previous = None
        local = _attribute(t, text, quote_tokens[index], lo, hi, previous)
        if local.mode in ("continuation", "none") and number in soft and number + 1 < len(sentences):
            following = _following_attribution(analysis, number + 1)
            if following is not None:
                local = following
        locals_.append(local)
        previous = local if local.phrase is not None else previous
        previous_sentence = number
    analysis.locals = locals_
    return analysis


def _following_attribution(analysis: _Analysis, sentence: int) -> _Local | None:
    """“We will win.” Peskov said. -- the sentence after a quotation that is only its attribution."""
    t = analysis.t
    lo, hi = analysis.sentences[sentence]
    if lo >= hi or any(t.flags[k] & QUOTE for k in range(lo, hi)):
        return None
    # The quotation stands just before the sentence, as token lo - 1.
    return _after_quote(t, analysis.text, lo - 1, hi, strict=True)


# -- context: one briefing at a time ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Resolved:
    name: str
    kind: Literal["person", "body", "group"]
    gender: str | None = None
    ref: int = -1  # the draft whose role, still unsettled, this stands for


@dataclass(slots=True)
class _Draft:
    paragraph: int
    sentence: int
    span: _Span
    speaker: str | None
    as_written: str | None
    cue: str | None
    kind: QuoteKind
    truncated: bool
    group: int
    pending_role: str | None = None
    follows: int = -1  # the draft whose speaker this one takes once roles are settled


_PRONOUN_KINDS: dict[str, tuple[str, ...]] = {
    "he": ("person",),
    "she": ("person",),
    "they": ("group", "body", "person"),
    "it": ("body",),
}
_LOOK_BACK_SENTENCES = 8
_ROLE_LOOK_BACK = 4  # paragraphs searched back for the holder of a role
_CONTINUATION_PARAGRAPHS = 1


def _strip_article(text: str) -> str:
    for article in ("the ", "The ", "a ", "A ", "an ", "An "):
        if text.startswith(article):
            return text[len(article) :]
    return text


class _Reader:
    """Reads one briefing in order, as a person would: who has spoken, who "he" is, which names it has met."""

    def __init__(self, briefing: Briefing, registry: Registry) -> None:
        self.briefing = briefing
        self.registry = registry
        self.paragraphs = briefing.paragraphs
        self.analyses: list[_Analysis | None] = [None] * len(self.paragraphs)
        self.said: dict[tuple[int, int], list[_Resolved]] = {}
        self.full_names: dict[str, str | None] = {}
        self.drafts: list[_Draft] = []
        self.holders: dict[int, list[tuple[int, int, str, list[str]]]] = {}

    def analysis(self, index: int) -> _Analysis:
        found = self.analyses[index]
        if found is None:
            found = _analyse(self.paragraphs[index].text)
            self.analyses[index] = found
        return found

    def read(self) -> list[Quote]:
        group = 0
        open_group: tuple[int, _Draft] | None = None
        for pi in range(len(self.paragraphs)):
            analysis = self.analysis(pi)
            if not analysis.spans:
                open_group = None
                continue
            for index, span in enumerate(analysis.spans):
                sentence = analysis.span_sentence[index]
                local = analysis.locals[index]
                continued = (
                    open_group is not None
                    and index == 0
                    and open_group[0] == pi - 1
                    and not analysis.masked[: span.open].strip()
                )
                if continued and open_group is not None:
                    part_group = open_group[1].group
                    speaker, as_written, cue, kind = (
                        open_group[1].speaker,
                        open_group[1].as_written,
                        open_group[1].cue,
                        open_group[1].kind,
                    )
                    if local.mode in ("speaker", "elided"):
                        draft_speaker = self._draft(pi, sentence, span, local, analysis)
                        speaker, as_written, cue = draft_speaker.speaker, draft_speaker.as_written, draft_speaker.cue
                        kind = "speech"
                    draft = _Draft(pi, sentence, span, speaker, as_written, cue, kind, False, part_group)
                    if local.mode not in ("speaker", "elided"):
                        draft.follows = self.drafts.index(open_group[1])
                else:
                    group += 1
                    draft = self._draft(pi, sentence, span, local, analysis)
                    draft.group = group
                if draft.speaker is not None:
                    ref = len(self.drafts) if draft.pending_role else draft.follows
                    kind_of = self._kind_of(draft.speaker)
                    resolved = _Resolved(draft.speaker, kind_of, self.registry.gender(draft.speaker), ref)
                    self.said.setdefault((pi, sentence), []).append(resolved)
                self.drafts.append(draft)
            last = analysis.spans[-1]
            open_group = None
            if not last.closed:
                following = pi + 1 < len(self.paragraphs) and self._reopens(pi + 1)
                if following:
                    open_group = (pi, self.drafts[-1])
                else:
                    self.drafts[-1].truncated = True
        if any(d.pending_role for d in self.drafts):
            self._resolve_roles()
        for draft in self.drafts:
            if draft.follows >= 0:
                draft.speaker = self.drafts[draft.follows].speaker
        self._share_group_speakers()
        return [self._quote(d) for d in self.drafts]

    def _reopens(self, index: int) -> bool:
        analysis = self.analysis(index)
        return bool(analysis.spans) and not analysis.text[: analysis.spans[0].open].strip()

    def _kind_of(self, name: str) -> Literal["person", "body", "group"]:
        kind = self.registry.kind(name)
        return kind if kind is not None else "person"

    def _share_group_speakers(self) -> None:
        by_group: dict[int, _Draft] = {}
        for draft in self.drafts:
            if draft.speaker is not None:
                by_group.setdefault(draft.group, draft)
        for draft in self.drafts:
            source = by_group.get(draft.group)
            if draft.speaker is None and source is not None:
                draft.speaker, draft.as_written, draft.cue, draft.kind = (
                    source.speaker,
                    source.as_written,
                    source.cue,
                    "speech",
                )

    # -- one quotation -------------------------------------------------------------------------------------------

    def _draft(self, pi: int, sentence: int, span: _Span, local: _Local, analysis: _Analysis) -> _Draft:
        text = analysis.text
        words = len(text[span.start : span.end].split())
        draft = _Draft(pi, sentence, span, None, None, local.cue, "speech", False, 0)
        if local.mode == "term":
            draft.kind = "term"
            return draft
        if local.mode in ("speaker", "elided") and local.phrase is not None:
            resolved, pending = self._resolve(local.phrase, local.role, pi, sentence)
            draft.as_written = local.phrase.text
            draft.pending_role = pending
            pronoun = local.pronoun
            if (
                local.mode == "elided"
                and pronoun is not None
                and resolved is not None
                and self._fits(pronoun.low, resolved)
            ):
                draft.as_written = pronoun.text
            if local.outer is not None and resolved is not None:
                outer, _ = self._resolve(local.outer, None, pi, sentence)
                if outer is not None and outer.name == resolved.name:
                    draft.as_written = local.outer.text
            if resolved is not None:
                draft.speaker = resolved.name
                draft.follows = resolved.ref
            return draft
        if local.mode == "context":
            resolved_context = self._recent_speaker(pi, sentence, same_paragraph_only=False)
            if resolved_context is not None:
                draft.speaker = resolved_context.name
                draft.follows = resolved_context.ref
                draft.as_written = local.pronoun.text if local.pronoun is not None else resolved_context.name
            return draft
        if local.mode == "continuation":
            resolved_context = self._recent_speaker(pi, sentence, same_paragraph_only=False)
            if resolved_context is not None:
                draft.speaker = resolved_context.name
                draft.follows = resolved_context.ref
                draft.as_written = None
                return draft
        # No speaker: a sentence-long quotation is still speech, a word or two in quotation marks is a term.
        last = text[span.end - 1]
        if local.mode != "continuation" and words < 5 and last not in ".!?\u2026":
            draft.kind = "term"
            draft.cue = None
        return draft

    def _resolve(
        self, phrase: _Phrase, role: _Phrase | None, pi: int, sentence: int
    ) -> tuple[_Resolved | None, str | None]:
        """The canonical speaker of a phrase as written, and the role to look for later in the briefing when the
        phrase names only a role no one has held yet."""
        registry = self.registry
        if phrase.kind == "pronoun":
            return self._pronoun(phrase, pi, sentence), None
        if phrase.kind == "compound":
            return _Resolved(_strip_article(phrase.text), "group"), None
        if phrase.kind == "document":
            return self._recent_speaker(pi, sentence, same_paragraph_only=True), None
        known = registry.lookup(phrase.text)
        if known is not None:
            kind = registry.kind(known) or "person"
            if kind == "person" and phrase.role and phrase.definite:
                registry.learn_role(phrase.role, known)
            elif role is not None and role.kind in ("role", "body") and role.definite:
                registry.learn_role(role.text, known)
            elif kind == "body" and phrase.role:
                registry.learn_role(phrase.text, known)
            return _Resolved(known, kind, registry.gender(known)), None
        candidates = registry.candidates(phrase.name or phrase.text)
        if candidates:
            chosen = self._nearest_named(candidates, pi, phrase.start)
            if chosen is not None:
                return _Resolved(chosen, self._kind_of(chosen), registry.gender(chosen)), None
        if phrase.kind == "name" and phrase.name is not None:
            return self._named(phrase, role), None
        written = _strip_article(phrase.text)
        if not phrase.definite:
            return _Resolved(written, "group" if phrase.kind == "group" else "person"), None
        if phrase.kind == "role":
            # A holder of the role named before in this briefing settles it now; else it waits for the whole
            # briefing to be read: a holder named later, or the one earlier briefings or the registry know.
            holder = self._holder(phrase.text, pi, phrase.start, before=True)
            if holder is not None:
                registry.learn_role(phrase.text, holder)
                return _Resolved(holder, "person", registry.gender(holder)), None
            return _Resolved(written, "person"), phrase.text
        learnt = registry.learnt_role(phrase.text)
        if learnt is not None:
            return _Resolved(learnt, self._kind_of(learnt), registry.gender(learnt)), None
        body_kind: Literal["body", "group"] = "body" if phrase.kind == "body" else "group"
        if body_kind == "body" and phrase.role:
            registry.learn_role(phrase.text, written)
        return _Resolved(written, body_kind), None

    def _named(self, phrase: _Phrase, role: _Phrase | None) -> _Resolved:
        registry = self.registry
        assert phrase.name is not None
        name = phrase.name
        canonical = registry.learn(name) if " " in name else (self._full_name(name) or name)
        if phrase.role and phrase.definite:
            registry.learn_role(phrase.role, canonical)
        if role is not None and role.definite and role.kind in ("role", "body"):
            registry.learn_role(role.text, canonical)
        acronym = name.isupper() and len(name) > 1 and " " not in name
        kind = registry.kind(canonical) or ("body" if acronym else "person")
        return _Resolved(canonical, kind, registry.gender(canonical))

    def _nearest_named(self, names: list[str], pi: int, offset: int) -> str | None:
        """Of several people a mention may be, the one the briefing names in full nearest before it, else first
        after it."""
        best: tuple[int, int, str] | None = None
        first_after: tuple[int, int, str] | None = None
        for name in names:
            forms = [form for form in (name, *self.registry.aliases(name)) if " " in form]
            for index, paragraph in enumerate(self.paragraphs):
                for form in forms:
                    at = paragraph.text.find(form)
                    while at >= 0:
                        place = (index, at, name)
                        if (index, at) < (pi, offset):
                            best = place if best is None or place > best else best
                        elif first_after is None or place < first_after:
                            first_after = place
                        at = paragraph.text.find(form, at + 1)
        chosen = best or first_after
        return chosen[2] if chosen is not None else None

    def _full_name(self, surname: str) -> str | None:
        """A surname read alone: the full name it has in this briefing ("Arestovych" -> "Oleksiy Arestovych")."""
        if surname in self.full_names:
            return self.full_names[surname]
        found: str | None = None
        pattern = re.compile(rf"\b([A-Z][\w\u2019'\-]+)\s+{re.escape(surname)}\b")
        for paragraph in self.paragraphs:
            if surname not in paragraph.text:
                continue
            for match in pattern.finditer(paragraph.text):
                given = match.group(1)
                low = _low(given)
                if _lexicon().flags.get(low, 0) & (_NOUNS | MOD | NOTNAME | CUE | DET | PREP) or low.endswith("'s"):
                    continue
                if self.registry.lookup(given) is not None or self.registry.is_qualifier(given):
                    continue  # "Putin Peskov" or "Ukrainian Arestovych" give no first name
                found = self.registry.learn(f"{given} {surname}")
                break
            if found is not None:
                break
        self.full_names[surname] = found
        return found

    # -- context -------------------------------------------------------------------------------------------------

    def _sentences_back(self, pi: int, sentence: int, paragraphs: int) -> Iterable[tuple[int, int]]:
        """Sentences before (pi, sentence), nearest first, within ``paragraphs`` paragraphs back."""
        for index in range(pi, max(-1, pi - paragraphs - 1), -1):
            analysis = self.analysis(index)
            count = len(analysis.sentences)
            top = sentence - 1 if index == pi else count - 1
            for s in range(top, -1, -1):
                yield index, s

    def _candidates(self, index: int, sentence: int) -> Iterable[_Resolved]:
        yield from reversed(self.said.get((index, sentence), []))
        analysis = self.analysis(index)
        for mention in analysis.mentions(sentence):
            if mention.kind in ("pronoun", "document"):
                continue
            resolved, _ = self._resolve(mention, None, index, sentence)
            if resolved is not None:
                yield resolved

    def _fits(self, pronoun: str, resolved: _Resolved) -> bool:
        kinds = _PRONOUN_KINDS.get(pronoun)
        if kinds is None or resolved.kind not in kinds:
            return False
        if pronoun == "they" and resolved.kind == "person":
            return False
        return not ((pronoun == "he" and resolved.gender == "f") or (pronoun == "she" and resolved.gender == "m"))

    def _pronoun(self, phrase: _Phrase, pi: int, sentence: int) -> _Resolved | None:
        """He, she, they, it: the nearest fitting speaker or subject before, this sentence first."""
        pronoun = phrase.low
        if pronoun not in _PRONOUN_KINDS:
            return None
        analysis = self.analysis(pi)
        for earlier in reversed(self.said.get((pi, sentence), [])):
            if self._fits(pronoun, earlier):
                return earlier
        for mention in analysis.mentions(sentence):
            if mention.start >= phrase.start:
                continue
            if mention.kind in ("pronoun", "document"):
                continue
            resolved, _ = self._resolve(mention, None, pi, sentence)
            if resolved is not None and self._fits(pronoun, resolved):
                return resolved
        for count, (index, s) in enumerate(self._sentences_back(pi, sentence, 3)):
            if count >= _LOOK_BACK_SENTENCES:
                break
            for candidate in self._candidates(index, s):
                if self._fits(pronoun, candidate):
                    return candidate
        return None

    def _recent_speaker(self, pi: int, sentence: int, same_paragraph_only: bool) -> _Resolved | None:
        """The speaker of the nearest sentence before that has one: the voice a bare quotation goes on in."""
        paragraphs = 0 if same_paragraph_only else _CONTINUATION_PARAGRAPHS
        for count, (index, s) in enumerate(self._sentences_back(pi, sentence, paragraphs)):
            if count >= 3:
                break
            said = self.said.get((index, s))
            if said:
                return said[-1]
            analysis = self.analysis(index)
            t = analysis.t
            lo, hi = analysis.sentences[s]
            for k in range(lo, hi):
                if t.flags[k] & CUE and not t.flags[k] & (CAP | PART):
                    subject = _subject_left(t, analysis.text, k, lo)
                    if subject is not None and subject[0].kind != "document":
                        resolved, _ = self._resolve(subject[0], subject[1], index, s)
                        if resolved is not None:
                            return resolved
        return None

    def _holders_in(self, index: int) -> list[tuple[int, int, str, list[str]]]:
        """The people a paragraph names with the keys of their roles, as the text gives them ("Foreign Minister
        Dmytro Kuleba") and as the registry knows them ("Zakharova": Russian Foreign Ministry spokesperson)."""
        found = self.holders.get(index)
        if found is not None:
            return found
        registry = self.registry
        found = []
        analysis = self.analysis(index)
        for s in range(len(analysis.sentences)):
            for mention in analysis.mentions(s):
                if mention.kind != "name" or not mention.name:
                    continue
                canonical = registry.lookup(mention.text)
                if canonical is None and " " in mention.name:
                    canonical = registry.learn(mention.name)
                if canonical is None:
                    continue
                keys: list[str] = []
                if mention.role:
                    keys += registry.role_keys(mention.role, canonical)
                for known_role in registry.roles_of(canonical):
                    keys += registry.role_keys(known_role, canonical)
                if keys:
                    found.append((index, mention.start, canonical, keys))
        found.sort(key=lambda h: h[1])
        self.holders[index] = found
        return found

    def _holder(self, role: str, pi: int, offset: int, before: bool) -> str | None:
        """The person the briefing names in ``role`` nearest before (or first after) a place in it."""
        registry = self.registry
        wanted = registry.role_keys(role)
        if not wanted:
            return None
        qualifier, office = registry.split_role(role)

        def holds(keys: list[str], name: str) -> bool:
            if wanted[0] in keys:
                return True
            return qualifier is not None and office in keys and registry.country(name) is None

        if before:
            for index in range(pi, max(-1, pi - _ROLE_LOOK_BACK - 1), -1):
                for at_index, start, name, keys in reversed(self._holders_in(index)):
                    if (at_index, start) < (pi, offset) and holds(keys, name):
                        return name
            return None
        for index in range(pi, len(self.paragraphs)):
            for at_index, start, name, keys in self._holders_in(index):
                if (at_index, start) > (pi, offset) and holds(keys, name):
                    return name
        return None

    def _resolve_roles(self) -> None:
        """A role named before anyone holding it: the holder named first after it in the briefing ("Ukraine's
        foreign minister said ... Foreign Minister Dmytro Kuleba said"), else whom earlier briefings or the
        registry know in that role."""
        registry = self.registry
        for draft in self.drafts:
            role = draft.pending_role
            if role is None:
                continue
            chosen = self._holder(role, draft.paragraph, draft.span.open, before=False)
            if chosen is None:
                chosen = registry.learnt_role(role) or registry.bundled_role(role)
            if chosen is not None:
                draft.speaker = chosen
                registry.learn_role(role, chosen)
            draft.pending_role = None

    def _quote(self, draft: _Draft) -> Quote:
        paragraph: Paragraph = self.paragraphs[draft.paragraph]
        text = paragraph.text
        span = draft.span
        return Quote(
            paragraph=paragraph.id,
            series=self.briefing.series,
            date=self.briefing.date,
            path=self.briefing.path,
            section=paragraph.section,
            text=text[span.start : span.end],
            start=span.start,
            end=span.end,
            speaker=draft.speaker if draft.kind == "speech" else None,
            as_written=draft.as_written if draft.kind == "speech" else None,
            cue=draft.cue if draft.kind == "speech" else None,
            kind=draft.kind,
            truncated=draft.truncated,
            group=draft.group,
        )


# -- the API -----------------------------------------------------------------------------------------------------


@cache
def _default_registry() -> Registry:
    registry, _ = Registry.load()
    return registry


def extract_briefing(briefing: Briefing, registry: Registry) -> list[Quote]:
    """Every quotation of one briefing, in paragraph order, with its speaker. Names met in the text are learnt
    into ``registry``, so later briefings know that "Peskov" is Dmitry Peskov."""
    return _Reader(briefing, registry).read()


def extract_corpus(corpus: Corpus, registry: Registry | None = None) -> dict[str, tuple[Quote, ...]]:
    """Every briefing's quotations by briefing key (an empty tuple for a briefing without any), read oldest first so
    that names are learnt in the order a reader meets them."""
    if registry is None:
        registry, _ = Registry.load()
    found = {briefing.key: tuple(extract_briefing(briefing, registry)) for briefing in corpus.briefings}
    # The kept analyses are only worth their memory while a corpus is being read.
    _analyse.cache_clear()
    return found


def quote_to_json(quote: Quote) -> dict[str, object]:
    return {
        "series": quote.series,
        "date": quote.date.isoformat(),
        "path": quote.path,
        "paragraph": quote.paragraph,
        "section": quote.section,
        "text": quote.text,
        "speaker": quote.speaker,
        "as_written": quote.as_written,
        "cue": quote.cue,
        "kind": quote.kind,
        "truncated": quote.truncated,
        "start": quote.start,
        "end": quote.end,
        "group": quote.group,
    }


@dataclass(frozen=True, slots=True)
class SpeakerSummary:
    """One speaker across the quotations: how often, from when to when, named how."""

    name: str
    count: int
    first: dt.date
    last: dt.date
    aliases_seen: tuple[str, ...]
    role: str | None


_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})


def summarize_speakers(quotes: Iterable[Quote], registry: Registry | None = None) -> list[SpeakerSummary]:
    """Speech quotations with a speaker, by speaker: most quoted first, then by name. A part of a quotation
    continued across paragraphs counts once."""
    counts: dict[str, int] = {}
    firsts: dict[str, dt.date] = {}
    lasts: dict[str, dt.date] = {}
    written: dict[str, dict[str, None]] = {}
    seen_groups: set[tuple[str, str, int]] = set()
    for quote in quotes:
        if quote.kind != "speech" or quote.speaker is None:
            continue
        group_key = (quote.paragraph.partition("#")[0], quote.series, quote.group)
        if quote.group and group_key in seen_groups:
            continue
        seen_groups.add(group_key)
        name = quote.speaker
        counts[name] = counts.get(name, 0) + 1
        firsts[name] = min(firsts.get(name, quote.date), quote.date)
        lasts[name] = max(lasts.get(name, quote.date), quote.date)
        if quote.as_written and fold(quote.as_written) not in _PRONOUNS:
            written.setdefault(name, {})[quote.as_written] = None
    chosen = registry if registry is not None else _default_registry()
    summaries = [
        SpeakerSummary(
            name,
            count,
            firsts[name],
            lasts[name],
            tuple(written.get(name, {})),
            chosen.role(name) or _role_from_written(name, written.get(name, {})),
        )
        for name, count in counts.items()
    ]
    summaries.sort(key=lambda s: (-s.count, fold(s.name)))
    return summaries


def _role_from_written(name: str, written: dict[str, None]) -> str | None:
    """A role read off the text: "Ukrainian presidential advisor" from "Ukrainian presidential advisor Mykhailo
    Podolyak"."""
    for form in written:
        if form.endswith(name) and len(form) > len(name):
            role = _strip_article(form[: -len(name)].strip(" ,"))
            if role:
                return role
    return None


def filter_quotes(
    quotes: Iterable[Quote],
    registry: Registry,
    speaker: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Quote]:
    """The quotations of a speaker (any part of any of their names) between two dates, both included."""
    chosen: list[Quote] = []
    verdicts: dict[str, bool] = {}
    for quote in quotes:
        if since is not None and quote.date < since:
            continue
        if until is not None and quote.date > until:
            continue
        if speaker:
            if quote.speaker is None:
                continue
            verdict = verdicts.get(quote.speaker)
            if verdict is None:
                verdict = registry.matches(speaker, quote.speaker)
                verdicts[quote.speaker] = verdict
            if not verdict:
                continue
        chosen.append(quote)
    return chosen
