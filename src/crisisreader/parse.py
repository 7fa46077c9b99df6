"""One file's text -> its briefings, with every problem named by file and line.

A briefing starts at `` date YYYY-MM-DD `` and runs to the next such line. Paragraphs are separated by blank
lines; a briefing with no blank line has one paragraph per line. A heading ("Feb. 8: What you need to know
today") splits the background from the day's items; a closing agency credit is the footer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from crisisreader.model import Briefing, Paragraph, Problem, Section, briefing_key
from crisisreader.text import neutralise

DATE_LINE = re.compile(r"^[ \t\ufeff]*date[ \t]+(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])[ \t]*(.*)$", re.IGNORECASE)

# A heading is short and says it introduces the day's news, with or without a date before it.
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_HEADING_PHRASE = (
    r"(?:what\s+(?:you|to)\s+(?:need\s+to|should)\s+know|what\s+to\s+know|here[’']?s\s+what\s+(?:we|you)\s+know|"
    r"here\s+is\s+what\s+(?:we|you)\s+know|what\s+we\s+know(?:\s+so\s+far)?|key\s+(?:developments|events|points)|"
    r"latest\s+developments|the\s+latest|today[’']?s\s+(?:developments|key\s+events|news|briefing)|"
    r"what[’']?s\s+happening|what\s+happened(?:\s+today)?|news\s+in\s+brief|in\s+brief|the\s+day\s+in\s+brief)"
)
HEADING = re.compile(
    rf"^(?:{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\s*[:\-–—|]?\s*|"
    rf"\d{{1,2}}\s+{_MONTH}\.?(?:\s+\d{{4}})?\s*[:\-–—|]?\s*|"
    rf"(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+[^:]{{0,20}}[:\-–—|]\s*)?"
    rf"(?:{_HEADING_PHRASE})(?:\s+(?:today|now|so\s+far|this\s+morning|on\s+\w+))?\s*[:.!]?$",
    re.IGNORECASE,
)

# A closing agency credit: "AFP contributed reporting.", "Reuters contributed to this report.",
# "Reporting by Jane Doe; Editing by John Roe", "With AFP".
FOOTER = re.compile(
    r"^(?:(?:[\w.&'’-]+(?:\s+[\w.&'’-]+){0,5}?(?:\s*(?:,|and|&)\s*[\w.&'’-]+(?:\s+[\w.&'’-]+){0,3})*)\s+"
    r"(?:contributed|contributes)(?:\s+(?:reporting|to\s+(?:this|the)\s+(?:report|story|article)|"
    r"additional\s+reporting))?|(?:additional\s+)?reporting\s+by\b.*|with\s+(?:afp|reuters|ap|dpa|agencies)|"
    r"\(?(?:afp|reuters|ap|dpa|agencies)\)?|compiled\s+by\b.*|edited\s+by\b.*)\s*[.)]?$",
    re.IGNORECASE,
)
_FOOTER_MAX = 160
_HEADING_MAX = 90

_BULLET = re.compile(r"^(?:[-*•·▪◦‣–]\s+|\d{1,2}[.)]\s+(?=\S))")
_BULLET_ONLY = re.compile(r"^(?:[-*•·▪◦‣–])\s")
_ODD_SPACES = "\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Only runs that need changing match (a lone space does not): most lines then cost one quick scan.
_SPACES = "[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
_ODD = "[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
_WS = re.compile(f"(?: {_SPACES}+|{_ODD}{_SPACES}*)")


@dataclass(frozen=True, slots=True)
class _Block:
    text: str
    line: int


def normalise_newlines(text: str) -> str:
    """CRLF, lone CR and a byte-order mark handled once, before anything counts lines."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_text(text: str, path: str, series: str) -> tuple[list[Briefing], list[Problem]]:
    """Parse one file's decoded text into briefings; problems name ``path`` and a 1-based line."""
    problems: list[Problem] = []
    text = neutralise(normalise_newlines(text))
    if "  " in text or any(space in text for space in _ODD_SPACES):
        text = _WS.sub(" ", text)
    lines = text.split("\n")
    starts: list[tuple[int, re.Match[str]]] = []
    for number, line in enumerate(lines):
        match = DATE_LINE.match(line)
        if match is not None:
            starts.append((number, match))
    if not starts:
        first = next((n for n, line in enumerate(lines) if line.strip()), None)
        if first is None:
            problems.append(Problem(path, 1, "empty file"))
        else:
            problems.append(
                Problem(path, first + 1, "no date header: a briefing starts with a line ' date YYYY-MM-DD '")
            )
        return [], problems
    stray = next((n for n in range(starts[0][0]) if lines[n].strip()), None)
    if stray is not None:
        problems.append(Problem(path, stray + 1, "text before the first date header is not read", "warning"))

    briefings: list[Briefing] = []
    for position, (number, match) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        year, month, day, rest = match.groups()
        try:
            date = dt.date(int(year), int(month), int(day))
        except ValueError:
            problems.append(Problem(path, number + 1, f"impossible date {year}-{month}-{day}: briefing skipped"))
            continue
        body = [(number + 1, rest)] + [(n + 1, lines[n]) for n in range(number + 1, end)]
        briefing = _parse_briefing(body, path, series, date, number + 1)
        if not briefing.paragraphs and briefing.heading is None:
            problems.append(Problem(path, number + 1, f"briefing of {date.isoformat()} has no text", "warning"))
        briefings.append(briefing)
    return briefings, problems


def _blocks(body: list[tuple[int, str]]) -> list[_Block]:
    """Paragraphs: split at blank lines, or one a line when there is no blank line; a bullet starts a new one."""
    cleaned = [(n, line.strip()) for n, line in body]
    while cleaned and not cleaned[-1][1]:
        cleaned.pop()
    content = [(n, line) for n, line in cleaned if line]
    if not content:
        return []
    # Blank lines before the first text (a bare date line) do not make a file blank-line separated.
    first = content[0][0]
    has_blank = any(not line for n, line in cleaned if n > first)
    blocks: list[_Block] = []
    if not has_blank:
        return [_Block(_strip_bullet(line), n) for n, line in content]
    current: list[str] = []
    current_line = 0
    for n, line in cleaned:
        if not line or (_BULLET_ONLY.match(line) and current):
            if current:
                blocks.append(_Block(" ".join(current), current_line))
            current = []
            if not line:
                continue
        if not current:
            current_line = n
            line = _strip_bullet(line)
        current.append(line)
    if current:
        blocks.append(_Block(" ".join(current), current_line))
    return [b for b in blocks if b.text]


def _strip_bullet(line: str) -> str:
    match = _BULLET.match(line)
    if match is not None and match.group().strip()[0] in "-*•·▪◦‣–":
        return line[match.end() :].strip()
    return line


def is_heading(text: str) -> bool:
    return len(text) <= _HEADING_MAX and HEADING.match(text.strip()) is not None


def is_footer(text: str) -> bool:
    return len(text) <= _FOOTER_MAX and FOOTER.match(text.strip()) is not None


def _parse_briefing(body: list[tuple[int, str]], path: str, series: str, date: dt.date, line: int) -> Briefing:
    blocks = _blocks(body)
    footer: str | None = None
    if len(blocks) > 1 and is_footer(blocks[-1].text):
        footer = blocks.pop().text
    heading_at = next((i for i, block in enumerate(blocks) if is_heading(block.text)), None)
    heading = blocks[heading_at].text if heading_at is not None else None
    key = briefing_key(series, date)
    background: list[Paragraph] = []
    items: list[Paragraph] = []
    for i, block in enumerate(blocks):
        if i == heading_at:
            continue
        section: Section = "background" if heading_at is not None and i < heading_at else "item"
        target = background if section == "background" else items
        index = len(background) + len(items) + 1
        target.append(Paragraph(f"{key}#{index}", block.text, section, block.line, index))
    return Briefing(series, date, path, line, heading, tuple(background), tuple(items), footer)
