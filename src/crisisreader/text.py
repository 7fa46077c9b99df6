"""Text folding shared by search, diff and speakers: case, accents, quote marks, white space; and the
neutralising of control characters so that briefing text is always shown literally."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Curly and straight marks fold together so that “x”, "x" and ”x” compare equal.
_QUOTE_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
    }
)

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[\w'’]+(?:[.,][\d]+)*", re.UNICODE)

# C0 controls (but newline and tab), DEL and C1 controls become visible pictures or a replacement character,
# and bidirectional overrides are dropped: an escape sequence in a briefing must never reach the terminal.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if code <= 0x9F:
        return "\ufffd"
    return ""


def neutralise(text: str) -> str:
    """Replace control characters and terminal escapes with harmless visible characters."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(_picture, text)


def fold_quotes(text: str) -> str:
    """Curly and straight quote marks and apostrophes alike, dashes as hyphens, the ellipsis as three dots."""
    # ``str.replace`` of the common marks is far cheaper than a translate table over every character; the table
    # is kept for what is left, which in most text is nothing.
    for mark, plain in _COMMON_MARKS:
        if mark in text:
            text = text.replace(mark, plain)
    return text if text.isascii() else text.translate(_QUOTE_FOLD)


def squash_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=4096)
def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Case, accents, quote marks and white space folded: the form search and comparison use.

    Folding never changes the length of ASCII text, but accents and ellipses may; callers that need offsets into
    the original text use :func:`fold_keep_offsets`.
    """
    return squash_space(strip_accents(fold_quotes(text)).casefold())


def _build_fast_table() -> dict[int, str]:
    """Latin letters with accents to their base letter, quote marks and dashes to ASCII: one char for one."""
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        base = "".join(c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c))
        if len(base) == 1 and base != chr(code):
            table[code] = base
    for key, value in _QUOTE_FOLD.items():
        if isinstance(value, str) and len(value) == 1:
            table[key] = value
    return table


_FAST_TABLE = _build_fast_table()


def fold_keep_offsets(text: str) -> str:
    """Fold case, accents and quote marks one character for one, so offsets stay valid in the original.

    The common marks are replaced first (``str.replace`` is fast); only text still not ASCII pays for the
    table; the rare character whose lower case is longer (İ) is left as it is.
    """
    for mark, plain in _COMMON_MARKS:
        if mark in text:
            text = text.replace(mark, plain)
    if not text.isascii():
        text = text.translate(_FAST_TABLE)
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


_COMMON_MARKS = (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2014", "-"), ("\u2013", "-"))


def words(text: str) -> list[str]:
    """The words of a text, folded: what word-level comparison works on."""
    return _WORD.findall(fold(text))
