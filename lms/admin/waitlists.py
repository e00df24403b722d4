"""Staff screens for waitlists."""

from django import forms
from django.urls import reverse
from wagtail.admin.ui.tables import Column

from lms.admin.toolkit import (
    ActionFormView,
    ActionIndexView,
    ObjectAction,
    ObjectActionsViewSet,
    PersonColumn,
    may_become,
)
from lms.models import (
    WaitlistEntry,
)
from lms.services.waitlists import waitlist_move


class MoveForm(forms.Form):
    position = forms.IntegerField(label="New place (1 = first)", min_value=1)
    reason = forms.CharField(label="Reason (logged)", max_length=300)


class WaitlistMoveView(ActionFormView):
    permission_required = "lms.change_waitlistentry"
    page_title = "Move on the waitlist"
    submit_button_label = "Move"
    form_class = MoveForm
    success_message = "Moved."
    queryset = WaitlistEntry.objects.select_related("session")

    def perform(self, form):
        return waitlist_move(
            entry=self.object,
            position=form.cleaned_data["position"],
            reason=form.cleaned_data["reason"],
            by=self.request.user,
        )

    def get_success_url(self, result=None):
        return reverse("lms_waitlist:index") + f"?session={self.object.session_id}"


class WaitlistIndexView(ActionIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("person__profile", "session__training")


class WaitlistViewSet(ObjectActionsViewSet):
    model = WaitlistEntry
    index_view_class = WaitlistIndexView
    icon = "list-ol"
    menu_label = "Waitlists"
    name = "lms_waitlist"
    url_prefix = "waitlists"
    add_to_reference_index = False
    copy_view_enabled = False
    object_actions = [
        ObjectAction(
            "Move",
            "lms_waitlist:move",
            WaitlistMoveView,
            # Only an entry still in line may be offered a seat, and only those are moved.
            allowed=may_become(WaitlistEntry.Status.OFFERED),
            icon_name="order",
            priority=20,
        ),
    ]
    list_filter = ["session", "status"]
    list_display = [
        "position",
        PersonColumn("person", label="Person"),
        Column("session", label="Session", accessor="session"),
        "priority",
        "status",
        "offer_expires_at",
        "created_at",
    ]
    ordering = ["session", "position", "created_at"]
    form_fields = []
