"""crisisreader: a terminal reader for day-by-day crisis briefings."""

# The one place the version is written: pyproject.toml reads it from here (hatch's dynamic version), and a
# start-up that imports no package metadata is a faster one.
__version__ = "0.1.0"
