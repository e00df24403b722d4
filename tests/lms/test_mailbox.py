"""The demo's mailbox: emails kept as files with DEBUG on, read in the browser with
clickable links and downloadable attachments; absent (404) with DEBUG off."""

import pytest
from django.core.mail import EmailMultiAlternatives, get_connection
from django.urls import get_resolver

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailbox(settings, tmp_path):
    # Load the URLs as the site has them (DEBUG off) before turning DEBUG on: config/urls.py
    # reads DEBUG once, and later tests share the loaded patterns.
    get_resolver().url_patterns  # noqa: B018
    settings.MAILBOX_DIR = tmp_path / "mailbox"
    settings.DEBUG = True
    connection = get_connection("lms.mailbox.MailboxBackend")
    message = EmailMultiAlternatives(
        subject="Confirm your email",
        body="Open https://ce.example/accounts/confirm-email/abc/ to confirm.",
        to=["rosa@agency.org"],
        connection=connection,
    )
    message.attach_alternative("<p><a href='https://ce.example/x'>Confirm</a></p>", "text/html")
    message.attach("training.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    assert message.send() == 1
    return settings.MAILBOX_DIR


def test_the_mailbox_lists_reads_and_serves_attachments(client, capsys, mailbox):
    assert "email to rosa@agency.org: 'Confirm your email'" in capsys.readouterr().out
    index = client.get("/dev/mailbox/").content.decode()
    assert "Confirm your email" in index and "rosa@agency.org" in index
    [key] = [path.stem for path in mailbox.glob("*.eml")]
    page = client.get(f"/dev/mailbox/{key}/").content.decode()
    assert '<a href="https://ce.example/accounts/confirm-email/abc/"' in page  # clickable
    attachment = client.get(f"/dev/mailbox/{key}/attachments/1/")
    assert attachment["Content-Disposition"] == 'attachment; filename="training.ics"'
    assert b"BEGIN:VCALENDAR" in attachment.content
    html = client.get(f"/dev/mailbox/{key}/html/")
    assert "sandbox" in html["Content-Security-Policy"] and b"Confirm" in html.content
    assert client.get("/dev/mailbox/..%2F..%2Fetc/").status_code == 404


def test_the_mailbox_does_not_exist_without_debug(client, mailbox, settings):
    settings.DEBUG = False
    [key] = [path.stem for path in mailbox.glob("*.eml")]
    for url in ("/dev/mailbox/", f"/dev/mailbox/{key}/", f"/dev/mailbox/{key}/attachments/1/"):
        assert client.get(url).status_code == 404, url
