"""Speaker phrases read from a sentence's words: where one starts and ends, and what it names (a person by name
and role, a role, a body, a group, several speakers, a pronoun or a document)."""

from __future__ import annotations

from typing import Literal, NamedTuple

from crisisreader.quotes.lexicon import (
    _NOUNS,
    BODY,
    CAP,
    CONJ,
    DET,
    DOC,
    GROUP,
    HEAD,
    MOD,
    PARTICLE,
    POSS,
    PRON,
    ROLEPREP,
)
from crisisreader.quotes.tokens import _Tokens


class _Phrase(NamedTuple):
    """A speaker as written: the whole phrase, the name in it, the role in it, and what kind of speaker it names.
    ``start`` and ``end`` count from the start of the sentence it was read in (see ``paragraph._Analysis.offset``).
    A tuple: cheap to make, and the garbage collector stops following tuples of strings and numbers, of which the
    sentences kept for reuse hold many."""

    text: str
    start: int
    end: int
    kind: Literal["pronoun", "compound", "name", "role", "body", "group", "document"]
    name: str | None = None
    role: str | None = None
    definite: bool = True
    low: str = ""


def _shift(phrase: _Phrase | None, delta: int) -> _Phrase | None:
    """The phrase with its offsets counted from ``delta`` characters earlier."""
    if phrase is None or not delta:
        return phrase
    return phrase._replace(start=phrase.start + delta, end=phrase.end + delta)


def _connects(t: _Tokens, k: int) -> bool:
    """Whether token ``k`` joins two parts of one role: "Ministry of Defence", "ambassador to the UN"."""
    return t.low[k] == "of" or bool(t.flags[k] & ROLEPREP and k > 0 and t.flags[k - 1] & HEAD)


def _ends(t: _Tokens, i: int, j: int) -> bool:
    """Whether a speaker phrase can end before token ``j``: on a name, an office, a group or a body, or on an
    office's domain after "of" ("the head of state", "the chief of staff")."""
    if t.head(j - 1):
        return True
    return j - 3 >= i and t.low[j - 2] == "of" and bool(t.flags[j - 1] & MOD) and t.head(j - 3)


def _named_by(t: _Tokens, k: int, hi: int) -> bool:
    """Whether the particles from token ``k`` lead into a capitalised name: "von der Leyen", "de Gaulle"."""
    while k < hi and t.flags[k] & PARTICLE:
        k += 1
    return k < hi and bool(t.flags[k] & CAP) and t.core(k)


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
            if t.flags[p] & PARTICLE and i < round_end and t.flags[i] & (CAP | PARTICLE):
                # "von der Leyen", "Von der Leyen" first in the sentence: the particles are the name's.
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
    while i < j and (t.low[i] == "of" or t.flags[i] & ROLEPREP or (t.flags[i] & PARTICLE and not _named_by(t, i, j))):
        i += 1
    if i >= j or not _ends(t, i, j):
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
            particle = t.flags[j] & PARTICLE and j + 1 < hi and t.flags[j + 1] & (CAP | PARTICLE)
            if particle and (j > round_start or _named_by(t, j, hi)):
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
    while j > i and not _ends(t, i, j):
        j -= 1
    if j <= i or (t.flags[i] & DET and j == i + 1):
        return None
    return i, j


def _two_roles_one_name(t: _Tokens, i: int, conj: int, j: int) -> bool:
    """ "Norvia's Deputy Prime Minister and Foreign Minister Ivo Dask", "Former Tarn and Vale Chief Minister and
    Union Party chief Asha Rell": titles of one person, the name last. A name right before the last conjunction
    makes two speakers ("President Ruiz and Chancellor Holm")."""
    flags = t.flags
    last = max(k for k in range(conj, j) if flags[k] & CONJ)
    if not flags[last - 1] & HEAD or last - i > 9:
        return False
    for k in range(i, last):
        if not flags[k] & (_NOUNS | MOD | POSS | DET | CAP | CONJ):
            return False
    name = j
    while name > last + 1 and flags[name - 1] & CAP and not flags[name - 1] & (_NOUNS | MOD | POSS):
        name -= 1
    return name < j and any(flags[k] & (_NOUNS | MOD) for k in range(last + 1, name))


def _phrase(t: _Tokens, text: str, i: int, j: int) -> _Phrase:
    """What a speaker phrase names: a pronoun, several speakers, a person (name and role), a role, a body, a group."""
    start, end = t.start[i], t.end[j - 1]
    written = text[start:end]
    flags = t.flags
    if j - i == 1 and flags[i] & PRON:
        return _Phrase(written, start, end, "pronoun", low=t.low[i])
    conj = next((k for k in range(i, j) if flags[k] & CONJ), None)
    if conj is not None and not _two_roles_one_name(t, i, conj, j):
        return _Phrase(written, start, end, "compound")
    definite = not (flags[i] & DET and t.low[i] not in ("the", "his", "her", "its", "their", "our"))
    k = j
    while k > i and (
        (flags[k - 1] & CAP and not flags[k - 1] & (_NOUNS | MOD | POSS))
        or (flags[k - 1] & PARTICLE and (k - 2 < i or flags[k - 2] & (CAP | PARTICLE)))
    ):
        k -= 1
    first = i + 1 if flags[i] & DET else i
    if k > first and (t.low[k - 1] in ("of", "the") or flags[k - 1] & ROLEPREP):
        # "ambassador to the UN", "Ministry of Defence": what follows the preposition is no one's name, but for
        # a name after the place: "Prime Minister of Israel Benjamin Netanyahu".
        k = k + 1 if j - k >= 3 and t.low[k - 1] == "of" else j
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
