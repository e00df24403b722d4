"""The participant's own page at /my/."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from lms import selectors, selectors_scholarships


@login_required
def dashboard(request):
    return render(
        request,
        "lms/dashboard.html",
        {
            "registrations": selectors.registrations_for_person(person=request.user),
            "waitlist_places": selectors_scholarships.waitlist_places_for(person=request.user),
            "groups": selectors_scholarships.groups_coordinated_by(person=request.user),
            "card_groups": selectors_scholarships.card_groups_coordinated_by(person=request.user),
        },
    )
