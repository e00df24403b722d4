"""Facilitator compensation: pay profiles, rate cards, pay statements, payouts, 1099 thresholds.

Pay is computed by the pure rule in lms.rules.compensation from filed session reports
(read through lms.selectors.compensation); the writes, payouts included, are in
lms.services.compensation. Money is integer cents (lms.money.CentsField).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from lms.models.state import StateMachine
from lms.money import CentsField
from lms.rules.money import dollars
from lms.storage import private_storage


def _private_storage():
    # W-9 forms and pay statement PDFs (kept by name for migrations 0013 on): served only
    # through views that check who asks (Finance, or the facilitator for their own).
    return private_storage()


class PayoutMethod(models.TextChoices):
    STRIPE_CONNECT = "stripe_connect", "Direct deposit (Stripe Connect)"
    CHECK = "check", "Check"
    ACH = "ach", "ACH bank transfer"


class ConnectStatus(models.TextChoices):
    NOT_STARTED = "", "Not set up"
    ONBOARDING = "onboarding", "Onboarding not finished"
    ENABLED = "enabled", "Payouts enabled"
    RESTRICTED = "restricted", "Restricted – Stripe needs more information"


class FacilitatorPayProfile(models.Model):
    """What Finance needs to pay a facilitator and report the pay for taxes."""

    facilitator = models.OneToOneField(
        "lms.Facilitator", on_delete=models.PROTECT, related_name="pay_profile"
    )
    legal_name = models.CharField(
        "legal name", max_length=200, help_text="The name on the W-9, used for the 1099."
    )
    email = models.EmailField(blank=True, help_text="Where pay notices go.")
    phone = models.CharField(max_length=40, blank=True)
    address_line1 = models.CharField("address", max_length=200, blank=True)
    address_line2 = models.CharField("address line 2", max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, blank=True, default="IL")
    postal_code = models.CharField("ZIP code", max_length=10, blank=True)
    payout_method = models.CharField(
        max_length=20, choices=PayoutMethod.choices, default=PayoutMethod.CHECK
    )
    paid_at_lived_experience_rate = models.BooleanField(
        "paid at the lived-experience rate",
        default=False,
        help_text="Use the rate card's lived-experience rate when it is higher than the role rate.",
    )
    connect_account_id = models.CharField(
        "Stripe connected account", max_length=100, blank=True, editable=False
    )
    connect_status = models.CharField(
        "direct deposit status",
        max_length=20,
        choices=ConnectStatus.choices,
        blank=True,
        default=ConnectStatus.NOT_STARTED,
        editable=False,
    )
    connect_status_updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    w9_received_on = models.DateField(
        "W-9 received on",
        null=True,
        blank=True,
        help_text="No payment is made until a W-9 is on file.",
    )
    w9_file = models.FileField(
        "W-9 form",
        upload_to="w9/%Y/",
        storage=_private_storage,
        blank=True,
        validators=[FileExtensionValidator(["pdf", "png", "jpg", "jpeg"])],
        help_text="A PDF or a photo, stored privately; only Finance can open it.",
    )
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("facilitator"),
        FieldPanel("legal_name"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("address_line1"),
                FieldPanel("address_line2"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("state"), FieldPanel("postal_code")]),
            ],
            heading="Contact details",
        ),
        MultiFieldPanel(
            [FieldPanel("payout_method"), FieldPanel("paid_at_lived_experience_rate")],
            heading="Payment",
        ),
        MultiFieldPanel(
            [FieldPanel("w9_received_on"), FieldPanel("w9_file")],
            heading="W-9",
        ),
        FieldPanel("notes"),
    ]

    class Meta:
        ordering = ["legal_name"]
        verbose_name = "facilitator pay profile"
        permissions = [("view_w9", "Can open W-9 forms")]
        constraints = [
            models.UniqueConstraint(
                fields=["connect_account_id"],
                condition=~Q(connect_account_id=""),
                name="one_profile_per_connected_account",
            )
        ]

    def __str__(self):
        return self.legal_name

    @property
    def w9_on_file(self) -> bool:
        return self.w9_received_on is not None

    @property
    def mailing_address(self) -> str:
        place = " ".join(p for p in [f"{self.city}," if self.city else "", self.state] if p)
        return ", ".join(
            p
            for p in [self.address_line1, self.address_line2, f"{place} {self.postal_code}".strip()]
            if p
        )


class RateCard(models.Model):
    """What the coalition pays per hour by role, for preparation, and at least per session.

    A card without a facilitator is the coalition's standard card; a facilitator's own card
    beats it on the dates it covers. Cards for the same facilitator (or two standard cards)
    may not overlap.
    """

    name = models.CharField(max_length=200)
    facilitator = models.ForeignKey(
        "lms.Facilitator",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rate_cards",
        help_text="Leave empty for the coalition's standard card.",
    )
    effective_from = models.DateField()
    effective_until = models.DateField(
        null=True, blank=True, help_text="Last day the card applies. Empty: until replaced."
    )
    lead_hourly_cents = CentsField("lead facilitator, per hour")
    co_hourly_cents = CentsField("co-facilitator, per hour")
    prep_hours_per_delivered_hour = models.DecimalField(
        "preparation hours per delivered hour",
        max_digits=4,
        decimal_places=2,
        default=1,
        help_text="For example 1.00: one paid preparation hour for each hour delivered.",
    )
    prep_hours_cap_per_meeting = models.DecimalField(
        "preparation cap per meeting (hours)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Most preparation hours paid for one meeting. Empty: no cap.",
    )
    minimum_per_session_cents = CentsField("minimum per session", default=0)
    lived_experience_hourly_cents = CentsField(
        "lived-experience rate, per hour",
        null=True,
        blank=True,
        help_text="Optional. Paid instead of the role rate when higher, to facilitators whose "
        "pay profile says so.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("facilitator"),
        FieldRowPanel([FieldPanel("effective_from"), FieldPanel("effective_until")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("lead_hourly_cents"), FieldPanel("co_hourly_cents")]),
                FieldPanel("lived_experience_hourly_cents"),
            ],
            heading="Hourly rates (dollars)",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("prep_hours_per_delivered_hour"),
                        FieldPanel("prep_hours_cap_per_meeting"),
                    ]
                ),
                FieldPanel("minimum_per_session_cents"),
            ],
            heading="Preparation and minimum",
        ),
        HelpPanel(
            content="Travel and access costs are not on the card: Finance adds them to a pay "
            "statement as expense lines (reimbursed, not pay)."
        ),
    ]

    class Meta:
        ordering = ["facilitator__name", "-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True)
                | Q(effective_until__gte=models.F("effective_from")),
                name="rate_card_ends_after_start",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if (
            self.effective_from
            and self.effective_until
            and self.effective_until < self.effective_from
        ):
            raise ValidationError(
                {"effective_until": "The last day must be on or after the first day."}
            )
        if self.effective_from:
            overlapping = self.overlapping_cards().first()
            if overlapping:
                whom = f"for {self.facilitator}" if self.facilitator_id else "among standard cards"
                raise ValidationError(
                    f"These dates overlap the rate card “{overlapping}” "
                    f"({overlapping.period_label}) {whom}. End that card before this one "
                    "starts, or change these dates."
                )

    def overlapping_cards(self):
        cards = RateCard.objects.filter(facilitator_id=self.facilitator_id).exclude(pk=self.pk)
        cards = cards.filter(
            Q(effective_until__isnull=True) | Q(effective_until__gte=self.effective_from)
        )
        if self.effective_until:
            cards = cards.filter(effective_from__lte=self.effective_until)
        return cards

    @property
    def period_label(self) -> str:
        until = f"{self.effective_until:%b %-d, %Y}" if self.effective_until else "open-ended"
        return f"{self.effective_from:%b %-d, %Y} – {until}"


class StatementPeriod(models.TextChoices):
    MONTH = "month", "One statement per facilitator and month"
    SESSION = "session", "One statement per facilitator and session"


class PayStatement(StateMachine, models.Model):
    """What one facilitator is owed for a month (or one session): pay lines and expenses.

    The number is assigned when Finance approves, from a locked counter, so numbers have no
    gaps even though drafts can be discarded. The writes: lms.services.compensation.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved, awaiting payment"
        PAID = "paid", "Paid"

    TRANSITIONS = {
        Status.DRAFT: {Status.APPROVED},
        Status.APPROVED: {Status.PAID},
        Status.PAID: set(),
    }

    facilitator = models.ForeignKey(
        "lms.Facilitator", on_delete=models.PROTECT, related_name="pay_statements"
    )
    period = models.CharField(max_length=10, choices=StatementPeriod.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    session = models.ForeignKey(
        "lms.Session",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pay_statements",
        help_text="For a per-session statement.",
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    number = models.PositiveIntegerField(null=True, blank=True, unique=True, editable=False)
    pay_cents = models.PositiveIntegerField(default=0)
    expenses_cents = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the lines were last computed from the reports."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    paid_on = models.DateField(null=True, blank=True, help_text="The day the money left.")
    payout_error = models.TextField(
        blank=True, help_text="Why the last payment attempt failed, shown until one succeeds."
    )
    pdf = models.FileField(upload_to="pay-statements/%Y/", storage=_private_storage, blank=True)

    class Meta:
        ordering = ["-period_start", "facilitator__name"]
        permissions = [
            ("approve_paystatement", "Can approve pay statements"),
            ("pay_paystatement", "Can pay pay statements"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["facilitator", "period_start"],
                condition=Q(period="month"),
                name="one_monthly_statement_per_facilitator",
            ),
            models.UniqueConstraint(
                fields=["facilitator", "session"],
                condition=Q(period="session"),
                name="one_session_statement_per_facilitator",
            ),
        ]

    def __str__(self):
        return f"{self.display_number} – {self.facilitator.name}, {self.period_label}"

    @property
    def display_number(self) -> str:
        return f"PS-{self.number:06d}" if self.number else "Draft"

    @property
    def total_cents(self) -> int:
        return self.pay_cents + self.expenses_cents

    @property
    def period_label(self) -> str:
        if self.period == StatementPeriod.SESSION and self.session_id:
            return f"{self.session.training.title}, {self.period_start:%b %-d, %Y}"
        return f"{self.period_start:%B %Y}"

    @property
    def total_label(self) -> str:
        return dollars(self.total_cents)

    @property
    def succeeded_payout(self):
        # Reads the prefetched payouts when there are some (statement lists prefetch them).
        return next((p for p in self.payouts.all() if p.status == "succeeded"), None)


class PayStatementLine(models.Model):
    """One computed pay line, a copy of the pure rule's output: later edits to a session
    report or a rate card never change an approved statement."""

    class Kind(models.TextChoices):
        DELIVERY = "delivery", "Delivery"
        PREPARATION = "preparation", "Preparation"
        MINIMUM = "minimum", "Minimum per session"
        CANCELLED = "cancelled", "Cancelled meeting"

    HOURS_QUANTUM = Decimal("0.0001")

    statement = models.ForeignKey(PayStatement, on_delete=models.CASCADE, related_name="lines")
    session = models.ForeignKey("lms.Session", on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(
        "lms.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.CharField(max_length=300)
    day = models.DateField()
    role = models.CharField(max_length=10, blank=True)
    hours = models.DecimalField(max_digits=8, decimal_places=4, default=0)
    rate_cents = models.PositiveIntegerField(default=0)
    amount_cents = models.PositiveIntegerField(default=0)
    rate_card = models.ForeignKey(
        RateCard, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["statement", "sort_order"]

    def __str__(self):
        return f"{self.day}: {self.description} {dollars(self.amount_cents)}"


class ExpenseLine(models.Model):
    """A reimbursed cost (travel, access). Not pay: it is not on the 1099 list."""

    class Kind(models.TextChoices):
        TRAVEL = "travel", "Travel"
        ACCESS = "access", "Access costs (for example interpreter, captioning, care)"
        OTHER = "other", "Other reimbursed cost"

    statement = models.ForeignKey(PayStatement, on_delete=models.CASCADE, related_name="expenses")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.CharField(max_length=300)
    amount_cents = models.PositiveIntegerField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["statement", "added_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description} {dollars(self.amount_cents)}"


class Payout(models.Model):
    """One attempt to pay a statement. At most one succeeds (enforced by the database)."""

    class Status(models.TextChoices):
        SUCCEEDED = "succeeded", "Paid"
        FAILED = "failed", "Failed"

    statement = models.ForeignKey(PayStatement, on_delete=models.PROTECT, related_name="payouts")
    method = models.CharField(max_length=20, choices=PayoutMethod.choices)
    status = models.CharField(max_length=10, choices=Status.choices)
    amount_cents = models.PositiveIntegerField()
    paid_on = models.DateField(null=True, blank=True)
    reference = models.CharField(
        max_length=100, blank=True, help_text="Check number or ACH trace number."
    )
    stripe_transfer_id = models.CharField(max_length=100, blank=True)
    idempotency_key = models.CharField(max_length=100, blank=True)
    error_message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement"],
                condition=Q(status="succeeded"),
                name="one_successful_payout_per_statement",
            )
        ]

    def __str__(self):
        return f"{self.get_method_display()} {dollars(self.amount_cents)} ({self.get_status_display()})"


class Form1099Threshold(models.Model):
    """The 1099-NEC reporting threshold from a calendar year on, until a later row.

    Seeded: $600 for payments through 2025, $2,000 from 2026. Finance adds a row when the IRS
    changes it (it is indexed for inflation after 2026).
    """

    applies_from_year = models.PositiveSmallIntegerField(unique=True)
    amount_cents = CentsField("threshold")
    note = models.CharField(max_length=200, blank=True)

    panels = [FieldPanel("applies_from_year"), FieldPanel("amount_cents"), FieldPanel("note")]

    class Meta:
        ordering = ["-applies_from_year"]
        verbose_name = "1099-NEC threshold"

    def __str__(self):
        return f"From {self.applies_from_year}: {dollars(self.amount_cents)}"


class NumberSequence(models.Model):
    """A gapless counter (for pay statement numbers): lock the row, add one, save."""

    name = models.CharField(max_length=50, unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.name}: {self.last_number}"


@register_setting(icon="tasks")
class FacilitatorPaySettings(BaseGenericSetting):
    statement_period = models.CharField(
        max_length=10,
        choices=StatementPeriod.choices,
        default=StatementPeriod.MONTH,
        help_text="How Finance groups pay: a statement per month, or one per session.",
    )
    payer_name = models.CharField(max_length=200, default="Coalition CE")
    payer_address = models.TextField(
        blank=True, help_text="Printed on pay statements under the payer's name."
    )
    statement_note = models.TextField(
        blank=True, help_text="Printed at the foot of every pay statement."
    )

    panels = [
        FieldPanel("statement_period"),
        FieldPanel("payer_name"),
        FieldPanel("payer_address"),
        FieldPanel("statement_note"),
    ]

    class Meta:
        verbose_name = "facilitator pay settings"
