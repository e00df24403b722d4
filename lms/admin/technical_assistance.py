"""Staff screens for the technical assistance queue."""

from django import forms
from django.contrib.auth import get_user_model
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from lms.admin.toolkit import PeopleValuesInspectView
from lms.errors import DomainError
from lms.forms.text import LONG_TEXT_MAX, text_limit
from lms.models import TechnicalAssistanceRequest
from lms.services.technical_assistance import ta_request_change, ta_request_check_change


class TechnicalAssistanceQueueForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = get_user_model().objects.filter(
            is_staff=True, is_active=True
        )
        self.original_status = self.instance.status
        text_limit(self.fields["staff_note"], LONG_TEXT_MAX)

    def clean(self):
        data = super().clean()
        try:
            ta_request_check_change(
                current=self.original_status, status=data.get("status"), owner=data.get("owner")
            )
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc
        return data


class TechnicalAssistanceEditView(EditView):
    def save_instance(self):
        # The form only validated; the service locks, logs and emails the requester.
        data = self.form.cleaned_data
        fresh = TechnicalAssistanceRequest.objects.get(pk=self.object.pk)
        return ta_request_change(
            request=fresh,
            status=data["status"],
            owner=data["owner"],
            note=data["staff_note"],
            by=self.request.user,
        )


class TechnicalAssistanceViewSet(ModelViewSet):
    model = TechnicalAssistanceRequest
    inspect_view_class = PeopleValuesInspectView
    icon = "help"
    menu_label = "TA requests"
    name = "technical_assistance"
    url_prefix = "technical-assistance"
    add_to_admin_menu = False
    inspect_view_enabled = True
    edit_view_class = TechnicalAssistanceEditView
    list_display = [
        "topic",
        "requester_name",
        "organization_name",
        "urgency",
        "status",
        "owner",
        "created_at",
    ]
    list_filter = ["status", "urgency", "owner", "training"]
    search_fields = ["topic", "details", "requester_name", "requester_email", "organization_name"]
    edit_handler = ObjectList(
        [FieldPanel("status"), FieldPanel("owner"), FieldPanel("staff_note")],
        base_form_class=TechnicalAssistanceQueueForm,
    )
