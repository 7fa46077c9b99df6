"""Finding the speaker of one quotation as its sentence says it: the cue before or after it, and who it names.
Everything here reads one sentence's words alone, so its answers can be kept for every paragraph with that sentence."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Literal, NamedTuple

from crisisreader.quotes.lexicon import (
    ADJ,
    CAP,
    CONJ,
    CUE,
    DET,
    ENDER,
    GROUP,
    MODAL,
    NAMING,
    NUMBER,
    PART,
    POSS,
    PREP,
    PRON,
    PUNCT,
    QUOTE,
    QUOTING,
    SPEECHNOUN,
    _lexicon,
)
from crisisreader.quotes.phrases import _parse_left, _parse_right, _Phrase, _phrase, _shift
from crisisreader.quotes.stance import (
    _modifier_term,
    _noun_cue_subject,
    _one_of,
    _predicate_subject,
    _reason_subject,
    _says_that,
    _speech_noun_owner,
)
from crisisreader.quotes.subjects import _BE, _SEEMING, _passive, _skip_adjuncts_left, _subject_left
from crisisreader.quotes.tokens import _Tokens

Mode = Literal["speaker", "elided", "context", "continuation", "term", "none"]


class _Local(NamedTuple):
    """What the sentence alone says of a quotation's speaker."""

    mode: Mode
    phrase: _Phrase | None = None
    cue: str | None = None
    pronoun: _Phrase | None = None
    role: _Phrase | None = None
    outer: _Phrase | None = None  # "Biden said he believed “...”": the subject a pronoun subject may repeat
    naming: bool = False  # "NATO called the demands “non-starters”": the subject names a thing; a short one is a term


def _moved(local: _Local, delta: int) -> _Local:
    """The attribution with its phrases' offsets counted from ``delta`` characters earlier: one read in the sentence
    after a quotation, given to the quotation's own sentence."""
    if not delta or (local.phrase is None and local.pronoun is None and local.role is None and local.outer is None):
        return local
    return _Local(
        local.mode,
        _shift(local.phrase, delta),
        local.cue,
        _shift(local.pronoun, delta),
        _shift(local.role, delta),
        _shift(local.outer, delta),
        local.naming,
    )


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
        start = m + 1
        while start < hi - 1 and t.flags[start] & NUMBER and t.raw[start][:1].isdigit():
            start += 1  # "one survivor, 28-year-old Stergios Minenis": the age before the name
        inner = _parse_right(t, start, hi)
        if inner is not None and (inner[1] >= hi or t.low[inner[1]] in (",", ".", ";")):
            role = _phrase(t, text, *inner)
            if phrase.kind != "name" and role.kind == "name":
                phrase, role = role, phrase
            m = inner[1] + 1 if inner[1] < hi and t.low[inner[1]] == "," else inner[1]
        elif phrase.kind == "name":
            # "Michael Kofman, director of Russia studies at CNA, told": a longer description between commas,
            # then the cue, is still the name's.
            close = next((x for x in range(m + 1, min(hi, m + 16)) if t.low[x] == "," or t.flags[x] & QUOTE), None)
            state = close is not None and t.low[close] == "," and close + 3 < hi and t.low[close + 2] == ","
            if state and close is not None and t.flags[close + 1] & CAP and not t.flags[close + 1] & CUE:
                close += 2  # "..., owner of a care home in Elmfield, Texas, told": a place and its state
            if close is not None and t.low[close] == "," and close + 1 < hi and t.flags[close + 1] & CUE:
                m = close + 1
    return phrase, role, m


def _skip_adjuncts_right(t: _Tokens, m: int, hi: int) -> int:
    steps = 0
    while m < hi and steps < 12:
        steps += 1
        flag = t.flags[m]
        if flag & PREP and not flag & CUE:
            found = _parse_right(t, m + 1, hi)
            m = found[1] if found is not None else m + 1
            # "a local authority in the island territory said": plain words of the place, then the cue.
            m = _plain_to_cue(t, m, hi)
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
    first = t.index_of(phrase.start)
    if first is None:
        return phrase
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
    stated = _stated_by(t, text, k, hi)
    if stated is not None:
        return stated
    if t.low[k] in ("and", "or") and k + 1 < hi and t.flags[k + 1] & QUOTE:
        # "“definitely several hundred” and “perhaps a few thousand,” an official said": both are the official's.
        return _after_quote(t, text, k + 1, hi, strict)
    flag = t.flags[k]
    if flag & CUE and not flag & PART and not flag & CAP:
        start = _one_of(t, k + 1, hi)
        while start < hi - 1 and t.flags[start] & NUMBER and t.raw[start][:1].isdigit():
            start += 1  # "said 72-year-old resident S Sivanandan"
        found = _right_phrase_with_apposition(t, text, start, hi)
        if found is not None and found[0].kind == "document":
            # "“...,” reads the official statement issued by X" / "read a statement from X": X speaks.
            m = found[2] + (1 if found[2] < hi and t.low[found[2]] == "issued" else 0)
            if m + 1 < hi and t.low[m] in ("by", "from"):
                owner = _right_phrase_with_apposition(t, text, m + 1, hi)
                if owner is not None and owner[0].kind != "document":
                    return _Local("speaker", owner[0], t.raw[k], role=owner[1])
            return None
        if found is None:
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
    rest = text[t.end[m - 1] :]
    if phrase.kind == "name" and rest.startswith(("...", "\u2026")) and not rest.strip(" .\u2026\n"):
        return _Local("speaker", phrase, None, role=role)  # "“...,” DeSantis...": the cue cut off
    if m + 1 < hi and t.low[m] == "." and t.low[m - 1] in ("jr", "sr"):
        m += 1  # "“...,” Mayor X Jr. said": the suffix's period ends nothing
    m = _skip_adjuncts_right(t, m, hi)
    if m + 2 < hi and t.low[m - 1] in ("was", "is") and t.low[m : m + 2] == ("quoted", "as") and t.flags[m + 2] & CUE:
        return _Local("speaker", phrase, t.raw[m + 2], role=role)  # "“...,” X was quoted as saying"
    if m < hi and t.flags[m] & CUE and not t.flags[m] & (PART | CAP) and not _passive(t, m, k):
        if strict and not _only_attribution(t, m + 1, hi):
            return None
        return _Local("speaker", phrase, t.raw[m], role=role)
    return None


def _only_attribution(t: _Tokens, k: int, hi: int) -> bool:
    """Whether what follows a cue is no more than an attribution's: whom it was told and when, where, how
    ("Peskov told reporters on Monday."), not a clause of its own ("Moscow denies any plan to attack")."""
    if any(t.flags[x] & QUOTE or t.low[x] == "that" for x in range(k, hi)):
        return False
    told = _parse_right(t, k, hi)
    if told is not None:
        k = told[1]
    # Whom it was told may be a few words the lexicon does not know ("reporters", "a news conference"); a
    # participle may follow ("…, sharing a video of the building").
    for n in range(4):
        end = _skip_adjuncts_right(t, k + n, hi) if k + n <= hi else hi
        if end >= hi - 1 or (end + 1 < hi and t.low[end] == "," and t.low[end + 1].endswith("ing")):
            return True
        if end + 1 < hi and t.low[end] == "," and t.low[end + 1] in ("as", "according"):
            return True  # "Zelensky said this in his evening speech, as reported by Ukrinform."
    return False


def _stated_by(t: _Tokens, text: str, k: int, hi: int) -> _Local | None:
    """ "“…” This was stated by Defense Minister Oleksii Reznikov in a video address": the passive attribution
    of Ukrainian and Russian agencies, after the quotation."""
    if t.low[k] not in ("this", "that", "it"):
        return None
    cue = k + 1
    while cue < hi and t.low[cue] in _BE | {"has", "have", "had"}:
        cue += 1
    if cue == k + 1 or cue + 1 >= hi or not t.flags[cue] & CUE or t.low[cue + 1] != "by":
        return None
    found = _right_phrase_with_apposition(t, text, cue + 2, hi)
    if found is None or found[0].kind in ("document", "pronoun"):
        return None
    return _Local("speaker", found[0], t.raw[cue], role=found[1])


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


# "described the build-up as “unprovoked”" characterises in the speaker's words: speech, unlike "called".
_DESCRIBING = frozenset({"describe", "describes", "described", "describing"})
# After a naming verb, these make it speech again: "called for “restraint”", "called on “all sides”".
_NOT_NAMING = frozenset({"for", "on", "upon", "out", "off", "in", "back", "up", "to", "that", "a", "an"})


def _names_object(t: _Tokens, cue: int, q: int) -> bool:
    """Whether the quotation names what the verb's object is called: "called Russia's demands “...”", "what
    it calls “...”", "dubbed the plan “...”", with at most a short object and no clause between."""
    between = range(cue + 1, q)
    if len(between) > 6 or (between and t.low[cue + 1] in _NOT_NAMING):
        return False
    return all(not t.flags[k] & (QUOTE | PUNCT) or t.low[k] in ("'s", "’s") for k in between)


def _what_it_calls(t: _Tokens, q: int, lo: int) -> bool:
    """ "what Moscow calls “...”", "what it called “...”": a name given, whoever the sentence says spoke."""
    cue = q - 1
    if cue <= lo or not t.flags[cue] & NAMING:
        return False
    return "what" in t.low[max(lo, cue - 5) : cue]


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


# Tokens read on each side of a quotation: a reporting verb and its subject lie within a clause or two of it
# (the longest seen in real briefings are some forty words away); farther is another clause's business.
REACH = 80


def _attribute(t: _Tokens, text: str, q: int, lo: int, hi: int, previous: _Local | None) -> _Local:
    """The speaker of the quotation at token ``q`` of the sentence ``t[lo:hi]``, as the sentence says it.

    Only a window of the sentence around the quotation is read: a paragraph with no full stop is one sentence,
    and reading all of it for each of its quotations made the work grow with their square."""
    lo, hi = max(lo, q - REACH), min(hi, q + 1 + REACH)
    if _term_marker_before(t, q, lo) or _what_it_calls(t, q, lo) or _modifier_term(t, q, lo, hi):
        return _Local("term")
    after = _after_quote(t, text, q, hi)
    if after is not None:
        return after
    cues = t.cues
    for cue in reversed(cues[bisect_left(cues, lo) : bisect_left(cues, q)]):
        flag = t.flags[cue]
        if t.low[cue] == "according" and cue + 1 < q and t.low[cue + 1] == "to":
            phrase = _according(t, text, cue + 2, q)
            if phrase is not None:
                return _Local("speaker", phrase, "according to")
            continue
        owner = _speech_noun_owner(t, text, cue, lo, q) if flag & SPEECHNOUN else None
        if owner is None and flag & SPEECHNOUN:
            owner = _chanting_crowd(t, text, cue, lo)
        if owner is None and flag & PART and flag & CUE:
            owner = _noun_cue_subject(t, text, cue, lo)
        if owner is not None:
            return _Local("speaker", owner, t.raw[cue])
        opener = _opening_participle(t, text, cue, q, lo, hi)
        if opener is not None:
            return _Local("speaker", opener, t.raw[cue])
        agent = _passive_agent(t, text, cue, q)
        if agent is not None:
            return _Local("speaker", agent, t.raw[cue])
        if not flag & CUE or flag & CAP or _after_modal(t, cue, lo) or _passive(t, cue, lo):
            continue
        quoted = _as_saying(t, text, cue, lo)
        if quoted is not None:
            return _Local("speaker", quoted, t.raw[cue])
        subject = _subject_left(t, text, cue, lo)
        if subject is not None and (subject[0].kind != "document" or not flag & NAMING):
            outer = _outer_subject(t, text, cue, lo) if subject[0].kind == "pronoun" else None
            naming = bool(flag & NAMING) and t.low[cue] not in _DESCRIBING and _names_object(t, cue, q)
            return _Local("speaker", subject[0], t.raw[cue], role=subject[1], outer=outer, naming=naming)
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
    transcript = _transcript(t, text, q, lo) or _headline(t, text, q, lo, hi)
    if transcript is not None:
        return transcript
    if q - 1 > lo and t.low[q - 1] == ":":
        # "Duda put it bluntly: “...”": a colon before a quotation makes the clause's subject its speaker.
        clause_subject = _inherit(t, text, q - 1, lo)
        if clause_subject is not None:
            return _Local("speaker", clause_subject, ":")
    for cue in reversed(cues[bisect_right(cues, q) : bisect_left(cues, hi)]):
        flag = t.flags[cue]
        if t.low[cue] == "according" and cue + 1 < hi and t.low[cue + 1] == "to" and t.low[cue - 1] == ",":
            # "The former governor was “fine” after the blast, according to a campaign spokesman."
            if not any(t.flags[x] & QUOTE for x in range(q + 1, cue)):
                phrase = _according(t, text, cue + 2, hi)
                if phrase is not None:
                    return _Local("speaker", phrase, "according to")
            continue
        if not flag & CUE or flag & (PART | CAP):
            continue
        subject = _subject_left(t, text, cue, q + 1)
        if subject is not None:
            at = t.index_of(subject[0].start)
            first = at if at is not None else q + 1
            before = first - 1
            if before > q and t.flags[before] & DET and t.low[before] in ("the", "his", "her", "their"):
                before -= 1
            if before - 1 > q and t.low[before] == "of" and t.low[before - 1] in ("one", "some", "two", "several"):
                before -= 2  # "“...,” except for one who fell, one of the diplomats said"
            closes_clause = before >= q and (t.low[before] == "," or t.flags[before] & QUOTE)
            if closes_clause and not _says_that(t, cue, hi):
                return _Local("speaker", subject[0], t.raw[cue], role=subject[1])
        elif (some := _one_of_them(t, text, cue, q)) is not None:
            return _Local("speaker", some, t.raw[cue])
        elif t.low[cue - 1] == "," and cue - 1 > q:
            found = _right_phrase_with_apposition(t, text, cue + 1, hi)
            if found is not None and found[0].kind != "document":
                return _Local("speaker", found[0], t.raw[cue], role=found[1])
    if all(t.flags[k] & (PUNCT | QUOTE) for k in range(lo, _credit_start(t, q, hi))):
        return _Local("continuation")
    predicate = _predicate_subject(t, text, q, lo) or _reason_subject(t, text, q, lo)
    return _Local("speaker", predicate) if predicate is not None else _Local("none")


Window = tuple[str, int, _Local | None]


def _attribute_in_long(t: _Tokens, text: str, q: int, previous: _Local | None, seen: dict[Window, _Local]) -> _Local:
    """:func:`_attribute` in a sentence longer than two reaches, where each quotation is read in a window of its own:
    a window whose words (white space included) and quotation's place are those of one already read has the same
    answer, moved to where it stands. A page of list lines run together with no full stop repeats its few shapes
    thousands of times, and was read afresh for each."""
    lo, hi = max(0, q - REACH), min(len(t), q + 1 + REACH)
    base = t.start[lo]
    before = _moved(previous, -base) if previous is not None else None
    key = (text[base : t.end[hi - 1]], q - lo, before)
    found = seen.get(key)
    if found is None:
        found = seen[key] = _moved(_attribute(t, text, q, lo, hi, previous), -base)
    return _moved(found, base)


def _chanting_crowd(t: _Tokens, text: str, cue: int, lo: int) -> _Phrase | None:
    """ "... as crowds fought the police amid chants of “…”": the chants are the crowd's named before them."""
    if t.low[cue] not in ("chants", "chant") or cue + 1 >= len(t) or t.low[cue + 1] != "of":
        return None
    start = next(
        (b + 1 for b in range(cue - 1, lo - 1, -1) if t.low[b] in ("as", "while", "when", "after", ",", ";")), lo
    )
    for k in range(start, cue):
        if t.flags[k] & GROUP and t.core(k):
            found = _parse_left(t, k + 1, start)
            return _phrase(t, text, *found) if found is not None else None
    return None


def _opening_participle(t: _Tokens, text: str, cue: int, q: int, lo: int, hi: int) -> _Phrase | None:
    """ "Chanting “Ruto must go!” the protesters confronted the police": a participle opening the sentence right
    before the quotation is the subject's after it."""
    if cue != lo or q != cue + 1 or not t.flags[cue] & CUE or not t.low[cue].endswith("ing"):
        return None
    k = q + 1
    while k < hi and t.low[k] == ",":
        k += 1
    found = _parse_right(t, k, hi)
    if found is None or found[1] >= hi or t.flags[found[1]] & (CUE | PUNCT):
        return None
    phrase = _phrase(t, text, *found)
    return phrase if phrase.kind in ("name", "role", "group", "body", "compound") else None


def _after_modal(t: _Tokens, cue: int, lo: int) -> bool:
    """ "The bloc would respond", "wants to say": a verb under a modal reports no speech."""
    p = cue - 1
    while p >= lo and t.low[p] in ("not", "also", "never", "only", "then", "still", "again"):
        p -= 1
    if p >= lo and t.low[p] == "would" and cue + 1 < len(t) and t.low[cue + 1] in ("only", "that", "whether"):
        return False  # "Peskov would say only that …" reports what he did say
    if p - 1 >= lo and t.low[p] == "to" and t.low[p - 1] in _SEEMING:
        return False  # "Ruiz appeared to demand “…”" reports what she did say
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
    k = _past_dateline(t, lo, cue)
    governed = False  # the words after a preposition ("In St Petersburg") are no subject
    while k < cue:
        if t.flags[k] & PREP:
            governed = True
        elif t.core(k) and not governed:
            found = _parse_right(t, k, cue)
            if found is not None:
                phrase = _phrase(t, text, *found)
                if phrase.kind != "document":
                    return phrase
                k = found[1]
                continue
        elif not t.core(k):
            governed = False
        k += 1
    return None


def _past_dateline(t: _Tokens, lo: int, hi: int) -> int:
    """Where a sentence starts past its dateline ("HARBOURTOWN/NORVIA: President Ruiz ..."): places in capitals
    before a colon are no one's words."""
    for k in range(lo, min(hi, lo + 10)):
        if t.low[k] == ":":
            words = [x for x in range(lo, k) if not t.flags[x] & PUNCT]
            if words and all(t.raw[x].isupper() and len(t.raw[x]) > 1 for x in words):
                return k + 1
            return lo
        if not (t.flags[k] & PUNCT and t.low[k] in ("/", ",", "-")) and not t.raw[k].isupper():
            return lo
    return lo


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


def _headline(t: _Tokens, text: str, q: int, lo: int, hi: int) -> _Local | None:
    """ "Ruiz: Deadly market blast a “terrorist attack”": a headline (no full stop) opening with a person's name and a
    colon gives the quotations of its claim to that person. Datelines in capitals are places."""
    colon = next((k for k in range(lo, min(q, lo + 5)) if t.low[k] == ":"), None)
    if colon is None or colon == q - 1 or t.flags[hi - 1] & ENDER:
        return None
    if any(t.flags[x] & (QUOTE | CUE) for x in range(colon + 1, q)):
        return None
    found = _parse_left(t, colon, lo)
    if found is None or found[0] != lo or any(t.raw[x].isupper() and len(t.raw[x]) > 1 for x in range(lo, colon)):
        return None
    phrase = _phrase(t, text, *found)
    return _Local("speaker", phrase, ":") if phrase.kind == "name" else None


def _plain_to_cue(t: _Tokens, m: int, hi: int) -> int:
    """The cue a few plain words after token ``m`` (an article, lower-case nouns), else ``m``."""
    for k in range(m, min(hi, m + 4)):
        flag = t.flags[k]
        if flag & CUE and not flag & (CAP | PART):
            return k
        if flag & (PUNCT | QUOTE | PRON | CONJ | PREP | CUE) or not t.low[k].isalpha():
            return m
    return m


def _credit_start(t: _Tokens, q: int, hi: int) -> int:
    """Where an agency credit after the sentence's last quotation starts ("“…” (dpa,afp)"), else ``hi``."""
    end = hi
    while end > q + 1 and t.flags[end - 1] & PUNCT and t.low[end - 1] != ")":
        end -= 1
    if end - 1 <= q or t.low[end - 1] != ")":
        return hi
    for k in range(end - 2, max(q, end - 9), -1):
        if t.low[k] == "(":
            inside = range(k + 1, end - 1)
            plain = all(t.flags[x] & PUNCT or t.low[x].isalpha() for x in inside)
            if plain and not any(t.flags[x] & QUOTE for x in inside):
                return k
            return hi
    return hi


def _passive_agent(t: _Tokens, text: str, cue: int, q: int) -> _Phrase | None:
    """ "The attack, described by Chancellor Olaf Scholz as a “horrific act,”": the agent of a passive cue."""
    if cue + 2 >= q or t.low[cue + 1] != "by" or not t.low[cue].endswith("ed"):
        return None
    found = _right_phrase_with_apposition(t, text, cue + 2, q)
    if found is None or found[0].kind in ("document", "pronoun"):
        return None
    return found[0] if found[2] < q and t.low[found[2]] == "as" else None


def _one_of_them(t: _Tokens, text: str, cue: int, q: int) -> _Phrase | None:
    """ "“...,” except for one who fell, one of the diplomats said": the group the speaker is one of."""
    found = _parse_left(t, cue, q + 1)
    if found is None:
        return None
    i = found[0]
    if i - 3 > q and t.low[i - 1] == "of" and t.low[i - 2] in ("one", "some", "two", "several") and t.low[i - 3] == ",":
        phrase = _phrase(t, text, *found)
        return phrase if phrase.kind in ("group", "role") else None
    return None
