"""Scholarship funds, their ledger, applications and awards.

A fund has no balance field: what it holds and what it may still commit are sums over its
ledger entries (lms.services.scholarship_ledger). Writes go through lms.services.scholarships.
"""

from django.conf import settings
from django.db import models

from lms.models.people import BudgetBand, Organization
from lms.models.state import StateMachine
from lms.money import CentsField


class ScholarshipFund(models.Model):
    class SponsorKind(models.TextChoices):
        FOUNDATION = "foundation", "Foundation"
        DONOR = "donor", "Donor"
        SUPPORTER_TIER = "supporter", "Supporter tier surplus"

    class NoShowPolicy(models.TextChoices):
        SPEND = "spend", "A no-show uses the award"
        RELEASE = "release", "A no-show returns the award to the fund"

    name = models.CharField(max_length=200, unique=True)
    sponsor_kind = models.CharField(max_length=20, choices=SponsorKind.choices)
    sponsor_name = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    # Eligibility: each rule applies only when set.
    budget_band_max = models.CharField(
        "organization budget at most",
        max_length=20,
        choices=BudgetBand.choices,
        blank=True,
        help_text="Only organizations in this budget band or a smaller one.",
    )
    first_time_only = models.BooleanField(
        "first-time participants only",
        default=False,
        help_text="Only people with no confirmed registration before.",
    )
    underrepresented_leadership_only = models.BooleanField(
        "organizations led by people from historically underrepresented communities",
        default=False,
        help_text="The applicant attests that their organization's leadership fits.",
    )
    sub_sector = models.CharField(max_length=30, choices=Organization.SubSector.choices, blank=True)
    region_cities = models.CharField(
        "region (cities)",
        max_length=500,
        blank=True,
        help_text="Comma-separated cities; empty for the whole state.",
    )
    award_cap_per_person_year_cents = CentsField(
        "award cap per person per year", null=True, blank=True, help_text="In dollars."
    )
    no_show_policy = models.CharField(
        max_length=20,
        choices=NoShowPolicy.choices,
        default=NoShowPolicy.SPEND,
        help_text="Applied once the session's report is filed and the awardee was absent.",
    )
    no_show_wait_months = models.PositiveSmallIntegerField(
        "months a no-show waits before applying again",
        default=0,
        help_text="0: a no-show may apply to this fund again at once.",
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ScholarshipLedgerEntry(models.Model):
    """One movement of money in a fund. Amounts are positive; the kind gives the direction."""

    class Kind(models.TextChoices):
        CREDIT = "credit", "Credit (grant, donation, supporter surplus)"
        COMMITMENT = "commitment", "Commitment (award made)"
        RELEASE = "release", "Release (award cancelled or expired)"
        SPEND = "spend", "Spend (award used)"
        DEBIT = (
            "debit",
            "Debit (a credited amount given back, such as a refunded supporter surplus)",
        )

    fund = models.ForeignKey(ScholarshipFund, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    amount_cents = models.PositiveIntegerField()
    award = models.ForeignKey(
        "lms.ScholarshipAward",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
    )
    registration = models.ForeignKey(
        "lms.Registration", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "scholarship ledger entries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="ledger_entry_amount_positive"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount_cents}¢ – {self.fund}"


class ScholarshipApplication(StateMachine, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        AWARDED = "awarded", "Awarded"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"
        LAPSED = "lapsed", "Lapsed (no decision before the deadline)"

    class Coverage(models.TextChoices):
        FULL = "full", "The full fee"
        AMOUNT = "amount", "Part of the fee"

    TRANSITIONS = {
        Status.PENDING: {Status.AWARDED, Status.DECLINED, Status.WITHDRAWN, Status.LAPSED},
        Status.AWARDED: set(),
        Status.DECLINED: set(),
        Status.WITHDRAWN: set(),
        Status.LAPSED: set(),
    }

    fund = models.ForeignKey(ScholarshipFund, on_delete=models.PROTECT, related_name="applications")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="scholarship_applications"
    )
    session = models.ForeignKey("lms.Session", on_delete=models.PROTECT, related_name="+")
    registration = models.ForeignKey(
        "lms.Registration",
        on_delete=models.PROTECT,
        related_name="scholarship_applications",
        help_text="The seat held while the application waits.",
    )
    need_statement = models.TextField()
    leads_underrepresented = models.BooleanField(
        "organization led by people from historically underrepresented communities",
        default=False,
    )
    coverage = models.CharField(max_length=10, choices=Coverage.choices)
    amount_requested_cents = models.PositiveIntegerField()
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    decision_due_at = models.DateTimeField()
    decision_message = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.person} – {self.fund} ({self.get_status_display()})"


class ScholarshipAward(StateMachine, models.Model):
    class Status(models.TextChoices):
        COMMITTED = "committed", "Committed"
        USED = "used", "Used"
        RELEASED = "released", "Released"

    # Used when the registration is confirmed, released back to the fund when it is not.
    TRANSITIONS = {
        Status.COMMITTED: {Status.USED, Status.RELEASED},
        Status.USED: set(),
        Status.RELEASED: set(),
    }

    application = models.OneToOneField(
        ScholarshipApplication, on_delete=models.PROTECT, related_name="award"
    )
    fund = models.ForeignKey(ScholarshipFund, on_delete=models.PROTECT, related_name="awards")
    registration = models.ForeignKey(
        "lms.Registration", on_delete=models.PROTECT, related_name="scholarship_awards"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="scholarship_awards"
    )
    amount_cents = models.PositiveIntegerField()
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.COMMITTED, db_index=True
    )
    no_show_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the fund's no-show policy was applied (the awardee did not attend).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.amount_cents}¢ from {self.fund} to {self.person}"
