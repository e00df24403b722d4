"""Reads for agency group registrations."""

from django.db.models import Count

from lms.models import (
    GroupRegistration,
    Invoice,
)


def groups_coordinated_by(*, person):
    """The group registrations (invoices) a coordinator made, newest session first."""
    return (
        Invoice.objects.filter(coordinator=person)
        .select_related("session__training", "organization")
        .annotate(attendees=Count("lines"))
        .order_by("-session__starts_at")
    )


def card_groups_coordinated_by(*, person):
    """The card-paid groups a coordinator registered (held, paid or expired)."""
    return (
        GroupRegistration.objects.filter(coordinator=person)
        .select_related("session__training", "organization")
        .annotate(attendees=Count("registrations"))
        .order_by("-session__starts_at")
    )
