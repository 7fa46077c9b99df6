"""Quotation marks paired into quotations: curly, straight and mixed marks, apostrophes told apart."""

from __future__ import annotations

import re
from typing import NamedTuple

_MARKS = '"\u201c\u201d\u201e\u201f\u00ab\u00bb'  # double marks of every shape
_DOUBLE_MARK = re.compile(f"[{_MARKS}]")
_SINGLE_MARK = re.compile("['\u2018\u2019]")
# A single mark that may open a quotation: a letter follows, a space, an opening bracket or the text's start precedes.
_SINGLE_OPENER = re.compile(r"['\u2018](?:(?<=[\s(\[{\u2014\u2013\-/:;,\u2026].)|(?<=\A.))(?=[^\W\d_])")
_OPENERS = "\u201c\u201e\u201f\u00ab"  # marks that only ever open, in English: “ „ ‟ «
_BEFORE_OPEN = "([{\u2014\u2013-/:;,\u2026"
_AFTER_CLOSE = ".,;:!?)]}\u2014\u2013-\u2026'\u2019\""
# The common case, whole: each double mark in turn opens (a word follows; a space, an opening bracket or the text's
# start precedes) and closes (a word or punctuation precedes; a space, punctuation or the text's end follows), with
# no other double mark between. When every double mark of a text is in such a pair, pairing by position gives
# exactly these pairs; a mark left alone (matched by the second branch) sends the text the long way.
_PLAIN_PAIR = re.compile(
    rf"[{_MARKS}](?:(?<=[\s(\[{{\u2014\u2013\-/:;,\u2026].)|(?<=\A.))(?=\S)"
    rf"[^{_MARKS}]*"
    rf"(?<=\S)[{_MARKS}](?=[\s.,;:!?)\]}}\u2014\u2013\-\u2026'\u2019\"]|\Z)"
    rf"|[{_MARKS}]"
)


class _Span(NamedTuple):
    """One quotation in a paragraph: marks at ``open``/``close`` (``close`` is the text's length when the
    quotation is left open), the quoted words at ``start``/``end``. A tuple, as one is made for every quotation of
    a corpus and tuples are made fastest."""

    open: int
    close: int
    start: int
    end: int
    closed: bool


def _context(text: str, i: int) -> tuple[bool, bool]:
    """Whether the mark at ``i`` can open (a word follows, a space or an opening bracket precedes) and whether it
    can close (a word or punctuation precedes, a space or punctuation follows)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    can_open = not after.isspace() and (before.isspace() or before in _BEFORE_OPEN or i == 0)
    can_close = not before.isspace() and (after.isspace() or after in _AFTER_CLOSE or i + 1 == len(text))
    return can_open, can_close


def find_spans(text: str) -> list[_Span]:
    """Pair the quotation marks of one paragraph.

    Double marks of any shape pair by position, so a straight opening may close with a curly mark and a text that
    opens with ” still pairs; a curly opening inside a quotation nests; single marks inside double ones are
    words of the quotation. Single quotation marks outside double ones pair only at word edges, so that
    apostrophes (Ukraine’s, O’Brien, wouldn't) never make a quotation.
    """
    spans: list[_Span] = []
    for match in _PLAIN_PAIR.finditer(text):
        a, b = match.span()
        if b - a == 1:
            spans = _pair_double(text)
            break
        if b - a > 2:
            spans.append(_Span(a, b - 1, a + 1, b - 1, True))
    if ("'" in text or "\u2018" in text) and _SINGLE_OPENER.search(text) is not None:
        spans = _add_single(text, spans)
    return spans


def _pair_double(text: str) -> list[_Span]:
    spans: list[_Span] = []
    opened = -1
    depth = 0
    for match in _DOUBLE_MARK.finditer(text):
        i = match.start()
        char = text[i]
        can_open, can_close = _context(text, i)
        if opened < 0:
            if can_open or (char in _OPENERS and not can_close) or _spaced_opening(text, i):
                opened = i
            continue
        if char in _OPENERS and can_open and not can_close:
            depth += 1
        elif can_close or (char not in _OPENERS and not can_open):
            if depth:
                depth -= 1
            else:
                _append(spans, text, opened, i, True)
                opened = -1
        elif can_open:
            depth += 1
    if opened >= 0:
        _append(spans, text, opened, len(text), False)
    return spans


def _spaced_opening(text: str, i: int) -> bool:
    """ "” We will neither forgive ...”": in copies that moved the spaces, a closing mark alone between spaces (or
    first in the text) before a word opens the quotation."""
    return (
        text[i] == "\u201d"
        and (i == 0 or text[i - 1].isspace())
        and text[i + 1 : i + 2] == " "
        and text[i + 2 : i + 3].isalpha()
    )


def _append(spans: list[_Span], text: str, opened: int, close: int, closed: bool) -> None:
    start, end = opened + 1, close
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(_Span(opened, close, start, end, closed))


def _add_single(text: str, spans: list[_Span]) -> list[_Span]:
    """Single-quoted quotations outside double ones (British style): an opening mark at a word start paired with
    the next closing mark at a word end."""
    taken = [(s.open, s.close) for s in spans]
    found: list[_Span] = []
    opened = -1
    for match in _SINGLE_MARK.finditer(text):
        i = match.start()
        if any(a <= i <= b for a, b in taken):
            continue
        char = text[i]
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if opened < 0:
            if char != "\u2019" and after.isalpha() and (before.isspace() or before in _BEFORE_OPEN or i == 0):
                opened = i
            continue
        if char != "\u2018" and not before.isspace() and not after.isalnum():
            _append(found, text, opened, i, True)
            opened = -1
    if not found:
        return spans
    return sorted([*spans, *found], key=lambda s: s.open)
