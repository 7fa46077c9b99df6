"""A day's diff as plain values (tuples, strings, numbers) and back: what the analysis cache stores and what the
diff helper process sends back. Texts the briefings themselves hold are left out and found again by id."""

from __future__ import annotations

from crisisreader.diff.result import Change, DayDiff, ParagraphDiff
from crisisreader.model import Briefing, Corpus

# A paragraph's diff: id, section, status, text (None: the paragraph's own), previous, similarity, the changes as
# flat (op, old, new) runs, sources.
RawParagraphDiff = tuple[str, str, str, str | None, str | None, float, tuple[str, ...], tuple[str, ...]]
# The base briefing's key (None for the first of a series) and the paragraphs.
RawDiff = tuple[str | None, list[RawParagraphDiff]]


def to_plain(diff: DayDiff) -> RawDiff:
    own = {p.id: p.text for p in diff.target.paragraphs}
    if diff.base is not None:
        own.update((p.id, p.text) for p in diff.base.paragraphs)
    return (
        diff.base.key if diff.base is not None else None,
        [
            (
                p.id,
                p.section,
                p.status,
                None if own.get(p.id) == p.text else p.text,
                p.previous,
                p.similarity,
                tuple(part for c in p.changes for part in (c.op, c.old, c.new)),
                p.sources,
            )
            for p in diff.paragraphs
        ],
    )


def from_plain(corpus: Corpus, target: Briefing, raw: RawDiff) -> DayDiff:
    base_key, paragraphs = raw
    base = corpus.briefing(base_key) if base_key is not None else None
    if base_key is not None and base is None:
        raise KeyError(base_key)
    own = {p.id: p.text for p in target.paragraphs}
    if base is not None:
        own.update((p.id, p.text) for p in base.paragraphs)
    out = []
    for pid, section, status, text, previous, similarity, flat, sources in paragraphs:
        changes = tuple(Change(flat[i], flat[i + 1], flat[i + 2]) for i in range(0, len(flat), 3))  # type: ignore[arg-type]
        out.append(
            ParagraphDiff(
                pid,
                section,  # type: ignore[arg-type]
                status,  # type: ignore[arg-type]
                own[pid] if text is None else text,
                previous,
                similarity,
                changes,
                tuple(sources),
            )
        )
    return DayDiff(target.series, base, target, tuple(out))
