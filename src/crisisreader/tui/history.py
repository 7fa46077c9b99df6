"""Where the reader has been: each jump (a search hit, a speaker's quote, a bookmark, a date from the palette, the
first or last day) is remembered, so that back and forward return to the day and paragraph it came from, as in a
browser. Stepping from day to day with ``n`` and ``p`` is not a jump and is not recorded."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Place:
    """A day, and the paragraph the cursor was on (None: the day's top)."""

    day: str
    paragraph: str | None = None


class History:
    """Back and forward stacks of places; a new jump forgets what lay forward of it."""

    LIMIT = 200  # places kept back: a morning's reading, and far more than anyone steps back through

    def __init__(self) -> None:
        self._back: list[Place] = []
        self._forward: list[Place] = []

    def jumped(self, came_from: Place | None, to: Place) -> None:
        """A jump from ``came_from`` (where the reader was) to ``to``."""
        if came_from is None or came_from == to:
            return
        if not self._back or self._back[-1] != came_from:
            self._back.append(came_from)
            del self._back[: -self.LIMIT]
        self._forward.clear()

    def back(self, here: Place | None) -> Place | None:
        """The place to return to, ``here`` kept to come forward to again; None when there is none."""
        return self._step(self._back, self._forward, here)

    def forward(self, here: Place | None) -> Place | None:
        return self._step(self._forward, self._back, here)

    @staticmethod
    def _step(source: list[Place], other: list[Place], here: Place | None) -> Place | None:
        while source:
            place = source.pop()
            if place != here:
                if here is not None:
                    other.append(here)
                return place
        return None

    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)
