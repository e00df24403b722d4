"""Attendance per meeting, the virtual-platform reports it can come from, session materials
and the session report (what actually happened; facilitator pay is computed from it).

Rules live in lms.rules.attendance (pure) and lms.services.attendance (writes).
Nothing here is hard-deleted: attendance is kept at least five years.
"""

from django.conf import settings
from django.db import models

from lms.models.catalogue import SessionFacilitator
from lms.models.state import StateMachine
from lms.rules.attendance import departure_unconfirmed
from lms.storage import private_storage


class AttendanceSource(models.TextChoices):
    QR_CHECK_IN = "qr", "Checked in by QR code"
    ROOM_CODE = "room_code", "Checked in with the room code"
    ROSTER = "roster", "Checked in from the roster"
    VIRTUAL_REPORT = "virtual_report", "Virtual platform report"
    CORRECTION = "correction", "Corrected by a facilitator"
    SIGN_IN_SHEET = "sign_in_sheet", "Signed the sign-in sheet"


class AttendanceRecord(models.Model):
    """One registration's presence at one meeting.

    `minutes_present` is the time inside the scheduled meeting window (overlapping virtual
    rows merged); `arrived_at`/`left_at` are the first arrival and the last departure.
    An empty `left_at` means the person stayed to the scheduled end — for an in-person
    check-in only once the facilitator confirmed it (`whole_meeting_confirmed_at`); until then
    the minutes do not count (lms.rules.attendance.departure_unconfirmed). A check-out (room
    code or roster) sets `left_at` and `checked_out_at`.
    """

    registration = models.ForeignKey(
        "lms.Registration", on_delete=models.PROTECT, related_name="attendance"
    )
    meeting = models.ForeignKey("lms.Meeting", on_delete=models.PROTECT, related_name="attendance")
    arrived_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    minutes_present = models.PositiveIntegerField(default=0)
    source = models.CharField(max_length=20, choices=AttendanceSource.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    correction_reason = models.TextField(
        blank=True, help_text="Why the times were corrected by hand (shown to staff)."
    )
    checked_out_at = models.DateTimeField(
        null=True, blank=True, help_text="When the person checked out (room code or roster)."
    )
    whole_meeting_confirmed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the facilitator confirmed that this person, checked in without a "
        "check-out, attended the whole meeting.",
    )
    whole_meeting_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "registration"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "meeting"], name="one_attendance_record_per_meeting"
            )
        ]

    def __str__(self):
        return f"{self.registration.person} at {self.meeting}"

    @property
    def is_present(self) -> bool:
        return self.arrived_at is not None

    @property
    def departure_unconfirmed(self) -> bool:
        """Checked in in person, no check-out, not confirmed: the minutes do not count yet."""
        return departure_unconfirmed(
            source=self.source,
            arrived=self.arrived_at is not None,
            left=self.left_at is not None,
            confirmed=self.whole_meeting_confirmed_at is not None,
        )


class VirtualPlatform(models.TextChoices):
    ZOOM = "zoom", "Zoom"
    TEAMS = "teams", "Microsoft Teams"


class VirtualAttendanceReport(models.Model):
    """A participant report uploaded for one meeting. A newer upload supersedes older ones."""

    meeting = models.ForeignKey(
        "lms.Meeting", on_delete=models.PROTECT, related_name="virtual_reports"
    )
    platform = models.CharField(max_length=10, choices=VirtualPlatform.choices)
    file_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.get_platform_display()} report for {self.meeting}"


class VirtualAttendanceRow(models.Model):
    class Match(models.TextChoices):
        EMAIL = "email", "Matched by email"
        NAME = "name", "Matched by name"
        MANUAL = "manual", "Matched by a facilitator"
        UNMATCHED = "unmatched", "Not matched"
        IGNORED = "ignored", "Ignored (not a participant)"

    report = models.ForeignKey(
        VirtualAttendanceReport, on_delete=models.PROTECT, related_name="rows"
    )
    line_number = models.PositiveIntegerField()
    name = models.CharField(max_length=255, blank=True)
    email = models.CharField(max_length=254, blank=True)
    joined_at = models.DateTimeField()
    left_at = models.DateTimeField()
    registration = models.ForeignKey(
        "lms.Registration",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="virtual_rows",
    )
    match = models.CharField(max_length=10, choices=Match.choices, default=Match.UNMATCHED)

    class Meta:
        ordering = ["report", "line_number"]

    def __str__(self):
        return f"{self.name or self.email} {self.joined_at:%H:%M}–{self.left_at:%H:%M}"


def _material_storage():
    # Kept by name for migrations 0008 on; the storage is lms.storage's.
    return private_storage()


class SessionMaterial(models.Model):
    """A handout or slide deck, stored privately: served only to the session's facilitators,
    staff and confirmed registrants (lms.views.materials)."""

    session = models.ForeignKey("lms.Session", on_delete=models.PROTECT, related_name="materials")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="materials/%Y/%m/", storage=_material_storage)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(
        null=True, blank=True, help_text="Withdrawn materials are no longer offered."
    )

    class Meta:
        ordering = ["session", "uploaded_at"]

    def __str__(self):
        return self.title


class SessionReport(StateMachine, models.Model):
    """What actually happened at a session, filed by its facilitator.

    One MeetingDelivery per meeting (delivered or not, actual start and end) and one
    DeliveryFacilitator per person who facilitated it with their role. Facilitator pay is
    computed from filed reports only.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        FILED = "filed", "Filed"

    TRANSITIONS = {
        Status.DRAFT: {Status.FILED},
        Status.FILED: {Status.DRAFT},  # staff reopen a filed report for a correction
    }

    session = models.OneToOneField("lms.Session", on_delete=models.PROTECT, related_name="report")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    notes = models.TextField(blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self):
        return f"Session report: {self.session}"


class MeetingDelivery(models.Model):
    class Status(models.TextChoices):
        DELIVERED = "delivered", "Delivered"
        CANCELLED = "cancelled", "Cancelled"

    report = models.ForeignKey(SessionReport, on_delete=models.CASCADE, related_name="deliveries")
    meeting = models.OneToOneField("lms.Meeting", on_delete=models.PROTECT, related_name="delivery")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DELIVERED)
    actual_starts_at = models.DateTimeField(null=True, blank=True)
    actual_ends_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting__starts_at"]
        verbose_name_plural = "meeting deliveries"

    def __str__(self):
        return f"{self.meeting}: {self.get_status_display()}"

    @property
    def actual_minutes(self) -> int:
        if self.status != self.Status.DELIVERED or not (
            self.actual_starts_at and self.actual_ends_at
        ):
            return 0
        return int((self.actual_ends_at - self.actual_starts_at).total_seconds() // 60)


class DeliveryFacilitator(models.Model):
    delivery = models.ForeignKey(
        MeetingDelivery, on_delete=models.CASCADE, related_name="facilitators"
    )
    facilitator = models.ForeignKey(
        "lms.Facilitator", on_delete=models.PROTECT, related_name="deliveries"
    )
    role = models.CharField(max_length=10, choices=SessionFacilitator.Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "facilitator"], name="one_role_per_delivery"
            )
        ]

    def __str__(self):
        return f"{self.facilitator} ({self.get_role_display()})"
