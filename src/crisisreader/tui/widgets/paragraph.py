"""One row of the item pane: a paragraph with its quotations highlighted, its diff status, its speakers.

Briefing text always enters as a plain ``Text`` (never markup), so ``[crisis]`` shows as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from rich.text import Text
from textual.widgets import Static

from crisisreader.model import Paragraph, Quote
from crisisreader.render import SPEAKER_STYLE, changes_text, highlighted

if TYPE_CHECKING:
    from crisisreader.diff import ParagraphDiff

RowKind = Literal["fold", "paragraph", "dropped", "note"]

STATUS_LABELS = {
    "repeated": "repeated",
    "edited": "edited",
    "new": "new",
    "dropped": "dropped",
    "carried_over": "carried over",
}


@dataclass(frozen=True, slots=True)
class Row:
    """What one row shows; the pane keeps a list of them and a cursor over it."""

    kind: RowKind
    paragraph: Paragraph | None = None
    quotes: tuple[Quote, ...] = ()
    diff: ParagraphDiff | None = None
    show_status: bool = False
    spans: tuple[tuple[int, int], ...] = ()
    text: str = ""
    bookmarked: bool = False

    @property
    def paragraph_id(self) -> str | None:
        if self.paragraph is not None:
            return self.paragraph.id
        if self.diff is not None:
            return self.diff.id
        return None


def speakers_line(quotes: Sequence[Quote]) -> Text | None:
    names: list[str] = []
    for quote in quotes:
        if quote.kind == "speech" and quote.speaker and quote.speaker not in names:
            names.append(quote.speaker)
    if not names:
        return None
    line = Text("❝ ", style="dim")
    line.append(" · ".join(names), style=SPEAKER_STYLE)
    return line


def render_row(row: Row) -> Text:
    if row.kind in ("fold", "note"):
        return Text(row.text)
    out = Text()
    if row.bookmarked:
        out.append("★ ", style="bold #ffd75f")
    status = row.diff.status if row.diff else None
    if row.show_status and status:
        label = STATUS_LABELS.get(status, status)
        if status == "edited" and row.diff is not None:
            label += f" {row.diff.similarity:.0%}"
        out.append(f" {label} ", style=f"reverse {_STATUS_COLOURS.get(status, '')}")
        out.append(" ")
    if row.kind == "dropped" and row.diff is not None:
        out.append(row.diff.text, style="strike dim")
        return out
    if row.show_status and status == "edited" and row.diff is not None and row.diff.changes:
        out.append_text(changes_text(row.diff.changes))
    elif row.paragraph is not None:
        out.append_text(highlighted(row.paragraph.text, row.quotes, row.spans))
    said = speakers_line(row.quotes)
    if said is not None:
        out.append("\n")
        out.append_text(said)
    return out


_STATUS_COLOURS = {
    "repeated": "#808080",
    "carried_over": "#808080",
    "edited": "#d7af00",
    "new": "#5faf5f",
    "dropped": "#d75f5f",
}


class ParagraphView(Static):
    """A row of the item pane."""

    def __init__(self, row: Row, index: int) -> None:
        classes = f"row -{row.kind}"
        if row.diff is not None and row.show_status:
            classes += f" -status-{row.diff.status}"
        if row.paragraph is not None and row.paragraph.section == "background":
            classes += " -background"
        super().__init__(render_row(row), classes=classes, markup=False)
        self.row = row
        self.index = index

    def render_plain(self) -> str:
        return render_row(self.row).plain
