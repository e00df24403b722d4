"""The participant's own page at /my/: upcoming and past trainings apart, each with its one
next step as the main button (lms/rules/next_step.py decides which)."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from lms.rules.money import dollars
from lms.rules.next_step import NextStep
from lms.selectors import registrations as selectors
from lms.selectors.groups import card_groups_coordinated_by, groups_coordinated_by
from lms.selectors.waitlists import waitlist_places_for


@dataclass(frozen=True)
class Action:
    label: str
    url: str = ""  # no url: a status line, not a button


def next_action(row: selectors.MyTraining) -> Action | None:
    registration = row.registration
    detail = reverse("lms:registration_detail", args=[registration.pk])
    match row.step:
        case NextStep.PAY:
            return Action(
                _("Pay %(amount)s") % {"amount": dollars(registration.amount_cents)},
                reverse("lms:registration_pay", args=[registration.pk]),
            )
        case NextStep.COMPLETE:
            return Action(_("Complete my registration"), detail)
        case NextStep.AWAIT_SCHOLARSHIP:
            return Action(_("Scholarship application waiting for a decision"))
        case NextStep.JOIN:
            return Action(_("Join now"), registration.session.online_link)
        case NextStep.CHECK_IN:
            return Action(_("Show my check-in code"), detail)
        case NextStep.PREPARE:
            return Action(_("Joining and check-in details"), detail)
        case NextStep.EVALUATE:
            return Action(
                _("Answer the evaluation"), reverse("lms:evaluation", args=[registration.pk])
            )
        case NextStep.CERTIFICATE:
            return Action(
                _("Download my certificate"),
                reverse("certificates:certificate_pdf", args=[row.certificate.pk]),
            )
        case NextStep.REGISTER_AGAIN:
            return Action(
                _("Register again"), reverse("lms:session_register", args=[registration.session_id])
            )
    return None


@login_required
def dashboard(request):
    trainings = selectors.my_trainings(person=request.user)
    return render(
        request,
        "lms/dashboard.html",
        {
            "trainings": trainings,
            "upcoming": [(row, next_action(row)) for row in trainings.upcoming],
            "past": [(row, next_action(row)) for row in trainings.past],
            "waitlist_places": waitlist_places_for(person=request.user),
            "groups": groups_coordinated_by(person=request.user),
            "card_groups": card_groups_coordinated_by(person=request.user),
        },
    )
