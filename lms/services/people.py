"""Staff corrections to a person: printed name and license, deactivation. Logged."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse

from lms.errors import DomainError
from lms.models import Facilitator, Organization, Profile, User
from lms.services.audit import audit_log
from lms.signals import personal_data_requested

CORRECTABLE = ("printed_name", "license_type", "license_number", "license_state")


class PersonError(DomainError):
    pass


def profile_correct(*, profile: Profile, changes: dict, reason: str, by) -> list[dict]:
    """Correct the printed name or license; returns the valid certificates that still carry
    the old details (staff reissue them from the certificate's page)."""
    if not reason.strip():
        raise PersonError("Say why the details are corrected: the reason is logged.")
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise PersonError(f"These details are not corrected here: {', '.join(sorted(unknown))}.")
    if not (changes.get("printed_name") or "").strip():
        raise PersonError("The printed name cannot be empty.")
    if changes.get("license_type") and not (changes.get("license_number") or "").strip():
        raise PersonError("A license needs its number.")
    with transaction.atomic():
        profile = Profile.objects.select_for_update().get(pk=profile.pk)
        before = {name: getattr(profile, name) for name in CORRECTABLE}
        for name, value in changes.items():
            setattr(profile, name, value.strip() if isinstance(value, str) else value)
        after = {name: getattr(profile, name) for name in CORRECTABLE}
        changed = {
            name: [before[name], after[name]] for name in CORRECTABLE if before[name] != after[name]
        }
        if not changed:
            return []
        profile.save(update_fields=list(changed))
        audit_log(
            instance=profile,
            action="lms.person.correct",
            user=by,
            data={"changed": changed, "reason": reason.strip()},
        )
    return outdated_certificates(profile=profile)


def outdated_certificates(*, profile: Profile) -> list[dict]:
    """Valid certificates whose printed name or license differ from the profile's."""
    outdated = []
    for _receiver, sections in personal_data_requested.send(sender=Profile, person=profile.user):
        for section in sections:
            if section.name != "certificates":
                continue
            for row in section.rows:
                if not row.get("valid"):
                    continue
                if (
                    row.get("printed_name") != profile.printed_name
                    or (row.get("license_type") or "") != profile.license_type
                    or (row.get("license_number") or "") != profile.license_number
                ):
                    outdated.append(row)
    return outdated


def person_deactivate(*, person: User, reason: str, by) -> User:
    """The person can no longer sign in; everything they did stays."""
    if person.pk == by.pk:
        raise PersonError("You cannot deactivate your own account.")
    if person.is_superuser:
        raise PersonError("An administrator's account is deactivated by another administrator.")
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=person.pk)
        if not person.is_active:
            return person
        person.is_active = False
        person.save(update_fields=["is_active"])
        audit_log(
            instance=person.profile if hasattr(person, "profile") else person,
            action="lms.person.deactivate",
            user=by,
            data={"reason": reason.strip()},
        )
    return person


def person_invite(
    *,
    email: str,
    first_name: str,
    last_name: str,
    by,
    facilitator: Facilitator | None = None,
    organization: Organization | None = None,
) -> User:
    """Create an account for someone who has none (a facilitator, a group attendee) and email
    them a link to choose their password. Asking again for an account nobody has signed in
    to yet sends a new link; an account in use is refused."""
    from allauth.account.forms import default_token_generator
    from allauth.account.models import EmailAddress
    from allauth.account.utils import user_pk_to_url_str

    from lms.services.emails import email_invitation

    email = email.strip()
    with transaction.atomic():
        person = User.objects.filter(email__iexact=email).first()
        if person is not None and (person.has_usable_password() or person.last_login):
            raise PersonError(
                f"{email} already has an account in use: they can sign in, or use "
                "“Forgot your password?” on the sign-in page."
            )
        if (
            facilitator is not None
            and facilitator.user_id
            and facilitator.user_id != getattr(person, "pk", None)
        ):
            raise PersonError(f"{facilitator.name} already has an account.")
        if person is None:
            person = User.objects.create_user(
                email=email,
                password=None,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
            )
        profile, _ = Profile.objects.get_or_create(
            user=person, defaults={"printed_name": f"{first_name} {last_name}".strip()}
        )
        if organization is not None and profile.organization_id is None:
            profile.organization = organization
            profile.save(update_fields=["organization"])
        # The link proves they read this address: it is verified once they choose a password.
        EmailAddress.objects.update_or_create(
            user=person, email=person.email, defaults={"primary": True}
        )
        invited_as = ""
        if facilitator is not None:
            facilitator.user = person
            facilitator.save(update_fields=["user"])
            person.groups.add(*Group.objects.filter(name="Facilitators"))
            invited_as = "a facilitator"
        audit_log(
            instance=profile,
            action="lms.person.invite",
            user=by,
            data={"email": person.email, "facilitator": facilitator.pk if facilitator else None},
        )
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(person),
            "key": default_token_generator.make_token(person),
        },
    )
    transaction.on_commit(
        lambda: email_invitation(
            person=person,
            set_password_url=f"{settings.SITE_URL}{path}",
            invited_as=invited_as,
            by_name=by.get_full_name() or "Coalition staff",
        )
    )
    return person
