"""Wagtail admin registrations for lms: audit actions and the admin viewsets."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .viewsets_catalogue import CatalogueViewSetGroup, FacilitatorViewSet


@hooks.register("register_log_actions")
def register_lms_log_actions(actions):
    # Every money or state change is logged under one of these names (lms.services.audit).
    actions.register_action("lms.registration.hold", "Seat held", "Seat held for payment")
    actions.register_action(
        "lms.registration.confirm", "Registration confirmed", "Registration confirmed"
    )
    actions.register_action(
        "lms.registration.cancel", "Registration cancelled", "Registration cancelled"
    )
    actions.register_action("lms.registration.expire", "Hold expired", "Seat hold expired")


@hooks.register("register_admin_viewset")
def register_catalogue_viewsets():
    return CatalogueViewSetGroup()


register_snippet(FacilitatorViewSet)
