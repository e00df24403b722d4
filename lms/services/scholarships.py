"""Scholarship applications and awards: apply (holding the seat), award, decline, finish.

Lock order as everywhere: session, registration, payment, then fund. The fund's row lock
makes "a fund can never commit more than it holds" true under concurrent awards.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext

from lms.models import (
    Profile,
    Registration,
    ScholarshipApplication,
    ScholarshipAward,
    ScholarshipFund,
    Session,
)
from lms.rules import scholarships as scholarship_rules
from lms.rules.money import dollars
from lms.services.audit import audit_log
from lms.services.payments import amount_owed
from lms.services.queue import enqueue_on_commit
from lms.services.registrations import (
    RegistrationError,
    registration_confirm,
    registration_create,
)
from lms.services.scholarship_ledger import FundError, fund_commit


class ScholarshipError(RegistrationError):
    """A scholarship rule said no; `message` is written for the applicant or staff."""


def fund_rules(fund: ScholarshipFund) -> scholarship_rules.FundRules:
    return scholarship_rules.FundRules(
        period_start=fund.period_start,
        period_end=fund.period_end,
        is_active=fund.is_active,
        budget_band_max=fund.budget_band_max,
        first_time_only=fund.first_time_only,
        underrepresented_leadership_only=fund.underrepresented_leadership_only,
        sub_sector=fund.sub_sector,
        sub_sector_label=fund.get_sub_sector_display() if fund.sub_sector else "",
        region_cities=tuple(c.strip() for c in fund.region_cities.split(",") if c.strip()),
    )


def applicant_facts(
    *, person, fund: ScholarshipFund, leads_underrepresented: bool, today: dt.date
) -> scholarship_rules.Applicant:
    profile = Profile.objects.filter(user=person).select_related("organization").first()
    organization = profile.organization if profile else None
    awarded = (
        ScholarshipAward.objects.filter(
            person=person,
            fund=fund,
            created_at__year=today.year,
            status__in=(ScholarshipAward.Status.COMMITTED, ScholarshipAward.Status.USED),
        ).aggregate(total=Sum("amount_cents"))["total"]
        or 0
    )
    return scholarship_rules.Applicant(
        budget_band=organization.budget_band if organization else "",
        is_first_time=not Registration.objects.filter(
            person=person, status=Registration.Status.CONFIRMED
        ).exists(),
        leads_underrepresented=leads_underrepresented,
        sub_sector=organization.sub_sector if organization else "",
        city=organization.city if organization else "",
        awarded_this_year_cents=awarded,
        no_show_wait_until=_no_show_wait_until(person=person, fund=fund),
    )


def _no_show_wait_until(*, person, fund: ScholarshipFund) -> dt.date | None:
    if not fund.no_show_wait_months:
        return None
    last = ScholarshipAward.objects.filter(
        person=person, fund=fund, no_show_on__isnull=False
    ).aggregate(last=Max("no_show_on"))["last"]
    return scholarship_rules.months_after(last, fund.no_show_wait_months) if last else None


def scholarship_apply(
    *,
    session: Session,
    person,
    fund: ScholarshipFund,
    need_statement: str,
    coverage: str,
    amount_cents: int | None = None,
    leads_underrepresented: bool = False,
    tier=None,
    attested: bool = False,
    chosen_amount_cents: int | None = None,
    now: dt.datetime | None = None,
) -> ScholarshipApplication:
    """Apply for a scholarship for `session`, holding a seat until the decision deadline.

    Uses the person's held seat if they have one, otherwise holds one (with the tier they
    chose). Nothing is saved when any rule says no.
    """
    now = now or timezone.now()
    if not need_statement.strip():
        raise ScholarshipError(gettext("Please tell us briefly why you need a scholarship."))
    facts = applicant_facts(
        person=person,
        fund=fund,
        leads_underrepresented=leads_underrepresented,
        today=timezone.localdate(now),
    )
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .filter(session=session, person=person, status=Registration.Status.PENDING_PAYMENT)
            .first()
        )
        if registration is None:
            registration = registration_create(
                session=session,
                person=person,
                tier=tier,
                attested=attested,
                chosen_amount_cents=chosen_amount_cents,
                now=now,
            )
        if registration.status != Registration.Status.PENDING_PAYMENT:
            raise ScholarshipError(
                gettext("This registration has nothing to pay, so needs no scholarship.")
            )
        if registration.scholarship_applications.filter(
            status=ScholarshipApplication.Status.PENDING
        ).exists():
            raise ScholarshipError(
                gettext("You have already applied for a scholarship for this session.")
            )
        fee = registration.amount_cents
        if coverage == ScholarshipApplication.Coverage.FULL:
            asked = fee
        elif amount_cents is None or not 0 < amount_cents <= fee:
            raise ScholarshipError(
                f"Ask for an amount between $0.01 and {dollars(fee)}, the fee for this session."
            )
        else:
            asked = amount_cents
        refusal = scholarship_rules.eligibility_refusal(
            fund=fund_rules(fund),
            applicant=facts,
            today=timezone.localdate(now),
            cap_cents=fund.award_cap_per_person_year_cents,
            asked_cents=asked,
        )
        if refusal:
            raise ScholarshipError(refusal)
        due = now + dt.timedelta(hours=settings.SCHOLARSHIP_DECISION_HOURS)
        if session.starts_at:
            due = min(due, session.starts_at)
        registration.hold_expires_at = max(registration.hold_expires_at or due, due)
        registration.save(update_fields=["hold_expires_at", "updated_at"])
        application = ScholarshipApplication.objects.create(
            fund=fund,
            person=person,
            session=session,
            registration=registration,
            need_statement=need_statement.strip(),
            leads_underrepresented=leads_underrepresented,
            coverage=coverage,
            amount_requested_cents=asked,
            decision_due_at=due,
        )
        audit_log(
            instance=application,
            action="lms.scholarship.apply",
            user=person,
            data={"fund": fund.name, "amount_cents": asked, "decision_due_at": due.isoformat()},
        )
        enqueue_on_commit("lms.tasks.scholarships.email_staff_scholarship_applied", application.pk)
    return application


def scholarship_award(
    *,
    application: ScholarshipApplication,
    amount_cents: int | None = None,
    by,
    message: str = "",
    now: dt.datetime | None = None,
) -> ScholarshipAward:
    """Award `amount_cents` (the amount asked when None) and lower the registration's charge."""
    now = now or timezone.now()
    with transaction.atomic():
        Session.objects.select_for_update().filter(pk=application.session_id).first()
        registration = Registration.objects.select_for_update().get(pk=application.registration_id)
        application = ScholarshipApplication.objects.select_for_update().get(pk=application.pk)
        if application.status == ScholarshipApplication.Status.AWARDED:
            return application.award
        application.transition_to(ScholarshipApplication.Status.AWARDED)
        if registration.status != Registration.Status.PENDING_PAYMENT:
            raise ScholarshipError(
                "The seat held for this application is no longer held "
                f"({registration.get_status_display().lower()}); it cannot be awarded."
            )
        amount = application.amount_requested_cents if amount_cents is None else amount_cents
        if not 0 < amount <= registration.amount_cents:
            raise ScholarshipError(
                f"Award between $0.01 and {dollars(registration.amount_cents)}, "
                "what the registration costs."
            )
        award = ScholarshipAward.objects.create(
            application=application,
            fund_id=application.fund_id,
            registration=registration,
            person_id=application.person_id,
            amount_cents=amount,
        )
        try:
            fund_commit(fund=application.fund, award=award, by=by)
        except FundError as exc:
            raise ScholarshipError(exc.message) from exc
        application.decided_by = by
        application.decided_at = now
        application.decision_message = message
        application.save()
        registration.amount_cents -= amount
        registration.scholarship_fund_cents = min(
            registration.scholarship_fund_cents, registration.amount_cents
        )
        registration.quote = [
            *registration.quote,
            {
                "kind": "scholarship",
                "label": f"Scholarship ({application.fund.name})",
                "amount_cents": -amount,
            },
        ]
        # Time to finish registering: a fresh hold from now, never past the session's start.
        finish_by = now + dt.timedelta(hours=settings.SCHOLARSHIP_DECISION_HOURS)
        if registration.session.starts_at:
            finish_by = min(finish_by, registration.session.starts_at)
        registration.hold_expires_at = finish_by
        registration.save(
            update_fields=[
                "amount_cents",
                "scholarship_fund_cents",
                "quote",
                "hold_expires_at",
                "updated_at",
            ]
        )
        audit_log(
            instance=application,
            action="lms.scholarship.award",
            user=by,
            data={"amount_cents": amount, "fund": application.fund.name, "message": message},
        )
        enqueue_on_commit("lms.tasks.scholarships.email_scholarship_decided", application.pk)
    return award


def scholarship_decline(
    *, application: ScholarshipApplication, by, message: str, now: dt.datetime | None = None
) -> ScholarshipApplication:
    """Decline with a message for the applicant. The seat stays held for the normal time to pay."""
    now = now or timezone.now()
    if not message.strip():
        raise ScholarshipError(gettext("Please write a message for the applicant."))
    with transaction.atomic():
        Session.objects.select_for_update().filter(pk=application.session_id).first()
        registration = Registration.objects.select_for_update().get(pk=application.registration_id)
        application = ScholarshipApplication.objects.select_for_update().get(pk=application.pk)
        if application.status == ScholarshipApplication.Status.DECLINED:
            return application
        application.transition_to(ScholarshipApplication.Status.DECLINED)
        application.decided_by = by
        application.decided_at = now
        application.decision_message = message.strip()
        application.save()
        if registration.status == Registration.Status.PENDING_PAYMENT:
            registration.hold_expires_at = now + dt.timedelta(minutes=settings.SEAT_HOLD_MINUTES)
            registration.save(update_fields=["hold_expires_at", "updated_at"])
        audit_log(
            instance=application,
            action="lms.scholarship.decline",
            user=by,
            data={"message": message},
        )
        enqueue_on_commit("lms.tasks.scholarships.email_scholarship_decided", application.pk)
    return application


def registration_finish_without_payment(
    *, registration: Registration, person, now: dt.datetime | None = None
) -> Registration:
    """A full award left nothing to pay: the person confirms their seat, no card needed."""
    now = now or timezone.now()
    with transaction.atomic():
        Session.objects.select_for_update().filter(pk=registration.session_id).first()
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.person_id != person.pk:
            raise ScholarshipError(gettext("This is not your registration."))
        if registration.status == Registration.Status.CONFIRMED:
            return registration
        if amount_owed(registration=registration) != 0:
            raise ScholarshipError(gettext("This registration still has an amount to pay."))
        if registration.hold_expires_at and registration.hold_expires_at <= now:
            raise ScholarshipError(gettext("Your seat hold has expired; please register again."))
        registration_confirm(registration=registration, now=now)
    return registration
