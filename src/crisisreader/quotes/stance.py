"""Readings of a sentence that name a quotation's speaker without a verb of speech, or make it a term: the owner of
a noun of speech ("Trump's request to “spare” the troops"), the owner of a document ("the RSF's statement"), a
quotation that modifies the noun after it ("an “escalate to deescalate” option"), and the kind of speaker a
description names ("the firm" is a body, "he" is not it)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from crisisreader.quotes.lexicon import (
    BODY,
    CUE,
    DET,
    GROUP,
    POSS,
    PREP,
    SPEECHNOUN,
    THING,
    _lexicon,
)
from crisisreader.quotes.phrases import _parse_left, _parse_right, _Phrase, _phrase, _shift
from crisisreader.quotes.tokens import _Tokens
from crisisreader.text import fold

_POSSESSIVE_ENDS = ("'s ", "s' ")


def _speech_noun_owner(t: _Tokens, text: str, k: int, lo: int, q: int) -> _Phrase | None:
    """ "Putin's statement that ... “...”": the owner of the noun of speech at ``k``, when a possessive owns it
    and the quotation at ``q`` is part of what it says."""
    if not t.flags[k] & SPEECHNOUN or k - 1 < lo or not t.flags[k - 1] & POSS:
        return None
    if not any(t.low[x] in ("that", "to", ":") for x in range(k + 1, q)):
        # "the RSF's statement on the “X” platform": the quotation is no part of what the statement says.
        return None
    a = k - 1
    while a - 1 >= lo and t.core(a - 1) and not t.flags[a - 1] & POSS:
        a -= 1
    start = t.start[a]
    written = text[start : t.start[k - 1] + len(t.raw[k - 1])]
    owner = _strip_possessive(written)
    own = _Tokens.of(owner)
    found = _parse_right(own, 0, len(own))
    if found is None or found[1] != len(own):
        return None
    phrase = _phrase(own, owner, *found)
    return _shift(phrase, start) if phrase.kind not in ("pronoun", "document") else None


def _strip_possessive(written: str) -> str:
    folded = written.replace("\u2019", "'")
    if folded.endswith("'s"):
        return written[:-2]
    return written[:-1] if folded.endswith("'") else written


def _says_that(t: _Tokens, cue: int, hi: int) -> bool:
    """Whether the cue after a quotation reports a clause of its own ("“...”, he said that Kyiv ..."), not the
    quotation: a "that" before the next comma ("“...” by the RSF, he said, adding that ..." reports it)."""
    for x in range(cue + 1, hi):
        if t.low[x] == ",":
            return False
        if t.low[x] == "that":
            return True
    return False


def _modifier_term(t: _Tokens, q: int, lo: int, hi: int) -> bool:
    """ "an “escalate to deescalate” option": after an indefinite article, a quotation followed by a noun of the
    things a phrase names (data/cues.yaml ``named_things``) is that thing's name; "a “massive” attack" is not."""
    if q - 1 < lo or q + 1 >= hi or t.low[q - 1] not in ("a", "an") or not t.flags[q - 1] & DET:
        return False
    return bool(t.flags[q + 1] & THING)


def _predicate_subject(t: _Tokens, text: str, q: int, lo: int) -> _Phrase | None:
    """ "The Israel Defense Forces is “deepening” its operations": a quoted verb after the subject's auxiliary is
    the subject's word, with no verb of speech."""
    if q - 1 <= lo or t.low[q - 1] not in _AUXILIARIES:
        return None
    found = _parse_left(t, q - 1, lo)
    if found is None or (found[0] > lo and t.low[found[0] - 1] != ","):
        return None
    phrase = _phrase(t, text, *found)
    return phrase if phrase.kind in ("name", "body", "group") else None


_AUXILIARIES = frozenset({"is", "are", "was", "were", "has", "have", "had"})


def _one_of(t: _Tokens, k: int, hi: int) -> int:
    """ "“...,” said one of the residents, journalism student Mohamed Fatih Yavous": where the speaker's own
    phrase starts after "one of the <people>,"; ``k`` itself when the words there are no such thing."""
    if k + 3 < hi and t.low[k] == "one" and t.low[k + 1] == "of":
        comma = next((x for x in range(k + 2, min(hi, k + 7)) if t.low[x] == ","), None)
        if comma is not None and comma + 1 < hi:
            # Words the lexicon does not know may open the description: "journalism student".
            return next((x for x in range(comma + 1, min(hi, comma + 4)) if t.core(x)), comma + 1)
    return k


def _noun_cue_subject(t: _Tokens, text: str, cue: int, lo: int) -> _Phrase | None:
    """ "the United Nations issued a stark warning over reports of “atrocities”": a speech word in -ing after an
    article is a noun; the speaker is the subject of the verb before the article."""
    d = cue - 1
    while d > lo and not t.flags[d] & DET and t.low[d].isalpha() and not t.flags[d] & (CUE | PREP) and cue - d < 3:
        d -= 1
    if d <= lo or not t.flags[d] & DET or t.low[d] not in ("a", "an"):
        return None
    found = _parse_left(t, d - 1, lo)
    if found is None:
        return None
    phrase = _phrase(t, text, *found)
    return phrase if phrase.kind in ("name", "body", "group", "role") else None


def _reason_subject(t: _Tokens, text: str, q: int, lo: int) -> _Phrase | None:
    """ "Nissan is planning to halt production because of “logistical challenges.”": the reason in quotation
    marks is the word of the clause's subject, the phrase before its first auxiliary."""
    if q - 2 < lo or (t.low[q - 2], t.low[q - 1]) not in (("because", "of"), ("due", "to")):
        return None
    verb = next((x for x in range(lo + 1, q - 2) if t.low[x] in _AUXILIARIES or t.low[x] == "will"), None)
    if verb is None:
        return None
    found = _parse_left(t, verb, lo)
    if found is None:
        return None
    phrase = _phrase(t, text, *found)
    return phrase if phrase.kind in ("name", "body", "group") else None


# A description of a body with no word of its name: the one the text named last ("the firm", "the team").
GENERIC_BODIES = frozenset({"team", "group", "firm", "company", "agency", "organisation", "organization", "outfit"})


def _document_owner(written: str) -> str | None:
    """ "The Rapid Support Forces' statement": who issued a document named with its owner."""
    folded = written.replace("\u2019", "'")
    for end in _POSSESSIVE_ENDS:
        at = folded.rfind(end)
        if at > 0:
            owner = written[: at + (1 if end == "s' " else 0)].strip()
            for article in ("The ", "the "):
                if owner.startswith(article):
                    owner = owner[len(article) :]
            return owner or None
    # "the campaign statement", "a Kremlin statement": a body's kind, or a name, before the document's noun.
    words = written.split()
    if words and fold(words[0]) in ("the", "a", "an"):
        words = words[1:]
    if len(words) < 2:
        return None
    before = words[:-1]
    if all(w[:1].isupper() for w in before) or (len(before) == 1 and _lexicon().flags.get(fold(before[0]), 0) & BODY):
        return " ".join(before)
    return None


@lru_cache(maxsize=4096)
def _kind_by_words(name: str) -> Literal["body", "group"] | None:
    """The kind a description's last word names, for speakers no registry knows: "credit rating firm" is a body,
    "local officials" a group; a name says nothing."""
    words = fold(name).split()
    if "&" in name:
        return "body"  # "S&P Global Ratings", "Procter & Gamble": no one's name has an ampersand
    if not words or (name[:1].isupper() and len(words) > 1 and not name.split()[-1][:1].islower()):
        return None
    flags = _lexicon().flags.get(words[-1], 0)
    if flags & BODY:
        return "body"
    if flags & GROUP:
        return "group"
    return None


_CREDIT = re.compile(r"(?:^|[.!?] )[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3} ?/ ?[A-Z][\w.'’ -]*$")


def _headline(text: str) -> bool:
    """A line that names no one a pronoun below may mean: a headline, or a photo credit ("Jane Roe/Getty
    Images")."""
    return _credit(text) or _titled_line(text)


def _credit(text: str) -> bool:
    """ "Melissa Sue Gerrits/Getty Images": a photographer's credit, alone or closing a caption."""
    return _CREDIT.search(text.rstrip()) is not None


def _titled_line(text: str) -> bool:
    """A headline line above an item ("Sudan Army Withdraws From El-Fasher, UN Warns of RSF Atrocities"): short,
    no closing full stop, most words capitalised. Its words name no one a pronoun below may mean."""
    words = text.split()
    if not 2 <= len(words) <= 16 or text.rstrip()[-1:] in '.!?\u201d"':
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised * 3 >= len(words) * 2


def _named_thing(text: str, start: int, end: int) -> bool:
    """ "statement number one from the “Fatah Damascus Operations Room.”": after "the", a quotation of capitalised
    words alone is the name of a thing."""
    words = text[start:end].rstrip(".,").split()
    if not 1 <= len(words) <= 6 or not all(w[:1].isupper() for w in words):
        return False
    before = text[:start].rstrip(' \u201c"')
    if len(words) >= 2 and before.lower().endswith((" the", "the")):
        return True
    # "According to the newspaper “Bild”": a body's kind, then its name.
    last = before.rsplit(None, 1)[-1] if before.strip() else ""
    return last.islower() and bool(_lexicon().flags.get(fold(last), 0) & BODY)
