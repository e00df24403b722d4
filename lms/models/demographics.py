"""Voluntary demographic answers, kept apart from Profile.

Every question may be left unanswered or answered "prefer not to answer". Staff see these
only in aggregate, through lms.selectors.reports with small-cell suppression; reading them
row by row needs the `lms.view_demographic_rows` permission, which no group has by default.

Race and ethnicity is one multi-select question with the 2024 federal (OMB SPD 15) minimum
categories, stored as one boolean per category so the database can count them. Disability
uses the Washington Group Short Set: six domains, four answers each.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_noop

from lms.models.people import Organization
from lms.models.state import StateMachine

# Labels are marked with gettext_noop: they stay plain English here, for reports and
# exports, and the forms a person fills show them in the page's language.

# (field name, label) in the order OMB SPD 15 (2024) lists the minimum categories.
RACE_ETHNICITY_CATEGORIES = [
    ("race_american_indian", gettext_noop("American Indian or Alaska Native")),
    ("race_asian", gettext_noop("Asian")),
    ("race_black", gettext_noop("Black or African American")),
    ("race_hispanic", gettext_noop("Hispanic or Latino/Latiné")),
    ("race_mena", gettext_noop("Middle Eastern or North African")),
    ("race_pacific_islander", gettext_noop("Native Hawaiian or Pacific Islander")),
    ("race_white", gettext_noop("White")),
]

# (field name, Washington Group Short Set question)
WASHINGTON_GROUP_DOMAINS = [
    ("wg_seeing", gettext_noop("Do you have difficulty seeing, even if wearing glasses?")),
    ("wg_hearing", gettext_noop("Do you have difficulty hearing, even if using a hearing aid?")),
    ("wg_walking", gettext_noop("Do you have difficulty walking or climbing steps?")),
    ("wg_cognition", gettext_noop("Do you have difficulty remembering or concentrating?")),
    (
        "wg_self_care",
        gettext_noop(
            "Do you have difficulty with self-care, such as washing all over or dressing?"
        ),
    ),
    (
        "wg_communication",
        gettext_noop(
            "Using your usual language, do you have difficulty communicating, for example "
            "understanding or being understood?"
        ),
    ),
]


class Difficulty(models.TextChoices):
    """The Washington Group answer scale, plus "prefer not to answer"."""

    NONE = "none", gettext_noop("No difficulty")
    SOME = "some", gettext_noop("Some difficulty")
    A_LOT = "a_lot", gettext_noop("A lot of difficulty")
    CANNOT = "cannot", gettext_noop("Cannot do at all")
    PREFER_NOT = "prefer_not", gettext_noop("Prefer not to answer")

    @classmethod
    def disability_answers(cls):
        # The Washington Group's recommended cut-off: "a lot" or "cannot" in any domain.
        return (cls.A_LOT, cls.CANNOT)


class ParticipantDemographics(models.Model):
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="demographics"
    )
    race_american_indian = models.BooleanField(default=False)
    race_asian = models.BooleanField(default=False)
    race_black = models.BooleanField(default=False)
    race_hispanic = models.BooleanField(default=False)
    race_mena = models.BooleanField(default=False)
    race_pacific_islander = models.BooleanField(default=False)
    race_white = models.BooleanField(default=False)
    race_prefer_not = models.BooleanField("race and ethnicity: prefer not to answer", default=False)
    wg_seeing = models.CharField(max_length=12, choices=Difficulty.choices, blank=True)
    wg_hearing = models.CharField(max_length=12, choices=Difficulty.choices, blank=True)
    wg_walking = models.CharField(max_length=12, choices=Difficulty.choices, blank=True)
    wg_cognition = models.CharField(max_length=12, choices=Difficulty.choices, blank=True)
    wg_self_care = models.CharField(max_length=12, choices=Difficulty.choices, blank=True)
    wg_communication = models.CharField(max_length=12, choices=Difficulty.choices, blank=True)
    reported_on = models.DateField(help_text="When the person last answered or changed these.")

    class Meta:
        verbose_name = "participant demographic answers"
        verbose_name_plural = "participant demographic answers"
        permissions = [
            ("view_demographic_rows", "Can read demographic answers person by person"),
        ]

    def __str__(self):
        return f"Demographic answers #{self.pk}"

    @property
    def race_categories(self) -> list[str]:
        return [name for name, _ in RACE_ETHNICITY_CATEGORIES if getattr(self, name)]


class PeopleEmployed(models.TextChoices):
    UP_TO_10 = "1_10", gettext_noop("1 to 10")
    UP_TO_50 = "11_50", gettext_noop("11 to 50")
    UP_TO_250 = "51_250", gettext_noop("51 to 250")
    OVER_250 = "251_plus", gettext_noop("More than 250")
    PREFER_NOT = "prefer_not", gettext_noop("Prefer not to answer")


class Answer(models.TextChoices):
    YES = "yes", gettext_noop("Yes")
    NO = "no", gettext_noop("No")
    PREFER_NOT = "prefer_not", gettext_noop("Prefer not to answer")


# (field name, label) for "our leadership includes people who are ..."
LEADERSHIP_GROUPS = [
    ("leaders_black", gettext_noop("Black or African American")),
    ("leaders_latine", gettext_noop("Hispanic or Latino/Latiné")),
    ("leaders_asian", gettext_noop("Asian")),
    ("leaders_indigenous", gettext_noop("American Indian, Alaska Native or Native Hawaiian")),
    ("leaders_mena", gettext_noop("Middle Eastern or North African")),
    ("leaders_disability", gettext_noop("People with a disability")),
    ("leaders_lgbtq", gettext_noop("LGBTQ+")),
]


class OrganizationSelfReport(models.Model):
    """What an organization tells us about itself, each answer with the date it was reported.

    Budget band and sub-sector stay on Organization (the sliding scale and scholarship rules
    read them there); lms.services.demographics writes both places in one go.
    """

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="self_report"
    )
    sub_sector_reported_on = models.DateField(null=True, blank=True)
    people_employed = models.CharField(max_length=12, choices=PeopleEmployed.choices, blank=True)
    people_employed_reported_on = models.DateField(null=True, blank=True)
    populations_served = models.TextField(
        blank=True, help_text="In the organization's own words: who it serves."
    )
    populations_served_reported_on = models.DateField(null=True, blank=True)
    led_by_underrepresented = models.CharField(
        "led by people from historically underrepresented communities",
        max_length=12,
        choices=Answer.choices,
        blank=True,
    )
    leaders_black = models.BooleanField(default=False)
    leaders_latine = models.BooleanField(default=False)
    leaders_asian = models.BooleanField(default=False)
    leaders_indigenous = models.BooleanField(default=False)
    leaders_mena = models.BooleanField(default=False)
    leaders_disability = models.BooleanField(default=False)
    leaders_lgbtq = models.BooleanField(default=False)
    leadership_prefer_not = models.BooleanField("leadership: prefer not to answer", default=False)
    leadership_reported_on = models.DateField(null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "organization self-report"

    def __str__(self):
        return f"Self-report: {self.organization}"


class StaffReport(models.Model):
    """No table: only the permissions that open the staff reports (lms.admin.reports)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_program_reports", "Can see program reports (participation, TA, equity)"),
            ("view_finance_reports", "Can see finance reports (revenue, scholarships)"),
        ]

    def __str__(self):
        return "Staff reports"


class SelfReportProposal(StateMachine, models.Model):
    """A change to an organization's self-report proposed by a member who is not one of its
    contacts: staff apply it (through the same service as a contact's save) or dismiss it."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for staff"
        APPLIED = "applied", "Applied"
        DISMISSED = "dismissed", "Dismissed"

    TRANSITIONS = {
        Status.WAITING: {Status.APPLIED, Status.DISMISSED},
        Status.APPLIED: set(),
        Status.DISMISSED: set(),
    }

    organization = models.ForeignKey(
        "lms.Organization", on_delete=models.CASCADE, related_name="self_report_proposals"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answers = models.JSONField(help_text="The answers as the self-report form gives them.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Proposed change to {self.organization}"
