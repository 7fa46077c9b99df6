"""The subject of a speech cue, read leftward from it: the speaker phrase before it, past adjuncts, an apposition
("Peskov, the Kremlin spokesman,") or a relative clause; none for a passive cue ("troops were told")."""

from __future__ import annotations

from crisisreader.quotes.lexicon import ADJ, CAP, CUE, DOC, NUMBER, PART, PREP, PRON, QUOTE, REL
from crisisreader.quotes.phrases import _parse_left, _parse_right, _Phrase, _phrase
from crisisreader.quotes.tokens import _Tokens

_BE = frozenset({"was", "were", "been", "being", "is", "are", "be", "get", "got"})
# Before a participle cue, words that make it a means or a time of the clause: its subject is the clause's.
_MEANS = frozenset({"by", "after", "before", "while", "without", "when"})
# Prepositions that also open a clause: the phrase after them, right before a cue, is its subject.
_CLAUSE_OPENERS = frozenset({"after", "before", "since", "until", "as"})
# "Ruiz appeared to demand": the verb before "to" reports, and its subject is the cue's.
_SEEMING = frozenset({"appeared", "appears", "appear", "seemed", "seems", "seem", "appearing", "seeming"})
# "A statement issued by the ministry said": the one after these and "by" or "from" issued the document.
_ISSUED = frozenset({"issued", "released", "published", "signed", "sent", "put"})


def _passive(t: _Tokens, cue: int, lo: int) -> bool:
    """ "Russian troops were told": the subject of a passive cue is the one spoken to, not the speaker."""
    p = cue - 1
    while p >= lo and t.low[p] in ("not", "also", "never", "reportedly", "later", "then", "repeatedly"):
        p -= 1
    return p >= lo and t.low[p] in _BE and t.low[cue].endswith(("ed", "told", "said", "written"))


def _skip_adjuncts_left(t: _Tokens, j: int, lo: int) -> int:
    while j > lo and t.flags[j - 1] & (ADJ | PREP) and not t.core(j - 1):
        j -= 1
    return j


def _subject_left(t: _Tokens, text: str, cue: int, lo: int) -> tuple[_Phrase, _Phrase | None] | None:
    """The subject of the cue at ``cue``: the speaker phrase before it, past adjuncts ("on Sunday", "in a
    statement"), an apposition ("Peskov, the Kremlin spokesman,") or a relative clause. A passive cue has none."""
    if _passive(t, cue, lo):
        return None
    if t.flags[cue] & PART and cue - 1 >= lo and t.low[cue - 1] in _MEANS:
        # "Netanyahu sparked outrage among families by declaring": the participle is the clause subject's.
        return None
    j = cue
    steps = 0
    while j > lo and steps < 18:
        steps += 1
        p = j - 1
        flag = t.flags[p]
        low = t.low[p]
        if low == ")":
            # "Senate Majority Leader John Thune (R-S.D.) acknowledged": an aside in brackets is passed over.
            opening = next((x for x in range(p - 1, max(lo, p - 8) - 1, -1) if t.low[x] == "("), None)
            if opening is None:
                return None
            j = opening
            continue
        if flag & PRON:
            return _phrase(t, text, p, p + 1), None
        coordinated = p - 2 >= lo and t.low[p - 1].endswith("ed") and not t.core(p - 1) and t.flags[j] & CUE
        if low == "and" and coordinated and (t.flags[p - 2] & PRON or t.core(p - 2)):
            j = p - 1  # "They clapped and chanted": the subject of the first verb is the cue's
            continue
        if low == "to" and p - 1 >= lo and t.low[p - 1] in _SEEMING:
            j = p - 1
            continue
        if low == ":" and p - 1 >= lo and t.flags[p - 1] & NUMBER and t.flags[j] & NUMBER:
            j = p  # a time: "issued by the ministry at 1:44am said"
            continue
        if flag & REL and p - 1 >= lo and t.low[p - 1] == ",":
            found = _before_clause(t, p - 1, lo)
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
            if a > lo and t.low[a - 1] in _CLAUSE_OPENERS and b == cue and not t.flags[cue] & PART:
                # "a day after UN Secretary-General Antonio Guterres said": "after" opens a clause here.
                return _phrase(t, text, a, b), None
            if a > lo and t.low[a - 1] == "with" and b == cue and t.flags[cue] & PART:
                # "..., with US President Joe Biden calling it": the one after "with" is the participle's subject.
                return _phrase(t, text, a, b), None
            if a > lo and t.flags[a - 1] & PREP:
                if _issuer(t, a - 1, lo):
                    return _phrase(t, text, a, b), None
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


def _issuer(t: _Tokens, by: int, lo: int) -> bool:
    """Whether the phrase after ``by`` names who issued the document before it: "a statement issued by"."""
    if t.low[by] not in ("by", "from"):
        return False
    k = by - 1
    if k >= lo and t.low[k] == "out":
        k -= 1  # "a statement put out by"
    return k - 1 >= lo and t.low[k] in _ISSUED and bool(t.flags[k - 1] & DOC)


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
    for k in range(inner_lo, inner_hi):
        if t.flags[k] & CUE and not t.flags[k] & (PART | CAP):
            # "..., the Foreign Office has said, citing": the clause between the commas says who speaks.
            said = _subject_left(t, text, k, inner_lo)
            if said is not None and said[0].kind != "pronoun":
                return said
            break
    inner = _parse_right(t, inner_lo, inner_hi)
    is_phrase = inner == (inner_lo, inner_hi)
    aside = t.flags[inner_lo] & (REL | PART | PREP | ADJ) or all(
        t.flags[k] & (ADJ | PREP | NUMBER) or t.core(k) for k in range(inner_lo, inner_hi)
    )
    if not is_phrase and not aside:
        return None
    before = _before_clause(t, q, lo) if t.flags[inner_lo] & REL else _parse_left(t, q, lo)
    if before is None:
        if is_phrase and inner is not None:
            # "Asked about it, Dmitry Peskov, the Kremlin spokesman, said" has no subject before the first comma.
            return None
        return None
    if (
        not t.flags[inner_lo] & REL
        and before[0] - 1 >= lo
        and t.flags[before[0] - 1] & PREP
        and not (t.raw[before[0] - 1][:1].isupper() and before[0] - 2 >= lo and t.core(before[0] - 2))
    ):
        # ("Doctors Without Borders' founder, X, said": a capitalized preposition inside a name governs nothing.)
        # "Brel, who works at a hotel in Negril, on the west coast, says": the phrase a preposition governs is
        # no subject; the aside is passed over and the clause before it read.
        return _apposition_left(t, text, q, lo)
    subject = _phrase(t, text, *before)
    if subject.kind != "name" and before[0] - 1 > lo and t.low[before[0] - 1] == ",":
        # "Andriy Yermak, the head of Zelenskyy's office, was upbeat, calling": the role is the name's apposition.
        named = _parse_left(t, before[0] - 1, lo)
        if named is not None:
            name = _phrase(t, text, *named)
            if name.kind == "name":
                return name, subject
    if not is_phrase or inner is None:
        return subject, None
    appositive = _phrase(t, text, *inner)
    if subject.kind != "name" and appositive.kind == "name":
        return appositive, subject
    return subject, appositive


def _before_clause(t: _Tokens, comma: int, lo: int) -> tuple[int, int] | None:
    """The phrase a relative clause after ``comma`` is about: "A Gulf diplomat in Ankara, who asked not to be
    named, said": the diplomat, not the place that is the diplomat's."""
    found = _parse_left(t, comma, lo)
    while found is not None and found[0] - 1 > lo and t.flags[found[0] - 1] & PREP:
        owner = _parse_left(t, found[0] - 1, lo)
        if owner is None:
            break
        found = owner
    return found
