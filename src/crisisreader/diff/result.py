"""What a day-over-day comparison finds: each paragraph's status and word changes, and the day's counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from crisisreader.counts import plural
from crisisreader.model import Briefing, Section

# Word similarity from which a paragraph counts as an edit of another rather than new. At 0.65 a paragraph that
# kept two of its three sentences is still edited, while two items on the same story (same names, same verbs,
# different news) stay well apart: on the seeds the closest unrelated pair scores 0.2.
DEFAULT_THRESHOLD = 0.65

Status = Literal["repeated", "edited", "new", "dropped", "carried_over"]
ChangeOp = Literal["equal", "delete", "insert", "replace"]


@dataclass(frozen=True, slots=True)
class Change:
    """One run of the word-level difference: the old and new words as the texts have them (punctuation kept)."""

    op: ChangeOp
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class ParagraphDiff:
    """What became of one paragraph: its status, the paragraph it came from, and its word changes if edited.

    ``sources`` names every old paragraph the text came from: one for a repeat or an edit, two or more when
    paragraphs were merged into this one.
    """

    id: str
    section: Section
    status: Status
    text: str
    previous: str | None
    similarity: float
    changes: tuple[Change, ...]
    sources: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "section": self.section,
            "status": self.status,
            "text": self.text,
            "previous": self.previous,
            "similarity": round(self.similarity, 3),
            "changes": [{"op": c.op, "old": c.old, "new": c.new} for c in self.changes],
            "sources": list(self.sources),
        }


@dataclass(frozen=True, slots=True)
class DayDiff:
    """One briefing against a base briefing (None for the first of a series) and, for items, all before it.

    ``paragraphs`` holds the target's background, then the base's dropped background paragraphs, then the items.
    """

    series: str
    base: Briefing | None
    target: Briefing
    paragraphs: tuple[ParagraphDiff, ...]

    def count(self, section: Section, status: Status) -> int:
        return sum(1 for p in self.paragraphs if p.section == section and p.status == status)

    def status_of(self, paragraph_id: str) -> ParagraphDiff | None:
        for paragraph in self.paragraphs:
            if paragraph.id == paragraph_id:
                return paragraph
        return None

    def to_json(self) -> dict[str, object]:
        return {
            "series": self.series,
            "from": self.base.date.isoformat() if self.base is not None else None,
            "to": self.target.date.isoformat(),
            "from_key": self.base.key if self.base is not None else None,
            "to_key": self.target.key,
            "background": {s: self.count("background", s) for s in ("repeated", "edited", "new", "dropped")},
            "items": {s: self.count("item", s) for s in ("new", "carried_over", "edited")},
            "paragraphs": [p.to_json() for p in self.paragraphs],
        }

    def summary(self) -> str:
        """One line for the folded background: how much of it is unchanged, and what changed."""
        background = [p for p in self.paragraphs if p.section == "background"]
        if not background:
            return "no background"
        if self.base is None:
            return f"{_count(len(background), 'background paragraph')}, no earlier briefing"
        since = f"since {self.base.date.isoformat()}"
        repeated = sum(1 for p in background if p.status == "repeated")
        if repeated == len(background):
            return f"{_count(repeated, 'background paragraph')} unchanged {since}"
        parts: list[str] = []
        if repeated:
            parts.append(f"{repeated:,} unchanged")
        edited = [p for p in background if p.status == "edited"]
        if edited:
            shown = [_change_snippet(c) for p in edited for c in p.changes if c.op != "equal"]
            what = "; ".join(shown[:2]) + ("; …" if len(shown) > 2 else "")
            parts.append(f"{len(edited):,} edited" + (f": {what}" if what else ""))
        for status in ("new", "dropped"):
            n = sum(1 for p in background if p.status == status)
            if n:
                parts.append(f"{n:,} {status}")
        return f"{', '.join(parts)} {since}"


def _count(n: int, noun: str) -> str:
    return plural(n, noun)


def _change_snippet(change: Change) -> str:
    old, new = _shorten(change.old), _shorten(change.new)
    if change.op == "insert":
        return f"+{new}"
    if change.op == "delete":
        return f"-{old}"
    return f"{old} -> {new}"


def _shorten(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
