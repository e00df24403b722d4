"""Invoices for agency group registrations. Writes go through lms.services.invoices."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from lms.models.state import StateMachine
from lms.storage import private_storage


class Invoice(StateMachine, models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        PAID = "paid", "Paid"
        VOID = "void", "Void"

    class Method(models.TextChoices):
        CHECK = "check", "Check"
        ACH = "ach", "ACH transfer"

    TRANSITIONS = {
        Status.OPEN: {Status.PAID, Status.VOID},
        Status.PAID: set(),
        Status.VOID: set(),
    }

    number = models.PositiveIntegerField(unique=True, help_text="Sequential, never reused.")
    organization = models.ForeignKey(
        "lms.Organization", on_delete=models.PROTECT, related_name="invoices"
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invoices_coordinated"
    )
    session = models.ForeignKey("lms.Session", on_delete=models.PROTECT, related_name="invoices")
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    issued_on = models.DateField()
    due_on = models.DateField()
    total_cents = models.PositiveIntegerField()
    pdf = models.FileField(upload_to="invoices/", storage=private_storage, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    payment_method = models.CharField(max_length=10, choices=Method.choices, blank=True)
    payment_reference = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]

    def __str__(self):
        return f"Invoice {self.display_number} – {self.organization}"

    @property
    def display_number(self) -> str:
        return f"INV-{self.number:05d}"

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.due_on < timezone.localdate()


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    registration = models.ForeignKey(
        "lms.Registration", on_delete=models.PROTECT, related_name="invoice_lines"
    )
    description = models.CharField(max_length=300)
    amount_cents = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.description


def default_due_on(issued_on: dt.date) -> dt.date:
    return issued_on + dt.timedelta(days=settings.INVOICE_DUE_DAYS)
