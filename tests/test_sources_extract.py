"""Pages, feeds and newsletters -> paragraphs and dates, with the chrome taken out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crisisreader.sources.chrome import is_chrome
from crisisreader.sources.feed import parse_feed
from crisisreader.sources.newsletter import read_messages, taken_from_message
from crisisreader.sources.page import _headlines, article, fragment_paragraphs, page_facts
from crisisreader.sources.taken import SourceError, checked_date

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for the morning email from the Ledger's world desk",
        "Get the Evening Brief newsletter delivered to your inbox",
        "Join the conversation",
        "214 comments",
        "Learn more about our trust principles",
        "Photograph: Tomas Berg/Northern Pictures",
        "Cranes at the harbour at dusk. (Photo by Tomas Berg / Reuters)",
        "Article continues after this advertisement",
        "Advertisement",
        "Supported by",
        "Read more: the blockade in maps",
        "View this email in your browser",
    ],
)
def test_chrome_lines_are_recognised(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "The newsletter said the talks would resume on Monday, according to officials who spoke to reporters.",
        "Residents sign up for evacuation updates at the town hall, officials said on Tuesday.",
        "A photograph of the blockade circulated widely on Tuesday and was shared by the governor's office.",
        "Two patrol boats exchanged warning shots near the outer breakwater.",
    ],
)
def test_article_sentences_are_kept(line: str) -> None:
    assert not is_chrome(line)


def test_key_events_page_gives_its_paragraphs_without_chrome() -> None:
    html = (FIXTURES / "key_events.html").read_text()
    found = article(html)
    paragraphs = found.paragraphs
    assert found.title == "Harbour standoff, day 12: list of key events" and found.site == "The Northern Ledger"
    assert "Fighting" in paragraphs and "Diplomacy" in paragraphs
    assert any(p.startswith("Two patrol boats") for p in paragraphs)
    assert any(p.startswith('"We are closer') for p in paragraphs)
    text = "\n".join(paragraphs)
    for chrome in ("Article continues", "Sign up", "trust principles", "Photograph:", "Most read", "Fine by me"):
        assert chrome not in text
    assert paragraphs[-1].startswith("Neighbouring ports")


def test_page_date_is_the_stated_calendar_date_in_its_own_offset() -> None:
    html = (FIXTURES / "key_events.html").read_text()
    # 23:40 at -05:00 is already the 13th in UTC: the page's own day is the 12th.
    assert page_facts(html) == (dt.date(2024, 3, 12), "The Northern Ledger")
    assert page_facts('<meta property="article:published_time" content="2023-05-01T01:00:00+09:00">')[0] == (
        dt.date(2023, 5, 1)
    )
    assert page_facts('<time datetime="2022-02-08">Feb 8</time>')[0] == dt.date(2022, 2, 8)
    assert page_facts("<p>no date</p>", "https://example.org/world/2021/11/30/story")[0] == dt.date(2021, 11, 30)
    assert page_facts("<p>no date</p>")[0] is None
    assert page_facts('<meta name="og:article:published_time" value="2016-12-14T06:02:15Z">')[0] == dt.date(
        2016, 12, 14
    )


def test_a_page_with_no_article_text_is_an_error() -> None:
    with pytest.raises(SourceError, match="no article text"):
        article("<html><body><nav><a href='/'>Home</a></nav></body></html>")


def test_dates_outside_1990_to_tomorrow_and_missing_dates_are_errors() -> None:
    with pytest.raises(SourceError, match="--date"):
        checked_date(None, None, "page.html")
    with pytest.raises(SourceError, match="before 1990"):
        checked_date(dt.date(1989, 12, 31), None, "x")
    with pytest.raises(SourceError, match="future"):
        checked_date(dt.date.today() + dt.timedelta(days=30), None, "x")
    # --date fills in a missing date and never overrides a stated one.
    assert checked_date(None, dt.date(2024, 1, 2), "x") == dt.date(2024, 1, 2)
    assert checked_date(dt.date(2024, 1, 1), dt.date(2024, 1, 2), "x") == dt.date(2024, 1, 1)


def test_fragment_splits_blocks_and_drops_scripts() -> None:
    html = "<p>One.</p><ul><li>Two.</li><li>Three.</li></ul><script>var x=1</script><h3>Four</h3>Five<br>Six"
    assert fragment_paragraphs(html) == ["One.", "Two.", "Three.", "Four", "Five", "Six"]


def test_daily_rss_gives_one_briefing_per_entry() -> None:
    title, taken = parse_feed((FIXTURES / "daily.rss").read_bytes(), "daily.rss")
    assert title == "The Varnsund Morning Brief"
    assert [t.key for t in taken] == ["varnsund-brief-2024-03-13", "varnsund-brief-2024-03-12"]
    assert [t.date for t in taken] == [dt.date(2024, 3, 13), dt.date(2024, 3, 12)]
    first = taken[0].paragraphs
    assert first[0].startswith("The governor's written proposal") and "Elsewhere" in first
    assert not any("inbox" in p for p in first)


def test_wire_atom_gives_one_briefing_per_day_with_an_item_per_entry() -> None:
    title, taken = parse_feed((FIXTURES / "wire.atom").read_bytes(), "wire.atom")
    assert title == "Ledger Wire: Varnsund"
    assert [t.date for t in taken] == [dt.date(2024, 3, 12), dt.date(2024, 3, 13)]
    assert taken[1].paragraphs[0].startswith("Grain unloaded at Ekholm. Two ships")
    assert taken[1].paragraphs[0].endswith("http://127.0.0.1/wire/3")


def test_feed_mode_can_be_forced() -> None:
    _, per_day = parse_feed((FIXTURES / "daily.rss").read_bytes(), "daily.rss", "day")
    assert len(per_day) == 2 and len(per_day[0].paragraphs) == 1
    _, per_entry = parse_feed((FIXTURES / "wire.atom").read_bytes(), "wire.atom", "entry")
    assert len(per_entry) == 4


def test_malformed_empty_and_huge_feeds_are_errors() -> None:
    with pytest.raises(SourceError, match="malformed"):
        parse_feed(b"<rss><channel><item><title>broken", "bad.rss")
    with pytest.raises(SourceError, match="no entries"):
        parse_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>', "e.rss")
    items = "".join(
        f"<item><guid>{n}</guid><title>t{n}</title><pubDate>Tue, 12 Mar 2024 06:00:00 +0000</pubDate></item>"
        for n in range(10_000)
    )
    with pytest.raises(SourceError, match="10000 entries"):
        parse_feed(f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode(), "big.rss")


def test_newsletter_eml_gives_its_plain_body_and_date() -> None:
    [(source, message)] = read_messages(FIXTURES / "newsletter.eml")
    taken = taken_from_message(message, source)
    assert taken.date == dt.date(2024, 3, 13) and taken.series_hint == "Harbour Watch"
    assert taken.key == "<day13.harbourwatch@example>"
    assert taken.paragraphs[0].startswith("Good morning.") and len(taken.paragraphs) == 3
    assert not any("browser" in p or "unsubscribe" in p for p in taken.paragraphs)


def test_newsletter_html_only_and_mbox(tmp_path: Path) -> None:
    mail = (
        "From: Desk <d@example.org>\nSubject: s\nDate: Thu, 14 Mar 2024 08:00:00 +0000\n"
        'Content-Type: text/html; charset="utf-8"\n\n<p>Only HTML here.</p><p>Second block.</p>\n'
    )
    box = tmp_path / "letters.mbox"
    box.write_text("From d@example.org Thu Mar 14 08:00:00 2024\n" + mail + "\n")
    [(source, message)] = read_messages(box)
    taken = taken_from_message(message, source)
    assert taken.paragraphs == ("Only HTML here.", "Second block.") and taken.date == dt.date(2024, 3, 14)


def test_text_between_blocks_and_after_line_breaks_is_kept() -> None:
    # The extractor puts text that follows a heading with no paragraph around it in the heading's tail, and a
    # line break inside a paragraph is an element: neither the text nor the word edge may be lost.
    html = (
        "<html><head><title>Harbour deals</title></head><body><article><h1>Harbour deals</h1><div>"
        "<h2>Ferry passes at half price</h2>The harbour authority cut the price of a monthly ferry pass to twelve"
        " crowns until the strike ends, a spokeswoman said.<br>"
        "<h2>Fuel vouchers for fishing boats</h2>Owners of fishing boats registered at Varnsund can claim two"
        " vouchers a week at the harbour office, the council said on Monday.<br>"
        "<p>The council also said that the vouchers would be posted to owners who cannot reach the office.</p>"
        "<p>The statement was read out at the briefing on Monday morning.<br>It said the strike would be reviewed"
        " every week.</p></div></article></body></html>"
    )
    assert article(html).paragraphs == [
        "Ferry passes at half price",
        "The harbour authority cut the price of a monthly ferry pass to twelve crowns until the strike ends,"
        " a spokeswoman said.",
        "Fuel vouchers for fishing boats",
        "Owners of fishing boats registered at Varnsund can claim two vouchers a week at the harbour office,"
        " the council said on Monday.",
        "The council also said that the vouchers would be posted to owners who cannot reach the office.",
        "The statement was read out at the briefing on Monday morning. It said the strike would be reviewed"
        " every week.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        # Sign-up forms' answers and a newsletter's name alone.
        "Harbour Watch Newsletter",
        "Thanks for signing up!",
        "Check your inbox to confirm your Harbour Watch address.",
        "Sorry, there was a problem with your sign-up to Harbour Watch.",
        "An error has occurred, please try again later.",
        # Follow and share prompts naming a network.
        "Follow the Ledger's world desk on Instagram, Facebook and YouTube.",
        "Subscribe to the Ledger's port channel on YouTube",
        "Enjoyed this article? Share it with your colleagues at the port.",
        # Related-link markers and links to the outlet's own pages.
        "DON'T MISS",
        "See more: Ferries cancelled as the strike enters its third week",
        "Also on ledger.example.org Ferry crews vote on the council's offer",
        "More Ledger sport: https://ledger.example.org/sport",
        # Reprints, reading times, tags.
        "Order Reprints",
        "4 min read",
        "Tags: harbour, ferries, strike",
        "Filed under: Varnsund |",
        # Contact lines.
        "tomas.berg@ledger.example.org",
        "twitter.com/tomasberg",
        "Write to Tomas Berg at tomas.berg@ledger.example.org",
        "Reach the reporters on Twitter at http://twitter.com/tomasberg",
        # Comment prompts, affiliate disclosures, a dateline alone.
        "Tell us what you think...",
        "We moderate all comments before they appear under the Ledger's stories.",
        "If you purchase a ferry guide through our links, the Ledger earns an affiliate fee.",
        "We may earn a commission when you buy through links on our site.",
        "6:40 AM CET 3/12/2024 by Tomas Berg",
    ],
)
def test_more_kinds_of_chrome_are_recognised(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for the ferry pass using the same email as your harbour parking account, the council said.",
        "http://ledger.example.org/2024/03/12/harbour-strike-timeline",
        "Category 4 storms have closed the outer harbour twice this winter.",
        "Follow-up talks on Monday ended without a deal, both sides said.",
        "Contact with the stranded trawler was lost at 6:40 on Tuesday, the coastguard said.",
        "Don't miss the last ferry: the timetable changes on Friday, the operator warned residents.",
    ],
)
def test_article_lines_near_those_kinds_are_kept(line: str) -> None:
    assert not is_chrome(line)


def test_the_headline_is_taken_out_also_when_the_title_names_the_site_or_section() -> None:
    body = (
        "<p>The harbour authority cut the price of a monthly ferry pass to twelve crowns until the strike ends, a"
        " spokeswoman said on Tuesday.</p><p>Owners of fishing boats can claim two vouchers a week at the harbour"
        " office, the council said.</p>"
    )
    for title in ("Opinion | Ferry passes at half price", "Ferry passes at half price - The Northern Ledger"):
        html = (
            f"<html><head><title>{title}</title></head><body><article><h1>Ferry passes at half price</h1>"
            f"{body}</article></body></html>"
        )
        paragraphs = article(html).paragraphs
        assert paragraphs[0].startswith("The harbour authority"), title
    # A short piece of the title ("Opinion", a site's name) is never taken for the headline.
    forms = _headlines("Opinion | Ferry passes at half price - The Ledger")
    assert "ferry passes at half price" in forms and "opinion" not in forms and "the ledger" not in forms
