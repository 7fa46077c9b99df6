"""The item pane: one day's heading, its background folded into a line that says what changed, its items.

The pane keeps a cursor over its rows (``j``/``k``); Enter on the folded background unfolds it. In the diff
view every paragraph carries its status against the base day, and dropped paragraphs are listed at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from crisisreader.counts import plural
from crisisreader.model import Briefing, Quote
from crisisreader.sources.library import origin_of
from crisisreader.text import neutralise
from crisisreader.tui.history import Place
from crisisreader.tui.keymap import Planned
from crisisreader.tui.widgets.paragraph import ParagraphView, Row, render_row

if TYPE_CHECKING:
    from crisisreader.diff import DayDiff

HIDDEN_WHEN_ONLY_NEW = frozenset({"repeated", "carried_over"})
# Rows mounted with the day (more than a tall terminal shows), then after each refresh until all are.
FIRST_ROWS = 40
MORE_ROWS = 60


@dataclass(frozen=True, slots=True)
class DayContent:
    """Everything the pane needs to show a day; the screen builds it from the core."""

    briefing: Briefing
    quotes: tuple[Quote, ...] = ()
    diff: DayDiff | None = None
    diff_mode: bool = False
    only_new: bool = False
    background_open: bool = False
    analysed: bool = True
    spans: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = ()
    bookmarked: frozenset[str] = frozenset()


def build_rows(content: DayContent) -> list[Row]:
    """The rows of a day, in reading order, for the modes chosen."""
    briefing, diff = content.briefing, content.diff
    quotes_by_id: dict[str, list[Quote]] = {}
    for quote in content.quotes:
        quotes_by_id.setdefault(quote.paragraph, []).append(quote)
    spans = dict(content.spans)

    def row(paragraph_id: str, show_status: bool) -> Row:
        paragraph = next(p for p in briefing.paragraphs if p.id == paragraph_id)
        status = diff.status_of(paragraph_id) if diff is not None else None
        return Row(
            "paragraph",
            paragraph,
            tuple(quotes_by_id.get(paragraph_id, ())),
            status,
            show_status,
            spans.get(paragraph_id, ()),
            bookmarked=paragraph_id in content.bookmarked,
        )

    def hidden(paragraph_id: str) -> bool:
        if not content.only_new or diff is None:
            return False
        status = diff.status_of(paragraph_id)
        return status is not None and status.status in HIDDEN_WHEN_ONLY_NEW and paragraph_id not in spans

    rows: list[Row] = []
    if content.diff_mode:
        base = diff.base.date.isoformat() if diff is not None and diff.base is not None else None
        note = f"Compared with {base}" if base else "The first day of its series: everything is new"
        if not content.analysed:
            note = "Working out what changed…"
        rows.append(Row("note", text=note))
        rows += [row(p.id, True) for p in briefing.paragraphs]
        if diff is not None:
            rows += [Row("dropped", diff=d, show_status=True) for d in diff.paragraphs if d.status == "dropped"]
        return rows
    if briefing.background:
        # Unfolding shows the whole background, repeats included: that is what the user asked to see.
        opened = content.background_open or any(p.id in spans for p in briefing.background)
        rows.append(Row("fold", text=_fold_line(content, opened)))
        if opened:
            rows += [row(p.id, False) for p in briefing.background]
    shown = [p for p in briefing.items if not hidden(p.id)]
    rows += [row(p.id, False) for p in shown]
    dropped = len(briefing.items) - len(shown)
    if dropped:
        rows.append(Row("note", text=f"{plural(dropped, 'item')} carried over from earlier days "
                        "hidden: o shows everything"))  # fmt: skip
    if not briefing.paragraphs:
        rows.append(Row("note", text="This briefing has no text."))
    return rows


def _fold_line(content: DayContent, opened: bool) -> str:
    marker = "▾" if opened else "▸"
    count = len(content.briefing.background)
    if content.diff is not None:
        summary = content.diff.summary()
    elif not content.analysed:
        summary = f"{plural(count, 'background paragraph')} (working out what changed…)"
    else:
        summary = plural(count, "background paragraph")
    action = "Enter folds" if opened else "Enter unfolds"
    return f"{marker} {summary}  ({action})"


class DayView(VerticalScroll, Planned, can_focus=True, inherit_bindings=False):
    """The selected day's heading and rows, with a cursor (the container's own scroll keys left out: the cursor
    moves, and the keys a config takes are then free of hidden bindings in the pane)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor(1)", "Next paragraph", show=False, id="pane.down", tooltip="Move to the next row"),
        Binding("k,up", "cursor(-1)", "Previous paragraph", show=False, id="pane.up", tooltip="Move up a row"),
        Binding("enter", "activate", "Unfold", show=False, id="pane.unfold", tooltip="Unfold or fold the background"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="pane.page_up", tooltip="The cursor a page up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="pane.page_down", tooltip="The cursor a page down"),
        Binding("ctrl+u", "page(-0.5)", "Half up", show=False, id="pane.half_up", tooltip="The cursor half a page up"),
        Binding("ctrl+d", "page(0.5)", "Half down", show=False, id="pane.half_down", tooltip="Half a page down"),
        Binding("home", "cursor_to(0)", "Top", show=False, id="pane.top", tooltip="The first row"),
        Binding("end", "cursor_to(-1)", "Bottom", show=False, id="pane.bottom", tooltip="The last row"),
    ]

    cursor: reactive[int] = reactive(0, init=False)

    class FoldToggled(Message):
        """The user asked to fold or unfold the background."""

    class RowFocused(Message):
        """The cursor moved to a row (the screen offers bookmark and copy on it)."""

        def __init__(self, row: Row) -> None:
            super().__init__()
            self.row = row

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.content: DayContent | None = None
        self.rows: list[Row] = []
        # The paragraph whose quotations are being copied, and the last one copied.
        self._copied: tuple[str | None, int] = (None, -1)
        # The rows' widgets mounted so far, by row number (a long day's are mounted a screenful at a time).
        self._views: list[ParagraphView] = []

    def show(self, content: DayContent, focus_paragraph: str | None = None, keep_cursor: bool = False) -> None:
        """Show a day: rebuild the rows; put the cursor on ``focus_paragraph`` when given."""
        previous = self.rows[self.cursor].paragraph_id if keep_cursor and self.rows else None
        scroll_y = self.scroll_y
        self.content = content
        self.rows = build_rows(content)
        self.remove_children()
        heading = Static(_heading(content.briefing), classes="heading", markup=False)
        self.mount(heading)
        target = focus_paragraph or previous
        index = next((i for i, r in enumerate(self.rows) if target and r.paragraph_id == target), None)
        if index is None:
            index = 0 if keep_cursor is False else min(self.cursor, max(0, len(self.rows) - 1))
        self._views = []
        # What the screen shows first (and the row the cursor goes to) at once; the rest of a long day a
        # screenful after each refresh, so that a day of 500 paragraphs is on screen as soon as a short one.
        self.set_reactive(DayView.cursor, index)
        self._mount_rows(content, max(FIRST_ROWS, index + FIRST_ROWS))
        # The same day shown again (new analysis, a file changed) stays where the reader had scrolled to.
        self.call_after_refresh(
            self._place_row_cursor, index, focus_paragraph is not None, scroll_y if keep_cursor else 0
        )

    def _mount_rows(self, content: DayContent, count: int) -> None:
        if self.content is not content:
            return  # another day was shown meanwhile
        start = len(self._views)
        views = [ParagraphView(row, i) for i, row in enumerate(self.rows[start : start + count], start)]
        if start <= self.cursor < start + len(views):
            # The cursor went further than the rows mounted so far (End as the day opened): its row is marked.
            views[self.cursor - start].add_class("-cursor")
        self._views += views
        self.mount_all(views)
        if len(self._views) < len(self.rows):
            self.call_after_refresh(self._mount_rows, content, MORE_ROWS)
        elif content.briefing.footer:
            self.mount(Static(Text(content.briefing.footer), classes="footer-credit", markup=False))

    @property
    def all_mounted(self) -> bool:
        """Whether every row of the day has its widget (a long day's come over a few refreshes)."""
        return len(self._views) == len(self.rows)

    def _place_row_cursor(self, index: int, center: bool, scroll_y: float, tries: int = 20) -> None:
        views = [view for view in self._views if view.is_mounted]
        if tries and (len(views) <= min(index, len(self.rows) - 1) or any(not view.region.height for view in views)):
            # The new rows are mounted and laid out over the next refreshes (later still when the screen was just
            # brought back from quotes or search): scrolling before then would scroll to a row with no place yet.
            self.call_after_refresh(self._place_row_cursor, index, center, scroll_y, tries - 1)
            return
        for view in views:
            # The cursor may have moved on since the day was shown (a key pressed as it opened).
            view.set_class(view.index == self.cursor, "-cursor")
        if center:
            self._scroll_to_row(index, center=True)
        else:
            self.scroll_to(y=scroll_y, animate=False)

    def _scroll_to_row(self, index: int, center: bool = False) -> None:
        if 0 <= index < len(self._views):
            self.scroll_to_widget(self._views[index], animate=False, center=center)

    def watch_cursor(self, cursor: int) -> None:
        for view in self.query(".-cursor").results(ParagraphView):
            view.remove_class("-cursor")
        if 0 <= cursor < len(self._views):
            self._views[cursor].add_class("-cursor")
        self._scroll_to_row(cursor)
        if 0 <= cursor < len(self.rows):
            self.post_message(self.RowFocused(self.rows[cursor]))

    def action_cursor(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))

    def go_to(self, index: int) -> None:
        """The cursor to a row far from the one it is on (the next search match): the row in the middle."""
        if 0 <= index < len(self.rows):
            self.cursor = index
            self._scroll_to_row(index, center=True)

    def action_page(self, pages: float) -> None:
        """Move the cursor by a share of the pane's height: to the row that far from the one under it."""
        views = self._views
        if not views or not self.rows:
            return
        here = views[min(self.cursor, len(views) - 1)].virtual_region.y
        target = here + int(pages * max(1, self.size.height))
        rows = [view.virtual_region.y for view in views]
        index = next((i for i, y in enumerate(rows) if y >= target), len(rows) - 1) if pages > 0 else 0
        if pages < 0:
            index = max((i for i, y in enumerate(rows) if y <= target), default=0)
        if index == self.cursor:
            index = max(0, min(len(self.rows) - 1, self.cursor + (1 if pages > 0 else -1)))
        self.cursor = index

    def action_cursor_to(self, index: int) -> None:
        if self.rows:
            self.cursor = index % len(self.rows)

    def action_activate(self) -> None:
        if self.rows and self.rows[self.cursor].kind == "fold":
            self.post_message(self.FoldToggled())

    @property
    def current_row(self) -> Row | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def place(self) -> Place | None:
        """The day shown and the paragraph under the cursor: where a jump leaves from, for the way back."""
        if self.content is None:
            return None
        row = self.current_row
        return Place(self.content.briefing.key, row.paragraph.id if row is not None and row.paragraph else None)

    def next_quote(self) -> Quote | None:
        """The spoken quotation of the row under the cursor to copy: the first, then the next at each asking,
        round again after the last; None when the row has none."""
        row = self.current_row
        quotes = [q for q in (row.quotes if row else ()) if q.kind == "speech"]
        if row is None or not quotes:
            return None
        last = self._copied[1] if self._copied[0] == row.paragraph_id else -1
        index = (last + 1) % len(quotes)
        self._copied = (row.paragraph_id, index)
        return quotes[index]

    def why_no_quote(self) -> str:
        """What to tell a reader who asked to copy a quotation where the cursor has none."""
        row = self.current_row
        if row is not None and row.kind == "fold":
            return "Unfold the background (Enter) to copy its quotations."
        return "No quotation in this paragraph."

    def row_texts(self) -> Sequence[str]:
        """The plain text of each row: what tests and the copy command read."""
        return [render_row(row).plain for row in self.rows]

    def on_click(self, event: object) -> None:
        widget = getattr(event, "widget", None)
        while widget is not None and not isinstance(widget, ParagraphView):
            widget = widget.parent if widget is not self else None
        if isinstance(widget, ParagraphView):
            if self.cursor == widget.index and widget.row.kind == "fold":
                self.post_message(self.FoldToggled())
            self.cursor = widget.index


def _heading(briefing: Briefing) -> Text:
    text = Text(briefing.date.strftime("%A %d %B %Y"), style="bold")
    text.append(f"  {briefing.series}", style="dim")
    if briefing.edition > 1:
        text.append(f"  edition {briefing.edition}", style="dim")
    origin = origin_of(briefing.path)
    if origin and origin.get("url"):
        text.append("\nfrom ", style="dim")
        text.append(neutralise(str(origin["url"])), style="dim underline")
        if origin.get("fetched_at"):
            text.append(f"  taken in {neutralise(str(origin['fetched_at']))[:16].replace('T', ' ')}", style="dim")
    text.append("\n")
    text.append(briefing.heading or "No heading: items as the day gave them", style="bold #ffd75f")
    return text
