"""Word-level comparison of two paragraphs: folded tokens, matching runs, similarity, and the changes to show."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from crisisreader.diff.result import Change, ChangeOp
from crisisreader.text import fold

# Containment (the share of the shorter paragraph found in the longer) only counts in runs of this many words,
# and only for paragraphs of at least _CONTAIN_MIN_WORDS: a few stray shared words ("said on Monday that") must
# not make a short new item look like a trimmed copy of a long one.
_CONTAIN_RUN = 4
_CONTAIN_MIN_WORDS = 8


def folded_tokens(text: str) -> tuple[list[str], list[str]]:
    """The whitespace-separated words of a text as written, and the same words folded, one for one."""
    raw = text.split()
    folded = fold(text).split()
    if len(folded) != len(raw):
        # Folding may drop or add a space in rare texts (a lone combining accent); fold word by word then.
        folded = [fold(word) or word for word in raw]
    return raw, folded


# A run of equal words: (start in the old words, start in the new words, length), as difflib's matching blocks.
_Block = tuple[int, int, int]


def matching_blocks(old: Sequence[str], new: Sequence[str]) -> list[_Block]:
    """The runs of words two texts share, in order (difflib's alignment), without the closing empty block.

    The common head and tail are taken off first: most edits touch a few words of a long paragraph, and difflib's
    cost grows with what is left to align.
    """
    size_old, size_new = len(old), len(new)
    shorter = min(size_old, size_new)
    head = 0
    while head < shorter and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < shorter - head and old[size_old - 1 - tail] == new[size_new - 1 - tail]:
        tail += 1
    blocks: list[_Block] = [(0, 0, head)] if head else []
    if head < size_old - tail and head < size_new - tail:
        middle = SequenceMatcher(None, old[head : size_old - tail], new[head : size_new - tail], autojunk=False)
        blocks.extend((i + head, j + head, n) for i, j, n in middle.get_matching_blocks() if n)
    if tail:
        blocks.append((size_old - tail, size_new - tail, tail))
    return blocks


def _changes(blocks: list[_Block], old: Sequence[str], new: Sequence[str]) -> tuple[Change, ...]:
    out: list[Change] = []
    i = j = 0
    for start_old, start_new, size in [*blocks, (len(old), len(new), 0)]:
        if i < start_old or j < start_new:
            op: ChangeOp = "replace" if i < start_old and j < start_new else "delete" if i < start_old else "insert"
            out.append(Change(op, " ".join(old[i:start_old]), " ".join(new[j:start_new])))
        if size:
            out.append(
                Change(
                    "equal", " ".join(old[start_old : start_old + size]), " ".join(new[start_new : start_new + size])
                )
            )
        i, j = start_old + size, start_new + size
    return tuple(out)


def word_changes(old: str, new: str) -> tuple[Change, ...]:
    """Word-level runs that turn ``old`` into ``new``, compared folded (case, accents, quote marks) and shown as
    written; equal runs included, so that the new text can be printed inline with its changes marked."""
    old_raw, old_folded = folded_tokens(old)
    new_raw, new_folded = folded_tokens(new)
    return _changes(matching_blocks(old_folded, new_folded), old_raw, new_raw)


def _measure(old: Sequence[str], new: Sequence[str]) -> tuple[float, list[_Block]]:
    """Word similarity: the matched share of both texts, or the share of the shorter found in the longer (in runs),
    whichever is higher, so that a trimmed, extended or split paragraph still scores high."""
    blocks = matching_blocks(old, new)
    total = len(old) + len(new)
    if total == 0:
        return 1.0, blocks
    score = 2.0 * sum(size for _, _, size in blocks) / total
    shorter = min(len(old), len(new))
    if shorter >= _CONTAIN_MIN_WORDS:
        covered = sum(size for _, _, size in blocks if size >= _CONTAIN_RUN)
        score = max(score, covered / shorter)
    return score, blocks


def similarity(old: str, new: str) -> float:
    """The word similarity of two paragraphs, 0 to 1 (1 also when one holds all of the other)."""
    return _measure(folded_tokens(old)[1], folded_tokens(new)[1])[0]
