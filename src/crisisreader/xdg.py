"""Where crisisreader keeps its files, by the XDG base directory spec: one rule for config, state, cache, data."""

from __future__ import annotations

import os
from pathlib import Path

_DEFAULTS = {
    "XDG_CONFIG_HOME": (".config",),
    "XDG_STATE_HOME": (".local", "state"),
    "XDG_CACHE_HOME": (".cache",),
    "XDG_DATA_HOME": (".local", "share"),
}


def app_home(variable: str) -> Path:
    """``$VARIABLE/crisisreader``, or the spec's default under the home folder when the variable is unset, empty
    or relative (the spec says a relative path is invalid and to be ignored)."""
    base = os.environ.get(variable, "")
    root = Path(base) if base and os.path.isabs(base) else Path.home().joinpath(*_DEFAULTS[variable])
    return root / "crisisreader"
