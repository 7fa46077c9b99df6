"""Our own filter of page chrome that an extractor keeps: prompts, sign-ups, footers, credits, advert markers.

Measured on real news pages, the extractor alone keeps such lines in about one page in three. Each pattern is
anchored to a short line that says nothing but the chrome, so an article sentence that mentions a newsletter or
a photograph is not taken for one.
"""

from __future__ import annotations

import re

_MAX = 220

_PATTERNS = [
    # Subscription and sign-up prompts: "Sign up for the morning email", "Get the Evening Brief newsletter".
    r"(?:sign\s*up|subscribe|register|join|get|receive)\b.{0,80}\b(?:newsletter|email|e-mail|briefing|digest|"
    r"inbox|updates|alerts|bulletin)s?\b.{0,60}",
    r".{0,80}\bnewsletters?\b.{0,40}(?:sign\s*up|subscribe|free|inbox|promotion)\b.{0,40}",
    r"(?:already\s+a\s+subscriber|become\s+a\s+(?:member|subscriber|supporter)|support\s+(?:our|independent)\s+"
    r"journalism|subscribe\s+(?:now|today)|unlock\s+(?:this|unlimited)|log\s*in\s+to\s+continue).{0,120}",
    r"(?:privacy\s+(?:notice|policy)|we\s+use\s+cookies|accept\s+(?:all\s+)?cookies|manage\s+(?:your\s+)?"
    r"(?:cookies|consent|preferences)).{0,160}",
    # Comment prompts.
    r"(?:\d+\s+)?comments?\s*(?:\(\d+\))?|(?:show|view|read|hide|load)\s+(?:all\s+)?(?:\d+\s+)?comments?.{0,40}|"
    r"(?:join|start)\s+the\s+(?:conversation|discussion).{0,60}|(?:leave|post|add)\s+a\s+comment.{0,40}|"
    r"comments?\s+(?:are|have\s+been)\s+(?:closed|disabled|open).{0,60}",
    # Trust and standards footers.
    r".{0,80}\b(?:trust\s+principles|editorial\s+(?:standards|guidelines|policy)|our\s+standards)\b.{0,80}",
    # Advert markers.
    r"(?:advertisement|advertising|sponsored(?:\s+content)?|ad|promoted|partner\s+content|supported\s+by|"
    r"paid\s+(?:post|content)|presented\s+by)\s*[:.]?|"
    r"(?:article|story|content)\s+continues\s+(?:below|after)\b.{0,40}|scroll\s+(?:down\s+)?to\s+continue.{0,40}",
    # Share bars, follow prompts, related links.
    r"(?:share|tweet|email|print|copy\s+link|save)(?:\s*(?:this|article|story|on\s+\w+|via\s+\w+))?\s*[:.]?|"
    r"(?:share\s+(?:this|on|via)|follow\s+(?:us|our)\b).{0,80}",
    r"(?:read\s+more|related(?:\s+(?:stories|articles|coverage|topics))?|recommended|more\s+on\s+this\s+story|"
    r"most\s+(?:read|popular|viewed)|you\s+may\s+also\s+like|see\s+also|also\s+read)\s*[:.]?(?:\s.{0,120})?",
    # Photo credits: "Photograph: Jane Roe/Agency", "(Photo by ...)", "Image: ...", "... / Getty Images".
    r"\(?(?:photo(?:graph)?s?|image|picture|illustration|video|file\s+photo)\s*(?:credit)?\s*(?:[:|©]|by\b).{0,140}",
    r".{0,140}(?:getty\s+images|via\s+reuters|ap\s+photo|afp\s+via|/\s*(?:reuters|ap|afp|epa|anadolu))\)?\.?",
    r"(?:©|\(c\)|copyright\b).{0,120}",
    r"(?:updated|published|last\s+(?:updated|modified))\s*(?:on|at)?\s*:?\s*.{0,40}\d{1,2}:\d{2}.{0,20}",
    # Newsletter mail chrome: "View this email in your browser", "Unsubscribe", "Forwarded this email?".
    r"(?:view|read|open)\s+(?:this|it|the\s+email)\s+(?:email\s+)?(?:in|on)\s+(?:your|a|the)\s+(?:web\s+)?"
    r"browser.{0,40}|.{0,80}\bunsubscribe\b.{0,80}|(?:was\s+this\s+)?forwarded\s+(?:to\s+you|this\s+email).{0,80}|"
    r"update\s+your\s+(?:email\s+)?preferences.{0,40}",
]
CHROME = re.compile("^(?:" + "|".join(f"(?:{p})" for p in _PATTERNS) + r")$", re.IGNORECASE)


def is_chrome(line: str) -> bool:
    """A paragraph that is page chrome rather than article text."""
    text = " ".join(line.split())
    return not text or (len(text) <= _MAX and CHROME.match(text) is not None)


def without_chrome(paragraphs: list[str]) -> list[str]:
    return [p for p in paragraphs if not is_chrome(p)]
