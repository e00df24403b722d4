"""A participant joins, leaves or declines a waitlist place."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from lms.errors import DomainError
from lms.models import (
    Session,
    WaitlistEntry,
)
from lms.services import waitlists
from lms.views.errors import domain_error_show


@login_required
@require_POST
def waitlist_join(request, session_id: int):
    session = get_object_or_404(Session, pk=session_id)
    try:
        waitlists.waitlist_join(session=session, person=request.user)
    except DomainError as exc:
        domain_error_show(request, exc)
        return redirect("lms:session_register", session_id=session.pk)
    messages.success(
        request, gettext("You are on the waitlist. We will email you if a seat opens for you.")
    )
    return redirect("lms:dashboard")


def _own_entry(request, pk: int) -> WaitlistEntry:
    return get_object_or_404(WaitlistEntry, pk=pk, person=request.user)


@login_required
@require_POST
def waitlist_leave(request, pk: int):
    try:
        waitlists.waitlist_leave(entry=_own_entry(request, pk), by=request.user)
    except DomainError as exc:
        domain_error_show(request, exc)
    else:
        messages.success(request, gettext("You have left the waitlist."))
    return redirect("lms:dashboard")


@login_required
@require_POST
def waitlist_decline(request, pk: int):
    try:
        waitlists.waitlist_offer_decline(entry=_own_entry(request, pk), by=request.user)
    except DomainError as exc:
        domain_error_show(request, exc)
    else:
        messages.success(request, gettext("Thank you: the seat passes to the next person."))
    return redirect("lms:dashboard")
