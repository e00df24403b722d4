"""Certificates: eligibility, issue (serial and code allocated with the row), PDF, revoke,
reissue. Lock-check-act-log; emails go out after commit."""

import base64
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from certificates.approvals import PrintedApproval, printed_approval
from certificates.codes import serial_format, verification_code_new
from certificates.models import (
    BulkIssueRun,
    Certificate,
    CertificateTemplate,
    CreditCategory,
    RosterExport,
    SerialCounter,
    TrainingApproval,
)
from certificates.rosters import Refusal, ce_broker_rows, license_number_problem, roster_rows
from certificates.selectors import (
    certificate_approvals_for,
    registration_credit,
    roster_completions,
)
from lms.documents import pdf_render, pdf_render_and_store
from lms.errors import DomainError
from lms.exports import csv_text, xlsx_append
from lms.models import CoalitionBrand, DeliveryFormat, Registration
from lms.rules.money import hours_text
from lms.selectors.evaluations import evaluation_requirement_met
from lms.services.audit import audit_log
from lms.services.emails import email_send, speaking
from lms.services.queue import enqueue_on_commit


class CertificateError(DomainError):
    """A certificate action that is not allowed; the message is shown to staff."""


@dataclass
class Eligibility:
    registration: Registration
    grants: list = field(default_factory=list)  # [(approval, CreditResult)]
    reasons: list[str] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return bool(self.grants)


def registration_eligibility(*, registration: Registration) -> Eligibility:
    """What certificates this registration earns now, or why none yet.

    CE certificates for each approval covering the participant's credential that gives them
    credit; a certificate of attendance only when no CE approval covers their credential."""
    result = Eligibility(registration=registration)
    if not registration.session.training.offers_ce:
        result.reasons.append(
            f"a {registration.session.training.get_kind_display()} gives no CE credit or certificate"
        )
        return result
    if registration.status != Registration.Status.CONFIRMED:
        result.reasons.append(f"registration is {registration.get_status_display().lower()}")
        return result
    if not evaluation_requirement_met(registration=registration):
        result.reasons.append("the evaluation is not done yet")
        return result
    lines = registration_credit(registration=registration)
    ce = [line for line in lines if not line.approval.body.is_certificate_of_attendance]
    attendance = [line for line in lines if line.approval.body.is_certificate_of_attendance]
    for line in ce or attendance:
        if line.result.total_hours > 0:
            result.grants.append((line.approval, line.result))
        else:
            result.reasons += [f"{line.approval.body.name}: {r}" for r in line.result.reasons]
    if not lines:
        result.reasons.append("no approval covers this training for this participant")
    return result


def template_for_training(training) -> CertificateTemplate | None:
    return (
        CertificateTemplate.objects.filter(trainings=training).first()
        or CertificateTemplate.objects.filter(is_default=True).first()
    )


def _location(session) -> str:
    if session.format == DeliveryFormat.VIRTUAL:
        return "Online"
    return ", ".join(p for p in [session.venue_name, session.city] if p)


def _format_label(session) -> str:
    return "Live interactive webinar" if session.format == DeliveryFormat.VIRTUAL else "In person"


def _snapshot(*, registration: Registration, approval: TrainingApproval, hours: dict) -> dict:
    session = registration.session
    profile = getattr(registration.person, "profile", None)
    template = template_for_training(session.training)
    presenters = [
        str(a.facilitator) for a in session.assignments.select_related("facilitator").all()
    ]
    zones = session.time_zone
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(zones)
    credential = profile.license_type if profile else ""
    labels = CreditCategory.labels()
    own, *others = certificate_approvals_for(
        training=session.training,
        credential=credential,
        issued_for=approval,
        delivery_format=session.format,
    )
    printed = printed_approval(
        own, labels=labels, credential=credential, hours_by_category=hours, presenters=presenters
    )
    return {
        "kind": (
            Certificate.Kind.ATTENDANCE
            if approval.body.is_certificate_of_attendance
            else Certificate.Kind.CE
        ),
        "template": template,
        "printed_name": (profile and profile.printed_name)
        or registration.person.get_full_name()
        or registration.person.email,
        "license_type": profile.license_type if profile else "",
        "license_number": profile.license_number if profile else "",
        "training_title": session.training.title,
        "meeting_dates": sorted(
            {m.starts_at.astimezone(tz).date().isoformat() for m in session.meetings.all()}
        ),
        "format_label": printed.format_wording or _format_label(session),
        "location": _location(session),
        "hours": {c: str(h) for c, h in hours.items() if h},
        "body_name": approval.body.name,
        "sponsor_number": printed.provider_number,
        "approval_number": approval.approval_number,
        "approval_valid_from": approval.valid_from,
        "approval_valid_until": approval.valid_until,
        "approval_statement": printed.statement,
        "other_approvals": [
            printed_approval(other, labels=labels, credential=credential).as_snapshot()
            for other in others
        ],
        "presenters": presenters,
        "signatory_name": template.signatory_name if template else "",
        "signatory_title": template.signatory_title if template else "",
    }


def _serial_next(year: int) -> str:
    """Called inside the certificate's transaction: the counter row stays locked until the
    certificate row commits, so a failure rolls both back and leaves no gap."""
    SerialCounter.objects.get_or_create(year=year)
    counter = SerialCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return serial_format(year=year, number=counter.last)


def _create(*, registration, approval, hours, by, supersedes=None) -> Certificate:
    fields = _snapshot(registration=registration, approval=approval, hours=hours)
    for _attempt in range(5):
        code = verification_code_new()
        if not Certificate.objects.filter(code=code).exists():
            break
    return Certificate.objects.create(
        registration=registration,
        approval=approval,
        serial=_serial_next(timezone.now().year),
        code=code,
        issued_by=by,
        **fields,
    )


def certificate_issue(
    *, registration: Registration, approval: TrainingApproval, hours: dict, by=None
) -> tuple[Certificate, bool]:
    """Issue the certificate for (registration, approval); (certificate, created). Returns the
    existing valid one when there is one, so running twice issues nothing twice."""
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status != Registration.Status.CONFIRMED:
            # Checked again under the lock: a cancellation may have won the race since the
            # eligibility check, and a cancelled registration never gets a certificate.
            raise CertificateError(
                f"The registration is {locked.get_status_display().lower()}; "
                "no certificate is issued."
            )
        existing = Certificate.objects.filter(
            registration=registration, approval=approval, status=Certificate.Status.VALID
        ).first()
        if existing:
            return existing, False
        certificate = _create(registration=registration, approval=approval, hours=hours, by=by)
        audit_log(
            instance=certificate,
            action="certificates.certificate.issue",
            user=by,
            data={"serial": certificate.serial, "registration": registration.pk},
        )
    return certificate, True


def certificate_revoke(*, certificate: Certificate, reason: str, by) -> Certificate:
    reason = reason.strip()
    if not reason:
        raise CertificateError("Give a reason for revoking the certificate.")
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.status == Certificate.Status.REVOKED:
            return certificate
        if certificate.status != Certificate.Status.VALID:
            raise CertificateError("Only a valid certificate can be revoked.")
        certificate.transition_to(Certificate.Status.REVOKED)
        certificate.revoked_reason = reason
        certificate.status_changed_at = timezone.now()
        certificate.save(update_fields=["status", "revoked_reason", "status_changed_at"])
        audit_log(
            instance=certificate,
            action="certificates.certificate.revoke",
            user=by,
            data={"serial": certificate.serial, "reason": reason},
        )
    return certificate


def registration_certificates_revoke(*, registration: Registration, reason: str, by) -> int:
    """Revoke every valid certificate of a registration (it was cancelled); how many."""
    revoked = 0
    for certificate in Certificate.objects.filter(
        registration=registration, status=Certificate.Status.VALID
    ).order_by("pk"):
        certificate_revoke(certificate=certificate, reason=reason, by=by)
        revoked += 1
    return revoked


def certificate_reissue(*, certificate: Certificate, by) -> Certificate:
    """A new certificate from the participant's current profile (name or license corrected);
    the old one is superseded and points to it. Same hours as the old one."""
    with transaction.atomic():
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if old.status != Certificate.Status.VALID:
            raise CertificateError("Only a valid certificate can be reissued.")
        old.transition_to(Certificate.Status.SUPERSEDED)
        old.status_changed_at = timezone.now()
        old.save(update_fields=["status", "status_changed_at"])
        new = _create(
            registration=old.registration,
            approval=old.approval,
            hours={c: Decimal(h) for c, h in old.hours.items()},
            by=by,
        )
        old.superseded_by = new
        old.save(update_fields=["superseded_by"])
        audit_log(
            instance=old,
            action="certificates.certificate.reissue",
            user=by,
            data={"serial": old.serial, "replacement": new.serial},
        )
    certificate_pdf_store(certificate=new)
    return new


# --- PDF ----------------------------------------------------------------------------------


def qr_data_uri(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=4, dark="#000", border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _image_data_uri(image) -> str:
    if image is None:
        return ""
    with image.file.open("rb") as handle:
        data = handle.read()
    mime = "image/png" if image.file.name.lower().endswith(".png") else "image/jpeg"
    return f"data:{mime};base64," + base64.b64encode(data).decode()


def statement_text(certificate: Certificate, template: CertificateTemplate | None) -> str:
    text = (
        template.statement if template else CertificateTemplate._meta.get_field("statement").default
    )
    dates = ", ".join(f"{d:%B %-d, %Y}" for d in certificate.dates())
    try:
        return text.format(
            name=certificate.printed_name,
            training=certificate.training_title,
            dates=dates,
            hours=hours_text(certificate.total_hours),
            body=certificate.body_name,
        )
    except (KeyError, IndexError, ValueError):
        return text  # a typo in a placeholder must not stop issuing


def certificate_context(certificate: Certificate) -> dict:
    template = certificate.template
    brand = CoalitionBrand.load()
    url = certificate.get_verify_url()
    return {
        "certificate": certificate,
        "other_approvals": other_approvals_printed(certificate),
        "template": template,
        "issuer_name": brand.name,
        "accent": template.accent_colour if template else brand.colour,
        "statement": statement_text(certificate, template),
        "verify_url": url,
        "qr": qr_data_uri(url),
        # The template's own logo, else the coalition's (Settings → Coalition brand).
        "logo": _image_data_uri((template.logo if template else None) or brand.logo),
        "signature": _image_data_uri(template.signature_image if template else None),
    }


def other_approvals_printed(certificate: Certificate) -> list[PrintedApproval]:
    """The training's other approvals as they stood at issue, for the lines below the
    certificate's own (templates/pdf/certificate_approvals.html)."""
    return [PrintedApproval.from_snapshot(data) for data in certificate.other_approvals]


CERTIFICATE_TEMPLATE = "pdf/certificate.html"


def certificate_sample(*, template: CertificateTemplate) -> Certificate:
    """An unsaved certificate with sample data, for staff to see a template before it is used:
    a long name with accents, two categories of hours, a two-day training."""
    today = timezone.localdate()
    return Certificate(
        template=template,
        kind=Certificate.Kind.CE,
        serial=f"CE-{today.year}-000000",
        code="SAMPLE000000",
        issued_at=timezone.now(),
        printed_name="María José Núñez-Okafor",
        license_type="LCSW",
        license_number="149.012345",
        training_title="Trauma-Informed Supervision in Community Settings",
        meeting_dates=[(today - dt.timedelta(days=d)).isoformat() for d in (8, 1)],
        format_label="Live interactive webinar",
        hours={"general": "4.50", "ethics": "1.50"},
        body_name="Illinois Department of Financial and Professional Regulation (social work)",
        sponsor_number="159.001234",
        approval_number="SAMPLE-APPROVAL-1",
        approval_valid_from=today.replace(month=1, day=1),
        approval_valid_until=today.replace(month=12, day=31),
        approval_statement=(
            "This program is approved for 6 continuing education hours for Illinois social "
            "workers by the Illinois Department of Financial and Professional Regulation "
            "(sponsor 159.001234)."
        ),
        presenters=["Dr. Amara Okafor, PhD, LCSW", "Luis Ortega, LCPC"],
        signatory_name=template.signatory_name,
        signatory_title=template.signatory_title,
    )


def certificate_pdf_bytes(*, certificate: Certificate, language: str = "") -> bytes:
    """The certificate as a PDF, in English unless `language` asks for a translated copy (a
    participant's own reference; the stored English PDF is the one boards receive)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        context = certificate_context(certificate)
        context["translated_copy"] = (language or settings.LANGUAGE_CODE) != settings.LANGUAGE_CODE
        return pdf_render(template_name=CERTIFICATE_TEMPLATE, context=context)


def certificate_pdf_store(*, certificate: Certificate) -> Certificate:
    # The record is always the coalition's language, whatever page asked for it.
    with translation.override(settings.LANGUAGE_CODE):
        pdf_render_and_store(
            instance=certificate,
            filename=f"{certificate.serial}.pdf",
            template_name=CERTIFICATE_TEMPLATE,
            context=certificate_context(certificate),
        )
    return certificate


# --- Bulk issue ---------------------------------------------------------------------------


def session_registrations(session):
    return (
        Registration.objects.filter(session=session, status=Registration.Status.CONFIRMED)
        .select_related("person__profile", "session__training")
        .order_by("pk")
    )


def registration_certificates_issue(*, registration: Registration, by=None) -> list[Certificate]:
    """Issue, render and email what one registration earns; each step is skipped when done,
    so a repeated or resumed run finishes what a killed one started."""
    eligibility = registration_eligibility(registration=registration)
    if not eligibility.eligible:
        raise CertificateError("; ".join(eligibility.reasons) or "not eligible")
    certificates = []
    for approval, credit in eligibility.grants:
        try:
            certificate, _created = certificate_issue(
                registration=registration, approval=approval, hours=credit.hours_by_category, by=by
            )
        except IntegrityError:  # a concurrent run issued it first
            certificate = Certificate.objects.get(
                registration=registration, approval=approval, status=Certificate.Status.VALID
            )
        if not certificate.pdf:
            certificate_pdf_store(certificate=certificate)
        certificates.append(certificate)
    pending = [c for c in certificates if c.emailed_at is None]
    if pending:
        certificates_email(certificate_ids=[c.pk for c in pending])
    return certificates


def bulk_issue_start(*, session, by) -> BulkIssueRun:
    run = BulkIssueRun.objects.create(session=session, started_by=by)
    audit_log(instance=run, action="certificates.bulk_issue.start", user=by, data={})
    enqueue_on_commit("certificates.tasks.bulk_issue_run", run.pk, task_name=f"certs-{run.pk}")
    return run


# --- Email --------------------------------------------------------------------------------
def certificate_email_resend(*, certificate: Certificate, by) -> Certificate:
    """Send a valid certificate's email again (the participant lost it): marked not emailed,
    logged, and sent by a task (`certificates_email_send`), which sends it once however often
    it runs."""
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if not certificate.is_valid:
            raise CertificateError("Only a valid certificate can be sent again.")
        certificate.emailed_at = None
        certificate.save(update_fields=["emailed_at"])
        audit_log(
            instance=certificate,
            action="certificates.certificate.resend",
            user=by,
            data={"serial": certificate.serial},
        )
        enqueue_on_commit("certificates.tasks.certificates_email_send", [certificate.pk])
    return certificate


def certificates_email(*, certificate_ids: list[int]):
    """One email per participant with links to their certificates; marks them emailed."""
    certificates = list(
        Certificate.objects.filter(pk__in=certificate_ids, emailed_at__isnull=True).select_related(
            "registration__person"
        )
    )
    if not certificates:
        return
    person = certificates[0].registration.person
    with speaking(person):
        email_send(
            template="certificate_issued",
            to=[person.email],
            context={
                "certificates": certificates,
                "person": person,
                "transcript_url": settings.SITE_URL + reverse("certificates:transcript"),
            },
        )
    Certificate.objects.filter(pk__in=[c.pk for c in certificates]).update(
        emailed_at=timezone.now()
    )


# --- Rosters for licensing boards ---------------------------------------------------------


@dataclass
class RosterFile:
    export: RosterExport
    content: bytes
    filename: str
    content_type: str
    refused: list = field(default_factory=list)


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_bytes(rows, *, title: str) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for row in rows:
        xlsx_append(sheet, row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def roster_export_create(
    *, body, fmt: str, by, session=None, start=None, end=None, reported: bool = False
) -> RosterFile:
    """The body's roster of a session (or of certificates whose first date is in
    start..end) as CSV, XLSX or CE Broker's upload; logged with the certificates it holds
    and the rows refused (license number missing or malformed)."""

    if session is None and (start is None or end is None or start > end):
        raise CertificateError("Choose a session, or a period with its first and last day.")
    found = roster_completions(body=body, session=session, start=start, end=end)
    completions = [c for _cert, c in found]
    refused: list[Refusal] = []
    if fmt == RosterExport.Format.CE_BROKER:
        rows, refused = ce_broker_rows(
            completions,
            provider_number=body.provider_number,
            profession_codes=body.code_map("ce_broker_profession_codes"),
            subject_codes=body.code_map("ce_broker_subject_codes"),
            license_pattern=body.license_number_pattern,
            partial_allowed=body.partial_credit_allowed,
        )
    else:
        for c in completions:
            problem = license_number_problem(c.license_number, body.license_number_pattern)
            if problem and not body.is_certificate_of_attendance:
                refused.append(Refusal(serial=c.serial, name=c.name, reason=problem))
        refused_serials = {r.serial for r in refused}
        labels = CreditCategory.labels()
        used = {code for c in completions for code, h in c.hours.items() if h}
        categories = {code: label for code, label in labels.items() if code in used}
        categories |= {code: code for code in sorted(used - set(labels))}
        rows = roster_rows([c for c in completions if c.serial not in refused_serials], categories)
    refused_serials = {r.serial for r in refused}
    what = f"session-{session.pk}" if session else f"{start:%Y%m%d}-{end:%Y%m%d}"
    stem = f"roster-{body.slug}-{what}"
    if fmt == RosterExport.Format.CSV:
        content = csv_text(rows).encode()
        filename, content_type = f"{stem}.csv", "text/csv; charset=utf-8"
    elif fmt in (RosterExport.Format.XLSX, RosterExport.Format.CE_BROKER):
        content = _xlsx_bytes(rows, title="Roster")
        prefix = "ce-broker-" if fmt == RosterExport.Format.CE_BROKER else ""
        filename, content_type = f"{prefix}{stem}.xlsx", XLSX_TYPE
    else:
        raise CertificateError(f"Unknown roster format {fmt!r}.")
    with transaction.atomic():
        export = RosterExport.objects.create(
            body=body,
            session=session,
            period_start=None if session else start,
            period_end=None if session else end,
            format=fmt,
            refused=[{"serial": r.serial, "name": r.name, "reason": r.reason} for r in refused],
            reported=reported,
            created_by=by,
        )
        export.certificates.set([cert for cert, c in found if c.serial not in refused_serials])
        export.file.save(filename, ContentFile(content), save=True)
        audit_log(
            instance=export,
            action="certificates.roster.export",
            user=by,
            data={
                "body": body.slug,
                "session": session.pk if session else None,
                "format": fmt,
                "rows": sorted(c.serial for c in completions if c.serial not in refused_serials),
                "refused": sorted(refused_serials),
                "reported": reported,
            },
        )
    return RosterFile(
        export=export,
        content=content,
        filename=filename,
        content_type=content_type,
        refused=refused,
    )
