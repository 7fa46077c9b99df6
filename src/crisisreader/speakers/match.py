"""Finding a speaker from a few typed letters: name parts, roles and aliases, a typo or a transliteration away.

Each word typed must match a word of the speaker's names or role: the same word, the start of one, the same
under the usual transliterations (Zelenskyy, Zelenskiy, Zelensky), or one typo away (a letter added, dropped,
changed, or two swapped: "zelenksy"). A word is never matched from its middle: "vova" is no part of "Sullivan".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from crisisreader.text import fold

# Spellings of one sound across transliterations of Ukrainian and Russian names, and English ones.
_SPELLINGS = (("yy", "y"), ("iy", "y"), ("ii", "y"), ("ij", "y"), ("yi", "y"), ("kh", "h"), ("ck", "k"),
              ("ts", "c"), ("tz", "c"), ("zh", "j"), ("dzh", "j"), ("ph", "f"), ("w", "v"), ("ou", "u"),
              ("ye", "e"), ("yo", "o"), ("yu", "u"), ("ya", "a"))  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")


class Named(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def count(self) -> int: ...

    @property
    def role(self) -> str | None: ...

    @property
    def aliases_seen(self) -> tuple[str, ...]: ...


S = TypeVar("S", bound=Named)


def skeleton(word: str) -> str:
    """A word as it sounds, more or less: the same for the transliterations of one name."""
    for spelled, sound in _SPELLINGS:
        word = word.replace(spelled, sound)
    word = re.sub(r"(.)\1+", r"\1", word)  # doubled letters: Podolyak, Podoliak
    return word[:-1] if len(word) > 3 and word[-1] in "iy" else word


def one_typo(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by at most one letter added, dropped, changed, or two next to each other
    swapped (the optimal string alignment distance is at most 1)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


def word_score(typed: str, word: str) -> float:
    """How well one typed word matches one word of a name (0: not at all)."""
    if typed == word:
        return 4.0
    if word.startswith(typed):
        return 3.0
    if len(typed) < 4:
        return 0.0
    typed_sound, word_sound = skeleton(typed), skeleton(word)
    if typed_sound == word_sound or (len(typed_sound) >= 4 and word_sound.startswith(typed_sound)):
        return 2.5
    if len(typed) >= 5 and (one_typo(typed, word) or one_typo(typed_sound, word_sound)):
        return 2.0
    if len(typed) >= 6 and len(word) > len(typed) and one_typo(typed, word[: len(typed)]):
        return 1.5  # a typo in the start of a longer word: "zelens" for "zelenskyy" is a prefix already
    return 0.0


def score(query: str, names: Iterable[str]) -> float:
    """Every typed word must match some word of the names; the score is the sum of the best matches."""
    typed = _WORD.findall(fold(query))
    if not typed:
        return 0.0
    words = {w for name in names for w in _WORD.findall(fold(name))}
    total = 0.0
    for part in typed:
        best = max((word_score(part, w) for w in words), default=0.0)
        if not best:
            return 0.0
        total += best
    return total


def rank_speakers(query: str, summaries: Sequence[S], aliases: dict[str, tuple[str, ...]]) -> list[S]:
    """The speakers whose names, aliases or role match, best match first, then the most quoted."""
    if not query.strip():
        return list(summaries)
    scored: list[tuple[float, S]] = []
    for summary in summaries:
        names = (summary.name, *aliases.get(summary.name, ()), *summary.aliases_seen, summary.role or "")
        found = score(query, names)
        if found:
            scored.append((found, summary))
    scored.sort(key=lambda pair: (-pair[0], -pair[1].count, pair[1].name))
    return [summary for _, summary in scored]
