"""A saved web page -> its article's paragraphs and its publication date.

trafilatura finds the article (it is the field's reference extractor, kept up and measured on news pages); its
XML output keeps headings, list items and block quotes apart, so each becomes its own paragraph. Our chrome
filter then takes out the prompts and credits it keeps. Named ``page`` rather than ``html`` so that it is never
mistaken for the standard library's module of that name.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from crisisreader.sources.chrome import without_chrome
from crisisreader.sources.taken import SourceError, iso_calendar_date

_BLOCKS = {"p", "head", "item", "quote", "list", "cell", "row", "table"}
_LEAVES = frozenset({"p", "head", "item", "quote"})
_DATE_NAMES = frozenset(
    {"article:published_time", "og:article:published_time", "og:published_time", "datepublished", "date", "dc.date"}
)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_.]|$)")


@dataclass(frozen=True, slots=True)
class Article:
    """What the extractor found: the paragraphs (chrome taken out), and its reading of title, site and date."""

    paragraphs: list[str]
    title: str
    site: str
    date: dt.date | None


def article(page: Any, url: str = "") -> Article:
    """The article of a page (HTML, or a tree from ``parsed``); an error when no article text is found."""
    # Imported here: trafilatura takes a good part of a second to import, and only pages need it.
    import trafilatura

    extracted = trafilatura.extract(
        page,
        url=url or None,
        output_format="xml",
        include_comments=False,
        include_tables=False,
        include_images=False,
        with_metadata=True,
    )
    if not extracted:
        raise SourceError("no article text found in the page")
    root = ET.fromstring(extracted)
    title = root.get("title") or ""
    paragraphs = without_chrome(_paragraphs(root))
    # The page's own headline is its title, kept in sources.yaml: at the top of the text it would repeat it.
    headlines = _headlines(title)
    for n, paragraph in enumerate(paragraphs[:3]):
        if _folded(paragraph) in headlines:
            del paragraphs[n]
            break
    if not paragraphs:
        raise SourceError("no article text found in the page")
    date = iso_calendar_date(root.get("date") or "")
    return Article(paragraphs, title, root.get("sitename") or "", date)


_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·•]{1,2}\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "`": "'"})


def _folded(text: str) -> str:
    return " ".join(text.translate(_QUOTES).casefold().split())


def _headlines(title: str) -> set[str]:
    """The forms the page's headline takes in its title: the title, and the title without the site's name or
    section before or after a separator ("Opinion | ... - The Ledger"), of three words or more."""
    pieces = _TITLE_SEPARATOR.split(title)
    seps = _TITLE_SEPARATOR.findall(title)
    forms = {_folded(title)}
    for start in range(len(pieces)):
        for end in range(start + 1, len(pieces) + 1):
            text = pieces[start] + "".join(seps[i] + pieces[i + 1] for i in range(start, end - 1))
            if len(text.split()) >= 3:
                forms.add(_folded(text))
    forms.discard("")
    return forms


def _paragraphs(root: ET.Element) -> list[str]:
    """The XML's blocks in order: each paragraph, heading, list item or quotation without blocks inside it, and
    the text that stands between blocks (trafilatura puts the text after a heading in the heading's tail, and a
    paragraph's own text before a list it holds in the paragraph), each run of it a paragraph of its own."""
    out: list[str] = []
    main = root.find("main")
    top = main if main is not None else root
    # Text of <main> before any block is what the extractor falls back on when it found no article (a menu's
    # "Home"): it is not taken, but text after a block is.
    _blocks_of(top, out, lead=False)
    return out


def _text(element: ET.Element) -> str:
    # A line break (<lb/>) or any element's edge is a word's edge.
    return " ".join(" ".join(element.itertext()).split())


def _blocks_of(container: ET.Element, out: list[str], lead: bool = True) -> None:
    loose: list[str] = [container.text or ""] if lead else []

    def flush() -> None:
        text = " ".join(" ".join(loose).split())
        if text:
            out.append(text)
        loose.clear()

    for child in container:
        if any(c.tag in _BLOCKS for c in child):
            flush()
            _blocks_of(child, out)
        elif child.tag in _LEAVES:
            flush()
            text = _text(child)
            if text:
                out.append(text)
        elif child.tag in _BLOCKS:
            flush()
        else:
            loose.append(_text(child))
        loose.append(child.tail or "")
    flush()


def _ld_date(blobs: list[str]) -> str | None:
    for blob in blobs:
        try:
            data = json.loads(blob)
        except ValueError:
            continue
        stack = [data]
        while stack:
            node = stack.pop(0)
            if isinstance(node, dict):
                value = node.get("datePublished")
                if isinstance(value, str):
                    return value
                stack += list(node.values())
            elif isinstance(node, list):
                stack += node
    return None


def parsed(html: str) -> Any:
    """The page's tree as trafilatura parses it (None when it is not HTML at all): parsed once, it serves both the
    date and site found here and the extractor."""
    from trafilatura.utils import load_html

    return load_html(html)


def page_facts(page: Any, url: str = "") -> tuple[dt.date | None, str]:
    """The publication date (``article:published_time``, JSON-LD ``datePublished``, ``<time>``, the URL) as a
    calendar date in the page's stated offset, and the site's name; PAGE is HTML or a tree from ``parsed``."""
    if isinstance(page, str):
        import lxml.html

        try:
            page = lxml.html.fromstring(page)
        except (ValueError, lxml.etree.ParserError):
            page = None
    meta: str | None = None
    site = ""
    ld: list[str] = []
    moment: str | None = None
    if page is not None:
        for element in page.iter("meta"):
            name = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
            if name in _DATE_NAMES and meta is None:
                # Some publishers (and some saved copies) put the value in ``value`` rather than ``content``.
                meta = element.get("content") or element.get("value")
            if name == "og:site_name" and not site:
                site = element.get("content") or ""
        ld = [s.text or "" for s in page.iter("script") if (s.get("type") or "").lower() == "application/ld+json"]
        moment = next((t.get("datetime") for t in page.iter("time") if t.get("datetime")), None)
    for stated in (meta, _ld_date(ld), moment):
        date = iso_calendar_date(stated) if stated else None
        if date is not None:
            return date, site
    match = _URL_DATE.search(url)
    if match is not None:
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3))), site
        except ValueError:
            pass
    return None, site


class _Fragment(HTMLParser):
    """An HTML fragment (a feed entry's content, a mail's HTML part) split at its block elements."""

    _BREAKS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "tr", "section"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._current: list[str] = []
        self._skip = 0

    def _cut(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.parts.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self._BREAKS:
            self._cut()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._BREAKS:
            self._cut()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._current.append(data)


def fragment_paragraphs(html: str) -> list[str]:
    parser = _Fragment()
    parser.feed(html)
    parser.close()
    parser._cut()
    return without_chrome(parser.parts)
