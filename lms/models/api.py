"""API keys: issued by staff to an organization for its own HR or learning system.

A key is shown once when it is issued; only its SHA-256 digest is stored (a key carries 256
random bits, so a fast digest cannot be searched backwards, see docs/decisions.md). A key
has scopes, may be revoked, and every request made with it is logged (`ApiKeyUse`). Writes go
through lms.services.api_keys."""

from django.conf import settings
from django.db import models


class ApiScope(models.TextChoices):
    READ_REGISTRATIONS = "registrations:read", "Read the organization's registrations"
    CREATE_REGISTRATIONS = (
        "registrations:write",
        "Register the organization's staff (on its invoice)",
    )
    READ_CERTIFICATES = "certificates:read", "Read the organization's completions and certificates"


class ApiKey(models.Model):
    organization = models.ForeignKey(
        "lms.Organization", on_delete=models.PROTECT, related_name="api_keys"
    )
    name = models.CharField(
        max_length=100, help_text="What the key is for, for example: Agency HR system."
    )
    prefix = models.CharField(
        max_length=16, unique=True, editable=False, help_text="The key's public first part."
    )
    key_digest = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(default=list, help_text="ApiScope values.")
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The organization's contact to whom invoices for registrations made with "
        "this key are addressed (needed to register staff).",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["organization__name", "-created_at"]
        verbose_name = "API key"

    def __str__(self):
        return f"{self.name} ({self.organization}, {self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    def scope_labels(self) -> str:
        labels = dict(ApiScope.choices)
        return "; ".join(labels.get(scope, scope) for scope in self.scopes)


class ApiKeyUse(models.Model):
    """One request made with a key, whatever its answer (also refusals and rate limits)."""

    key = models.ForeignKey(ApiKey, on_delete=models.PROTECT, related_name="uses")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=300)
    status_code = models.PositiveSmallIntegerField()
    client_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "API key use"

    def __str__(self):
        return f"{self.method} {self.path} → {self.status_code}"
