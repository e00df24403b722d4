"""Staff screens for waitlists."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from lms.admin.toolkit import ActionFormView
from lms.models import (
    WaitlistEntry,
)
from lms.services.waitlists import WaitlistError, waitlist_move


class MoveForm(forms.Form):
    position = forms.IntegerField(label="New place (1 = first)", min_value=1)
    reason = forms.CharField(label="Reason (logged)", max_length=300)


class WaitlistMoveView(ActionFormView):
    page_title = "Move on the waitlist"
    submit_button_label = "Move"
    form_class = MoveForm

    def dispatch(self, request, pk):
        if not request.user.has_perm("lms.change_waitlistentry"):
            raise PermissionDenied
        self.entry = get_object_or_404(WaitlistEntry.objects.select_related("session"), pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.entry)

    def form_valid(self, form):
        try:
            waitlist_move(
                entry=self.entry,
                position=form.cleaned_data["position"],
                reason=form.cleaned_data["reason"],
                by=self.request.user,
            )
        except WaitlistError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, "Moved.")
        return redirect(reverse("lms_waitlist:index") + f"?session={self.entry.session_id}")


class WaitlistIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == WaitlistEntry.Status.WAITING:
            buttons.append(
                Button(
                    "Move",
                    url=reverse("lms_waitlist:move", args=[instance.pk]),
                    icon_name="order",
                    priority=20,
                )
            )
        return buttons


class WaitlistViewSet(ModelViewSet):
    model = WaitlistEntry
    icon = "list-ol"
    menu_label = "Waitlists"
    name = "lms_waitlist"
    url_prefix = "waitlists"
    add_to_reference_index = False
    index_view_class = WaitlistIndexView
    copy_view_enabled = False
    list_filter = ["session", "status"]
    list_display = [
        "position",
        Column("person", label="Person", accessor="person"),
        Column("session", label="Session", accessor="session"),
        "priority",
        "status",
        "offer_expires_at",
        "created_at",
    ]
    ordering = ["session", "position", "created_at"]
    form_fields = []

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("move/<int:pk>/", WaitlistMoveView.as_view(), name="move"),
        ]
