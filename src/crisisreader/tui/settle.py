"""The collector told about the long-lived corpus once the reader has it."""

from __future__ import annotations

import gc


def settle() -> None:
    """Hand what lives as long as the reader (the corpus, its analysis, the sidebar's days) to the collector's
    permanent generation, and collect less often: full collections walking those millions of objects, then
    Textual's render caches, were pauses of 50 to 400 ms every half second at 10,000 briefings, in the middle of
    typing a search (the collector's defaults are for small heaps; rendering makes no cycles worth hunting)."""
    gc.freeze()
    gc.set_threshold(20_000, 20, 10)
