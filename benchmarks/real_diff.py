"""The diff's short-line rule measured on the real set: on each consecutive pair of pages of a series, every short
line of the later page that says what a line of the earlier one said but for numbers, dates, times or one name
should be ``edited`` (with the changed words), not ``new``.

The cases are found here with a rule of our own, independent of crisisreader's: two lines of at most
``SHORT`` characters whose word sequences, with numbers, dates and times taken out, differ in nothing or in one
capitalised word (or two, a first name and a surname) on each side.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from crisisreader.diff import diff_briefings
from crisisreader.parse import parse_text

SHORT = 80
_WORD = re.compile(r"\d[\d:.,]*(?:\s?[ap]\.?m\.?)?|[^\W\d_][\w'’.-]*", re.IGNORECASE)
_MONTHS = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july",
    "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip
_TIME_WORDS = {"a.m.", "p.m.", "am", "pm", "et", "edt", "est", "gmt", "utc", "bst", "à"}


class _Page(Protocol):
    id: str
    file: str
    date: str
    outlet: str
    series: str | None


def _variable(word: str) -> bool:
    w = word.lower().rstrip(".,")
    return any(c.isdigit() for c in w) or w in _MONTHS or w.rstrip(".") in _MONTHS or w in _TIME_WORDS


def same_but_variable(old: str, new: str) -> bool:
    """Whether two short lines differ only in numbers, dates and times, or in one name, and differ at all."""
    if old == new or len(old) > SHORT or len(new) > SHORT:
        return False
    a = [w for w in _WORD.findall(old) if not _variable(w)]
    b = [w for w in _WORD.findall(new) if not _variable(w)]
    if not a and not b:
        # A dateline or a time stamp: all of it is numbers, dates and times.
        return len(_WORD.findall(old)) == len(_WORD.findall(new))
    if not a or not b:
        return False
    changed_a: list[str] = []
    changed_b: list[str] = []
    matcher = difflib.SequenceMatcher(None, [w.lower() for w in a], [w.lower() for w in b])
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            changed_a += a[i1:i2]
            changed_b += b[j1:j2]
    named = all(w[:1].isupper() or w.lower() == "and" for w in changed_a + changed_b)
    names = [w for w in changed_a + changed_b if w.lower() != "and"]
    return named and len(changed_a) <= 2 and len(changed_b) <= 2 and len(names) <= 2 and len(a) >= len(changed_a) + 1


def short_line_cases(pages: Sequence[_Page], root: Path) -> dict[str, Any]:
    series: dict[str, list[_Page]] = {}
    for page in pages:
        if page.series:
            series.setdefault(page.series, []).append(page)
    pairs = cases = edited = 0
    failures: list[dict[str, Any]] = []
    for name, members in sorted(series.items()):
        members = sorted(members, key=lambda p: (p.date, p.id))
        briefings = []
        for page in members:
            found, _ = parse_text((root / page.file).read_text(encoding="utf-8"), page.file, name)
            briefings.append((page, found[0]))
        for (_, base), (page, target) in itertools.pairwise(briefings):
            pairs += 1
            diff = diff_briefings(base, target)
            olds = [p.text for p in base.paragraphs]
            for paragraph in target.paragraphs:
                if paragraph.text in olds or not any(same_but_variable(o, paragraph.text) for o in olds):
                    continue
                cases += 1
                got = diff.status_of(paragraph.id)
                if got is not None and got.status == "edited" and got.changes:
                    edited += 1
                else:
                    failures.append(
                        {"page": page.id, "paragraph": paragraph.index, "status": None if got is None else got.status}
                    )
    pct = round(100.0 * edited / cases, 1) if cases else None
    return {"pairs": pairs, "cases": cases, "edited": edited, "pct": pct, "failures": failures}
