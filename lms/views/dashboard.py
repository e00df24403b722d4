"""The participant's own page at /my/."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from lms.selectors import registrations as selectors
from lms.selectors.groups import card_groups_coordinated_by, groups_coordinated_by
from lms.selectors.waitlists import waitlist_places_for


@login_required
def dashboard(request):
    return render(
        request,
        "lms/dashboard.html",
        {
            "registrations": selectors.registrations_for_person(person=request.user),
            "waitlist_places": waitlist_places_for(person=request.user),
            "groups": groups_coordinated_by(person=request.user),
            "card_groups": card_groups_coordinated_by(person=request.user),
        },
    )
