"""Staff operations on a whole session, reached from the session's listing row and its page:
the operations page (progress and history), cancel the session, message its registrants, add
a registration (a walk-in). Each action is declared once in SESSION_ACTIONS and served by the
session viewset (lms/admin/catalogue.py)."""

from django import forms
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.admin.toolkit import ActionFormView, ObjectAction, may_become
from lms.models import (
    FeeTier,
    Registration,
    Session,
    SessionMessage,
    StaffAddition,
    User,
    WaitlistEntry,
)
from lms.rules.money import dollars
from lms.rules.time_zones import session_time_zone
from lms.selectors.registrations import seats_left
from lms.selectors.session_operations import (
    message_recipients,
    session_cancellation,
    session_messages,
)
from lms.services.session_operations import (
    PLACE_FIELDS,
    MeetingTimes,
    NewPerson,
    registration_staff_add,
    session_cancel,
    session_message_create,
    session_reschedule,
)

PERMISSION = "lms.change_session"


def _sessions():
    return Session.objects.select_related("training")


class SessionOperationsView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """The session's operations page: a cancellation's progress, messages sent with their
    progress, people staff added, and the buttons for each operation."""

    permission_required = PERMISSION
    raise_exception = True
    template_name = "lms/admin/session_operations.html"
    header_icon = "date"
    page_title = "Session operations"

    def get_page_subtitle(self):
        return str(self.session)

    def get_context_data(self, **kwargs):
        self.session = get_object_or_404(_sessions(), pk=self.kwargs["pk"])
        context = super().get_context_data(**kwargs)
        session = self.session
        user = self.request.user
        context.update(
            session=session,
            cancellation=session_cancellation(session=session),
            messages_sent=session_messages(session=session),
            additions=StaffAddition.objects.filter(registration__session=session).select_related(
                "registration__person", "added_by"
            ),
            seat_count=session.registrations.filter(status__in=Registration.SEAT_HOLDING).count(),
            actions=[
                (action.label, reverse(action.url_name, args=[session.pk]))
                for action in SESSION_ACTIONS[1:]
                if action.shown(user, session)
            ],
            edit_url=reverse("sessions:edit", args=[session.pk]),
            # A page that shows progress reloads itself until the work is done.
            refresh=self._still_running(session),
        )
        return context

    def _still_running(self, session) -> bool:
        progress = session_cancellation(session=session)
        if progress and not progress.finished:
            return True
        return any(item.sent < item.total for item in session_messages(session=session))


# --- Cancel ---------------------------------------------------------------------------------


class SessionCancelForm(forms.Form):
    reason = forms.CharField(
        max_length=300,
        help_text="Told to every registrant and facilitator, for example “The facilitator is ill”.",
    )
    confirm = forms.BooleanField(
        label="Cancel the session, its registrations, and refund every card payment in full"
    )


class SessionCancelView(ActionFormView):
    permission_required = PERMISSION
    queryset = _sessions()
    form_class = SessionCancelForm
    page_title = "Cancel session"
    header_icon = "cross"
    submit_button_label = "Cancel the session"
    success_message = "The session is cancelled; registrations are being cancelled and refunded."
    success_url_name = "sessions:operations"

    def get_summary(self):
        session = self.object
        holding = session.registrations.filter(status__in=Registration.SEAT_HOLDING)
        paid = sum(
            payment.refundable_cents
            for registration in holding.prefetch_related("payments")
            for payment in registration.payments.all()
            if payment.status in payment.PAID
        )
        waiting = session.waitlist.filter(
            status__in=(WaitlistEntry.Status.WAITING, WaitlistEntry.Status.OFFERED)
        ).count()
        return [
            f"{holding.filter(status=Registration.Status.CONFIRMED).count()} confirmed and "
            f"{holding.filter(status=Registration.Status.PENDING_PAYMENT).count()} held "
            "registrations will be cancelled, and each registrant emailed.",
            f"{dollars(paid)} paid by card will be refunded in full; scholarship commitments "
            "are released.",
            f"{waiting} people on the waitlist will be taken off it; open invoices whose seats "
            "are all cancelled are voided; the facilitators are told.",
            "It runs in the background: the session's operations page shows its progress.",
        ]

    def perform(self, form):
        return session_cancel(
            session=self.object, reason=form.cleaned_data["reason"], by=self.request.user
        )


# --- Message --------------------------------------------------------------------------------


class SessionMessageForm(forms.Form):
    audience = forms.ChoiceField(
        label="Send to", choices=SessionMessage.Audience.choices, widget=forms.RadioSelect
    )
    subject = forms.CharField(max_length=200)
    body = forms.CharField(label="Message", widget=forms.Textarea, max_length=10000)


class SessionMessageView(ActionFormView):
    """Write, preview (the first press), then send (the second)."""

    permission_required = PERMISSION
    queryset = _sessions()
    form_class = SessionMessageForm
    page_title = "Message registrants"
    header_icon = "mail"
    success_message = "The message is being sent; its progress is on this page."
    success_url_name = "sessions:operations"

    submit_button_label = "Preview"

    def get_summary(self):
        return ["Write the email, press Preview, read it, then press Send."]

    def form_valid(self, form):
        if "send" not in self.request.POST:
            return self.render_to_response(self.get_context_data(form=form, preview=True))
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        if kwargs.get("preview"):
            recipients = message_recipients(
                session=self.object, audience=form.cleaned_data["audience"]
            )
            context["summary"] = [
                f"Preview: “{form.cleaned_data['subject']}” to {len(recipients)} "
                f"{'person' if len(recipients) == 1 else 'people'}"
                + (
                    f" ({', '.join(person.email for person in recipients[:5])}"
                    f"{', …' if len(recipients) > 5 else ''})."
                    if recipients
                    else "."
                ),
                *form.cleaned_data["body"].splitlines(),
                "Press Send to send it, or change it and preview again.",
            ]
            context["submit_button_label"] = "Send"
            context["send_step"] = True
        return context

    def get_template_names(self):
        return ["lms/admin/session_message_form.html"]

    def perform(self, form):
        return session_message_create(
            session=self.object,
            audience=form.cleaned_data["audience"],
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            by=self.request.user,
        )


# --- Reschedule -----------------------------------------------------------------------------


class SessionRescheduleForm(forms.Form):
    """One start and end per meeting, then the place and the link."""

    venue_name = forms.CharField(max_length=200, required=False)
    venue_address = forms.CharField(max_length=300, required=False)
    city = forms.CharField(max_length=100, required=False)
    online_link = forms.URLField(required=False, assume_scheme="https")

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        zone = session_time_zone(session.time_zone)
        self.meetings = list(session.meetings.order_by("starts_at"))
        for number, meeting in enumerate(self.meetings, start=1):
            for end in ("starts_at", "ends_at"):
                local = timezone.localtime(getattr(meeting, end), zone)
                self.fields[f"meeting_{meeting.pk}_{end}"] = forms.DateTimeField(
                    label=f"Meeting {number} {'starts' if end == 'starts_at' else 'ends'}",
                    initial=local.strftime("%Y-%m-%d %H:%M"),
                    help_text=f"In {zone.key}, as YYYY-MM-DD HH:MM.",
                )
        for field in PLACE_FIELDS:
            self.fields[field].initial = getattr(session, field)
        self.zone = zone

    def full_clean(self):
        # Times are typed in the session's own time zone (the help text says which).
        with timezone.override(self.zone):
            super().full_clean()

    def meeting_times(self) -> list[MeetingTimes]:
        return [
            MeetingTimes(
                meeting_id=meeting.pk,
                starts_at=self.cleaned_data[f"meeting_{meeting.pk}_starts_at"],
                ends_at=self.cleaned_data[f"meeting_{meeting.pk}_ends_at"],
            )
            for meeting in self.meetings
        ]


class SessionRescheduleView(ActionFormView):
    permission_required = PERMISSION
    queryset = _sessions()
    form_class = SessionRescheduleForm
    page_title = "Reschedule session"
    header_icon = "date"
    submit_button_label = "Save and tell registrants"
    success_message = "Saved; registrants are being emailed what changed."
    success_url_name = "sessions:operations"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "session": self.object}

    def get_summary(self):
        return [
            "Change meeting times, the venue or the online link. Everyone holding a seat is "
            "emailed what changed with an updated calendar file; reminders follow the new "
            "date; anyone registered before the change may cancel with a full refund until "
            "the session starts."
        ]

    def perform(self, form):
        return session_reschedule(
            session=self.object,
            meetings=form.meeting_times(),
            place={field: form.cleaned_data[field] for field in PLACE_FIELDS},
            by=self.request.user,
        )


# --- Walk-ins and staff-added registrations --------------------------------------------------


class StaffAddForm(forms.Form):
    email = forms.EmailField(help_text="An existing account is used if there is one.")
    name = forms.CharField(
        max_length=200, required=False, help_text="Needed when the person has no account yet."
    )
    tier = forms.ModelChoiceField(queryset=FeeTier.objects.none(), required=False, label="Fee tier")
    settlement = forms.ChoiceField(
        label="Settled by", choices=StaffAddition.Settlement.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        max_length=300, required=False, help_text="Why the seat is complimentary."
    )
    reference = forms.CharField(
        max_length=100, required=False, help_text="Check number or cash receipt number."
    )
    capacity_override_reason = forms.CharField(
        max_length=300,
        required=False,
        label="Over capacity because",
        help_text="Only when the session is full; logged.",
    )

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        schedule = session.effective_fee_schedule
        if schedule is not None:
            self.fields["tier"].queryset = schedule.tiers.all()


class StaffAddView(ActionFormView):
    permission_required = PERMISSION
    queryset = _sessions()
    form_class = StaffAddForm
    page_title = "Add a registration"
    header_icon = "user"
    submit_button_label = "Add"
    success_url_name = "sessions:operations"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "session": self.object}

    def get_summary(self):
        left = seats_left(session=self.object, now=timezone.now())
        return [
            "Add a walk-in or a person staff register, at any time, also after the session "
            "started. They can be checked in at once from the attendance roster.",
            f"Seats left: {left}." + (" Adding over capacity needs a reason." if left <= 0 else ""),
        ]

    def perform(self, form):
        data = form.cleaned_data
        person = User.objects.filter(email__iexact=data["email"]).first()
        return registration_staff_add(
            session=self.object,
            by=self.request.user,
            person=person,
            new_person=None if person else NewPerson(name=data["name"], email=data["email"]),
            tier=data["tier"],
            settlement=data["settlement"],
            reason=data["reason"],
            reference=data["reference"],
            capacity_override_reason=data["capacity_override_reason"],
        )

    def get_success_message(self, result):
        return f"{result.person.email} is added ({result.get_status_display().lower()})."


def _not_cancelled(session) -> bool:
    return session.status != Session.Status.CANCELLED


SESSION_ACTIONS = (
    ObjectAction("Operations and history", "sessions:operations", SessionOperationsView),
    ObjectAction(
        "Cancel session",
        "sessions:cancel",
        SessionCancelView,
        allowed=may_become(Session.Status.CANCELLED),
    ),
    ObjectAction(
        "Reschedule",
        "sessions:reschedule",
        SessionRescheduleView,
        allowed=lambda session: session.status == Session.Status.SCHEDULED,
    ),
    ObjectAction("Message registrants", "sessions:message", SessionMessageView),
    ObjectAction(
        "Add a registration", "sessions:add_registration", StaffAddView, allowed=_not_cancelled
    ),
)
