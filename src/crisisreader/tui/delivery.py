"""Text the reader hands over as a file: a download in a browser (textual-serve), a file in Downloads in a terminal.

Also the one case where ``c`` cannot copy: a browser keeps its clipboard from pages served on plain http beyond
loopback, and ``crisisreader serve`` says so to each reader it starts.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from pathlib import Path

# Where Textual's delivery saves in a terminal: asked of the same library (one of Textual's own dependencies).
from platformdirs import user_downloads_path
from textual.app import App

from crisisreader.model import Briefing, Quote
from crisisreader.serve import CLIPBOARD_ENV


def clipboard_refused() -> bool:
    return os.environ.get(CLIPBOARD_ENV) == "download"


def file_name(*parts: str) -> str:
    """A file name from series names and dates: nothing a browser or a file system would trip on."""
    return "-".join(re.sub(r"[^\w.-]+", "_", part).strip("._") or "day" for part in parts)


def offer_text(app: App[None], text: str, name: str) -> None:
    """Deliver ``text`` as ``name``; the app hears ``DeliveryComplete`` or ``DeliveryFailed`` when it is done."""
    mime = "text/markdown" if name.endswith(".md") else "text/plain"
    if not app.is_web:
        name = free_name(user_downloads_path(), name)
    app.deliver_text(io.StringIO(text), save_filename=name, mime_type=mime, encoding="utf-8", name=name)


def free_name(folder: Path, name: str) -> str:
    """``name``, or ``name-2.md``, ``name-3.md``, … the first that names no file in ``folder``: a terminal's
    delivery writes into Downloads, over whatever has the name, and an earlier export may since hold the user's
    own edits."""
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    candidate, number = name, 1
    while (folder / candidate).exists() or (folder / candidate).is_symlink():
        number += 1
        candidate = f"{stem}-{number}{dot}{suffix}"
    return candidate


def copy_text(app: App[None], text: str, briefing: Briefing | None) -> str:
    """Copy through the terminal's (or the browser's) clipboard, or offer a download where the browser refuses;
    returns the title of the notice that says which."""
    if not clipboard_refused():
        app.copy_to_clipboard(text)
        return "Copied"
    parts = ("quote", briefing.series, briefing.date.isoformat()) if briefing else ("quote",)
    offer_text(app, text + "\n", file_name(*parts) + ".txt")
    return "This browser keeps its clipboard from plain-http pages: offered as a download"


def offer_day(app: App[None], briefing: Briefing, quotes: Sequence[Quote]) -> None:
    """The day as Markdown, named for its series and date (and edition)."""
    from crisisreader.export import day_to_markdown

    name = file_name(briefing.series, briefing.key.partition("/")[2]) + ".md"
    offer_text(app, day_to_markdown(briefing, quotes), name)
