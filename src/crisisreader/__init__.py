"""crisisreader: a terminal reader for day-by-day crisis briefings."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("crisisreader")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
