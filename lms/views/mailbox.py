"""The demo's mailbox pages (lms/mailbox.py): only with DEBUG on; 404 otherwise."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lms.mailbox import mailbox_list, mailbox_read


def _debug_only():
    if not settings.DEBUG:
        raise Http404("The mailbox exists only in the demo (DEBUG on).")


def _message(key):
    message = mailbox_read(key)
    if message is None:
        raise Http404("No such email.")
    return message


@require_GET
def mailbox_index(request):
    _debug_only()
    return render(request, "lms/mailbox/index.html", {"messages_kept": mailbox_list()})


@require_GET
def mailbox_detail(request, key: str):
    _debug_only()
    return render(request, "lms/mailbox/detail.html", {"message": _message(key)})


@require_GET
def mailbox_html(request, key: str):
    """The HTML part as sent, in a sandbox: no scripts, no forms, links open normally."""
    _debug_only()
    response = HttpResponse(_message(key).html or "<p>No HTML part.</p>")
    response["Content-Security-Policy"] = (
        "sandbox allow-popups allow-top-navigation-by-user-activation; img-src * data: cid:; style-src 'unsafe-inline'"
    )
    return response


@require_GET
def mailbox_attachment(request, key: str, number: int):
    _debug_only()
    message = _message(key)
    attachment = next((a for a in message.attachments if a.number == number), None)
    if attachment is None:
        raise Http404("No such attachment.")
    response = HttpResponse(attachment.payload, content_type=attachment.content_type)
    response["Content-Disposition"] = f'attachment; filename="{attachment.filename}"'
    return response
