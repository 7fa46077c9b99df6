"""Short lines that keep their frame: a dateline, "Updated 7:03 a.m. ET", "31 Posts", "Day 31", a byline that loses
a name, a title "... List of key events, day N". Their words are the same but for numbers, dates, times or one
name, so the day's line is an edit of the day before's, however few of its words it keeps.

Word similarity alone calls such a line new: "17 June 2025 at 23:44" and "18 June 2025 at 17:35" share half their
words, below any threshold that keeps two items on one story apart.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from crisisreader.text import fold

# A line this short (characters, words) is a line of the page's frame, not a paragraph of news.
SHORT_CHARS = 100
SHORT_WORDS = 14
# At most this many words of a name may change: a first name and a surname.
_NAME_WORDS = 2

_WORD = re.compile(r"[^\W_][\w'.:/-]*")
_MONTH_WORDS = (
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october nov "
    "november dec december janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre "
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun"
)
_TIME_WORDS = "a.m. p.m. am pm et edt est pdt pst gmt utc bst cet cest eet eest msk ist"
_MONTHS = frozenset(_MONTH_WORDS.split())
_TIMES = frozenset(_TIME_WORDS.split())
_JOINERS = frozenset({"and", "&"})


def is_short(text: str) -> bool:
    return len(text) <= SHORT_CHARS and len(text.split()) <= SHORT_WORDS


def _variable(word: str) -> bool:
    """A number, a date or a time: what a frame line changes from one day to the next."""
    w = word.rstrip(".:")
    return any(c.isdigit() for c in w) or w in _MONTHS or word in _TIMES or w in _TIMES


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of a short line as written and folded, punctuation taken off."""
    raw = tuple(_WORD.findall(text))
    return raw, tuple(fold(w).lower() for w in raw)


def shape(text: str) -> str:
    """The line with its numbers, dates and times masked: the same for "Day 31" and "Day 32"."""
    return " ".join("#" if _variable(w) else w for w in _words(text)[1])


def same_frame(old: str, new: str) -> bool:
    """Whether two different short lines say the same but for numbers, dates, times or one name."""
    if old == new or not (is_short(old) and is_short(new)):
        return False
    old_raw, old_low = _words(old)
    new_raw, new_low = _words(new)
    if not old_low or not new_low:
        return False
    a = ["#" if _variable(w) else w for w in old_low]
    b = ["#" if _variable(w) else w for w in new_low]
    if a == b:
        return old_low != new_low or old_raw != new_raw
    fixed = [w for w in a if w != "#"]
    changed: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if i1 == 0 or j1 == 0:
            return False  # a first word is capitalised as the line's start, not as a name: "Morning edition."
        words = [*old_raw[i1:i2], *new_raw[j1:j2]]
        if any(not (w[:1].isupper() or w.lower() in _JOINERS or _variable(w.lower())) for w in words):
            return False
        changed += [w for w in words if w[:1].isupper()]
    names_old = [w for w in changed if w in old_raw]
    names_new = [w for w in changed if w in new_raw]
    kept = sum(1 for w in fixed if w in b)
    return len(changed) > 0 and len(names_old) <= _NAME_WORDS and len(names_new) <= _NAME_WORDS and kept >= 1
