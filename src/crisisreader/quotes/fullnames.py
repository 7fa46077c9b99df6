"""A surname read alone given the full name the briefing gives it ("Arestovych" -> "Oleksiy Arestovych"), or the
full name of a family name written first ("Qin Gang", then "Mr. Qin")."""

from __future__ import annotations

import re

from crisisreader.model import Paragraph
from crisisreader.quotes.lexicon import _NOUNS, CUE, DET, MOD, NOTNAME, PREP, _lexicon
from crisisreader.quotes.tokens import _low
from crisisreader.speakers import Registry
from crisisreader.text import fold


class _FullNames:
    """The part of a briefing's reader that finds full names in its paragraphs (see ``people._Memory``)."""

    registry: Registry
    paragraphs: tuple[Paragraph, ...]
    full_names: dict[str, str | None]

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
        if found is None and fold(surname) not in _lexicon().genders:
            # A given name alone ("a miner named Volodymyr") is not the family name of a Volodymyr Zelensky.
            found = self._surname_first(surname)
        if found is None:
            found = self._given_first(surname)
        self.full_names[surname] = found
        return found

    def _given_first(self, given: str) -> str | None:
        """A given name alone ("José Ortega", then "José explained"): the one full name the briefing gives it, unless
        it also names someone by the given name alone ("a miner named Volodymyr")."""
        names: set[str] = set()
        alone = re.compile(rf"\b(?:named|called|known as)\s+{re.escape(given)}\b")
        if given.isupper() or not given[:1].isupper():
            return None
        if self.registry.lookup(given) is not None or self.registry.is_qualifier(given):
            return None  # "Israel", then "Israel Katz": a country's name, not a given name
        # The full name as a person's: a cue after it ("José Ortega recounted") or a person's apposition.
        pattern = re.compile(rf"\b{re.escape(given)}\s+([A-Z][\w\u2019'\-]+)(?=,\s+(?:a|an|who)\s|\s+([a-z]+)\b)")
        for paragraph in self.paragraphs:
            if given not in paragraph.text:
                continue
            if alone.search(paragraph.text):
                return None
            for match in pattern.finditer(paragraph.text):
                if match.group(2) is not None and not _lexicon().flags.get(match.group(2), 0) & CUE:
                    continue
                low = _low(match.group(1))
                lexicon = _lexicon()
                if lexicon.flags.get(low, 0) & (_NOUNS | MOD | NOTNAME | CUE | DET | PREP) or low in lexicon.genders:
                    continue
                if self.registry.lookup(match.group(1)) is not None:
                    continue  # "Volodymyr Zelensky" is the registry's, not this page's given name
                names.add(match.group(0))
        return self.registry.learn(names.pop()) if len(names) == 1 else None

    def _surname_first(self, surname: str) -> str | None:
        """A family name written first ("Qin Gang", then "Mr. Qin"): the full name the briefing gives it, when it
        is already known as one person's name (learnt from a speaker or mention read before, or the registry's)."""
        pattern = re.compile(rf"\b{re.escape(surname)}\s+([A-Z][\w\u2019'\-]+)\b")
        for paragraph in self.paragraphs:
            if surname not in paragraph.text:
                continue
            for match in pattern.finditer(paragraph.text):
                known = self.registry.lookup(match.group(0))
                if known is not None and self.registry.kind(known) in (None, "person"):
                    return known
                if known is None and _HYPHENED_GIVEN.fullmatch(match.group(1)):
                    # "Tsai Ing-wen", then "Tsai said": a given name of two syllables joined, written second.
                    return self.registry.learn(match.group(0))
        return None


_HYPHENED_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")
