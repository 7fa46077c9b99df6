"""Email newsletters (a ``.eml`` file, an ``.mbox`` file, a Maildir folder) -> one briefing per message.

The plain-text part is taken when there is one, else the HTML part through the same fragment splitting and
chrome filter as feeds; the date is the ``Date:`` header's, in its own offset.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import mailbox
from email.message import EmailMessage, Message
from pathlib import Path

from crisisreader.sources.chrome import without_chrome
from crisisreader.sources.page import fragment_paragraphs
from crisisreader.sources.taken import SourceError, Taken, iso_calendar_date


def _body(message: EmailMessage) -> list[str]:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return []
    try:
        content = part.get_content()
    except (LookupError, ValueError) as error:
        raise SourceError(f"cannot decode the mail's body ({error})") from None
    if not isinstance(content, str):
        return []
    if part.get_content_subtype() == "html":
        return fragment_paragraphs(content)
    blocks = [" ".join(block.split()) for block in content.replace("\r\n", "\n").split("\n\n")]
    # A signature ("-- ") ends what the sender wrote.
    if "-- " in [b.strip() + " " for b in blocks]:
        blocks = blocks[: [b.strip() + " " for b in blocks].index("-- ")]
    return without_chrome([b for b in blocks if b and b != "--"])


def taken_from_message(message: Message, source: str) -> Taken:
    if not isinstance(message, EmailMessage):
        message = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
        assert isinstance(message, EmailMessage)
    date = None
    header = message.get("Date")
    if header:
        try:
            date = iso_calendar_date(email.utils.parsedate_to_datetime(str(header)).isoformat())
        except (TypeError, ValueError):
            date = None
    if date is None:
        raise SourceError("the mail has no readable Date: header")
    paragraphs = _body(message)
    if not paragraphs:
        raise SourceError("the mail has no text part")
    sender_name, sender_address = email.utils.parseaddr(str(message.get("From", "")))
    key = str(message.get("Message-ID") or source).strip()
    return Taken(key, date, tuple(paragraphs), str(message.get("Subject", "")), "", sender_name or sender_address)


def read_messages(path: Path) -> list[tuple[str, Message]]:
    """(source, message) for a ``.eml`` file, each message of an ``.mbox`` file or of a Maildir folder."""
    if path.is_dir():
        return [(f"{path}#{key}", message) for key, message in mailbox.Maildir(path, create=False).items()]
    if path.suffix.lower() == ".mbox":
        return [(f"{path}#{key}", message) for key, message in mailbox.mbox(path, create=False).items()]
    return [(str(path), email.message_from_bytes(path.read_bytes(), policy=email.policy.default))]
