"""One paragraph without context: its sentences, each read once per distinct text however many paragraphs share it,
and its quotations' cues and speakers as written."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from crisisreader.quotes.attribution import REACH, Window, _after_quote, _attribute, _attribute_in_long, _Local, _moved
from crisisreader.quotes.lexicon import CAP, CORE, CUE, PART, QUOTE
from crisisreader.quotes.marks import _Span, find_spans
from crisisreader.quotes.phrases import _parse_right, _Phrase, _phrase
from crisisreader.quotes.sentences import _STRETCHES, _Cut, _skeleton, _text_offset
from crisisreader.quotes.subjects import _subject_left
from crisisreader.quotes.tokens import _Tokens

_NONE = _Local("none")
_SENTENCE_LIMIT = 100_000  # about 80 MB at most; 10,000 briefings need about a third


class _Sentence:
    """What one sentence of masked text says on its own: the speakers of its quotations, the people it names. A pure
    function of its text, so shared by every paragraph that has it; offsets count from its start.

    Its words are read again when asked for rather than kept: the attributions are worked out once, and the words
    are wanted again only to look back for who "he" is, while thousands of sentences are kept."""

    __slots__ = ("_after", "_locals", "_mentions", "_t", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._t: _Tokens | None = None
        self._locals: tuple[_Local, ...] | None = None
        self._mentions: tuple[_Phrase, ...] | None = None
        self._after: _Local | bool | None = False

    @property
    def t(self) -> _Tokens:
        """The sentence's words, kept once asked for."""
        if self._t is None:
            self._t = _Tokens.of(self.text)
        return self._t

    @property
    def quotes(self) -> tuple[int, ...]:
        """The words that are quotations."""
        return tuple([k for k, flag in enumerate(self.t.flags) if flag & QUOTE])

    def locals(self, following: _Local | None = None) -> tuple[_Local, ...]:
        """The speaker of each quotation as the sentence says it. ``following`` is what the next sentence says when
        it is only an attribution, for quotations the sentence leaves without one (“We will win.” Peskov said.)."""
        if following is None and self._locals is not None:
            return self._locals
        t = self._t or _Tokens.of(self.text)
        found: list[_Local] = []
        previous: _Local | None = None
        seen: dict[Window, _Local] | None = {} if len(t) > 2 * REACH + 1 else None
        for q, flag in enumerate(t.flags):
            if not flag & QUOTE:
                continue
            if seen is None:
                local = _attribute(t, self.text, q, 0, len(t), previous)
            else:
                local = _attribute_in_long(t, self.text, q, previous, seen)
            if following is not None and local.mode in ("continuation", "none"):
                local = following
            found.append(local)
            previous = local if local.phrase is not None else previous
        if following is None:
            self._locals = tuple(found)
            return self._locals
        return tuple(found)

    def after_quote(self) -> _Local | None:
        """The attribution this sentence makes when it follows a quotation and is nothing else."""
        if self._after is False:
            t = self.t
            after: _Local | None = None
            if len(t) and not any(flag & QUOTE for flag in t.flags):
                # The quotation stands just before the sentence, as word -1.
                after = _after_quote(t, self.text, -1, len(t), strict=True)
            self._after = after
        assert self._after is not True
        return self._after

    def mentions(self) -> tuple[_Phrase, ...]:
        """The speakers the sentence names outside its quotations, subjects of a cue first, then in order."""
        if self._mentions is not None:
            return self._mentions
        t = self.t
        text = self.text
        hi = len(t)
        subjects: list[_Phrase] = []
        others: list[_Phrase] = []
        k = 0
        while k < hi:
            flag = t.flags[k]
            if flag & CUE and not flag & (CAP | PART):
                subject = _subject_left(t, text, k, 0)
                if subject is not None and subject[0].kind not in ("document", "pronoun"):
                    subjects.append(subject[0])
            if flag & CORE:
                bounds = _parse_right(t, k, hi)
                if bounds is not None:
                    phrase = _phrase(t, text, *bounds)
                    named = _named_apposition(t, text, phrase, bounds[1], hi)
                    if named is not None:
                        phrase, bounds = named
                    elif k and t.low[k - 1] in ("a", "an"):
                        # "Ukraine is not a member of NATO": someone undefined, whom no "she" later means.
                        phrase = phrase._replace(definite=False)
                    if phrase.kind != "document":
                        others.append(phrase)
                    k = bounds[1]
                    continue
            k += 1
        seen = {p.start for p in subjects}
        self._mentions = tuple(subjects + [p for p in others if p.start not in seen])
        return self._mentions


def _named_apposition(
    t: _Tokens, text: str, phrase: _Phrase, end: int, hi: int
) -> tuple[_Phrase, tuple[int, int]] | None:
    """ "Lithuania's foreign minister, Gabrielius Landsbergis, had sharper words": a role followed by the name of
    its holder between commas is that person, in that role (whom a "he" later in the text means)."""
    if phrase.kind != "role" or end + 1 >= hi or t.low[end] != ",":
        return None
    inner = _parse_right(t, end + 1, hi)
    if inner is None or (inner[1] < hi and t.low[inner[1]] not in (",", ".", ";")):
        return None
    name = _phrase(t, text, *inner)
    if name.kind != "name":
        return None
    return name._replace(role=name.role or phrase.text, definite=phrase.definite), inner


_SENTENCES: dict[str, _Sentence] = {}


def _sentence(text: str) -> _Sentence:
    found = _SENTENCES.get(text)
    if found is None:
        if len(_SENTENCES) >= _SENTENCE_LIMIT:
            _SENTENCES.clear()
        found = _SENTENCES[text] = _Sentence(text)
    return found


class _Analysis:
    """A paragraph's quotations, sentences and local attributions: a pure function of its text. Its sentences are
    cut only when they are needed (always when it has quotations), and read only when asked for.

    A quotation's attribution counts its offsets from the start of the sentence it is in (``span_sentence``);
    :meth:`offset` turns them into offsets in the paragraph's text."""

    __slots__ = ("_cut", "_extras", "_positions", "_sentences", "locals", "span_sentence", "spans", "text")

    def __init__(self, text: str, spans: list[_Span]) -> None:
        self.text = text
        self.spans = spans
        self._cut: _Cut | None = None
        self._sentences: list[_Sentence | None] = []
        self._positions: list[int] = []
        self._extras: list[int] = []
        self.span_sentence: list[int] = []
        self.locals: list[_Local] = []

    @property
    def cut(self) -> _Cut:
        if self._cut is None:
            skeleton, self._positions, self._extras, stops = _skeleton(self.text, self.spans)
            self._cut = _Cut(skeleton, stops)
            self._sentences = [None] * len(self._cut)
        return self._cut

    @property
    def count(self) -> int:
        """How many sentences the paragraph has."""
        return len(self.cut)

    def sentence(self, number: int) -> _Sentence:
        cut = self._cut if self._cut is not None else self.cut
        found = self._sentences[number]
        if found is None:
            found = self._sentences[number] = _sentence(cut.text(number))
        return found

    def mentions(self, sentence: int) -> tuple[_Phrase, ...]:
        return self.sentence(sentence).mentions()

    def offset(self, sentence: int, offset: int) -> int:
        """The offset in the paragraph's text of an offset counted from the start of a sentence."""
        return _text_offset(self._positions, self._extras, self.cut.starts[sentence] + offset)

    def attribute(self) -> None:
        """Each quotation's sentence and what the sentence says of its speaker."""
        cut = self.cut
        starts = cut.starts
        sentences = self._sentences
        if len(self._positions) == len(self.spans):
            numbers = [bisect_right(starts, position) - 1 for position in self._positions]
        else:
            # The text's own masks, or quotations inside quotations: every sentence is looked at.
            numbers = [n for n in range(len(cut)) for _ in self.sentence(n).quotes]
        locals_: list[_Local] = []
        previous = -1
        for number in numbers:
            if number == previous:
                continue
            previous = number
            sentence = sentences[number] or self.sentence(number)
            found = sentence.locals()
            if (
                number in cut.soft
                and number + 1 < len(starts)
                and any(local.mode in ("continuation", "none") for local in found)
            ):
                following = self.sentence(number + 1).after_quote()
                if following is not None:
                    found = sentence.locals(_moved(following, starts[number + 1] - starts[number]))
            locals_ += found
        while len(locals_) < len(self.spans):
            locals_.append(_NONE)
        self.span_sentence = numbers
        self.locals = locals_


# Background paragraphs come back day after day: their analysis is kept, within bounds.
@lru_cache(maxsize=1024)
def _analyse(text: str) -> _Analysis:
    analysis = _Analysis(text, find_spans(text))
    if analysis.spans:
        analysis.attribute()
    return analysis


def _forget() -> None:
    """Drop what is kept of the paragraphs and sentences read: worth its memory only while a corpus is read."""
    _analyse.cache_clear()
    _SENTENCES.clear()
    _STRETCHES.clear()
