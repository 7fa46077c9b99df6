"""The word lists of data/cues.yaml, read once: speech cues, naming verbs, term markers, role words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from crisisreader.speakers import bundled_data
from crisisreader.text import fold

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
SPEECHNOUN = 1 << 19
THING = 1 << 29
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
    genders: dict[str, str]  # a given name's usual gender, "f" or "m"


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
    mark(_words(data["speech_nouns"]), SPEECHNOUN)
    mark(_words(data["named_things"]), THING)
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
        _genders(data["given_names"]),
    )


def _genders(names: dict[str, list[object]]) -> dict[str, str]:
    genders: dict[str, str] = {}
    for gender, key in (("f", "female"), ("m", "male")):
        for name in _words(names[key]):
            # A name given to both (Sasha) says nothing.
            genders[name] = gender if genders.get(name, gender) == gender else ""
    return {name: gender for name, gender in genders.items() if gender}


_MONTHS = frozenset(
    {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
    | {"january", "february", "march", "april", "june", "july", "august", "september", "october", "november"}
    | {"december"}
)
