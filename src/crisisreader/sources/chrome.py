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
    # (Not where the email is what one signs up with: "Sign up for the ferry pass with the email you gave the council".)
    r"(?:sign\s*up|subscribe|register|join|get|receive)\b(?:(?!\b(?:using|use|with|same|said|says)\b).){0,80}"
    r"\b(?:newsletter|email|e-mail|briefing|digest|inbox|updates|alerts|bulletin)s?\b.{0,60}",
    # A newsletter's name on its own ("Harbour Watch Newsletter"), and what a sign-up form answers.
    r"(?:[\w'’&+-]+\s+){0,4}newsletters?\s*[:.!]?",
    r"thanks?(?:\s+you)?\s+for\s+(?:signing\s+up|subscribing|registering)\b.{0,80}|"
    r"(?:keep\s+an\s+eye\s+on|check)\s+your\s+inbox\b.{0,80}|"
    r"(?:sorry[,!.]?\s*)?there\s+was\s+(?:an?\s+)?(?:error|problem)\s+(?:processing|with)\s+your\s+"
    r"(?:subscription|request|sign-?up).{0,60}|"
    r"(?:an\s+)?error\s+(?:has\s+)?occurred[,.]?\s*(?:please\s+)?try\s+again(?:\s+later)?\s*[.!]?|sorry!?",
    r".{0,80}\bnewsletters?\b.{0,40}(?:sign\s*up|subscribe|free|inbox|promotion)\b.{0,40}",
    r"(?:already\s+a\s+subscriber|become\s+a\s+(?:member|subscriber|supporter)|support\s+(?:our|independent)\s+"
    r"journalism|subscribe\s+(?:now|today)|unlock\s+(?:this|unlimited)|log\s*in\s+to\s+continue).{0,120}",
    r"(?:privacy\s+(?:notice|policy)|we\s+use\s+cookies|accept\s+(?:all\s+)?cookies|manage\s+(?:your\s+)?"
    r"(?:cookies|consent|preferences)).{0,160}",
    # Comment prompts.
    r"(?:note:\s*)?we\s+(?:are\s+)?(?:temporarily\s+)?moderat\w+\s+(?:all\s+)?comments\b.{0,120}|"
    r"tell\s+us\s+what\s+you\s+think\b.{0,40}|"
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
    # Follow prompts naming a network ("Follow the desk on Instagram, Facebook and X."), share prompts.
    r"(?:follow|subscribe\s+to|like)\s+.{1,60}?\s+on\s+(?:facebook|twitter|x|instagram|youtube|tiktok|linkedin|"
    r"threads|bluesky|telegram|whatsapp|mastodon)\b.{0,100}|"
    r"(?:(?:like|enjoy(?:ed)?|love)\s+this\s+(?:story|article|post)\??\s*)?share\s+it\s+with\s+.{0,60}",
    # Related-link markers that must end in a colon or stand alone ("DON'T MISS", "See more: ..."), and a link
    # to the outlet's own pages ("Also on example.org ...").
    r"(?:don[’']?t\s+miss|see\s+more|more\s+from\s+\S+(?:\s+\S+)?)\s*(?::\s*.{0,160})?|"
    r"also\s+on\s+\S+\.(?:com|org|net|co\.uk|info)\b.{0,180}|more\s+.{1,40}:\s*https?://\S+.{0,120}",
    # Reprints, reading times, tags.
    r"(?:order\s+)?reprints?(?:\s*(?:&|and)\s*permissions)?|"
    r"\d+\s*(?:-\s*)?min(?:ute)?s?\s+read|reading\s+time\s*:?\s*\d+\s*min(?:ute)?s?|"
    r"(?:tags?|topics?|filed\s+(?:under|in)|categor(?:y|ies))\s*(?::\s*.{0,160})?",
    # Contact lines: an address or a profile alone, "Write to Jane Roe at jroe@example.org", "Reach the reporter
    # on X at @jroe" (a link alone may be a source the article cites, and stays).
    r"(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://)?(?:www\.)?(?:twitter|x|facebook|instagram)\.com/\S+|"
    r"(?:write\s+to|e-?mail|contact|reach)\s+.{1,60}?\s+(?:at|on\s+\w+\s+at|via)\s+(?:\S+@\S+|https?://\S+|@\w+)"
    r".{0,100}",
    # Affiliate disclosures.
    r"if\s+you\s+(?:buy|purchase|click)\b.{0,120}\b(?:commission|share\s+of\s+the\s+sale|affiliate|"
    r"compensat\w+)\b.{0,100}|we\s+may\s+(?:earn|receive|get)\s+(?:a\s+)?(?:small\s+)?(?:commission|share|"
    r"compensation)\b.{0,140}",
    # A dateline alone: "6:40 AM CET 3/12/2024 by Jane Roe".
    r"\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[a-z]{2,4}\s*)?\d{1,2}/\d{1,2}/\d{2,4}(?:\s+by\s+.{1,60})?",
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
