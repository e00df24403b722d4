"""Certificates in people's data (lms/signals.py): the person's certificates in their data
export, and what an erasure does to them.

An erased person's certificates stay valid and verifiable by their codes: a licensing board
holding one can still check it. What they keep of the holder is the initials of the printed
name (a verifier can match them against the certificate in hand; nobody can read the name
back), and no license number. The stored PDF, which prints the full name, is deleted; a PDF
made later prints the initials.

CE reported from elsewhere (the renewal tracker) is the person's own record, not one a board
verifies with us: it is in the export, and an erasure deletes it with its PDFs.
"""

from django.db import transaction

from certificates.models import BulkIssueRun, Certificate, OutsideCredit
from lms.selectors.privacy import ExportSection


def certificates_export(*, person) -> list[ExportSection]:
    rows = [
        {
            "serial": certificate.serial,
            "verification_code": certificate.code,
            "verify_at": certificate.get_verify_url(),
            "status": certificate.get_status_display(),
            "valid": certificate.status == Certificate.Status.VALID,
            "kind": certificate.get_kind_display(),
            "printed_name": certificate.printed_name,
            "license_type": certificate.license_type,
            "license_number": certificate.license_number,
            "training": certificate.training_title,
            "dates": certificate.meeting_dates,
            "hours": [f"{label}: {hours}" for label, hours in certificate.hours_lines()],
            "approved_by": certificate.body_name,
            "issued": certificate.issued_at,
        }
        for certificate in Certificate.objects.filter(registration__person=person).order_by(
            "issued_at", "pk"
        )
    ]
    outside = [
        {
            "provider": credit.provider,
            "title": credit.title,
            "completed_on": credit.completed_on,
            "hours": str(credit.hours),
            "category": credit.category.name,
            "status": credit.get_status_display(),
            "staff_reason": credit.review_reason,
            "added": credit.created_at,
        }
        for credit in OutsideCredit.objects.filter(person=person).select_related("category")
    ]
    return [
        ExportSection("certificates", "Your CE certificates", rows),
        ExportSection("ce_from_elsewhere", "CE you reported from elsewhere", outside),
    ]


def certificates_pseudonymise(*, person, pseudonym: str, initials: str) -> dict[str, int]:
    """Inside the erasure's transaction: initials for the name, no license number, no stored
    PDF (deleted after commit), and the person's name out of bulk-issue failure lists."""
    certificates = Certificate.objects.filter(registration__person=person)
    files = list(certificates.exclude(pdf="").values_list("pdf", flat=True))
    kept = certificates.update(printed_name=initials or pseudonym, license_number="", pdf="")
    storage = Certificate._meta.get_field("pdf").storage

    def delete_files():
        for name in files:
            storage.delete(name)

    outside = OutsideCredit.objects.filter(person=person)
    files += list(outside.values_list("certificate_file", flat=True))
    outside_deleted = outside.delete()[0]
    transaction.on_commit(delete_files)
    registration_ids = set(person.registrations.values_list("pk", flat=True))
    for run in BulkIssueRun.objects.exclude(failures=[]):
        failures = [
            {**failure, "name": pseudonym}
            if failure.get("registration") in registration_ids
            else failure
            for failure in run.failures
        ]
        if failures != run.failures:
            BulkIssueRun.objects.filter(pk=run.pk).update(failures=failures)
    return {"certificates_kept": kept, "ce_from_elsewhere_deleted": outside_deleted}
