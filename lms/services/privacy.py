"""People's data: the export, erasure, the retention schedule and the log of reads of
row-level demographic answers (docs/security.md, "People's data").

- **Export**: `personal_data_export` builds a ZIP (a JSON and a CSV file per kind of data,
  and a README) on the spot from lms.selectors.privacy and, through the
  `personal_data_requested` signal, the certificates app. Nothing is stored.
- **Erasure**: `erasure_request_create` (the person, on /my/privacy/, or staff recording a
  request made by letter or phone), confirmed by the emailed link or by staff's identity
  check, carried out by `person_erase`. Lock order: the erasure request, then the person.
- **Retention**: `retention_run`, scheduled daily, purges what is past its period and
  records what it purged in a RetentionRun row.
- **Reads of demographic answers**: `demographic_access_record`, called by every screen that
  shows them person by person.

Every change is written to the audit log (lms.services.audit), without the personal data.
"""

import dataclasses
import datetime as dt
import io
import json
import logging
import re
import secrets
import zipfile
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from lms.errors import DomainError
from lms.exports import csv_text
from lms.models import (
    AttendanceRecord,
    DemographicAccess,
    ErasureRequest,
    EvaluationAnswer,
    ParticipantDemographics,
    Profile,
    Registration,
    RetentionRun,
    ScholarshipApplication,
    StripeCustomer,
    StripeEvent,
    User,
    VirtualAttendanceReport,
    VirtualAttendanceRow,
)
from lms.rules.privacy import (
    RetentionPolicy,
    erasure_blockers,
    erasure_check,
    initials,
    retained_until,
    retention_cutoffs,
)
from lms.selectors.privacy import (
    ExportSection,
    erasure_facts,
    identity_digest,
    last_record_on,
    personal_data_sections,
    ta_requests_of,
)
from lms.services.audit import audit_log
from lms.services.queue import enqueue_on_commit
from lms.signals import person_erased, personal_data_requested

logger = logging.getLogger(__name__)


class ErasureLinkInvalid(DomainError):
    """The emailed link is wrong, expired, used, or another person's."""


# --- Export ----------------------------------------------------------------------------------

EXPORT_README = """Everything Coalition CE holds about you, as of {when}.

Each kind of data is in two files with the same content: NAME.json (for programs) and
NAME.csv (for spreadsheets). Times are in {zone}. A kind you have nothing of is an empty
list in its JSON file and only a header row (or nothing) in its CSV file.

{contents}

Your certificate PDFs and transcript are on /my/certificates/. Questions about your data:
reply to any email from us.
"""


def _plain(value):
    """A value as it is written in both files: local ISO times, lists kept for JSON."""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds") if value else ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    return value


def _section_csv(section: ExportSection) -> str:
    columns: list[str] = []
    for row in section.rows:
        columns += [key for key in row if key not in columns]
    rows = [[_csv_cell(_plain(row.get(column))) for column in columns] for row in section.rows]
    return csv_text([columns, *rows] if columns else rows)


def _section_json(section: ExportSection) -> str:
    rows = [{key: _plain(value) for key, value in row.items()} for row in section.rows]
    return json.dumps(rows, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False) + "\n"


def personal_data_collect(*, person) -> list[ExportSection]:
    """lms's sections, then those other apps add through `personal_data_requested`."""
    sections = personal_data_sections(person=person)
    for _receiver, added in personal_data_requested.send(sender=User, person=person):
        sections.extend(added or [])
    return sections


def personal_data_export(*, person, now: dt.datetime | None = None) -> tuple[str, bytes]:
    """The person's data as a ZIP: (file name, bytes). Built synchronously: one person's rows
    are few (docs/decisions.md). The download is written to the audit log."""
    now = now or timezone.now()
    sections = personal_data_collect(person=person)
    contents = "\n".join(
        f"- {section.name}: {section.title} ({len(section.rows)})" for section in sections
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt",
            EXPORT_README.format(when=_plain(now), zone=settings.TIME_ZONE, contents=contents),
        )
        for section in sections:
            archive.writestr(f"{section.name}.json", _section_json(section))
            archive.writestr(f"{section.name}.csv", _section_csv(section))
    audit_log(
        instance=person,
        action="lms.privacy.export",
        user=person,
        data={"sections": {section.name: len(section.rows) for section in sections}},
    )
    return f"coalition-ce-my-data-{timezone.localdate(now):%Y-%m-%d}.zip", buffer.getvalue()


# --- Erasure requests ------------------------------------------------------------------------

LINK_SALT = "lms.privacy.erasure-link"


def erasure_link_token(*, request: ErasureRequest) -> str:
    """The signed, timestamped token of the emailed link (valid ERASURE_LINK_HOURS)."""
    return signing.dumps({"request": request.pk, "person": request.person_id}, salt=LINK_SALT)


def erasure_request_for_link(*, token: str, person) -> ErasureRequest:
    """The request the link confirms, if it is this person's, still waiting and in time."""
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=settings.ERASURE_LINK_HOURS * 3600)
    except signing.SignatureExpired as exc:
        raise ErasureLinkInvalid(
            "This link has expired. Ask again on your privacy page for a new one."
        ) from exc
    except signing.BadSignature as exc:
        raise ErasureLinkInvalid("This link is not valid.") from exc
    request = ErasureRequest.objects.filter(
        pk=data.get("request"), person=person, person_id=data.get("person")
    ).first()
    if request is None or request.status != ErasureRequest.Status.AWAITING_CONFIRMATION:
        raise ErasureLinkInvalid("This link is not valid any more.")
    return request


def erasure_request_open(*, person) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(person=person, status__in=ErasureRequest.OPEN).first()


def erasure_request_create(
    *,
    person,
    channel: str = ErasureRequest.Channel.SELF_SERVICE,
    by=None,
    identity_check: str = "",
) -> ErasureRequest:
    """Record a request to erase `person`'s data.

    On the site (`by` is None or the person): refused while something blocks the erasure,
    so nobody is sent a link that cannot work; a request still waiting has its link sent
    again. Recorded by staff for a request made by other means: confirmed at once by their
    `identity_check`, and recorded even if something still blocks it (staff see what, on
    the request's "Erase now" page).
    """
    by_staff = by is not None and by.pk != person.pk
    if by_staff and not identity_check.strip():
        raise DomainError(gettext("Say how you checked that this person made the request."))
    if by_staff and channel == ErasureRequest.Channel.SELF_SERVICE:
        raise DomainError(gettext("Say how the request reached you."))
    if not by_staff:
        erasure_check(erasure_facts(person=person))
    with transaction.atomic():
        User.objects.select_for_update().get(pk=person.pk)
        request = erasure_request_open(person=person)
        if request is not None and request.status == ErasureRequest.Status.CONFIRMED:
            raise DomainError(
                gettext("A request to erase this person's data is already confirmed.")
            )
        if request is None:
            request = ErasureRequest.objects.create(
                person=person,
                channel=channel if by_staff else ErasureRequest.Channel.SELF_SERVICE,
            )
            audit_log(
                instance=request,
                action="lms.privacy.erasure_request",
                user=by or person,
                data={"channel": request.channel},
            )
        if by_staff:
            request.transition_to(ErasureRequest.Status.CONFIRMED)
            request.channel = channel
            request.identity_check = identity_check.strip()
            request.recorded_by = by
            request.confirmed_at = timezone.now()
            request.save()
            audit_log(
                instance=request,
                action="lms.privacy.erasure_confirm",
                user=by,
                data={"channel": channel, "by": "staff identity check"},
            )
        else:
            enqueue_on_commit("lms.tasks.privacy.email_erasure_link", request.pk)
    return request


def erasure_request_withdraw(*, request: ErasureRequest, by) -> ErasureRequest:
    """The person (or staff for them) no longer wants the erasure."""
    with transaction.atomic():
        request = ErasureRequest.objects.select_for_update().get(pk=request.pk)
        if request.status == ErasureRequest.Status.WITHDRAWN:
            return request
        request.transition_to(ErasureRequest.Status.WITHDRAWN)
        request.closed_at = timezone.now()
        request.save(update_fields=["status", "closed_at"])
        audit_log(instance=request, action="lms.privacy.erasure_withdraw", user=by)
    return request


def erasure_preview(*, person) -> list[str]:
    """Why `person` cannot be erased now (empty when they can): what the pages show."""
    return erasure_blockers(erasure_facts(person=person))


# --- Erasure ---------------------------------------------------------------------------------

ERASED_DOMAIN = "erased.invalid"  # RFC 2606: never delivered
PSEUDONYM_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"


def _new_pseudonym_code() -> str:
    while True:
        code = "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(8))
        if not ErasureRequest.objects.filter(pseudonym=f"Erased person {code}").exists():
            return code


def _replace_in(value, patterns: list[re.Pattern], pseudonym: str):
    """`value` (text, or JSON of lists and dicts) with every identifier replaced."""
    if isinstance(value, str):
        for pattern in patterns:
            value = pattern.sub(pseudonym, value)
        return value
    if isinstance(value, list):
        return [_replace_in(item, patterns, pseudonym) for item in value]
    if isinstance(value, dict):
        return {key: _replace_in(item, patterns, pseudonym) for key, item in value.items()}
    return value


def _audit_entries_pseudonymise(identifiers: Iterable[str], pseudonym: str) -> int:
    """Audit entries name objects as they were named when logged ("Pat Johnson – Trauma
    101"): replace the person's email and names in their labels and data. The entries
    themselves stay: who did what and when is kept."""
    identifiers = sorted({i for i in identifiers if len(i.strip()) >= 3}, key=len, reverse=True)
    if not identifiers:
        return 0
    patterns = [re.compile(re.escape(identifier), re.IGNORECASE) for identifier in identifiers]
    match = Q()
    for identifier in identifiers:
        # Data is JSON text: SQLite keeps "Pérez" as "P\u00e9rez" there, so look for both.
        escaped = json.dumps(identifier)[1:-1]
        match |= Q(label__icontains=identifier) | Q(data__icontains=identifier)
        match |= Q(data__icontains=escaped)
    changed = 0
    for entry in ModelLogEntry.objects.filter(match).only("pk", "label", "data"):
        label = _replace_in(entry.label, patterns, pseudonym)
        data = _replace_in(entry.data, patterns, pseudonym)
        if label != entry.label or data != entry.data:
            ModelLogEntry.objects.filter(pk=entry.pk).update(label=label, data=data)
            changed += 1
    return changed


def _sign_in_traces_delete(email: str) -> int:
    """django-axes keeps failed sign-ins by the email typed (lockouts, docs/security.md)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return sum(
        model.objects.filter(username__iexact=email).delete()[0]
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    )


def person_erase(*, request: ErasureRequest, by, now: dt.datetime | None = None) -> ErasureRequest:
    """Carry out an erasure request (lock, check, act, log).

    Deleted: demographic answers, sign-in addresses and traces; Stripe's customer gets the
    pseudonym (a task, after commit). Removed from kept rows: profile details, free text
    (scholarship need statements, evaluation comments, cancellation reasons, staff notes, TA
    request details), names and emails in virtual attendance reports and in the audit log.
    Kept under the pseudonym: registrations, attendance, payments and refunds, scholarship
    awards, evaluation ratings, certificates (verifiable, with the holder's initials) and the
    audit entries. The account can no longer sign in. Safe to run twice.
    """
    now = now or timezone.now()
    with transaction.atomic():
        request = ErasureRequest.objects.select_for_update().get(pk=request.pk)
        if request.status == ErasureRequest.Status.COMPLETED:
            return request
        person = User.objects.select_for_update().get(pk=request.person_id)
        if request.status == ErasureRequest.Status.AWAITING_CONFIRMATION:
            request.transition_to(ErasureRequest.Status.CONFIRMED)
            request.confirmed_at = now
            request.save(update_fields=["status", "confirmed_at"])
            audit_log(
                instance=request,
                action="lms.privacy.erasure_confirm",
                user=by,
                data={"channel": request.channel, "by": "emailed link"},
            )
        request.transition_check(request.status, ErasureRequest.Status.COMPLETED)
        erasure_check(erasure_facts(person=person, now=now))

        profile = Profile.objects.filter(user=person).first()
        old_email = person.email
        old_names = [person.get_full_name(), profile.printed_name if profile else ""]
        name_for_initials = (profile.printed_name if profile else "") or person.get_full_name()
        code = _new_pseudonym_code()
        pseudonym = f"Erased person {code}"
        erased_email = f"erased-{code.lower()}@{ERASED_DOMAIN}"

        keep_until = retained_until(
            last_record_on=last_record_on(person=person), years=settings.RETENTION_RECORDS_YEARS
        )
        linkable = keep_until is not None and keep_until >= timezone.localdate(now)
        request.email_digest = identity_digest(old_email) if linkable else ""
        request.license_digest = (
            identity_digest(profile.license_number) if linkable and profile else ""
        )
        request.retained_until = keep_until

        summary = {
            "demographic_answers_deleted": ParticipantDemographics.objects.filter(
                person=person
            ).delete()[0],
        }
        summary.update(_lms_rows_pseudonymise(person, pseudonym, erased_email))
        summary["sign_in_traces_deleted"] = _sign_in_traces_delete(old_email)
        from allauth.account.models import EmailAddress

        EmailAddress.objects.filter(user=person).delete()
        if profile is not None:
            for field in (
                "pronouns",
                "phone",
                "accessibility_needs",
                "job_title",
                "license_type",
                "license_number",
                "license_state",
            ):
                setattr(profile, field, "")
            profile.printed_name = pseudonym
            profile.save()
        person.email = erased_email
        person.first_name, person.last_name = "Erased person", code
        person.is_active = False
        person.set_unusable_password()  # also ends every session (Django checks the hash)
        person.save()
        person.user_permissions.clear()
        person.groups.clear()

        for _receiver, counts in person_erased.send(
            sender=User,
            person=person,
            pseudonym=pseudonym,
            initials=initials(name_for_initials),
            by=by,
        ):
            summary.update(counts or {})
        summary["audit_entries_pseudonymised"] = _audit_entries_pseudonymise(
            [old_email, *old_names], pseudonym
        )

        if StripeCustomer.objects.filter(person=person).exists():
            enqueue_on_commit("lms.tasks.privacy.stripe_customers_redact", request.pk)

        request.transition_to(ErasureRequest.Status.COMPLETED)
        request.completed_at = now
        request.completed_by = by
        request.pseudonym = pseudonym
        request.summary = summary
        request.save()
        audit_log(
            instance=request,
            action="lms.privacy.erase",
            user=by,
            data={
                "pseudonym": pseudonym,
                "retained_until": keep_until.isoformat() if keep_until else None,
                "summary": summary,
            },
        )
    return request


def _lms_rows_pseudonymise(person, pseudonym: str, erased_email: str) -> dict[str, int]:
    """Free text and copies of the person's name and email, out of the rows that stay."""
    registrations = Registration.objects.filter(person=person)
    virtual_rows = VirtualAttendanceRow.objects.filter(
        Q(registration__person=person) | Q(email__iexact=person.email)
    )
    return {
        "registrations_kept": registrations.update(cancellation_reason="", staff_notes=""),
        "attendance_records_kept": AttendanceRecord.objects.filter(
            registration__person=person
        ).count(),
        "scholarship_applications_kept": ScholarshipApplication.objects.filter(
            person=person
        ).update(need_statement="", decision_message=""),
        "evaluation_comments_removed": EvaluationAnswer.objects.filter(
            response__registration__person=person
        )
        .exclude(text="")
        .update(text=""),
        "ta_requests_kept": ta_requests_of(person).update(
            requester_name=pseudonym,
            requester_email=erased_email,
            phone="",
            details="",
            staff_note="",
        ),
        "virtual_report_lines_kept": virtual_rows.update(name=pseudonym, email=""),
    }


def stripe_customers_redact(*, request_id: int) -> int:
    """Give Stripe's copy of an erased person's customer the pseudonym, then forget the
    customer here. A task after the erasure's commit; when Stripe cannot be reached the row
    stays and the next retention run tries again. Returns how many were renamed."""
    from lms.payments import stripe_gateway

    request = ErasureRequest.objects.select_related("person").get(pk=request_id)
    renamed = 0
    for customer in StripeCustomer.objects.filter(person=request.person):
        try:
            stripe_gateway.customer_redact(
                customer_id=customer.customer_id,
                email=request.person.email,
                name=request.pseudonym or "",
            )
        except stripe_gateway.GatewayError as exc:
            logger.warning("erasure %s: Stripe customer not renamed yet: %s", request.pk, exc)
            continue
        customer.delete()
        renamed += 1
    return renamed


def stripe_customers_of_erased_redact() -> int:
    """Stripe customers an erasure's task could not rename (Stripe was unreachable)."""
    pending = ErasureRequest.objects.filter(
        status=ErasureRequest.Status.COMPLETED, person__stripe_customer__isnull=False
    ).values_list("pk", flat=True)
    return sum(stripe_customers_redact(request_id=pk) for pk in pending)


# --- Retention -------------------------------------------------------------------------------


def retention_policy() -> RetentionPolicy:
    return RetentionPolicy(
        records_years=settings.RETENTION_RECORDS_YEARS,
        demographics_inactive_years=settings.RETENTION_DEMOGRAPHICS_INACTIVE_YEARS,
        unconfirmed_account_days=settings.RETENTION_UNCONFIRMED_ACCOUNT_DAYS,
        virtual_report_days=settings.RETENTION_VIRTUAL_REPORT_DAYS,
        webhook_payload_days=settings.RETENTION_WEBHOOK_PAYLOAD_DAYS,
        erasure_link_hours=settings.ERASURE_LINK_HOURS,
    )


def demographics_of_inactive_purge(*, inactive_since: dt.datetime) -> int:
    """Delete the answers of people who have neither signed in, registered nor answered
    since `inactive_since`."""
    stale = (
        ParticipantDemographics.objects.filter(reported_on__lt=inactive_since.date())
        .filter(
            Q(person__last_login__lt=inactive_since)
            | Q(person__last_login__isnull=True, person__date_joined__lt=inactive_since)
        )
        .exclude(person__registrations__created_at__gte=inactive_since)
    )
    return ParticipantDemographics.objects.filter(
        pk__in=list(stale.values_list("pk", flat=True))
    ).delete()[0]


def unconfirmed_accounts_purge(*, joined_before: dt.datetime) -> int:
    """Delete accounts whose email address was never confirmed, made before `joined_before`
    and holding nothing (an account with a kept record is left alone)."""
    from allauth.account.models import EmailAddress

    verified = EmailAddress.objects.filter(verified=True).values("user")
    candidates = (
        User.objects.filter(
            date_joined__lt=joined_before,
            is_staff=False,
            is_superuser=False,
            emailaddress__isnull=False,
        )
        .exclude(pk__in=verified)
        .distinct()
    )
    deleted = 0
    for user in candidates:
        try:
            with transaction.atomic():
                user.delete()
        except ProtectedError:
            logger.info("retention: unconfirmed account %s holds records, kept", user.pk)
            continue
        deleted += 1
    return deleted


def virtual_report_names_purge(*, uploaded_before: dt.datetime) -> int:
    """Blank the names and emails in virtual attendance reports uploaded before the cutoff.
    The join and leave times stay (with the matched registration, the attendance record's
    evidence); the names and emails were only needed to match people."""
    return (
        VirtualAttendanceRow.objects.filter(
            report__in=VirtualAttendanceReport.objects.filter(uploaded_at__lt=uploaded_before)
        )
        .exclude(name="", email="")
        .update(name="", email="")
    )


def webhook_payloads_purge(*, received_before: dt.datetime) -> int:
    """Empty the stored payloads of Stripe events processed and received before the cutoff.
    The event id, type, object id and result stay: the id is what stops a repeated delivery
    from being processed twice."""
    return (
        StripeEvent.objects.filter(received_at__lt=received_before, processed_at__isnull=False)
        .exclude(payload={})
        .update(payload={})
    )


def erasure_links_expire(*, sent_before: dt.datetime) -> int:
    """Requests whose emailed link ran out unused."""
    expired = 0
    for pk in ErasureRequest.objects.filter(
        status=ErasureRequest.Status.AWAITING_CONFIRMATION, requested_at__lt=sent_before
    ).values_list("pk", flat=True):
        with transaction.atomic():
            request = ErasureRequest.objects.select_for_update().get(pk=pk)
            if request.status != ErasureRequest.Status.AWAITING_CONFIRMATION:
                continue
            request.transition_to(ErasureRequest.Status.EXPIRED)
            request.closed_at = timezone.now()
            request.save(update_fields=["status", "closed_at"])
            audit_log(instance=request, action="lms.privacy.erasure_expire")
            expired += 1
    return expired


def erased_identities_release(*, retained_until_before: dt.date) -> int:
    """Past the retention period, drop the digests that let staff find an erased person's
    records by email or license number: the records become anonymous."""
    return (
        ErasureRequest.objects.filter(
            status=ErasureRequest.Status.COMPLETED, retained_until__lt=retained_until_before
        )
        .exclude(email_digest="", license_digest="")
        .update(email_digest="", license_digest="")
    )


def retention_run(*, now: dt.datetime | None = None) -> RetentionRun:
    """Purge what is past its period; the run row and the log say what was purged."""
    now = now or timezone.now()
    policy = retention_policy()
    cutoffs = retention_cutoffs(now=now, policy=policy)
    run = RetentionRun.objects.create(periods=dataclasses.asdict(policy))
    purged = {
        "demographic_answers_of_inactive_people": demographics_of_inactive_purge(
            inactive_since=cutoffs.demographics_inactive_since
        ),
        "unconfirmed_accounts": unconfirmed_accounts_purge(
            joined_before=cutoffs.unconfirmed_joined_before
        ),
        "virtual_report_lines_anonymised": virtual_report_names_purge(
            uploaded_before=cutoffs.virtual_report_uploaded_before
        ),
        "webhook_payloads": webhook_payloads_purge(received_before=cutoffs.webhook_received_before),
        "erasure_links_expired": erasure_links_expire(sent_before=cutoffs.erasure_link_sent_before),
        "erased_people_past_retention": erased_identities_release(
            retained_until_before=cutoffs.records_retained_until_before
        ),
        "stripe_customers_renamed_late": stripe_customers_of_erased_redact(),
    }
    run.purged = purged
    run.finished_at = timezone.now()
    run.save(update_fields=["purged", "finished_at"])
    audit_log(instance=run, action="lms.privacy.retention_run", data=purged)
    logger.info(
        "retention run %s: %s",
        run.pk,
        ", ".join(f"{kind} {count}" for kind, count in purged.items()),
    )
    return run


# --- Reads of row-level demographic answers --------------------------------------------------


def demographic_access_record(
    *, by, person_ids: Iterable[int], what: str, path: str = ""
) -> DemographicAccess:
    """Log that `by` saw these people's answers person by person (every such screen calls
    this before it answers)."""
    person_ids = list(dict.fromkeys(person_ids))
    access = DemographicAccess.objects.create(
        accessed_by=by, what=what[:200], path=path[:500], row_count=len(person_ids)
    )
    access.people.add(*person_ids)
    return access
