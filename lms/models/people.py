"""People and organizations: who registers, for whom, with which license."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from lms.money import CentsField


class EmailUserManager(UserManager):
    """Users log in with their email; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField("email address", unique=True)
    # Every email, calendar file and page we make for this person is in this language.
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Emails, reminders and certificates come in this language."),
    )

    objects = EmailUserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email


class BudgetBand(models.TextChoices):
    """An organization's annual budget, as the sliding scale and equity reports band it."""

    UNDER_500K = "under_500k", gettext_noop("Under $500K")
    FROM_500K_TO_5M = "500k_5m", gettext_noop("$500K to $5M")
    OVER_5M = "over_5m", gettext_noop("Over $5M")


class Organization(models.Model):
    class SubSector(models.TextChoices):
        BEHAVIORAL_HEALTH = "behavioral_health", gettext_noop("Behavioral and mental health")
        SUBSTANCE_USE = "substance_use", gettext_noop("Substance use services")
        CHILD_FAMILY = "child_family", gettext_noop("Child and family services")
        DISABILITY = "disability", gettext_noop("Disability services")
        HOUSING = "housing", gettext_noop("Housing and homelessness")
        AGING = "aging", gettext_noop("Aging services")
        YOUTH = "youth", gettext_noop("Youth development")
        WORKFORCE = "workforce", gettext_noop("Workforce and economic security")
        IMMIGRANT = "immigrant", gettext_noop("Immigrant and refugee services")
        HEALTH = "health", gettext_noop("Community health")
        OTHER = "other", gettext_noop("Other")

    name = models.CharField(max_length=200, unique=True)
    budget_band = models.CharField(max_length=20, choices=BudgetBand.choices, blank=True)
    budget_band_reported_on = models.DateField(null=True, blank=True)
    sub_sector = models.CharField(max_length=30, choices=SubSector.choices, blank=True)
    city = models.CharField(max_length=100, blank=True)
    is_coalition_partner = models.BooleanField(default=False)
    partner_support_paid_on = models.DateField(
        null=True, blank=True, help_text="Date the organization last paid partner support."
    )
    email_domains = models.CharField(
        max_length=300,
        blank=True,
        help_text="Email domains of its staff, separated by commas (for example agency.org): "
        "a person whose email is at one of them is a confirmed member at once.",
    )
    needs_review = models.BooleanField(
        default=False,
        help_text="Created from a sign-in sheet: staff check the name and its self-report.",
    )
    self_report_reminded_on = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="When its contacts were last asked to update a self-report over a year old.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class PartnerSupportPayment(models.Model):
    """One payment of partner support: the history behind Organization.partner_support_paid_on."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="partner_support_payments"
    )
    paid_on = models.DateField()
    amount_cents = CentsField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-paid_on", "-pk"]

    def __str__(self):
        return f"{self.organization} – {self.paid_on:%B %-d, %Y}"


class OrganizationContact(models.Model):
    """A person the organization designated: may change its self-report and confirm members."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="contacts"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organization_contacts"
    )
    role = models.CharField(max_length=100, blank=True, help_text="For example: Executive director")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "person"], name="one_contact_entry")
        ]

    def __str__(self):
        return f"{self.person} ({self.organization})"


class Profile(models.Model):
    """What a professional tells us once and we reuse on every registration and certificate."""

    class LicenseType(models.TextChoices):
        NONE = "", _("No license / not seeking CE")
        LSW = "LSW", _("LSW – Licensed Social Worker")
        LCSW = "LCSW", _("LCSW – Licensed Clinical Social Worker")
        LPC = "LPC", _("LPC – Licensed Professional Counselor")
        LCPC = "LCPC", _("LCPC – Licensed Clinical Professional Counselor")
        LMFT = "LMFT", _("LMFT – Licensed Marriage and Family Therapist")
        CADC = "CADC", _("CADC – Certified Alcohol and Drug Counselor")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    printed_name = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Your name exactly as it should print on certificates."),
    )
    pronouns = models.CharField(max_length=50, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    accessibility_needs = models.TextField(
        blank=True, help_text="Shared with facilitators only if you choose to tell us."
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    # Membership is confirmed (by an email domain, a contact or staff) before the
    # organization's price or partner discount applies; changing organization clears it.
    organization_confirmed_on = models.DateField(null=True, blank=True)
    organization_confirmed_how = models.CharField(
        max_length=20,
        blank=True,
        choices=[
            ("email_domain", "Email address at the organization"),
            ("contact", "Confirmed by the organization's contact"),
            ("staff", "Confirmed by coalition staff"),
        ],
    )
    job_title = models.CharField(max_length=200, blank=True)
    license_type = models.CharField(
        max_length=10, choices=LicenseType.choices, blank=True, default=""
    )
    license_number = models.CharField(max_length=50, blank=True)
    license_state = models.CharField(max_length=2, blank=True, default="IL")
    needs_review = models.BooleanField(
        default=False, help_text="Created from a sign-in sheet: staff check who this is."
    )

    def __str__(self):
        return self.printed_name or str(self.user)

    @property
    def seeks_ce(self) -> bool:
        return bool(self.license_type)
