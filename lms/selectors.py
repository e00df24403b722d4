"""Reads. Views, cms pages and reports query through these, never through ad-hoc ORM calls."""

from django.db.models import QuerySet

from .models import Registration


def registrations_for_person(*, person) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(person=person)
        .select_related("session__training", "fee_tier")
        .order_by("session__starts_at")
    )
