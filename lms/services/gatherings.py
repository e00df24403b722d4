"""Gatherings: the sign-in sheet of a meeting, uploaded, previewed, then applied.

A gathering (an LAC meeting, an advocacy day, ...) is a Training of another kind
(lms.models.catalogue.EventKind), so registration, waitlist, reminders, check-in, virtual
report import and attendance are the trainings' own. What is added here is the paper
sign-in sheet: people who came without registering. Each row is matched to a person (by
email) and an organization (by name, case and spaces ignored); people and organizations
not found are created and marked for staff review; each person gets a confirmed, free
registration on behalf of that organization and an attendance record for the meeting.

Lock order: the sheet, then each registration (as attendance_check_in does).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from lms.errors import DomainError
from lms.models import (
    AttendanceSource,
    Meeting,
    Organization,
    Profile,
    Registration,
    SignInSheet,
    User,
)
from lms.rules.gatherings import SheetRow, organization_name_key, sign_in_sheet_read
from lms.services.attendance import attendance_check_in
from lms.services.audit import audit_log

SHEET_MAX_BYTES = 1_000_000


class SignInSheetError(DomainError):
    pass


@dataclass(frozen=True)
class RowPlan:
    """What applying one row will do (or did)."""

    row: SheetRow
    person: User | None
    organization: Organization | None
    registration: Registration | None

    @property
    def new_person(self) -> bool:
        return self.row.ok and self.person is None

    @property
    def new_organization(self) -> bool:
        return bool(self.row.ok and self.row.organization and self.organization is None)

    @property
    def summary(self) -> str:
        if not self.row.ok:
            return "Skipped: " + "; ".join(self.row.errors) + "."
        who = "new person (for review)" if self.new_person else f"matched {self.person.email}"
        if not self.row.organization:
            org = "no organization"
        elif self.new_organization:
            org = f"new organization “{self.row.organization}” (for review)"
        else:
            org = f"organization {self.organization.name}"
        if self.registration is None:
            seat = "registered as a walk-in"
        elif self.registration.status == Registration.Status.CONFIRMED:
            seat = "already registered"
        else:
            seat = "has an unpaid seat: registered as a walk-in once it is settled"
        return f"{who}; {org}; {seat}."


def organizations_by_key() -> dict[str, Organization]:
    return {organization_name_key(o.name): o for o in Organization.objects.all()}


def sign_in_sheet_upload(*, meeting: Meeting, file_name: str, data: bytes, by) -> SignInSheet:
    """Store an uploaded sheet for the preview; nothing else changes until it is applied."""
    training = meeting.session.training
    if training.offers_ce:
        raise SignInSheetError(
            "Sign-in sheets are for gatherings. A CE training records attendance by check-in "
            "or the virtual platform's report, which give the minutes CE credit needs."
        )
    if len(data) > SHEET_MAX_BYTES:
        raise SignInSheetError(
            gettext("The file is larger than 1 MB: split it into several sheets.")
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise SignInSheetError(gettext("The file is not a text (CSV) file.")) from exc
    sheet = sign_in_sheet_read(text)
    if sheet.problems and not sheet.rows:
        raise SignInSheetError(" ".join(sheet.problems))
    return SignInSheet.objects.create(
        meeting=meeting, file_name=file_name[:200], text=text, uploaded_by=by
    )


def sign_in_sheet_plan(*, sheet: SignInSheet) -> tuple[list[RowPlan], list[str]]:
    """Each row with whom it matches now, and the problems of the whole file."""
    parsed = sign_in_sheet_read(sheet.text)
    emails = [row.email for row in parsed.ok_rows]
    people = {user.email.lower(): user for user in User.objects.filter(email__in=emails)}
    organizations = organizations_by_key()
    registrations = {
        registration.person_id: registration
        for registration in Registration.objects.filter(
            session_id=sheet.meeting.session_id,
            person__in=people.values(),
            status__in=Registration.SEAT_HOLDING,
        )
    }
    plans = []
    for row in parsed.rows:
        person = people.get(row.email) if row.ok else None
        plans.append(
            RowPlan(
                row=row,
                person=person,
                organization=organizations.get(organization_name_key(row.organization))
                if row.ok and row.organization
                else None,
                registration=registrations.get(person.pk) if person else None,
            )
        )
    return plans, parsed.problems


def _person_for(row: SheetRow) -> tuple[User, bool]:
    user = User.objects.filter(email__iexact=row.email).first()
    created = user is None
    if created:
        first, _, last = row.name.partition(" ")
        user = User.objects.create_user(
            email=row.email, password=None, first_name=first, last_name=last
        )
    profile, _ = Profile.objects.get_or_create(user=user)
    if created or not profile.printed_name.strip():
        profile.printed_name = profile.printed_name.strip() or row.name
        profile.needs_review = profile.needs_review or created
        profile.save(update_fields=["printed_name", "needs_review"])
    return user, created


def _organization_for(row: SheetRow, known: dict[str, Organization]):
    if not row.organization:
        return None, False
    key = organization_name_key(row.organization)
    if key in known:
        return known[key], False
    organization = Organization.objects.create(name=row.organization[:200], needs_review=True)
    known[key] = organization
    return organization, True


def sign_in_sheet_apply(*, sheet: SignInSheet, by, now: dt.datetime | None = None) -> SignInSheet:
    """Apply a previewed sheet: people, organizations, walk-in registrations and attendance.

    Applying twice changes nothing (the sheet is locked and remembers it was applied); a
    person already checked in stays as they were. Rows with errors are skipped and listed."""
    now = now or timezone.now()
    with transaction.atomic():
        sheet = (
            SignInSheet.objects.select_for_update()
            .select_related("meeting__session")
            .get(pk=sheet.pk)
        )
        if sheet.applied_at is not None:
            return sheet
        meeting = sheet.meeting
        session = meeting.session
        known = organizations_by_key()
        outcome = []
        counts = {"attended": 0, "new_people": 0, "new_organizations": 0, "skipped": 0}
        for row in sign_in_sheet_read(sheet.text).rows:
            if not row.ok:
                counts["skipped"] += 1
                outcome.append({"line": row.line, "result": "skipped", "errors": list(row.errors)})
                continue
            person, new_person = _person_for(row)
            organization, new_organization = _organization_for(row, known)
            profile = person.profile
            if organization and profile.organization_id is None:
                profile.organization = organization
                profile.save(update_fields=["organization"])
            registration = (
                Registration.objects.select_for_update()
                .filter(session=session, person=person, status__in=Registration.SEAT_HOLDING)
                .first()
            )
            if registration is not None and registration.status != Registration.Status.CONFIRMED:
                counts["skipped"] += 1
                outcome.append(
                    {
                        "line": row.line,
                        "result": "skipped",
                        "errors": [f"{person.email} has an unpaid seat: settle it first"],
                    }
                )
                continue
            if registration is None:
                registration = Registration(
                    session=session,
                    person=person,
                    organization=organization,
                    staff_notes=f"Signed the sign-in sheet {sheet.file_name or sheet.pk}.",
                )
                registration.transition_to(Registration.Status.CONFIRMED)
                registration.confirmed_at = now
                registration.save()
                audit_log(
                    instance=registration,
                    action="lms.registration.sign_in_sheet",
                    user=by,
                    data={"sheet": sheet.pk, "line": row.line},
                )
            elif organization and registration.organization_id is None:
                registration.organization = organization
                registration.save(update_fields=["organization", "updated_at"])
            attendance_check_in(
                registration=registration,
                meeting=meeting,
                by=by,
                source=AttendanceSource.SIGN_IN_SHEET,
                now=max(now, meeting.starts_at),
            )
            counts["attended"] += 1
            counts["new_people"] += int(new_person)
            counts["new_organizations"] += int(new_organization)
            outcome.append(
                {
                    "line": row.line,
                    "result": "attended",
                    "person": person.email,
                    "new_person": new_person,
                    "organization": organization.name if organization else "",
                    "new_organization": new_organization,
                }
            )
        sheet.applied_at, sheet.applied_by, sheet.outcome = now, by, outcome
        sheet.save(update_fields=["applied_at", "applied_by", "outcome"])
        audit_log(
            instance=session,
            action="lms.attendance.sign_in_sheet",
            user=by,
            data={"sheet": sheet.pk, "meeting": meeting.pk, **counts},
        )
    return sheet
