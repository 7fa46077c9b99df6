"""Taking briefings in from where they are published: saved pages, feeds, newsletters and URLs, into a library.

The library is plain briefing files, one folder per series, with where each came from kept beside them.
"""

from __future__ import annotations

from crisisreader.sources.library import Library, library_root, slug
from crisisreader.sources.taken import SourceError, Taken

__all__ = ["Library", "SourceError", "Taken", "library_root", "slug"]
