"""Wagtail admin screens for the catalogue records: trainings, sessions (with their meetings
and facilitators), fee schedules (with tiers), topics, audiences, CE credentials, and the
facilitator snippet. Registered from lms/wagtail_hooks.py.
"""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.admin.session_operations import SESSION_ACTIONS
from lms.admin.toolkit import ObjectActionsViewSet, PeopleValuesInspectView
from lms.models import (
    Audience,
    CeCredential,
    Conference,
    Facilitator,
    FeeSchedule,
    Registration,
    Session,
    Topic,
    Training,
)


class SessionAdminForm(WagtailAdminModelForm):
    """Keeps `Session.starts_at` in step after meetings are added or removed, refuses a
    capacity below the seats already held, and asks for the band of a budget-band priority."""

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if self.instance.pk and status and status != self.instance.status:
            if status == Session.Status.CANCELLED:
                self.add_error(
                    "status",
                    "Use “Cancel session” so that registrants are refunded and told.",
                )
            elif not Session.transition_allowed(self.instance.status, status):
                self.add_error("status", "A cancelled session cannot be reopened.")
        elif not self.instance.pk and status == Session.Status.CANCELLED:
            self.add_error("status", "A new session starts as scheduled.")
        capacity = cleaned.get("capacity")
        if self.instance.pk and capacity is not None:
            held = self.instance.registrations.filter(status__in=Registration.SEAT_HOLDING).count()
            if capacity < held:
                self.add_error(
                    "capacity",
                    f"{held} seats are already held; the capacity cannot be lower than that.",
                )
        if cleaned.get("waitlist_priority") == Session.WaitlistPriority.BUDGET_BAND and not (
            cleaned.get("waitlist_priority_budget_band")
        ):
            self.add_error(
                "waitlist_priority_budget_band",
                "Choose the budget band that goes first on the waitlist.",
            )
        return cleaned

    def save(self, commit=True):
        session = super().save(commit=commit)
        if commit:
            session.refresh_starts_at()
        return session


class TrainingViewSet(ModelViewSet):
    model = Training
    inspect_view_enabled = True
    inspect_view_class = PeopleValuesInspectView
    icon = "doc-full"
    menu_label = "Trainings and events"
    list_display = ["title", "kind", "format", "duration_minutes", "language", "fee_schedule"]
    list_filter = ["kind", "format", "language", "topics"]
    search_fields = ["title", "summary", "audience", "region"]
    panels = [
        # A gathering (any kind but CE training) is published under Events, not the catalogue.
        FieldRowPanel([FieldPanel("kind"), FieldPanel("region")]),
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("format"), FieldPanel("language")]),
        # CE hours and credentials are not set here: they come from the training's CE
        # approvals (CE credit → CE approvals), the same rows certificates are issued from.
        FieldPanel(
            "duration_minutes",
            help_text="Scheduled instruction time. CE hours come from the training's CE "
            "approvals (CE credit → CE approvals).",
        ),
        FieldPanel("audience"),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("facilitators", widget=forms.CheckboxSelectMultiple),
        FieldPanel("fee_schedule"),
    ]


class SessionViewSet(ObjectActionsViewSet):
    model = Session
    # Cancel, message, add a registration, and the operations page (lms/admin/session_operations.py).
    object_actions = SESSION_ACTIONS
    inspect_view_enabled = True  # ObjectActionsViewSet's inspect view: values for people
    icon = "date"
    menu_label = "Sessions"
    list_display = ["__str__", "format", "city", "capacity", "status"]
    list_filter = ["status", "format", "city"]
    search_fields = ["training__title", "city", "venue_name"]
    edit_handler = ObjectList(
        [
            FieldPanel("training"),
            FieldPanel("conference"),
            FieldRowPanel([FieldPanel("format"), FieldPanel("status"), FieldPanel("capacity")]),
            MultiFieldPanel(
                [
                    FieldPanel("venue_name"),
                    FieldPanel("venue_address"),
                    FieldPanel("city"),
                    FieldPanel("online_link"),
                    FieldPanel("time_zone"),
                ],
                heading="Where",
            ),
            FieldRowPanel(
                [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")],
                heading="Registration window",
            ),
            FieldPanel("fee_schedule"),
            FieldRowPanel(
                [FieldPanel("waitlist_priority"), FieldPanel("waitlist_priority_budget_band")],
                heading="Waitlist priority",
            ),
            InlinePanel("meetings", heading="Meetings", label="Meeting", min_num=1),
            InlinePanel("assignments", heading="Facilitators", label="Facilitator"),
        ],
        base_form_class=SessionAdminForm,
    )


class FeeScheduleViewSet(ModelViewSet):
    model = FeeSchedule
    inspect_view_enabled = True
    inspect_view_class = PeopleValuesInspectView
    icon = "tag"
    menu_label = "Fee schedules"
    list_display = ["name", "partner_discount_percent"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("partner_discount_percent"),
        InlinePanel("tiers", heading="Tiers (prices in dollars)", label="Tier", min_num=1),
    ]


class TopicViewSet(ModelViewSet):
    model = Topic
    inspect_view_enabled = True
    inspect_view_class = PeopleValuesInspectView
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    form_fields = ["name", "slug"]


class AudienceViewSet(ModelViewSet):
    model = Audience
    inspect_view_enabled = True
    inspect_view_class = PeopleValuesInspectView
    icon = "group"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    form_fields = ["name", "slug"]


class CeCredentialViewSet(ModelViewSet):
    model = CeCredential
    inspect_view_enabled = True
    inspect_view_class = PeopleValuesInspectView
    icon = "success"
    menu_label = "CE credentials"
    list_display = ["name", "code", "license_types"]
    form_fields = ["name", "code", "license_types"]


class ConferenceViewSet(ModelViewSet):
    """Conferences group sessions; a session's form names its conference."""

    model = Conference
    inspect_view_enabled = True
    inspect_view_class = PeopleValuesInspectView
    icon = "group"
    menu_label = "Conferences"
    list_display = ["title", "starts_on", "ends_on", "location"]
    search_fields = ["title"]
    form_fields = ["title", "slug", "starts_on", "ends_on", "location"]


class CatalogueViewSetGroup(ModelViewSetGroup):
    menu_label = "Catalogue"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (
        TrainingViewSet("trainings"),
        SessionViewSet("sessions"),
        ConferenceViewSet("conferences"),
        FeeScheduleViewSet("fee_schedules"),
        TopicViewSet("topics"),
        AudienceViewSet("audiences"),
        CeCredentialViewSet("ce_credentials"),
    )


class FacilitatorViewSet(SnippetViewSet):
    model = Facilitator
    inspect_view_enabled = True
    inspect_view_class = PeopleValuesInspectView
    icon = "user"
    menu_label = "Facilitators"
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "credentials", "pronouns", "email"]
    search_fields = ["name", "credentials", "email"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("credentials"), FieldPanel("pronouns")]),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("lived_experience"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("user")], heading="Facilitator portal login"
        ),
    ]
