"""How names compare: folded, accents and punctuation away, surnames, near spellings (Zelenskiy, Zelenskyy)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

from crisisreader.text import fold

_ACRONYM = re.compile(r"^(?:[a-z]\.)+[a-z]?\.?$")


_EDGE_PUNCT = "\"'()[]{},;:!?"


class Normaliser:
    """The form names and roles are compared in: folded, hyphens as spaces, acronyms without periods, one
    spelling per qualifier and office ("Ukraine's" and "Ukrainian", "spokesman" and "spokesperson"), a trailing
    "of Ukraine" moved before the office, no leading article."""

    def __init__(self, qualifiers: Mapping[str, Iterable[str]], synonyms: Mapping[str, str]) -> None:
        self.words: dict[str, str] = {}
        phrases: dict[str, str] = {}
        for normal, variants in qualifiers.items():
            normal_key = self._clean(normal)
            for variant in [normal, *variants]:
                cleaned = self._clean(variant)
                if cleaned == normal_key:
                    continue
                (phrases if " " in cleaned else self.words)[cleaned] = normal_key
        for variant, normal in synonyms.items():
            cleaned, normal_key = self._clean(variant), self._clean(normal)
            if cleaned != normal_key:
                (phrases if " " in cleaned else self.words)[cleaned] = normal_key
        self.qualifiers = frozenset(self._clean(q) for q in qualifiers)
        self._phrases = phrases
        self._phrase_re = (
            re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\b")
            if phrases
            else None
        )
        alternatives = "|".join(re.escape(q) for q in sorted(self.qualifiers, key=len, reverse=True))
        self._of_rule = re.compile(rf"^(.+?) (?:of|to|for) (?:the )?({alternatives})$") if alternatives else None
        self._cache: dict[str, str] = {}

    @staticmethod
    def _clean(text: str) -> str:
        tokens = []
        for raw in fold(text).replace("-", " ").split():
            token = raw.strip(_EDGE_PUNCT)
            if not token:
                continue
            if _ACRONYM.match(token):
                token = token.replace(".", "")
            elif token.endswith(".") and not token.endswith("'s."):
                token = token.rstrip(".")
            tokens.append(token)
        return " ".join(tokens)

    def key(self, text: str) -> str:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        cleaned = self._clean(text)
        if self._phrase_re is not None and " " in cleaned:
            cleaned = self._phrase_re.sub(lambda m: self._phrases[m.group()], cleaned)
        words = [self.words.get(token, token) for token in cleaned.split()]
        while words and words[0] in ("the", "a", "an"):
            words.pop(0)
        result = " ".join(words)
        if self._of_rule is not None and " " in result:
            match = self._of_rule.match(result)
            if match is not None:
                result = f"{match.group(2)} {match.group(1)}"
        if len(self._cache) < 100_000:
            self._cache[text] = result
        return result

    def is_qualifier(self, key: str) -> bool:
        return key in self.qualifiers


_PARTICLES = frozenset(
    {"von", "van", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "la", "le", "al", "el", "bin", "ibn"}
)


def _surname(name: str) -> str | None:
    """The last name of a person's name with its particles: "von der Leyen", "Thomas-Greenfield"."""
    parts = name.split()
    if len(parts) < 2:
        return None
    start = len(parts) - 1
    while start > 1 and parts[start - 1].lower() in _PARTICLES:
        start -= 1
    return " ".join(parts[start:])


@cache
def _near(a: str, b: str) -> bool:
    """Two spellings of one given name: equal, an initial of the other, or a transliteration two edits apart."""
    if a == b:
        return True
    if a[0] != b[0]:
        return False
    if len(a) == 1 or len(b) == 1:
        return True
    if abs(len(a) - len(b)) > 2:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] <= 2
