"""Writes for the voluntary demographic answers and organization self-reports.

Answers are never written to the audit log: the log is readable by more staff than the
answers are (docs/reports.md).
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from lms.models import (
    Organization,
    OrganizationSelfReport,
    ParticipantDemographics,
    SelfReportProposal,
)
from lms.models.demographics import (
    LEADERSHIP_GROUPS,
    RACE_ETHNICITY_CATEGORIES,
    WASHINGTON_GROUP_DOMAINS,
)
from lms.rules.participation import self_report_current
from lms.services.audit import audit_log
from lms.services.organizations import OrganizationError, self_report_refusal
from lms.services.queue import enqueue_on_commit

PREFER_NOT = "prefer_not"


def demographics_save(
    *, person, race_ethnicity: list[str], difficulties: dict[str, str], today: dt.date | None = None
) -> ParticipantDemographics:
    """Store a person's answers. `race_ethnicity` holds category field names and/or
    "prefer_not" (which wins over any category); `difficulties` maps Washington Group domain
    fields to answers, "" for a question left unanswered."""
    prefer_not = PREFER_NOT in race_ethnicity
    fields = {
        name: (not prefer_not and name in race_ethnicity) for name, _ in RACE_ETHNICITY_CATEGORIES
    }
    fields["race_prefer_not"] = prefer_not
    for name, _ in WASHINGTON_GROUP_DOMAINS:
        fields[name] = difficulties.get(name, "")
    fields["reported_on"] = today or timezone.localdate()
    answers, _ = ParticipantDemographics.objects.update_or_create(person=person, defaults=fields)
    return answers


def demographics_withdraw(*, person) -> bool:
    """Delete every answer the person gave; True if there were any."""
    deleted, _ = ParticipantDemographics.objects.filter(person=person).delete()
    return bool(deleted)


def organization_self_report_save(
    *,
    organization: Organization,
    by,
    budget_band: str,
    sub_sector: str,
    people_employed: str,
    populations_served: str,
    led_by_underrepresented: str,
    leadership: list[str],
    today: dt.date | None = None,
) -> OrganizationSelfReport:
    """Record what the organization reports; each answer that changed gets today's date.

    Budget band and sub-sector are kept on Organization itself (pricing and scholarship
    rules read them there), the rest on its OrganizationSelfReport.
    """
    today = today or timezone.localdate()
    if by is not None and (refusal := self_report_refusal(person=by, organization=organization)):
        raise OrganizationError(refusal)
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        before = _self_report_answers(organization)
        report, _ = OrganizationSelfReport.objects.get_or_create(organization=organization)
        if organization.budget_band != budget_band:
            organization.budget_band = budget_band
            organization.budget_band_reported_on = today if budget_band else None
        if organization.sub_sector != sub_sector:
            organization.sub_sector = sub_sector
            report.sub_sector_reported_on = today if sub_sector else None
        organization.save(update_fields=["budget_band", "budget_band_reported_on", "sub_sector"])
        if report.people_employed != people_employed:
            report.people_employed = people_employed
            report.people_employed_reported_on = today if people_employed else None
        if report.populations_served != populations_served.strip():
            report.populations_served = populations_served.strip()
            report.populations_served_reported_on = today if report.populations_served else None
        prefer_not = PREFER_NOT in leadership
        new_leadership = {
            name: (not prefer_not and name in leadership) for name, _ in LEADERSHIP_GROUPS
        }
        new_leadership["leadership_prefer_not"] = prefer_not
        new_leadership["led_by_underrepresented"] = led_by_underrepresented
        if any(getattr(report, name) != value for name, value in new_leadership.items()):
            for name, value in new_leadership.items():
                setattr(report, name, value)
            report.leadership_reported_on = today
        report.reported_by = by
        report.save()
        after = _self_report_answers(organization)
        changed = {name: after[name] for name in after if after[name] != before.get(name)}
        if changed:  # who changed which answer, and when (the log entry's time)
            audit_log(
                instance=organization,
                action="lms.organization.self_report",
                user=by,
                data={"changed": changed},
            )
    return report


def _self_report_answers(organization: Organization) -> dict:
    """The organization's answers as plain values, to log what a save changed."""
    report = OrganizationSelfReport.objects.filter(organization=organization).first()
    answers = {"budget_band": organization.budget_band, "sub_sector": organization.sub_sector}
    if report:
        answers.update(
            people_employed=report.people_employed,
            populations_served=report.populations_served,
            led_by_underrepresented=report.led_by_underrepresented,
            leadership=sorted(
                name for name, _ in LEADERSHIP_GROUPS if getattr(report, name, False)
            ),
        )
    return answers


# --- Changes proposed by members who are not contacts ----------------------------------------
def self_report_propose(*, organization: Organization, by, answers: dict) -> SelfReportProposal:
    """A member who may not change the self-report proposes answers for staff to apply."""
    proposal = SelfReportProposal.objects.create(
        organization=organization, proposed_by=by, answers=answers
    )
    audit_log(
        instance=organization,
        action="lms.organization.self_report_propose",
        user=by,
        data={"proposal": proposal.pk},
    )
    return proposal


def self_report_proposal_decide(
    *, proposal: SelfReportProposal, apply: bool, by
) -> SelfReportProposal:
    """Staff apply the proposed answers (as their own save, logged with what changed) or
    dismiss them. Deciding twice changes nothing the second time."""
    Status = SelfReportProposal.Status
    with transaction.atomic():
        proposal = SelfReportProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != Status.WAITING:
            return proposal
        if apply:
            organization_self_report_save(
                organization=proposal.organization, by=by, **proposal.answers
            )
        proposal.transition_to(Status.APPLIED if apply else Status.DISMISSED)
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["status", "decided_at"])
        audit_log(
            instance=proposal.organization,
            action="lms.organization.self_report_decide",
            user=by,
            data={"proposal": proposal.pk, "applied": apply},
        )
    return proposal


# --- Self-reports over a year old: ask the contacts to update them ---------------------------
REMIND_AGAIN_AFTER_DAYS = 90


def self_report_stale(organization: Organization, *, today: dt.date) -> bool:
    """Whether any of its answers (budget, sub-sector, leadership) is missing or over a year
    old: reports then count it as "not reported" there."""
    report = getattr(organization, "self_report", None)
    dates = [
        organization.budget_band_reported_on,
        report.sub_sector_reported_on if report else None,
        report.leadership_reported_on if report else None,
    ]
    return not all(self_report_current(day, today=today) for day in dates)


def self_report_reminders_send(*, today: dt.date | None = None) -> int:
    """Ask the contacts of every organization whose self-report is stale to update it, at
    most once every REMIND_AGAIN_AFTER_DAYS. Returns how many organizations were asked.
    Safe to run twice: each organization is locked and its reminder date checked."""
    today = today or timezone.localdate()
    again = today - dt.timedelta(days=REMIND_AGAIN_AFTER_DAYS)
    candidates = (
        Organization.objects.filter(contacts__isnull=False)
        .exclude(self_report_reminded_on__gt=again)
        .select_related("self_report")
        .distinct()
    )
    asked = 0
    for organization in candidates:
        if not self_report_stale(organization, today=today):
            continue
        with transaction.atomic():
            locked = Organization.objects.select_for_update().get(pk=organization.pk)
            if locked.self_report_reminded_on and locked.self_report_reminded_on > again:
                continue
            locked.self_report_reminded_on = today
            locked.save(update_fields=["self_report_reminded_on"])
            audit_log(instance=locked, action="lms.organization.self_report_reminder")
            enqueue_on_commit("lms.tasks.demographics.email_self_report_reminder", locked.pk)
        asked += 1
    return asked
