"""What staff see of one person: the person page in the admin (lms/admin/people.py)."""

from dataclasses import dataclass, field

from django.db.models import Q
from wagtail.models import ModelLogEntry

from lms.models import (
    EvaluationResponse,
    Payment,
    Profile,
    Registration,
    ScholarshipApplication,
    ScholarshipAward,
)
from lms.selectors.privacy import ta_requests_of
from lms.signals import personal_data_requested


@dataclass
class PersonRecord:
    profile: Profile
    registrations: list = field(default_factory=list)
    payments: list | None = None  # None: the viewer may not see money
    applications: list = field(default_factory=list)
    awards: list = field(default_factory=list)
    certificates: list[dict] = field(default_factory=list)
    ta_requests: list = field(default_factory=list)
    evaluations_answered: list = field(default_factory=list)
    history: list = field(default_factory=list)


def person_record(*, profile: Profile, with_money: bool) -> PersonRecord:
    """Everything about one person staff may look at; evaluation answers never (only which
    evaluations were answered), payments only for viewers with money rights."""
    person = profile.user
    registrations = list(
        Registration.objects.filter(person=person)
        .select_related("session__training", "fee_tier")
        .order_by("-created_at")
    )
    record = PersonRecord(profile=profile, registrations=registrations)
    if with_money:
        record.payments = list(
            Payment.objects.filter(Q(registration__person=person) | Q(group__coordinator=person))
            .select_related("registration__session__training")
            .prefetch_related("refunds")
            .order_by("-created_at")
        )
    record.applications = list(
        ScholarshipApplication.objects.filter(person=person).select_related("fund", "session")
    )
    record.awards = list(ScholarshipAward.objects.filter(person=person).select_related("fund"))
    for _receiver, sections in personal_data_requested.send(sender=Profile, person=person):
        for section in sections:
            if section.name == "certificates":
                record.certificates.extend(section.rows)
    record.ta_requests = list(ta_requests_of(person))
    record.evaluations_answered = list(
        EvaluationResponse.objects.filter(registration__person=person)
        .select_related("registration__session__training")
        .only("submitted_at", "registration__session__training__title")
    )
    record.history = list(
        ModelLogEntry.objects.filter(
            Q(content_type__model="profile", object_id=str(profile.pk))
            | Q(content_type__model="user", object_id=str(person.pk))
            | Q(
                content_type__model="registration",
                object_id__in=[str(r.pk) for r in registrations],
            )
        )
        .select_related("user")
        .order_by("-timestamp")[:100]
    )
    return record
