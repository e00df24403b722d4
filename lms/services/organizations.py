"""Organizations and their people: membership, contacts, partner support, merging duplicates.

Every change is logged (lms.services.audit) with who made it. Membership matters for money:
an organization's price tier and its partner discount apply only to confirmed members
(`membership_confirmed`), confirmed by an email address at a domain the organization
registered, by one of its contacts, or by staff.
"""

import datetime as dt

from django.db import models, transaction
from django.utils import timezone

from lms.errors import DomainError
from lms.models import (
    Organization,
    OrganizationContact,
    OrganizationSelfReport,
    PartnerSupportPayment,
    Profile,
)
from lms.rules.organizations import email_at_domains
from lms.services.audit import audit_log


class OrganizationError(DomainError):
    pass


# --- Membership ----------------------------------------------------------------------------------
def membership_confirmed(profile: Profile | None) -> bool:
    """Whether the profile's organization may set the person's price (tier and partner discount)."""
    return bool(profile and profile.organization_id and profile.organization_confirmed_on)


def is_contact(*, person, organization: Organization) -> bool:
    return OrganizationContact.objects.filter(organization=organization, person=person).exists()


def membership_after_profile_save(*, profile: Profile, previous_organization_id: int | None):
    """After a person saves their profile: a new organization starts unconfirmed unless the
    person's email is at one of its domains (or they are its contact); the same organization
    keeps its confirmation."""
    if profile.organization_id == previous_organization_id and (
        profile.organization_confirmed_on or not profile.organization_id
    ):
        return profile
    how = ""
    organization = profile.organization
    if organization is not None:
        if email_at_domains(profile.user.email, organization.email_domains):
            how = "email_domain"
        elif is_contact(person=profile.user, organization=organization):
            how = "contact"
    profile.organization_confirmed_how = how
    profile.organization_confirmed_on = timezone.localdate() if how else None
    profile.save(update_fields=["organization_confirmed_how", "organization_confirmed_on"])
    if how:
        audit_log(
            instance=organization,
            action="lms.organization.member_confirm",
            user=profile.user,
            data={"person": profile.user.email, "how": how},
        )
    return profile


def membership_confirm(*, profile: Profile, by, today: dt.date | None = None) -> Profile:
    """Staff, or a contact of the organization, confirm that the person works there. `by`
    None is the coalition itself (the demo, an import staff ran): counted as staff."""
    with transaction.atomic():
        # Lock the profile only: its organization is a nullable join, which PostgreSQL
        # cannot lock.
        profile = (
            Profile.objects.select_for_update(of=("self",))
            .select_related("organization", "user")
            .get(pk=profile.pk)
        )
        organization = profile.organization
        if organization is None:
            raise OrganizationError("This person's profile names no organization.")
        if by is None or by.has_perm("lms.change_organization"):
            how = "staff"
        elif is_contact(person=by, organization=organization):
            how = "contact"
        else:
            raise OrganizationError(
                f"Only {organization.name}'s contacts or coalition staff can confirm its members."
            )
        if profile.organization_confirmed_on:
            return profile
        profile.organization_confirmed_on = today or timezone.localdate()
        profile.organization_confirmed_how = how
        profile.save(update_fields=["organization_confirmed_on", "organization_confirmed_how"])
        audit_log(
            instance=organization,
            action="lms.organization.member_confirm",
            user=by,
            data={"person": profile.user.email, "how": how},
        )
    return profile


def members_confirm_all(*, organization: Organization, by) -> int:
    """Staff confirm every member the organization's page lists as waiting. Returns how many."""
    waiting = Profile.objects.filter(organization=organization, organization_confirmed_on=None)
    count = 0
    for profile in waiting:
        membership_confirm(profile=profile, by=by)
        count += 1
    return count


def self_report_refusal(*, person, organization: Organization) -> str | None:
    """Why `person` may not change the organization's self-report (None: they may).

    Its budget band sets prices, waitlist priority and scholarship eligibility, so only its
    contacts and staff may change it."""
    if person.has_perm("lms.change_organization") or is_contact(
        person=person, organization=organization
    ):
        return None
    return (
        f"Only {organization.name}'s designated contacts can change what it reports. "
        "Ask one of them, or write to coalition staff, who can record a change."
    )


# --- Contacts and partner support --------------------------------------------------------------
def contact_add(*, organization: Organization, person, role: str = "", by) -> OrganizationContact:
    contact, created = OrganizationContact.objects.get_or_create(
        organization=organization, person=person, defaults={"role": role.strip()}
    )
    if created:
        audit_log(
            instance=organization,
            action="lms.organization.contact_add",
            user=by,
            data={"person": person.email, "role": contact.role},
        )
    return contact


def contact_remove(*, contact: OrganizationContact, by) -> None:
    organization, email = contact.organization, contact.person.email
    contact.delete()
    audit_log(
        instance=organization,
        action="lms.organization.contact_remove",
        user=by,
        data={"person": email},
    )


def partner_support_record(
    *, organization: Organization, paid_on: dt.date, amount_cents: int | None, note: str, by
) -> PartnerSupportPayment:
    """A payment of partner support: kept in the history; the latest date is the one the
    partner discount reads, and the organization is a coalition partner from now on."""
    if paid_on > timezone.localdate():
        raise OrganizationError("A payment date cannot be in the future.")
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        payment = PartnerSupportPayment.objects.create(
            organization=organization,
            paid_on=paid_on,
            amount_cents=amount_cents,
            note=note.strip(),
            recorded_by=by,
        )
        latest = organization.partner_support_payments.aggregate(latest=models.Max("paid_on"))
        organization.partner_support_paid_on = latest["latest"]
        organization.is_coalition_partner = True
        organization.save(update_fields=["partner_support_paid_on", "is_coalition_partner"])
        audit_log(
            instance=organization,
            action="lms.organization.partner_support",
            user=by,
            data={"paid_on": paid_on.isoformat(), "amount_cents": amount_cents},
        )
    return payment


# --- Merging two records of one organization -------------------------------------------------------
def organization_merge(*, keep: Organization, duplicate: Organization, by) -> dict[str, int]:
    """Move everything that points at `duplicate` to `keep`, then delete `duplicate`.

    Members, group registrations, invoices, TA requests, contacts and partner-support history
    move; its self-report moves if `keep` has none (else `keep`'s stays); partner status and
    the latest support date are combined. Returns how many rows of each kind moved. Logged.
    """
    if keep.pk == duplicate.pk:
        raise OrganizationError("Choose another organization: a record cannot merge into itself.")
    with transaction.atomic():
        locked = {
            o.pk: o
            for o in Organization.objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk])
        }
        if len(locked) != 2:
            raise OrganizationError("One of the two organizations no longer exists.")
        keep, duplicate = locked[keep.pk], locked[duplicate.pk]
        moved: dict[str, int] = {}
        relations = [
            f
            for f in Organization._meta.get_fields(include_hidden=True)
            if f.auto_created and not f.concrete and (f.one_to_many or f.one_to_one)
        ]
        for relation in relations:
            model, field = relation.related_model, relation.field.name
            if relation.one_to_one:
                continue  # the self-report, below
            if model is OrganizationContact:
                already = model.objects.filter(organization=keep).values("person")
                model.objects.filter(organization=duplicate, person__in=already).delete()
            moved[str(model._meta.verbose_name_plural)] = model.objects.filter(
                **{field: duplicate}
            ).update(**{field: keep})
        report = OrganizationSelfReport.objects.filter(organization=duplicate).first()
        if report and not OrganizationSelfReport.objects.filter(organization=keep).exists():
            report.organization = keep
            report.save(update_fields=["organization"])
        keep.is_coalition_partner = keep.is_coalition_partner or duplicate.is_coalition_partner
        dates = [d for d in (keep.partner_support_paid_on, duplicate.partner_support_paid_on) if d]
        keep.partner_support_paid_on = max(dates) if dates else None
        for name in ("budget_band", "sub_sector", "city", "email_domains"):
            if not getattr(keep, name):
                setattr(keep, name, getattr(duplicate, name))
        if keep.budget_band and not keep.budget_band_reported_on:
            keep.budget_band_reported_on = duplicate.budget_band_reported_on
        keep.save()
        name = duplicate.name
        audit_log(
            instance=keep,
            action="lms.organization.merge",
            user=by,
            data={"merged": name, "moved": {k: v for k, v in moved.items() if v}},
        )
        duplicate.delete()
    return moved
