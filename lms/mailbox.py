"""The demo's mailbox: with DEBUG on and no EMAIL_URL, every email is kept as an .eml file in
MAILBOX_DIR and read in the browser at /dev/mailbox/ (lms/views/mailbox.py), so a person
trying the demo confirms their email and opens the confirmation without reading MIME in a
terminal. The terminal shows one line per email."""

import datetime as dt
import email
import email.policy
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


def mailbox_dir() -> Path:
    return Path(settings.MAILBOX_DIR)


class MailboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = mailbox_dir()
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            key = f"{dt.datetime.now():%Y%m%d-%H%M%S-%f}-{uuid.uuid4().hex[:6]}"
            (folder / f"{key}.eml").write_bytes(message.message().as_bytes())
            print(
                f"email to {', '.join(message.to)}: {message.subject!r} – "
                f"{settings.SITE_URL}/dev/mailbox/{key}/",
                file=sys.stdout,
                flush=True,
            )
        return len(email_messages)


@dataclass
class Attachment:
    number: int
    filename: str
    content_type: str
    payload: bytes


@dataclass
class MailboxMessage:
    key: str
    sent_at: dt.datetime
    to: str
    subject: str
    text: str = ""
    html: str = ""
    attachments: list[Attachment] = field(default_factory=list)


def _key_valid(key: str) -> bool:
    return bool(key) and all(c.isalnum() or c == "-" for c in key)


def mailbox_read(key: str) -> MailboxMessage | None:
    """One kept email, parsed; None when there is no such email."""
    if not _key_valid(key):
        return None
    path = mailbox_dir() / f"{key}.eml"
    if not path.is_file():
        return None
    parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    message = MailboxMessage(
        key=key,
        sent_at=dt.datetime.fromtimestamp(path.stat().st_mtime),
        to=str(parsed.get("To", "")),
        subject=str(parsed.get("Subject", "")),
    )
    number = 0
    for part in parsed.walk():
        if part.is_multipart():
            continue
        disposition = part.get_content_disposition()
        content_type = part.get_content_type()
        if disposition is None and content_type == "text/plain" and not message.text:
            message.text = part.get_content()
        elif disposition is None and content_type == "text/html" and not message.html:
            message.html = part.get_content()
        else:
            number += 1
            message.attachments.append(
                Attachment(
                    number=number,
                    filename=part.get_filename() or f"part-{number}",
                    content_type=content_type,
                    payload=part.get_payload(decode=True) or b"",
                )
            )
    return message


def mailbox_list(limit: int = 200) -> list[MailboxMessage]:
    """The kept emails, newest first (headers only)."""
    folder = mailbox_dir()
    if not folder.is_dir():
        return []
    keys = sorted((p.stem for p in folder.glob("*.eml")), reverse=True)[:limit]
    return [m for m in (mailbox_read(key) for key in keys) if m is not None]
