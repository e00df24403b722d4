"""The renewal tracker: what a participant's license requires per renewal period, what they
earned here (valid certificates) and what they report from elsewhere (OutsideCredit), and the
writes for CE from elsewhere (submit, accept, reject: lock, check, act, log).

"Still needed" is the pure lms.rules.renewal_periods.renewal_still_needed.
"""

import datetime as dt
import os
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext

from certificates.models import (
    Certificate,
    CreditCategory,
    OutsideCredit,
    RenewalRequirement,
    RenewalTrackerSettings,
)
from lms.errors import DomainError
from lms.rules.renewal_periods import (
    RenewalPeriod,
    RenewalProgress,
    renewal_period_containing,
    renewal_still_needed,
)
from lms.services.audit import audit_log

ZERO = Decimal("0")


class OutsideCreditError(DomainError):
    """CE from elsewhere that cannot be added, accepted or rejected; the message says why."""


# --- Reads ------------------------------------------------------------------------------------


@dataclass
class RenewalTracker:
    credential: str
    period: RenewalPeriod
    requirement: RenewalRequirement | None
    progress: RenewalProgress | None
    labels: dict[str, str]
    certificates: list[Certificate]
    outside: list[OutsideCredit]  # everything reported for this period, any status

    def label(self, category: str) -> str:
        return self.labels.get(category, category)

    @property
    def rows(self) -> list:
        """(category name, RenewalLine) for each required category."""
        if self.progress is None:
            return []
        return [(self.label(line.category), line) for line in self.progress.categories]


def _sum_by_category(pairs) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    for category, hours in pairs:
        sums[category] = sums.get(category, ZERO) + Decimal(hours)
    return sums


def renewal_tracker_for(*, person, credential: str, today: dt.date) -> RenewalTracker:
    """This renewal period of the person's license: earned here, from elsewhere (accepted or
    self-reported), and still needed when staff recorded a requirement for the license."""
    period = renewal_period_containing(credential=credential, day=today)
    certificates = [
        c
        for c in Certificate.objects.filter(
            registration__person=person, status=Certificate.Status.VALID
        ).order_by("issued_at")
        if c.meeting_dates and period.covers(c.dates()[0])
    ]
    outside = list(
        OutsideCredit.objects.filter(
            person=person, completed_on__gte=period.start, completed_on__lte=period.end
        ).select_related("category")
    )
    here = _sum_by_category(
        (category, hours) for c in certificates for category, hours in c.hours.items()
    )
    elsewhere = _sum_by_category((o.category.code, o.hours) for o in outside if o.counts)
    requirement = (
        RenewalRequirement.objects.filter(credential__code=credential)
        .prefetch_related("category_hours__category")
        .first()
        if credential
        else None
    )
    progress = None
    if requirement is not None:
        progress = renewal_still_needed(
            required_total=requirement.total_hours,
            required_by_category={
                line.category.code: line.hours for line in requirement.category_hours.all()
            },
            earned_here=here,
            from_elsewhere=elsewhere,
        )
    return RenewalTracker(
        credential=credential,
        period=period,
        requirement=requirement,
        progress=progress,
        labels=CreditCategory.labels(),
        certificates=certificates,
        outside=outside,
    )


def outside_credits_counting(*, person, period: RenewalPeriod | None) -> list[OutsideCredit]:
    """CE from elsewhere that counts (accepted or self-reported), in the period if one is
    given: what the transcript lists under "Reported from elsewhere"."""
    rows = OutsideCredit.objects.filter(
        person=person, status__in=OutsideCredit.COUNTING
    ).select_related("category")
    if period is not None:
        rows = rows.filter(completed_on__gte=period.start, completed_on__lte=period.end)
    return list(rows.order_by("completed_on", "pk"))


# --- Writes -----------------------------------------------------------------------------------


def _check_pdf(uploaded_file) -> None:
    name = os.path.basename(uploaded_file.name or "")
    if not name.lower().endswith(".pdf"):
        raise OutsideCreditError(gettext("Attach the certificate as a PDF file."))
    if uploaded_file.size > settings.OUTSIDE_CE_MAX_BYTES:
        raise OutsideCreditError(
            f"The PDF is larger than {filesizeformat(settings.OUTSIDE_CE_MAX_BYTES)}; "
            "scan it at a lower resolution, or ask us for help."
        )
    uploaded_file.seek(0)
    head = uploaded_file.read(5)
    uploaded_file.seek(0)
    if head != b"%PDF-":
        raise OutsideCreditError(
            gettext("This file is not a PDF, even though its name ends in .pdf.")
        )


def outside_credit_submit(
    *,
    person,
    credential: str,
    provider: str,
    title: str,
    completed_on: dt.date,
    hours: Decimal,
    category: CreditCategory,
    certificate_file,
    today: dt.date | None = None,
) -> OutsideCredit:
    """A participant adds CE earned elsewhere with the PDF of its certificate. It waits for
    staff, or counts at once as self-reported when the renewal tracker setting says so."""
    today = today or timezone.localdate()
    provider, title = provider.strip(), title.strip()
    if not provider or not title:
        raise OutsideCreditError(gettext("Say who provided the training and what it was called."))
    if completed_on > today:
        raise OutsideCreditError(
            gettext("The date is in the future: add CE once you have earned it.")
        )
    if hours <= ZERO or hours > Decimal("100"):
        raise OutsideCreditError(gettext("Hours must be more than 0 and at most 100."))
    _check_pdf(certificate_file)
    certificate_file.name = (
        f"{get_random_string(12)}-{os.path.basename(certificate_file.name)[-80:]}"
    )
    immediately = RenewalTrackerSettings.load().outside_ce_counts_immediately
    with transaction.atomic():
        credit = OutsideCredit(
            person=person,
            credential=credential,
            provider=provider[:200],
            title=title[:200],
            completed_on=completed_on,
            hours=hours,
            category=category,
            certificate_file=certificate_file,
        )
        if immediately:
            credit.transition_to(OutsideCredit.Status.SELF_REPORTED)
        credit.save()
        audit_log(
            instance=credit,
            action="certificates.outside_credit.submit",
            user=person,
            data={"hours": str(hours), "category": category.code, "status": credit.status},
        )
    return credit


def _review(*, credit: OutsideCredit, status: str, by, reason: str, action: str) -> OutsideCredit:
    with transaction.atomic():
        credit = OutsideCredit.objects.select_for_update().get(pk=credit.pk)
        if credit.status == status:
            return credit
        credit.transition_to(status)
        credit.review_reason = reason
        credit.reviewed_by, credit.reviewed_at = by, timezone.now()
        credit.save()
        audit_log(instance=credit, action=action, user=by, data={"reason": reason})
    return credit


def outside_credit_accept(*, credit: OutsideCredit, by, reason: str = "") -> OutsideCredit:
    return _review(
        credit=credit,
        status=OutsideCredit.Status.ACCEPTED,
        by=by,
        reason=reason.strip(),
        action="certificates.outside_credit.accept",
    )


def outside_credit_reject(*, credit: OutsideCredit, by, reason: str) -> OutsideCredit:
    """Not accepted, with the reason the participant reads on their renewal tracker."""
    reason = reason.strip()
    if not reason:
        raise OutsideCreditError(
            gettext("Give the reason: the participant reads it beside the training.")
        )
    return _review(
        credit=credit,
        status=OutsideCredit.Status.REJECTED,
        by=by,
        reason=reason,
        action="certificates.outside_credit.reject",
    )
