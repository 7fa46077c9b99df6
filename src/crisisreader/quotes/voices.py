"""The voice a bare quotation goes on in: the speaker of the nearest sentence before that has one, a headline line
passed over, a document's cue ("the statement noted") taken as its issuer's."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from crisisreader.quotes.lexicon import CAP, CUE, NAMING, PART, PUNCT
from crisisreader.quotes.paragraph import _Analysis
from crisisreader.quotes.phrases import _parse_right, _Phrase, _phrase
from crisisreader.quotes.stance import _headline
from crisisreader.quotes.subjects import _subject_left

if TYPE_CHECKING:
    from crisisreader.quotes.people import _Resolved

# Sentences looked back for a voice, not counting those of headline lines.
_SENTENCES = 3


class _Reading(Protocol):
    said: dict[tuple[int, int], list[_Resolved]]

    def analysis(self, index: int) -> _Analysis: ...

    def _sentences_back(self, pi: int, sentence: int, paragraphs: int) -> Iterable[tuple[int, int]]: ...

    def _resolve(
        self, phrase: _Phrase, role: _Phrase | None, pi: int, sentence: int
    ) -> tuple[_Resolved | None, str | None]: ...


class _Voices:
    """The part of a briefing's reader that finds the voice of the text before a place in it."""

    def _recent_speaker(
        self: _Reading, pi: int, sentence: int, same_paragraph_only: bool, back: int = 1
    ) -> _Resolved | None:
        """The speaker of the nearest sentence before that has one (``back`` paragraphs at most, headline lines
        not counted: a document's, "The statement added", two)."""
        paragraphs = 0 if same_paragraph_only else back
        seen = 0
        for index, s in self._sentences_back(pi, sentence, paragraphs + 2):
            analysis = self.analysis(index)
            if index != pi and _headline(analysis.text):
                paragraphs += 1
                continue
            if pi - index > paragraphs or seen >= _SENTENCES:
                break
            seen += 1
            said = self.said.get((index, s))
            if said:
                return said[-1]
            read = analysis.sentence(s)
            t = read.t
            for k in range(len(t)):
                if t.low[k] == "according" and k + 1 < len(t) and t.low[k + 1] == "to":
                    # "According to Railway spokesperson Amit Rao, the accident ...", then his words alone.
                    found = _parse_right(t, k + 2, len(t))
                    if found is not None:
                        resolved, _ = self._resolve(_phrase(t, read.text, *found), None, index, s)
                        if resolved is not None:
                            return resolved
                    continue
                if t.flags[k] & CUE and not t.flags[k] & (CAP | PART):
                    if t.flags[k] & NAMING and k + 1 < len(t) and t.flags[k + 1] & CAP:
                        continue  # "a small village called Lipno": a name given, no one speaking
                    subject = _subject_left(t, read.text, k, 0)
                    if k > 0 and t.low[k - 1] in ("and", "but"):
                        # "X lives in a small village and tells the BBC ...": the sentence's subject speaks.
                        first = next((x for x in range(k) if not t.flags[x] & PUNCT), k)
                        opening = _parse_right(t, first, k)
                        if opening is not None and _phrase(t, read.text, *opening).kind == "name":
                            subject = (_phrase(t, read.text, *opening), None)
                    if subject is None and k > 0 and t.low[k - 1] == ",":
                        # "Rescue will be hard, said Joe Barbera, a physician.", then his words alone.
                        found = _parse_right(t, k + 1, len(t))
                        if found is not None:
                            subject = (_phrase(t, read.text, *found), None)
                    if subject is not None:
                        # "..., the statement noted": the statement's issuer, found further back.
                        resolved, _ = self._resolve(subject[0], subject[1], index, s)
                        if resolved is not None:
                            return resolved
        return None
