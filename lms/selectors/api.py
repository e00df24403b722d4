"""Reads for the REST API: what an organization's key may see."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from lms.models import ApiKey, ApiKeyUse, InvoiceLine, Organization, Registration


def organization_people_registrations(*, organization: Organization) -> QuerySet[Registration]:
    """Registrations of the organization's people: its confirmed members (an unconfirmed
    claim to work somewhere shows nothing to that employer) and anyone it registered itself,
    on its invoice or in a group it paid by card."""
    on_its_invoice = InvoiceLine.objects.filter(
        registration=OuterRef("pk"), invoice__organization=organization
    )
    return Registration.objects.filter(
        Q(
            person__profile__organization=organization,
            person__profile__organization_confirmed_on__isnull=False,
        )
        | Q(group__organization=organization)
        | Exists(on_its_invoice)
    )


def api_key_uses(*, key: ApiKey) -> QuerySet[ApiKeyUse]:
    return ApiKeyUse.objects.filter(key=key).order_by("-at", "-pk")
