"""One paragraph without context: its quotations, their cues and speakers as written, cached by text."""

from __future__ import annotations

from functools import lru_cache

from crisisreader.quotes.lexicon import CAP, CORE, CUE, PART, QUOTE
from crisisreader.quotes.marks import _Span, find_spans
from crisisreader.quotes.sentences import _mask, _parse_right, _Phrase, _phrase, _sentence_bounds, _Tokens
from crisisreader.quotes.speaker import _after_quote, _attribute, _Local, _subject_left


class _Analysis:
    """A paragraph's quotations, words, sentences and local attributions: a pure function of its text. Words and
    sentences of a paragraph without quotations are worked out only if the context needs them."""

    __slots__ = ("_mentions", "_sentences", "_soft", "_t", "locals", "masked", "span_sentence", "span_token",
                 "spans", "text")  # fmt: skip

    def __init__(self, text: str, spans: list[_Span]) -> None:
        self.text = text
        self.spans = spans
        self.masked = _mask(text, spans)
        self._t: _Tokens | None = None
        self._sentences: list[tuple[int, int]] | None = None
        self._soft: set[int] = set()
        self._mentions: dict[int, list[_Phrase]] = {}
        self.span_sentence: list[int] = []
        self.span_token: list[int] = []
        self.locals: list[_Local] = []

    @property
    def t(self) -> _Tokens:
        if self._t is None:
            self._t = _Tokens(self.masked, 0, len(self.masked))
        return self._t

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """Each sentence as a range of token indices."""
        if self._sentences is None:
            self._sentences, self._soft = _sentence_bounds(self.t, self.text, self.spans)
        return self._sentences

    @property
    def soft(self) -> set[int]:
        self.sentences  # noqa: B018 -- worked out with the sentences
        return self._soft

    def mentions(self, sentence: int) -> list[_Phrase]:
        """The speakers a sentence names outside its quotations, subjects of a cue first, then in order."""
        found = self._mentions.get(sentence)
        if found is not None:
            return found
        t = self.t
        lo, hi = self.sentences[sentence]
        subjects: list[_Phrase] = []
        others: list[_Phrase] = []
        k = lo
        while k < hi:
            flag = t.flags[k]
            if flag & CUE and not flag & (CAP | PART):
                subject = _subject_left(t, self.text, k, lo)
                if subject is not None and subject[0].kind not in ("document", "pronoun"):
                    subjects.append(subject[0])
            if flag & CORE:
                bounds = _parse_right(t, k, hi)
                if bounds is not None:
                    phrase = _phrase(t, self.text, *bounds)
                    if phrase.kind != "document":
                        others.append(phrase)
                    k = bounds[1]
                    continue
            k += 1
        seen = {p.start for p in subjects}
        found = subjects + [p for p in others if p.start not in seen]
        self._mentions[sentence] = found
        return found


# Background paragraphs come back day after day: their analysis is kept, within bounds.
@lru_cache(maxsize=1024)
def _analyse(text: str) -> _Analysis:
    spans = find_spans(text)
    analysis = _Analysis(text, spans)
    if not spans:
        return analysis
    t = analysis.t
    sentences = analysis.sentences
    soft = analysis.soft
    quote_tokens = [k for k, flag in enumerate(t.flags) if flag & QUOTE]
    span_sentence: list[int] = []
    sentence = 0
    for k in quote_tokens:
        while sentence + 1 < len(sentences) and sentences[sentence][1] <= k:
            sentence += 1
        span_sentence.append(sentence)
    analysis.span_sentence = span_sentence
    analysis.span_token = quote_tokens
    locals_: list[_Local] = []
    previous: _Local | None = None
    previous_sentence = -1
    for index in range(len(spans)):
        if index >= len(quote_tokens):
            locals_.append(_Local("none"))
            continue
        number = span_sentence[index]
        lo, hi = sentences[number]
        if number != previous_sentence:
            previous = None
        local = _attribute(t, text, quote_tokens[index], lo, hi, previous)
        if local.mode in ("continuation", "none") and number in soft and number + 1 < len(sentences):
            following = _following_attribution(analysis, number + 1)
            if following is not None:
                local = following
        locals_.append(local)
        previous = local if local.phrase is not None else previous
        previous_sentence = number
    analysis.locals = locals_
    return analysis


def _following_attribution(analysis: _Analysis, sentence: int) -> _Local | None:
    """“We will win.” Peskov said. -- the sentence after a quotation that is only its attribution."""
    t = analysis.t
    lo, hi = analysis.sentences[sentence]
    if lo >= hi or any(t.flags[k] & QUOTE for k in range(lo, hi)):
        return None
    # The quotation stands just before the sentence, as token lo - 1.
    return _after_quote(t, analysis.text, lo - 1, hi, strict=True)
