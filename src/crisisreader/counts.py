"""Counts as a reader reads them: thousands separated ("10,000 briefings"), and one of a thing singular."""

from __future__ import annotations


def number(n: int) -> str:
    """``10000`` as ``10,000``."""
    return f"{n:,}"


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """``plural(1, "briefing")`` is "1 briefing", ``plural(10000, "briefing")`` "10,000 briefings"; ``nouns`` is
    the plural when it is not the noun and an s ("match", "matches")."""
    return f"{n:,} {noun if n == 1 else nouns or noun + 's'}"
